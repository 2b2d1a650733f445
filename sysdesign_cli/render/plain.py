"""One rule for output that is not a terminal (a pipe, a file, TERM=dumb): plain text.

Tables become aligned columns under a dashed rule, rules and panels lose their lines,
nothing is wrapped to a width, and no line ends in spaces. The renderers stay as they
are: the console they print to decides, so every command follows the same rule.

Text and markup, what a session prints before its first question, are printed here
without rich; a table, a tree or rich Text goes through rich (render/plain_rich.py) onto
the same stream, so the output is the same either way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

from sysdesign_cli.render.markup import plain_markup, sanitized

if TYPE_CHECKING:
    from sysdesign_cli.render.plain_rich import RichPlainConsole

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


# What `print` takes and handles itself; any other option goes to rich.
_OWN_OPTIONS = frozenset({"style", "highlight", "emoji", "soft_wrap"})


class PlainConsole:
    """A console that prints plain, aligned, unwrapped text (rich's Console's `print` and
    `rule`; anything else it is asked is rich's)."""

    def __init__(self, stream: TextIO) -> None:
        self.file = _TrimmedLines(stream)
        self._rich: RichPlainConsole | None = None

    @property
    def is_terminal(self) -> bool:
        """Whether the stream is a terminal (asked at every answer: no rich for it)."""
        isatty = getattr(self.file, "isatty", None)
        return bool(isatty and isatty())

    @property
    def rich(self) -> RichPlainConsole:
        """The rich console on the same stream, made when first needed."""
        if self._rich is None:
            from sysdesign_cli.render.plain_rich import RichPlainConsole

            self._rich = RichPlainConsole(self.file)  # type: ignore[arg-type]
        return self._rich

    def print(self, *objects: Any, sep: str = " ", end: str = "\n", markup: bool | None = None,
              **options: Any) -> None:  # fmt: skip
        """Print as rich prints to a plain console: markup read, tags left out."""
        own = not set(options) - _OWN_OPTIONS and not options.get("emoji")
        text = _plain(objects, sep, end, markup) if own else None
        if text is None:
            self.rich.print(*objects, sep=sep, end=end, markup=markup, **options)
            return
        self.file.write(text)
        self.file.flush()

    def rule(self, title: Any = "", **_: Any) -> None:
        """A rule is its title alone."""
        shown = plain_markup(title) if isinstance(title, str) else None
        if shown is None:
            self.rich.rule(title)
            return
        self.print(shown, markup=False)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.rich, name)


def _plain(objects: tuple[Any, ...], sep: str, end: str, markup: bool | None) -> str | None:
    """The text rich would print for `objects`, or None where only rich can say."""
    if not objects:
        return "\n"
    if len(objects) == 1 and hasattr(objects[0], "plain_text"):
        # A renderable that knows its plain text, lines ended, as rich draws it.
        text = objects[0].plain_text()
        end = ""
    elif all(isinstance(item, str) for item in objects):
        shown = [sanitized(item) if markup is False else plain_markup(item) for item in objects]
        text = None if None in shown else sep.join(shown)  # type: ignore[arg-type]
    else:
        return None
    # Tabs (stops by cell width) and lines long enough to wrap are rich's to lay out.
    if text is None or "\t" in text or any(len(line) * 2 > PLAIN_WIDTH
                                           for line in text.split("\n")):  # fmt: skip
        return None
    return text + end
