"""Lesson Markdown drawn as rich draws Markdown, without a Markdown library.

The blocks come from core/markdown.py. Paragraphs are wrapped to the width, a list item
hangs under its bullet (` • `) or number, and blocks are a blank line apart; styles come
from the console's theme (`markdown.strong`, `markdown.code`, ...), as rich's own Markdown
takes them, so a lesson looks the same either way. For plain output the same layout is
given as text (`plain_text`), with no rich at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from sysdesign_cli.core.markdown import Block, Paragraph, parse
from sysdesign_cli.core.safe_text import visible

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.style import Style
    from rich.text import Text


class LessonMarkdown:
    """A renderable for the Markdown of a lesson, an exercise or an interview, under an
    optional bold title (as a lesson's text step has)."""

    def __init__(self, markup: str, title: str | None = None) -> None:
        self.markup = markup
        self.title = visible(title) if title else None
        self.blocks = parse(visible(markup))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.segment import Segment
        from rich.text import Text

        options = options.update(height=None)
        styles: dict[str, Style] = {}

        def style(name: str) -> Style:
            if name not in styles:
                styles[name] = console.get_style(f"markdown.{name}", default="none")
            return styles[name]

        if self.title:
            yield Text(self.title, style="bold")
        for index, block in enumerate(self.blocks):
            # As rich does it: a blank line between blocks, and above a list even first.
            if index or block.kind != "paragraph":
                yield Segment.line()
            if block.kind == "paragraph":
                yield _text(block.paragraph, style)
            else:
                yield from _list(block, console, options, style)

    def plain_text(self) -> str:
        """What rich prints for this on a plain console wide enough to wrap nothing, the
        spaces at the ends of lines left out."""
        lines = [self.title] if self.title else []
        for index, block in enumerate(self.blocks):
            if index or block.kind != "paragraph":
                lines.append("")
            if block.kind == "paragraph":
                lines += _plain(block.paragraph).split("\n")
            else:
                lines += _plain_list(block)
        return "".join(line.rstrip(" ") + "\n" for line in lines)


def _text(paragraph: Paragraph, style: Callable[[str], Style]) -> Text:
    from rich.style import Style
    from rich.text import Text

    text = Text(justify="left")
    for span in paragraph:
        combined = Style.combine(style(name) for name in span.styles) if span.styles else None
        text.append(span.text, combined)
    return text


def _marks(block: Block) -> tuple[list[str], str]:
    """Each item's bullet or number, and the indent of its further lines."""
    if block.kind == "bullet":
        return [" • "] * len(block.items), "   "
    # rich's numbers: right-aligned to the width of one past the last, with no dot.
    width = len(str(block.start + len(block.items))) + 2
    return [f"{block.start + i}".rjust(width - 1) + " " for i in range(len(block.items))], (
        " " * width
    )


def _list(
    block: Block, console: Console, options: ConsoleOptions, style: Callable[[str], Style]
) -> RenderResult:
    from rich.containers import Renderables
    from rich.segment import Segment

    marks, indent = _marks(block)
    mark_style = style("item.bullet" if block.kind == "bullet" else "item.number")
    new_line = Segment("\n")
    padding = Segment(indent, mark_style)
    inner = options.update(width=options.max_width - len(indent))
    for mark, item in zip(marks, block.items):
        texts = [_text(paragraph, style) for paragraph in item]
        lines = console.render_lines(Renderables(texts), inner, style=style("item"))
        for number, line in enumerate(lines):
            yield padding if number else Segment(mark, mark_style)
            yield from line
            yield new_line


def _plain(paragraph: Paragraph) -> str:
    return "".join(span.text for span in paragraph)


def _plain_list(block: Block) -> Iterator[str]:
    marks, indent = _marks(block)
    for mark, item in zip(marks, block.items):
        lines = [line for paragraph in item for line in _plain(paragraph).split("\n")]
        for number, line in enumerate(lines):  # an empty item draws nothing, as in rich
            yield (indent if number else mark) + line
