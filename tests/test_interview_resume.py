"""A saved interview round resumed on other terms: with another `--minutes` than it was
started with (the saved clock wins, and the learner is told), and after the scenario's
YAML changed (the parts that still fit are kept, the first that does not is asked again
with everything after it, in one line; nothing crashes, nothing else in the store is lost).
Three ways: scripted (here, top), the installed command in plain mode (a subprocess), and
a pseudo-terminal (pexpect)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from exercise_answers import plain_lines
from interview_answers import INTERVIEWS, round_script
from test_interview import play

from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.core.resume_fit import fit_round
from sysdesign_cli.sessions.asker import EndOfInput
from sysdesign_cli.sessions.interview import InterviewRound

PASTEBIN = INTERVIEWS["pastebin"]
SOURCE = Path(__file__).resolve().parent.parent / "curricula" / "interviews" / "pastebin.yaml"
ANSWERS = round_script(PASTEBIN)
ESTIMATED = 1 + len(PASTEBIN.estimate.figures)  # clarify and the estimate answered
TRADED = len(ANSWERS) - 2  # every part but the wrap-up (its answer and its ticks)
CHANGES = {
    # The point's id, and the keys its wrong claims and its why are listed under.
    "a rubric point renamed": ("      - id: lag\n", "      - id: lag-behind\n",
                               "\n    lag:\n", "\n    lag-behind:\n",
                               '\n    lag: "', '\n    lag-behind: "'),
    "a figure no longer asked": (
        "  figures: [writes_per_second, reads_per_second, peak_reads_per_second]",
        "  figures: [writes_per_second, peak_reads_per_second]"),
    "a step's id changed": ("  id: iv-pb-drill\n", "  id: iv-pb-failure\n"),
    "a question reworded": ("    - ask: How often is a paste read",
                            "    - ask: How often is one paste read"),
}


def changed(folder: Path, what: str) -> Path:
    """A curriculum folder holding Pastebin's scenario with one change."""
    text = SOURCE.read_text(encoding="utf-8")
    pairs = CHANGES[what]
    for old, new in zip(pairs[::2], pairs[1::2]):
        assert old in text, what
        text = text.replace(old, new, 1)
    (folder / "interviews").mkdir(parents=True, exist_ok=True)
    (folder / "interviews" / "pastebin.yaml").write_text(text, encoding="utf-8")
    return folder


def stopped_after(count: int, minutes: int = 45) -> dict[str, Any]:
    """The round saved after the first `count` answers, as the store keeps it."""
    saved: list[dict[str, Any]] = []
    with pytest.raises(EndOfInput):
        play(PASTEBIN, [*ANSWERS[:count], EndOfInput], saved=saved, minutes=minutes)
    return json.loads(json.dumps(saved[-1]))


# ---------------------------------------------------------------- scripted


def test_a_round_that_still_fits_is_kept_whole() -> None:
    state = stopped_after(TRADED)
    assert fit_round(PASTEBIN, state) == (state, None)


@pytest.mark.parametrize(
    ("what", "kept", "again"),
    [
        pytest.param("a rubric point renamed", 5, "4c. Deep dive: a trade-off", id="point"),
        pytest.param("a figure no longer asked", 1, "2. Estimate", id="figure"),
        pytest.param("a step's id changed", 4, "4b. Deep dive: a failure", id="step-id"),
    ],
)
def test_the_parts_that_still_fit_are_kept_and_the_rest_asked_again(
    tmp_path: Path, what: str, kept: int, again: str
) -> None:
    state = stopped_after(TRADED)
    scenario = load_curriculum([changed(tmp_path, what)], grade_with=False).interviews["pastebin"]
    data, note = fit_round(scenario, state)
    assert note == (f"The scenario changed since you stopped: {again} and what follows are "
                    "asked again; the parts before it are kept.")  # fmt: skip
    assert data["clarify"] == state["clarify"]
    assert len(data["exercise"]["stages"]) == kept - 1
    # The design typed is kept while the design step is kept or is where the round goes on.
    assert data["exercise"]["design"] == (state["exercise"]["design"] if kept >= 2 else [])
    assert data["seconds"] == state["seconds"], "the time used stays used"
    resumed = InterviewRound.from_json(scenario, data)
    assert resumed.next_part == kept


def test_a_renamed_point_is_asked_again_and_scored_against_the_new_rubric(
    tmp_path: Path,
) -> None:
    state = stopped_after(TRADED)
    scenario = load_curriculum([changed(tmp_path, "a rubric point renamed")],
                               grade_with=False).interviews["pastebin"]  # fmt: skip
    data, _ = fit_round(scenario, state)
    resumed = InterviewRound.from_json(scenario, data)
    # The trade-off's answer and its confirmation, then the wrap-up's.
    finished, out, _ = play(scenario, ANSWERS[TRADED - 2:], round=resumed)
    assert "Resuming at 4. Deep dive" in out
    assert finished.score == finished.max_score
    assert "lag-behind" in finished.results()["trade_off"].points_confirmed
    assert finished.cards() == [], "no card for a point the learner made under its old name"


