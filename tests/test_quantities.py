"""Quantities: every form people type, the rejections, and the engineer's formatting."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sysdesign_cli.core.quantities import Dim, Quantity, QuantityError, parse, parse_as
from sysdesign_cli.core.quantity_format import (
    format_bytes,
    format_duration,
    format_number,
    format_percent,
    format_rate,
    round_engineer,
)

DAY = 86_400
MONTH = 30 * DAY
YEAR = 365 * DAY


# ---------------------------------------------------------------- parsing


@pytest.mark.parametrize(
    ("text", "value", "dim"),
    [
        pytest.param("1000000", 1e6, Dim.COUNT, id="plain"),
        pytest.param("1,000,000", 1e6, Dim.COUNT, id="commas"),
        pytest.param("1e6", 1e6, Dim.COUNT, id="e-notation"),
        pytest.param("10^6", 1e6, Dim.COUNT, id="caret-power"),
        pytest.param("1M", 1e6, Dim.COUNT, id="suffix-M"),
        pytest.param("1 million", 1e6, Dim.COUNT, id="word-million"),
        pytest.param("~120", 120, Dim.COUNT, id="approx"),
        pytest.param("116/s", 116, Dim.RATE, id="per-second"),
        pytest.param("580 QPS", 580, Dim.RATE, id="qps"),
        pytest.param("10 KB", 10_000, Dim.BYTES, id="kilobytes"),
        pytest.param("1.27KB", 1270, Dim.BYTES, id="glued-kilobytes"),
        pytest.param("8.76h", 8.76 * 3600, Dim.DURATION, id="hours"),
        pytest.param("52 min", 52 * 60, Dim.DURATION, id="minutes"),
        pytest.param("5y", 5 * YEAR, Dim.DURATION, id="years"),
        pytest.param("1M/day", 1e6 / DAY, Dim.RATE, id="per-day"),
        pytest.param("10M/month", 1e7 / MONTH, Dim.RATE, id="per-30-day-month"),
        pytest.param("2 KiB", 2048, Dim.BYTES, id="kibibytes"),
        pytest.param("10 MB/s", 1e7, Dim.BYTE_RATE, id="bandwidth"),
        pytest.param("99.9%", 99.9, Dim.PERCENT, id="percent"),
        pytest.param("12 writes/s", 12, Dim.RATE, id="noun-ignored"),
        pytest.param("100 per 30 days", 100 / MONTH, Dim.RATE, id="per-counted-period"),
    ],
)
def test_parse_form(text: str, value: float, dim: Dim) -> None:
    result = parse(text)
    assert result.dim is dim
    assert result.value == pytest.approx(value, rel=1e-12)


def test_parse_marks_tilde_as_approximate() -> None:
    assert parse("~120") == Quantity(120.0, Dim.COUNT, approx=True)


def test_parse_plain_number_is_not_approximate() -> None:
    assert parse("120").approx is False


@pytest.mark.parametrize(
    ("text", "expect", "value", "dim"),
    [
        pytest.param("5m", Dim.DURATION, 300, Dim.DURATION, id="m-is-minutes-for-duration"),
        pytest.param("5m", None, 5e6, Dim.COUNT, id="m-is-million-otherwise"),
        pytest.param("5m", Dim.BYTES, 5e6, Dim.COUNT, id="m-is-million-for-bytes"),
        pytest.param("10B", Dim.BYTES, 10, Dim.BYTES, id="B-is-bytes-for-size"),
        pytest.param("10B", None, 1e10, Dim.COUNT, id="B-is-billion-otherwise"),
        pytest.param("10B", Dim.DURATION, 1e10, Dim.COUNT, id="B-is-billion-for-duration"),
    ],
)
def test_parse_ambiguous_unit_settled_by_expect(
    text: str, expect: Dim | None, value: float, dim: Dim
) -> None:
    result = parse(text, expect=expect)
    assert (result.value, result.dim) == (pytest.approx(value), dim)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("", "empty", id="empty"),
        pytest.param("   ", "empty", id="blank"),
        pytest.param("lots", "does not start with a number", id="word"),
        pytest.param("1e400", "too large", id="overflow"),
        pytest.param("10^400", "too large", id="power-overflow"),
        pytest.param("nan", "does not start with a number", id="nan"),
        pytest.param("inf", "does not start with a number", id="inf"),
        pytest.param("-5", "negative", id="negative"),
        pytest.param("-1M/day", "negative", id="negative-rate"),
        pytest.param("5 bananas", "not a unit", id="unknown-unit"),
        pytest.param("5/fortnight", "not a time unit", id="unknown-period"),
        pytest.param("5 min/s", "divides a duration by time", id="duration-per-time"),
    ],
)
def test_parse_rejects(text: str, message: str) -> None:
    with pytest.raises(QuantityError, match=message):
        parse(text)


def test_parse_as_names_the_kind_expected() -> None:
    with pytest.raises(QuantityError, match=r"'5 KB' is a size; expected a rate"):
        parse_as("5 KB", Dim.RATE)


def test_parse_as_bare_number_takes_the_bare_unit() -> None:
    assert parse_as("2", Dim.DURATION, bare=YEAR) == 2 * YEAR


def test_parse_as_rejection_says_what_is_accepted() -> None:
    with pytest.raises(QuantityError, match=r"expected a number such as 1000000"):
        parse_as("lots", Dim.COUNT)


# ---------------------------------------------------------------- formatting


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(format_rate(1e7 / DAY), "~116 QPS", id="avg-qps"),
        pytest.param(format_rate(5e7 / DAY), "~580 QPS", id="peak-qps"),
        pytest.param(format_rate(1e6 / DAY, "/s"), "~11.6/s", id="per-second"),
        pytest.param(format_rate(600), "600 QPS", id="exact-rate"),
        pytest.param(format_number(1e7), "10M", id="ten-million"),
        pytest.param(format_number(1e7, compact=False), "10,000,000", id="in-full"),
        pytest.param(format_number(1.2345e9), "~1.23B", id="billions"),
        pytest.param(format_number(1 / MONTH), "~0.000000386", id="tiny-not-zero"),
        pytest.param(format_duration(31_536), "8.76 h", id="hours"),
        pytest.param(format_duration(0.864), "864 ms", id="milliseconds"),
        pytest.param(format_duration(2592), "43.2 min", id="minutes"),
        pytest.param(format_duration(315_360), "3.65 days", id="days"),
        pytest.param(format_duration(DAY), "1 day", id="one-day-singular"),
        pytest.param(format_duration(31_536, sig=2), "~8.8 h", id="two-sig"),
        pytest.param(format_duration(0), "0 s", id="zero"),
        pytest.param(format_percent(0.999999), "99.9999%", id="six-nines"),
        pytest.param(format_percent(0.999), "99.9%", id="three-nines"),
        pytest.param(format_percent(1.0), "100%", id="hundred"),
        pytest.param(format_bytes(10_000), "10 KB", id="kb-is-1000"),
        pytest.param(format_bytes(1024), "~1.02 KB", id="1024-is-not-1kb"),
        pytest.param(format_bytes(457e9), "457 GB", id="gigabytes-keep-3-sig"),
        pytest.param(format_bytes(8.76e9), "~8.8 GB", id="two-sig-within-half-percent"),
        pytest.param(format_bytes(500), "500 bytes", id="bytes"),
        pytest.param(format_bytes(1), "1 byte", id="one-byte"),
        pytest.param(format_bytes(999_600), "~1 MB", id="rounds-up-into-next-unit"),
        pytest.param(format_bytes(1e7, per="/s"), "10 MB/s", id="bandwidth"),
    ],
)
def test_format(text: str, expected: str) -> None:
    assert text == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(1e7 / DAY, 116, id="avg-keeps-3-sig"),
        pytest.param(5e7 / DAY, 580, id="peak-2-sig-within-half-percent"),
        pytest.param(457, 457, id="2-sig-too-far"),
        pytest.param(8.76, 8.8, id="8.76-says-8.8"),
        pytest.param(0.0012345, 0.00123, id="small"),
    ],
)
def test_round_engineer(value: float, expected: float) -> None:
    assert round_engineer(value) == pytest.approx(expected, rel=1e-12)


# ---------------------------------------------------------------- properties


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_parse_raises_only_its_own_error_on_any_text(text: str) -> None:
    try:
        result = parse(text)
    except QuantityError as error:
        assert str(error)
    else:
        assert math.isfinite(result.value) and result.value >= 0


NUMBERISH = st.from_regex(
    r"\A[~ ]?[+-]?[0-9,._]{0,12}([eE][+-]?[0-9]{1,4})?( ?(\^|\*\*) ?[+-]?[0-9.]{1,5})?"
    r" ?(k|K|M|m|B|b|bn|KB|KiB|GB|ms|min|h|d|y|mo|%|QPS|nines)?"
    r"( ?(/|per) ?[0-9.]{0,3} ?(s|day|month|m|fortnight)?)?\Z",
    fullmatch=True,
)


@settings(max_examples=300, deadline=None)
@given(NUMBERISH, st.sampled_from([None, *Dim]))
def test_parse_raises_only_its_own_error_on_numberish_text(text: str, expect: Dim | None) -> None:
    try:
        result = parse(text, expect=expect)
    except QuantityError as error:
        assert str(error)
    else:
        assert math.isfinite(result.value) and result.value >= 0


POSITIVE = st.floats(min_value=1e-6, max_value=1e20, allow_nan=False, allow_infinity=False)


@settings(max_examples=200, deadline=None)
@given(POSITIVE)
def test_count_round_trips_within_rounding(value: float) -> None:
    assert parse(format_number(value)).value == pytest.approx(value, rel=0.0051)


@settings(max_examples=200, deadline=None)
@given(POSITIVE, st.sampled_from(["QPS", "/s"]))
def test_rate_round_trips_within_rounding(value: float, unit: str) -> None:
    result = parse(format_rate(value, unit))
    assert result.dim is Dim.RATE
    assert result.value == pytest.approx(value, rel=0.0051)


@settings(max_examples=200, deadline=None)
@given(POSITIVE)
def test_bytes_round_trip_within_rounding(value: float) -> None:
    result = parse(format_bytes(value), expect=Dim.BYTES)
    assert result.dim is Dim.BYTES
    assert result.value == pytest.approx(value, rel=0.0051)


@settings(max_examples=200, deadline=None)
@given(POSITIVE)
def test_byte_rate_round_trips_within_rounding(value: float) -> None:
    result = parse(format_bytes(value, per="/s"), expect=Dim.BYTE_RATE)
    assert result.dim is Dim.BYTE_RATE
    assert result.value == pytest.approx(value, rel=0.0051)


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=1e-8, max_value=1e12), st.sampled_from([2, 3]))
def test_duration_round_trips_within_rounding(seconds: float, sig: int) -> None:
    result = parse(format_duration(seconds, sig=sig), expect=Dim.DURATION)
    assert result.dim is Dim.DURATION
    assert result.value == pytest.approx(seconds, rel=0.051 if sig == 2 else 0.0051)


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=1e-12, max_value=1e20))
def test_round_engineer_within_half_a_percent(value: float) -> None:
    assert round_engineer(value) == pytest.approx(value, rel=0.005)


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=1e-12, max_value=1e20))
def test_round_engineer_keeps_at_most_three_significant_figures(value: float) -> None:
    rounded = round_engineer(value)
    mantissa = f"{rounded:.6e}".split("e")[0].replace(".", "").rstrip("0")
    assert len(mantissa) <= 3


# ---------------------------------------------------------------- bits and small units


@pytest.mark.parametrize(
    ("text", "value", "dim"),
    [
        pytest.param("46 Mbps", 46e6 / 8, Dim.BYTE_RATE, id="Mbps-is-bits"),
        pytest.param("46 Mbit/s", 46e6 / 8, Dim.BYTE_RATE, id="Mbit-per-s"),
        pytest.param("46 Mb/s", 46e6 / 8, Dim.BYTE_RATE, id="lower-case-b-after-a-prefix-is-a-bit"),
        pytest.param("10 Gb/s", 10e9 / 8, Dim.BYTE_RATE, id="Gb-per-s"),
        pytest.param("2 Tbps", 2e12 / 8, Dim.BYTE_RATE, id="Tbps"),
        pytest.param("100 kbps", 100e3 / 8, Dim.BYTE_RATE, id="kbps"),
        pytest.param("5.8 MBps", 5.8e6, Dim.BYTE_RATE, id="MBps-is-bytes"),
        pytest.param("5.8 MB/s", 5.8e6, Dim.BYTE_RATE, id="MB-per-s-is-bytes"),
        pytest.param("8 Mb", 1e6, Dim.BYTES, id="Mb-size-is-bits"),
        pytest.param("3 megabits", 3e6 / 8, Dim.BYTES, id="megabits"),
        pytest.param("10 mb", 10e6, Dim.BYTES, id="all-lower-case-mb-is-bytes"),
        pytest.param("500 ps", 500e-12, Dim.DURATION, id="picoseconds"),
        pytest.param("10 msec", 0.01, Dim.DURATION, id="msec"),
        pytest.param("20 usec", 20e-6, Dim.DURATION, id="usec"),
    ],
)
def test_parse_bits_and_small_units(text: str, value: float, dim: Dim) -> None:
    quantity = parse(text)
    assert quantity.dim is dim
    assert quantity.value == pytest.approx(value)
