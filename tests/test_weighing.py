"""A cost said to be absent weighs it only with its reason: `it never collides` alone does
not make the point (true of a counter, wrong of random codes, and the answer has not said
which it means: neither made nor called wrong); `a counter never collides` weighs it."""

from __future__ import annotations

import pytest

from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.core.rubric import CONTRADICTED, FOUND, MISSING, assess

STAGES = {stage.id: stage for exercise in load_curriculum().exercises.values()
          for stage in exercise.stages}  # fmt: skip


def _collisions(answer: str) -> str:
    findings = assess(answer, STAGES["us-code-generation"].rubric)
    return next(f.status for f in findings if f.point_id == "collisions")


@pytest.mark.parametrize(
    "answer",
    ["it never collides", "codes never collide, and they are short",
     "it never collides and codes stay short", "they never clash"],
)
def test_a_cost_denied_with_no_reason_does_not_make_the_point(answer: str) -> None:
    assert _collisions(answer) == MISSING


@pytest.mark.parametrize(
    "answer",
    ["auto increment, it never collides", "a counter never collides and codes stay short",
     "it never collides because each code comes from one counter",
     "sequential IDs never collide"],
)
def test_a_cost_denied_with_its_reason_weighs_the_point(answer: str) -> None:
    assert _collisions(answer) == FOUND


def test_a_point_that_is_an_absence_is_made_by_saying_so() -> None:
    findings = assess("no empty requests, and the server pushes the message instantly",
                      STAGES["ch-connection"].rubric)
    assert next(f.status for f in findings if f.point_id == "overhead") == FOUND


@pytest.mark.parametrize(
    "answer",
    ["a counter: no collisions, but every server shares it",
     "random codes: two can collide, so retry; unlike a counter they can't be guessed"],
)
def test_a_plain_no_or_a_contrast_claims_nothing_for_all_time(answer: str) -> None:
    findings = assess(answer, STAGES["us-code-generation"].rubric)
    assert CONTRADICTED not in {f.status for f in findings}
