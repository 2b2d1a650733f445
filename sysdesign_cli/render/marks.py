"""ASCII stand-ins for the marks we print, for a stream that cannot encode them.

Registered as a codec error handler, so every write to such a stream degrades the same
way, whichever module printed the mark.
"""

from __future__ import annotations

import codecs

ERRORS = "sysdesign-ascii-marks"

ASCII = {
    "\N{CHECK MARK}": "+", "\N{BALLOT X}": "x", "\N{FULL BLOCK}": "#",
    "\N{LEFT HALF BLOCK}": "#", "\N{BOX DRAWINGS HEAVY HORIZONTAL}": "-",
    "\N{BOX DRAWINGS LIGHT HORIZONTAL}": "-", "\N{BOX DRAWINGS LIGHT VERTICAL}": "|",
    "\N{BULLET}": "*", "\N{RIGHTWARDS ARROW}": "->", "\N{LEFTWARDS ARROW}": "<-",
    "\N{RIGHTWARDS DOUBLE ARROW}": "=>", "\N{LEFT RIGHT ARROW}": "<->",
    "\N{ALMOST EQUAL TO}": "~", "\N{MULTIPLICATION SIGN}": "x", "\N{DIVISION SIGN}": "/",
    "\N{HORIZONTAL ELLIPSIS}": "...", "\N{EM DASH}": "-", "\N{EN DASH}": "-",
    "\N{LEFT SINGLE QUOTATION MARK}": "'", "\N{RIGHT SINGLE QUOTATION MARK}": "'",
    "\N{LEFT DOUBLE QUOTATION MARK}": '"', "\N{RIGHT DOUBLE QUOTATION MARK}": '"',
    "\N{MICRO SIGN}": "u", "\N{GREEK SMALL LETTER MU}": "u", "\N{SUPERSCRIPT TWO}": "^2",
    "\N{SUPERSCRIPT THREE}": "^3", "\N{LESS-THAN OR EQUAL TO}": "<=",
    "\N{GREATER-THAN OR EQUAL TO}": ">=", "\N{NOT EQUAL TO}": "!=",
    "\N{PLUS-MINUS SIGN}": "+/-", "\N{DEGREE SIGN}": " deg", "\N{NO-BREAK SPACE}": " ",
    "\N{REPLACEMENT CHARACTER}": "?",
}  # fmt: skip


def _degrade(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(ASCII.get(char, "?") for char in bad), error.end


def register() -> None:
    """Make ERRORS usable as `errors=` on a text stream (safe to call twice)."""
    try:
        codecs.lookup_error(ERRORS)
    except LookupError:
        codecs.register_error(ERRORS, _degrade)
