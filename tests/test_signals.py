"""Stop signals at a prompt (issue 11, item 9): SIGINT, SIGTERM, SIGHUP and SIGQUIT end a
session the way Ctrl-C does: the terminal restored (cursor shown, cooked mode), progress
saved, the resume line printed, and the exit status a signal gives (128 + its number),
whether the widget waits for a key or its event loop is busy in a background task
(tests/test_widget_stop.py raises them at every step of a widget's loop)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from curriculum_answers import plain_line, right_answer
from typer.testing import CliRunner

from sysdesign_cli.cli.app import app
from sysdesign_cli.core.loader import load_curriculum

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.pty

SYSDESIGN = Path(sys.executable).parent / "sysdesign"
# A lesson whose first question is a single choice (a questionary select in a terminal).
LIFECYCLE = next(
    lesson for lesson in load_curriculum().ordered_lessons()
    if next(step for step in lesson.steps if step.kind == "question").type == "choice"
)
SIGNALS = [pytest.param(getattr(signal, name), id=name)
           for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT")]  # fmt: skip
# Loaded at start-up through PYTHONPATH: the signal is raised from inside the size-polling
# background task of the widget that asks the lesson's first question, as one that
# arrives while the loop steps that task would be.
IN_A_TASK = """
import os, signal
from prompt_toolkit.application import Application

_run, _poll, _runs = Application.run_async, Application._poll_output_size, []

def run_async(self, *args, **options):
    _runs.append(self)
    return _run(self, *args, **options)

async def poll(self):
    if len(_runs) == int(os.environ["STOP_AT_WIDGET"]):
        signal.raise_signal(int(os.environ["STOP_SIGNAL"]))
    await _poll(self)

Application.run_async, Application._poll_output_size = run_async, poll
"""
RESUME = f"Stopped. Your progress is saved; run `sysdesign learn {LIFECYCLE.id}` to continue"


def steps_done() -> int:
    data = json.loads(CliRunner().invoke(app, ["progress", "--json"]).stdout)
    return next(item["steps_done"] for item in data["lessons"] if item["id"] == LIFECYCLE.id)


@pytest.mark.parametrize("in_a_task", [False, True], ids=["waiting", "in-a-task"])
@pytest.mark.parametrize("signum", SIGNALS)
def test_a_stop_signal_at_a_terminal_prompt(signum: int, in_a_task: bool, tmp_path: Path) -> None:
    from pty_session import screen_text, spawn, transcript

    asked = next(i for i, step in enumerate(LIFECYCLE.steps) if step.kind == "question")
    hook: dict[str, str] = {}
    if in_a_task:
        (tmp_path / "sitecustomize.py").write_text(IN_A_TASK)
        hook = {"PYTHONPATH": str(tmp_path), "STOP_AT_WIDGET": str(asked + 1),
                "STOP_SIGNAL": str(signum)}  # fmt: skip
    child = spawn("learn", LIFECYCLE.id, **hook)
    for index in range(asked):  # the text steps before it, each ending at a pause
        child.expect(f"Step {index + 1}/")
        child.expect("Press Enter")
        child.send("\r")
    child.expect(f"Step {asked + 1}/")
    if not in_a_task:
        child.expect("Use arrow keys")
        raw_mode = termios.tcgetattr(child.child_fd)
        assert not raw_mode[3] & termios.ICANON  # the widget has the terminal in raw mode
        child.kill(signum)
    child.expect(pexpect.EOF)
    after = termios.tcgetattr(child.child_fd)
    child.close()
    assert child.exitstatus == 128 + signum
    raw = transcript(child)
    # The cursor, hidden while the widget was drawn, is shown again; cooked mode is back.
    assert raw.rfind("\x1b[?25h") > raw.rfind("\x1b[?25l")
    assert after[3] & termios.ICANON and after[3] & termios.ECHO
    shown = screen_text(child)
    said = " ".join(shown[shown.find("Stopped."):].split())  # broken between words at 80
    assert shown.count("\nStopped.") == 1 and said.startswith(RESUME)
    # Nothing from the event loop: no traceback, no "Unhandled exception", no "Press ENTER".
    assert not any(word in raw for word in ("Traceback", "Unhandled", "ENTER"))
    assert steps_done() == asked  # the steps read before the signal are kept


@pytest.mark.parametrize("signum", SIGNALS)
def test_a_stop_signal_at_a_plain_prompt_keeps_what_was_answered(signum: int) -> None:
    proc = subprocess.Popen([str(SYSDESIGN), "learn", LIFECYCLE.id, "--plain"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)  # fmt: skip
    assert proc.stdin is not None and proc.stdout is not None
    asked = next(i for i, step in enumerate(LIFECYCLE.steps) if step.kind == "question")
    step = LIFECYCLE.steps[asked]
    proc.stdin.write(plain_line(step, right_answer(step)) + "\n")
    proc.stdin.flush()
    seen = ""
    while f"Step {asked + 2}/" not in seen:
        line = proc.stdout.readline()
        assert line, f"the session ended early:\n{seen[-500:]}"
        seen += line
    proc.send_signal(signum)
    out, errors = proc.communicate(timeout=20)
    assert proc.returncode == 128 + signum
    assert RESUME in " ".join((seen + out).split())
    assert "Traceback" not in errors
    assert steps_done() >= asked + 1  # the answered step is kept


def test_a_widget_stopped_while_loading_its_history_logs_no_traceback() -> None:
    """prompt_toolkit logs "Loading history failed" with a traceback when a stop signal
    lands while a widget loads its history; the stop is said in one line, nothing else."""
    script = (
        "import logging\n"
        "from sysdesign_cli.sessions.terminal_asker import TerminalAsker\n"
        "TerminalAsker()\n"
        "try:\n"
        "    raise KeyboardInterrupt\n"
        "except KeyboardInterrupt:\n"
        "    logging.getLogger('prompt_toolkit.buffer').exception('Loading history failed')\n"
        "print('asked')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, check=False)  # fmt: skip
    assert (done.returncode, done.stdout, done.stderr) == (0, "asked\n", "")
