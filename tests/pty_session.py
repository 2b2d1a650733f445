"""Spawning the installed `sysdesign` in a pseudo-terminal, for the pexpect tests."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

SYSDESIGN = Path(sys.executable).parent / "sysdesign"
DOWN, UP, ENTER, SPACE, CTRL_C, CTRL_D = "\x1b[B", "\x1b[A", "\r", " ", "\x03", "\x04"
TIMEOUT = 10
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][A-Z0-9]|\x1b[=>]")


class _Collect:
    """A logfile that keeps everything the child printed."""

    def __init__(self, into: list[str]) -> None:
        self.into = into

    def write(self, text: str) -> None:
        self.into.append(text)

    def flush(self) -> None:
        pass


def spawn(*args: str, dimensions: tuple[int, int] = (24, 80), **env: str) -> Any:
    """`sysdesign ARGS` in a terminal of `dimensions` (rows, columns); `child.transcript`."""
    import pexpect

    # pexpect does not answer prompt_toolkit's cursor-position request as a real terminal
    # would; without this, every widget waits ~2 s for it and then prints a warning.
    full_env = {**os.environ, "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1", **env}
    full_env.pop("COLUMNS", None)  # the terminal's own width, as a learner would have
    child = pexpect.spawn(str(SYSDESIGN), list(args), env=full_env, dimensions=dimensions,
                          encoding="utf-8", timeout=TIMEOUT)  # fmt: skip
    child.transcript = []
    child.logfile_read = _Collect(child.transcript)
    return child


def transcript(child: Any) -> str:
    """Everything the child printed, as it came."""
    return "".join(child.transcript)


def screen_text(child: Any) -> str:
    """Everything the terminal showed, escape codes removed."""
    return ANSI.sub("", transcript(child)).replace("\r", "")


def shows(text: str) -> re.Pattern[str]:
    """`text` as a terminal draws it: escape codes, line breaks and a wrapped line's indent
    may fall between any two characters."""
    gap = r"(?:\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][A-Z0-9]|\x1b[=>]|\s)"
    return re.compile("".join(
        gap + "+" if char.isspace() else re.escape(char) + gap + "*" for char in text
    ))  # fmt: skip


def see(child: Any, text: str) -> None:
    """Wait until `text` is on the screen, however it is styled or wrapped."""
    child.expect(shows(text))


def pick(child: Any, choices: list[str], value: str) -> None:
    """Arrow down to `value` in a select drawn with `choices`, and take it, once the
    widget's instruction text is drawn (keys sent before it are lost under load)."""
    see(child, "(Use arrow keys")
    child.expect_exact(choices[-1])  # the whole list is drawn
    child.send(DOWN * choices.index(value) + ENTER)


def tick(child: Any, choices: list[str], values: list[str]) -> None:
    """Space on each of `values` in a checkbox drawn with `choices`, then Enter."""
    see(child, "(space to pick)")
    child.expect_exact(choices[-1])
    child.send("".join((SPACE if choice in values else "") + DOWN for choice in choices) + ENTER)
