"""Grading: accept/reject tables for every question kind, no crash on any text, and an audit of
the shipped question bank (every shown answer passes its own grader, wrong ones fail, the
glossary and the eight beginner mistakes are each asked)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sysdesign_cli.core.bands import Band
from sysdesign_cli.core.grading import (
    Grade,
    expected_text,
    fold,
    grade_question,
    grade_text,
    number_problem,
)
from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.core.question_schema import (
    ChoiceQuestion,
    MultiQuestion,
    NumberQuestion,
    OrderQuestion,
    TextQuestion,
)

CURRICULUM = load_curriculum()
QUESTIONS = [step for step, _ in CURRICULUM.questions().values() if step.kind == "question"]
TEXT_QUESTIONS = [question for question in QUESTIONS if question.type == "text"]


def question(type: str, **fields: Any) -> Any:
    """A question model built the way the loader builds one from YAML."""
    base = {"kind": "question", "id": f"t-{type}", "topic": "testing", "prompt": "Which?",
            "explanation": "Because.", "type": type}  # fmt: skip
    model = {"choice": ChoiceQuestion, "multi": MultiQuestion, "order": OrderQuestion,
             "number": NumberQuestion, "text": TextQuestion}[type]  # fmt: skip
    return model.model_validate({**base, **fields})


def by_id(questions: list[Any]) -> list[Any]:
    return [pytest.param(q, id=q.id) for q in questions]


# ---------------------------------------------------------------- choice

CHOICE = question("choice", choices=["Cache", "Queue", "CDN"], answer="Queue")


@pytest.mark.parametrize(
    ("picked", "correct"),
    [
        pytest.param("Queue", True, id="the-answer"),
        pytest.param("Cache", False, id="another-choice"),
        pytest.param("CDN", False, id="last-choice"),
        pytest.param("", False, id="nothing"),
    ],
)
def test_choice(picked: str, correct: bool) -> None:
    grade = grade_question(CHOICE, picked)
    assert grade.correct is correct
    assert grade.score == float(correct)
    assert grade.expected == "Queue"


# ---------------------------------------------------------------- multi

MULTI = question("multi", choices=["DNS", "Cache", "Queue", "Database", "Printer"],
                 answers=["Cache", "Queue", "Database"])  # fmt: skip


@pytest.mark.parametrize(
    ("picked", "correct", "score", "feedback"),
    [
        pytest.param(["Cache", "Queue", "Database"], True, 1.0, "Right", id="all-right"),
        pytest.param(["Database", "Cache", "Queue"], True, 1.0, "Right", id="any-order"),
        pytest.param(["Cache", "Queue"], False, 2 / 3, "2 of 3 right", id="one-missing"),
        pytest.param(["Cache"], False, 1 / 3, "1 of 3 right", id="two-missing"),
        pytest.param(["Cache", "Queue", "Database", "DNS"], False, 2 / 3, "1 that is not",
                     id="all-and-a-wrong-one"),
        pytest.param(["Cache", "DNS", "Printer"], False, 0.0, "2 that are not",
                     id="more-wrong-than-right"),
        pytest.param(["DNS"], False, 0.0, "0 of 3", id="only-wrong"),
        pytest.param([], False, 0.0, "0 of 3", id="none"),
    ],
)  # fmt: skip
def test_multi_partial_credit(
    picked: list[str], correct: bool, score: float, feedback: str
) -> None:
    grade = grade_question(MULTI, picked)
    assert grade.correct is correct
    assert grade.score == pytest.approx(score)
    assert feedback in grade.feedback


# ---------------------------------------------------------------- order

ORDER = question("order", items=["DNS", "TCP", "TLS", "HTTP request", "Response"])


@pytest.mark.parametrize(
    ("given", "correct", "in_place"),
    [
        pytest.param(["DNS", "TCP", "TLS", "HTTP request", "Response"], True, 5, id="right"),
        pytest.param(["TCP", "DNS", "TLS", "HTTP request", "Response"], False, 3,
                     id="first-two-swapped"),
        pytest.param(["DNS", "TCP", "TLS", "Response", "HTTP request"], False, 3,
                     id="last-two-swapped"),
        pytest.param(["Response", "HTTP request", "TLS", "TCP", "DNS"], False, 1, id="reversed"),
        pytest.param(["TCP", "TLS", "HTTP request", "Response", "DNS"], False, 0,
                     id="rotated"),
    ],
)  # fmt: skip
def test_order_partial_credit(given: list[str], correct: bool, in_place: int) -> None:
    grade = grade_question(ORDER, given)
    assert grade.correct is correct
    assert grade.score == pytest.approx(in_place / 5)
    if not correct:
        assert f"{in_place} of 5 in the right place" in grade.feedback
    assert grade.expected == "DNS -> TCP -> TLS -> HTTP request -> Response"


# ---------------------------------------------------------------- number

QPS = question("number", answer="116/s", unit="QPS")  # no tolerance: the 2x / 10x bands
HOURS = question("number", answer="8.76 h", unit="h", tolerance=0.02)
MILLION = question("number", answer=1_000_000, tolerance=0.1)


@pytest.mark.parametrize(
    ("typed", "band"),
    [
        pytest.param("116", Band.GOOD, id="bare"),
        pytest.param("~120 QPS", Band.GOOD, id="approx-with-unit"),
        pytest.param("1.16e2", Band.GOOD, id="scientific"),
        pytest.param("116/s", Band.GOOD, id="per-second"),
        pytest.param("100", Band.GOOD, id="rounded-with-10^5-seconds-a-day"),
        pytest.param("200", Band.GOOD, id="under-2x-high"),
        pytest.param("60", Band.GOOD, id="under-2x-low"),
        pytest.param("240", Band.ORDER, id="over-2x-high"),
        pytest.param("50", Band.ORDER, id="over-2x-low"),
        pytest.param("1160", Band.ORDER, id="10x-high"),
        pytest.param("11,600", Band.OFF, id="100x-high"),
        pytest.param("1", Band.OFF, id="100x-low"),
        pytest.param("0", Band.OFF, id="zero"),
    ],
)
def test_number_in_bands(typed: str, band: Band) -> None:
    grade = grade_question(QPS, typed)
    assert grade.band is band
    assert grade.correct is (band is Band.GOOD)
    if band is Band.ORDER:
        assert "order of magnitude" in grade.feedback
    if band is Band.OFF:
        assert "Off" in grade.feedback


@pytest.mark.parametrize(
    ("question_", "typed"),
    [
        pytest.param(HOURS, "8.76h", id="hours"),
        pytest.param(HOURS, "8.76", id="bare-read-in-the-question-unit"),
        pytest.param(HOURS, "525.6 min", id="same-time-in-minutes"),
        pytest.param(HOURS, "8.8 hours", id="rounded-within-tolerance"),
        pytest.param(HOURS, "0.365 days", id="days"),
        pytest.param(HOURS, "31536 s", id="seconds"),
        pytest.param(MILLION, "1M", id="1M"),
        pytest.param(MILLION, "1,000,000", id="commas"),
        pytest.param(MILLION, "1e6", id="1e6"),
        pytest.param(MILLION, "10^6", id="10^6"),
        pytest.param(MILLION, "1 million", id="words"),
        pytest.param(MILLION, "2^20", id="2^20-within-10%"),
        pytest.param(MILLION, "~1M", id="approx"),
    ],
)
def test_number_within_tolerance(question_: Any, typed: str) -> None:
    grade = grade_question(question_, typed)
    assert grade.correct, grade.feedback
    assert grade.feedback == "Right."


@pytest.mark.parametrize(
    ("question_", "typed", "feedback"),
    [
        pytest.param(HOURS, "525.6", "60x away", id="minutes-typed-bare-read-as-hours"),
        pytest.param(HOURS, "9", "within 2%", id="rounded-too-far"),
        pytest.param(HOURS, "87.6", "10x away", id="10x-off"),
        pytest.param(HOURS, "8.76 MB", "not a duration", id="wrong-unit-size"),
        pytest.param(HOURS, "8.76 QPS", "not a duration", id="wrong-unit-rate"),
        pytest.param(QPS, "8.76h", "not a rate", id="duration-for-a-rate"),
        pytest.param(QPS, "116 MB", "not a rate", id="size-for-a-rate"),
        pytest.param(MILLION, "1 MB", "not a plain number", id="size-for-a-count"),
        pytest.param(MILLION, "1.2M", "20% away", id="just-outside-tolerance"),
        pytest.param(MILLION, "1G", "1,000x away", id="far-off"),
        pytest.param(MILLION, "lots", "Could not read", id="not-a-number"),
        pytest.param(MILLION, "", "Could not read", id="empty"),
        pytest.param(MILLION, "-1M", "Could not read", id="negative"),
        pytest.param(QPS, "10,000,000/day", "give the rate per second",
                     id="a-days-count-is-not-yet-a-rate-per-second"),
    ],
)
def test_number_rejected(question_: Any, typed: str, feedback: str) -> None:
    grade = grade_question(question_, typed)
    assert not grade.correct
    assert grade.score == 0.0
    assert feedback in grade.feedback


SERIES = question("number", answer="99.8%", unit="%", tolerance=0.0003,
                  prompt="Two parts of 99.9% each in series: combined availability?")  # fmt: skip


@pytest.mark.parametrize(
    ("tolerance", "typed", "said"),
    [
        pytest.param(0.0003, "99", "within 0.03%", id="three-hundredths-of-a-percent"),
        pytest.param(0.005, "95", "within 0.5%", id="half-a-percent"),
        pytest.param(0.05, "90", "within 5%", id="five-percent"),
        pytest.param(0.025, "90", "within 2.5%", id="two-and-a-half"),
    ],
)
def test_a_small_tolerance_is_printed_with_its_digits(
    tolerance: float, typed: str, said: str
) -> None:
    grade = grade_question(question("number", answer="99.8%", unit="%", tolerance=tolerance),
                           typed)  # fmt: skip
    assert not grade.correct
    assert said in grade.feedback
    assert "within 0%" not in grade.feedback


@pytest.mark.parametrize("typed", ["0.998", ".998", "0.999 * 0.999 = 0.998", "0.9980"])
def test_a_fraction_for_a_percentage_over_half_is_read_as_that_percentage(typed: str) -> None:
    """At an availability prompt (99.8%), a bare figure below 1 can only be the fraction:
    the same figure written another way, as a fair expert reads it."""
    grade = grade_question(SERIES, typed)
    assert grade.correct and not grade.retry, grade.feedback


@pytest.mark.parametrize(("typed", "correct"), [("0.997", False), ("0.95", False),
                                                 ("0.9982", True)])
def test_a_fraction_is_graded_as_the_percentage_it_writes(typed: str, correct: bool) -> None:
    grade = grade_question(SERIES, typed)
    assert not grade.retry and grade.correct is correct, grade.feedback


def test_the_given_typed_as_a_fraction_is_still_a_given() -> None:
    grade = grade_question(SERIES, "0.999")
    assert grade.retry and "given in the question" in grade.feedback


@pytest.mark.parametrize("typed", ["0.998%", "1"])
def test_a_fraction_for_a_percentage_is_asked_again_at_no_cost(typed: str) -> None:
    grade = grade_question(SERIES, typed)
    assert grade.retry, grade.feedback
    assert not grade.correct
    assert "as a percentage" in grade.feedback
    assert "99.8" not in grade.feedback.replace(typed, "")  # the answer is not given away
    assert "as a percentage" in (number_problem(SERIES, typed) or "")


@pytest.mark.parametrize(
    ("typed", "correct"),
    [
        pytest.param("99.8", True, id="as-a-percentage"),
        pytest.param("99.8%", True, id="with-the-sign"),
        pytest.param("99.5", False, id="a-wrong-percentage-is-graded-not-a-given"),
        pytest.param("98", False, id="further-off"),
    ],
)
def test_a_percentage_is_graded(typed: str, correct: bool) -> None:
    grade = grade_question(SERIES, typed)
    assert not grade.retry, grade.feedback
    assert grade.correct is correct


def test_a_small_fraction_is_a_small_percentage_where_the_answer_is_small() -> None:
    """Only where the answer is over 50% does a figure of 1 or less look like a fraction."""
    small = question("number", answer="0.5%", unit="%", tolerance=0.1,
                     prompt="What share of requests fail?")  # fmt: skip
    assert grade_question(small, "0.5").correct
    assert not grade_question(small, "0.9").retry


def test_the_given_percentage_typed_back_is_still_refused() -> None:
    grade = grade_question(SERIES, "99.9")
    assert grade.retry
    assert "given in the question" in grade.feedback


def test_a_near_miss_says_how_far_in_percent_not_1_0x() -> None:
    grade = grade_question(HOURS, "9 h")
    assert "1.0x" not in grade.feedback
    assert "2.7% away" in grade.feedback


@pytest.mark.parametrize(
    ("question_", "shown"),
    [
        pytest.param(MILLION, "1,000,000", id="float-from-yaml-shown-as-an-integer"),
        pytest.param(HOURS, "8.76 h", id="with-unit"),
        pytest.param(QPS, "116/s", id="rate"),
    ],
)
def test_expected_answer_is_shown_the_way_an_engineer_writes_it(question_: Any, shown: str) -> None:
    assert expected_text(question_) == shown
    assert grade_question(question_, "1 PB/s" if question_ is not QPS else "1 ns").expected == shown


# ---------------------------------------------------------------- text

# Only the spelt-out form is listed: the abbreviation comes from the field's own table.
LOAD_BALANCER = question("text", prompt="Which block spreads requests over app servers?",
                         accept=["load balancer"])  # fmt: skip


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param("load-balancer", id="hyphen"),
        pytest.param("LB", id="abbreviation"),
        pytest.param("lb", id="abbreviation-lowercase"),
        pytest.param("L.B.", id="dotted-abbreviation"),
        pytest.param("load balancer", id="plain"),
        pytest.param("Load Balancer.", id="capitals-and-full-stop"),
        pytest.param("loadbalancer", id="run-together"),
        pytest.param("  LOAD \t  BALANCER \n", id="shouting-and-spacing"),
        pytest.param("a load balancer", id="article"),
        pytest.param("The LB", id="article-and-abbreviation"),
        pytest.param("load balancers", id="plural"),
        pytest.param("LBs", id="plural-abbreviation"),
        pytest.param("load balancr", id="typo-missing-letter"),
        pytest.param("laod balancer", id="typo-swapped-letters"),
        pytest.param("load balancing", id="the-technique-names-the-block"),
        pytest.param("use a load balancer", id="inside-a-longer-answer"),
        pytest.param("I'd put a load balancer in front", id="inside-a-sentence"),
        pytest.param("load balacner", id="typo-swapped-letters-in-the-second-word"),
        pytest.param("load balancér", id="stray-accent"),
    ],
)
def test_text_accepts_the_ways_engineers_write_it(typed: str) -> None:
    grade = grade_question(LOAD_BALANCER, typed)
    assert grade.correct, typed
    assert grade.score == 1.0
    assert grade.expected == "load balancer"


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param("load", id="half-the-term"),
        pytest.param("balancer", id="other-half"),
        pytest.param("database", id="another-block"),
        pytest.param("DB", id="another-abbreviation"),
        pytest.param("cdn", id="another-block-lowercase"),
        pytest.param("cache", id="cache"),
        pytest.param("proxy", id="vaguer"),
        pytest.param("zzqx wibble", id="nonsense"),
    ],
)
def test_text_rejects_near_misses_and_wrong_answers(typed: str) -> None:
    grade = grade_question(LOAD_BALANCER, typed)
    assert not grade.correct, typed
    assert grade.score == 0.0
    assert grade.feedback == "Not what we were looking for."


JUNK = [
    pytest.param("", id="empty"),
    pytest.param("   ", id="spaces"),
    pytest.param("\t\r\n", id="control-whitespace"),
    pytest.param("?!.,;:-", id="punctuation-only"),
    pytest.param("\x00\x01\x02\x7f", id="control-characters"),
    pytest.param(bytes(range(256)).decode("latin-1"), id="binary-looking"),
    pytest.param("\ufffd\ufffd\ufffd", id="replacement-characters"),
    pytest.param("\udcff\udc80", id="lone-surrogates"),
    pytest.param("負荷分散装置", id="non-ascii-cjk"),
    pytest.param("ünïcödé", id="non-ascii-latin"),
    pytest.param("🙂🙂", id="emoji"),
    pytest.param("\x1b[31mLB\x1b[0m", id="escape-sequence"),
    pytest.param("x" * 100_000, id="100-KB"),
    pytest.param("load balancer " * 8_000, id="100-KB-of-the-answer"),
]


@pytest.mark.parametrize("typed", JUNK)
def test_junk_text_is_wrong_and_never_raises(typed: str) -> None:
    grade = grade_question(LOAD_BALANCER, typed)
    assert isinstance(grade, Grade)
    assert not grade.correct
    assert grade.expected == "load balancer"


@pytest.mark.parametrize("typed", [pytest.param("", id="empty"), pytest.param(" \n ", id="blank"),
                                   pytest.param("?!", id="punctuation")])  # fmt: skip
def test_an_empty_answer_is_called_that(typed: str) -> None:
    assert grade_question(LOAD_BALANCER, typed).feedback == "No answer given."


@pytest.mark.parametrize(
    ("accept", "typed", "correct"),
    [
        pytest.param(["asynchronous"], "asynchronous", True, id="async-exact"),
        pytest.param(["asynchronous"], "async", True, id="async-abbreviation"),
        pytest.param(["asynchronous"], "asynchronus", True, id="async-typo"),
        pytest.param(["asynchronous"], "synchronous", False, id="its-opposite"),
        pytest.param(["scaling out"], "scaling up", False, id="out-is-not-up"),
        pytest.param(["single point of failure"], "SPOF", True, id="spof"),
        pytest.param(["single point of failure"], "single point of falure", True, id="spof-typo"),
        pytest.param(["database"], "DB", True, id="db"),
        pytest.param(["content delivery network"], "CDN", True, id="cdn"),
        pytest.param(["queries per second"], "QPS", True, id="qps"),
        pytest.param(["DNS"], "domain name system", True, id="abbreviation-accepted-spelt-out"),
        pytest.param(["TTL"], "time to live", True, id="ttl"),
        pytest.param(["latency"], "throughput", False, id="latency-not-throughput"),
        pytest.param(["availability"], "reliability", False, id="availability-not-reliability"),
        pytest.param(["read replica"], "read replicas", True, id="replicas"),
        pytest.param(["read replica"], "write replica", False, id="write-not-read"),
        pytest.param(["partition tolerance"], "tolerance to partitions", True,
                     id="two-words-either-order"),
        pytest.param(["system"], "DNS", False, id="not-a-part-of-an-abbreviation"),
        pytest.param(["ready"], "read replica", False, id="a-right-spelt-word-is-no-typo"),
    ],
)
def test_text_synonyms_abbreviations_and_opposites(
    accept: list[str], typed: str, correct: bool
) -> None:
    assert grade_text(typed, accept).correct is correct


def test_an_abbreviation_is_not_its_own_expansion() -> None:
    """`What does QPS stand for?` answered `QPS` would pass through the abbreviation table."""
    stand_for = question("text", prompt="What does QPS stand for?", accept=["queries per second"])
    assert grade_question(stand_for, "queries per second").correct
    assert grade_question(stand_for, "queries per secnd").correct
    for echo in ("QPS", "qps", "Q.P.S."):
        grade = grade_question(stand_for, echo)
        assert not grade.correct, echo
        assert "spell it out" in grade.feedback


def test_fold() -> None:
    assert fold("  The L.B. -- in front; of the DB!  ") == "load balancer in front of the database"


# ---------------------------------------------------------------- no grader raises

ONE_OF_EACH = [CHOICE, MULTI, ORDER, QPS, HOURS, MILLION, LOAD_BALANCER]
ANY_TEXT = st.one_of(
    st.text(max_size=300),
    st.binary(max_size=300).map(lambda raw: raw.decode("latin-1")),
    st.from_regex(r"[~ ]*[0-9.,eE^+-]{1,12} ?[A-Za-z/%µ]{0,6}", fullmatch=True),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(typed=ANY_TEXT)
def test_no_grader_raises_on_any_text(typed: str) -> None:
    for model in ONE_OF_EACH:
        answer: Any = [typed] if model.type in ("multi", "order") else typed
        grade = grade_question(model, answer)
        assert 0.0 <= grade.score <= 1.0
        assert grade.expected


@settings(max_examples=200, deadline=None)
@given(typed=st.text(max_size=60))
def test_every_shipped_text_question_survives_any_text(typed: str) -> None:
    for model in TEXT_QUESTIONS:
        assert isinstance(grade_question(model, typed).correct, bool)


# ---------------------------------------------------------------- the shipped question bank


def test_done_when_load_balancer_spellings_all_count() -> None:
    """The issue's "Done when": `load-balancer`, `LB` and `load balancer` all count."""
    asked = [q for q in TEXT_QUESTIONS if any(fold(a) == "load balancer" for a in q.accept)]
    assert asked, "some text question has the load balancer as its answer"
    for model in asked:
        for typed in ("load-balancer", "LB", "load balancer", "Load Balancer.", "loadbalancer"):
            assert grade_question(model, typed).correct, (model.id, typed)


