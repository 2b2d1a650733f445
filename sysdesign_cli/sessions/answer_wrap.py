"""A typed answer broken between words as it wraps, not at whatever letter meets the edge.

prompt_toolkit's windows wrap a line one character past the last that fits ("the
replic" / "a takes the reads"), and have no word wrapping of their own (issue 1648 of
prompt_toolkit, open). A processor on the answer's buffer can change what is drawn,
though: before a word that would cross the edge it puts the spaces left on that row, so
the window's own wrapping starts the word on the next row. Only the drawing changes: the
answer typed, the cursor's place in it and its movement are the buffer's, through the
processor's position mappings. A word longer than a whole row is left to break.
"""

from __future__ import annotations

from typing import Any

PAD_STYLE = "class:word-wrap"


def padded(chars: list[tuple[Any, ...]], width: int,
           row_start: Any) -> tuple[list[tuple[Any, ...]], list[tuple[int, int]]]:  # fmt: skip
    """`chars` (one character per fragment) with spaces put before each word that would
    cross `width`, and where (index in `chars`, spaces put there). `row_start(n)`: the
    column the line's `n`th row starts at (after the prompt, or a continuation)."""
    from prompt_toolkit.utils import get_cwidth

    out: list[tuple[Any, ...]] = []
    pads: list[tuple[int, int]] = []
    rows = 0
    x = start = row_start(0)
    for index, fragment in enumerate(chars):
        style, char = fragment[0], fragment[1]
        if "[ZeroWidthEscape]" in style:
            out.append(fragment)
            continue
        if char != " " and (index == 0 or chars[index - 1][1] == " "):  # a word starts
            end = index
            while end < len(chars) and chars[end][1] != " ":
                end += 1
            word = sum(get_cwidth(each[1]) for each in chars[index:end])
            following = row_start(rows + 1)
            # A word that would end at the very edge goes too when a space follows it:
            # the space would start the next row.
            past = x + word > width or (x + word == width and end < len(chars))
            if x > start and past and following + word <= width and x < width:
                out.append((PAD_STYLE, " " * (width - x)))
                pads.append((index, width - x))
                rows, x = rows + 1, following
                start = x
        cells = get_cwidth(char)
        if x + cells > width:  # the window wraps here itself
            rows += 1
            x = start = row_start(rows)
        out.append(fragment)
        x += cells
    return out, pads


def word_wrap_processor(window: Any) -> Any:
    """A processor for the answer's buffer in `window` (whose `get_line_prefix` draws the
    prompt before the first row and the continuation before the others)."""
    from prompt_toolkit.formatted_text import to_formatted_text
    from prompt_toolkit.formatted_text.utils import fragment_list_width
    from prompt_toolkit.layout.processors import Processor, Transformation
    from prompt_toolkit.layout.utils import explode_text_fragments

    class WordWrap(Processor):  # type: ignore[misc]
        def apply_transformation(self, ti: Any) -> Any:
            if ti.width <= 0:
                return Transformation(ti.fragments)
            prefix = window.get_line_prefix

            def row_start(rows: int) -> int:
                if prefix is None:
                    return 0
                return int(fragment_list_width(to_formatted_text(prefix(ti.lineno, rows))))

            chars = list(explode_text_fragments(ti.fragments))
            out, pads = padded(chars, ti.width, row_start)
            if not pads:
                return Transformation(ti.fragments)

            def to_display(position: int) -> int:
                return position + sum(pad for at, pad in pads if at <= position)

            def to_source(position: int) -> int:
                shift = 0
                for at, pad in pads:
                    if position < at + shift:
                        break
                    if position < at + shift + pad:  # on the padding: the word after it
                        return at
                    shift += pad
                return position - shift

            return Transformation(out, source_to_display=to_display, display_to_source=to_source)

    return WordWrap()


def wrap_typed_answers(application: Any) -> None:
    """Break the typed answer of a questionary text prompt between words."""
    from prompt_toolkit.enums import DEFAULT_BUFFER
    from prompt_toolkit.layout import Window
    from prompt_toolkit.layout.controls import BufferControl

    windows = {id(window): window for window in application.layout.walk()  # (met twice)
               if isinstance(window, Window) and isinstance(window.content, BufferControl)
               and window.content.buffer.name == DEFAULT_BUFFER}  # fmt: skip
    for window in windows.values():
        processors = window.content.input_processors or []
        window.content.input_processors = [*processors, word_wrap_processor(window)]
