"""The terminal around a widget: its settings kept before the first prompt and put back
when a signal ends one mid-draw, and keys typed ahead of a prompt forgotten."""

from __future__ import annotations

from typing import Any


def terminal_mode() -> Any:
    """The terminal's settings before any widget runs (None without a terminal)."""
    import sys

    try:
        import termios
    except ImportError:  # Windows
        return None
    try:
        return termios.tcgetattr(sys.stdin.fileno())
    except (termios.error, OSError, ValueError, AttributeError):
        return None


def restore_terminal(question: Any, cooked: Any) -> None:
    """A signal can end a widget before prompt_toolkit tidies up: show the cursor again,
    end bracketed paste, and put back the terminal settings from before the prompt."""
    import sys
    from contextlib import suppress

    output = question.application.output
    with suppress(OSError, ValueError):  # the terminal is gone (SIGHUP)
        output.show_cursor()
        output.disable_bracketed_paste()
        output.reset_cursor_key_mode()
        output.flush()
    if cooked is not None:
        import termios

        with suppress(termios.error, OSError, ValueError):
            termios.tcsetattr(sys.stdin.fileno(), termios.TCSADRAIN, cooked)


def discard_typeahead(question: Any) -> None:
    """Forget keys pressed before a prompt was drawn: a second Enter at "Press Enter to
    continue" must not answer the next question with whatever choice is on top."""
    import os

    from prompt_toolkit.input.typeahead import clear_typeahead

    try:
        import termios
    except ImportError:  # Windows
        return
    source = question.application.input
    try:
        fd = source.fileno()
        if not os.isatty(fd):  # a pipe in tests: its keys are meant for the prompts
            return
        termios.tcflush(fd, termios.TCIFLUSH)  # typed, not yet read
    except (termios.error, OSError, ValueError, NotImplementedError):
        return
    clear_typeahead(source)  # read by the previous prompt, left over
