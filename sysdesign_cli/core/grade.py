"""The verdict on one answer, as every grader returns it."""

from __future__ import annotations

from dataclasses import dataclass

from sysdesign_cli.core.bands import Band


@dataclass(frozen=True)
class Grade:
    """The verdict on one answer."""

    correct: bool
    score: float  # 0.0 to 1.0: partial credit for multi and order
    feedback: str  # what was right or wrong, in a sentence
    expected: str  # the right answer, to show once the learner has tried
    band: Band | None = None
    retry: bool = False  # not graded (unreadable, or a restated given): ask again, no try
    hint: str | None = None  # the hint this mistake calls for (a diagnosed slip)
    # What to say before another try, where `feedback` would give part of the answer away
    # (how many options are right); None: `feedback`.
    nudge: str | None = None
