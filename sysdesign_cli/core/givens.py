"""What a question already gives, so that restating it is not taken for an answer.

A figure restates a given when it is a number from the prompt (or the question's
`givens:`) typed back, perhaps with a unit that lets the parser do the work: `10M/day`
for the average QPS of 10 million requests a day, `1 day` for the seconds in a day,
`2^10` for "how much is 2^10?". And a question that asks "how many hours in a year?"
wants hours: `365 days` is refused, not converted; one that asks for a percentage reads
a fraction as the same figure (`0.998` for 99.8%).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from sysdesign_cli.core.figure_shape import ratio_terms
from sysdesign_cli.core.quantities import _BYTES, _SECONDS, Dim, QuantityError, parse
from sysdesign_cli.core.reading import Reading, Unreadable, digits_for_words


class Refused(Unreadable):
    """A figure that is readable but not an answer to this question: asked again, free."""


@dataclass(frozen=True)
class Given:
    """A figure the question states."""

    text: str
    value: float  # in its base unit
    dim: Dim
    raw: float  # the number as written, with its magnitude (10 million -> 1e7)


_NUMBER = r"\d[\d,]*(?:\.\d+)?(?:\s*(?:\^|\*\*)\s*\d+)?(?:[eE][+-]?\d+)?"


def givens_of(prompt: str, extra: list[str] | tuple[str, ...] = ()) -> list[Given]:
    """Every figure stated in `prompt` or listed in `extra`, each read every way it parses
    (`10 million requests a day` is the count 10M and the rate 10M/day)."""
    found: list[Given] = []
    texts = [digits_for_words(prompt[:5_000]), *extra]
    for text in texts:
        for match in re.finditer(rf"(?<![\w.])({_NUMBER})((?:\s*[^\s\d.,;:?!()]+){{0,4}})", text):
            number, tail = match.group(1), match.group(2).split()
            raw = _value(number)
            if raw is None:
                continue
            for cut in range(len(tail), -1, -1):
                phrase = " ".join([number, *tail[:cut]])
                try:
                    quantity = parse(phrase)
                except QuantityError:
                    continue
                found.append(Given(phrase, quantity.value, quantity.dim, raw))
    return found


def _value(number: str) -> float | None:
    try:
        quantity = parse(number)
    except QuantityError:
        return None
    return quantity.value


def _close(a: float, b: float) -> bool:
    return math.isfinite(a) and math.isfinite(b) and math.isclose(a, b, rel_tol=0.005)


def _unit_factor(reading: Reading) -> float:
    """What one of the typed unit is worth in base units (nan for a compound figure)."""
    if not math.isfinite(reading.raw) or reading.raw == 0:
        return math.nan
    return reading.quantity.value / reading.raw


def restated(
    reading: Reading, typed: str, prompt: str, givens: list[Given], *, correct: bool,
    unit_value: float, any_unit: bool = False, percent: bool = False,
) -> Given | None:  # fmt: skip
    """The given that `reading` only types back, or None.

    A right figure typed in the question's own unit (or bare) is never refused, even when
    the prompt happens to state it: a question's tolerance is kept narrow enough that no
    other figure of its prompt falls within it. For a `percent` question only the exact
    figure is a given typed back (99.5 is a wrong answer, not 99.9% restated).
    """
    expression = re.sub(r"\s+", "", typed.lower())
    if re.search(r"\d[\^*x\u00d7/]+\d", expression) and expression in re.sub(
        r"\s+", "", prompt.lower()
    ):
        return Given(typed.strip(), reading.value, reading.quantity.dim, reading.raw)
    terms = ratio_terms(digits_for_words(typed))
    if terms and all(any(_close(given.raw, term) for given in givens) for term in terms):
        return Given(typed.strip(), reading.value, reading.quantity.dim, reading.raw)
    bare = reading.quantity.dim is Dim.COUNT  # in the question's unit
    own_unit = bare or any_unit or _close(_unit_factor(reading), unit_value)
    if correct and own_unit:
        return None
    for given in givens:
        if not _close(given.raw, reading.raw):
            continue
        if percent and not math.isclose(given.raw, reading.raw, rel_tol=1e-9):
            continue  # 99.5 is not 99.9% typed back: percentages differ in their last digits
        if bare and not correct:
            return given
        if not bare and given.dim is reading.quantity.dim and _close(
            given.value, reading.quantity.value
        ):
            return given
    return None


_UNIT_NAMES = {**{name: (Dim.DURATION, seconds) for name, seconds in _SECONDS.items()},
               **{name: (Dim.BYTES, size) for name, size in _BYTES.items()}}  # fmt: skip


def asked_unit(prompt: str, dim: Dim) -> tuple[str, float] | None:
    """(`hours`, 3600) for "How many hours are in a year?": the unit a conversion question
    wants its answer in; None when the prompt is not a conversion question."""
    match = re.search(
        r"\bhow many (\w+) (?:are |is |does it take |fit )?(?:there )?(?:in|per|make|to)\b",
        prompt,
        re.I,
    )
    if not match:
        match = re.search(r"\b(?:in|into|to) (\w+)\s*\??\s*$", prompt.strip(), re.I)
        if not match or not re.search(r"\bconvert\b|\bexpress\b", prompt, re.I):
            return None
    word = match.group(1).lower()
    if word not in _UNIT_NAMES or _UNIT_NAMES[word][0] is not dim:
        return None
    return word, _UNIT_NAMES[word][1]


def check_period(reading: Reading, dim: Dim) -> None:
    """Refuse a rate typed per day or longer for a rate question: turning a day's count
    into a rate per second is the working asked for (`10M/day` for the average QPS)."""
    if dim is not Dim.RATE or reading.quantity.dim is not Dim.RATE:
        return
    match = re.search(r"(?:/|\bper\b|\ban?\b|\beach\b|\bevery\b)\s*(?:\d+\s*)?([a-z]+)\s*$",
                      reading.text.strip(), re.I)  # fmt: skip
    if match and _SECONDS.get(match.group(1).lower(), 0) >= 86_400:
        raise Refused("that is still per " + match.group(1).lower().rstrip("s")
                      + ": give the rate per second")  # fmt: skip


_TOTAL = re.compile(r"\b(?:in total|total|at any (?:one )?(?:moment|time)|at once|at the same "
                    r"time|concurrent(?:ly)?|simultaneous(?:ly)?)\b", re.I)
_ASKED_PERIOD = re.compile(r"\b(?:a|an|per|each|every|one)\s+(second|minute|hour|day|week|month|"
                           r"year)\b|\b(daily)\b", re.I)


_PERIOD_NAMES = ("second", "minute", "hour", "day", "week", "month", "year")


def asked_period(prompt: str, figure: str = "") -> float | None:
    """The period the question asks its figure over, in seconds: 86,400 for "How many
    rows a day?" or a figure named `..._per_day`; 0 for a total or a count at one moment
    ("in total", "at any moment", `..._total`); None when the question does not say."""
    if figure:
        if "_per_day" in figure:
            return 86_400.0
        return 0.0 if figure.endswith("_total") or "_total_" in figure else None
    asked = re.split(r"(?<=[.?!])\s+", prompt.strip())[-1]
    if _TOTAL.search(asked):
        return 0.0
    found = _ASKED_PERIOD.findall(asked)
    if not found:
        return None
    unit = (found[-1][0] or "day").lower()
    return float(_SECONDS.get(unit, _SECONDS.get(unit + "s", 0))) or None


_SPAN = re.compile(r"\b(\d[\d,]*(?:\.\d+)?)\s*(second|minute|hour|day|week|month|year)s?\b",
                   re.I)


def _spans(prompt: str) -> list[float]:
    """The durations a prompt writes with a figure (`for 5 years`, `365 days`), in seconds:
    a total typed over one of them is that total, not a rate."""
    return [float(count.replace(",", "")) * _SECONDS.get(unit.lower(), 0)
            for count, unit in _SPAN.findall(prompt)]  # fmt: skip


def check_asked_period(reading: Reading, prompt: str, dim: Dim, figure: str = "") -> None:
    """Refuse a count, size or duration typed over another period than the question asks
    for (`86.4M per second` for the rows a day, `500 GB per day` for the storage in total,
    `8.76 hours per day` for the downtime a year): the figure is of something else, so it
    is asked again over the period asked."""
    if reading.period is None or dim not in (Dim.COUNT, Dim.BYTES, Dim.DURATION):
        return
    asked = asked_period(prompt, figure)
    if asked is None or math.isclose(asked, reading.period, rel_tol=0.01):
        return
    if asked == 0:
        if any(math.isclose(span, reading.period, rel_tol=0.01) for span in _spans(prompt)):
            return  # the total over the span the question keeps it for (`over 5 years`)
        raise Refused("the question asks for a figure with no period (a total, or how many "
                      "at one moment): give it without one")  # fmt: skip
    name = next((unit for unit in _PERIOD_NAMES if _SECONDS.get(unit) == asked), "period")
    raise Refused(f"the question asks for a figure per {name}: give it over that period")


def as_percentage(reading: Reading, dim: Dim, right: float) -> Reading:
    """A fraction typed for a percentage (`0.998` for 99.8%) read as the percentage it
    writes another way, where that cannot be mistaken: the answer is well above 1% (over
    50%), so a bare figure below 1 can only be a fraction of the whole. A figure of 1% or
    less typed with `%`, or a bare 1 (`0.998%`, `1`), is neither clearly: asked again."""
    if dim is not Dim.PERCENT or right <= 50 or not 0 < reading.value <= 1:
        return reading
    if reading.quantity.dim is Dim.COUNT and reading.value < 1:
        return replace(reading, value=reading.value * 100, raw=reading.raw * 100)
    raise Refused(f"{reading.text.strip()} reads as a fraction, not a percentage: write "
                  "it as a percentage (the fraction times 100)")  # fmt: skip


def check_unit(reading: Reading, prompt: str, dim: Dim) -> None:
    """Refuse a figure given in another unit than the conversion question asks for."""
    wanted = asked_unit(prompt, dim)
    if wanted is None or reading.quantity.dim is Dim.COUNT:
        return
    factor = _unit_factor(reading)
    if not _close(factor, wanted[1]):
        raise Refused(f"the question asks for {wanted[0]}: give the figure in {wanted[0]}")


_SHARE = re.compile(r"\b(?:fraction|share|proportion|ratio|percent|percentage)\b", re.I)


_HOW_MANY = re.compile(r"\bhow\s+many\b", re.I)
_OF_WHOLE = re.compile(r"\b(?:out\s+)?of\b", re.I)


def count_of_whole(typed: str, prompt: str, dim: Dim) -> str:
    """`10 out of 1000` where a count is asked of a whole the prompt states ("Out of 1,000
    requests, about how many ...?"), or `2 of 3` at any prompt asking how many: the count,
    with the whole it is taken from said beside it (2), not the fraction; elsewhere, and
    where the prompt asks for a fraction or a share, the answer is left as typed."""
    digits = digits_for_words(typed)
    terms = ratio_terms(digits)
    if terms is None or dim is not Dim.COUNT or _SHARE.search(prompt):
        return typed
    counted = _HOW_MANY.search(prompt) and _OF_WHOLE.search(digits) and terms[0] <= terms[1]
    if not counted and not any(_close(given.raw, terms[1]) for given in givens_of(prompt)):
        return typed
    return f"{terms[0]:.12g}"