SHIPPED = {q.id: q for q in TEXT_QUESTIONS}


@pytest.mark.parametrize(
    ("qid", "typed"),
    [
        pytest.param("bb-traffic-cop", "load-balancer", id="lb-hyphen"),
        pytest.param("bb-phone-book", "Domain Name System", id="dns-spelt-out"),
        pytest.param("ws-design-is", "pass along", id="hand-off-synonym"),
        pytest.param("rl-https-extra", "SSL handshake", id="ssl-handshake"),
        pytest.param("rl-https-extra", "TLS/SSL", id="tls-slash-ssl"),
        pytest.param("bb-hard-things", "invalidate", id="invalidate"),
        pytest.param("ig-signed-url", "presigned link", id="presigned-link"),
        pytest.param("gl-qps", "queries/second", id="qps-slash"),
        pytest.param("gl-qps", "queries per sec", id="qps-sec"),
        pytest.param("gl-read-replica", "read-only replica", id="read-only-replica"),
        pytest.param("gl-cdn", "CDNs", id="cdn-plural"),
        pytest.param("gl-spof", "single-point-of-failure", id="spof-hyphens"),
        pytest.param("to-eventual-term", "eventually-consistent", id="eventual-adjective"),
    ],
)
def test_shipped_text_questions_accept_common_spellings(qid: str, typed: str) -> None:
    if qid not in SHIPPED:
        pytest.skip(f"{qid} is no longer a text question")
    assert grade_question(SHIPPED[qid], typed).correct


