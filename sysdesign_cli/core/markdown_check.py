"""`sysdesign validate`: Markdown outside the subset the lessons are drawn with is refused.

The lesson renderer (core/markdown.py) draws paragraphs, bold, italics, code and one
level of list. A heading, a link, a table or a code block in a lesson would be shown as
its raw marks, so an author learns of it here, with the field and the fix. The text is
read by a full CommonMark parser (markdown-it, which rich brings) and must come out the
same as the renderer reads it: no lesson can lean on what is not drawn.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from sysdesign_cli.core.markdown import Block, Paragraph, Span, parse

if TYPE_CHECKING:
    from markdown_it.token import Token

    from sysdesign_cli.core.loader import Curriculum

MARKDOWN = "markdown-not-drawn"
# Stages whose prompt is drawn as Markdown (the others are asked as a question).
DRAWN_STAGES = ("estimate", "design", "load", "drill", "loop")

_UNDRAWN = {
    "heading_open": "a heading (`#` or an underline); use a step's `title`, or **bold**",
    "fence": "a code block; put short code in `backticks` inside a sentence",
    "code_block": "an indented code block (four spaces); take the indent away",
    "blockquote_open": "a quote (`>`); write it as a sentence in quotation marks",
    "hr": "a rule (`---`); split the step in two instead",
    "link_open": "a link; write the address out in `backticks`",
    "image": "an image; describe it, or draw it with a tree or graph step",
    "table_open": "a table; use a table step",
    "html_block": "HTML; write it as text, escaping `<` as `\\<`",
    "html_inline": "HTML; write it as text, escaping `<` as `\\<`",
    "s_open": "strikethrough (`~~`); say what is wrong in words",
}
_NESTED = "a list inside a list; make it one list, or a sentence per point"
_DIFFERENT = ("reads differently from how a lesson draws it (an entity such as `&amp;`, or "
              "marks that pair up unusually); write the character itself or escape the mark "
              "with `\\`")  # fmt: skip


def markdown_problems(text: str) -> list[str]:
    """What in `text` the lesson renderer would not draw as Markdown means it, each once."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt().enable("strikethrough").enable("table").parse(text)
    found: list[str] = []
    depth = 0
    for token in _flat(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
            if depth == 2 and _NESTED not in found:
                found.append(_NESTED)
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type in _UNDRAWN and _UNDRAWN[token.type] not in found:
            found.append(_UNDRAWN[token.type])
    if not found and _merged(_blocks(tokens)) != _merged(parse(text)):
        found.append(_DIFFERENT)
    return found


def drawn_texts(curriculum: Curriculum) -> Iterator[tuple[str, tuple[str | int, ...], str]]:
    """(source, field path, text) for every text shown as Markdown: lesson text steps,
    exercise stage prompts, interview openings."""
    for lesson in curriculum.ordered_lessons():
        for index, step in enumerate(lesson.steps):
            if step.kind == "text":
                yield f"lesson:{lesson.id}", ("steps", index, "body"), step.body
    for exercise in curriculum.ordered_exercises():
        for index, stage in enumerate(exercise.stages):
            if stage.kind in DRAWN_STAGES:
                yield f"exercise:{exercise.id}", ("stages", index, "prompt"), stage.prompt.strip()
    for interview in curriculum.ordered_interviews():
        yield f"interview:{interview.id}", ("opening",), interview.opening.strip()


def _flat(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _flat(token.children)


def _blocks(tokens: list[Token]) -> list[Block]:
    """The blocks a full parser finds, in the renderer's terms."""
    blocks: list[Block] = []
    items: list[list[Paragraph]] | None = None
    kind, start = "", 1
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            items, kind = [], token.type.split("_")[0]
            start = int(token.attrs.get("start", 1))
        elif token.type in ("bullet_list_close", "ordered_list_close") and items is not None:
            blocks.append(Block(kind, items=tuple(tuple(item) for item in items), start=start))  # type: ignore[arg-type]
            items = None
        elif token.type == "list_item_open" and items is not None:
            items.append([])
        elif token.type == "inline":
            paragraph = _spans(token.children or [])
            if items is not None:
                items[-1].append(paragraph)
            else:
                blocks.append(Block("paragraph", paragraph=paragraph))
    return blocks


def _spans(children: list[Token]) -> Paragraph:
    styles: list[str] = []
    spans: list[Span] = []
    for token in children:
        if token.type in ("strong_open", "em_open"):
            styles.append(token.type.split("_")[0])
        elif token.type in ("strong_close", "em_close"):
            styles.pop()
        elif token.type == "code_inline":
            spans.append(Span(token.content, (*styles, "code")))
        elif token.type in ("text", "softbreak", "hardbreak"):
            text = {"softbreak": " ", "hardbreak": "\n"}.get(token.type, token.content)
            spans.append(Span(text, tuple(styles)))
    return tuple(spans)


def _merged(blocks: list[Block]) -> list[Any]:
    """Blocks with neighbouring runs of one style joined: what a reader sees."""

    def join(paragraph: Paragraph) -> list[tuple[str, tuple[str, ...]]]:
        runs: list[tuple[str, tuple[str, ...]]] = []
        for span in paragraph:
            if runs and runs[-1][1] == span.styles:
                runs[-1] = (runs[-1][0] + span.text, span.styles)
            elif span.text:
                runs.append((span.text, span.styles))
        return runs

    return [
        (block.kind, block.start, join(block.paragraph),
         [[join(part) for part in item] for item in block.items])
        for block in blocks
    ]
