"""Lesson Markdown drawn as rich draws Markdown, without a Markdown library.

The blocks come from core/markdown.py. Paragraphs are wrapped to the width, a list item
hangs under its bullet (` • `) or number, and blocks are a blank line apart; styles come
from the console's theme (`markdown.strong`, `markdown.code`, ...), as rich's own Markdown
takes them, so a lesson looks the same either way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.containers import Renderables
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from sysdesign_cli.core.markdown import Block, Paragraph, parse
from sysdesign_cli.core.safe_text import visible

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult


class LessonMarkdown:
    """A renderable for the Markdown of a lesson, an exercise or an interview."""

    def __init__(self, markup: str) -> None:
        self.markup = markup
        self.blocks = parse(visible(markup))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        options = options.update(height=None)
        styles: dict[str, Style] = {}

        def style(name: str) -> Style:
            if name not in styles:
                styles[name] = console.get_style(f"markdown.{name}", default="none")
            return styles[name]

        for index, block in enumerate(self.blocks):
            # As rich does it: a blank line between blocks, and above a list even first.
            if index or block.kind != "paragraph":
                yield Segment.line()
            if block.kind == "paragraph":
                yield _text(block.paragraph, style)
            else:
                yield from _list(block, console, options, style)


def _text(paragraph: Paragraph, style: Callable[[str], Style]) -> Text:
    text = Text(justify="left")
    for span in paragraph:
        combined = Style.combine(style(name) for name in span.styles) if span.styles else None
        text.append(span.text, combined)
    return text


def _list(
    block: Block, console: Console, options: ConsoleOptions, style: Callable[[str], Style]
) -> RenderResult:
    new_line = Segment("\n")
    if block.kind == "bullet":
        width = 3
        marks = [Segment(" • ", style("item.bullet"))] * len(block.items)
        padding = Segment(" " * width, style("item.bullet"))
    else:
        last = block.start + len(block.items)
        width = len(str(last)) + 2
        number = style("item.number")
        marks = [Segment(f"{block.start + index}".rjust(width - 1) + " ", number)
                 for index in range(len(block.items))]  # fmt: skip
        padding = Segment(" " * width, number)
    inner = options.update(width=options.max_width - width)
    for mark, item in zip(marks, block.items):
        texts = [_text(paragraph, style) for paragraph in item]
        lines = console.render_lines(Renderables(texts), inner, style=style("item"))
        for number, line in enumerate(lines):
            yield padding if number else mark
            yield from line
            yield new_line
