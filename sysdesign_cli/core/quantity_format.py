"""Quantities written the way engineers say them: `~116 QPS`, `457 GB`, `8.76 h`,
`99.9999%`, rounded to as few significant figures as keep them honest."""

from __future__ import annotations

import math

_DAY = 86_400.0

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
    if abs(value) >= 1e15 or abs(value) < 1e-12:  # not 300 digits for --server-capacity 1e-300
        mantissa, exponent = f"{value:.3g}".split("e")
        return f"{mantissa}e{int(exponent)}"
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
        if max(size, 1e4) <= abs(rounded) < 1e15:
            return f"{_approx(rounded, value)}{_plain(_round_sig(rounded / size, 3))}{suffix}"
    return f"{_approx(rounded, value)}{_plain(rounded)}"


def format_rate(per_second: float, unit: str = "QPS", sig: int | None = None) -> str:
    """A rate as said aloud: `~116 QPS`, `~12/s` (unit `/s`)."""
    text = format_number(per_second, sig)
    return f"{text}{unit}" if unit.startswith("/") else f"{text} {unit}"


def format_factor(value: float, factor: float, unit: str = "QPS") -> str:
    """`value` as a derivation multiplies it by `factor`: rounded as a table shows it,
    or with more digits when that rounded figure times `factor` would not give the
    product as shown (`~231.5 QPS x 3 ~= 694`, not `~231 QPS x 3`, which is 693)."""
    product = format_rate(value * factor, unit).lstrip("~")
    for sig in (None, 3, 4, 5):
        shown = _round_sig(value, sig) if sig else round_engineer(value)
        if format_rate(shown * factor, unit).lstrip("~") == product:
            return format_rate(value, unit, sig)
    return format_rate(value, unit, 6)


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
