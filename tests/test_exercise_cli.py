"""`sysdesign exercise` from the outside: the list, a whole Pastebin typed line by line in
plain mode through the installed command, stop and resume, --restart, --design FILE, and
--export checked up front or written after the fact."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from exercise_answers import max_points, plain_lines, reference_lines, script
from typer.testing import CliRunner

from sysdesign_cli.cli.app import app
from sysdesign_cli.core.loader import load_curriculum

EXERCISES = load_curriculum().exercises
PASTEBIN = EXERCISES["pastebin"]
TOTAL = max_points(PASTEBIN)
runner = CliRunner()


def flat(text: str) -> str:
    return " ".join(text.split())


def exercise(*args: str, input: str = "") -> Any:
    return runner.invoke(app, ["exercise", *args], input=input)


def design_at(answers: list[Any]) -> int:
    """Where the first design line is in a script."""
    return answers.index(reference_lines(PASTEBIN)[0])


def test_a_whole_pastebin_typed_line_by_line_through_the_installed_command() -> None:
    installed = Path(sys.executable).with_name("sysdesign")
    command = [str(installed)] if installed.exists() else [sys.executable, "-m", "sysdesign_cli"]
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80"}
    done = subprocess.run([*command, "exercise", "pastebin", "--plain"],
                          input=plain_lines(script(PASTEBIN)), capture_output=True, text=True,
                          env=env, timeout=120, check=False)  # fmt: skip
    assert (done.returncode, done.stderr) == (0, "")
    said = flat(done.stdout)
    assert f"{PASTEBIN.title}: {TOTAL} / {TOTAL}" in said
    for line in reference_lines(PASTEBIN):  # each typed line is echoed after its prompt
        assert f"Next edge (or undo, show, help, done) > {line}" in said
    assert "Checks: no findings." in said and "Traceback" not in said
    # Piped output leaves prose unwrapped (a pager or the terminal wraps it), but the
    # drawings of the design must read at 80 columns: no tree line is wider.
    drawn = [line for line in done.stdout.splitlines() if line.lstrip().startswith(("+--", "|"))]
    assert len(drawn) > 10
    assert max(len(line) for line in drawn) <= 80


def test_the_list_shows_best_scores_and_an_attempt_under_way() -> None:
    answers = script(PASTEBIN)
    before = exercise()
    assert before.exit_code == 0 and before.output.count("not tried") == len(EXERCISES)
    assert "Under way" not in before.output
    stopped = exercise("pastebin", "--plain", input=plain_lines(answers[: design_at(answers)]))
    assert stopped.exit_code == 0 and "End of input." in stopped.output
    listed = exercise()
    assert "Under way" in listed.output and "stage 4 of" in listed.output
    finished = exercise("pastebin", "--plain", input=plain_lines(answers[design_at(answers):]))
    assert finished.exit_code == 0, finished.output
    after = exercise()
    assert f"{TOTAL} / {TOTAL}" in after.output and "Under way" not in after.output
    assert after.output.count("not tried") == len(EXERCISES) - 1


def test_stop_mid_design_and_go_on_from_the_last_line() -> None:
    answers = script(PASTEBIN)
    cut = design_at(answers) + 2  # two lines of the design typed
    first = exercise("pastebin", "--plain", input=plain_lines(answers[:cut]))
    assert "Your progress is saved; run `sysdesign exercise pastebin` to go on" in flat(
        first.output)
    again = exercise("pastebin", "--plain", input=plain_lines(answers[cut:]))
    assert again.exit_code == 0, again.output
    assert "Resuming where you stopped: 3 of" in again.output
    assert f"{PASTEBIN.title}: {TOTAL} / {TOTAL}" in flat(again.output)
    assert "Your figure for" not in again.output  # the estimate is not asked again


def test_restart_starts_over() -> None:
    answers = script(PASTEBIN)
    exercise("pastebin", "--plain", input=plain_lines(answers[: design_at(answers)]))
    again = exercise("pastebin", "--plain", "--restart", input=plain_lines(answers))
    assert again.exit_code == 0
    assert "Resuming" not in again.output and "Your figure for" in again.output
    assert f"{PASTEBIN.title}: {TOTAL} / {TOTAL}" in flat(again.output)


def test_stopped_with_an_export_the_way_on_keeps_the_export(tmp_path: Path) -> None:
    answers = script(PASTEBIN)
    target = tmp_path / "my report.md"
    cut = design_at(answers)
    first = exercise("pastebin", "--plain", "--export", str(target),
                     input=plain_lines(answers[:cut]))  # fmt: skip
    said = f"run `sysdesign exercise pastebin --export '{target}'` to go on"
    assert said in flat(first.output) and not target.exists()
    again = exercise("pastebin", "--plain", "--export", str(target),
                     input=plain_lines(answers[cut:]))  # fmt: skip
    assert again.exit_code == 0 and f"{PASTEBIN.title}" in target.read_text(encoding="utf-8")


def test_a_design_from_a_file_takes_the_place_of_typing(tmp_path: Path) -> None:
    design = tmp_path / "pastebin.mmd"
    design.write_text("flowchart LR\n  client --> dns\n  client --> lb --> app[app x2]\n"
                      "  app -->|read| cache\n  app -->|read, write| db\n"
                      "  db -.->|replication| replica\n", encoding="utf-8")  # fmt: skip
    answers = script(PASTEBIN)
    at = design_at(answers)
    typed = len(reference_lines(PASTEBIN)) + 1
    result = exercise("pastebin", "--plain", "--design", str(design),
                      input=plain_lines(answers[:at] + answers[at + typed:]))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Your design, from the file" in result.output
    assert "Next edge" not in result.output
    assert f"{PASTEBIN.title}: {TOTAL} / {TOTAL}" in flat(result.output)


def test_an_unreadable_design_file_stops_before_any_stage(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("client -> lb\napp -> cahce\n", encoding="utf-8")
    result = exercise("pastebin", "--plain", "--design", str(bad))
    assert result.exit_code == 2
    assert "line 2: 'cahce' is not a block kind I know." in flat(result.output)
    assert "Clarify the scale" not in result.output
    missing = exercise("pastebin", "--plain", "--design", str(tmp_path / "none.txt"))
    assert missing.exit_code == 2 and "no such file" in missing.output


def test_export_to_a_missing_folder_is_refused_before_the_first_stage(tmp_path: Path) -> None:
    result = exercise("pastebin", "--plain", "--export", str(tmp_path / "no" / "such" / "x.md"),
                      input=plain_lines(script(PASTEBIN)))  # fmt: skip
    assert result.exit_code == 1
    assert "there is no folder" in result.output and "Clarify the scale" not in result.output


def test_export_after_the_fact_writes_the_last_finished_attempt(tmp_path: Path) -> None:
    target = tmp_path / "pastebin.md"
    nothing = exercise("pastebin", "--plain", "--export", str(target))
    assert "Clarify the scale" in nothing.output  # no attempt yet: the exercise runs
    assert not target.exists()
    exercise("pastebin", "--plain", input=plain_lines(script(PASTEBIN)))
    later = exercise("pastebin", "--export", str(target))
    assert later.exit_code == 0, later.output
    assert "Clarify the scale" not in later.output  # nothing run this time
    assert "Your last finished attempt at Design Pastebin is written" in flat(later.output)
    text = target.read_text(encoding="utf-8")
    assert text.startswith(f"# {PASTEBIN.title}\n") and f"**{TOTAL} / {TOTAL}**" in text
    assert "## Your design\n\n```mermaid\nflowchart LR" in text
    refused = exercise("pastebin", "--export", str(target))
    assert refused.exit_code == 1 and "--force" in refused.output


def test_an_unknown_exercise_is_a_clean_error_listing_the_names() -> None:
    result = exercise("pastebinn")
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert all(exercise_id in result.output for exercise_id in EXERCISES)
    assert "Did you mean 'pastebin'?" in result.output


def test_progress_shows_an_attempt_under_way_as_the_exercise_list_does() -> None:
    # A learner who stopped mid-exercise and runs `progress` was told "not tried" while
    # `sysdesign exercise` said "stage 4 of 10": the two screens agree now.
    answers = script(PASTEBIN)
    exercise("pastebin", "--plain", input=plain_lines(answers[: design_at(answers)]))
    listed = next(line for line in exercise().output.splitlines() if "(pastebin)" in line)
    shown = runner.invoke(app, ["progress"])
    assert shown.exit_code == 0
    assert "Under way" in shown.output
    row = next(line for line in shown.output.splitlines() if "(pastebin)" in line
               and "Pastebin" in line and "interview" not in line.lower())  # fmt: skip
    assert row.split()[-4:] == listed.split()[-4:]
    assert row.rstrip().endswith(f"stage 4 of {len(PASTEBIN.stages)}")
    home = runner.invoke(app, [])
    assert f"Under way: sysdesign exercise pastebin (stage 4 of {len(PASTEBIN.stages)})" \
        in home.output  # fmt: skip
