"""A lesson or exercise named the way a learner types it: the id in any case, or a lesson
by the number `learn --list` shows beside it. Anything else is refused with the list."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sysdesign_cli.cli.lessons import meant
from sysdesign_cli.core.loader import load_curriculum

SYSDESIGN = Path(sys.executable).parent / "sysdesign"
LESSONS = [lesson.id for lesson in load_curriculum(grade_with=False).ordered_lessons()]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SYSDESIGN), *args, "--plain"], input="", capture_output=True,
                          text=True, timeout=60)  # fmt: skip


@pytest.mark.parametrize(
    ("typed", "id"),
    [
        pytest.param("request-lifecycle", "request-lifecycle", id="the-id"),
        pytest.param("Request-Lifecycle", "request-lifecycle", id="another-case"),
        pytest.param(" 4 ", LESSONS[3], id="its-number-in-the-list"),
        pytest.param("1", LESSONS[0], id="the-first"),
        pytest.param(str(len(LESSONS)), LESSONS[-1], id="the-last"),
        pytest.param("0", None, id="number-zero"),
        pytest.param(str(len(LESSONS) + 1), None, id="past-the-list"),
        pytest.param("9" * 5000, None, id="a-huge-number"),
        pytest.param("٣", None, id="not-an-ascii-digit"),
        pytest.param("request lifecycle", None, id="not-the-id"),
    ],
)
def test_a_lesson_is_meant_by_id_in_any_case_or_by_number(typed: str, id: str | None) -> None:
    assert meant(typed, LESSONS, numbered=True) == id


def test_exercises_have_no_numbers_on_their_list() -> None:
    assert meant("1", ["pastebin", "chat"]) is None
    assert meant("PASTEBIN", ["pastebin", "chat"]) == "pastebin"


def test_learn_by_the_number_learn_list_shows() -> None:
    lesson = load_curriculum(grade_with=False).lessons[LESSONS[3]]
    done = run("learn", "4")
    assert done.returncode == 0, done.stderr
    assert lesson.title in done.stdout.splitlines()[:3]  # after any note on what it builds on
    assert f"Step 1/{len(lesson.steps)}" in done.stdout
    assert f"sysdesign learn {LESSONS[3]}" in done.stdout  # how to go on names the id


def test_an_exercise_named_in_capitals() -> None:
    done = run("exercise", "Pastebin")
    assert done.returncode == 0, done.stderr
    assert "Design Pastebin" in done.stdout and "1. Clarify the scale" in done.stdout


def test_a_number_past_the_list_is_refused_with_the_list() -> None:
    done = run("learn", str(len(LESSONS) + 1))
    assert done.returncode == 2
    assert f"no lesson '{len(LESSONS) + 1}'" in done.stderr and LESSONS[0] in done.stderr
