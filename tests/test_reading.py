"""Figures read as engineers type them, what a question already gives, and the examples
that show the kind of figure wanted (never near the answer)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sysdesign_cli.core.bands import Band, band, ratio, times_apart, verdict
from sysdesign_cli.core.grading import grade_question, number_problem
from sysdesign_cli.core.quantities import Dim
from sysdesign_cli.core.question_schema import NumberQuestion
from sysdesign_cli.core.reading import Unreadable, digits_for_words, example_for, read_figure
from sysdesign_cli.core.slips import unit_slip


def question(prompt: str, **fields: Any) -> NumberQuestion:
    return NumberQuestion.model_validate({"kind": "question", "id": "t", "topic": "t",
                                          "explanation": "-", "prompt": prompt, "type": "number",
                                          **fields})  # fmt: skip


@pytest.mark.parametrize(
    ("typed", "dim", "value"),
    [
        pytest.param("I'd say 580", Dim.RATE, 580, id="filler-before"),
        pytest.param("~11 TB total", Dim.BYTES, 11e12, id="filler-after"),
        pytest.param("86.4M rows", Dim.COUNT, 86.4e6, id="a-noun-after"),
        pytest.param("the answer is 42", Dim.COUNT, 42, id="a-sentence-before"),
        pytest.param("1024 (about a thousand)", Dim.COUNT, 1024, id="a-remark-in-brackets"),
        pytest.param("only 1, the shard for k", Dim.COUNT, 1, id="a-remark-after-a-comma"),
        pytest.param("20; plus spares", Dim.COUNT, 20, id="a-remark-after-a-semicolon"),
        pytest.param("1,024", Dim.COUNT, 1024, id="a-thousands-comma-is-no-remark"),
        pytest.param("100M*60*500B", Dim.BYTES, 3e12, id="bare-B-a-byte-beside-millions"),
        pytest.param("500B*100M*60", Dim.BYTES, 3e12, id="bare-B-first"),
        pytest.param("6B*500", Dim.BYTES, 3e12, id="bare-B-a-billion-alone"),
        pytest.param("100M*60*500B", Dim.COUNT, 3e21, id="bare-B-a-billion-for-a-count"),
        pytest.param("five", Dim.COUNT, 5, id="a-number-word"),
        pytest.param("a thousand", Dim.COUNT, 1000, id="a-thousand"),
        pytest.param("twenty-four", Dim.COUNT, 24, id="hyphenated-words"),
        pytest.param("ten million", Dim.COUNT, 1e7, id="ten-million"),
        pytest.param("half a millisecond", Dim.DURATION, 0.0005, id="half-a-unit"),
        pytest.param("one and a half hours", Dim.DURATION, 5400, id="one-and-a-half"),
        pytest.param("24*60*60", Dim.COUNT, 86400, id="working"),
        pytest.param("116x5", Dim.RATE, 580, id="x-between-digits"),
        pytest.param("100M/(30*86400)", Dim.RATE, 1e8 / 2_592_000, id="a-bracketed-divisor"),
        pytest.param("1000*2MB*86400", Dim.BYTES, 1.728e14, id="a-size-among-factors"),
        pytest.param("2 MB * 1000 * 86400", Dim.BYTES, 1.728e14, id="a-size-first"),
        pytest.param("1% of them, so 10", Dim.COUNT, 10, id="so-then-the-figure"),
        pytest.param("2000/50 -> 40", Dim.COUNT, 40, id="an-arrow-then-the-figure"),
        pytest.param("5 and a quarter minutes", Dim.DURATION, 315, id="and-a-quarter"),
        pytest.param("two a minute", Dim.COUNT, 2, id="a-number-word-then-a-period"),
        pytest.param("a fifth of a second", Dim.DURATION, 0.2, id="a-fifth-of-a-unit"),
        pytest.param("580/200 -> 2.9, round up to 3", Dim.COUNT, 3, id="rounded-up-to"),
        pytest.param("365 x 24 = 8760", Dim.COUNT, 8760, id="the-figure-after-the-last-equals"),
        pytest.param("3 x 10^7", Dim.COUNT, 3e7, id="times-ten-to-the"),
        pytest.param("1,000,000 / 86,400", Dim.RATE, 1e6 / 86400, id="division"),
        pytest.param("10M/86400", Dim.RATE, 1e7 / 86400, id="division-with-a-magnitude"),
        pytest.param("1/2 ns", Dim.DURATION, 0.5e-9, id="a-fraction-then-a-unit"),
        pytest.param("(2+3)*2", Dim.COUNT, 10, id="brackets"),
        pytest.param("8h 45m", Dim.DURATION, 8 * 3600 + 45 * 60, id="compound-duration"),
        pytest.param("3 days 15 hours", Dim.DURATION, 3 * 86400 + 15 * 3600, id="days-and-hours"),
        pytest.param("8 hours and 45 minutes", Dim.DURATION, 31500, id="with-and"),
        pytest.param("46 Mbps", Dim.BYTE_RATE, 46e6 / 8, id="bits"),
        pytest.param("10 msec", Dim.DURATION, 0.01, id="msec"),
        pytest.param("10 GB/day", Dim.BYTES, 10e9, id="a-size-per-day-for-a-size"),
        pytest.param("8.76 hrs/year", Dim.DURATION, 8.76 * 3600, id="a-duration-per-year"),
        pytest.param("86.4M/day", Dim.COUNT, 86.4e6, id="a-count-over-a-day"),
        pytest.param("500 ps", Dim.DURATION, 500e-12, id="ps"),
        pytest.param("500%", Dim.PERCENT, 500, id="percent"),
        pytest.param("x10", Dim.COUNT, 10, id="times-before"),
        pytest.param("10x", Dim.COUNT, 10, id="times-after"),
        pytest.param("580 QPS", Dim.COUNT, 580, id="a-rate-word-for-a-count"),
        pytest.param("580ish", Dim.RATE, 580, id="ish"),
        pytest.param("between 500 and 600", Dim.RATE, 550, id="a-range-is-its-middle"),
        pytest.param("500-600 QPS", Dim.RATE, 550, id="a-dashed-range"),
        pytest.param("5 hundred", Dim.COUNT, 500, id="digits-then-hundred"),
        pytest.param("1% of them, 10", Dim.COUNT, 10, id="working-in-words-then-the-figure"),
        pytest.param("10M / 86400, 116", Dim.RATE, 116, id="working-then-the-figure"),
        pytest.param("1 Ki", Dim.COUNT, 1024, id="a-binary-thousand"),
        pytest.param("1Gi", Dim.COUNT, 2**30, id="a-binary-billion"),
        pytest.param("1000/s x 86400 s", Dim.COUNT, 86.4e6, id="a-rate-times-a-duration"),
        pytest.param("1e7 / 86400 s", Dim.RATE, 1e7 / 86400, id="a-count-over-a-duration"),
        pytest.param("2 MB * 1000/s * 86400 s", Dim.BYTES, 1.728e14, id="size-rate-duration"),
        pytest.param("50,000 views/s x 200 KB", Dim.BYTE_RATE, 1e10, id="a-rate-times-a-size"),
        pytest.param("500 B x 1M/day x 1825 days", Dim.BYTES, 9.125e11,
                     id="a-bare-B-beside-a-rate-is-a-byte"),
        pytest.param("24 h x 3600 s", Dim.DURATION, 86400, id="hours-of-so-many-seconds"),
        pytest.param("24 hours x 60 min x 60 s", Dim.DURATION, 86400, id="a-chain-of-units"),
        pytest.param("24 h x 365 days", Dim.DURATION, 8760 * 3600, id="a-day-first-in-hours"),
        pytest.param("60 min x 24 h", Dim.DURATION, 86400, id="an-hour-first-in-minutes"),
        pytest.param("3600 s x 24 h", Dim.DURATION, 86400, id="an-hour-first-in-seconds"),
        pytest.param("1B users x 1 KB", Dim.BYTES, 1e12, id="words-beside-a-count"),
        pytest.param("116/s x 5", Dim.RATE, 580, id="a-rate-first-times-a-count"),
        pytest.param("24 h x 365", Dim.DURATION, 8760 * 3600, id="a-duration-first"),
        pytest.param("2000 ms / 50 ms", Dim.COUNT, 40, id="a-ratio-of-durations"),
    ],
)
def test_read_figure(typed: str, dim: Dim, value: float) -> None:
    assert read_figure(typed, dim).value == pytest.approx(value)


@pytest.mark.parametrize(
    ("typed", "dim", "says"),
    [
        pytest.param("", Dim.COUNT, "no figure", id="empty"),
        pytest.param("lots", Dim.COUNT, "does not start with a number", id="no-number"),
        pytest.param("10 minuts", Dim.DURATION, "did you mean minute", id="a-misspelt-unit"),
        pytest.param("-1M", Dim.COUNT, "negative", id="negative"),
        pytest.param("10²", Dim.COUNT, "not a unit", id="superscript"),
        pytest.param("2^10000", Dim.COUNT, "too large", id="huge-power"),
        pytest.param("9" * 5000, Dim.COUNT, "too large", id="5000-digits"),
        pytest.param("8.76 MB", Dim.DURATION, "size, not a duration", id="the-wrong-kind"),
        pytest.param("5 - 10 - 10", Dim.COUNT, "negative", id="negative-working"),
        pytest.param("31.25M * 2 MB", Dim.RATE, "size, not a rate",
                     id="working-of-another-kind"),
        pytest.param("10 ms, 20", Dim.COUNT, "not a unit", id="two-figures-after-a-comma"),
        pytest.param("-1^1e-1", Dim.COUNT, "negative", id="no-real-power"),
        pytest.param("2 h x 4380 h", Dim.DURATION, "multiply durations",
                     id="durations-that-make-no-chain"),
        pytest.param("10 or 1000, 116", Dim.RATE, "not a unit", id="figures-offered-then-one"),
        pytest.param("maybe 10, 116", Dim.RATE, "not a unit", id="a-hedge-then-a-figure"),
        pytest.param("10 and 1000, 116", Dim.RATE, "not a unit", id="two-figures-then-one"),
    ],
)
def test_unreadable_figures_say_why(typed: str, dim: Dim, says: str) -> None:
    with pytest.raises(Unreadable, match=says):
        read_figure(typed, dim)


def test_number_words_leave_digits_and_periods_alone() -> None:
    assert digits_for_words("86 million rows a day") == "86 million rows a day"
    assert digits_for_words("about a day").strip() == "about 1 day"


# ---------------------------------------------------------------- givens and units

QPS = question("1,000,000 users make 10 requests each a day. What is the average QPS?",
               answer="116/s", unit="QPS")  # fmt: skip
HOURS = question("How many hours are in a year?", answer=8760, unit="h", tolerance=0.02)
SECONDS = question("How many seconds are in a day?", answer=86400, unit="s", tolerance=0.02)
POWER = question("How much is 2^10?", answer=1024, tolerance=0.01)
PEAK = question("The average is 116 QPS and the peak is 5x the average. What is the peak QPS?",
                answer="580/s", unit="QPS")  # fmt: skip
GIVENS = question("A request makes the usual datacentre round trip twice. How long is that?",
                  answer="1 ms", unit="ms", tolerance=0.1, givens=["0.5 ms"])  # fmt: skip


@pytest.mark.parametrize(
    ("model", "typed", "says"),
    [
        pytest.param(QPS, "10M/day", "per second", id="a-days-count-for-a-rate"),
        pytest.param(QPS, "1,000,000", "is given in the question", id="a-given-typed-back"),
        pytest.param(HOURS, "365 days", "asks for hours", id="a-conversion-in-another-unit"),
        pytest.param(HOURS, "1 year", "asks for hours", id="the-given-period"),
        pytest.param(SECONDS, "1 day", "asks for seconds", id="one-day"),
        pytest.param(SECONDS, "24 hours", "asks for seconds", id="hours-for-seconds"),
        pytest.param(POWER, "2^10", "is given in the question", id="the-expression-typed-back"),
        pytest.param(PEAK, "116", "is given in the question", id="the-average-for-the-peak"),
        pytest.param(GIVENS, "0.5 ms", "is given in the question", id="a-givens-entry"),
    ],
)
def test_a_figure_that_restates_the_question_is_refused_at_no_cost(
    model: Any, typed: str, says: str
) -> None:
    grade = grade_question(model, typed)
    assert not grade.correct and grade.retry
    assert says in grade.feedback
    problem = number_problem(model, typed)
    assert problem is not None and "costs no try" in problem


@pytest.mark.parametrize(
    ("model", "typed"),
    [
        pytest.param(QPS, "116", id="the-answer"),
        pytest.param(QPS, "10,000,000 / 86,400", id="the-working"),
        pytest.param(HOURS, "8760 hours", id="in-the-unit-asked"),
        pytest.param(HOURS, "365 x 24 = 8760", id="working-then-the-figure"),
        pytest.param(SECONDS, "24*60*60", id="working"),
        pytest.param(SECONDS, "86400s", id="with-its-unit"),
        pytest.param(POWER, "1024", id="the-power-worked-out"),
        pytest.param(PEAK, "116 x 5 = 580", id="working-that-uses-a-given"),
        pytest.param(HOURS, "365 days x 24 h", id="days-of-so-many-hours-in-hours"),
        pytest.param(SECONDS, "24 h x 3600 s", id="hours-of-so-many-seconds-in-seconds"),
        pytest.param(QPS, "1e7 / 86400 s", id="a-count-over-a-duration"),
    ],
)
def test_a_figure_worked_out_is_graded(model: Any, typed: str) -> None:
    grade = grade_question(model, typed)
    assert grade.correct and not grade.retry, grade.feedback


@pytest.mark.parametrize(
    ("dim", "truth"),
    [(dim, truth) for dim in Dim if dim is not Dim.PERCENT
     for truth in (1e-9, 0.5, 3, 40, 116, 580, 2_500, 86_400, 1e7, 4e10, 1e15)],
)  # fmt: skip
def test_an_example_is_never_within_10x_of_the_answer(dim: Dim, truth: float) -> None:
    example = example_for(dim, truth).split("e.g. ", 1)[1]
    assert ratio(read_figure(example, dim).value, truth) > 10, example


def test_an_unreadable_answer_gets_an_example_far_from_the_answer() -> None:
    problem = number_problem(QPS, "lots")
    assert problem is not None and "e.g. 2,500 QPS" in problem and "116" not in problem


@settings(max_examples=200, deadline=None)
@given(typed=st.text(max_size=80))
def test_reading_any_text_gives_a_figure_or_says_why(typed: str) -> None:
    for dim in Dim:
        try:
            value = read_figure(typed, dim).value
        except Unreadable as error:
            assert str(error)
        else:
            assert value >= 0


# ---------------------------------------------------------------- bands and slips


@pytest.mark.parametrize(
    ("answer", "graded", "words"),
    [
        pytest.param(2.0, Band.GOOD, "Good: within 2x.", id="2x-is-good"),
        pytest.param(2.04, Band.ORDER, "just over 2x away", id="just-past-2x-is-not-2.0x"),
        pytest.param(10.0, Band.ORDER, "Right order of magnitude", id="10x-is-the-right-order"),
        pytest.param(10.04, Band.OFF, "Off: just over 10x away", id="just-past-10x-is-off"),
        pytest.param(0.1, Band.ORDER, "10x away", id="10x-low"),
        pytest.param(5000, Band.OFF, "over 1,000x away", id="far-off"),
    ],
)
def test_one_vocabulary_of_bands(answer: float, graded: Band, words: str) -> None:
    assert band(answer, 1.0) is graded
    assert words in verdict(answer, 1.0)


def test_the_distance_words_never_contradict_the_band() -> None:
    for apart in (2.01, 2.04, 10.01, 10.04):
        assert "2.0x" not in times_apart(apart) and "10.0x" not in times_apart(apart)


@pytest.mark.parametrize(
    ("answer", "truth", "dim", "key"),
    [
        pytest.param(1e7, 116, Dim.RATE, "per-day", id="a-days-count-for-a-rate"),
        pytest.param(10e6, 10e9, Dim.BYTES, "thousand", id="MB-for-GB"),
        pytest.param(46e6, 5.75e6, Dim.BYTE_RATE, "bits", id="bits-for-bytes"),
        pytest.param(525.6, 8.76, Dim.DURATION, "sixty", id="minutes-for-hours"),
        pytest.param(300, 116, Dim.RATE, None, id="no-slip-for-a-plain-miss"),
    ],
)
def test_a_miss_by_a_conversion_factor_names_the_slip(
    answer: float, truth: float, dim: Dim, key: str | None
) -> None:
    slip = unit_slip(answer, truth, dim)
    assert (slip.key if slip else None) == key
    if slip:
        assert f"{truth:g}" not in slip.hint  # the hint is about the slip, not the answer


@pytest.mark.parametrize("typed", ["5, TB", "3, ms", "100, per minute"])
def test_a_unit_after_a_comma_is_not_dropped_as_a_remark(typed: str) -> None:
    # Dropped, the figure would be graded in the question's own unit; kept, it is asked
    # again (a comma between a figure and its unit is not a way anyone writes one).
    with pytest.raises(Unreadable, match="not a unit I know"):
        read_figure(typed, Dim.BYTES)


@pytest.mark.parametrize(("typed", "per_second"), [("31.25M * 2 MB", 62.5e12),
                                                   ("1000 x 2 MB", 2e9),
                                                   ("50,000 * 200 KB", 10e9)])
def test_a_count_times_a_size_for_a_bandwidth_is_per_second(typed: str, per_second: float) -> None:
    assert read_figure(typed, Dim.BYTE_RATE).value == pytest.approx(per_second)
    with pytest.raises(Unreadable):  # a size asked: the product is a size, not a rate
        read_figure(typed, Dim.RATE)
