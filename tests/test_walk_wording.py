"""Wording a new learner met on a first walk through the tutor, kept as it was fixed."""

from __future__ import annotations

import io

from rich.console import Console

from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.sessions.scripted_asker import ScriptedAsker
from sysdesign_cli.sessions.written import review

STAGES = {
    stage.id: stage
    for exercise in load_curriculum(grade_with=False).exercises.values()
    for stage in exercise.stages
}


def points_line(answer: str) -> str:
    out = io.StringIO()
    console = Console(file=out, width=200, color_system=None)
    review(ScriptedAsker([ScriptedAsker.KEEP]), console, STAGES["pb-improvement"].rubric,
           answer, "model")  # fmt: skip
    return next(line for line in out.getvalue().splitlines() if line.startswith("Your points"))


def test_more_points_than_needed_are_not_said_as_3_of_2() -> None:
    answer = ("the one database is a spof, so add a replica with failover; pastes never "
              "expire, so add a ttl and a cleanup job")  # fmt: skip
    assert points_line(answer) == "Your points (self-assessed): 4, more than the 2 needed"


def test_as_many_as_needed_or_fewer_read_as_before() -> None:
    assert points_line("the one database is a spof, so add a replica") == (
        "Your points (self-assessed): 2 of 2 needed"
    )
