"""Table columns that fit a narrow terminal: prose wraps at words, figures stay whole.

A column of figures (`~8.8 h`, `3,600`, `10^5`) is right-aligned and never broken, so a
number keeps its unit; a column of words is left-aligned and wraps, folding a long word
(`Go/Java/Python`) rather than cutting it off with an ellipsis. Headers fold too.
"""

from __future__ import annotations

import re
import textwrap
from copy import copy
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text

# A figure: an optional ~ < > or sign, a digit, and at most a few words (`~2.6 x 10^6`).
_FIGURE = re.compile(r"^[~<>≈≤≥+\-]?\s*\$?\d")


def is_figure(cell: Any) -> bool:
    """Whether a cell holds a figure (a number, maybe with a unit) rather than prose."""
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return True
    text = cell.plain if isinstance(cell, Text) else str(cell) if isinstance(cell, str) else None
    if text is None:
        return False
    text = Text.from_markup(text).plain if isinstance(cell, str) and "[" in text else text
    return bool(_FIGURE.match(text.strip())) and len(text.split()) <= 4


class FitTable(Table):
    """A table that fits the width: where its box would not fit, it drops the vertical
    lines, breaks the headers of figure columns at spaces, then drops the padding; only
    where even that is too wide are figures folded."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        table: Table = self
        steps = (_without_lines, _short_headers, _without_padding, _without_whole_figures)
        for narrower in steps:
            if _least_width(table, console, options) <= options.max_width:
                break
            table = narrower(table)
        yield from Table.__rich_console__(table, console, options)


def _least_width(table: Table, console: Console, options: ConsoleOptions) -> int:
    """The narrowest the table can be drawn: rich's own measure counts a column that must
    not wrap at its longest word, and caps the whole at the width."""
    total = table._extra_width
    for column in table.columns:
        measured = table._measure_column(console, options, column)
        total += measured.maximum if column.no_wrap else measured.minimum
    return total


def _narrow(table: Table) -> Table:
    narrow = copy(table)
    narrow.columns = [copy(column) for column in table.columns]
    return narrow


def _without_lines(table: Table) -> Table:
    narrow = _narrow(table)
    narrow.box, narrow.show_edge, narrow.pad_edge = box.SIMPLE_HEAD, False, False
    return narrow


def _short_headers(table: Table) -> Table:
    narrow = _narrow(table)
    for column in narrow.columns:
        if column.no_wrap:  # a figure column: as wide as its widest figure, header too
            header = _plain(column.header)
            width = max([cell_len(_plain(cell)) for cell in column.cells]
                        + [cell_len(word) for word in header.split()])  # fmt: skip
            column.header = Text("\n".join(textwrap.wrap(header, width)) or header)
    return narrow


def _without_padding(table: Table) -> Table:
    narrow = _narrow(table)
    narrow.padding = (0, 0, 0, 0)  # SIMPLE_HEAD's blank divider still parts the columns
    return narrow


def _without_whole_figures(table: Table) -> Table:
    narrow = _narrow(table)
    for column in narrow.columns:
        column.no_wrap = False
    return narrow


def fit_columns(table: Table, first_is_label: bool = True) -> Table:
    """Align and wrap each column by what it holds; the first column names the row.

    A column of figures is right-aligned and kept whole (no figure loses its unit to a
    line break); a column of words is left-aligned and wraps, folding a word too long.
    """
    for index, column in enumerate(table.columns):
        # An empty cell or a bare "-" (no figure for this row) leaves the column as it is.
        cells = [cell for cell in column.cells if _plain(cell).strip() not in ("", "-")]
        figures = bool(cells) and all(is_figure(cell) for cell in cells)
        figures = figures and not (first_is_label and index == 0)
        column.no_wrap = figures
        column.overflow = "fold"
        column.justify = "right" if figures else "left"
        if isinstance(column.header, str):
            column.header = Text.from_markup(column.header, overflow="fold")
    return table


def _plain(cell: Any) -> str:
    if isinstance(cell, Text):
        return cell.plain
    text = str(cell)
    return Text.from_markup(text).plain if "[" in text else text
