"""`2 of 3` typed where a count is asked is the count, 2, with the whole it is taken from
said beside it, never the fraction 0.67; where a share is asked, a ratio stays a ratio."""

from __future__ import annotations

import pytest

from sysdesign_cli.core.grading import grade_question
from sysdesign_cli.core.question_schema import NumberQuestion


def _question(prompt: str, answer: float) -> NumberQuestion:
    return NumberQuestion.model_validate({
        "kind": "question", "id": "q", "topic": "t", "explanation": "-", "prompt": prompt,
        "type": "number", "answer": answer, "tolerance": 0.01})  # fmt: skip


@pytest.mark.parametrize(
    ("typed", "right"),
    [("2 of 3", True), ("2 out of 3", True), ("two of three", True), ("about 2 of 3", True),
     ("1 of 3", False), ("3 of 3", False), ("2", True), ("2/3", False)],
)
def test_a_count_of_a_whole_is_the_count(typed: str, right: bool) -> None:
    question = _question("With majority quorum, how many replicas must acknowledge a write?", 2)
    assert grade_question(question, typed).correct is right


def test_a_count_of_the_whole_the_prompt_states_still_reads() -> None:
    question = _question("Out of 1,000 requests, about how many took longer than 150 ms?", 10)
    assert grade_question(question, "10 out of 1000").correct


def test_where_a_share_is_asked_a_ratio_stays_a_ratio() -> None:
    question = _question("What fraction of the replicas must acknowledge a write?", 0.67)
    assert grade_question(question, "2 of 3").correct
