"""The end of a round says what is true: the lessons behind the steps that lost points,
or that none did."""

from __future__ import annotations

import io
import re

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


def test_clarify_takes_no_empty_pick_asking_nothing_is_start_drawing() -> None:
    # Enter pressed on the untouched list, as a select takes it, cost the whole step.
    from sysdesign_cli.sessions.scripted_asker import ScriptedAsker

    class Recording(ScriptedAsker):
        def checkbox(self, prompt, choices, allow_none=False):  # type: ignore[no-untyped-def]
            self.allowed = [*getattr(self, "allowed", []), (list(choices)[-1], allow_none)]
            return super().checkbox(prompt, choices, allow_none)

    from test_interview import TABLE, Ticks

    from sysdesign_cli.sessions.interview import InterviewSession

    asker = Recording(round_script(PASTEBIN))
    session = InterviewSession(PASTEBIN, asker, Console(file=io.StringIO()), minutes=45,
                               table=TABLE, now=Ticks(1.0))  # fmt: skip
    session.play()
    assert asker.allowed[0] == (scoring.START, False)


def test_plain_clarify_asks_again_when_nothing_is_picked(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os
    import subprocess
    import sys
    from pathlib import Path

    sysdesign = Path(sys.executable).parent / "sysdesign"
    env = {**os.environ, "SYSDESIGN_HOME": str(tmp_path)}
    done = subprocess.run([str(sysdesign), "interview", "pastebin", "--plain"], input="\nnone\n",
                          capture_output=True, text=True, env=env, timeout=60)  # fmt: skip
    assert done.returncode == 0
    assert "Clarify:" not in done.stdout  # never scored on an empty pick
    assert done.stdout.count("List numbers from 1 to 8 (or the choices' texts)") == 2


def test_the_time_used_is_one_line_under_the_table_at_80_columns() -> None:
    # As the table's caption it was centred and wrapped to the table's width, in three
    # ragged lines.
    finished, _, _ = play(PASTEBIN, round_script(PASTEBIN))
    data = finished.to_json()
    out = Console(file=io.StringIO(), width=80, color_system=None)
    for part in result_view(data, "Round"):
        out.print(part)
    lines = [line.rstrip() for line in out.file.getvalue().splitlines()]  # type: ignore[attr-defined]
    at = next(index for index, line in enumerate(lines) if " used; " in line)
    assert re.match(r"\d+:\d\d of 45:00 used; the deep dive's", lines[at])  # flush left
    assert " ".join(lines[at : at + 2]).endswith("written answers are self-assessed.")
    assert lines[at + 2].startswith("What interviewers reward")


def test_the_scenario_list_does_not_repeat_what_every_title_starts_with() -> None:
    from sysdesign_cli.render.interview import unprefixed

    titles = {"pb": "Mock interview: Pastebin", "tr": "Mock interview: stock trading"}
    assert unprefixed(titles) == {"pb": "Pastebin", "tr": "Stock trading"}  # a row's name
    shortener = {"us": "Mock interview: a URL shortener", "pb": "Mock interview: Pastebin"}
    assert unprefixed(shortener)["us"] == "URL shortener"  # not "a URL shortener"
    mixed = {"pb": "Mock interview: Pastebin", "tr": "Trading: a round"}
    assert unprefixed(mixed) == mixed  # nothing shared: kept whole
    assert unprefixed({"pb": "Mock interview: Pastebin"}) == {"pb": "Mock interview: Pastebin"}
    assert unprefixed({"a": "Mock: one", "b": "no colon"}) == {"a": "Mock: one", "b": "no colon"}