def test_a_reworded_question_starts_the_round_over_keeping_the_time(tmp_path: Path) -> None:
    state = stopped_after(ESTIMATED)
    scenario = load_curriculum([changed(tmp_path, "a question reworded")],
                               grade_with=False).interviews["pastebin"]  # fmt: skip
    data, note = fit_round(scenario, state)
    assert note is not None and "the round starts over" in note
    assert data["clarify"] is None and data["exercise"]["stages"] == []
    assert data["seconds"] == state["seconds"]
    assert InterviewRound.from_json(scenario, data).next_part == 0


def test_a_resumed_round_keeps_the_minutes_it_started_with() -> None:
    state = stopped_after(ESTIMATED, minutes=30)
    again = InterviewRound.from_json(PASTEBIN, state)
    _, out, asker = play(PASTEBIN, ANSWERS[ESTIMATED:], round=again, minutes=60)
    assert all("of 30:00" in prompt for prompt in asker.prompts), asker.prompts[:2]
    assert "of 60:00" not in out and "of 30:00" in out


# ---------------------------------------------------------------- the installed command


def command(*args: str, input: str, home: Path) -> subprocess.CompletedProcess[str]:
    installed = Path(sys.executable).with_name("sysdesign")
    base = [str(installed)] if installed.exists() else [sys.executable, "-m", "sysdesign_cli"]
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "SYSDESIGN_HOME": str(home)}
    return subprocess.run([*base, "interview", "pastebin", "--plain", *args], input=input,
                          capture_output=True, text=True, env=env, timeout=120,
                          check=False)  # fmt: skip


def flat(text: str) -> str:
    return " ".join(text.split())


def test_plain_resume_with_other_minutes_says_the_saved_clock_wins(tmp_path: Path) -> None:
    home = tmp_path / "home"
    first = command("--minutes", "30", input=plain_lines(ANSWERS[:ESTIMATED]), home=home)
    assert first.returncode == 0 and "of 30:00" in first.stdout
    second = command("--minutes", "60", input=plain_lines(ANSWERS[ESTIMATED:]), home=home)
    said = flat(second.stdout)
    assert (second.returncode, second.stderr) == (0, "")
    assert ("This round started with 30 minutes and keeps them; --minutes 60 is for a new "
            "round (add --restart).") in said  # fmt: skip
    assert "of 30:00" in said and "of 60:00" not in said
    # Without --minutes there is nothing to say: the round's own clock shows at each prompt.
    third = command("--restart", "--minutes", "20", input=plain_lines(ANSWERS[:1]), home=home)
    fourth = command(input=plain_lines(ANSWERS[1:]), home=home)
    assert third.returncode == fourth.returncode == 0
    assert "keeps them" not in fourth.stdout and "of 20:00" in fourth.stdout


def test_plain_resume_after_the_scenario_changed(tmp_path: Path) -> None:
    home, folder = tmp_path / "home", tmp_path / "curriculum"
    shutil.copytree(SOURCE.parent.parent, folder)
    first = command("--curriculum", str(folder), input=plain_lines(ANSWERS[:TRADED]), home=home)
    assert first.returncode == 0
    changed(folder, "a rubric point renamed")
    second = command("--curriculum", str(folder), input=plain_lines(ANSWERS[TRADED - 2:]),
                     home=home)  # fmt: skip
    said = flat(second.stdout)
    assert (second.returncode, second.stderr) == (0, ""), said[-500:]
    assert said.count("The scenario changed since you stopped") == 1
    assert "4c. Deep dive: a trade-off and what follows are asked again" in said
    assert "Resuming at 4. Deep dive" in said and "Traceback" not in said
    assert f"{PASTEBIN.title}: " in said and "come back in sysdesign quiz" not in said
    # The store kept the round's result: the list shows its score.
    installed = Path(sys.executable).with_name("sysdesign")
    base = [str(installed)] if installed.exists() else [sys.executable, "-m", "sysdesign_cli"]
    listed = subprocess.run([*base, "interview", "--curriculum", str(folder)], text=True,
                            capture_output=True, timeout=60, check=False,
                            env={**os.environ, "NO_COLOR": "1", "SYSDESIGN_HOME": str(home)})
    assert listed.returncode == 0 and "Under way" not in listed.stdout
    assert listed.stdout.count("not tried") == len(INTERVIEWS) - 1


# ---------------------------------------------------------------- a pseudo-terminal


@pytest.mark.pty
def test_in_a_terminal_other_minutes_and_a_changed_scenario(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    import pty_session
    from test_pty_interview import EDGE, clarify, estimate, spawn

    folder = tmp_path / "curriculum"
    shutil.copytree(SOURCE.parent.parent, folder)
    child = spawn("interview", "pastebin", "--minutes", "30", "--curriculum", str(folder))
    clarify(child, PASTEBIN)
    estimate(child, PASTEBIN)
    child.expect_exact(EDGE)
    child.send(pty_session.CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130

    changed(folder, "a figure no longer asked")
    again = spawn("interview", "pastebin", "--minutes", "60", "--curriculum", str(folder))
    again.expect_exact("2. Estimate and what follows")
    again.expect_exact("This round started with 30 minutes")
    again.expect_exact("Resuming at 2. Estimate")
    again.expect_exact("of 30:00] Your figure for")
    again.send(pty_session.CTRL_C)
    again.expect(pexpect.EOF)
    again.close()
    shown = " ".join(pty_session.screen_text(again).split())
    assert again.exitstatus == 130 and "Traceback" not in shown
    assert "of 60:00" not in shown
