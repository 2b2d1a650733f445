"""One rule for output that is not a terminal (a pipe, a file, TERM=dumb): plain text.

Tables become aligned columns under a dashed rule, rules and panels lose their lines,
nothing is wrapped to a width, and no line ends in spaces. The renderers stay as they
are: the console they print to decides, so every command follows the same rule.
"""

from __future__ import annotations

import sys
from typing import Any, TextIO

from rich.console import Console, Group
from rich.errors import MarkupError
from rich.text import Text

from sysdesign_cli.render.text import columns

# Wide enough that no line a lesson holds is wrapped; rich pads some lines to the width,
# and those spaces are taken off again on the way out.
PLAIN_WIDTH = 10_000


class _TrimmedLines:
    """A text stream that drops the spaces at the end of every line written to it."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._pending = ""  # spaces at the end of the unfinished line: dropped or kept later

    def write(self, text: str) -> int:
        whole = self._pending + text
        *lines, last = whole.split("\n")
        body = last.rstrip(" ")
        self._pending = last[len(body) :]
        done = "".join(line.rstrip(" ") + "\n" for line in lines)
        self._stream.write(done + body)
        return len(text)

    def flush(self) -> None:
        # A prompt (`> `) waiting for an answer keeps its space on a dumb terminal.
        if self._pending and self.isatty():
            self._stream.write(self._pending)
            self._pending = ""
        self._stream.flush()

    def isatty(self) -> bool:
        try:
            return self._stream.isatty()
        except (AttributeError, ValueError):
            return False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class PlainConsole(Console):
    """A rich console that prints plain, aligned, unwrapped text."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__(file=_TrimmedLines(stream), width=PLAIN_WIDTH, color_system=None,  # type: ignore[arg-type]
                         no_color=True, highlight=False, emoji=False)  # fmt: skip

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
