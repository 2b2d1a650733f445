"""Back-of-the-envelope estimates: the syllabus figures, every derived figure, grading."""

from __future__ import annotations

import io
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from sysdesign_cli.core.bands import Band, band, ratio
from sysdesign_cli.core.estimate import EstimateError, EstimateInputs, estimate
from sysdesign_cli.core.estimate_figures import format_figure
from sysdesign_cli.core.estimate_grading import check, headline_keys
from sysdesign_cli.core.estimate_inputs import parse_figure
from sysdesign_cli.core.quantities import QuantityError
from sysdesign_cli.render.estimate import as_text
from sysdesign_cli.sessions.estimate_check import check_session
from sysdesign_cli.sessions.scripted_asker import ScriptedAsker

DAY = 86_400
KB = 1_000

FEED = EstimateInputs(dau=1_000_000)  # SYLLABUS section 8: 1M DAU x 10 feed loads
PASTEBIN = EstimateInputs(writes_per_second=1_000_000 / DAY, reads_per_write=10)


# ---------------------------------------------------------------- the syllabus figures


def test_requests_per_day() -> None:
    assert estimate(FEED).requests_per_day == 10_000_000


def test_average_qps_exact() -> None:
    assert estimate(FEED).avg_qps == pytest.approx(10_000_000 / DAY)


def test_average_qps_is_about_115_74() -> None:
    assert estimate(FEED).avg_qps == pytest.approx(115.74, abs=0.005)


def test_peak_qps_is_five_times_average() -> None:
    assert estimate(FEED).peak_qps == pytest.approx(578.70, abs=0.005)


@pytest.mark.parametrize(
    ("key", "shown"),
    [
        pytest.param("requests_per_day", "10M", id="requests-per-day"),
        pytest.param("avg_qps", "~116 QPS", id="avg"),
        pytest.param("peak_qps", "~580 QPS", id="peak"),
    ],
)
def test_feed_figures_format(key: str, shown: str) -> None:
    result = estimate(FEED)
    assert format_figure(key, getattr(result, key)) == shown


def test_requests_per_user_and_peak_factor_are_used() -> None:
    result = estimate(EstimateInputs(dau=2_000_000, requests_per_user=20, peak_factor=3))
    assert (result.requests_per_day, result.peak_qps) == (
        40_000_000,
        pytest.approx(40_000_000 / DAY * 3),
    )


def test_pastebin_writes_per_second() -> None:
    assert estimate(PASTEBIN).writes_per_second == pytest.approx(11.574, abs=0.001)


def test_pastebin_reads_per_second() -> None:
    assert estimate(PASTEBIN).reads_per_second == pytest.approx(10 * 1_000_000 / DAY)


def test_pastebin_peak_reads() -> None:
    assert estimate(PASTEBIN).peak_reads_per_second == pytest.approx(5 * 10 * 1_000_000 / DAY)


@pytest.mark.parametrize(
    ("key", "shown"),
    [
        pytest.param("writes_per_second", "~11.6/s", id="writes"),
        pytest.param("reads_per_second", "~116/s", id="reads"),
        pytest.param("peak_reads_per_second", "~580/s", id="peak-reads"),
    ],
)
def test_pastebin_figures_format(key: str, shown: str) -> None:
    assert format_figure(key, getattr(estimate(PASTEBIN), key)) == shown


def test_pastebin_average_counts_reads_and_writes() -> None:
    assert estimate(PASTEBIN).avg_qps == pytest.approx(11 * 1_000_000 / DAY)


def test_reads_given_with_split_give_writes() -> None:
    result = estimate(EstimateInputs(reads_per_second=100, reads_per_write=4))
    assert result.writes_per_second == pytest.approx(25)


def test_dau_with_split_shares_the_requests() -> None:
    result = estimate(EstimateInputs(dau=1_000_000, reads_per_write=9))
    assert (result.writes_per_second, result.reads_per_second) == (
        pytest.approx(1e7 / DAY / 10),
        pytest.approx(1e7 / DAY * 9 / 10),
    )


# ---------------------------------------------------------------- storage to cache

WRITES_PER_DAY = 1_000_000
PAYLOAD = 10 * KB
RETENTION_DAYS = 3 * 365
FULL = EstimateInputs(
    writes_per_second=WRITES_PER_DAY / DAY,
    reads_per_write=10,
    payload_bytes=PAYLOAD,
    retention_seconds=RETENTION_DAYS * DAY,
    server_capacity_qps=100,
)


