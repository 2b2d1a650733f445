"""The feedback shown after one graded step never states the answer of the question asked
right after it: a learner would read the answer a second before being asked for it."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

import pytest

from sysdesign_cli.core.loader import load_curriculum

CURRICULUM = load_curriculum(grade_with=False)


def answered_early(steps: Sequence[Any]) -> list[str]:
    """The ids of choice questions whose answer the graded step just before them explained."""
    found = []
    for before, step in pairwise(steps):
        answer = getattr(step, "answer", None)
        said = getattr(before, "explanation", None)
        if isinstance(answer, str) and said and answer.lower() in said.lower():
            found.append(step.id)
    return found


@pytest.mark.parametrize("name", sorted(CURRICULUM.exercises))
def test_an_exercise_stage_does_not_answer_the_next_question(name: str) -> None:
    assert answered_early(CURRICULUM.exercises[name].stages) == []


@pytest.mark.parametrize("name", sorted(CURRICULUM.lessons))
def test_a_lesson_question_does_not_answer_the_next_one(name: str) -> None:
    assert answered_early(CURRICULUM.lessons[name].steps) == []


def test_the_check_finds_an_answer_told_just_before() -> None:
    class Step:
        def __init__(self, id: str, answer: str | None, explanation: str | None) -> None:
            self.id, self.answer, self.explanation = id, answer, explanation

    steps = [Step("a", None, "Ten reads per write: read-heavy."), Step("b", "Read-heavy", "-")]
    assert answered_early(steps) == ["b"]
