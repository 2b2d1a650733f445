"""Plain output of rich renderables: tables as aligned columns under a dashed rule, rules
and panels without their lines, nothing wrapped to a width (render/plain.py hands them here).
"""

from __future__ import annotations

import sys
from typing import Any, TextIO

from rich.console import Console, Group
from rich.errors import MarkupError
from rich.text import Text

from sysdesign_cli.render.plain import PLAIN_WIDTH
from sysdesign_cli.render.text import columns


class RichPlainConsole(Console):
    """A rich console that prints plain, aligned, unwrapped text: what PlainConsole hands
    everything but text and markup to."""

    def __init__(self, stream: TextIO) -> None:
        # `stream` is PlainConsole's, its lines already trimmed.
        super().__init__(file=stream, width=PLAIN_WIDTH, color_system=None, no_color=True,
                         highlight=False, emoji=False)  # fmt: skip

    def print(self, *objects: Any, **kwargs: Any) -> None:  # type: ignore[override]
        super().print(*(plain(item) for item in objects), **kwargs)

    def rule(self, title: Any = "", **_: Any) -> None:  # type: ignore[override]
        text = _text(title)
        super().print(text.plain if text.plain else "", markup=False)


def _is(item: Any, module: str, name: str) -> bool:
    """Whether `item` is a rich `module.name`; asked without importing the module, which
    nothing printed can come from unless it is already loaded."""
    loaded = sys.modules.get(module)
    return loaded is not None and isinstance(item, getattr(loaded, name))


def plain(item: Any) -> Any:
    """A renderable without boxes or rules: tables as aligned text, panels unboxed."""
    if _is(item, "rich.table", "Table") and (item.box is not None or item.show_header):
        return Text(table_text(item))
    if _is(item, "rich.panel", "Panel"):
        return plain(item.renderable)
    if _is(item, "rich.rule", "Rule"):
        return _text(item.title)
    if isinstance(item, Group):
        return Group(*(plain(part) for part in item.renderables))
    return item


def table_text(table: Any) -> str:
    """A rich table as a title, columns aligned under a dashed rule, and its caption."""
    headers = [cell_text(column.header) for column in table.columns]
    rows = list(zip(*([cell_text(cell) for cell in column.cells] for column in table.columns)))
    right = {index for index, column in enumerate(table.columns) if column.justify == "right"}
    parts = [_text(table.title).plain] if table.title else []
    parts.append(columns(headers, rows, right=right, header=table.show_header))
    if table.caption:
        parts.append(_text(table.caption).plain)
    return "\n".join(parts)


def cell_text(cell: Any) -> str:
    """What a table cell says, on one line."""
    if _is(cell, "rich.progress_bar", "ProgressBar"):
        return f"{cell.completed:g}/{cell.total:g}" if cell.total else ""
    if isinstance(cell, (str, Text)):
        return " ".join(_text(cell).plain.split("\n"))
    console = Console(width=PLAIN_WIDTH, color_system=None, highlight=False)
    with console.capture() as captured:
        console.print(cell)
    return " ".join(line.strip() for line in captured.get().splitlines() if line.strip())


def _text(value: Any) -> Text:
    if isinstance(value, Text):
        return value
    if value is None:
        return Text("")
    try:
        return Text.from_markup(str(value))
    except MarkupError:
        return Text(str(value))