def test_storage_per_day() -> None:
    assert estimate(FULL).storage_per_day_bytes == pytest.approx(WRITES_PER_DAY * PAYLOAD)


def test_storage_per_month_is_30_days() -> None:
    assert estimate(FULL).storage_per_month_bytes == pytest.approx(WRITES_PER_DAY * PAYLOAD * 30)


def test_storage_over_retention() -> None:
    assert estimate(FULL).storage_total_bytes == pytest.approx(
        WRITES_PER_DAY * PAYLOAD * RETENTION_DAYS
    )


def test_bandwidth_in_is_writes_times_payload() -> None:
    assert estimate(FULL).bandwidth_in_bytes_per_second == pytest.approx(
        WRITES_PER_DAY / DAY * PAYLOAD
    )


def test_bandwidth_out_is_reads_times_payload() -> None:
    assert estimate(FULL).bandwidth_out_bytes_per_second == pytest.approx(
        10 * WRITES_PER_DAY / DAY * PAYLOAD
    )


def test_bandwidth_out_uses_read_payload_when_given() -> None:
    result = estimate(EstimateInputs(reads_per_second=50, payload_bytes=1 * KB,
                                     read_payload_bytes=200 * KB))  # fmt: skip
    assert result.bandwidth_out_bytes_per_second == pytest.approx(50 * 200 * KB)


def test_servers_sized_for_peak() -> None:
    peak = 11 * WRITES_PER_DAY / DAY * 5
    assert estimate(FULL).servers_needed == math.ceil(peak / 100)


def test_one_server_at_least() -> None:
    assert estimate(EstimateInputs(dau=10, server_capacity_qps=1000)).servers_needed == 1


def test_cache_is_the_hot_fifth_of_a_months_distinct_items() -> None:
    """Sized from distinct items (a month of writes), not from a day's reads, which count a
    popular item once per read."""
    result = estimate(FULL)
    assert result.cache_bytes == pytest.approx(WRITES_PER_DAY * 30 * 0.2 * PAYLOAD)
    step = next(step for step in result.steps if step.key == "cache_bytes")
    assert "items written in 30 days" in step.working
    assert "20% hot" in step.working


def test_cache_fraction_is_used() -> None:
    result = estimate(EstimateInputs(writes_per_second=10, payload_bytes=KB, cache_fraction=0.5))
    assert result.cache_bytes == pytest.approx(10 * DAY * 30 * KB * 0.5)


def test_the_hot_period_is_never_longer_than_the_retention() -> None:
    week = EstimateInputs(writes_per_second=10, payload_bytes=KB, retention_seconds=7 * DAY)
    assert estimate(week).cache_bytes == pytest.approx(10 * DAY * 7 * KB * 0.2)
    assert estimate(week).cache_bytes < estimate(week).storage_total_bytes


def test_no_distinct_items_means_no_cache_figure() -> None:
    """Reads alone do not say how many distinct items there are."""
    assert estimate(EstimateInputs(dau=1_000_000, payload_bytes=2 * KB)).cache_bytes is None


def test_bandwidth_is_shown_at_average_and_at_peak() -> None:
    result = estimate(FULL)
    assert result.peak_bandwidth_out_bytes_per_second == pytest.approx(
        result.bandwidth_out_bytes_per_second * 5
    )
    assert result.peak_bandwidth_in_bytes_per_second == pytest.approx(
        result.bandwidth_in_bytes_per_second * 5
    )
    out = next(step for step in result.steps if step.key == "bandwidth_out_bytes_per_second")
    assert "on average" in out.working and "at the 5x peak ~= 5.8 MB/s" in out.working


def test_dau_without_split_counts_every_request_as_a_read() -> None:
    result = estimate(EstimateInputs(dau=1_000_000, payload_bytes=2 * KB))
    assert result.bandwidth_out_bytes_per_second == pytest.approx(1e7 / DAY * 2 * KB)


def test_no_writes_means_no_storage() -> None:
    result = estimate(EstimateInputs(dau=1_000_000, payload_bytes=2 * KB))
    assert result.storage_per_day_bytes is None