@pytest.mark.parametrize(
    ("qid", "typed", "correct"),
    [
        # CAP: during a partition the likes stay available; naming both is no choice.
        pytest.param("to-likes-choice", "availability", True, id="likes-availability"),
        pytest.param("to-likes-choice", "availability over consistency", True,
                     id="likes-availability-over-consistency"),
        pytest.param("to-likes-choice", "consistency and availability", False,
                     id="likes-both-is-no-choice"),
        pytest.param("to-likes-choice", "consistency over availability", False,
                     id="likes-the-other-way-round"),
        pytest.param("to-likes-choice", "consistency", False, id="likes-consistency"),
        # "Every node shows the same data": strong consistency, not a weaker kind.
        pytest.param("to-cap-consistency", "consistency", True, id="cap-c"),
        pytest.param("to-cap-consistency", "strong consistency", True, id="cap-strong"),
        pytest.param("to-cap-consistency", "strongly consistent", True, id="cap-adjective"),
        pytest.param("to-cap-consistency", "eventual consistency", False, id="cap-eventual"),
        pytest.param("to-cap-consistency", "eventually consistent", False,
                     id="cap-eventual-adjective"),
        pytest.param("to-cap-consistency", "weak consistency", False, id="cap-weak"),
        pytest.param("to-cap-consistency", "consistency and availability", False,
                     id="cap-both"),
        # A bare generic word counts alone, not as part of another name.
        pytest.param("al-caption-limit", "code", True, id="altitude-code"),
        pytest.param("al-caption-limit", "short code", False, id="altitude-not-short-code"),
        pytest.param("al-cdn-decision", "system", True, id="altitude-system"),
        pytest.param("al-cdn-decision", "monitoring system", False,
                     id="altitude-not-monitoring-system"),
        pytest.param("bm-forgot-spof", "the database", True, id="spof-the-database"),
        pytest.param("bm-forgot-spof", "standby database", False, id="spof-there-is-no-standby"),
        pytest.param("pp-throughput", "servers", True, id="throughput-servers"),
        pytest.param("pp-throughput", "edge servers", False, id="throughput-not-edge-servers"),
        pytest.param("ws-hospital-spare-rooms", "database server", False,
                     id="spare-rooms-not-any-server"),
        pytest.param("ws-network-misbehaves", "stale cache", False, id="stale-is-not-stall"),
        pytest.param("ws-restaurant-rush", "lazy loading", False, id="lazy-loading-no-rush"),
    ],
)
def test_shipped_questions_tell_one_term_from_another(qid: str, typed: str, correct: bool) -> None:
    assert grade_question(SHIPPED[qid], typed).correct is correct


