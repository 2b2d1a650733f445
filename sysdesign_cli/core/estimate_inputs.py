"""Reading estimate figures and inputs as a learner or a command line types them."""

from __future__ import annotations

from sysdesign_cli.core.estimate import EstimateError, EstimateInputs
from sysdesign_cli.core.estimate_figures import FIGURE_KEYS
from sysdesign_cli.core.quantities import SECONDS_PER_DAY, Dim, QuantityError, parse
from sysdesign_cli.core.safe_text import SHORT, quoted


def parse_figure(key: str, text: str, asked: str | None = None) -> float:
    """Read a learner's figure for `key` as typed: `116`, `I'd say ~120 QPS`, `10M`,
    `46 GB`, `1M/day`, `24*60*60`; with `asked` (what the question asks for), a figure in
    words inside a sentence about something else is refused (`read_figure`). Raises
    QuantityError with what to fix."""
    from sysdesign_cli.core.reading import Unreadable, read_figure

    if key == "requests_per_day":
        try:
            quantity = parse(text, expect=Dim.RATE)
        except QuantityError:
            pass
        else:
            if quantity.dim is Dim.RATE:  # "116/s" for requests a day: the same traffic
                return quantity.value * SECONDS_PER_DAY
    try:
        return read_figure(text, FIGURE_DIMS[key], asked=asked).value
    except Unreadable as error:
        message = str(error)
        if ", not a" not in message:
            message += f"; give {FIGURE_UNITS[key]}"
        raise QuantityError(message) from None


def is_bare_size(key: str, text: str) -> bool:
    """A size or bandwidth figure typed with no unit (then read as bytes)."""
    if FIGURE_DIMS[key] not in (Dim.BYTES, Dim.BYTE_RATE):
        return False
    try:
        return parse(text, expect=FIGURE_DIMS[key]).dim is Dim.COUNT
    except QuantityError:
        return False


def _dims() -> dict[str, Dim]:
    dims = dict.fromkeys(FIGURE_KEYS, Dim.BYTES)
    dims.update(
        requests_per_day=Dim.COUNT,
        avg_qps=Dim.RATE,
        peak_qps=Dim.RATE,
        writes_per_second=Dim.RATE,
        reads_per_second=Dim.RATE,
        peak_writes_per_second=Dim.RATE,
        peak_reads_per_second=Dim.RATE,
        bandwidth_in_bytes_per_second=Dim.BYTE_RATE,
        bandwidth_out_bytes_per_second=Dim.BYTE_RATE,
        peak_bandwidth_in_bytes_per_second=Dim.BYTE_RATE,
        peak_bandwidth_out_bytes_per_second=Dim.BYTE_RATE,
        servers_needed=Dim.COUNT,
    )
    return dims


FIGURE_DIMS = _dims()
FIGURE_UNITS = {
    key: {"count": "a number", "rate": "a rate", "bytes": "a size", "byte rate": "a bandwidth"}[
        FIGURE_DIMS[key].value
    ]
    for key in FIGURE_KEYS
}


def figure_hint(key: str, truth: float | None) -> str:
    """What to type for figure `key`, with an example never within 10x of `truth`:
    `a rate, e.g. 2,500 QPS` (a format example must not give the answer away)."""
    from sysdesign_cli.core.figure_examples import example_for

    return example_for(FIGURE_DIMS[key], truth)


# Option name -> (EstimateInputs field, what it measures, what a bare number means).
OPTIONS = {
    "dau": ("dau", Dim.COUNT, 1.0),
    "requests_per_user": ("requests_per_user", Dim.COUNT, 1.0),
    "peak_factor": ("peak_factor", Dim.COUNT, 1.0),
    "writes": ("writes_per_second", Dim.RATE, 1.0),
    "reads": ("reads_per_second", Dim.RATE, 1.0),
    "reads_per_write": ("reads_per_write", Dim.COUNT, 1.0),
    "payload": ("payload_bytes", Dim.BYTES, 1.0),
    "read_payload": ("read_payload_bytes", Dim.BYTES, 1.0),
    "retention": ("retention_seconds", Dim.DURATION, 365.0 * SECONDS_PER_DAY),
    "server_capacity": ("server_capacity_qps", Dim.RATE, 1.0),
    "cache_fraction": ("cache_fraction", Dim.COUNT, 1.0),
    "hot_period": ("hot_period_seconds", Dim.DURATION, float(SECONDS_PER_DAY)),
}


def inputs_from_options(options: dict[str, str | int | float]) -> EstimateInputs:
    """EstimateInputs from `sysdesign estimate` option names and values as typed."""
    from sysdesign_cli.core.quantities import parse_as

    fields: dict[str, float] = {}
    for name, raw in options.items():
        if name not in OPTIONS:
            raise EstimateError(
                f"unknown input {quoted(name, SHORT)}; expected one of {', '.join(OPTIONS)}"
            )
        field_name, dim, bare = OPTIONS[name]
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            fields[field_name] = float(raw) * bare
        else:
            try:
                fields[field_name] = parse_as(str(raw), dim, bare=bare)
            except QuantityError as error:
                raise EstimateError(f"{name}: {error}") from None
    return EstimateInputs(**fields)
