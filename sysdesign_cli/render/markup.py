"""Console markup (`[bold]...[/bold]`) without loading rich: escaping text for it, and
the plain text it stands for, both as rich reads markup.

Plain output (a pipe, `--plain`, TERM=dumb) prints markup as text; reading it here lets
a session print its first question before rich is imported at all.
"""

from __future__ import annotations

import re

# rich.markup's patterns: a tag opens with a letter, `#`, `/` or `@`.
_TAGS = re.compile(r"((\\*)\[([a-z#/@][^[]*?)])")
_ESCAPE = re.compile(r"(\\*)(\[[a-z#/@][^[]*?])")
# What rich's Text drops from printed text: BEL, BS, VT, FF, CR.
_STRIPPED = dict.fromkeys((7, 8, 11, 12, 13))


def escape(markup: str) -> str:
    """Text with every `[` that would open a tag escaped (rich.markup.escape)."""

    def doubled(match: re.Match[str]) -> str:
        backslashes, text = match.groups()
        return f"{backslashes}{backslashes}\\{text}"

    markup = _ESCAPE.sub(doubled, markup)
    if markup.endswith("\\") and not markup.endswith("\\\\"):
        return markup + "\\"
    return markup


def sanitized(text: str) -> str:
    """Text without the control codes rich leaves out of what it prints."""
    return text.translate(_STRIPPED)


def plain_markup(markup: str) -> str | None:
    """The text `markup` shows, tags taken out and escapes undone; None where a closing tag
    matches no open one by name, which rich alone can judge (it may raise)."""
    if "[" not in markup:
        return sanitized(markup)
    parts: list[str] = []
    opened: list[str] = []
    position = 0
    for match in _TAGS.finditer(markup):
        full, escapes, tag = match.groups()
        start, end = match.span()
        if start > position:
            parts.append(markup[position:start].replace("\\[", "["))
        position = end
        if escapes:
            backslashes, escaped = divmod(len(escapes), 2)
            parts.append("\\" * backslashes)
            if escaped:
                parts.append(full[len(escapes) :])
                continue
        name = _normal(tag.partition("=")[0])
        if not name.startswith("/"):
            opened.append(name)
        elif name == "/":
            if not opened:
                return None
            opened.pop()
        elif name[1:].strip() in opened:
            del opened[len(opened) - 1 - opened[::-1].index(name[1:].strip())]
        else:
            return None
    if position < len(markup):
        parts.append(markup[position:].replace("\\[", "["))
    return sanitized("".join(parts))


def _normal(name: str) -> str:
    return " ".join(name.strip().lower().split())
