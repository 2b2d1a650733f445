"""Availability in nines: the syllabus table, parsing, the reverse, composition."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sysdesign_cli.core.nines import (
    GREGORIAN_YEAR_DAYS,
    PERIODS,
    Calendar,
    availability_from_downtime,
    budget,
    nines_count,
    parallel,
    parse_availability,
    series,
)
from sysdesign_cli.core.quantities import QuantityError
from sysdesign_cli.core.quantity_format import format_duration, format_percent

# SYLLABUS.md section 7, row by row: availability, per year, per 30-day month, week, day.
SYLLABUS_TABLE = [
    ("99", "3.65 days", "7.2 h", "1.68 h", "14.4 min"),
    ("99.9", "8.76 h", "43.2 min", "10.1 min", "1.44 min"),
    ("99.95", "4.38 h", "21.6 min", "5.04 min", "43.2 s"),
    ("99.99", "52.6 min", "4.32 min", "1.01 min", "8.64 s"),
    ("99.999", "5.26 min", "25.9 s", "6.05 s", "864 ms"),
]
CELLS = [
    pytest.param(row[0], period, row[1 + index], id=f"{row[0]}-{period}")
    for row in SYLLABUS_TABLE
    for index, period in enumerate(("year", "month", "week", "day"))
]


@pytest.mark.parametrize(("percent", "period", "expected"), CELLS)
def test_budget_matches_syllabus(percent: str, period: str, expected: str) -> None:
    downtime = budget(parse_availability(percent)).downtime_seconds[period]
    assert format_duration(downtime, sig=3, mark=False) == expected


def test_budget_has_every_period() -> None:
    assert set(budget(0.999).downtime_seconds) == set(PERIODS)


def test_quarter_is_a_quarter_of_the_year() -> None:
    downtime = budget(0.999).downtime_seconds
    assert downtime["quarter"] == pytest.approx(downtime["year"] / 4)


def test_budget_exact_seconds_for_three_nines() -> None:
    assert budget(0.999).downtime_seconds["year"] == pytest.approx(0.001 * 365 * 86_400)


def test_gregorian_year_is_longer() -> None:
    year = budget(0.999, Calendar(year_days=GREGORIAN_YEAR_DAYS)).downtime_seconds["year"]
    assert year == pytest.approx(0.001 * 365.2425 * 86_400)


def test_gregorian_year_keeps_30_day_month() -> None:
    month = budget(0.999, Calendar(year_days=GREGORIAN_YEAR_DAYS)).downtime_seconds["month"]
    assert month == pytest.approx(0.001 * 30 * 86_400)


def test_calendar_states_its_convention() -> None:
    assert Calendar().describe().startswith("365-day year, 30-day month")


# ---------------------------------------------------------------- parsing


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("99.99", 0.9999, id="bare"),
        pytest.param("99.99%", 0.9999, id="percent-sign"),
        pytest.param("99.99 %", 0.9999, id="spaced-percent"),
        pytest.param("four nines", 0.9999, id="words"),
        pytest.param("Four Nines", 0.9999, id="capitalised"),
        pytest.param("4 nines", 0.9999, id="digit-nines"),
        pytest.param("three nines", 0.999, id="three"),
        pytest.param("100", 1.0, id="hundred"),
    ],
)
def test_parse_availability(text: str, expected: float) -> None:
    assert parse_availability(text) == pytest.approx(expected, rel=1e-15)


def test_parse_availability_is_the_decimal_typed() -> None:
    # Exact, for --json: 99.9 / 100 would be 0.9990000000000001.
    assert parse_availability("99.9") == 0.999


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("100.1", "between 0 and 100", id="above-100"),
        pytest.param("150%", "between 0 and 100", id="above-100-percent"),
        pytest.param("0", "between 0 and 100", id="zero"),
        pytest.param("lots", "expected a percentage", id="word"),
        pytest.param("", "expected a percentage", id="empty"),
        pytest.param("nan", "expected a percentage", id="nan"),
        pytest.param("1e400", "too large", id="overflow"),
        pytest.param("-5", "negative", id="negative"),
        pytest.param("zero nines", "between one and twelve nines", id="zero-nines"),
        pytest.param("thirteen nines", "between one and twelve nines", id="too-many-nines"),
        pytest.param("99.9 h", "not a percentage", id="duration"),
    ],
)
def test_parse_availability_rejects(text: str, message: str) -> None:
    with pytest.raises(QuantityError, match=message):
        parse_availability(text)


# ---------------------------------------------------------------- composition


def test_series_of_two_three_nines() -> None:
    assert series([0.999, 0.999]) == pytest.approx(0.998001)


def test_series_formats_as_99_8_percent() -> None:
    assert format_percent(series([0.999, 0.999])) in ("~99.8%", "99.8%")


def test_parallel_of_two_three_nines() -> None:
    assert parallel([0.999, 0.999]) == pytest.approx(0.999999)


def test_parallel_formats_as_six_nines() -> None:
    assert format_percent(parallel([0.999, 0.999])) == "99.9999%"


def test_parallel_of_three_parts() -> None:
    assert parallel([0.9, 0.9, 0.9]) == pytest.approx(0.999)


@pytest.mark.parametrize(
    ("availability", "nines"),
    [
        pytest.param(0.999, 3, id="three"),
        pytest.param(0.99999, 5, id="five"),
        pytest.param(0.9995, 3.30103, id="three-and-a-half"),
    ],
)
def test_nines_count(availability: float, nines: float) -> None:
    assert nines_count(availability) == pytest.approx(nines, rel=1e-5)


# ---------------------------------------------------------------- the reverse


def test_one_hour_a_month() -> None:
    assert availability_from_downtime(3600, "month") == pytest.approx(1 - 3600 / 2_592_000)


def test_one_hour_a_month_formats() -> None:
    assert format_percent(availability_from_downtime(3600, "month")) == "~99.86%"


def test_syllabus_year_downtime_gives_three_nines() -> None:
    assert availability_from_downtime(8.76 * 3600, "year") == pytest.approx(0.999)


def test_reverse_with_gregorian_year() -> None:
    calendar = Calendar(year_days=GREGORIAN_YEAR_DAYS)
    implied = availability_from_downtime(3600, "year", calendar)
    assert implied == pytest.approx(1 - 3600 / (365.2425 * 86_400))


def test_more_downtime_than_the_period_is_an_error() -> None:
    with pytest.raises(QuantityError, match="more downtime than there is time in a day"):
        availability_from_downtime(2 * 86_400, "day")


# ---------------------------------------------------------------- properties

AVAILABILITY = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
PARTS = st.lists(AVAILABILITY, min_size=1, max_size=6)


@settings(max_examples=200, deadline=None)
@given(PARTS)
def test_parallel_is_at_least_the_best_part(parts: list[float]) -> None:
    assert parallel(parts) >= max(parts) - 1e-12


@settings(max_examples=200, deadline=None)
@given(PARTS)
def test_series_is_at_most_the_worst_part(parts: list[float]) -> None:
    assert series(parts) <= min(parts) + 1e-12


@settings(max_examples=200, deadline=None)
@given(AVAILABILITY, AVAILABILITY, st.sampled_from(PERIODS))
def test_budget_shrinks_as_availability_grows(a: float, b: float, period: str) -> None:
    low, high = sorted((a, b))
    assert budget(high).downtime_seconds[period] <= budget(low).downtime_seconds[period]


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=0.0, max_value=0.999999), st.sampled_from(PERIODS))
def test_reverse_undoes_budget(availability: float, period: str) -> None:
    downtime = budget(availability).downtime_seconds[period]
    assert availability_from_downtime(downtime, period) == pytest.approx(availability, abs=1e-9)


def test_the_budget_table_s_caption_starts_at_the_left_when_it_wraps() -> None:
    import io

    from rich.console import Console

    from sysdesign_cli.core.nines import Calendar, budget
    from sysdesign_cli.render.nines import budget_table

    out = io.StringIO()
    table = budget_table([budget(0.9995)], Calendar())
    Console(file=out, width=80, color_system=None).print(table)
    caption = out.getvalue().rstrip("\n").split("┘\n", 1)[1].splitlines()
    assert len(caption) == 2 and all(not line.startswith(" ") for line in caption)
