"""Long lines in the widgets shown whole: choices broken between words, not at the
terminal's edge, and a message under a typed answer on as many lines as it needs.

prompt_toolkit's windows wrap a line at whatever character meets the edge ("cach" / "e").
The list's lines are re-broken at spaces each time they are drawn, so a resized terminal
re-wraps too; a word longer than the line is left to the window's own wrapping. Its
validation toolbar is one line high and cuts a longer message off. It shows a typed or
pasted control character as `^[`, but a bidi override or a zero-width space as itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

Fragments = list[tuple[Any, ...]]


def word_wrapped(fragments: Fragments, width: int, indent: int) -> Fragments:
    """`fragments` (prompt_toolkit formatted text) with each line longer than `width`
    broken at its last space that fits; the lines it adds start with `indent` spaces."""
    from prompt_toolkit.utils import get_cwidth

    if width <= indent + 1:  # no room for a word after the indent
        return fragments
    out: Fragments = []
    column = 0
    space_at: int | None = None  # index in `out` of the last space on this line
    after_space = 0  # columns drawn on this line after that space
    for fragment in fragments:
        style, text, rest = fragment[0], fragment[1], fragment[2:]
        if not text or "[ZeroWidthEscape]" in style:
            out.append(fragment)
            continue
        for char in text:
            if char == "\n":
                out.append((style, char, *rest))
                column, space_at, after_space = 0, None, 0
                continue
            cells = get_cwidth(char)
            if column + cells > width and space_at is not None and char != " ":
                # Break at the last space: it becomes the line end and the indent.
                out[space_at] = (out[space_at][0], "\n" + " " * indent, *out[space_at][2:])
                column, space_at = indent + after_space, None
            if char == " " and column > indent:
                space_at, after_space = len(out), 0
            elif space_at is not None:
                after_space += cells
            out.append((style, char, *rest))
            column += cells
    return out


def wrap_at_words(content: Any, columns: Callable[[], int], indent: int) -> None:
    """Make a prompt_toolkit text control (a questionary list's `InquirerControl`, a
    toolbar's) draw its lines word-wrapped at the terminal's current width."""
    from prompt_toolkit.formatted_text import to_formatted_text

    tokens = content.text

    def wrapped() -> Fragments:
        return word_wrapped(list(to_formatted_text(tokens)), columns(), indent)

    content.text = wrapped


@contextmanager
def answer_wrapped(indent: int = 2) -> Iterator[None]:
    """While a questionary list is built, have its prompt line broken between words, the
    answer it shows after the prompt once picked included ("... that sti" / "ll pass")."""
    from prompt_toolkit.application.current import get_app
    from questionary.prompts import common

    built = common.create_inquirer_layout

    def layout(control: Any, prompt_tokens: Callable[[], Fragments], **options: Any) -> Any:
        def wrapped() -> Fragments:
            # The width of the terminal the list is drawn on (its app's output, which may
            # not be this process's stdout), one column short of the edge, like the
            # prompt: the cursor ends the line.
            width = get_app().output.get_size().columns - 1
            return word_wrapped(list(prompt_tokens()), width, indent)

        return built(control, wrapped, **options)

    common.create_inquirer_layout = layout
    try:
        yield
    finally:
        common.create_inquirer_layout = built


def most_breaks(fragments: Fragments) -> int:
    """The most lines `word_wrapped` added to any one line of `fragments`: how far below
    the cursor a list must keep in view for the whole choice under it to show."""
    most = run = 0
    for fragment in fragments:
        text = fragment[1]
        if text == "\n":  # a line of its own ends (a choice, in a questionary list)
            run = 0
        elif text.startswith("\n"):  # a break word_wrapped made, then the indent
            run += 1
            most = max(most, run)
    return most


def whole_messages(application: Any) -> None:
    """Let the line that says why a typed answer was refused grow to fit its message."""
    from prompt_toolkit.filters import has_validation_error, to_filter
    from prompt_toolkit.layout import ConditionalContainer, Window

    for container in application.layout.walk():
        if isinstance(container, ConditionalContainer) and container.filter is has_validation_error:
            window = container.content
            if isinstance(window, Window):
                wrap_at_words(window.content, lambda: application.output.get_size().columns, 0)
                window.height = None  # as high as its wrapped text
                window.wrap_lines = to_filter(True)


def list_messages(application: Any, control: Any) -> None:
    """Say why Enter on a questionary list was refused on lines of its own under the list.

    questionary draws that message as the bottom toolbar of a second prompt session, which
    prompt_toolkit shows only once the terminal has answered a cursor-position request: in
    a terminal that does not answer, Enter did nothing visible but add an empty input line
    under the list. `control` is the list's `InquirerControl`, which holds the message."""
    from prompt_toolkit.filters import Condition, is_done
    from prompt_toolkit.layout import ConditionalContainer, HSplit, Window, walk
    from prompt_toolkit.layout.controls import BufferControl, FormattedTextControl

    root = application.layout.container
    if not isinstance(root, HSplit):
        return
    for index, child in enumerate(root.children):
        if index == 0 or not isinstance(child, ConditionalContainer):
            continue  # the first is the question's own line, which takes the keys
        if any(isinstance(window, Window) and isinstance(window.content, BufferControl)
               for window in walk(child.content)):  # fmt: skip
            message = Window(FormattedTextControl(lambda: control.error_message or ""),
                             wrap_lines=True, dont_extend_height=True)  # fmt: skip
            wrap_at_words(message.content, lambda: application.output.get_size().columns, 0)
            shown = Condition(lambda: control.error_message is not None) & ~is_done
            root.children[index] = ConditionalContainer(message, filter=shown)


def show_invisible_characters() -> None:
    """Draw pasted bidi and zero-width characters as `<U+202E>`, the way prompt_toolkit
    draws a control character as `^[`: none can reorder or hide what is on the line."""
    from prompt_toolkit.layout.screen import Char

    from sysdesign_cli.core.safe_text import INVISIBLE

    for code in INVISIBLE:
        Char.display_mappings.setdefault(chr(code), f"<U+{code:04X}>")
