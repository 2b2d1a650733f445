"""What a learner types in a mock interview, part by part, worked out from the scenario
YAML and the engine (the exercise parts through `exercise_answers`)."""

from __future__ import annotations

from typing import Any

from exercise_answers import plain_lines, script

from sysdesign_cli.core.interviews import Interview
from sysdesign_cli.core.loader import load_curriculum

INTERVIEWS = load_curriculum().interviews


def good_questions(interview: Interview) -> list[str]:
    """Every clarifying question that matters, none that does not."""
    return [q.ask for q in interview.clarify.mattering()]


def round_script(interview: Interview, clarify: list[str] | None = None,
                 design: list[str] | None = None, **overrides: list[Any]) -> list[Any]:  # fmt: skip
    """A whole round: the clarifying picks, then every part answered right on the
    learner's `design` (the reference if None) unless overridden (by stage id, `-` as `_`)."""
    picks = good_questions(interview) if clarify is None else clarify
    return [picks, *script(interview.exercise(), design, **overrides)]


def plain_round(interview: Interview, **overrides: list[Any]) -> str:
    """A whole round as plain-mode input lines."""
    return plain_lines(round_script(interview, **overrides))
