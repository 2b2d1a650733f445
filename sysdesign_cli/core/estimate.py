"""Back-of-the-envelope estimation: traffic, storage, bandwidth, servers, cache.

One `Estimate` feeds the table, `--json`, `--check` grading, lesson steps and exercises;
its figures' keys, labels and spoken form are in `estimate_figures`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from sysdesign_cli.core.estimate_figures import FIGURE_KEYS, LABELS
from sysdesign_cli.core.quantities import DAYS_PER_MONTH, SECONDS_PER_DAY
from sysdesign_cli.core.quantity_format import (
    approx_equals,
    format_bytes,
    format_factor,
    format_number,
    format_rate,
)

SHORTCUT_SECONDS_PER_DAY = 100_000  # 86,400 rounded to 10^5 for mental math
HOT_PERIOD_DAYS = 30  # the cache holds the hot share of the items written in this period


class EstimateError(ValueError):
    """Inputs that do not make an estimate; the message names the option and the fix."""


@dataclass(frozen=True)
class EstimateInputs:
    """What the learner assumes. Rates are per second, sizes in bytes, time in seconds."""

    dau: float | None = None
    requests_per_user: float = 10.0
    peak_factor: float = 5.0
    writes_per_second: float | None = None
    reads_per_second: float | None = None
    reads_per_write: float | None = None
    payload_bytes: float | None = None
    read_payload_bytes: float | None = None
    retention_seconds: float | None = None
    server_capacity_qps: float | None = None
    cache_fraction: float = 0.2
    hot_period_seconds: float = HOT_PERIOD_DAYS * SECONDS_PER_DAY

    def __post_init__(self) -> None:
        has_rates = self.writes_per_second is not None or self.reads_per_second is not None
        if self.dau is None and not has_rates:
            raise EstimateError(
                "nothing to estimate from: give --dau (daily active users), "
                "or --writes and/or --reads"
            )
        if self.dau is not None and has_rates:
            raise EstimateError(
                "give either --dau or --writes/--reads, not both: "
                "--dau derives the request rate, --writes/--reads state it"
            )
        positive = {
            "--dau": self.dau,
            "--requests-per-user": self.requests_per_user,
            # A zero rate estimates nothing; a service with no writes leaves --writes out.
            "--writes": self.writes_per_second,
            "--reads": self.reads_per_second,
            "--payload": self.payload_bytes,
            "--read-payload": self.read_payload_bytes,
            "--retention": self.retention_seconds,
            "--server-capacity": self.server_capacity_qps,
        }
        for flag, value in positive.items():
            if value is not None and not value > 0:
                raise EstimateError(f"{flag} must be more than zero")
        if self.dau is not None and not 1 <= self.dau <= MAX_USERS:
            # Half a user, or more users than there are people, is a typo, not an estimate.
            raise EstimateError(
                f"--dau counts users: give at least 1 and at most {MAX_USERS:,.0f} "
                "(about everyone on Earth), e.g. 1M"
            )
        if self.peak_factor < 1:
            raise EstimateError("--peak-factor must be at least 1 (peak is never below average)")
        if self.reads_per_write is not None and self.reads_per_write < 0:
            raise EstimateError("--reads-per-write cannot be negative")
        if not 0 < self.cache_fraction <= 1:
            raise EstimateError("--cache-fraction must be above 0 and at most 1 (0.2 = 20%)")
        if not self.hot_period_seconds > 0:
            raise EstimateError("the hot period must be more than zero")


MAX_USERS = 10e9  # more daily users than people alive is a typo


@dataclass(frozen=True)
class Step:
    """One line of the worked derivation, said the way an engineer says it."""

    key: str
    label: str
    working: str


@dataclass(frozen=True)
class Estimate:
    """Every figure, exact, with the derivation. None means the inputs do not give it."""

    inputs: EstimateInputs
    requests_per_day: float
    avg_qps: float
    peak_qps: float
    writes_per_second: float | None
    reads_per_second: float | None
    peak_writes_per_second: float | None
    peak_reads_per_second: float | None
    storage_per_day_bytes: float | None
    storage_per_month_bytes: float | None
    storage_total_bytes: float | None
    bandwidth_in_bytes_per_second: float | None
    bandwidth_out_bytes_per_second: float | None
    servers_needed: int | None
    cache_bytes: float | None
    steps: tuple[Step, ...] = field(default=())
    peak_bandwidth_in_bytes_per_second: float | None = None
    peak_bandwidth_out_bytes_per_second: float | None = None

    def figures(self) -> dict[str, float | int | None]:
        """The figures by their `--json` key."""
        return {key: getattr(self, key) for key in FIGURE_KEYS}

    def to_json(self) -> dict[str, object]:
        """Flat, exact, snake_case: every figure and the inputs as read."""
        data: dict[str, object] = dict(self.figures())
        data["inputs"] = asdict(self.inputs)
        data["seconds_per_day"] = SECONDS_PER_DAY
        data["days_per_month"] = DAYS_PER_MONTH
        return data


def _times(value: float | None, factor: float | None) -> float | None:
    return None if value is None or factor is None else value * factor


def _full(value: float) -> str:
    """Whole numbers in full in a derivation (`10,000,000`), others rounded."""
    return format_number(round(value) if abs(value - round(value)) < 1e-6 else value, compact=False)


def _days(seconds: float) -> str:
    return f"{_full(seconds / SECONDS_PER_DAY)} days"


def estimate(inputs: EstimateInputs, derive: bool = True) -> Estimate:
    """Work out every figure the inputs allow, with the derivation (none if not `derive`:
    its text costs more than the figures, and checking that a figure exists needs none)."""
    steps: list[Step] = []

    def say(key: str, label: str, working: Callable[[], str]) -> None:
        if derive:
            steps.append(Step(key, label, working()))

    pf = inputs.peak_factor
    writes = inputs.writes_per_second
    reads = inputs.reads_per_second
    rpw = inputs.reads_per_write

    if inputs.dau is not None:
        requests_per_day = inputs.dau * inputs.requests_per_user
        say("requests_per_day", LABELS["requests_per_day"], lambda: (
            f"{_full(inputs.dau)} users x {_full(inputs.requests_per_user)}"
            f" requests each = {_full(requests_per_day)} requests/day"
        ))
        avg = requests_per_day / SECONDS_PER_DAY
        say("avg_qps", LABELS["avg_qps"], lambda: (
            f"{_full(requests_per_day)} requests / 86,400 s {approx_equals(format_rate(avg))}"
            f" (with 10^5 s/day: {format_rate(requests_per_day / SHORTCUT_SECONDS_PER_DAY)})"
        ))
        if rpw is not None:
            writes = avg / (1 + rpw)
            reads = avg - writes
            say("writes_per_second", "Read/write split", lambda: (
                f"{format_number(rpw)} reads per write: writes = {format_rate(avg)} / "
                f"{format_number(1 + rpw)} {approx_equals(format_rate(writes, '/s'))}, "
                f"reads {approx_equals(format_rate(reads, '/s'))}"
            ))
    else:
        if writes is not None and reads is None and rpw is not None:
            reads = writes * rpw
        elif reads is not None and writes is None and rpw:
            writes = reads / rpw
        if writes is not None:
            say("writes_per_second", LABELS["writes_per_second"], lambda: (
                f"{_full(writes * SECONDS_PER_DAY)} writes/day / 86,400 s"
                f" {approx_equals(format_rate(writes, '/s'))}"
            ))
        if reads is not None:
            by_ratio = inputs.reads_per_second is None and writes is not None and rpw is not None
            say("reads_per_second", LABELS["reads_per_second"], lambda: (
                f"{format_rate(writes, '/s')} x {format_number(rpw)} reads per write"
                if by_ratio else f"{_full(reads * SECONDS_PER_DAY)} reads/day / 86,400 s"
            ) + f" {approx_equals(format_rate(reads, '/s'))}")
        avg = (writes or 0.0) + (reads or 0.0)
        requests_per_day = avg * SECONDS_PER_DAY
        if writes is not None and reads is not None:
            say("avg_qps", LABELS["avg_qps"], lambda: (
                f"{format_rate(writes, '/s')} writes + {format_rate(reads, '/s')} reads"
                f" {approx_equals(format_rate(avg))}"
            ))

    peak = avg * pf
    say("peak_qps", LABELS["peak_qps"], lambda: (
        f"{format_factor(avg, pf)} x {format_number(pf)} (peak factor)"
        f" {approx_equals(format_rate(peak))}"
    ))
    if reads is not None and writes is not None:
        say("peak_reads_per_second", LABELS["peak_reads_per_second"], lambda: (
            f"{format_factor(reads, pf, '/s')} x {format_number(pf)}"
            f" {approx_equals(format_rate(reads * pf, '/s'))}"
        ))

    payload = inputs.payload_bytes
    read_payload = inputs.read_payload_bytes or payload
    per_day = per_month = total = None
    if writes is not None and payload is not None:
        per_day = writes * SECONDS_PER_DAY * payload
        per_month = per_day * DAYS_PER_MONTH
        say("storage_per_day_bytes", LABELS["storage_per_day_bytes"], lambda: (
            f"{format_number(writes * SECONDS_PER_DAY)} writes/day x {format_bytes(payload)}"
            f" {approx_equals(format_bytes(per_day))};"
            f" a 30-day month {approx_equals(format_bytes(per_month))}"
        ))
        if inputs.retention_seconds is not None:
            total = per_day * inputs.retention_seconds / SECONDS_PER_DAY
            say("storage_total_bytes", LABELS["storage_total_bytes"], lambda: (
                f"{format_bytes(per_day)}/day x {_days(inputs.retention_seconds)}"
                f" {approx_equals(format_bytes(total))}"
            ))

    bw_in = bw_out = None
    if writes is not None and payload is not None:
        bw_in = writes * payload
        say("bandwidth_in_bytes_per_second", LABELS["bandwidth_in_bytes_per_second"], lambda: (
            f"{format_rate(writes, '/s')} x {format_bytes(payload)}"
            f" {approx_equals(format_bytes(bw_in, per='/s'))} on average;"
            f" at the {format_number(pf)}x peak"
            f" {approx_equals(format_bytes(bw_in * pf, per='/s'))}"
        ))
    served = reads if reads is not None else (avg if inputs.dau is not None else None)
    if served is not None and read_payload is not None:
        bw_out = served * read_payload
        say("bandwidth_out_bytes_per_second", LABELS["bandwidth_out_bytes_per_second"], lambda: (
            f"{format_rate(served, '/s')} x {format_bytes(read_payload)}"
            f" {approx_equals(format_bytes(bw_out, per='/s'))} on average;"
            f" at the {format_number(pf)}x peak"
            f" {approx_equals(format_bytes(bw_out * pf, per='/s'))}"
        ))

    servers = None
    if inputs.server_capacity_qps is not None:
        needed = peak / inputs.server_capacity_qps  # 1e-320 QPS a server: no finite count
        if not math.isfinite(needed):
            raise EstimateError("--server-capacity is too small to count servers by: give the "
                                "requests a second one server handles, e.g. 1000")  # fmt: skip
        servers = max(1, math.ceil(needed))
        say("servers_needed", LABELS["servers_needed"], lambda: (
            f"{format_rate(peak)} / {format_rate(inputs.server_capacity_qps)} per server"
            f" -> {_full(servers)} server{'s' if servers != 1 else ''}"
        ))

    cache = None
    if writes is not None and read_payload is not None:
        # The hot set is made of distinct items: a share of the items written lately, not a
        # share of a day's reads (which counts a popular item once per read).
        period = inputs.hot_period_seconds
        if inputs.retention_seconds is not None:
            period = min(period, inputs.retention_seconds)
        items = writes * period
        cache = items * inputs.cache_fraction * read_payload
        say("cache_bytes", LABELS["cache_bytes"], lambda: (
            f"{format_number(items)} items written in {_days(period)}"
            f" x {inputs.cache_fraction:.0%} hot x {format_bytes(read_payload)} each"
            f" {approx_equals(format_bytes(cache))}"
        ))

    return Estimate(
        inputs=inputs,
        requests_per_day=requests_per_day,
        avg_qps=avg,
        peak_qps=peak,
        writes_per_second=writes,
        reads_per_second=reads,
        peak_writes_per_second=_times(writes, pf),
        peak_reads_per_second=_times(reads, pf),
        storage_per_day_bytes=per_day,
        storage_per_month_bytes=per_month,
        storage_total_bytes=total,
        bandwidth_in_bytes_per_second=bw_in,
        bandwidth_out_bytes_per_second=bw_out,
        servers_needed=servers,
        cache_bytes=cache,
        steps=tuple(steps),
        peak_bandwidth_in_bytes_per_second=_times(bw_in, pf),
        peak_bandwidth_out_bytes_per_second=_times(bw_out, pf),
    )
