"""`sysdesign interview` from the outside: the list, a whole round typed in plain mode
through the installed command, stop and resume, --restart, --export, --minutes, the
result in `progress`, and the missed points in `quiz --due` the next day."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from exercise_answers import plain_lines
from interview_answers import INTERVIEWS, plain_round, round_script
from rich.console import Console
from typer.testing import CliRunner

from sysdesign_cli.cli.app import app
from sysdesign_cli.core import interview_score as scoring
from sysdesign_cli.core.estimate_figures import format_figure
from sysdesign_cli.core.grading import grade_question
from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.sessions.quiz import DUE, plan, run_quiz
from sysdesign_cli.sessions.scripted_asker import ScriptedAsker
from sysdesign_cli.store import Store

PASTEBIN = INTERVIEWS["pastebin"]
runner = CliRunner()


def flat(text: str) -> str:
    return " ".join(text.split())


def interview(*args: str, input: str = "") -> Any:
    return runner.invoke(app, ["interview", *args], input=input)


@pytest.mark.parametrize("name", sorted(INTERVIEWS))
def test_a_whole_round_typed_line_by_line_through_the_installed_command(name: str) -> None:
    scenario = INTERVIEWS[name]
    installed = Path(sys.executable).with_name("sysdesign")
    command = [str(installed)] if installed.exists() else [sys.executable, "-m", "sysdesign_cli"]
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80"}
    done = subprocess.run([*command, "interview", name, "--plain"],
                          input=plain_round(scenario), capture_output=True, text=True,
                          env=env, timeout=120, check=False)  # fmt: skip
    assert (done.returncode, done.stderr) == (0, "")
    said = flat(done.stdout)
    assert "Traceback" not in said
    assert "[step 0:0" in said and "of 45:00]" in said  # the clock at the prompts
    for _, title, _ in scoring.STEPS:
        assert title in said
    # Each step's model answer follows it.
    for part in ("estimate", "design", "bottleneck", "drill", "trade_off", "wrap_up"):
        assert flat(scenario.stage(part).explanation) in said
    total = said.split(f"{scenario.title}: ", 1)[1].split()[:3]
    points = scenario.clarify.points + sum(scenario.stage(p).points for p in scoring.PARTS[1:])
    assert total == [f"{points:g}", "/", str(points)]  # full marks: score / max
    assert "What interviewers reward" in said
    assert "come back in sysdesign quiz" not in said  # nothing missed


def test_the_list_shows_best_scores_and_a_round_under_way() -> None:
    before = interview()
    assert before.exit_code == 0
    assert before.output.count("not tried") == len(INTERVIEWS)
    answers = round_script(PASTEBIN)
    cut = 1 + len(PASTEBIN.estimate.figures)
    stopped = interview("pastebin", "--plain", input=plain_lines(answers[:cut]))
    assert stopped.exit_code == 0
    assert "run `sysdesign interview pastebin` to go on" in flat(stopped.output)
    listed = interview()
    assert "Under way" in listed.output and "at 3. High-level design" in listed.output
    finished = interview("pastebin", "--plain", input=plain_lines(answers[cut:]))
    assert finished.exit_code == 0, finished.output
    assert "Resuming at 3. High-level design" in flat(finished.output)
    after = interview()
    assert "Under way" not in after.output
    assert after.output.count("not tried") == len(INTERVIEWS) - 1


def test_a_round_stopped_with_an_export_says_to_go_on_with_it(tmp_path: Path) -> None:
    answers = round_script(PASTEBIN)
    target = tmp_path / "round.md"
    cut = 1 + len(PASTEBIN.estimate.figures)
    stopped = interview("pastebin", "--plain", "--export", str(target),
                        input=plain_lines(answers[:cut]))  # fmt: skip
    said = f"run `sysdesign interview pastebin --export {target}` to go on"
    assert said in flat(stopped.output) and not target.exists()
    done = interview("pastebin", "--plain", "--export", str(target),
                     input=plain_lines(answers[cut:]))  # fmt: skip
    assert done.exit_code == 0 and target.read_text().startswith(f"# {PASTEBIN.title}")


def test_restart_starts_a_saved_round_over() -> None:
    answers = round_script(PASTEBIN)
    interview("pastebin", "--plain", input=plain_lines(answers[:1]))
    again = interview("pastebin", "--plain", "--restart", input=plain_lines(answers))
    assert again.exit_code == 0, again.output
    assert "Resuming" not in again.output
    assert "What interviewers reward" in again.output


def test_export_is_checked_before_the_first_step_and_written_after(tmp_path: Path) -> None:
    target = tmp_path / "round.md"
    target.write_text("mine")
    refused = interview("pastebin", "--plain", "--export", str(target), input="1\n")
    assert refused.exit_code != 0 and "--force" in flat(refused.output)
    assert target.read_text() == "mine"
    with Store.open() as store:
        assert store.attempt("interview", "pastebin") is None  # no step was taken
    fresh = tmp_path / "fresh.md"
    done = interview("pastebin", "--plain", "--export", str(fresh), input=plain_round(PASTEBIN))
    assert done.exit_code == 0, done.output
    text = fresh.read_text()
    assert text.startswith(f"# {PASTEBIN.title}")
    assert f"**Interviewer:** {PASTEBIN.clarify.mattering()[0].answer}" in text
    assert "| 4. Deep dive |" in text and "| Name trade-offs out loud | 100% |" in text


@pytest.mark.parametrize("minutes", ["0", "-3", "601"])
def test_minutes_out_of_range_is_one_clear_error(minutes: str) -> None:
    result = interview("pastebin", "--minutes", minutes)
    assert result.exit_code == 2  # a bad option value: a usage error, as for every command
    assert f"'{minutes}' is not a whole number from 1 to 600; give one such as 45" in result.output
    assert "--minutes" in result.output
    assert "Traceback" not in result.output


def test_the_result_shows_in_progress() -> None:
    answers = round_script(PASTEBIN, [scoring.START])
    done = interview("pastebin", "--plain", input=plain_lines(answers))
    assert done.exit_code == 0, done.output
    shown = runner.invoke(app, ["progress"])
    assert shown.exit_code == 0
    said = flat(shown.output)
    assert "Mock interviews" in said and "Pastebin (pastebin)" in said
    assert "Mock interview: Pastebin (pastebin)" not in said  # not on every row under the title
    data = json.loads(runner.invoke(app, ["progress", "--json"]).output)
    best = data["interviews"]["pastebin"]
    assert best["score"] < best["max_score"]


def test_missed_points_come_back_in_quiz_due_the_next_day() -> None:
    answers = round_script(PASTEBIN, [scoring.START])  # no question asked
    done = interview("pastebin", "--plain", input=plain_lines(answers))
    assert done.exit_code == 0, done.output
    missed = {f"iv-pastebin-ask-{q.about}" for q in PASTEBIN.clarify.mattering()}
    assert len(missed) > 1
    # Said with when: a quiz --due run at once would find nothing due yet.
    assert (f"{len(missed)} review cards of what you missed come back in sysdesign quiz "
            "--due from a minute now.") in flat(done.output)  # fmt: skip
    curriculum = load_curriculum()
    tomorrow = datetime.now(timezone.utc) + timedelta(days=1)
    with Store.open() as store:
        assert store.card_ids() == missed
        assert not plan(curriculum, store, due_only=True)  # not yet
        in_a_minute = datetime.now(timezone.utc) + timedelta(minutes=1, seconds=5)
        assert len(plan(curriculum, store, due_only=True, now=in_a_minute)) == len(missed)
        picks = plan(curriculum, store, due_only=True, now=tomorrow)
        assert {p.question.id for p in picks} == missed and {p.reason for p in picks} == {DUE}
        # Each stands alone (the scenario and a choice); answered right, it is rescheduled.
        for pick in picks:
            assert pick.question.context == PASTEBIN.title
            assert PASTEBIN.opening.strip() in pick.question.prompt
        asker = ScriptedAsker([p.question.answer for p in picks])
        run = run_quiz(picks, store, asker, Console(file=io.StringIO()), clock=lambda: tomorrow)
        assert all(outcome.grade.correct for outcome in run.outcomes)
        assert plan(curriculum, store, due_only=True, now=tomorrow) == []


def test_a_missed_figure_comes_back_as_a_number_question_graded_in_bands() -> None:
    video = INTERVIEWS["video-delivery"]
    stage = video.estimate
    result = stage.result()
    truth = result.peak_bandwidth_out_bytes_per_second
    assert truth is not None
    # 62.5 GB/s, a thousand times too low at every try (one, and one after each hint).
    typed = []
    for figure in stage.figures:
        if figure == "peak_bandwidth_out_bytes_per_second":
            typed += [format_figure(figure, truth / 1000)] * (len(stage.hints) + 1)
        else:
            typed.append(format_figure(figure, getattr(result, figure)))
    answers = round_script(video, iv_vd_estimate=typed)
    done = interview("video-delivery", "--plain", input=plain_lines(answers))
    assert done.exit_code == 0, done.output
    card = "iv-video-delivery-iv-vd-estimate-peak-bandwidth-out-bytes-per-second"
    with Store.open() as store:
        assert store.card_ids() == {card}
    tomorrow = datetime.now(timezone.utc) + timedelta(days=1)
    with Store.open() as store:
        (pick,) = plan(load_curriculum(), store, due_only=True, now=tomorrow)
        question = pick.question
        assert question.type == "number" and question.context == video.title
        assert "a billion hours watched a day" in question.prompt  # the givens
        assert question.prompt.rstrip().endswith("Your figure for peak bandwidth out?")
        # Within 2x is right, as in the round; 10x off is not.
        out = io.StringIO()
        run = run_quiz([pick], store, ScriptedAsker(["40 TB/s"]), Console(file=out),
                       clock=lambda: tomorrow)  # fmt: skip
        assert run.outcomes[0].grade.correct
    wrong = grade_question(question, "6 TB/s")
    assert not wrong.correct


def test_a_round_stopped_in_the_deep_dive_is_listed_by_the_step_it_resumes_at() -> None:
    # The round shows five numbered steps; the list and `progress` name the same step as the
    # resume line does, not an inner part count ("part 5 of 7") no screen shows.
    answers = round_script(PASTEBIN)
    cut = answers.index("done") + 2  # clarify, figures, the design's lines, the bottleneck
    stopped = interview("pastebin", "--plain", input=plain_lines(answers[:cut]))
    assert stopped.exit_code == 0, stopped.output
    listed = interview()
    assert "at 4. Deep dive" in listed.output and " of 7" not in listed.output
    shown = runner.invoke(app, ["progress"])
    assert shown.exit_code == 0
    interviews = shown.output.split("Mock interviews", 1)[1]  # the table after the title
    row = next(line for line in interviews.splitlines() if "(pastebin)" in line)
    assert row.rstrip().endswith("not tried   at 4. Deep dive")
    home = runner.invoke(app, [])
    assert "Under way: sysdesign interview pastebin (at 4. Deep dive)" in home.output
    resumed = interview("pastebin", "--plain", input=plain_lines(answers[cut:]))
    assert "Resuming at 4. Deep dive" in flat(resumed.output)
    assert "Under way" not in runner.invoke(app, []).output
