"""What the author's lint reads and what it reports: every graded item with its place,
and a finding (rule, message, place) for each thing an author should fix."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sysdesign_cli.core.curriculum import Lesson
from sysdesign_cli.core.exercise_schema import Exercise
from sysdesign_cli.core.loader import Curriculum

# Rule names, as printed after each finding.
TOPIC = "topic-not-in-lesson"
LONGEST = "longest-option"
HINT_ANSWER = "hint-gives-answer"
HINT_COUNT = "hint-counts-options"
CONTEXT = "needs-context"
DUPLICATE = "near-duplicate"
PROMPT_ANSWER = "prompt-shows-answer"
LEAK_AHEAD = "leaks-next-answer"
TOLERANCE_GIVEN = "tolerance-takes-a-given"
STAGE_HINTS = "stage-hints"
REFERENCE = "reference-fails-checks"
REFERENCE_LOAD = "reference-over-capacity"


@dataclass(frozen=True)
class Finding:
    """One thing an author should fix, where it is, and which rule found it."""

    source: str  # "lesson:<id>" or "exercise:<id>"
    loc: tuple[str | int, ...]  # e.g. ("steps", 3, "hints", 0)
    rule: str
    message: str
    error: bool = False


@dataclass(frozen=True)
class Item:
    """A graded item (question, estimate or exercise stage) and where it sits."""

    source: str
    loc: tuple[str | int, ...]
    step: Any
    owner: Lesson | Exercise


def graded_items(curriculum: Curriculum) -> Iterator[Item]:
    """Every graded item: lesson questions and estimates, then exercise stages."""
    for lesson in curriculum.ordered_lessons():
        for index, step in enumerate(lesson.steps):
            if step.kind in ("question", "estimate"):
                yield Item(f"lesson:{lesson.id}", ("steps", index), step, lesson)
    for exercise in curriculum.ordered_exercises():
        for index, stage in enumerate(exercise.stages):
            yield Item(f"exercise:{exercise.id}", ("stages", index), stage, exercise)


def finding(
    item: Item, rule: str, message: str, *field: str | int, error: bool = False
) -> Finding:
    """A finding at `item`, or at `field` inside it."""
    return Finding(item.source, item.loc + field, rule, message, error)


def options(step: Any) -> tuple[list[str], list[str]] | None:
    """(choices, right ones) for a choice, multi or choose step; None otherwise."""
    if step.kind == "question" and step.type == "choice":
        return list(step.choices), [step.answer]
    if (step.kind == "question" and step.type == "multi") or step.kind == "choose":
        return list(step.choices), list(step.answers)
    return None
