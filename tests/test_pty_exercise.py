"""`sysdesign exercise pastebin` in a real pseudo-terminal: edges typed into the real
prompt (a refused line, a Tab completion, `undo`), Ctrl-C in the middle, then the same
command again goes on from the stage it stopped at and finishes.

The keys are worked out from the exercise YAML and the engine; expect() waits on plain
text, and the drawing checks run on the transcript with the escape codes stripped.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from exercise_answers import TABLE, loop_fixes, reference_lines, right_answers, spec

from sysdesign_cli.core.estimate_figures import LABELS, format_figure
from sysdesign_cli.core.graph.design_loop import loop_step
from sysdesign_cli.core.graph.load import load
from sysdesign_cli.core.graph.loop_offers import menu_entry, offers
from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.sessions.ask import shuffled
from sysdesign_cli.sessions.bottleneck import none_choice
from sysdesign_cli.sessions.fix_loop import STOP, TYPE

pexpect = pytest.importorskip("pexpect")

import pty_session  # noqa: E402
from pty_session import CTRL_C, ENTER, pick, see, tick  # noqa: E402

pytestmark = pytest.mark.pty

PASTEBIN = load_curriculum().exercises["pastebin"]
EDGE = "Next edge (or undo, show, help, done)"


def spawn(*args: str) -> Any:
    return pty_session.spawn(*args, dimensions=(40, 120))


def stage(kind: str) -> Any:
    return next(item for item in PASTEBIN.stages if item.kind == kind)


def first_half(child: Any) -> None:
    """The estimate, the first question and the choice of where the text lives."""
    estimate = stage("estimate")
    result = estimate.result()
    for figure in estimate.figures:
        child.expect_exact(f"Your figure for {LABELS[figure].lower()}?")
        child.send(format_figure(figure, getattr(result, figure)) + ENTER)
        child.expect_exact("Good: within 2x.")
    question = PASTEBIN.stages[1]
    pick(child, shuffled(question.choices, question.id), question.answer)
    child.expect_exact("✓ Right.")
    choose = stage("choose")
    pick(child, shuffled(choose.choices, choose.id), choose.answers[-1])
    child.expect_exact(choose.reason_prompt)
    child.send("megabyte pastes are big blobs" + ENTER)
    child.expect_exact("Tick the key points your answer made (self-assessed)")
    child.send(ENTER)  # keep what the tutor found
    child.expect_exact("Your points (self-assessed)")


def type_the_design(child: Any) -> None:
    """The reference, with a refused line, a Tab completion and an undo on the way."""
    first, *rest = reference_lines(PASTEBIN)
    assert first == "client -> dns"
    child.expect_exact(EDGE)
    child.send("cli\t -> dns" + ENTER)  # Tab completes `client`
    child.expect_exact("Your design so far")
    child.expect_exact(EDGE)
    child.send("app -> cahce : read" + ENTER)
    see(child, "Not added (it costs nothing)")
    child.expect_exact("Did you mean 'cache'?")
    for line in rest:
        child.expect_exact(EDGE)
        child.send(line + ENTER)
        child.expect_exact("Your design so far")
    child.expect_exact(EDGE)
    child.send("app -> cdn : read" + ENTER)
    child.expect_exact("Your design so far")
    child.expect_exact(EDGE)
    child.send("undo" + ENTER)
    see(child, "Removed: app -> cdn : read")
    child.expect_exact(EDGE)
    child.send("done" + ENTER)
    see(child, "Checks: no findings.")


def load_choices() -> list[str]:
    """The load stage's choices for the reference design, as the session lists them."""
    item = stage("load")
    design = PASTEBIN.design
    assert design is not None
    report = load(design.graph(), spec(PASTEBIN, item), TABLE)
    rated = [block.name for block in report.blocks if block.utilisation is not None]
    return shuffled([*rated, none_choice(item.factors)], item.id)


def second_half(child: Any) -> None:
    """Load, drill, a question, the loop, a question and the improvement."""
    (first,) = right_answers(PASTEBIN, stage("load"))
    pick(child, load_choices(), first)
    see(child, f"✓ The engine's answer: {first}.")
    design = PASTEBIN.design
    assert design is not None
    (survivors,) = right_answers(PASTEBIN, stage("drill"))
    tick(child, shuffled(list(design.checked_flows()), stage("drill").id), survivors)
    see(child, "✓ Still working:")
    questions = [item for item in PASTEBIN.stages if item.kind == "question"]
    tick(child, shuffled(questions[1].choices, questions[1].id), list(questions[1].answers))
    child.expect_exact("✓ Right")
    loop_stage = stage("loop")
    graph = design.graph()
    for round_, fix in enumerate(loop_fixes(PASTEBIN, loop_stage)):
        step = loop_step(graph, spec(PASTEBIN, loop_stage), TABLE, loop_stage.target)
        offered = offers(graph, step, spec(PASTEBIN, loop_stage), TABLE)
        labels = [item.label for item in offered]
        entry = menu_entry(graph, fix)
        pick(child, [*shuffled(labels, f"{loop_stage.id}-{round_}"), TYPE, STOP], entry.label)
        if entry.asks:
            see(child, f"How many copies of {entry.block} in all?")
            child.send(f"{fix.graph.block(entry.block).count}" + ENTER)
        graph = fix.graph
    child.expect_exact(f"The design carries {loop_stage.target:g}x")
    tick(child, shuffled(questions[2].choices, questions[2].id), list(questions[2].answers))
    child.expect_exact("✓ Right")
    free = stage("free")
    child.expect_exact(free.prompt.strip()[:40])
    child.send(free.example + ENTER)
    child.expect_exact("Tick the key points your answer made (self-assessed)")
    child.send(ENTER)


def test_type_the_design_stop_with_ctrl_c_and_go_on_where_it_stopped() -> None:
    child = spawn("exercise", "pastebin")
    first_half(child)
    type_the_design(child)
    child.expect_exact("Traffic grows to")
    child.expect_exact(load_choices()[-1])
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    shown = pty_session.screen_text(child)
    assert child.exitstatus == 130
    assert "Stopped. Your progress is saved; run `sysdesign exercise pastebin` to go on" in (
        " ".join(shown.split()))
    assert "Traceback" not in shown
    # Completed by Tab: the drawing has the client, and DNS beside it as a lookup.
    assert re.search(r"^\+-- \[lookup\] dns\s*$", shown, re.MULTILINE)
    assert "cdn" not in shown.rpartition("Removed: app -> cdn : read")[2].split("Checks:")[0]

    again = spawn("exercise", "pastebin")
    again.expect_exact("Resuming where you stopped: 4 of")
    second_half(again)
    again.expect_exact(f"{PASTEBIN.title}: ")
    again.expect(pexpect.EOF)
    again.close()
    assert again.exitstatus == 0
    total = sum(getattr(item, "points", 10) for item in PASTEBIN.stages)
    assert f"{PASTEBIN.title}: {total} / {total}" in pty_session.screen_text(again)

    listed = spawn("exercise")
    listed.expect(pexpect.EOF)
    assert f"{total} / {total}" in pty_session.screen_text(listed)