@pytest.mark.parametrize("model", by_id(QUESTIONS))
def test_the_answer_shown_after_a_miss_passes_its_own_grader(model: Any) -> None:
    """What the learner is told is the answer must itself be graded right."""
    shown = expected_text(model)
    if model.type == "multi":
        answer: Any = list(model.answers)
    elif model.type == "order":
        answer = list(model.items)
    else:
        answer = shown
    grade = grade_question(model, answer)
    assert grade.correct, (shown, grade.feedback)
    assert grade.score == 1.0


@pytest.mark.parametrize("model", by_id(TEXT_QUESTIONS))
def test_every_accepted_answer_is_accepted(model: Any) -> None:
    for answer in model.accept:
        assert grade_question(model, answer).correct, answer
        assert grade_question(model, answer.upper() + ".").correct, answer


@pytest.mark.parametrize("model", by_id(TEXT_QUESTIONS))
def test_every_text_question_rejects_obviously_wrong_answers(model: Any) -> None:
    for wrong in ("zzqx wibble", "i don't know", "", "?", "yes", "42"):
        assert not grade_question(model, wrong).correct, wrong


def _overlaps(one: Any, other: Any) -> bool:
    folded = {fold(a) for a in one.accept}
    return any(fold(a) in folded for a in other.accept)


