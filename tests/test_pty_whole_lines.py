"""What the tutor says in one line (an error, a bad option, the line that says how to go on)
reaches an 80-column terminal broken between words, a command never split.

Printed as one long line, the terminal cuts it wherever the edge falls ("three-altitud" /
"es", "10" / "00000", "cont" / "inue"); a line of at most 80 columns is never cut.
"""

from __future__ import annotations

from typing import Any

import pytest

pexpect = pytest.importorskip("pexpect")

from pty_session import CTRL_C, screen_text, see, spawn  # noqa: E402

pytestmark = pytest.mark.pty


def said(child: Any) -> list[str]:
    """The lines the command printed, once it has ended."""
    child.expect(pexpect.EOF)
    child.close()
    return [line for line in screen_text(child).splitlines() if line.strip()]


@pytest.mark.parametrize(
    ("args", "whole"),
    [
        pytest.param(["learn", "no-such-lesson"], "three-altitudes,", id="unknown-lesson"),
        pytest.param(["estimate", "--dau", "-5"], "1000000,", id="bad-figure"),
        pytest.param(["quiz", "--topic", "no-such-topic"], "request-lifecycle,",
                     id="unknown-topic"),  # fmt: skip
        pytest.param(["learn", "--curriculum", "/no/such/folder/for/these/lessons/at/all"],
                     "exercises/)", id="our-own-error"),  # fmt: skip
    ],
)
def test_an_error_is_broken_between_words(args: list[str], whole: str) -> None:
    child = spawn(*args)
    lines = said(child)
    assert child.exitstatus == 2
    assert any(line.startswith("Error: ") for line in lines)
    assert all(len(line) <= 80 for line in lines), lines
    assert any(whole in line.split() for line in lines), lines  # a word, never cut


def test_the_line_that_says_how_to_go_on_keeps_its_command_whole() -> None:
    child = spawn("learn", "request-lifecycle")
    see(child, "Press Enter to continue")
    child.send(CTRL_C)
    lines = said(child)
    assert child.exitstatus == 130
    stop = lines.index(next(line for line in lines if line.startswith("Stopped.")))
    assert lines[stop:] == [
        "Stopped. Your progress is saved; run `sysdesign learn request-lifecycle` to",
        "continue from this step.",
    ]
