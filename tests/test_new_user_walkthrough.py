"""A new learner's first half hour, as they would type it: the home screen of a fresh
install, the first lesson to its first question, a wrong answer, Ctrl-C in the middle and
the resume, `estimate --dau 1000000`, `quiz` with nothing due, the first stage of
`exercise pastebin` and of `interview`. Once piped (plain mode through the installed
command) and once in a real pseudo-terminal."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.sessions.ask import shuffled

SYSDESIGN = Path(sys.executable).parent / "sysdesign"
FIRST = load_curriculum().lessons["what-is-a-system"]
QUESTION = next(step for step in FIRST.steps if step.kind == "question")
AT = FIRST.steps.index(QUESTION) + 1  # its step number, as the learner sees it
WRONG = next(choice for choice in shuffled(QUESTION.choices, QUESTION.id)
             if choice != QUESTION.answer)  # fmt: skip


def sysdesign(*args: str, input: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SYSDESIGN), *args], input=input, capture_output=True,
                          text=True, timeout=120)  # fmt: skip


def progress() -> dict:
    return json.loads(sysdesign("progress", "--json").stdout)


def steps_done(lesson: str) -> int:
    return next(entry["steps_done"] for entry in progress()["lessons"] if entry["id"] == lesson)


# ------------------------------------------------------------------ piped (plain mode)


def test_a_fresh_install_says_where_to_start() -> None:
    home = sysdesign()
    assert home.returncode == 0
    assert "Lessons: 0 of 19 complete" in home.stdout
    assert f'Next: sysdesign learn   (start: {FIRST.title})' in home.stdout


def test_the_first_lesson_to_a_wrong_answer_then_a_stop_and_the_resume() -> None:
    number = shuffled(QUESTION.choices, QUESTION.id).index(WRONG) + 1
    first = subprocess.Popen([str(SYSDESIGN), "learn", "--plain"], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    assert first.stdin is not None and first.stdout is not None
    first.stdin.write(f"{number}\n")
    first.stdin.flush()
    said = ""
    while "Try again." not in said:  # the wrong answer is told, with a hint
        said += first.stdout.readline()
    time.sleep(0.5)  # at the same question's prompt again
    first.send_signal(signal.SIGINT)
    out, err = first.communicate(timeout=60)
    said += out
    assert first.returncode == 130, err
    assert "Traceback" not in err
    assert f"> {number}\nNot quite.\nHint: " in said
    assert ("Stopped. Your progress is saved; run `sysdesign learn what-is-a-system` to "
            "continue from this step.") in said  # fmt: skip
    assert steps_done(FIRST.id) == AT - 1

    again = sysdesign("learn", "--plain")
    assert again.returncode == 0
    assert f"{FIRST.title} (resuming at step {AT})" in again.stdout
    assert QUESTION.prompt.strip().splitlines()[0] in again.stdout


def test_estimate_for_a_million_users_shows_its_working() -> None:
    done = sysdesign("estimate", "--dau", "1000000")
    assert done.returncode == 0
    assert "1,000,000 users x 10 requests each = 10,000,000 requests/day" in done.stdout
    assert "~116 QPS x 5 (peak factor) ~= 580 QPS" in done.stdout


def test_quiz_with_nothing_due_says_so_and_what_to_do() -> None:
    due = sysdesign("quiz", "--due", "--plain")
    assert due.returncode == 0
    assert "Nothing is due for review right now." in due.stdout
    fresh = sysdesign("quiz", "--plain")
    assert fresh.returncode == 0
    assert "You have not started a lesson yet" in fresh.stdout
    assert "Question 1/10" in fresh.stdout


def test_the_first_stage_of_exercise_pastebin() -> None:
    done = sysdesign("exercise", "pastebin", "--plain", input="11.6\n")
    assert done.returncode == 0, done.stderr
    assert "1. Clarify the scale" in done.stdout
    assert "> 11.6\n✓ Good: within 2x." in done.stdout
    assert "1,000,000 writes/day / 86,400 s ~= 11.6/s" in done.stdout


def test_the_first_stage_of_an_interview() -> None:
    done = sysdesign("interview", "pastebin", "--plain")
    assert done.returncode == 0, done.stderr
    assert "Mock interview: Pastebin" in done.stdout
    assert "Start drawing: I have enough to design" in done.stdout
    assert "Traceback" not in done.stderr


# ------------------------------------------------------------------ a real terminal

pexpect = pytest.importorskip("pexpect")

from pty_session import CTRL_C, DOWN, ENTER, see, spawn, transcript  # noqa: E402


def pick(child: object, choices: list[str], value: str) -> None:
    """Arrow down to `value` once the whole list is drawn (its last choice may wrap)."""
    see(child, "(Use arrow keys")
    see(child, choices[-1])
    child.send(DOWN * choices.index(value) + ENTER)  # type: ignore[attr-defined]


@pytest.mark.pty
def test_the_same_first_half_hour_in_a_terminal() -> None:
    home = spawn()
    see(home, f"Next: sysdesign learn (start: {FIRST.title})")
    home.expect(pexpect.EOF)

    child = spawn("learn")
    for _ in range(AT - 1):  # the text steps before the question, each with its pause
        see(child, "Press Enter to continue")
        child.send(ENTER)
    choices = shuffled(QUESTION.choices, QUESTION.id)
    pick(child, choices, WRONG)
    see(child, "Try again")
    see(child, "(Use arrow keys")
    child.send(CTRL_C)
    see(child, "Stopped. Your progress is saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in transcript(child)

    again = spawn("learn")
    see(again, f"(resuming at step {AT})")
    pick(again, choices, QUESTION.answer)
    see(again, "Press Enter to continue")
    again.send(CTRL_C)
    again.expect(pexpect.EOF)
    again.close()

    check = spawn("estimate", "--dau", "1000000")
    see(check, "~580 QPS")
    check.expect(pexpect.EOF)

    quiz = spawn("quiz", "--due")
    see(quiz, "Nothing is due for review right now.")
    quiz.expect(pexpect.EOF)

    exercise = spawn("exercise", "pastebin")
    see(exercise, "Your figure for writes per second?")
    exercise.send("11.6" + ENTER)
    see(exercise, "Good: within 2x")
    see(exercise, "Your figure for reads per second?")
    exercise.send(CTRL_C)
    see(exercise, "run `sysdesign exercise pastebin` to start again")
    exercise.expect(pexpect.EOF)

    interview = spawn("interview", "pastebin")
    see(interview, "Start drawing: I have enough to design")
    interview.send(CTRL_C)
    interview.expect(pexpect.EOF)
    interview.close()
    assert interview.exitstatus == 130
    assert "Traceback" not in transcript(interview)