_DATABASES = ("primary database", "standby database", "second database")
_DNS_SERVICES = ("Cloudflare DNS", "Google Cloud DNS", "Cloud DNS", "Azure DNS", "Akamai Edge DNS")
_URLS = ("upload URL", "long URL", "original URL", "destination URL", "target URL", "full URL",
         "long link", "original link")  # fmt: skip
_SCALING_OUT = ("horizontal scaling", "scaling out", "scale out", "scale horizontally",
                "scaling horizontally")  # fmt: skip

# Another question's accepted answer that is right here too, judged pair by pair as a
# teacher would: a more specific kind of the thing this question asks for, with nothing in
# it that the question rules out. Every pair not listed must be refused.
ALSO_RIGHT = {
    # Any database is a machine beside the web servers, and a store that survives deploys
    # or keeps a chat's messages (but not the ledger's one trusted copy, nor the lone
    # database of bm-forgot-spof or fw-horizontal-ceiling, where a standby is wrong).
    "ws-machine-roles": _DATABASES,
    "ws-durable-state": _DATABASES,
    "rc-durable": _DATABASES,
    # What the database keeps to find the photo's bytes: a URL or key of any description.
    "al-photo-in-db": (*_URLS, "unique key"),
    # A DNS service is the system that turns names into addresses, the phone book.
    "rl-dns-job": _DNS_SERVICES,
    "bb-phone-book": _DNS_SERVICES,
    # "What is that string, in general terms?": an ID, however it is made.
    "pp-short-id": ("auto-increment ID", "auto-incrementing ID", "sequential ID",
                    "incrementing ID"),  # fmt: skip
    # "Which blocks do you add more of?": scaling out is adding more servers.
    "pp-throughput": _SCALING_OUT,
    # "Design is about trade-offs and ...": cascading failures are failures.
    "bm-meta-lesson": ("cascading failure", "cascading failures", "cascade failure",
                       "failure cascade"),  # fmt: skip
    # Adding machines rather than a bigger one: the same idea in other words (the corpus
    # labels `add more servers` right for it).
    "gl-horizontal": ("horizontal scalability", "more servers"),
}