@pytest.mark.parametrize(
    ("key", "shown"),
    [
        pytest.param("storage_per_day_bytes", "10 GB", id="storage-day"),
        pytest.param("storage_per_month_bytes", "300 GB", id="storage-month"),
        pytest.param("storage_total_bytes", "~11 TB", id="storage-total"),
        pytest.param("bandwidth_out_bytes_per_second", "~1.16 MB/s", id="bandwidth-out"),
        pytest.param("servers_needed", "7", id="servers"),
        pytest.param("cache_bytes", "60 GB", id="cache"),
        pytest.param("peak_bandwidth_out_bytes_per_second", "~5.8 MB/s", id="peak-out"),
    ],
)
def test_full_figures_format(key: str, shown: str) -> None:
    assert format_figure(key, getattr(estimate(FULL), key)) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        pytest.param(7, "7", id="whole"),
        pytest.param(1200, "1,200", id="thousands"),
        pytest.param(0.5, "0.5", id="fractional-answer-not-truncated"),
    ],
)
def test_format_servers(value: float, shown: str) -> None:
    assert format_figure("servers_needed", value) == shown


def test_json_has_every_figure_and_the_inputs() -> None:
    data = estimate(FULL).to_json()
    assert {
        "requests_per_day", "avg_qps", "peak_qps", "writes_per_second", "reads_per_second",
        "storage_per_day_bytes", "storage_per_month_bytes", "storage_total_bytes",
        "bandwidth_in_bytes_per_second", "bandwidth_out_bytes_per_second",
        "servers_needed", "cache_bytes", "inputs",
    } <= set(data)  # fmt: skip


def test_json_inputs_are_as_read() -> None:
    assert estimate(FULL).to_json()["inputs"]["payload_bytes"] == PAYLOAD


# ---------------------------------------------------------------- bad inputs


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        pytest.param({}, "nothing to estimate from", id="nothing"),
        pytest.param({"dau": 1e6, "writes_per_second": 1.0}, "either --dau or", id="both"),
        pytest.param({"dau": 0}, "--dau must be more than zero", id="zero-dau"),
        pytest.param({"dau": -5}, "--dau must be more than zero", id="negative-dau"),
        pytest.param({"dau": 1e6, "requests_per_user": 0}, "--requests-per-user", id="zero-rpu"),
        pytest.param({"writes_per_second": 0}, "--writes must be more than zero", id="zero-writes"),
        pytest.param({"reads_per_second": 0}, "--reads must be more than zero", id="zero-reads"),
        pytest.param({"dau": 1e6, "payload_bytes": 0}, "--payload", id="zero-payload"),
        pytest.param({"dau": 1e6, "retention_seconds": -1}, "--retention", id="neg-retention"),
        pytest.param({"dau": 1e6, "server_capacity_qps": 0}, "--server-capacity", id="no-capacity"),
        pytest.param(
            {"dau": 1e6, "peak_factor": 0.5},
            "--peak-factor must be at least 1",
            id="peak-below-one",
        ),  # fmt: skip
        pytest.param({"dau": 1e6, "reads_per_write": -1}, "--reads-per-write", id="neg-split"),
        pytest.param({"dau": 1e6, "cache_fraction": 0}, "--cache-fraction", id="zero-cache"),
        pytest.param({"dau": 1e6, "cache_fraction": 1.5}, "--cache-fraction", id="cache-above-1"),
    ],
)
def test_estimate_inputs_reject(inputs: dict, message: str) -> None:
    with pytest.raises(EstimateError, match=message):
        EstimateInputs(**inputs)


# ---------------------------------------------------------------- the derivation


def test_derivation_divides_by_seconds_per_day() -> None:
    working = {step.key: step.working for step in estimate(FEED).steps}["avg_qps"]
    assert working.startswith("10,000,000 requests / 86,400 s ~= 116 QPS")


def test_derivation_mentions_the_shortcut() -> None:
    working = {step.key: step.working for step in estimate(FEED).steps}["avg_qps"]
    assert "with 10^5 s/day: 100 QPS" in working


def test_derivation_multiplies_users_by_requests() -> None:
    working = {step.key: step.working for step in estimate(FEED).steps}["requests_per_day"]
    assert working == "1,000,000 users x 10 requests each = 10,000,000 requests/day"


def test_derivation_applies_the_peak_factor() -> None:
    working = {step.key: step.working for step in estimate(FEED).steps}["peak_qps"]
    assert working == "116 QPS x 5 (peak factor) ~= 580 QPS"


