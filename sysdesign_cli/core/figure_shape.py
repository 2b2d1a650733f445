"""The shapes a typed figure comes in, read before its number is: text that holds a figure
without being one is asked again (no try spent) rather than graded on a number it only
happens to contain; ratios, ranges, spares, compound durations and a remark in brackets
are read as what they say.

- `0x10` is hexadecimal notation, not a product of 0 and 10: asked again in decimal.
- `ws -> kafka x3` is a design line (an arrow between names, no figure before it), not
  working that comes to 3. `not 10` says what the answer is not.
- `One connection stays open` is a sentence: a figure given only in words (`one`, `a`,
  which are also plain English) counts as the answer when the answer is about the figure:
  a few words around it (`just one database`, `by a factor of ten`), or a sentence that
  counts what the question asks for (`four servers should do`, for how many servers).
  Digits are deliberate, so `3 servers behind a balancer` is read as 3.
- `10 out of 1000`, `1 in 100`: a ratio in words is the fraction a/b (1% where a
  percentage is asked); `about 0.5-1 ns`, `10k-13k`: a range is its middle; `4, plus one
  spare`: the total; `8h 45m`: one duration; `10 (a factor of ten)`: the remark goes.
"""

from __future__ import annotations

import re

from sysdesign_cli.core.quantities import _SECONDS, Dim, Quantity
from sysdesign_cli.core.working import _NUM, Unreadable, digits_for_words

APPROX_WORDS = r"~|≈|about|approx\.?|approximately|around|roughly|circa|ca\.|nearly|almost"
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


_PERIOD_WORDS = re.compile(
    r"(?:^|\s)(?:per|a|an|each|every|/)\s*(?:sec|second|seconds|s|minute|min|hour|hr|day|"
    r"week|month|year)s?\s*$", re.I)


def check_sentence(
    worded: bool, before: int, dropped: str, asked: str = "", after_figure: str = ""
) -> None:
    """Raise Unreadable when a figure typed in words sits in a sentence: `before` is the
    count of words before it, `dropped` the words after it that are not its unit (a
    period at their end, `orders a second`, belongs to the figure). A sentence that
    counts what the question `asked` names (`four servers should be enough` for how many
    servers: the words `after_figure`) is an answer."""
    after = len(_PERIOD_WORDS.sub("", dropped).split())
    if not worded or (after <= MAX_AFTER_WORDS and before + after <= MAX_WORDS_AROUND):
        return
    if _counts_what_is_asked(after_figure or dropped, asked):
        return
    raise Unreadable("that reads as a sentence, not a figure: type the figure itself")


def _counts_what_is_asked(dropped: str, asked: str) -> bool:
    """Whether one of the two words after the figure names a thing the question asks
    about (`servers` of "How many app servers ...?")."""
    from sysdesign_cli.core.tokens import stem

    counted = {stem(word) for word in re.findall(r"[a-z]{3,}", dropped.lower())[:2]}
    return bool(counted & {stem(word) for word in re.findall(r"[a-z]{3,}", asked.lower())})


_DENIED = re.compile(r"^\s*(?:it'?s\s+|it\s+is\s+)?(?:not|never|isn'?t)\s+"
                     r"(?:(?:~|about|around|roughly|exactly|quite)\s*)?[\d.]", re.I)


def refuse_denial(text: str) -> None:
    """Raise Unreadable for a figure typed as what the answer is not (`not 10`): it
    names no figure, so it is asked again rather than graded on the 10; in words too
    (`not one`)."""
    if _DENIED.match(text) or _DENIED.match(digits_for_words(text)):
        raise Unreadable("that says what the answer is not: type the figure it is")


_ORDERS = re.compile(r"\b(\d+)\s+orders?\s+of\s+magnitude\b", re.I)


def orders_of_magnitude(text: str) -> str:
    """`3 orders of magnitude` as the factor it says, `10^3`."""
    return _ORDERS.sub(lambda m: f"10^{m.group(1)}", text)


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


_RANGE = re.compile(
    rf"^(?P<approx>(?:{APPROX_WORDS})\s*)?(?:between\s+)?(?P<low>{_NUM})"
    r"(?P<lmag>(?-i:[kKMB]|bn)(?![A-Za-z]))?\s*(?:-|to|and|\u2013)\s*"
    rf"(?P<high>{_NUM})(?P<hmag>(?-i:[kKMB]|bn)(?![A-Za-z]))?(?P<rest>\s*\D.*)?$",
    re.I,
)
_RANGE_MAG = {"k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9, "bn": 1e9}


def midpoint(text: str) -> str:
    """`500-600 QPS`, `between 500 and 600`, `about 0.5-1 ns`, `10k-13k`: a range is read
    as its middle; a magnitude on the upper end only (`10-13k`) is both ends'."""
    match = _RANGE.match(text.strip())
    if not match:
        return text
    low = float(match.group("low").replace(",", ""))
    high = float(match.group("high").replace(",", ""))
    upper = _RANGE_MAG.get(match.group("hmag") or "", 1.0)
    lower = _RANGE_MAG.get(match.group("lmag") or "", upper if low < high else 1.0)
    low, high = low * lower, high * upper
    if not 0 <= low < high:
        return text
    return f"{match.group('approx') or ''}{(low + high) / 2:.12g}{match.group('rest') or ''}"


_SPARES = re.compile(
    rf"^(?P<approx>(?:{APPROX_WORDS})\s*)?(?P<head>{_NUM})\s*(?P<unit>[A-Za-z]*)\s*[,;]?\s*"
    rf"(?:plus|\+|and)\s+(?P<more>{_NUM})\s+(?:more\s+)?(?:spares?|extras?|backups?|standbys?|"
    r"for failover|for redundancy|for headroom)\b.*$",
    re.I,
)


def with_spares(text: str) -> str:
    """`about 4, plus one spare`, `20 plus 2 spares`: the servers needed and the spares
    added for failures, read as the total (`about 5`)."""
    match = _SPARES.match(text.strip())
    if not match:
        return text
    head, more = (float(match.group(name).replace(",", "")) for name in ("head", "more"))
    total = head + more
    unit = f" {match.group('unit')}" if match.group("unit") else ""
    return f"{match.group('approx') or ''}{total:.12g}{unit}"


def without_remark(text: str) -> str:
    """`a factor of ten (8.76 h -> 52.6 min)`: a remark in brackets at the end, dropped
    before the working is read, unless it is an operand (`100M/(30*86400)`) or nothing
    but the remark holds a figure."""
    bare = re.sub(r"\s*\([^()]*\)\s*$", "", text)
    operand = re.search(r"[-+*/^x\u00d7÷]\s*\([^()]*\)\s*$", text)
    if bare == text or operand or not re.search(r"\d", digits_for_words(bare)):
        return text
    return bare


def compound(text: str) -> float | None:
    """`8h 45m`, `3 days 15 hours`, `1 h and 30 min` in seconds; None if not that shape."""
    pairs = re.findall(rf"({_NUM})\s*([a-zµμ]+)", text.lower())
    rest = re.sub(rf"({_NUM})\s*([a-zµμ]+)|\band\b|,|\s", "", text.lower())
    if len(pairs) < 2 or rest:
        return None
    total = 0.0
    for number, unit in pairs:
        unit = "min" if unit == "m" else unit
        if unit not in _SECONDS:
            return None
        total += float(number.replace(",", "")) * _SECONDS[unit]
    return total
