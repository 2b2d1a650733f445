"""The end of a round says what is true: the lessons behind the steps that lost points,
or that none did."""

from __future__ import annotations

import io

from interview_answers import round_script
from rich.console import Console
from test_interview import PASTEBIN, play

from sysdesign_cli.core import interview_score as scoring
from sysdesign_cli.render.interview import markdown_transcript, result_view


def shown(data: dict) -> str:
    out = Console(file=io.StringIO(), width=100, color_system=None)
    for part in result_view(data, "Round"):
        out.print(part)
    return " ".join(out.file.getvalue().split())  # type: ignore[attr-defined]


def test_a_perfect_round_is_not_told_to_study_next() -> None:
    finished, _, _ = play(PASTEBIN, round_script(PASTEBIN))
    data = finished.to_json()
    assert data["score"] == data["max_score"]
    for text in (shown(data), markdown_transcript(PASTEBIN, data)):
        assert "Study next" not in text
        assert "No step lost points" in text


def test_a_perfect_round_past_the_clock_says_what_the_clock_cost() -> None:
    finished, _, _ = play(PASTEBIN, round_script(PASTEBIN), minutes=1, tick=30.0)
    data = finished.to_json()
    assert data["overtime"] > 0
    assert f"the clock cost {data['overtime']:g}" in shown(data)


def test_a_round_that_lost_points_names_the_lessons_behind_them() -> None:
    finished, _, _ = play(PASTEBIN, round_script(PASTEBIN, [scoring.START]))
    data = finished.to_json()
    assert data["study_next"]
    expected = ", ".join(f"sysdesign learn {item}" for item in data["study_next"])
    assert f"Study next: {expected}" in shown(data)
