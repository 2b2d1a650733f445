"""A stop signal at every step of a widget's event loop: `python widget_stop_sweep.py KIND
SIGNUM...` prints, as JSON, what became of a terminal widget (`select`, `text`) stopped at
its first loop step, then its second, and so on until the widget lives through them all:
the signal (the ones given, in turn), the exit status and what it printed.

Each step is a callback the loop runs: a task's step (the application's own, a background
task's such as loading the history or polling the terminal's size) or a plain callback
(a redraw). The signal is raised as the step's first Python frame starts, inside it, as a
signal that arrives at that moment would be. Each run is a child forked from this process
(every module already imported), with an answer waiting in its input, so that a widget
that ignores the signal answers and ends, and one that hangs is killed after a while.
"""

from __future__ import annotations

import asyncio.events
import io
import json
import os
import signal
import sys
import time
from typing import Any

import typer
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from sysdesign_cli.cli.console import stopping
from sysdesign_cli.sessions.terminal_asker import TerminalAsker

HANG = 8.0  # seconds a child may take before it counts as hung
MOST_STEPS = 120  # a select or text widget answered at once runs about 30


def ask(kind: str) -> str:
    """The widget, answered by the Enter waiting in its input."""
    with create_pipe_input() as keys:
        keys.send_text("\r")
        with create_app_session(input=keys, output=DummyOutput()):
            asker = TerminalAsker()
            if kind == "select":
                return asker.select("Pick one", ["first", "second"])
            return asker.text("Type one")


def stopped_at(step: int, signum: int, kind: str) -> int:
    """In the child: the widget with `signum` raised at the start of loop step `step`."""
    ran = 0
    run = asyncio.events.Handle._run

    def fire(frame: Any, event: str, _arg: object) -> Any:
        if frame.f_code is run.__code__:  # the step's own wrapper: the signal goes inside
            return None
        sys.settrace(None)
        signal.raise_signal(signum)
        return None

    def counted(handle: asyncio.events.Handle) -> None:
        nonlocal ran
        ran += 1
        if ran == step:
            sys.settrace(fire)
        try:
            run(handle)
        finally:
            sys.settrace(None)

    asyncio.events.Handle._run = counted  # type: ignore[method-assign]
    try:
        with stopping(Console(file=sys.stdout, width=80), "run it again"):
            answer = ask(kind)
    except typer.Exit as stop:
        return int(stop.exit_code)
    print(f"answered {answer!r} after {ran} steps")
    return 0 if ran < step else 1  # 1: the signal fired and was ignored


def child(step: int, signum: int, kind: str) -> tuple[int | None, str]:
    """Fork a child stopped at `step`: its exit status (None: hung) and its output."""
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover (the child)
        os.close(reading)
        os.dup2(writing, 1)
        os.dup2(writing, 2)
        code = 1
        try:
            code = stopped_at(step, signum, kind)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    os.close(writing)
    os.set_blocking(reading, False)
    said = b""
    status: int | None = None
    deadline = time.monotonic() + HANG
    while status is None and time.monotonic() < deadline:
        try:
            said += os.read(reading, 65536)
        except BlockingIOError:
            time.sleep(0.01)
        done, how = os.waitpid(pid, os.WNOHANG)
        if done:
            status = os.waitstatus_to_exitcode(how)
    if status is None:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    try:
        while chunk := os.read(reading, 65536):
            said += chunk
    except BlockingIOError:
        pass
    os.close(reading)
    return status, said.decode(errors="replace")


def warm(kind: str) -> None:
    """One widget answered and one stop said, so that a child imports nothing more."""
    ask(kind)
    try:
        with stopping(Console(file=io.StringIO()), "run it again"):
            raise KeyboardInterrupt
    except typer.Exit:
        pass


def main() -> None:
    kind, signals = sys.argv[1], [int(each) for each in sys.argv[2:]]
    warm(kind)
    results = []
    for step in range(1, MOST_STEPS + 1):
        signum = signals[(step - 1) % len(signals)]
        status, said = child(step, signum, kind)
        results.append({"step": step, "signal": signum, "status": status, "said": said})
        if status == 0:  # the widget ended before this step: every step was tried
            break
    print(json.dumps(results))


if __name__ == "__main__":
    main()
