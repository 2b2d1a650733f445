"""A finding quotes the learner's own words, not the rubric's phrase they matched."""

from __future__ import annotations

import pytest

from sysdesign_cli.core.evidence import own_words
from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.core.rubric import FOUND, assess

STAGES = {stage.id: stage for exercise in load_curriculum().exercises.values()
          for stage in exercise.stages}  # fmt: skip


@pytest.mark.parametrize(
    ("answer", "phrase", "quoted"),
    [("the single db is a spof; add a replica", "single database", "single db"),
     ("Put an L.B. in front", "load balancer", "L.B."),
     ("the databse is one box.", "database", "databse"),
     ("reply at once, then write it to the log later.", "reply ... later",
      "reply at once, then write it to the log later"),
     ("no replica needed, honestly", "not replica", "no replica"),
     ("pastes never expire", "object storage", "object storage")],
)  # fmt: skip
def test_the_shortest_stretch_of_the_answer_that_says_the_phrase(
    answer: str, phrase: str, quoted: str
) -> None:
    assert own_words(answer, phrase) == quoted


def test_a_finding_shows_back_what_the_learner_typed() -> None:
    rubric = STAGES["pb-improvement"].rubric
    findings = {f.point_id: f for f in assess("the single db is a SPOF, so add a standby db",
                                              rubric)}  # fmt: skip
    assert findings["spof"].status == FOUND
    assert findings["spof"].evidence in ("single db", "SPOF")
    assert "database" not in " ".join(f.evidence for f in findings.values())
