"""`sysdesign exercise pastebin` in a real pseudo-terminal: real keys into questionary.

The keys are computed from the exercise YAML and the same stable shuffle the session
uses; expect() waits on plain text, and the tree checks run on the transcript with the
terminal's escape codes stripped.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from sysdesign_cli.core.estimate import LABELS, format_figure
from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.sessions.ask import shuffled
from sysdesign_cli.sessions.exercise import DONE, block_menu

pexpect = pytest.importorskip("pexpect")

import pty_session  # noqa: E402
from pty_session import CTRL_C, DOWN, ENTER  # noqa: E402

pytestmark = pytest.mark.pty

PASTEBIN = load_curriculum().exercises["pastebin"]


def spawn(*args: str) -> Any:
    return pty_session.spawn(*args, dimensions=(24, 120))


screen_text = pty_session.screen_text


def stage(kind: str, name: str | None = None) -> Any:
    for item in PASTEBIN.stages:
        if item.kind == kind and (name is None or getattr(item, "name", None) == name):
            return item
    raise LookupError(f"no {kind} stage {name or ''}")


def lay_path(child: Any, name: str, block_ids: list[str], finish: bool) -> None:
    """Pick the blocks one select at a time, watching the tree grow after each.

    Every block stays on the list at the same place, so the arrow count is its index.
    """
    offered = [label for _, label in block_menu(PASTEBIN)]
    for index, block_id in enumerate(block_ids):
        label = PASTEBIN.block(block_id).label
        which = "first" if index == 0 else "next"
        child.expect_exact(f"Which block comes {which} on the {name}?")
        child.expect_exact("Use arrow keys")
        choices = offered + ([DONE] if index else [])
        child.send(DOWN * choices.index(label) + ENTER)
        child.expect_exact(f"Your {name} so far")
        child.expect_exact(label)
    if finish:
        child.expect_exact(f"Which block comes next on the {name}?")
        child.expect_exact("Use arrow keys")
        child.send(DOWN * len(offered) + ENTER)  # DONE is listed last


def test_real_keys_build_the_paths_then_ctrl_c_stops_cleanly() -> None:
    estimate = stage("estimate")
    question = PASTEBIN.stages[1]
    write = stage("path", "write path")
    choose = stage("choose")
    read = stage("path", "read path")
    child = spawn("exercise", "pastebin")

    result = estimate.result()
    for figure in estimate.figures:
        child.expect_exact(f"Your figure for {LABELS[figure].lower()}?")
        child.send(format_figure(figure, getattr(result, figure)) + ENTER)
        child.expect_exact("Good: within 2x.")

    assert question.type == "choice"
    child.expect_exact("Use arrow keys")
    child.send(DOWN * shuffled(question.choices, question.id).index(question.answer) + ENTER)
    child.expect_exact("✓ Right.")

    lay_path(child, write.name, list(write.reference), finish=True)
    child.expect_exact("Every block it needs, nothing it does not, in order.")

    child.expect_exact("Use arrow keys")
    shown_choices = shuffled(choose.choices, choose.id)  # SYSDESIGN_SEED: the test order
    child.send(DOWN * shown_choices.index(choose.answers[-1]) + ENTER)
    child.expect_exact(f"✓ {choose.answers[-1]}")
    child.expect_exact(choose.reason_prompt)
    child.send("megabyte pastes are big blobs" + ENTER)
    child.expect_exact("Tick the key points your answer made (self-assessed)")
    child.send(ENTER)  # keep what the tutor found
    child.expect_exact("Your points (self-assessed)")

    started = list(read.reference[:3])
    lay_path(child, read.name, started, finish=False)
    child.expect_exact(f"Which block comes next on the {read.name}?")
    child.expect_exact("Use arrow keys")
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()

    shown = screen_text(child)
    assert child.exitstatus == 130
    assert "Stopped. An exercise is saved when it is finished;" in shown
    assert "Traceback" not in shown
    # The tree grew one level per block: each label one step further in.
    for path in (list(write.reference), started):
        for depth, block_id in enumerate(path):
            line = " " * 4 * depth + "└── " + PASTEBIN.block(block_id).label
            assert re.search(rf"^{re.escape(line)}\s*$", shown, re.MULTILINE), line
    assert f"Your {read.name} so far" in shown
