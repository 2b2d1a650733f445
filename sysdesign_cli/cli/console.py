"""Streams, consoles and askers for commands, and the way they stop."""

from __future__ import annotations

import io
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from sysdesign_cli.core.safe_text import visible
from sysdesign_cli.render.text import said_whole

if TYPE_CHECKING:
    from rich.console import Console

    from sysdesign_cli.sessions.asker import Asker


def is_plain(stream: Any) -> bool:
    """Output for a pipe, a file or a dumb terminal: plain text, whatever the width."""
    dumb = os.environ.get("TERM", "") in ("dumb", "unknown")
    try:
        return dumb or not stream.isatty()
    except (AttributeError, ValueError):  # closed, or not a real stream
        return True


def make_console(stderr: bool = False) -> Console:
    """A console for a terminal (colour unless NO_COLOR, width of the terminal), or for a
    pipe, a file and TERM=dumb: plain, aligned, unwrapped text without boxes."""
    safe_streams()
    stream = sys.stderr if stderr else sys.stdout
    if is_plain(stream):
        from sysdesign_cli.render.plain import PlainConsole

        return PlainConsole(stream)  # type: ignore[return-value]  # prints as a Console does
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, emoji=False)


def safe_streams() -> None:
    """Where stdout or stderr cannot encode the marks (cp1252, ascii), print ASCII stand-ins
    (`+` for a tick, `x` for a cross) instead of failing on them."""
    from sysdesign_cli.render.marks import ERRORS, register

    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "utf-8"
        try:
            "✓✗█─".encode(encoding)
            continue
        except (UnicodeEncodeError, LookupError):
            pass
        if hasattr(stream, "reconfigure") and getattr(stream, "errors", "") != ERRORS:
            register()
            stream.reconfigure(errors=ERRORS)


def fail(message: str, code: int = 1) -> NoReturn:
    """One clear line on stderr, then a non-zero exit: never a traceback."""
    from sysdesign_cli.render.markup import escape

    # visible: a path the user typed may hold control characters.
    errors = make_console(stderr=True)
    said = escape(said_whole(errors, f"Error: {visible(message)}"))
    errors.print(said.replace("Error:", "[red]Error:[/red]", 1), soft_wrap=True)
    raise typer.Exit(code)


class Refused(typer.BadParameter):
    """A bad option or argument, said as `fail` says an error: broken between words at the
    terminal's width (Click prints it as one line, which the terminal cuts mid-word)."""

    def format_message(self) -> str:
        prefix = "Error: "  # Click puts it before the message
        # visible, as `fail` does: a value named in it never reaches the terminal raw.
        said = prefix + visible(super().format_message())
        return said_whole(make_console(stderr=True), said)[
            len(prefix):
        ]


def make_asker(console: Console, plain: bool) -> Asker:
    """questionary on a terminal; numbered plain lines with --plain, a pipe or TERM=dumb."""
    from sysdesign_cli.sessions.plain_asker import PlainAsker
    from sysdesign_cli.sessions.terminal_asker import TerminalAsker

    stdin = sys.stdin
    stdin_tty = stdin is not None and stdin.isatty()
    dumb = os.environ.get("TERM", "") == "dumb"
    if plain or dumb or not stdin_tty or not console.is_terminal:
        if stdin is None:
            stdin = io.StringIO("")
        elif hasattr(stdin, "reconfigure"):
            # Bytes that are not UTF-8 become U+FFFD and are graded as a wrong answer.
            stdin.reconfigure(errors="replace")
        return PlainAsker(console, stdin, pause=stdin_tty)
    return TerminalAsker()


# Signals that end a session the way Ctrl-C does: progress saved, how to resume.
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGQUIT")
                     if hasattr(signal, name))  # fmt: skip


class Stopped(KeyboardInterrupt):
    """A signal (SIGTERM, SIGHUP, SIGQUIT) ended the session; `signum` says which."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop(signum: int, _frame: object) -> None:
    for each in STOP_SIGNALS:  # a second signal must not cut the goodbye short
        signal.signal(each, signal.SIG_IGN)
    raise Stopped(signum)


@contextmanager
def _signals_stop() -> Iterator[None]:
    try:
        previous = {each: signal.signal(each, _stop) for each in STOP_SIGNALS}
    except ValueError:  # not the main thread: leave signals alone
        previous = {}
    try:
        yield
    finally:
        for each, handler in previous.items():
            signal.signal(each, handler)


@contextmanager
def stopping(
    console: Console, resume: str | Callable[[], str],
    saved: str | Callable[[], str] = "Your progress is saved",
) -> Iterator[None]:
    """Ctrl-C, a stop signal and end of input end a session cleanly, with how to go on
    (`saved`, `resume`: what is kept and how to go on, or functions that say it at the
    moment of stopping)."""
    from sysdesign_cli.sessions.asker import EndOfInput, Quit

    def kept() -> str:
        said = [item() if callable(item) else item for item in (saved, resume)]
        return "; ".join(said)

    with _signals_stop():
        try:
            yield
        except KeyboardInterrupt as stop:
            # The shell's convention: 128 + the signal's number (130 for Ctrl-C).
            code = 128 + stop.signum if isinstance(stop, Stopped) else 130
            if isinstance(stop, Quit):  # q at a pause: the learner chose to leave
                code = 0
            _goodbye(console, f"Stopped. {kept()}.")
            raise typer.Exit(code) from None
        except EndOfInput:
            console.print(said_whole(console, f"End of input. {kept()}."), soft_wrap=True)
            raise typer.Exit(0) from None


def _goodbye(console: Console, line: str) -> None:
    try:
        console.print()
        # soft_wrap: broken between words by said_whole, never inside the command.
        console.print(said_whole(console, line), soft_wrap=True)
    except OSError:  # the terminal hung up (SIGHUP): nobody is there to read it
        pass


class Kept:
    """Whether a resumable session has saved anything yet, for its stop line to say what
    is true: before the first part is answered there is nothing to go on from."""

    def __init__(self, saved: bool) -> None:
        self.saved = saved

    def said(self) -> str:
        """What is kept."""
        if self.saved:
            return "Your progress is saved"
        return "Nothing is saved yet: each part is saved once it is answered"

    def resume(self, command: str, note: str = "") -> Callable[[], str]:
        """How to go on with `command`, said at the moment of stopping."""

        def line() -> str:
            if self.saved:
                return f"run `{command}` to go on from where you stopped{note}"
            return f"run `{command}` to start again"

        return line