def test_text_output_has_figures_and_derivation() -> None:
    text = as_text(estimate(FEED))
    assert ("~116 QPS" in text, "~580 QPS" in text, "10,000,000 requests / 86,400 s" in text) == (
        True,
        True,
        True,
    )


def test_text_output_states_the_month_convention() -> None:
    assert "a month is 30 days" in as_text(estimate(FULL))


# ---------------------------------------------------------------- bands


@pytest.mark.parametrize(
    ("answer", "truth", "expected"),
    [
        pytest.param(116, 116, Band.GOOD, id="exact"),
        pytest.param(100, 1e7 / DAY, Band.GOOD, id="ten-to-the-five-shortcut"),
        pytest.param(200, 100, Band.GOOD, id="2x-high-is-good"),
        pytest.param(50, 100, Band.GOOD, id="2x-low-is-good"),
        pytest.param(201, 100, Band.ORDER, id="just-over-2x"),
        pytest.param(1000, 100, Band.ORDER, id="10x-high"),
        pytest.param(10, 100, Band.ORDER, id="10x-low"),
        pytest.param(1001, 100, Band.OFF, id="over-10x"),
        pytest.param(9.9, 100, Band.OFF, id="under-a-tenth"),
        pytest.param(0, 100, Band.OFF, id="zero"),
    ],
)
def test_band(answer: float, truth: float, expected: Band) -> None:
    assert band(answer, truth) is expected


def test_ratio_is_symmetric() -> None:
    assert (ratio(50, 100), ratio(200, 100)) == (2, 2)


def test_only_good_passes() -> None:
    assert [b.passed for b in Band] == [True, False, False]


# ---------------------------------------------------------------- --check grading


@pytest.mark.parametrize(
    ("key", "answer", "diagnosis"),
    [
        pytest.param("avg_qps", 10_000_000, "forgot to divide by 86,400", id="no-divide"),
        pytest.param("avg_qps", 1e7 / 3600, "divided by 3,600", id="per-hour"),
        pytest.param("avg_qps", 1e6 / DAY, "forgot the requests per user", id="no-rpu"),
        pytest.param("avg_qps", 5e7 / DAY, "applied the peak factor", id="peak-as-avg"),
        pytest.param("peak_qps", 1e7 / DAY, "forgot the peak factor", id="avg-as-peak"),
        pytest.param("peak_qps", 116, "forgot the peak factor", id="avg-rounded-as-peak"),
        pytest.param("requests_per_day", 1e6, "forgot to multiply users", id="users-only"),
    ],
)
def test_check_diagnoses_the_slip(key: str, answer: float, diagnosis: str) -> None:
    graded = check(estimate(FEED), key, answer)
    assert graded.diagnosis is not None and graded.diagnosis.startswith(diagnosis)


@pytest.mark.parametrize(
    ("key", "answer", "diagnosis"),
    [
        pytest.param("storage_per_day_bytes", 1e13, "mixed up KB and bytes", id="kb-bytes"),
        pytest.param("storage_total_bytes", 1e10, "forgot the retention", id="one-day"),
        pytest.param("servers_needed", 2, "sized for the average", id="servers-avg"),
        pytest.param("reads_per_second", 1e6 / DAY, "forgot to multiply writes", id="no-split"),
    ],
)
def test_check_diagnoses_slips_in_derived_figures(key: str, answer: float, diagnosis: str) -> None:
    graded = check(estimate(FULL), key, answer)
    assert graded.diagnosis is not None and graded.diagnosis.startswith(diagnosis)


@pytest.mark.parametrize(
    ("answer", "diagnosis"),
    [
        pytest.param(4, "about 29x too low", id="low"),
        pytest.param(1e7 / DAY * 15, "about 15x too high", id="high"),
        pytest.param(1e-3, "over 1,000x too low", id="far-low"),
        pytest.param(0, "zero", id="zero"),
    ],
)
def test_check_unexplained_miss_says_how_far(answer: float, diagnosis: str) -> None:
    assert check(estimate(FEED), "avg_qps", answer).diagnosis == diagnosis


def test_check_good_answer_has_no_diagnosis() -> None:
    graded = check(estimate(FEED), "avg_qps", 100)
    assert (graded.band, graded.diagnosis) == (Band.GOOD, None)


