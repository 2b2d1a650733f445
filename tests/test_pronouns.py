"""A fix said of a pronoun (`replicate it`, `add a second one`, `run two of them`) is the
fix of the block the answer named before it, in every rubric of the weakness-and-fix
shape."""

from __future__ import annotations

from typing import Any

import pytest

from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.core.pronouns import resolve
from sysdesign_cli.core.rubric import assess, found_fraction


@pytest.mark.parametrize(
    ("typed", "read"),
    [("the load balancer is a single point of failure; replicate it",
      "the load balancer is a single point of failure; replicate the load balancer"),
     ("the LB is a spof, add a second one", "the LB is a spof, add a second LB"),
     ("one app server: run two of them", "one app server: run two app servers"),
     ("the db dies; add a standby for it", "the db dies; add a standby for the db"),
     ("the lb is a spof - make it redundant", "the lb is a spof - make the lb redundant"),
     ("replicate it", "replicate it"),
     ("the db can fail; latency is high so replicate it",  # an idea is no block
      "the db can fail; latency is high so replicate the db"),
     ("pastes never expire; add a TTL", "pastes never expire; add a TTL"),
     ("the cache is full; put it in S3", "the cache is full; put it in S3")],
)  # fmt: skip
def test_a_pronoun_of_a_fix_reads_as_the_block_named_before_it(typed: str, read: str) -> None:
    assert resolve(typed) == read


def _rubrics() -> dict[str, Any]:
    curriculum = load_curriculum()
    rubrics = {stage.id: stage.rubric for exercise in curriculum.exercises.values()
               for stage in exercise.stages if hasattr(stage, "rubric")}  # fmt: skip
    for interview in curriculum.interviews.values():
        rubrics[interview.stage("wrap_up").id] = interview.stage("wrap_up").rubric
    return rubrics


WRAP_UPS = ["iv-pb-wrap-up", "iv-us-wrap-up", "iv-ch-wrap-up", "iv-ps-wrap-up",
            "iv-st-wrap-up", "iv-vd-wrap-up"]


@pytest.mark.parametrize(
    ("answer", "complete"),
    [("the load balancer is a single point of failure; replicate it", True),
     ("the load balancer is a single point of failure; add a second one", True),
     ("there is only one LB, run two of them", True),
     ("the single load balancer can die, so make it redundant", True),
     ("the single app server is a spof, so add another one", True),
     ("the lb is a spof; replicate the database", False),
     ("the load balancer is a single point of failure", False),
     ("replicate it", False)],
)  # fmt: skip
def test_a_pronoun_fix_is_credited_as_the_fix_of_the_block_named(
    answer: str, complete: bool
) -> None:
    rubric = _rubrics()["pb-improvement"]
    assert (found_fraction(rubric, assess(answer, rubric)) >= 1) is complete


@pytest.mark.parametrize("stage_id", ["pb-improvement", *WRAP_UPS])
def test_the_database_fix_said_of_a_pronoun_is_the_database_fix(stage_id: str) -> None:
    rubric = _rubrics()[stage_id]
    made = assess("the database is a single point of failure; replicate it", rubric)
    assert found_fraction(rubric, made) >= 1
    if stage_id != "iv-ps-wrap-up":  # its point counts one of anything as the weakness
        for other in ("the cache is a single point of failure; replicate it",
                      "the lb is a spof; replicate the database"):
            assert found_fraction(rubric, assess(other, rubric)) < 1, other


@pytest.mark.parametrize(
    ("typed", "points"),
    [("The load balancer is a single point of failure; replicate it.", {"lone-box", "second-box"}),
     ("one load balancer is a spof, run two of them", {"lone-box", "second-box"}),
     ("The database is a single point of failure, add another one.", {"spof", "replica"}),
     ("The database is a SPOF; make it redundant.", {"spof", "replica"}),
     ("The single database is a single point of failure; add a replica with failover.",
      {"spof", "replica"}),
     ("lb is a spof; replicate the database", {"lone-box", "replica"})],
)
def test_pastebin_credits_each_fix_to_the_block_it_is_the_fix_of(
    typed: str, points: set[str]
) -> None:
    """Which points are found, not only whether the answer is whole: a fix of the load
    balancer is never the database's fix, nor the other way round."""
    from sysdesign_cli.core.rubric import FOUND

    stage = next(item for item in load_curriculum().exercises["pastebin"].stages
                 if item.id == "pb-improvement")  # fmt: skip
    found = {finding.point_id for finding in assess(typed, stage.rubric) if finding.status == FOUND}
    assert found == points
