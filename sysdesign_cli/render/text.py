"""Plain text for a piped stdout: aligned columns, no colour, no box drawing.

Piped output is read by grep, less and scripts rather than eyes on a terminal, and
skipping rich here keeps `sysdesign estimate | ...` as quick to start as Typer itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def columns(
    headers: Sequence[str], rows: Sequence[Sequence[str]], right: set[int], header: bool = True
) -> str:
    """Rows under headers and a dashed rule, padded to the widest cell; `right` columns
    align right; no line ends in spaces."""
    table = [list(headers), *[list(row) for row in rows]]
    widths = [max(len(row[index]) for row in table) for index in range(len(headers))]

    def line(row: list[str]) -> str:
        cells = [
            cell.rjust(width) if index in right else cell.ljust(width)
            for index, (cell, width) in enumerate(zip(row, widths))
        ]
        return "  ".join(cells).rstrip()

    rule = "  ".join("-" * width for width in widths)
    top = [line(table[0]), rule] if header else []
    return "\n".join([*top, *(line(row) for row in table[1:])])


def fill_words(line: str, width: int, lead: str = "", indent: str = "") -> str:
    """`line` broken at spaces into lines of at most `width` terminal cells (a wide
    character takes two), a `command in backticks` never split (a word or command wider
    than a line keeps a line of its own). `lead` starts the first line, `indent` the
    others."""
    import re

    from rich.cells import cell_len

    lines: list[str] = []
    used = 0  # cells on the last line
    for word in re.findall(r"`[^`]*`\S*|\S+", line):
        cells = cell_len(word)
        if lines and used + 1 + cells <= width:
            lines[-1] += " " + word
            used += 1 + cells
        else:
            start = indent if lines else lead
            lines.append(start + word)
            used = cell_len(start) + cells
    return "\n".join(lines) or lead.rstrip()


def said_whole(console: Any, line: str, hang: int = 0) -> str:
    """`line` as a terminal shows it whole: broken between words at its width, a path or
    a `command` never split (the terminal would cut a word anywhere: "cont" / "inue").
    `hang`: the line's first columns are a label (`  a -> b            `) kept as they
    are, and its wrapped lines start under the text after it. Piped, it stays one line
    for grep and scripts."""
    from sysdesign_cli.render.plain import PlainConsole

    if isinstance(console, PlainConsole) or not console.is_terminal:
        return line
    if hang and len(line) > hang:
        return fill_words(line[hang:], console.width, lead=line[:hang], indent=" " * hang)
    return fill_words(line, console.width)


def hanging(console: Any, lead: str, text: str) -> str:
    """`lead` (`  2) `) then `text`, whose wrapped lines start under the text, not under the
    number, on a terminal; piped, one line."""
    from sysdesign_cli.render.plain import PlainConsole

    if isinstance(console, PlainConsole) or not console.is_terminal:
        return lead + text
    return fill_words(text, console.width, lead=lead, indent=" " * len(lead))


def points_text(score: float, points: float) -> str:
    """`8.3 / 10`: a score as a learner reads it, to one decimal at most (`0.83 / 10` read
    as a share); never rounded up to full marks or down to none that were not."""
    import math

    shown = round(score, 1)
    if shown >= points > score:
        shown = math.floor(score * 10) / 10
    elif shown <= 0 < score:
        shown = 0.1
    return f"{shown:g} / {points:g}"
