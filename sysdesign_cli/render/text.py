"""Plain text for a piped stdout: aligned columns, no colour, no box drawing.

Piped output is read by grep, less and scripts rather than eyes on a terminal, and
skipping rich here keeps `sysdesign estimate | ...` as quick to start as Typer itself.
"""

from __future__ import annotations

from collections.abc import Sequence


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
