"""`sysdesign learn` in a real pseudo-terminal: real keys into the real questionary widgets.

Keys are computed from the same stable shuffle the session uses, so the arrows land on the
right answer; every expect() waits on plain text, never on escape codes.
"""

from __future__ import annotations

from typing import Any

import pytest
from curriculum_answers import right_answer

from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.sessions.ask import shuffled
from sysdesign_cli.store import Store

pexpect = pytest.importorskip("pexpect")

from pty_session import CTRL_C, DOWN, ENTER, SPACE, screen_text, spawn, transcript  # noqa: E402  # noqa: E402

pytestmark = pytest.mark.pty

LESSON = load_curriculum().lessons["request-lifecycle"]


def picks(choices: list[str], wanted: str) -> str:
    """Arrow presses from the top of a select list to `wanted`, then Enter."""
    return DOWN * choices.index(wanted) + ENTER


def answer_keys(step: Any) -> list[str]:
    """The keystrokes for the right answer, one string per widget the asker shows."""
    if step.type == "choice":
        return [picks(shuffled(step.choices, step.id), step.answer)]
    if step.type == "multi":
        keys = ""
        for choice in shuffled(step.choices, step.id):
            keys += (SPACE if choice in step.answers else "") + DOWN
        return [keys + ENTER]
    if step.type == "order":
        # One select per place: "which comes first?", then "next?" from what is left.
        remaining = shuffled(step.items, step.id, avoid_same=True)
        keys = []
        for item in step.items[:-1]:
            keys.append(picks(remaining, item))
            remaining.remove(item)
        return keys
    return [str(right_answer(step)) + ENTER]


def wait_for_widget(child: Any, step: Any) -> None:
    """Wait until the step's widget is drawn and reading keys."""
    if step.type in ("choice", "order"):
        child.expect("Use arrow keys")
    elif step.type == "multi":
        # The instruction may wrap mid-word; the last box of the list is drawn whole.
        child.expect_exact(f"○ {shuffled(step.choices, step.id)[-1][:20]}")
    else:
        child.expect_exact(step.prompt.split("\n")[0][:20])


def take_step(child: Any, index: int) -> None:
    """Do step `index` (0-based) of the lesson right, with real keys."""
    step = LESSON.steps[index]
    child.expect_exact(f"Step {index + 1}/{len(LESSON.steps)}")
    if step.kind in ("text", "table", "tree"):
        if index + 1 < len(LESSON.steps):
            child.expect_exact("Press Enter to continue")
            child.send(ENTER)
        return
    for keys in answer_keys(step):
        wait_for_widget(child, step)
        child.send(keys)
    child.expect("✓ (Right|Good)")


def position() -> int:
    with Store.open() as store:
        return store.lesson_position(LESSON.id)


