"""Availability in nines: downtime budgets, the reverse, and composing parts."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import reduce

from sysdesign_cli.core.quantities import (
    DAYS_PER_MONTH,
    DAYS_PER_YEAR,
    SECONDS_PER_DAY,
    Dim,
    QuantityError,
    parse,
)
from sysdesign_cli.core.safe_text import SHORT, quoted

GREGORIAN_YEAR_DAYS = 365.2425
PERIODS = ("year", "quarter", "month", "week", "day")

_WORD_NINES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9,
}  # fmt: skip
_NINES = re.compile(r"^\s*(?P<n>\d+|[a-z]+)\s*nines?\s*$", re.I)


@dataclass(frozen=True)
class Calendar:
    """How long the periods are: a 365-day year and a 30-day month by default."""

    year_days: float = DAYS_PER_YEAR
    month_days: float = DAYS_PER_MONTH

    def seconds(self, period: str) -> float:
        """Length of `period` (year, quarter, month, week, day) in seconds."""
        days = {
            "year": self.year_days,
            "quarter": self.year_days / 4,
            "month": self.month_days,
            "week": 7,
            "day": 1,
        }[period]
        return days * SECONDS_PER_DAY

    def describe(self) -> str:
        """The convention in words, for the footnote under every table."""
        year = f"{self.year_days:.10g}-day year"
        return f"{year}, {self.month_days:.10g}-day month, quarter = a quarter of the year"


@dataclass(frozen=True)
class Budget:
    """Allowed downtime at one availability, per period, in seconds."""

    availability: float  # a fraction: 0.999
    downtime_seconds: dict[str, float]


def parse_availability(text: str) -> float:
    """`99.99`, `99.99%`, `four nines`, `4 nines` -> 0.9999."""
    match = _NINES.match(text)
    if match:
        word = match.group("n").lower()
        count = int(word) if word.isdigit() else _WORD_NINES.get(word)
        if count is None or not 1 <= count <= 12:
            raise QuantityError(f"{quoted(text.strip(), SHORT)}: say between one and twelve nines")
        return 1 - 10.0**-count
    try:
        quantity = parse(text, expect=Dim.PERCENT)
    except QuantityError as error:
        raise QuantityError(
            f"{error}; expected a percentage such as 99.9, 99.9% or 'three nines'"
        ) from None
    if quantity.dim not in (Dim.PERCENT, Dim.COUNT):
        raise QuantityError(
            f"{quoted(text.strip(), SHORT)} is not a percentage (try 99.9 or 99.9%)"
        )
    if not 0 < quantity.value <= 100:
        raise QuantityError(f"{quoted(text.strip(), SHORT)} is not between 0 and 100 percent")
    if quantity.dim is Dim.COUNT and quantity.value < 1:
        # 0.999 is a fraction written the way the formulas print it, not 0.999 percent.
        raise QuantityError(
            f"{quoted(text.strip(), SHORT)} reads as {quantity.value:g} percent; "
            f"for a fraction write it as a percentage: {quantity.value * 100:g}"
        )
    return _fraction(quantity.value)


def _fraction(percent: float) -> float:
    """99.9 -> 0.999 as typed; dividing by 100 gives 0.9990000000000001 in --json."""
    mantissa, _, exponent = repr(percent).partition("e")
    return float(f"{mantissa}e{int(exponent or 0) - 2}")


def budget(availability: float, calendar: Calendar | None = None) -> Budget:
    """Downtime allowed per year, quarter, month, week and day."""
    calendar = calendar or Calendar()
    down = 1 - availability
    return Budget(
        availability,
        {period: down * calendar.seconds(period) for period in PERIODS},
    )


def availability_from_downtime(
    downtime_seconds: float, period: str, calendar: Calendar | None = None
) -> float:
    """The availability that `downtime_seconds` of downtime per `period` implies."""
    calendar = calendar or Calendar()
    length = calendar.seconds(period)
    if downtime_seconds > length:
        raise QuantityError(f"more downtime than there is time in a {period}")
    return 1 - downtime_seconds / length


def series(parts: list[float]) -> float:
    """Every part must work: A = A1 x A2 x ..."""
    return reduce(lambda a, b: a * b, parts, 1.0)


def parallel(parts: list[float]) -> float:
    """Any one part suffices: A = 1 - (1 - A1) x (1 - A2) x ..."""
    return 1 - reduce(lambda a, b: a * (1 - b), parts, 1.0)


def nines_count(availability: float) -> float:
    """How many nines: 0.999 -> 3.0, 0.9995 -> ~3.3."""
    down = 1 - availability
    return math.inf if down <= 0 else -math.log10(down)
