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
_PER = re.compile(r"\s*(?:/|\bper\b|\ba\b)\s*", re.I)

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
    return repr(text if len(text) <= limit else text[:limit] + "...")


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
    return re.findall(r"%|[^\W\d_]+|µs|μs", text) if text.strip() else []


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
    value, rest = _number(body)
    if value < 0:
        raise QuantityError(f"{_shown(text)} is negative")

    parts = _PER.split(rest, maxsplit=1)
    leftover = re.sub(r"%|[^\W\d_]+|µs|μs|\s", "", parts[0])
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


# ---------------------------------------------------------------- formatting


def _round_sig(value: float, sig: int) -> float:
    if value == 0 or not math.isfinite(value):
        return value
    digits = sig - 1 - math.floor(math.log10(abs(value)))
    return round(value, digits)


def round_engineer(value: float) -> float:
    """Round to as few significant figures (2 or 3) as keep the value within 0.5%.

    Half a percent makes 578.7 `580` yet keeps 457 as `457`, not `460`.
    """
    two = _round_sig(value, 2)
    if value and abs(two - value) / abs(value) <= 0.005:
        return two
    return _round_sig(value, 3)


def _plain(value: float) -> str:
    """A number without float noise: 580, 8.76, 0.0025, 1,200."""
    if not math.isfinite(value):  # a ratio to a figure of 1e-300 overflows
        return "∞" if value > 0 else "-∞" if value < 0 else "NaN"
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    # Enough decimals for three significant figures: 6 would print 1.2e-7 as "0".
    decimals = max(6, 2 - math.floor(math.log10(abs(value))))
    return f"{value:,.{decimals}f}".rstrip("0").rstrip(".")


def _approx(shown: float, exact: float) -> str:
    return "" if math.isclose(shown, exact, rel_tol=1e-9, abs_tol=1e-12) else "~"


def format_number(value: float, sig: int | None = None, compact: bool = True) -> str:
    """A count as said aloud: `580`, `10M`, `~1.2B`; `sig` fixes significant figures.

    `compact=False` writes whole numbers out in full (`10,000,000`), as in a derivation.
    """
    if not math.isfinite(value):
        return _plain(value)
    if not compact and value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    rounded = _round_sig(value, sig) if sig else round_engineer(value)
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if not compact:
            break
        if abs(rounded) >= max(size, 1e4):
            return f"{_approx(rounded, value)}{_plain(_round_sig(rounded / size, 3))}{suffix}"
    return f"{_approx(rounded, value)}{_plain(rounded)}"


def format_rate(per_second: float, unit: str = "QPS", sig: int | None = None) -> str:
    """A rate as said aloud: `~116 QPS`, `~12/s` (unit `/s`)."""
    text = format_number(per_second, sig)
    return f"{text}{unit}" if unit.startswith("/") else f"{text} {unit}"


def format_bytes(count: float, sig: int | None = None, per: str = "") -> str:
    """A size in decimal units: `457 GB`, `~1.3 KB`, `500 bytes`."""
    units = (("PB", 1e15), ("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("KB", 1e3))
    for name, size in units:
        scaled = count / size
        shown = _round_sig(scaled, sig) if sig else round_engineer(scaled)
        # Judged after rounding, so 999,600 bytes is "~1 MB", not "~1,000,000 bytes".
        if shown >= 1:
            return f"{_approx(shown, scaled)}{_plain(shown)} {name}{per}"
    shown = _round_sig(count, sig) if sig else round_engineer(count)
    name = "byte" if shown == 1 else "bytes"
    return f"{_approx(shown, count)}{_plain(shown)} {name}{per}"


_DURATION_UNITS = (
    ("days", _DAY),
    ("h", 3600.0),
    ("min", 60.0),
    ("s", 1.0),
    ("ms", 1e-3),
    ("µs", 1e-6),
    ("ns", 1e-9),
)


def format_duration(seconds: float, sig: int = 3, mark: bool = True) -> str:
    """A duration in the largest unit that keeps it at least 1: `8.76 h`, `864 ms`.

    `mark=False` leaves off the `~` of a rounded value, for tables that say they round.
    """
    if not mark:
        return format_duration(seconds, sig).lstrip("~")
    if seconds == 0:
        return "0 s"
    for index, (name, size) in enumerate(_DURATION_UNITS):
        scaled = seconds / size
        shown = _round_sig(scaled, sig)
        limit = _DURATION_UNITS[index - 1][1] / size if index else math.inf
        if shown >= 1 and shown < limit:
            name = "day" if name == "days" and shown == 1 else name
            return f"{_approx(shown, scaled)}{_plain(shown)} {name}"
    name, size = _DURATION_UNITS[-1]
    shown = _round_sig(seconds / size, sig)
    return f"{_approx(shown, seconds / size)}{_plain(shown)} {name}"


def approx_equals(formatted: str) -> str:
    """`~= 116 QPS` for a rounded figure, `= 580 QPS` for an exact one."""
    return f"~= {formatted[1:]}" if formatted.startswith("~") else f"= {formatted}"


def format_percent(fraction: float) -> str:
    """An availability as a percentage with as many nines as it has: `99.9999%`."""
    percent = fraction * 100
    down = 100 - percent
    if down <= 0:
        return "100%"
    decimals = max(0, -math.floor(math.log10(down))) + 1
    shown = round(percent, decimals)
    text = f"{shown:.{decimals}f}".rstrip("0").rstrip(".")
    return f"{_approx(shown, percent)}{text}%"
