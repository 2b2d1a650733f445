"""The learner's record (issue 11, items 11 and 12): a finished lesson opened again stays
finished, and the score at the end of a resumed lesson counts the whole lesson."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from curriculum_answers import plain_line, plain_script, wrong_answer
from typer.testing import CliRunner

from sysdesign_cli.cli.app import app
from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.store import SCHEMA_VERSION, Store

runner = CliRunner()
CURRICULUM = load_curriculum()
FIRST, SECOND = CURRICULUM.ordered_lessons()[:2]


def lesson_row(lesson_id: str) -> dict:
    data = json.loads(runner.invoke(app, ["progress", "--json"]).stdout)
    return next(item for item in data["lessons"] if item["id"] == lesson_id)


def test_opening_a_finished_lesson_keeps_it_finished() -> None:
    done = runner.invoke(app, ["learn", FIRST.id], input=plain_script(FIRST))
    assert "Lesson complete" in done.stdout
    # Opened again and left after one step: a review, not a fresh start.
    again = runner.invoke(app, ["learn", FIRST.id], input=plain_script(FIRST)[:2])
    assert again.exit_code == 0
    assert f"Step 1/{len(FIRST.steps)}" in again.stdout
    row = lesson_row(FIRST.id)
    assert (row["completed"], row["steps_done"]) == (True, len(FIRST.steps))
    listed = runner.invoke(app, ["learn", "--list"]).stdout
    assert next(line for line in listed.splitlines() if f"({FIRST.id})" in line).endswith("done")
    # The home screen's next step moves on, not back to the lesson being reviewed.
    home = runner.invoke(app, []).stdout
    assert f"({'start'}: {SECOND.title})" in " ".join(home.split())
    nxt = runner.invoke(app, ["learn"], input="")
    assert SECOND.title in nxt.stdout.splitlines()[0]


def test_restart_starts_over_but_a_finished_lesson_stays_finished() -> None:
    runner.invoke(app, ["learn", FIRST.id], input=plain_script(FIRST))
    restarted = runner.invoke(app, ["learn", FIRST.id, "--restart"], input="")
    assert "resuming" not in restarted.stdout and f"Step 1/{len(FIRST.steps)}" in restarted.stdout
    assert lesson_row(FIRST.id)["completed"] is True
    # Restarted, a lesson goes back to its first step; once finished, it stays finished.
    runner.invoke(app, ["learn", SECOND.id], input=plain_script(SECOND))
    runner.invoke(app, ["learn", SECOND.id, "--restart"], input="")  # to the first question
    first_question = next(i for i, step in enumerate(SECOND.steps) if step.kind == "question")
    assert lesson_row(SECOND.id)["steps_done"] == len(SECOND.steps)  # finished, and stays so
    with Store.open() as store:
        assert store.lesson_position(SECOND.id) == first_question


def test_the_score_after_a_resume_counts_the_whole_lesson() -> None:
    asked = [index for index, step in enumerate(FIRST.steps) if step.kind == "question"]
    third = asked[2]
    # The first two questions answered wrong (every try), then the session ends.
    wrong_two = "".join(plain_line(FIRST.steps[i], wrong_answer(FIRST.steps[i])) + "\n"
                        for i in asked[:2] for _ in range(len(FIRST.steps[i].hints) + 1))
    first = runner.invoke(app, ["learn", FIRST.id], input=wrong_two)
    assert "End of input" in first.stdout
    with Store.open() as store:
        assert store.lesson_position(FIRST.id) == third
    rest = runner.invoke(app, ["learn", FIRST.id], input=plain_script(FIRST, start=third))
    assert f"(resuming at step {third + 1})" in rest.stdout
    total = len(FIRST.questions())
    assert f"{total - 2} of {total} questions right on the first try." in rest.stdout
    assert "Missed ones come back in sysdesign quiz." in rest.stdout


def test_a_schema_1_store_is_migrated_and_keeps_what_was_finished(isolated_env: Path) -> None:
    from sysdesign_cli.store.migrations import MIGRATIONS

    isolated_env.mkdir()
    conn = sqlite3.connect(isolated_env / "progress.db")
    conn.executescript(MIGRATIONS[1])
    stamp = "2024-05-01T12:00:00.000000+00:00"
    conn.executemany("INSERT INTO lessons VALUES (?, ?, ?, ?)",
                     [(FIRST.id, 12, 12, stamp), (SECOND.id, 3, 11, stamp)])  # fmt: skip
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with Store.open() as store:
        assert store.notices == []
        progress = store.lesson_progress()
        store.save_lesson_step(FIRST.id, 1, 12)  # gone through again
        assert store.lesson_progress()[FIRST.id].completed
    assert progress[FIRST.id].completed and not progress[SECOND.id].completed
    conn = sqlite3.connect(isolated_env / "progress.db")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()
