"""A learner's estimate figure against the worked one: bands, the likely slip, and the
working that may be shown after one figure is asked."""

from __future__ import annotations

import math
from dataclasses import dataclass

from sysdesign_cli.core.bands import Band, band, ratio
from sysdesign_cli.core.estimate import Estimate, EstimateError, Step
from sysdesign_cli.core.estimate_figures import LABELS
from sysdesign_cli.core.quantities import SECONDS_PER_DAY
from sysdesign_cli.core.quantity_format import format_number
from sysdesign_cli.core.slips import SLIP_HINTS


def worked_until(result: Estimate, key: str) -> list[Step]:
    """The derivation up to and including `key`'s step: the working shown after one figure
    is asked must not give away the figures after it."""
    keys = [step.key for step in result.steps]
    if key not in keys:
        return list(result.steps)
    return list(result.steps[: len(keys) - keys[::-1].index(key)])


@dataclass(frozen=True)
class Check:
    """A learner's figure against the worked one."""

    key: str
    answer: float
    truth: float
    band: Band
    times_apart: float
    diagnosis: str | None  # which step likely went wrong, when the answer is not good
    hint: str | None = None  # what to check next, about that slip (never the figure)


HEADLINE_KEYS = (
    "requests_per_day",
    "avg_qps",
    "peak_qps",
    "writes_per_second",
    "reads_per_second",
    "peak_reads_per_second",
    "storage_per_day_bytes",
    "storage_total_bytes",
    "servers_needed",
)


def headline_keys(result: Estimate) -> list[str]:
    """The figures worth asking the learner for, given what the inputs provide."""
    keys = [key for key in HEADLINE_KEYS if getattr(result, key) is not None]
    if result.inputs.dau is None:
        keys.remove("requests_per_day")
    return keys


def _mistakes(result: Estimate, key: str) -> list[tuple[str, float]]:
    """Values a learner gets by skipping or botching one step, for this figure."""
    inp = result.inputs
    pf = inp.peak_factor
    per_day = result.requests_per_day
    out: list[tuple[str, float]] = []
    if key == "requests_per_day" and inp.dau is not None:
        out.append(("forgot to multiply users by requests per user", inp.dau))
    if key in ("avg_qps", "peak_qps"):
        scale = pf if key == "peak_qps" else 1
        out += [
            ("forgot to divide by 86,400 seconds per day", per_day * scale),
            ("divided by 3,600 (seconds per hour) instead of 86,400 per day",
             per_day / 3600 * scale),
            ("divided by 1,440 (minutes per day) instead of 86,400 seconds",
             per_day / 1440 * scale),
        ]  # fmt: skip
        if inp.dau is not None:
            out.append(("forgot the requests per user", inp.dau / SECONDS_PER_DAY * scale))
    if key == "avg_qps":
        out.append(("applied the peak factor: this is the average", result.peak_qps))
    if key == "peak_qps":
        out.append(("forgot the peak factor: that is the average", result.avg_qps))
    if key == "peak_reads_per_second" and result.reads_per_second:
        out.append(("forgot the peak factor: that is the average", result.reads_per_second))
    if key.endswith(("writes_per_second", "reads_per_second")):
        value = getattr(result, key)
        out += [
            ("forgot to divide by 86,400 seconds per day", value * SECONDS_PER_DAY),
            ("divided by 3,600 (seconds per hour) instead of 86,400", value * 24),
            ("divided by a 30-day month's seconds instead of a day's", value / 30),
        ]
    if key == "reads_per_second" and inp.reads_per_write and result.writes_per_second:
        out.append(("forgot to multiply writes by the reads per write",
                    result.writes_per_second))  # fmt: skip
    if key.startswith("storage") and getattr(result, key):
        value = getattr(result, key)
        out += [
            ("mixed up KB and bytes (a factor of 1,000)", value * 1000),
            ("mixed up KB and bytes (a factor of 1,000)", value / 1000),
        ]
        if key == "storage_total_bytes" and result.storage_per_day_bytes:
            out.append(("forgot the retention: that is one day", result.storage_per_day_bytes))
            out.append(("counted the retention in months, not days", value / 30))
    if key == "servers_needed" and inp.server_capacity_qps:
        avg_servers = max(1, math.ceil(result.avg_qps / inp.server_capacity_qps))
        out.append(("sized for the average, not the peak", avg_servers))
    return out


def _times_off(times: float) -> str:
    """`about 29x`; past a thousand the exact factor says nothing: `over 1,000x`."""
    if times > 1000:
        return "over 1,000x"
    # "about" already says rounded: not "about ~28.9x".
    return f"about {format_number(times, sig=2).lstrip('~')}x"


def check(result: Estimate, key: str, answer: float) -> Check:
    """Grade the learner's figure in bands and name the likely slip when it is not good."""
    truth = getattr(result, key)
    if truth is None:
        raise EstimateError(f"the inputs do not give {LABELS.get(key, key)}")
    graded = band(answer, truth)
    diagnosis = None
    if graded is not Band.GOOD:
        apart = ratio(answer, truth)
        candidates = [
            (ratio(answer, value), text)
            for text, value in _mistakes(result, key)
            if value and ratio(answer, value) <= 1.5 and ratio(answer, value) < apart
        ]
        if candidates:
            diagnosis = min(candidates)[1]
        elif answer > truth:
            diagnosis = f"{_times_off(answer / truth)} too high"
        else:
            diagnosis = (
                f"{_times_off(truth / answer)} too low"
                if answer and math.isfinite(truth / answer)
                else "zero"
            )
    # A named slip gets the hint about it; "too high" alone leaves the question's own hints.
    hint = SLIP_HINTS.get(diagnosis) if diagnosis else None
    return Check(key, answer, truth, graded, ratio(answer, truth), diagnosis, hint)
