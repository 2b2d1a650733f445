"""Text from files, shown as text: control characters made visible where they enter.

A lesson file, an imported progress file or a typed path may carry ESC, BEL, C1 or
other control characters; sent to a terminal they set its title, clear it or worse.
Every such string is passed through `visible` where it enters the program, so that
`\\x1b` is shown as the four characters `\\x1b` and no renderer needs to care.
"""

from __future__ import annotations

import re

# C0 except tab and newline, DEL, and C1 (which includes the one-byte CSI, 0x9b); then
# the invisible ones that reorder or hide text: bidi embeddings, overrides, isolates and
# marks (a reply could read backwards), zero-width spaces and joiners, the byte-order mark,
# and the line and paragraph separators some terminals treat as a line break.
INVISIBLE = (0x061C, *range(0x200B, 0x2010), *range(0x2028, 0x202F), *range(0x2060, 0x206A),
             0xFEFF)  # fmt: skip
RAW_CONTROL = _CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f" + "".join(map(chr, INVISIBLE)) + "]"
)


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every control character but tab and newline written out as `\\xNN`,
    and every invisible bidi or zero-width one as `\\uNNNN`."""
    return _CONTROL.sub(_shown, text) if _CONTROL.search(text) else text


_LINE_BREAKS = re.compile("[\t\n]")


def visible_path(path: object) -> str:
    """A path (typed, from the environment, or a file's name) as one line of text: what
    `visible` shows, and tab and newline as `\\x09` and `\\x0a` too (a name may hold them)."""
    return _LINE_BREAKS.sub(_shown, visible(str(path)))


def control_characters(text: str) -> list[str]:
    """The control characters in `text` as they are shown (`\\x1b`, `\\u202e`), each once,
    in order."""
    return list(dict.fromkeys(_shown(match) for match in _CONTROL.finditer(text)))


def visible_data(data: object) -> object:
    """A copy of parsed data (dicts, lists, strings) with every string made `visible`."""
    if isinstance(data, str):
        return visible(data)
    if isinstance(data, dict):
        return {visible_data(key): visible_data(value) for key, value in data.items()}
    if isinstance(data, list):
        return [visible_data(item) for item in data]
    return data


# How much of a typed value a message repeats: enough to recognise it, never a whole paste.
SHORT = 60

_QUOTED_BREAKS = {"\n": "\\n", "\t": "\\t"}


def quoted(value: object, limit: int | None = None) -> str:
    """`value` in quotes for a one-line message: a string shown once, as `visible` shows
    it (never a control character), with a line break or tab written `\\n`, `\\t`. `repr`
    would write the backslash of an escape already shown (`\\x1b`) twice over. `limit`:
    a longer string is cut to its first `limit` characters and `...` (a pasted essay or a
    huge argument is not echoed back whole)."""
    if not isinstance(value, str):
        return repr(value)
    if limit is not None and len(value) > limit:
        value = value[:limit] + "..."
    shown = "".join(_QUOTED_BREAKS.get(char, char) for char in visible(value))
    quote = '"' if "'" in shown and '"' not in shown else "'"
    return f"{quote}{shown}{quote}"
