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


_SEQUENCE = re.compile(
    r"\x1b\[([0-?]*)[ -/]*([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][A-Z0-9]|\x1b[=>]|.",
    re.DOTALL,
)


def screen_rows(raw: str, columns: int = 80) -> list[str]:
    """The rows a terminal `columns` wide shows after `raw` (a transcript): characters,
    carriage returns, line feeds and the cursor moves and erases prompt_toolkit sends
    (it wraps lines itself, with the terminal's autowrap off). Rows scrolled off the top
    are kept, so that a row is found by what it says."""
    rows: list[list[str]] = [[]]
    y = x = 0

    def cell(row: int) -> list[str]:
        while len(rows) <= row:
            rows.append([])
        return rows[row]

    for match in _SEQUENCE.finditer(raw):
        text, final = match.group(0), match.group(2)
        if final is not None:  # a CSI sequence: the moves and erases matter
            count = int(match.group(1) or 1) if match.group(1).isdigit() else 1
            if final == "A":
                y = max(y - count, 0)
            elif final == "B":
                y += count
            elif final == "C":
                x = min(x + count, columns - 1)
            elif final == "D":
                x = max(x - count, 0)
            elif final == "K":
                del cell(y)[x:]
            elif final == "J":
                del cell(y)[x:]
                del rows[y + 1:]
        elif text == "\r":
            x = 0
        elif text == "\n":
            y += 1
        elif text == "\b":
            x = max(x - 1, 0)
        elif len(text) == 1 and text >= " ":
            row = cell(y)
            row.extend(" " * (x + 1 - len(row)))
            row[x] = text
            x = min(x + 1, columns - 1)  # autowrap is off: the last column is overwritten
    return ["".join(row).rstrip() for row in rows]


def spawn_python(script: str, dimensions: tuple[int, int] = (24, 80)) -> Any:
    """`python -c SCRIPT` (this interpreter) in a terminal of `dimensions`, like `spawn`."""
    import pexpect

    full_env = {**os.environ, "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
    full_env.pop("COLUMNS", None)
    child = pexpect.spawn(sys.executable, ["-c", script], env=full_env, dimensions=dimensions,
                          encoding="utf-8", timeout=TIMEOUT)  # fmt: skip
    child.transcript = []
    child.logfile_read = _Collect(child.transcript)
    return child
