"""The figures an estimate gives: their `--json` keys, their labels, and each said the
way an engineer says it (`~116 QPS`, `10M`, `~46 GB`, `3 servers`)."""

from __future__ import annotations

from sysdesign_cli.core.quantity_format import format_bytes, format_number, format_rate

FIGURE_KEYS = (
    "requests_per_day",
    "avg_qps",
    "peak_qps",
    "writes_per_second",
    "reads_per_second",
    "peak_writes_per_second",
    "peak_reads_per_second",
    "storage_per_day_bytes",
    "storage_per_month_bytes",
    "storage_total_bytes",
    "bandwidth_in_bytes_per_second",
    "bandwidth_out_bytes_per_second",
    "servers_needed",
    "cache_bytes",
    # Added after the first release: `--json` keys are only ever added, never renamed.
    "peak_bandwidth_in_bytes_per_second",
    "peak_bandwidth_out_bytes_per_second",
)

LABELS = {
    "requests_per_day": "Requests per day",
    "avg_qps": "Average QPS",
    "peak_qps": "Peak QPS",
    "writes_per_second": "Writes per second",
    "reads_per_second": "Reads per second",
    "peak_writes_per_second": "Peak writes per second",
    "peak_reads_per_second": "Peak reads per second",
    "storage_per_day_bytes": "Storage per day",
    "storage_per_month_bytes": "Storage per month",
    "storage_total_bytes": "Storage over retention",
    "bandwidth_in_bytes_per_second": "Bandwidth in",
    "bandwidth_out_bytes_per_second": "Bandwidth out",
    "servers_needed": "Servers at peak",
    "cache_bytes": "Cache (hot share of recent items)",
    "peak_bandwidth_in_bytes_per_second": "Peak bandwidth in",
    "peak_bandwidth_out_bytes_per_second": "Peak bandwidth out",
}

# The steps each step of a derivation works from, where they come before it: the average
# from the day's requests (or from the writes and reads), the split from the average,
# storage from the writes. The working shown for one figure is its step and these.
NEEDS = {
    "avg_qps": ("requests_per_day", "writes_per_second", "reads_per_second"),
    "writes_per_second": ("avg_qps",),
    "reads_per_second": ("writes_per_second",),
    "peak_qps": ("avg_qps",),
    "peak_reads_per_second": ("reads_per_second", "writes_per_second"),
    "storage_per_day_bytes": ("writes_per_second",),
    "storage_total_bytes": ("storage_per_day_bytes",),
    "bandwidth_in_bytes_per_second": ("writes_per_second",),
    "bandwidth_out_bytes_per_second": ("reads_per_second", "writes_per_second", "avg_qps"),
    "servers_needed": ("peak_qps",),
    "cache_bytes": ("writes_per_second",),
}


def format_figure(key: str, value: float | None) -> str:
    """A figure as an engineer says it: `~116 QPS`, `10M`, `~46 GB`, `3 servers`."""
    if value is None:
        return "-"
    if key == "requests_per_day":
        return format_number(value)
    if key in ("avg_qps", "peak_qps"):
        return format_rate(value)
    if key.endswith(("writes_per_second", "reads_per_second")):
        return format_rate(value, "/s")
    if key.startswith(("bandwidth", "peak_bandwidth")):
        return format_bytes(value, per="/s")
    if key == "servers_needed":
        # A learner's answer may be fractional: int() would show 0.5 servers as 0.
        return format_number(value, compact=False) if value == int(value) else format_number(value)
    return format_bytes(value)
