"""Wording a new learner met on a first walk through the tutor, kept as it was fixed."""

from __future__ import annotations

import io
from collections.abc import Sequence

import pytest
from rich.console import Console

from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.sessions.scripted_asker import ScriptedAsker
from sysdesign_cli.sessions.terminal_asker import TerminalAsker
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


class _Places(TerminalAsker):
    """The terminal asker's `order`, its lists recorded instead of drawn."""

    def __init__(self) -> None:  # no terminal needed: `select` is replaced
        self.asked: list[str] = []

    def select(self, prompt: str, choices: Sequence[str]) -> str:
        self.asked.append(prompt)
        return choices[0]


@pytest.mark.parametrize(
    ("prompt", "first"),
    [
        pytest.param("Order these operations from fastest to slowest.",
                     "Order these operations from fastest to slowest. Which comes first?",
                     id="a-sentence"),  # fmt: skip
        pytest.param("Steps of an upload", "Steps of an upload - which comes first?",
                     id="a-title"),  # fmt: skip
    ],
)
def test_an_order_question_asks_for_each_place_in_a_sentence(prompt: str, first: str) -> None:
    asker = _Places()
    assert asker.order(prompt, ["a", "b", "c"]) == ["a", "b", "c"]
    assert asker.asked == [first, first.replace("first", "next")]


def test_a_worked_out_line_that_wraps_keeps_its_indent() -> None:
    # At 80 columns "400,000,000 requests/day" wrapped to column 0, under "Worked out:".
    from sysdesign_cli.sessions.ask import ask

    step = next(s for s in load_curriculum(grade_with=False).lessons["estimation"].steps
                if getattr(s, "id", "") == "es-feed-avg-qps")  # fmt: skip
    out = io.StringIO()
    ask(step, ScriptedAsker(["116"]), Console(file=out, width=44, color_system=None))
    lines = out.getvalue().splitlines()
    start = lines.index("Worked out:") + 1
    end = lines.index(next(x for x in lines if x.startswith("1,000,000 x 10 =")))  # explanation
    worked = lines[start:end]
    assert len(worked) > 2, "the working wraps at 44 columns"
    assert all(line.startswith("  ") and line.strip() for line in worked), worked
