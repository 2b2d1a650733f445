"""A learner's number read the way they typed it, for grading.

Beyond what the quantities parser reads, a typed answer may carry filler (`I'd say
580`, `~11 TB total`, `86.4M rows`), number words (`five`, `a thousand`, `half a
millisecond`), working (`24*60*60`, `365 x 24 = 8760`: the figure after the last `=`),
compound durations (`8h 45m`) and a period that restates what was asked (`86.4M/day` for a
count is 86.4M, `8.76 hrs/year` for a duration is 8.76 h). What cannot be read raises
`Unreadable` with a message and an example that is never near the answer.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from sysdesign_cli.core.figure_examples import example_for  # noqa: F401  (the readers' API)
from sysdesign_cli.core.figure_shape import (
    APPROX_WORDS as _APPROX_WORDS,
)
from sysdesign_cli.core.figure_shape import (
    check_sentence,
    compound,
    midpoint,
    orders_of_magnitude,
    read_ratio,
    refuse_denial,
    refuse_notation,
    with_spares,
    without_remark,
)
from sysdesign_cli.core.quantities import (
    _SECONDS,
    NOUNS,
    Dim,
    Quantity,
    QuantityError,
    parse,
)
from sysdesign_cli.core.safe_text import SHORT, quoted
from sysdesign_cli.core.unit_working import with_units
from sysdesign_cli.core.working import _MAG, _NUM, Unreadable, digits_for_words, worked

MAX_TYPED = 200  # a figure is short; the rest of a pasted essay is not read


@dataclass(frozen=True)
class Reading:
    """A typed figure: its value in the question's base unit, and how it was typed."""

    value: float
    quantity: Quantity  # as parsed, before it was read in the question's terms
    raw: float  # the number typed, magnitude words included, before units and periods
    unit: str  # the unit words typed after the number ('' for a bare number)
    text: str  # the figure that was read (after the last `=`, without filler)
    # The period typed after a count, size or duration (`86.4M/day`: 86,400 s), in seconds.
    period: float | None = None


# ---------------------------------------------------------------- filler and units

_UNIT_WORDS = {
    *_SECONDS, "qps", "rps", "tps", "kb", "mb", "gb", "tb", "pb", "bytes", "byte", "kib",
    "mib", "gib", "tib", "bps", "kbps", "mbps", "gbps", "tbps", "percent", "million", "billion",
    "thousand", "trillion", "servers", "requests", "users", "writes", "reads",
}  # fmt: skip


