"""The Markdown the lessons are written in, read without a Markdown library.

Lessons, exercise prompts and interview openings use a small part of CommonMark:
paragraphs, `**bold**`, `*italics*`, `` `code` ``, backslash escapes and one level of
bulleted or numbered list. This module reads that part the way CommonMark does, into
blocks of styled spans; `sysdesign validate` refuses anything outside it
(core/markdown_check.py), so no lesson relies on what is not drawn.

Pure: text in, data out. render/markdown.py draws the blocks.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

from sysdesign_cli.core.markdown_inline import Paragraph, Span, inline

__all__ = ["Block", "Paragraph", "Span", "inline", "parse"]


class Block(NamedTuple):  # NamedTuple, not a dataclass: built at start-up for less
    """A paragraph, or a list whose items are each one or more paragraphs."""

    kind: Literal["paragraph", "bullet", "ordered"]
    paragraph: Paragraph = ()
    items: tuple[tuple[Paragraph, ...], ...] = ()
    start: int = 1


# Up to three spaces, a bullet or a number and its delimiter, then a space or the end.
_ITEM = re.compile(r"( {0,3})([-+*]|\d{1,9}[.)])(?:( +)(.*))?$")
_RULE = re.compile(r" {0,3}([-*_])(?: *\1){2,} *$")  # `---`, `* * *`: not items


class _List:
    __slots__ = ("blank", "indent", "items", "kind", "marker", "start")

    def __init__(self, kind: Literal["bullet", "ordered"], marker: str, start: int,
                 indent: int) -> None:  # fmt: skip
        self.kind = kind
        self.marker = marker  # the bullet, or the number's delimiter: another starts a list
        self.start = start
        self.indent = indent  # the column an item's text starts at
        self.items: list[list[list[str]]] = []  # item > paragraph > line
        self.blank = False  # a blank line since the item's last text


class _Item(NamedTuple):
    kind: Literal["bullet", "ordered"]
    marker: str
    number: int
    text: str
    indent: int


def parse(text: str) -> list[Block]:
    """The blocks of `text`, read as CommonMark reads them (for the subset above)."""
    blocks: list[Block] = []
    lines: list[str] = []  # the open paragraph
    open_list: _List | None = None

    def close_paragraph() -> None:
        if lines:
            blocks.append(Block("paragraph", paragraph=inline("\n".join(lines))))
            lines.clear()

    def close_list() -> None:
        nonlocal open_list
        if open_list is not None:
            items = tuple(
                tuple(inline("\n".join(part)) for part in item if part)
                for item in open_list.items
            )
            blocks.append(Block(open_list.kind, items=items, start=open_list.start))
            open_list = None

    for raw in text.expandtabs(4).split("\n"):
        if not raw.strip():
            close_paragraph()
            if open_list is not None:
                open_list.blank = True
            continue
        item = _item(raw)
        if item is not None and (open_list is not None or not lines or _interrupts(item)):
            if open_list is not None and (open_list.kind, open_list.marker) == (
                item.kind, item.marker):  # fmt: skip
                open_list.indent, open_list.blank = item.indent, False
            else:
                close_paragraph()
                close_list()
                open_list = _List(item.kind, item.marker, item.number, item.indent)
            open_list.items.append([[item.text] if item.text.strip() else []])
            continue
        if open_list is not None:
            indented = len(raw) - len(raw.lstrip(" ")) >= open_list.indent
            # A line goes on the item's text, lazily even unindented; an item begun
            # empty takes only indented lines.
            if not open_list.blank and (indented or open_list.items[-1][-1]):
                open_list.items[-1][-1].append(raw.lstrip())
                continue
            if open_list.blank and indented:
                open_list.items[-1].append([raw.lstrip()])  # the item's next paragraph
                open_list.blank = False
                continue
            close_list()
        lines.append(raw.lstrip())
    close_paragraph()
    close_list()
    return blocks


def _item(line: str) -> _Item | None:
    """The list item that `line` starts, or None."""
    match = _ITEM.match(line)
    if match is None or _RULE.match(line):
        return None
    lead, marker, gap, text = match.groups()
    gap = gap or " "
    if len(gap) > 4:  # text indented further is a code block inside the item
        gap = " "
    indent = len(lead) + len(marker) + len(gap)
    if marker in "-+*":
        return _Item("bullet", marker, 1, text or "", indent)
    return _Item("ordered", marker[-1], int(marker[:-1]), text or "", indent)


def _interrupts(item: _Item) -> bool:
    """Whether the item can end the paragraph above it (CommonMark 5.3): one with text,
    and a numbered one only from 1."""
    return bool(item.text.strip()) and (item.kind == "bullet" or item.number == 1)