def test_check_forgot_divide_is_off() -> None:
    assert check(estimate(FEED), "avg_qps", 10_000_000).band is Band.OFF


def test_check_average_for_peak_is_right_order() -> None:
    assert check(estimate(FEED), "peak_qps", 116).band is Band.ORDER


def test_check_rejects_a_figure_the_inputs_do_not_give() -> None:
    with pytest.raises(EstimateError, match="do not give"):
        check(estimate(FEED), "storage_per_day_bytes", 1)


@pytest.mark.parametrize(
    ("inputs", "keys"),
    [
        pytest.param(FEED, ["requests_per_day", "avg_qps", "peak_qps"], id="dau"),
        pytest.param(
            PASTEBIN,
            [
                "avg_qps",
                "peak_qps",
                "writes_per_second",
                "reads_per_second",
                "peak_reads_per_second",
            ],
            id="rates",
        ),  # fmt: skip
    ],
)
def test_headline_keys(inputs: EstimateInputs, keys: list[str]) -> None:
    assert headline_keys(estimate(inputs)) == keys


@pytest.mark.parametrize(
    ("key", "text", "value"),
    [
        pytest.param("avg_qps", "~120 QPS", 120, id="approx-qps"),
        pytest.param("avg_qps", "116/s", 116, id="per-second"),
        pytest.param("requests_per_day", "10M", 1e7, id="count"),
        pytest.param("requests_per_day", "116/s", 116 * DAY, id="rate-as-per-day"),
        pytest.param("storage_per_day_bytes", "10 GB", 1e10, id="bytes"),
        pytest.param("storage_per_day_bytes", "10B", 10, id="B-is-bytes-here"),
    ],
)
def test_parse_figure(key: str, text: str, value: float) -> None:
    assert parse_figure(key, text) == pytest.approx(value)


def test_parse_figure_rejects_wrong_kind() -> None:
    with pytest.raises(QuantityError, match="that is a size, not a rate"):
        parse_figure("avg_qps", "46 GB")


def test_check_session_grades_scripted_answers() -> None:
    console = Console(file=io.StringIO(), width=100, color_system=None)
    checks = check_session(estimate(FEED), ScriptedAsker(["10M", "10,000,000", "116"]), console)
    assert [(c.key, c.band) for c in checks] == [
        ("requests_per_day", Band.GOOD),
        ("avg_qps", Band.OFF),
        ("peak_qps", Band.ORDER),
    ]


def test_check_session_prints_the_diagnosis() -> None:
    out = io.StringIO()
    console = Console(file=out, width=200, color_system=None)
    check_session(estimate(FEED), ScriptedAsker(["1e7", "1e7", "580"]), console)
    assert "off (forgot to divide by 86,400 seconds per day)" in out.getvalue()


def test_check_session_asks_again_after_a_bad_answer() -> None:
    console = Console(file=io.StringIO(), width=100, color_system=None)
    asker = ScriptedAsker(["lots", "10M", "100", "500"])
    checks = check_session(estimate(FEED), asker, console)
    assert (len(asker.prompts), [c.answer for c in checks]) == (4, [1e7, 100, 500])


# ---------------------------------------------------------------- properties

DAU = st.floats(min_value=1, max_value=1e10)
FACTOR = st.floats(min_value=1, max_value=100)


def _grown(small: EstimateInputs, large: EstimateInputs) -> list[str]:
    """Figures that went down from `small` to `large`."""
    before, after = estimate(small).figures(), estimate(large).figures()
    return [key for key, value in before.items() if value is not None and after[key] < value]


@settings(max_examples=100, deadline=None)
@given(DAU, DAU, FACTOR)
def test_figures_grow_with_dau(a: float, b: float, pf: float) -> None:
    low, high = sorted((a, b))
    common = dict(peak_factor=pf, reads_per_write=5, payload_bytes=KB,
                  retention_seconds=365 * DAY, server_capacity_qps=500)  # fmt: skip
    assert _grown(EstimateInputs(dau=low, **common), EstimateInputs(dau=high, **common)) == []


@settings(max_examples=100, deadline=None)
@given(DAU, DAU)
def test_peak_grows_strictly_with_dau(a: float, b: float) -> None:
    low, high = sorted((a, b))
    if low == high:
        return
    assert estimate(EstimateInputs(dau=high)).peak_qps > estimate(EstimateInputs(dau=low)).peak_qps