def _looks_like_unit(word: str) -> str | None:
    """The unit a misspelt word was likely meant to be (`minuts` -> `minutes`), or None."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    word = word.lower()
    if len(word) < 4 or word in _UNIT_WORDS:
        return None
    best = process.extractOne(word, [u for u in _UNIT_WORDS if len(u) >= 4], scorer=OSA.distance,
                              score_cutoff=1 if len(word) < 7 else 2)  # fmt: skip
    return best[0] if best else None


_PERIOD = re.compile(
    r"^(?P<head>.*?\S)\s*(?:/|\bper\b|\ban?\b|\beach\b|\bevery\b|\bover\b|\bin\b)\s*"
    r"(?:(?:a|one|the)\s+)?(?P<count>\d+(?:\.\d+)?\s*)?(?P<unit>[a-z]+)$",
    re.I,
)


def _a_unit(remark: str) -> bool:
    """Whether what follows a comma is a unit or a period (`, TB`, `, per minute`), which
    belongs to the figure, not a remark to drop."""
    try:
        parse("1 " + remark.lstrip(" ,;"))
    except QuantityError:
        return False
    return True


def _strip_filler(text: str) -> str:
    """Words before the first number (`I'd say`, `the answer is`), an `x` before it
    (`x10`) and a remark after it, in brackets or after a comma (`1, the shard for k`),
    go; approximation marks stay."""
    text = text.strip()
    said = re.sub(r"\s*[,;]\s*[^\d,;()]*$", "", text)  # a remark with no figure in it
    if said != text and re.search(r"\d", said) and not _a_unit(text[len(said):]):
        text = said
    bare = re.sub(r"\s*\([^()]*\)\s*$", "", text)
    operand = re.search(r"[-+*/^x\u00d7÷]\s*\([^()]*\)\s*$", text)  # `100M/(30*86400)`
    if bare != text and re.search(r"\d", bare) and not operand:
        text = bare
    match = re.search(r"(?:(?:" + _APPROX_WORDS + r")\s*)?[(]*[+-]?(?:\d|\.\d)", text, re.I)
    if not match:
        return text
    head = text[: match.start()]
    if re.search(r"\d", head):
        return text
    body = text[match.start() :]
    return re.sub(r"^[x\u00d7]\s*(?=\d)", "", body)


def _candidates(text: str) -> list[tuple[str, str]]:
    """(figure, words dropped) to try: the whole, then with trailing words dropped
    one by one (`~11 TB total` -> `~11 TB`), never past a number."""
    out = [(text, "")]
    words = text.split()
    for cut in range(len(words) - 1, 0, -1):
        dropped = words[cut:]
        if any(re.search(r"\d", w) for w in dropped):
            break
        out.append((" ".join(words[:cut]), " ".join(dropped)))
    return out


def _parse_reading(text: str, expect: Dim) -> tuple[Quantity, str, float | None, str]:
    """Parse the figure (trying without trailing filler words); returns the quantity, the
    text that parsed, the period in seconds when a rate was read over a period, and the
    trailing words dropped."""
    problem: QuantityError | None = None
    for candidate, dropped in _candidates(text):
        for word in dropped.split():
            meant = _looks_like_unit(word.strip(".,;:!?"))
            if meant:
                raise Unreadable(
                    f"{quoted(word, SHORT)} is not a unit I know (did you mean {meant}?)"
                )
        period = None
        tried = candidate
        if expect in (Dim.COUNT, Dim.BYTES, Dim.DURATION):
            split = _PERIOD.match(candidate)
            if split and split.group("unit").lower() in _SECONDS:
                count = float(split.group("count") or 1)
                period = count * _SECONDS[split.group("unit").lower()]
                tried = split.group("head")
        try:
            quantity = parse(tried, expect=expect)
        except QuantityError as error:
            if period is not None:
                try:
                    return parse(candidate, expect=expect), candidate, None, dropped
                except QuantityError:
                    pass
            problem = problem or error
            continue
        if period is not None and quantity.dim is Dim.COUNT and expect is not Dim.COUNT:
            # "5 per day" for a duration is a rate of something, not a duration.
            return parse(candidate, expect=expect), candidate, None, dropped
        return quantity, tried, period, dropped
    raise Unreadable(str(problem))


_LEADING = re.compile(
    rf"^\s*(?:(?:{_APPROX_WORDS})\s*)?(?P<num>{_NUM})\s*"
    r"(?:(?P<mag>k|K|M|bn|B|thousand|million|billion|trillion)(?![A-Za-z]))?", re.I
)
_MAGNITUDE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def _raw_number(text: str) -> float:
    """The number as typed with its magnitude (`10M/day` -> 10,000,000, `1 day` -> 1,
    `8760h` -> 8,760)."""
    match = _LEADING.match(text)
    if not match:
        return math.nan
    value = float(match.group("num").replace(",", ""))
    magnitude = (match.group("mag") or "").lower()
    if magnitude in _MAGNITUDE_WORDS:
        return value * _MAGNITUDE_WORDS[magnitude]
    if match.group("mag") in ("B",):
        return math.nan  # bytes or billions: the unit decides
    return value * _MAG.get(magnitude, 1.0)


def _unit_words(text: str) -> str:
    match = re.match(r"^\s*(?:" + _APPROX_WORDS + r")?\s*[+-]?[\d.,]+(?:[eE][+-]?\d+)?", text)
    rest = text[match.end() :] if match else text
    return rest.strip()


# What comes before the figure an answer ends on: `365 x 24 = 8760`, `2000/50 -> 40`,
# `1% of them, so 10`.
_RESULT = re.compile(
    r"=>|->|=|\u2248|\u2192|,?\s*\bso\b|\btherefore\b|\bwhich is\b"
    r"|,?\s*\bround(?:ed|ing)?\s+(?:up\s+|down\s+)?to\b",
    re.I,
)


_HEDGED = re.compile(r"\b(?:or|maybe|perhaps|probably)\b", re.I)
_WORKING = re.compile(r"[*/\u00d7\u00f7^+=]|\s[x-]\s|\b(?:of|per|times|over|by)\b", re.I)
_LONE_FIGURE = re.compile(rf"\s*(?:{_APPROX_WORDS})?\s*(?:{_NUM})\s*[A-Za-z/%]*\s*", re.I)


def _after_reasoning(body: str) -> str:
    """`1% of them, 10`: working said in words, then, after a comma, the figure it comes
    to. Two figures side by side (`10 ms, 20`), and a text before the comma that hedges
    or offers figures with no working between them (`10 or 1000, 116`, `10 and 1000,
    116`), are left as typed."""
    head, comma, tail = body.rpartition(", ")
    if not comma or not re.search(r"\d", head) or not _LONE_FIGURE.fullmatch(tail):
        return body
    figures = len(re.findall(r"\d+(?:[.,]\d+)*", head))
    if _HEDGED.search(head) or (figures > 1 and not _WORKING.search(head)):
        return body  # `10 or 1000, 116`: figures offered, not working that comes to one
    try:
        parse(head)
    except QuantityError:
        return tail
    return body


def read_figure(
    text: str, expect: Dim, unit_value: float = 1.0, asked: str | None = ""
) -> Reading:
    """A typed figure in the base unit of `expect`; a bare number is `unit_value` each.
    A figure in words inside a sentence is no figure, unless the sentence counts what the
    question `asked` names (`four servers should do` for how many servers); with `asked`
    None (an answer already checked) it is not looked at.

    Raises Unreadable (with what to fix) when it cannot be read as `expect`.
    """
    if not isinstance(text, str) or not text.strip():
        raise Unreadable("no figure given")
    body = text.strip()[:MAX_TYPED]
    refuse_notation(body)
    refuse_denial(body)
    body = without_remark(body)
    parts = _RESULT.split(body)
    if len(parts) > 1:  # working, then the figure it comes to: the last one counts
        after = parts[-1].strip()
        body = after or " ".join(parts).strip()
    body = _after_reasoning(body)
    worded = not re.search(r"\d", body)  # a figure in words only: `one`, `a thousand`
    body = with_spares(orders_of_magnitude(digits_for_words(body)))
    said = _strip_filler(body)
    first = re.search(r"\d", said)
    at = body.find(said[: first.start() + 1]) if first else -1
    before = len(body[:at].split()) if at > 0 else 0  # words before the figure
    body = re.sub(r"(?<=[\dA-Za-z])\s*-?ish\b", "", said)  # "580ish"
    ratio = read_ratio(body, expect)
    if ratio is not None:  # `10 out of 1000`
        return _interpret(ratio, expect, unit_value, body, math.nan, "ratio", None)
    body = midpoint(body)
    if expect is Dim.DURATION or re.search(r"\d\s*(?:h|hr|hrs|hours?|days?)\s+\d", body, re.I):
        seconds = compound(re.sub(rf"^(?:{_APPROX_WORDS})\s*", "", body, flags=re.I))
        if seconds is not None:
            quantity = Quantity(seconds, Dim.DURATION)
            return _interpret(quantity, expect, unit_value, body, math.nan, "compound", None)
    figured = with_units(body, expect)
    body = worked(figured if figured is not None else body, size=expect is Dim.BYTES)
    quantity, used, period, dropped = _parse_reading(body, expect)
    if asked is not None:
        number = re.search(r"\d[\d.,]*", body)
        check_sentence(worded, before, dropped, asked, body[number.end():] if number else "")
    raw = _raw_number(used if period is None else body)
    return _interpret(quantity, expect, unit_value, used, raw, _unit_words(used), period)


def _interpret(
    quantity: Quantity, expect: Dim, unit_value: float, text: str, raw: float, unit: str,
    period: float | None,
) -> Reading:  # fmt: skip
    value = quantity.value
    dim = quantity.dim
    if dim is expect:
        pass
    elif dim is Dim.COUNT:
        value *= unit_value
    elif expect is Dim.COUNT and dim is Dim.RATE:
        # "580 QPS" for a count of queries per second; "86.4M/day" for a count is 86.4M.
        value = value * period if period else value
    elif expect is Dim.RATE and dim is Dim.COUNT:
        value *= unit_value
    else:
        raise Unreadable(f"that is a {NOUNS[dim]}, not a {NOUNS[expect]}")
    if not math.isfinite(value):
        raise Unreadable("that is too large")
    return Reading(value, quantity, raw, unit, text,
                   period if dim is not Dim.RATE else None)  # fmt: skip
