"""Likely slips behind a wrong figure, and the hint that addresses each.

A figure that is off by a conversion factor (1,000, 60, 24, 86,400, 8, ...) was most
likely worked right and converted wrong; the next hint is then about that conversion,
never the answer itself.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from sysdesign_cli.core.quantities import Dim


@dataclass(frozen=True)
class Slip:
    """What probably went wrong, and what to check."""

    key: str
    diagnosis: str  # shown with the verdict: "Likely slip: ..."
    hint: str  # the next hint: about the slip, never stating the answer


# (factor, key, diagnosis, hint, the kinds of figure it applies to)
_FACTORS = (
    (86_400.0, "per-day", "a day's total instead of a rate per second (or the reverse)",
     "Check the time unit: a day has 86,400 seconds, and a rate is per second.",
     (Dim.RATE, Dim.COUNT, Dim.BYTE_RATE)),
    (3_600.0, "per-hour", "hours and seconds mixed up",
     "Check the time unit: an hour has 3,600 seconds.", (Dim.RATE, Dim.DURATION, Dim.COUNT)),
    (1_000.0, "thousand", "a factor of 1,000: KB and bytes, ms and s, or K and M mixed up",
     "Check the units: 1 KB is 1,000 bytes, 1 s is 1,000 ms, 1M is 1,000K.", None),
    (1_024.0, "binary", "a factor of 1,024: binary and decimal units mixed up",
     "Check the units: 1 KiB is 1,024 bytes, 1 KB is 1,000.", None),
    (60.0, "sixty", "minutes and seconds (or hours and minutes) mixed up",
     "Check the time unit: a minute has 60 seconds, an hour 60 minutes.",
     (Dim.DURATION, Dim.RATE, Dim.COUNT)),
    (24.0, "day-hours", "days and hours mixed up",
     "Check the time unit: a day has 24 hours.", (Dim.DURATION, Dim.RATE, Dim.COUNT)),
    (365.0, "year-days", "years and days mixed up",
     "Check the time unit: a year has 365 days.", (Dim.DURATION, Dim.COUNT, Dim.BYTES)),
    (30.0, "month-days", "months and days mixed up",
     "Check the time unit: a month is counted as 30 days.", (Dim.BYTES, Dim.COUNT, Dim.RATE)),
    (8.0, "bits", "bits and bytes mixed up",
     "Check bits against bytes: a byte is 8 bits (Mbps is megabits, MB/s megabytes).",
     (Dim.BYTE_RATE, Dim.BYTES)),
    (100.0, "percent", "a fraction read as a percentage (or the reverse)",
     "Check the percentage: 0.1 is 10%, not 0.1%.", (Dim.PERCENT, Dim.COUNT)),
)  # fmt: skip


_PERIODS = {"second": 1.0, "minute": 60.0, "hour": 3_600.0, "day": 86_400.0,
            "month": 30 * 86_400.0, "year": 365 * 86_400.0}  # fmt: skip
_PER = re.compile(r"\b(?:a|an|per|each|every)\s+(second|minute|hour|day|month|year)\b", re.I)
_NAMED = re.compile(r"\b(second|minute|hour|day|month|year)s?\b", re.I)


def _counted_slips(prompt: str, dim: Dim) -> list[float] | None:
    """What a time-unit slip can make of a count the question asks per one period (`how
    many reads a minute`), as factors on the truth: the count per another period the
    question names (per second: 1/60), or None when the question asks no such count."""
    if dim is not Dim.COUNT:
        return None
    asked = _PER.findall(prompt.rsplit(". ", 1)[-1])
    if not asked:
        return None
    period = _PERIODS[asked[-1].lower()]
    named = {_PERIODS[word.lower()] for word in _NAMED.findall(prompt)}
    return [other / period for other in named if other != period]


_TIME_SLIPS = frozenset(("per-day", "per-hour", "sixty", "day-hours", "year-days", "month-days"))


def unit_slip(answer: float, truth: float, dim: Dim, prompt: str = "") -> Slip | None:
    """The conversion slip that best explains `answer` against `truth`, if one does. For
    a count per a period (`reads a minute`), a time-unit slip is named only when the
    answer is that count per another period the question names (`prompt`)."""
    if answer <= 0 or truth <= 0 or not math.isfinite(answer / truth):
        return None
    apart = max(answer / truth, truth / answer)
    counted = _counted_slips(prompt, dim)
    best: tuple[float, Slip] | None = None
    for factor, key, diagnosis, hint, dims in _FACTORS:
        if dims is not None and dim not in dims:
            continue
        if counted is not None and key in _TIME_SLIPS and not any(
                max(answer / truth / f, f * truth / answer) <= 1.1 for f in counted):
            continue
        closeness = max(apart / factor, factor / apart)
        if closeness <= 1.1 and (best is None or closeness < best[0]):
            best = (closeness, Slip(key, diagnosis, hint))
    return best[1] if best else None


# The slips an estimate's derivation can show (core.estimate names them), and the hint
# that addresses each.
SLIP_HINTS = {
    "forgot to multiply users by requests per user":
        "Each user makes several requests a day: multiply the users by the requests each.",
    "forgot to divide by 86,400 seconds per day":
        "A rate is per second: divide the day's count by the seconds in a day.",
    "divided by 3,600 (seconds per hour) instead of 86,400 per day":
        "The count is for a whole day: divide by a day's seconds, not an hour's.",
    "divided by 3,600 (seconds per hour) instead of 86,400":
        "The count is for a whole day: divide by a day's seconds, not an hour's.",
    "divided by 1,440 (minutes per day) instead of 86,400 seconds":
        "A rate is per second: divide by the seconds in a day, not the minutes.",
    "forgot the requests per user":
        "Count requests, not users: each user makes several requests a day.",
    "applied the peak factor: this is the average":
        "This figure is the average: leave the peak factor out.",
    "forgot the peak factor: that is the average":
        "The peak is the average times the peak factor.",
    "divided by a 30-day month's seconds instead of a day's":
        "Check the period: the count is per day, so divide by a day's seconds, not a month's.",
    "forgot to multiply writes by the reads per write":
        "Reads come from writes: multiply the writes by the reads per write.",
    "mixed up KB and bytes (a factor of 1,000)":
        "Check the units: 1 KB is 1,000 bytes, 1 MB is 1,000 KB, 1 GB is 1,000 MB.",
    "forgot the retention: that is one day":
        "Storage over the retention is a day's storage times the days kept.",
    "counted the retention in months, not days":
        "Count the retention in days: a year is 365 days, not 12.",
    "sized for the average, not the peak":
        "Servers must carry the peak, not the average: divide the peak QPS by one server's.",
}  # fmt: skip