@settings(max_examples=100, deadline=None)
@given(DAU, FACTOR, FACTOR)
def test_figures_grow_with_peak_factor(dau: float, a: float, b: float) -> None:
    low, high = sorted((a, b))
    common = dict(dau=dau, reads_per_write=5, payload_bytes=KB, server_capacity_qps=500)
    assert (
        _grown(
            EstimateInputs(peak_factor=low, **common), EstimateInputs(peak_factor=high, **common)
        )
        == []
    )


@settings(max_examples=100, deadline=None)
@given(DAU, FACTOR)
def test_peak_is_average_times_factor(dau: float, pf: float) -> None:
    result = estimate(EstimateInputs(dau=dau, peak_factor=pf))
    assert result.peak_qps == pytest.approx(result.avg_qps * pf)


# ---------------------------------------------------------------- rendering


def _render(renderable: object) -> str:
    console = Console(file=io.StringIO(), width=100, color_system=None)
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined]


def test_peak_picture_bars_scale_with_the_peak_factor() -> None:
    from sysdesign_cli.render.estimate import peak_picture

    lines = _render(peak_picture(estimate(FEED), width=40, ascii_only=True)).splitlines()
    assert lines == [" average " + "#" * 8 + " ~116 QPS", "    peak " + "#" * 40 + " ~580 QPS"]


def test_rendered_derivation_is_numbered() -> None:
    from sysdesign_cli.render.estimate import derivation

    lines = _render(derivation(estimate(FEED))).splitlines()
    assert lines[1:3] == [
        "1. Requests per day: 1,000,000 users x 10 requests each = 10,000,000 requests/day",
        "2. Average QPS: 10,000,000 requests / 86,400 s ~= 116 QPS (with 10^5 s/day: 100 QPS)",
    ]


def test_rendered_table_has_every_figure() -> None:
    from sysdesign_cli.render.estimate import figures_table

    text = _render(figures_table(estimate(FULL)))
    assert [label in text for label in ("Storage over retention", "~11 TB", "Servers at peak")] == [
        True
    ] * 3


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        pytest.param("3", "Right order of magnitude, but too low: within 10x, not yet within 2x.",
                     id="low"),
        pytest.param("50", "Right order of magnitude, but too high: within 10x, not yet within 2x.",
                     id="high"),
        pytest.param("2000", "Off: more than 10x too high, which is a different design.",
                     id="off"),
    ],
)  # fmt: skip
def test_a_retried_estimate_says_which_way_not_how_far(typed: str, says: str) -> None:
    # "3.9x away" with "too low" would let the learner work ~11.6 back out of 3.
    from sysdesign_cli.core.loader import load_curriculum
    from sysdesign_cli.sessions.ask import grade_any
    from sysdesign_cli.sessions.exercise import FigureQuestion

    stage = load_curriculum().exercises["pastebin"].stages[0]
    step = FigureQuestion("pb-w", "estimation", "Writes per second", "writes_per_second",
                          [], stage)  # fmt: skip
    grade, _ = grade_any(step, typed)
    assert grade.feedback == says


@settings(max_examples=60, deadline=None)
@given(
    dau=st.one_of(st.none(), st.floats(1, 1e9)),
    rpw=st.one_of(st.none(), st.floats(0, 1000)),
    writes=st.one_of(st.none(), st.floats(0.01, 1e6)),
    payload=st.one_of(st.none(), st.floats(1, 1e9)),
    retention=st.one_of(st.none(), st.floats(86400, 1e10)),
    capacity=st.one_of(st.none(), st.floats(1, 1e6)),
)
def test_figures_without_the_derivation_are_the_figures_with_it(
    dau: float | None, rpw: float | None, writes: float | None, payload: float | None,
    retention: float | None, capacity: float | None,
) -> None:
    # Validation checks that a figure exists without writing the derivation's text.
    try:
        inputs = EstimateInputs(
            dau=dau, reads_per_write=rpw, writes_per_second=None if dau else writes,
            payload_bytes=payload, retention_seconds=retention, server_capacity_qps=capacity,
        )
    except EstimateError:
        return
    full, bare = estimate(inputs), estimate(inputs, derive=False)
    assert bare.figures() == full.figures()
    assert bare.steps == () and len(full.steps) >= 2
