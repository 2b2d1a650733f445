"""Quantities the way engineers type and say them: parse `1M/day`, format `~116 QPS`.

Every parsed quantity is stored in a base unit: counts as plain numbers, rates per
second, sizes in bytes (KB = 1,000 bytes; KiB = 1,024), durations in seconds. A month is
30 days and a year 365 days, the convention of back-of-the-envelope estimates.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import Enum

from sysdesign_cli.core.safe_text import quoted

SECONDS_PER_DAY = 86_400
DAYS_PER_MONTH = 30
DAYS_PER_YEAR = 365


class QuantityError(ValueError):
    """A string that is not a quantity of the kind asked for; the message says why."""


class Dim(str, Enum):
    """What a quantity measures."""

    COUNT = "count"
    RATE = "rate"  # per second
    BYTES = "bytes"
    BYTE_RATE = "byte rate"  # bytes per second
    DURATION = "duration"  # seconds
    PERCENT = "percent"


@dataclass(frozen=True)
class Quantity:
    """A parsed value in its base unit, and whether the writer marked it approximate."""

    value: float
    dim: Dim
    approx: bool = False


_MAGNITUDES = {
    "hundred": 1e2, "k": 1e3, "K": 1e3, "thousand": 1e3,
    "M": 1e6, "mn": 1e6, "mil": 1e6, "million": 1e6, "millions": 1e6,
    "bn": 1e9, "billion": 1e9, "billions": 1e9, "G": 1e9,
    "T": 1e12, "tn": 1e12, "trillion": 1e12,
    # Binary magnitudes: `1 Ki` is 1,024 (2^10), `1 Mi` 2^20.
    "Ki": 2.0**10, "Mi": 2.0**20, "Gi": 2.0**30, "Ti": 2.0**40, "Pi": 2.0**50,
    "kibi": 2.0**10, "mebi": 2.0**20, "gibi": 2.0**30, "tebi": 2.0**40,
}  # fmt: skip

_BYTES = {
    "b": 1, "byte": 1, "bytes": 1,
    "kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12, "pb": 1e15,
    "kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40, "pib": 2**50,
    "kilobyte": 1e3, "kilobytes": 1e3, "megabyte": 1e6, "megabytes": 1e6,
    "gigabyte": 1e9, "gigabytes": 1e9, "terabyte": 1e12, "terabytes": 1e12,
}  # fmt: skip

_DAY = float(SECONDS_PER_DAY)
_SECONDS = {
    "ps": 1e-12, "picosecond": 1e-12, "picoseconds": 1e-12,
    "nsec": 1e-9, "nsecs": 1e-9, "usec": 1e-6, "usecs": 1e-6,
    "msec": 1e-3, "msecs": 1e-3,
    "ns": 1e-9, "nanosecond": 1e-9, "nanoseconds": 1e-9,
    "us": 1e-6, "µs": 1e-6, "μs": 1e-6, "microsecond": 1e-6, "microseconds": 1e-6,
    "ms": 1e-3, "millisecond": 1e-3, "milliseconds": 1e-3,
    "s": 1.0, "sec": 1.0, "secs": 1.0, "second": 1.0, "seconds": 1.0,
    "min": 60.0, "mins": 60.0, "minute": 60.0, "minutes": 60.0,
    "h": 3600.0, "hr": 3600.0, "hrs": 3600.0, "hour": 3600.0, "hours": 3600.0,
    "d": _DAY, "day": _DAY, "days": _DAY,
    "w": 7 * _DAY, "wk": 7 * _DAY, "week": 7 * _DAY, "weeks": 7 * _DAY,
    "mo": DAYS_PER_MONTH * _DAY, "month": DAYS_PER_MONTH * _DAY,
    "months": DAYS_PER_MONTH * _DAY,
    "q": 91.25 * _DAY, "quarter": 91.25 * _DAY, "quarters": 91.25 * _DAY,
    "y": DAYS_PER_YEAR * _DAY, "yr": DAYS_PER_YEAR * _DAY, "yrs": DAYS_PER_YEAR * _DAY,
    "year": DAYS_PER_YEAR * _DAY, "years": DAYS_PER_YEAR * _DAY,
}  # fmt: skip

_RATE_WORDS = {"qps", "rps", "tps", "ops"}
_PREFIX = {"": 1.0, "k": 1e3, "m": 1e6, "g": 1e9, "t": 1e12, "p": 1e15,
           "kilo": 1e3, "mega": 1e6, "giga": 1e9, "tera": 1e12, "peta": 1e15}  # fmt: skip
_DATA = re.compile(
    r"^(?P<prefix>[kKmMgGtTpP]|kilo|mega|giga|tera|peta)?"
    r"(?:(?P<bps>bps)|(?P<Bps>Bps)|(?P<bits>bits?)|(?P<b>b))$"
)


def _data_word(word: str) -> tuple[float, bool] | None:
    """Bytes per unit and whether it is per second, for bit and byte-rate units.

    A lower-case `b` after a prefix is a bit (`Mb`, `Gbps`, `46 Mb/s`) and an upper-case
    `B` a byte (`MBps`); `mb`, `gb` typed all in lower case are read as bytes, the way
    people type sizes in a hurry.
    """
    match = _DATA.match(word)
    if not match:
        return None
    prefix = match.group("prefix") or ""
    factor = _PREFIX[prefix.lower()]
    if match.group("bps"):
        return factor / 8, True
    if match.group("Bps"):
        return factor, True
    if match.group("bits"):
        return factor / 8, False
    if (prefix and prefix != prefix.lower()) or len(prefix) > 1:
        return factor / 8, False  # Mb, Gb, Kb: bits
    return None  # mb, gb: bytes, read by the byte table
# Nouns people put after a count ("1M users", "12 writes/s"); they change nothing.
_NOUNS = {
    "user", "users", "dau", "request", "requests", "req", "reqs", "query", "queries",
    "write", "writes", "read", "reads", "item", "items", "paste", "pastes", "photo",
    "photos", "message", "messages", "upload", "uploads", "view", "views", "op",
    "event", "events", "x", "times", "server", "servers",
}  # fmt: skip

_APPROX = re.compile(r"^\s*(~|≈|about\b|approx\.?|approximately\b|around\b|roughly\b)\s*", re.I)
_NUMBER = re.compile(
    r"""^(?P<num>
        [+-]?(?:\d{1,3}(?:,\d{3})+|\d+(?:_\d+)*)(?:\.\d+)?(?:[eE][+-]?\d+)?   # 1,000,000  1e6
      | [+-]?\.\d+(?:[eE][+-]?\d+)?
    )(?:\s*(?:\^|\*\*)\s*(?P<exp>[+-]?\d+(?:\.\d+)?))?                  # 10^6  2**20
    """,
    re.X,
)
_WORD = re.compile(r"%|[^\W\d_]+|µs|μs")  # a unit's words, glued to the number or not
_WORD_OR_SPACE = re.compile(r"%|[^\W\d_]+|µs|μs|\s")
_PER = re.compile(r"\s*(?:/|\bper\b|\ban?\b)\s*", re.I)

# A large bound keeps arithmetic finite; no estimate needs more than this.
_LIMIT = 1e30


def typable(value: float) -> bool:
    """Whether `parse` takes the number as a learner would type it (`f"{value:g}"`)."""
    return math.isfinite(value) and abs(float(f"{value:g}")) <= _LIMIT


# What to call a quantity of each kind in a message: "'5 KB' is a size".
NOUNS = {
    Dim.COUNT: "plain number",
    Dim.RATE: "rate",
    Dim.BYTES: "size",
    Dim.BYTE_RATE: "bandwidth",
    Dim.DURATION: "duration",
    Dim.PERCENT: "percentage",
}


def _describe(dim: Dim) -> str:
    return {
        Dim.COUNT: "a number such as 1000000, 1,000,000, 1e6, 10^6, 1M or 1 million",
        Dim.RATE: "a rate such as 116/s, 580 QPS, 1M/day or 10M/month",
        Dim.BYTES: "a size such as 500 bytes, 10 KB, 1.27KB or 2 GiB",
        Dim.BYTE_RATE: "a bandwidth such as 10 MB/s",
        Dim.DURATION: "a duration such as 8.76h, 52 min, 30 s or 5y",
        Dim.PERCENT: "a percentage such as 99.9 or 99.9%",
    }[dim]


def _shown(text: str, limit: int = 40) -> str:
    """`text` quoted for a message, cut short: a pasted essay is not echoed back whole."""
    text = text.strip()
    return quoted(text if len(text) <= limit else text[:limit] + "...")


def _number(text: str) -> tuple[float, str]:
    match = _NUMBER.match(text)
    if not match:
        raise QuantityError(f"{_shown(text)} does not start with a number")
    raw = match.group("num").replace(",", "").replace("_", "")
    try:
        value = float(raw)
        if match.group("exp") is not None:
            value = value ** float(match.group("exp"))
    except (OverflowError, ZeroDivisionError):
        raise QuantityError(f"{_shown(match.group(0))} is too large") from None
    if isinstance(value, complex) or not math.isfinite(value) or abs(value) > _LIMIT:
        raise QuantityError(f"{_shown(match.group(0))} is too large")
    return value, text[match.end() :]


def _unit(words: list[str], expect: Dim | None) -> tuple[float, Dim]:
    """Read the words after a number: a magnitude, a unit, nouns, in that order."""
    factor, dim = 1.0, Dim.COUNT
    seen_unit = False
    for word in words:
        lower = word.lower()
        if word in _MAGNITUDES or (lower in _MAGNITUDES and lower not in ("m", "b")):
            factor *= _MAGNITUDES.get(word, _MAGNITUDES.get(lower, 1.0))
        elif lower == "m" and not seen_unit:
            # "5m" is five minutes for a duration and five million anywhere else.
            if expect is Dim.DURATION:
                factor, dim, seen_unit = factor * 60.0, Dim.DURATION, True
            else:
                factor *= 1e6
        elif lower == "b" and not seen_unit:
            # "10B" is ten bytes for a size and ten billion anywhere else.
            if expect in (Dim.BYTES, Dim.BYTE_RATE):
                dim, seen_unit = Dim.BYTES, True
            else:
                factor *= 1e9
        elif _data_word(word) is not None and not seen_unit and lower not in ("b",):
            per_byte, per_second = _data_word(word)  # type: ignore[misc]
            factor *= per_byte
            dim, seen_unit = (Dim.BYTE_RATE if per_second else Dim.BYTES), True
        elif lower in _BYTES and not seen_unit:
            factor, dim, seen_unit = factor * _BYTES[lower], Dim.BYTES, True
        elif lower in _SECONDS and not seen_unit:
            factor, dim, seen_unit = factor * _SECONDS[lower], Dim.DURATION, True
        elif lower in _RATE_WORDS and not seen_unit:
            dim, seen_unit = Dim.RATE, True
        elif lower in ("megabit", "megabits", "gigabit", "gigabits", "kilobit", "kilobits",
                       "terabit", "terabits") and not seen_unit:
            factor *= _PREFIX[lower[:4]] / 8
            dim, seen_unit = Dim.BYTES, True
        elif lower in ("%", "percent", "pct") and not seen_unit:
            dim, seen_unit = Dim.PERCENT, True
        elif lower in _NOUNS:
            continue
        else:
            raise QuantityError(f"{_shown(word)} is not a unit I know")
    return factor, dim


def _split_words(text: str) -> list[str]:
    # "1.27KB" and "10M" glue unit to number; "580 QPS" does not: split both the same.
    return _WORD.findall(text) if text.strip() else []


_ONE_UNIT = re.compile(r"(?:a|an)\s+(?=[A-Za-z])", re.I)


def parse(text: str, expect: Dim | None = None) -> Quantity:
    """Parse what a person typed into a Quantity; `expect` settles `m` and `B`."""
    if not isinstance(text, str):
        raise QuantityError("expected text")
    body = text.strip()
    if not body:
        raise QuantityError("it is empty")
    approx_match = _APPROX.match(body)
    approx = bool(approx_match)
    if approx_match:
        body = body[approx_match.end() :]
    one = _ONE_UNIT.match(body)
    if one and not _NUMBER.match(body):  # `a terabyte`, `an hour`: one of the unit
        try:
            return parse(f"{'~' if approx else ''}1 {body[one.end():]}", expect)
        except QuantityError:
            pass  # `a cache`: no unit, so no figure
    value, rest = _number(body)
    if value < 0:
        raise QuantityError(f"{_shown(text)} is negative")

    parts = _PER.split(rest, maxsplit=1)
    leftover = _WORD_OR_SPACE.sub("", parts[0])
    if leftover:
        raise QuantityError(f"{_shown(parts[0])} is not a unit I know")
    factor, dim = _unit(_split_words(parts[0]), expect)
    value *= factor
    if len(parts) == 2:
        denominator = parts[1].strip()
        count = 1.0
        number_match = _NUMBER.match(denominator)
        if number_match:  # "per 30 days"
            count, denominator = _number(denominator)
            denominator = denominator.strip()
        seconds = _SECONDS.get(denominator.lower())
        if denominator.lower() == "m":
            seconds = 60.0
        if not seconds or count <= 0:
            raise QuantityError(
                f"{_shown('/' + denominator)} is not a time unit (try /s, /day, /month)"
            )
        if dim is Dim.COUNT:
            dim = Dim.RATE
        elif dim is Dim.BYTES:
            dim = Dim.BYTE_RATE
        else:
            raise QuantityError(f"{_shown(text)} divides a {NOUNS[dim]} by time")
        value /= seconds * count
    if not math.isfinite(value) or value > _LIMIT:
        raise QuantityError(f"{_shown(text)} is too large")
    return Quantity(value, dim, approx)


def parse_as(text: str, dim: Dim, *, bare: float = 1.0) -> float:
    """Parse `text` as `dim` in its base unit; a bare number is taken times `bare`.

    `bare` says what a number with no unit means: 3600 makes `--retention 2` two hours
    for a duration read in hours. A bare number for a rate is per second.
    """
    try:
        quantity = parse(text, expect=dim)
    except QuantityError as error:
        raise QuantityError(f"{error}; expected {_describe(dim)}") from None
    if quantity.dim is dim:
        return quantity.value
    if quantity.dim is Dim.COUNT:
        return quantity.value * bare
    raise QuantityError(f"{_shown(text)} is a {NOUNS[quantity.dim]}; expected {_describe(dim)}")