def test_arrows_enter_then_ctrl_c_then_resume() -> None:
    # Arrows and Enter at the first single-choice question, Ctrl-C at a later one that a
    # question follows (so the resumed session stops at a question, not at a pause); the
    # steps on the way are done with real keys too.
    choices = [i for i, s in enumerate(LESSON.steps) if s.kind == "question" and s.type == "choice"]
    second_question = next(i for i in choices[1:] if LESSON.steps[i + 1].kind == "question")
    assert choices[0] < second_question

    child = spawn("learn", "request-lifecycle")
    for index in range(second_question):
        take_step(child, index)
    # At the next question's arrows, the learner presses Ctrl-C.
    child.expect_exact(f"Step {second_question + 1}/{len(LESSON.steps)}")
    child.expect("Use arrow keys")
    child.send(DOWN)
    child.send(CTRL_C)
    child.expect_exact("Stopped. Your progress is saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in transcript(child)
    assert position() == second_question

    again = spawn("learn")
    again.expect_exact(f"resuming at step {second_question + 1}")
    take_step(again, second_question)
    again.expect_exact(f"Step {second_question + 2}/{len(LESSON.steps)}")
    wait_for_widget(again, LESSON.steps[second_question + 1])
    again.send(CTRL_C)
    again.expect_exact("Stopped. Your progress is saved")
    again.expect(pexpect.EOF)
    again.close()
    assert "Traceback" not in transcript(again)
    assert position() == second_question + 1


def test_whole_lesson_with_every_widget() -> None:
    kinds = {step.type for step in LESSON.questions()}
    assert {"choice", "multi", "order", "number", "text"} <= kinds
    child = spawn("learn", "request-lifecycle")
    for index in range(len(LESSON.steps)):
        take_step(child, index)
    child.expect_exact("Lesson complete:")
    child.expect_exact("The life of a request")
    child.expect_exact(f"{len(LESSON.questions())} of {len(LESSON.questions())} questions right")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Traceback" not in transcript(child)
    with Store.open() as store:
        assert store.lesson_progress()[LESSON.id].completed


@pytest.mark.parametrize("plain", [[], ["--plain"]], ids=["widgets", "plain"])
def test_q_at_a_pause_stops_as_a_learner_expects_and_keeps_the_step(plain: list[str]) -> None:
    child = spawn("learn", "request-lifecycle", *plain)
    child.expect_exact("Press Enter to continue; q to stop")
    child.send(ENTER)
    child.expect_exact("Step 2/")
    child.expect_exact("Press Enter to continue; q to stop")
    child.send("q\r" if plain else "q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0  # leaving is not a failure
    said = " ".join(screen_text(child).split())
    assert "Stopped. Your progress is saved; run `sysdesign learn request-lifecycle` to" in said
    assert "Traceback" not in transcript(child)
    assert position() == 2


def test_ctrl_c_at_a_pause_keeps_the_step() -> None:
    child = spawn("learn", "request-lifecycle")
    take_step(child, 0)
    child.expect_exact("Step 2/")
    child.expect_exact("Press Enter to continue")
    child.send(CTRL_C)
    child.expect_exact("Stopped. Your progress is saved; run `sysdesign learn request-lifecycle`")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in transcript(child)
    assert position() == 2


ECHO_LESSON = """\
id: echo-wrap
title: Echo wrap
summary: One question whose answer, echoed after its prompt, passes the edge.
topics: [request-lifecycle]
order: 1
steps:
  - kind: question
    id: ew-one
    type: choice
    topic: request-lifecycle
    prompt: >-
      One of the app servers behind a load balancer crashes. What does the load
      balancer do with the requests that follow?
    choices:
      - Keeps sending that server its share, and lets those requests fail for now
      - Sends them straight to the database, skipping the app servers
      - Holds them all in a queue until the crashed server comes back up
      - Sends them only to servers that still pass their health checks
    answer: Sends them only to servers that still pass their health checks
    explanation: The load balancer forwards only to servers on its healthy list.
    hints: [The load balancer keeps a particular kind of list., How does it find out?]
"""


def picked_right(folder: Any, lesson: str) -> str:
    """The screen of a one-question lesson (`lesson`, in `folder`) answered right."""
    (folder / "lessons").mkdir()
    (folder / "lessons" / "01-echo.yaml").write_text(lesson)
    step = load_curriculum(extra=[folder], grade_with=False).lessons["echo-wrap"].steps[0]
    child = spawn("learn", "--curriculum", str(folder), "echo-wrap")
    wait_for_widget(child, step)
    child.expect_exact(shuffled(step.choices, step.id)[-1])
    child.send(answer_keys(step)[0])
    child.expect_exact("Lesson complete")
    child.expect(pexpect.EOF)
    return screen_text(child)


def test_the_picked_answer_shown_after_the_prompt_breaks_between_words(tmp_path: Any) -> None:
    # At 80 columns the picked choice, shown after the prompt's last line, passes the edge:
    # it was cut mid-word there ("that sti" / "ll pass").
    shown = picked_right(tmp_path, ECHO_LESSON)
    assert "requests that follow? Sends them only to servers that\n  still pass" in shown
    assert "sti\nll" not in shown


SHORT_CHOICES = ECHO_LESSON.replace(
    """    prompt: >-
      One of the app servers behind a load balancer crashes. What does the load
      balancer do with the requests that follow?""",
    "    prompt: With 10 reads for every write, what kind of system is Pastebin now?",
).replace("Sends them only to servers that still pass their health checks", "Read-heavy")


def test_an_instruction_on_a_line_of_its_own_is_indented_like_the_prompt(
    tmp_path: Any,
) -> None:
    # The prompt fills the line, so the instruction, then the pick, go on the next line:
    # they started one column in, out of line with the prompt's wrapped lines.
    shown = picked_right(tmp_path, SHORT_CHOICES)
    assert "Pastebin now?\n  (Use arrow keys or a number)" in shown
    assert "Pastebin now?\n  Read-heavy" in shown
