"""`sysdesign quiz` in a real pseudo-terminal: the questionary select driven with arrow keys,
Enter and Ctrl-C, the graded feedback and the summary read off the screen.

New questions come in random order, so the store is seeded with two cards already due for
known choice questions and the quiz runs with `--due`: those two come first, in due order.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from fsrs import Rating

from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.core.scheduling import review
from sysdesign_cli.sessions.ask import shuffled
from sysdesign_cli.store import Store

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.pty

SYSDESIGN = Path(sys.executable).parent / "sysdesign"
DOWN, ENTER, CTRL_C = "\x1b[B", "\r", "\x03"


def _fits(question: Any) -> bool:
    """A choice question that draws on one screen line per choice at 80 columns."""
    return (
        question.kind == "question"
        and question.type == "choice"
        and len(question.prompt) < 60
        and max(len(choice) for choice in question.choices) < 70
    )


def two_choice_questions() -> list[Any]:
    chosen: list[Any] = []
    for step, _ in load_curriculum().questions().values():
        if _fits(step) and step.topic not in {q.topic for q in chosen}:
            chosen.append(step)
        if len(chosen) == 2:
            return chosen
    pytest.fail("the lessons have no two short choice questions on different topics")


def seed_due(home: Path, questions: list[Any]) -> None:
    now = datetime.now(timezone.utc)
    with Store.open(home) as store:
        for hours, question in enumerate(questions):
            card_json, _ = review(None, question.id, Rating.Again, now - timedelta(days=1))
            store.put_card(question.id, card_json, now - timedelta(hours=len(questions) - hours))


@pytest.fixture
def spawn() -> Iterator[Callable[..., Any]]:
    """Start `sysdesign quiz` in a 24x80 pseudo-terminal; whatever is left is killed after."""
    children: list[Any] = []

    def start(home: Path, *args: str) -> Any:
        env = dict(os.environ, SYSDESIGN_HOME=str(home), TERM="xterm", NO_COLOR="1",
                   PROMPT_TOOLKIT_NO_CPR="1")  # fmt: skip
        env.pop("COLUMNS", None)  # the terminal's own 80 columns decide the width
        child = pexpect.spawn(str(SYSDESIGN), ["quiz", *args], env=env, dimensions=(24, 80),
                              encoding="utf-8", timeout=15)  # fmt: skip
        children.append(child)
        return child

    yield start
    for child in children:
        if child.isalive():
            child.close(force=True)


def pick(child: Any, question: Any, choice: str) -> None:
    """Wait for the select to be drawn, arrow down to `choice`, press Enter."""
    child.expect_exact(question.prompt.strip()[:30])
    child.expect_exact("(Use arrow keys")
    index = shuffled(question.choices, question.id).index(choice)
    child.send(DOWN * index + ENTER)


def wrong_choice(question: Any) -> str:
    return next(choice for choice in question.choices if choice != question.answer)


def test_quiz_with_arrow_keys_grades_explains_and_sums_up(
    isolated_env: Path, spawn: Callable[..., Any]
) -> None:
    first, missed = two_choice_questions()
    seed_due(isolated_env, [first, missed])
    child = spawn(isolated_env, "--due", "--count", "2")

    child.expect_exact(f"Question 1/2 [{first.topic}, due]")
    pick(child, first, first.answer)
    child.expect_exact("✓ Right.")
    child.expect_exact(" ".join(first.explanation.split()[:3]))

    child.expect_exact(f"Question 2/2 [{missed.topic}, due]")
    for attempt in range(len(missed.hints) + 1):
        pick(child, missed, wrong_choice(missed))
        if attempt < len(missed.hints):
            child.expect_exact("Hint:")
            child.expect_exact("Try again.")
    child.expect_exact("✗ Not quite.")
    child.expect_exact("The answer:")

    child.expect_exact("Once more")
    child.expect_exact("Again 1/1")
    pick(child, missed, missed.answer)
    child.expect_exact("✓ Right.")

    child.expect_exact("Score: 1 / 2")
    child.expect_exact(f"{missed.topic}: 0 / 1")
    child.expect_exact(f"{first.topic}: 1 / 1")
    child.expect_exact("Second tries: 1 of 1 right.")
    child.expect(re.compile(r"Next reviews: 1 due within the hour"))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Traceback" not in child.before

    with Store.open(isolated_env) as store:
        assert store.answer_count() == 3  # two questions and one retry
        assert store.due_count(datetime.now(timezone.utc) + timedelta(hours=1)) == 1


def test_ctrl_c_mid_quiz_keeps_the_answers_given(
    isolated_env: Path, spawn: Callable[..., Any]
) -> None:
    first, second = two_choice_questions()
    seed_due(isolated_env, [first, second])
    child = spawn(isolated_env, "--due")

    pick(child, first, first.answer)
    child.expect_exact("✓ Right.")
    child.expect_exact(second.prompt.strip()[:30])
    child.expect_exact("(Use arrow keys")
    child.send(CTRL_C)
    child.expect_exact("Stopped. Your progress is saved; run `sysdesign quiz` to go on")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in child.before

    with Store.open(isolated_env) as store:
        assert store.answer_count() == 1
        due_now = store.due_cards(datetime.now(timezone.utc))
        assert due_now == [second.id], "the answered one moved on, the other is still due"
