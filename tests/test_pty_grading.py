"""Grading in a real pseudo-terminal: the rubric self-assessment checkbox (found points
ticked, contradicted ones flagged), an unreadable figure asked again at no cost, and a
wrong multi-select try that does not tell how many options are right."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pexpect = pytest.importorskip("pexpect")

import pty_session  # noqa: E402
from pty_session import DOWN, ENTER, SPACE  # noqa: E402

from sysdesign_cli.sessions.ask import shuffled  # noqa: E402

pytestmark = pytest.mark.pty

EXERCISE = """\
id: tiny
title: Tiny
summary: One free answer.
stages:
  - kind: free
    id: tiny-improve
    title: One improvement
    prompt: Name one weakness and its fix.
    example: The one database is a single point of failure; add a replica with failover.
    hints: [Look for what exists once., What happens when it dies?]
    rubric:
      needed: 2
      points:
        - id: spof
          point: The database is a single point of failure
          shows: [single point of failure, spof, one database]
        - id: fix
          point: Add a replica with failover
          shows: [replica, failover, standby]
    explanation: One database is what exists once.
"""

LESSON = """\
id: tiny-lesson
title: Tiny lesson
summary: One number.
topics: [estimation]
order: 999
steps:
  - kind: question
    id: tiny-qps
    type: number
    topic: estimation
    prompt: 1,000,000 users make 10 requests each a day. What is the average QPS?
    answer: 116/s
    unit: QPS
    explanation: 10,000,000 / 86,400 is about 116.
"""


MULTI_LESSON = """\
id: tiny-multi
title: Tiny multi
summary: One multi-select.
topics: [building-blocks]
order: 998
steps:
  - kind: question
    id: tiny-state
    type: multi
    topic: building-blocks
    prompt: Which of these keep data between requests?
    choices: [Database, Cache, Load balancer, CDN edge node]
    answers: [Database, Cache]
    hints: [Think of where a row or a cached page lives.]
    explanation: The database and the cache hold data; the others pass requests on.
"""


def folder(tmp_path: Path) -> Path:
    root = tmp_path / "extra"
    (root / "exercises").mkdir(parents=True)
    (root / "lessons").mkdir()
    (root / "exercises" / "tiny.yaml").write_text(EXERCISE, encoding="utf-8")
    (root / "lessons" / "99-tiny.yaml").write_text(LESSON, encoding="utf-8")
    (root / "lessons" / "98-tiny-multi.yaml").write_text(MULTI_LESSON, encoding="utf-8")
    return root


def spawn(*args: str) -> Any:
    return pty_session.spawn(*args, dimensions=(30, 120))


def test_the_self_assessment_checkbox_starts_with_what_was_found(tmp_path: Path) -> None:
    child = spawn("exercise", "tiny", "--curriculum", str(folder(tmp_path)))
    child.expect_exact("Name one weakness and its fix.")
    # The contradiction is flagged; the fix is found and comes ticked.
    child.send("no spof here, add a standby" + ENTER)
    child.expect_exact("Hint: Look for what exists once.")  # the answer looks short
    child.expect_exact("Add to your answer, or press Enter to keep it as it is")
    child.send(ENTER)
    child.expect_exact("What the tutor found in your answer:")
    child.expect_exact("your answer seems to say the opposite")
    child.expect_exact("Tick the key points your answer made (self-assessed)")
    child.expect_exact("judged contradicted: earns nothing")
    # Tick the contradicted first point too: it still earns nothing.
    child.send(SPACE + ENTER)
    child.expect_exact("Your points (self-assessed): 1 of 2 needed")
    child.expect(pexpect.EOF)
    text = pty_session.screen_text(child)
    assert "(self-assessed)" in text
    assert "● Add a replica with failover" in text or "◉ Add a replica with failover" in text


def test_an_unreadable_figure_is_asked_again_at_no_cost(tmp_path: Path) -> None:
    child = spawn("learn", "tiny-lesson", "--curriculum", str(folder(tmp_path)))
    child.expect_exact("What is the average QPS?")
    child.send("lots" + ENTER)
    child.expect_exact("Give a rate, e.g. 2,500 QPS.")
    # The same prompt is still open: erase and type the figure.
    child.send("\x7f" * 4 + "about 116" + ENTER)
    child.expect_exact("✓")
    child.expect_exact("1 of 1 questions right on the first try.")
    child.expect(pexpect.EOF)


def _tick(child: Any, shown: list[str], wanted: list[str]) -> None:
    """Tick `wanted` in a checkbox showing `shown` (cursor on the first), then Enter."""
    at = 0
    for index in sorted(shown.index(choice) for choice in wanted):
        child.send(DOWN * (index - at) + SPACE)
        at = index
    child.send(ENTER)


def test_a_wrong_multi_try_says_how_the_picks_fared_not_how_many_are_right(
    tmp_path: Path,
) -> None:
    child = pty_session.spawn("learn", "tiny-multi", "--curriculum", str(folder(tmp_path)),
                              dimensions=(30, 120), SYSDESIGN_SEED="1")  # fmt: skip
    shown = shuffled(["Database", "Cache", "Load balancer", "CDN edge node"], "tiny-state")
    child.expect_exact("Which of these keep data between requests?")
    child.expect_exact("(space to pick)")  # the widget is drawn: keys now reach it
    _tick(child, shown, ["Database", "CDN edge node"])
    child.expect_exact("Not quite: of your picks, 1 is right and 1 is not.")
    child.expect_exact("Try again.")
    before_last = pty_session.screen_text(child)
    child.expect_exact("(space to pick)")
    _tick(child, shown, ["Database", "CDN edge node"])
    child.expect_exact("✗ 1 of 2 right answers picked, and 1 that is not.")
    child.expect(pexpect.EOF)
    assert "right answers picked" not in before_last
    assert "of 2" not in before_last


def test_key_words_alone_are_named_not_ticked(tmp_path: Path) -> None:
    """A list of key words makes no point: nothing comes ticked, the tutor says why and
    shows the model answer, and the learner's own ticks decide (self-assessed)."""
    child = spawn("exercise", "tiny", "--curriculum", str(folder(tmp_path)))
    child.expect_exact("Name one weakness and its fix.")
    child.send("spof replica" + ENTER)
    child.expect_exact("Add to your answer, or press Enter to keep it as it is")
    child.send(ENTER)
    child.expect_exact("key words only")
    child.expect_exact("A model answer:")
    child.expect_exact("Tick the key points your answer made (self-assessed)")
    child.send(ENTER)  # nothing ticked, nothing claimed
    child.expect_exact("Your points (self-assessed): 0 of 2 needed")
    child.expect(pexpect.EOF)


def test_key_words_alone_in_plain_mode(tmp_path: Path) -> None:
    import subprocess
    import sys

    command = [sys.executable, "-m", "sysdesign_cli", "exercise", "tiny", "--plain",
               "--curriculum", str(folder(tmp_path))]  # fmt: skip
    done = subprocess.run(command, input="spof replica\n\ny\ny\n", capture_output=True,
                          text=True, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.index("key words only") < out.index("A model answer:")
    assert "Your points (self-assessed): 2 of 2 needed" in out  # the learner's own say