def test_the_pairs_judged_right_are_still_accepted() -> None:
    """The list above is kept short: a pair the grader now refuses is taken off it."""
    for qid, answers in ALSO_RIGHT.items():
        for answer in answers:
            assert grade_question(SHIPPED[qid], answer).correct, (qid, answer)


@pytest.mark.parametrize("model", by_id(TEXT_QUESTIONS))
def test_no_text_question_accepts_another_questions_answer(model: Any) -> None:
    """Typo tolerance, stems, abbreviations and the prompt's own words must not make one
    term pass for another."""
    also_right = {fold(answer) for answer in ALSO_RIGHT.get(model.id, ())}
    for other in TEXT_QUESTIONS:
        if other is model or _overlaps(model, other):
            continue
        for answer in other.accept:
            if fold(answer) in also_right:
                continue
            assert not grade_question(model, answer).correct, (other.id, answer)


def _asked(model: Any) -> str:
    """What a question asks about: its prompt and its right answers (not distractors)."""
    parts = [model.prompt]
    if model.kind == "question":
        if model.type in ("choice", "number"):
            parts.append(str(model.answer))
        parts += list(getattr(model, "answers", None) or [])
        parts += list(getattr(model, "accept", None) or [])
        parts += list(getattr(model, "items", None) or [])
    return " ".join(parts).lower()


