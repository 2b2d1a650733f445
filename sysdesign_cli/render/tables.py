"""Table columns that fit a narrow terminal: prose wraps at words, figures stay whole.

A column of figures (`~8.8 h`, `3,600`, `10^5`) is right-aligned and never broken, so a
number keeps its unit; a column of words is left-aligned and wraps, folding a long word
(`Go/Java/Python`) rather than cutting it off with an ellipsis. Headers fold too.
"""

from __future__ import annotations

import re
from typing import Any

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


def fit_columns(table: Table, first_is_label: bool = True) -> Table:
    """Align and wrap each column by what it holds; the first column names the row."""
    for index, column in enumerate(table.columns):
        cells = [cell for cell in column.cells if str(getattr(cell, "plain", cell)).strip()]
        figures = bool(cells) and all(is_figure(cell) for cell in cells)
        if figures and not (first_is_label and index == 0):
            column.justify = "right"
            column.no_wrap = True
            column.overflow = "fold"
        else:
            column.justify = "left"
            column.no_wrap = False
            column.overflow = "fold"
        if isinstance(column.header, str):
            column.header = Text.from_markup(column.header, overflow="fold")
    return table
