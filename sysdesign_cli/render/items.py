"""A list item under a heading: indented, and when it wraps its later lines keep the
indent instead of going back to column 0."""

from __future__ import annotations

from typing import Any

INDENT = 2


def item(markup: str, indent: int = INDENT) -> Any:
    """Console markup drawn as one indented item (a renderable for `console.print`)."""
    from rich.padding import Padding
    from rich.text import Text

    return Padding(Text.from_markup(markup), (0, 0, 0, indent), expand=False)