ALL_ASKED = [_asked(step) for step, _ in CURRICULUM.questions().values()]

# SYLLABUS.md section 13; each as a pattern a prompt or a right answer must contain.
GLOSSARY = {
    "system": r"\bsystem\b",
    "synchronous": r"(?<!a)synchronous",
    "asynchronous": r"asynchronous",
    "source of truth": r"source of truth",
    "cache hit": r"cache hit",
    "cache miss": r"cache miss",
    "single point of failure": r"single point of failure",
    "stateless server": r"stateless",
    "p99 latency": r"p99",
    "QPS": r"\bqps\b",
    "nines": r"\bnines\b",
    "read-heavy": r"read-heavy",
    "write-heavy": r"write-heavy",
    "latency": r"\blatency\b",
    "throughput": r"\bthroughput\b",
    "availability": r"\bavailability\b",
    "scalability": r"\bscalability\b",
    "reliability": r"\breliability\b",
    "CAP": r"\bcap\b",
    "eventual consistency": r"eventual consistency",
    "read replica": r"read replica",
    "horizontal scaling": r"horizontal scaling|scal(e|ing) out",
    "CDN": r"\bcdn\b",
    "message queue": r"message queue",
    "object storage": r"object storage",
}

# SYLLABUS.md section 12, the eight beginner mistakes.
MISTAKES = {
    "designing for a billion users": r"billion users",
    "not asking about scale first": r"asking about scale",
    "big blobs in the database": r"(video|photo|blob|image).*(database|postgres)",
    "the cache as the source of truth": r"(redis|cache).*(no database copy|source of truth)",
    "forgetting the single point of failure": r"single point of failure",
    "making the user wait for slow work": r"wait for slow work",
    "confusing latency with throughput": r"throughput.*slow query|slow query.*throughput",
    "ignoring failure": r"ignoring failure",
}


@pytest.mark.parametrize("term", list(GLOSSARY))
def test_every_glossary_term_is_asked(term: str) -> None:
    pattern = re.compile(GLOSSARY[term])
    assert any(pattern.search(text) for text in ALL_ASKED), term


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_every_beginner_mistake_is_asked(mistake: str) -> None:
    pattern = re.compile(MISTAKES[mistake])
    mistakes = [_asked(q) for q in QUESTIONS if q.topic == "mistakes"]
    assert any(pattern.search(text) for text in mistakes), mistake


# ---------------------------------------------------------------- retry feedback


@pytest.mark.parametrize(
    ("question_", "typed", "says"),
    [
        pytest.param(QPS, "45", "Right order of magnitude, but too low: within 10x, not yet "
                     "within 2x.", id="bands-low"),
        pytest.param(QPS, "5000", "Off: more than 10x too high, which is a different design.",
                     id="bands-off-high"),
        pytest.param(HOURS, "12", "Not quite: too high; this one needs to be within 2%.",
                     id="tolerance-high"),
    ],
)  # fmt: skip
def test_a_retried_number_says_which_way_not_how_far(
    question_: Any, typed: str, says: str
) -> None:
    # "2.6x away" from 45 would let the learner work 116 back out before the next try.
    from rich.console import Console

    from sysdesign_cli.sessions.ask import ask
    from sysdesign_cli.sessions.scripted_asker import ScriptedAsker

    out = Console(record=True, width=200)
    outcome = ask(question_, ScriptedAsker([typed, str(question_.answer)]), out, max_tries=2)
    shown = out.export_text()
    before_retry = shown.split("Try again.")[0]
    assert outcome.tries == 2 and outcome.grade.correct
    assert says in before_retry
    assert " away" not in before_retry


NINES_ACCEPT = ["99.99%", "99.99 percent", "99.99"]
NINES_PROMPT = 'A service promises "four nines". What availability percentage is that?'


@pytest.mark.parametrize(
    ("typed", "right"),
    [("0.9999", True), (".9999", True), ("99.99 %", True), ("99.990%", True),
     ("99.99% uptime", True), ("0.99990", True),
     ("0.999", False), (".99999", False), ("99.9%", False), ("9999%", False), ("4", False),
     ("0.9999%", False), ("not 99.99%", False), ("never 0.9999", False),
     ("not 0.9999", False)],
)  # fmt: skip
def test_a_percentage_asked_as_text_is_taken_in_any_writing_of_the_same_figure(
    typed: str, right: bool
) -> None:
    assert grade_text(typed, NINES_ACCEPT, NINES_PROMPT).correct is right


