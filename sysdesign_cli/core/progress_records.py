"""What the progress store answers with: plain frozen records, with no SQLite behind them,
so a screen can show them without loading the store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class LessonProgress:
    """Where a learner is in one lesson."""

    lesson_id: str
    next_step: int
    steps_total: int
    completed: bool
    updated_at: datetime


@dataclass(frozen=True)
class TopicStats:
    """How many questions on one topic were answered, and how many correctly."""

    topic: str
    answered: int
    correct: int

    @property
    def accuracy(self) -> float:
        """Fraction answered correctly, 0.0 when nothing was answered."""
        return self.correct / self.answered if self.answered else 0.0


@dataclass(frozen=True)
class ExerciseResult:
    """One graded attempt at a design exercise."""

    exercise_id: str
    score: float
    max_score: float
    result_json: str
    created_at: datetime
