"""Inline Markdown as CommonMark reads it: `**bold**`, `*italics*`, `` `code` ``,
backslash escapes and line breaks, into runs of styled text (core/markdown.py)."""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

STRONG, EM, CODE = "strong", "em", "code"
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_SPACES = frozenset("\t\n\v\f\r \xa0\u1680\u202f\u205f\u3000") | frozenset(
    chr(code) for code in range(0x2000, 0x200B)
)


class Span(NamedTuple):
    """A run of text and the styles on it (`strong`, `em`, `code`), outermost first.
    Each run is what a Markdown parser gives as one piece: a line break is its own."""

    text: str
    styles: tuple[str, ...] = ()


Paragraph = tuple[Span, ...]


class _Delimiter:
    """A run of `*` or `_`; what it has opened and closed once matched."""

    __slots__ = ("can_close", "can_open", "char", "closes", "count", "length", "opens")

    def __init__(self, char: str, count: int, can_open: bool, can_close: bool) -> None:
        self.char = char
        self.count = count
        self.length = count  # before any were used
        self.can_open = can_open
        self.can_close = can_close
        self.closes: list[str] = []  # innermost first
        self.opens: list[str] = []  # outermost first


_Node = str | _Delimiter | tuple[str, str]  # text, a delimiter run, ("code" | "break", text)


def inline(source: str) -> Paragraph:
    """The styled runs of one paragraph's text (its lines joined by newlines)."""
    nodes = _scan(source.rstrip(" \t"))
    _match([node for node in nodes if isinstance(node, _Delimiter)])
    return _runs(nodes)


def _punctuation(char: str) -> bool:
    return char in _ASCII_PUNCTUATION or unicodedata.category(char).startswith(("P", "S"))


def _scan(source: str) -> list[_Node]:
    nodes: list[_Node] = []
    text: list[str] = []

    def flush() -> None:
        if text:
            nodes.append("".join(text))
            text.clear()

    index, end = 0, len(source)
    while index < end:
        char = source[index]
        if char == "\\" and index + 1 < end and source[index + 1] in _ASCII_PUNCTUATION:
            text.append(source[index + 1])
            index += 2
        elif char == "\\" and index + 1 < end and source[index + 1] == "\n":
            flush()
            nodes.append(("break", "\n"))
            index += 2
            index = _skip_spaces(source, index)
        elif char == "\n":
            pending = "".join(text)
            trimmed = pending.rstrip(" ")
            hard = len(pending) - len(trimmed) >= 2
            text[:] = [trimmed] if trimmed else []
            flush()
            nodes.append(("break", "\n" if hard else " "))
            index = _skip_spaces(source, index + 1)
        elif char == "`":
            run = _run_length(source, index, "`")
            close = _closing_ticks(source, index + run, run)
            if close is None:
                text.append("`" * run)
                index += run
                continue
            flush()
            nodes.append(("code", _code_text(source[index + run : close])))
            index = close + run
        elif char in "*_":
            run = _run_length(source, index, char)
            before = source[index - 1] if index > 0 else " "
            after = source[index + run] if index + run < end else " "
            left = not (after in _SPACES or (_punctuation(after) and not (
                before in _SPACES or _punctuation(before))))  # fmt: skip
            right = not (before in _SPACES or (_punctuation(before) and not (
                after in _SPACES or _punctuation(after))))  # fmt: skip
            if char == "*":
                can_open, can_close = left, right
            else:
                can_open = left and (not right or _punctuation(before))
                can_close = right and (not left or _punctuation(after))
            flush()
            nodes.append(_Delimiter(char, run, can_open, can_close))
            index += run
        else:
            text.append(char)
            index += 1
    flush()
    return nodes


def _skip_spaces(source: str, index: int) -> int:
    while index < len(source) and source[index] in " \t":
        index += 1
    return index


def _run_length(source: str, index: int, char: str) -> int:
    end = index
    while end < len(source) and source[end] == char:
        end += 1
    return end - index


def _closing_ticks(source: str, index: int, run: int) -> int | None:
    """Where the backtick run of exactly `run` ticks that closes a code span starts."""
    while (found := source.find("`" * run, index)) != -1:
        length = _run_length(source, found, "`")
        if length == run:
            return found
        index = found + length
    return None


def _code_text(inside: str) -> str:
    inside = inside.replace("\n", " ")
    if len(inside) > 2 and inside[0] == inside[-1] == " " and inside.strip(" "):
        return inside[1:-1]
    return inside


def _match(delimiters: list[_Delimiter]) -> None:
    """Pair openers with closers (CommonMark's "process emphasis")."""
    bottom: dict[tuple[str, bool, int], int] = {}
    closer_at = 0
    while closer_at < len(delimiters):
        closer = delimiters[closer_at]
        if not closer.can_close or closer.count == 0:
            closer_at += 1
            continue
        key = (closer.char, closer.can_open, closer.length % 3)
        opener_at = closer_at - 1
        while opener_at > bottom.get(key, -1):
            opener = delimiters[opener_at]
            if opener.char == closer.char and opener.can_open and opener.count:
                odd = (opener.can_close or closer.can_open) and (
                    (opener.length + closer.length) % 3 == 0
                    and not (opener.length % 3 == 0 and closer.length % 3 == 0)
                )
                if not odd:
                    break
            opener_at -= 1
        else:
            bottom[key] = closer_at - 1
            closer_at += 1
            continue
        opener = delimiters[opener_at]
        used = 2 if opener.count >= 2 and closer.count >= 2 else 1
        style = STRONG if used == 2 else EM
        opener.count -= used
        closer.count -= used
        opener.opens.insert(0, style)
        closer.closes.append(style)
        for between in delimiters[opener_at + 1 : closer_at]:
            between.can_open = between.can_close = False  # left as text
        del delimiters[opener_at + 1 : closer_at]
        closer_at = opener_at + 1


def _runs(nodes: list[_Node]) -> Paragraph:
    runs: list[Span] = []
    styles: list[str] = []
    text: list[str] = []

    def flush() -> None:
        if text:
            runs.append(Span("".join(text), tuple(styles)))
            text.clear()

    for node in nodes:
        if isinstance(node, str):
            text.append(node)
        elif isinstance(node, _Delimiter):
            if node.closes:
                flush()
                del styles[len(styles) - len(node.closes) :]
            text.append(node.char * node.count)
            if node.opens:
                flush()
                styles.extend(node.opens)
        else:
            flush()
            kind, value = node
            runs.append(Span(value, (*styles, CODE) if kind == "code" else tuple(styles)))
    flush()
    return tuple(run for run in runs if run.text)