BASE62 = question("number", answer="56.8 years", unit="years", tolerance=0.08, prompt=(
    "A shortener hands out codes from a counter, written in base 62. Six characters give "
    "about 56.8 billion codes, and it makes 1 billion new links a year. For roughly how "
    "many years do 6-character codes last?"))  # fmt: skip


@pytest.mark.parametrize(("typed", "right"), [("62", False), ("62 years", False),
                                              ("56.8", True), ("57", True), ("60", True),
                                              ("about 57 years", True), ("50", False)])
def test_a_given_outside_the_tolerance_is_wrong_and_a_bare_one_typed_back(
    typed: str, right: bool
) -> None:
    grade = grade_question(BASE62, typed)
    assert grade.correct is right, grade.feedback
    assert grade.retry is (typed == "62")


def test_no_shipped_tolerance_holds_another_figure_its_prompt_writes() -> None:
    """A figure the prompt writes in digits, other than the answer, is wrong: a tolerance
    wide enough to take it would grade a given typed back as right."""
    from sysdesign_cli.core.givens import givens_of
    from sysdesign_cli.core.loader import load_curriculum

    held = []
    for lesson in load_curriculum().lessons.values():
        for step in lesson.steps:
            if step.kind != "question" or step.type != "number" or step.tolerance is None:
                continue
            for figure in givens_of(step.prompt, tuple(step.givens or ())):
                value = figure.raw * step.unit_value
                if (re.fullmatch(r"[\d.,]+", figure.text) and re.search(
                        rf"(?<![\w.]){re.escape(figure.text)}(?![\w%]|[.,]\d)", step.prompt)
                        and value != step.value
                        and abs(value - step.value) <= step.tolerance * step.value):
                    held.append((step.id, figure.text))
    assert held == []


ROWS = question("number", answer="86.4M", prompt=(
    "Each upload writes one metadata row (owner, caption, storage key). How many new rows "
    "does the database take a day?"))  # fmt: skip
STREAMS = question("number", answer="41.7M", prompt=(
    "Assume viewers watch 1 billion hours of video a day, spread evenly over the day. On "
    "average, how many streams are playing at any moment?"))  # fmt: skip


@pytest.mark.parametrize(
    ("asked", "typed", "correct", "retry"),
    [(ROWS, "86.4M/day", True, False), (ROWS, "86.4 million a day", True, False),
     (ROWS, "86.4M", True, False), (ROWS, "86.4M per second", False, True),
     (ROWS, "86.4M an hour", False, True), (STREAMS, "41.7M", True, False),
     (STREAMS, "41.7M per hour", False, True), (STREAMS, "41.7M a day", False, True)],
)  # fmt: skip
def test_a_count_typed_over_another_period_than_asked_is_asked_again(
    asked: Any, typed: str, correct: bool, retry: bool
) -> None:
    grade = grade_question(asked, typed)
    assert (grade.correct, grade.retry) == (correct, retry), grade.feedback
    if retry:
        assert "period" in grade.feedback and "86.4" not in grade.feedback


DOWNTIME = question("number", answer="8.76 h", unit="h", tolerance=0.05, prompt=(
    "At 99.9% availability, how much downtime is allowed per year, in hours?"))  # fmt: skip


@pytest.mark.parametrize(
    ("typed", "correct", "retry"),
    [("8.76 hrs per year", True, False), ("8.76 h/year", True, False), ("8.76", True, False),
     ("8.76 hrs per day", False, True), ("8.76 hours a month", False, True),
     ("87.6 hours per year", False, False)],
)  # fmt: skip
def test_a_duration_typed_over_another_period_than_asked_is_asked_again(
    typed: str, correct: bool, retry: bool
) -> None:
    grade = grade_question(DOWNTIME, typed)
    assert (grade.correct, grade.retry) == (correct, retry), grade.feedback


KEPT = question("number", answer="912.5 GB", prompt=(
    "Each day adds 500 MB of new links, and links are kept for 5 years. How much storage "
    "do they take in total?"))  # fmt: skip


@pytest.mark.parametrize(
    ("typed", "correct", "retry"),
    [("912.5 GB", True, False), ("912.5 GB over 5 years", True, False),
     ("912.5 GB in 5 years", True, False), ("500 MB per day", False, True),
     ("912.5 GB over 2 years", False, True), ("912.5 GB a year", False, True)],
)  # fmt: skip
def test_a_total_typed_over_the_span_the_question_keeps_it_for_is_that_total(
    typed: str, correct: bool, retry: bool
) -> None:
    grade = grade_question(KEPT, typed)
    assert (grade.correct, grade.retry) == (correct, retry), grade.feedback


@pytest.mark.parametrize(("typed", "per_second"), [("12 an hour", 12 / 3600),
                                                   ("12 a minute", 0.2), ("12/s", 12.0)])
def test_an_before_a_period_reads_as_per(typed: str, per_second: float) -> None:
    from sysdesign_cli.core.quantities import Dim
    from sysdesign_cli.core.reading import read_figure

    assert read_figure(typed, Dim.RATE).value == pytest.approx(per_second)
