"""Streams, consoles and askers for commands, and the way they stop."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, NoReturn

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from sysdesign_cli.sessions.asker import Asker


def make_console(stderr: bool = False) -> Console:
    """A console that honours NO_COLOR, TERM=dumb and a piped stdout (rich does)."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, emoji=False)


def fail(message: str, code: int = 1) -> NoReturn:
    """One clear line on stderr, then a non-zero exit: never a traceback."""
    from rich.markup import escape

    # soft_wrap: one line, so a long path in it is never broken (the terminal wraps it).
    make_console(stderr=True).print(f"[red]Error:[/red] {escape(message)}", soft_wrap=True)
    raise typer.Exit(code)


def make_asker(console: Console, plain: bool) -> Asker:
    """questionary on a terminal; numbered plain lines with --plain, a pipe or TERM=dumb."""
    from sysdesign_cli.sessions.asker import PlainAsker, TerminalAsker

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


@contextmanager
def stopping(
    console: Console, resume: str, saved: str = "Your progress is saved"
) -> Iterator[None]:
    """Ctrl-C and end of input end a session cleanly, with how to pick it up again."""
    from sysdesign_cli.sessions.asker import EndOfInput

    try:
        yield
    except KeyboardInterrupt:
        console.print()
        # soft_wrap: one line however narrow the terminal, so the command reads whole.
        console.print(f"Stopped. {saved}; {resume}.", soft_wrap=True)
        raise typer.Exit(130) from None
    except EndOfInput:
        console.print(f"End of input. {saved}; {resume}.", soft_wrap=True)
        raise typer.Exit(0) from None
