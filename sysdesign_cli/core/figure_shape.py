"""What a typed answer must look like before its figure is read: text that holds a figure
without being one is asked again (no try spent) rather than graded on a number it only
happens to contain, and a ratio said in words is read as the fraction it is.

- `0x10` is hexadecimal notation, not a product of 0 and 10: asked again in decimal.
- `ws -> kafka x3` is a design line (an arrow between names, no figure before it), not
  working that comes to 3.
- `One connection stays open` is a sentence: a figure given only in words (`one`, `a`,
  which are also plain English) counts as the answer only when the answer is about the
  figure, i.e. a few words around it (`just one database`, `by a factor of ten`), never a
  clause after it. Digits are deliberate, so `3 servers behind a balancer` is read as 3.
- `10 out of 1000`, `1 in 100`: a ratio in words is the fraction a/b (1% where a
  percentage is asked).
"""

from __future__ import annotations

import re

from sysdesign_cli.core.quantities import Dim, Quantity
from sysdesign_cli.core.working import _NUM, Unreadable

_HEX = re.compile(r"(?<![\w.])0x[0-9a-f]+\b", re.I)
_ARROW = re.compile(r"->|=>|\u2192")
_WORD = re.compile(r"[A-Za-z_][\w.-]*")
# After a figure in words: more words than a unit or a noun for what is counted.
MAX_AFTER_WORDS = 2
MAX_WORDS_AROUND = 4  # before and after, together (`by a factor of ten`)


def refuse_notation(text: str) -> None:
    """Raise Unreadable for hexadecimal notation or a design line typed for a figure."""
    found = _HEX.search(text)
    if found:
        raise Unreadable(f"{found.group(0)} is hexadecimal notation: type the figure in "
                         "ordinary decimal digits")  # fmt: skip
    parts = _ARROW.split(text)
    if len(parts) > 1 and not re.search(r"\d", parts[0]) and _WORD.search(parts[0]) and (
            _WORD.match(parts[1].strip())):
        raise Unreadable("that reads as a line of a design (one block -> another), not a "
                         "figure")  # fmt: skip


def check_sentence(worded: bool, before: int, after: int) -> None:
    """Raise Unreadable when a figure typed in words sits in a sentence: `before` and
    `after` are the words around it that are neither its unit nor its period."""
    if worded and (after > MAX_AFTER_WORDS or before + after > MAX_WORDS_AROUND):
        raise Unreadable("that reads as a sentence, not a figure: type the figure itself")


_RATIO = re.compile(
    rf"^\s*(?:(?:~|\u2248|about|around|roughly|approx\.?|approximately|nearly|almost)\s*)?"
    rf"(?P<a>{_NUM})\s+(?:out\s+of|in|of(?:\s+every)?|per|every)\s+(?P<b>{_NUM})"
    r"(?:\s+[A-Za-z]+){0,2}\s*$",
    re.I,
)


def read_ratio(text: str, expect: Dim) -> Quantity | None:
    """`10 out of 1000` as the fraction 0.01 (1 where a percentage is asked), or None."""
    match = _RATIO.match(text)
    if not match:
        return None
    a = float(match.group("a").replace(",", ""))
    b = float(match.group("b").replace(",", ""))
    if b <= 0 or a > b:
        return None
    share = a / b
    if expect is Dim.PERCENT:
        return Quantity(share * 100, Dim.PERCENT)
    return Quantity(share, Dim.COUNT)


def ratio_terms(text: str) -> tuple[float, float] | None:
    """The two figures of a ratio in words (`10 out of 1000`: 10 and 1000), or None."""
    match = _RATIO.match(text)
    if not match:
        return None
    return (float(match.group("a").replace(",", "")), float(match.group("b").replace(",", "")))
