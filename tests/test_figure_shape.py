"""Text that holds a figure without being one is asked again at a number prompt (no try
spent); a ratio said in words is read as its fraction. Labels are what a fair expert would
take from each answer, not what the reader happens to do."""

from __future__ import annotations

from typing import Any

import pytest

from sysdesign_cli.core.grading import grade_question, number_problem
from sysdesign_cli.core.quantities import Dim
from sysdesign_cli.core.question_schema import NumberQuestion
from sysdesign_cli.core.reading import read_figure
from sysdesign_cli.core.working import Unreadable


def number(prompt: str, answer: str, **fields: Any) -> Any:
    return NumberQuestion.model_validate({
        "kind": "question", "id": "t-number", "topic": "testing", "prompt": prompt,
        "explanation": "Because.", "type": "number", "answer": answer, **fields})  # fmt: skip


SERVERS = number("Peak traffic is 2,400 QPS and one server handles 800. How many servers?", "3")
CONNECTIONS = number("How many WebSocket servers hold 3 million open connections at 100,000 "
                     "each?", "30")  # fmt: skip
SHARE = number("How many requests in a thousand may be slower than the p99 latency, as a "
               "percentage?", "1%", unit="%", tolerance=0.05)  # fmt: skip


@pytest.mark.parametrize(
    ("question", "typed"),
    [
        pytest.param(CONNECTIONS, "One connection stays open", id="a-sentence-with-one"),
        pytest.param(CONNECTIONS, "Each user keeps one connection open", id="one-mid-sentence"),
        pytest.param(SERVERS, "Use three replicas and a load balancer", id="three-in-a-plan"),
        pytest.param(SERVERS, "ws -> kafka x3", id="a-design-line"),
        pytest.param(SERVERS, "lb → app x3", id="a-design-line-unicode-arrow"),
        pytest.param(SERVERS, "0x10", id="hexadecimal"),
        pytest.param(SERVERS, "about 0x3", id="hexadecimal-after-filler"),
    ],
)
def test_text_holding_a_figure_is_asked_again_at_no_cost(question: Any, typed: str) -> None:
    grade = grade_question(question, typed)
    assert grade.retry and not grade.correct, grade.feedback
    assert "costs no try" in (number_problem(question, typed) or "") or number_problem(
        question, typed)


def test_the_messages_say_what_to_type_instead() -> None:
    assert "decimal" in (number_problem(SERVERS, "0x10") or "")
    assert "design" in (number_problem(SERVERS, "ws -> kafka x3") or "")
    assert "sentence" in (number_problem(CONNECTIONS, "One connection stays open") or "")


@pytest.mark.parametrize(
    ("question", "typed", "correct"),
    [
        pytest.param(SERVERS, "three", True, id="a-word-alone"),
        pytest.param(SERVERS, "just three servers", True, id="a-word-with-a-noun"),
        pytest.param(SERVERS, "three servers is enough", True, id="a-word-then-two-words"),
        pytest.param(SERVERS, "I'd say three", True, id="filler-before-a-word"),
        pytest.param(SERVERS, "3 servers behind a load balancer", True, id="digits-are-meant"),
        pytest.param(SERVERS, "peak -> 3", True, id="an-arrow-to-a-figure"),
        pytest.param(SERVERS, "2400 / 800 -> 3", True, id="working-then-an-arrow"),
        pytest.param(SERVERS, "ten", False, id="a-wrong-word-is-graded"),
        pytest.param(CONNECTIONS, "thirty", True, id="thirty"),
    ],
)
def test_a_figure_meant_as_one_is_still_graded(question: Any, typed: str, correct: bool) -> None:
    grade = grade_question(question, typed)
    assert not grade.retry, grade.feedback
    assert grade.correct is correct


@pytest.mark.parametrize(
    ("typed", "dim", "value"),
    [
        ("10 out of 1000", Dim.PERCENT, 1.0),
        ("1 in 100", Dim.PERCENT, 1.0),
        ("one in a hundred requests", Dim.PERCENT, 1.0),
        ("about 5 out of 10", Dim.PERCENT, 50.0),
        ("10 out of 1000", Dim.COUNT, 0.01),
        ("3 of every 4", Dim.COUNT, 0.75),
    ],
)
def test_a_ratio_in_words_is_its_fraction(typed: str, dim: Dim, value: float) -> None:
    assert read_figure(typed, dim).value == pytest.approx(value)


def test_a_ratio_grades_against_a_percentage() -> None:
    assert grade_question(SHARE, "10 out of 1000").correct
    assert grade_question(SHARE, "1 in 100").correct
    wrong = grade_question(SHARE, "1 in 10")
    assert not wrong.correct and not wrong.retry


def test_a_ratio_that_only_restates_the_prompt_is_refused() -> None:
    stated = number("10 out of 1,000 requests fail. What percentage fail?", "1%", unit="%",
                    tolerance=0.05)  # fmt: skip
    grade = grade_question(stated, "10 out of 1000")
    assert grade.retry and "given in the question" in grade.feedback
    assert grade_question(stated, "1%").correct


def test_a_ratio_larger_than_the_whole_is_not_read() -> None:
    with pytest.raises(Unreadable):
        read_figure("10 out of 5", Dim.PERCENT)


@pytest.mark.parametrize(
    ("typed", "value"),
    [("about 0.5-1 ns", 0.75e-9), ("5-10 ms", 7.5e-3), ("100-200 us", 1.5e-4)],
)
def test_a_range_after_an_approximation_is_its_middle(typed: str, value: float) -> None:
    assert read_figure(typed, Dim.DURATION).value == pytest.approx(value)


@pytest.mark.parametrize(("typed", "value"), [("10k-13k", 11_500), ("10-13k", 11_500),
                                              ("500-1k", 750), ("20,000-25,000", 22_500)])
def test_a_range_with_magnitudes_is_its_middle(typed: str, value: float) -> None:
    assert read_figure(typed, Dim.RATE).value == pytest.approx(value)


@pytest.mark.parametrize("typed", ["not 10", "it's not 8760", "never 5", "not one", "not four"])
def test_a_figure_denied_is_asked_again(typed: str) -> None:
    grade = grade_question(SERVERS, typed)
    assert grade.retry and not grade.correct
    assert "not" in (number_problem(SERVERS, typed) or "")


def test_a_remark_in_brackets_is_dropped_before_the_working_is_read() -> None:
    factor = number("Going from 99.9% to 99.99% divides the downtime by what factor?", "10",
                    tolerance=0.05)  # fmt: skip
    assert grade_question(factor, "a factor of ten (8.76 h -> 52.6 min)").correct
    assert read_figure("100M/(30*86400)", Dim.RATE).value == pytest.approx(38.58, rel=1e-3)


def test_a_figure_in_words_with_its_period_is_no_sentence() -> None:
    assert read_figure("about a thousand orders a second", Dim.RATE).value == 1000


def test_a_count_out_of_the_prompts_whole_is_the_count() -> None:
    slow = number("A service reports p99 = 150 ms. Out of 1,000 requests, about how many took "
                  "longer than 150 ms?", "10", tolerance=0.1)  # fmt: skip
    assert grade_question(slow, "10 out of 1000").correct
    assert grade_question(slow, "about 10 out of 1,000").correct
    assert not grade_question(slow, "990 out of 1000").correct


@pytest.mark.parametrize(
    ("typed", "value"),
    [("about 4, plus one spare", 5), ("20 plus 2 spares", 22), ("20 servers + 2 for failover", 22)],
)
def test_spares_added_to_a_count_are_in_the_total(typed: str, value: float) -> None:
    assert read_figure(typed, Dim.COUNT).value == value


def _console() -> Any:
    import io

    from rich.console import Console

    return Console(file=io.StringIO(), width=100, color_system=None)


def test_at_a_number_prompt_text_that_is_no_figure_costs_no_try() -> None:
    from sysdesign_cli.sessions.ask import ask
    from sysdesign_cli.sessions.scripted_asker import ScriptedAsker

    asker = ScriptedAsker(["One connection stays open", "ws -> kafka x3", "0x10", "not 20",
                           "20"])  # fmt: skip
    out = _console()
    outcome = ask(CONNECTIONS, asker, out)
    assert outcome.grade.correct and outcome.first_try and outcome.tries == 1
    assert len(asker.prompts) == 5
    text = " ".join(out.file.getvalue().split())
    assert "✗" not in text


def test_at_an_estimate_prompt_a_sentence_or_a_design_line_costs_no_try() -> None:
    from sysdesign_cli.core.loader import load_curriculum
    from sysdesign_cli.sessions.ask import ask
    from sysdesign_cli.sessions.scripted_asker import ScriptedAsker

    servers = next(step for lesson in load_curriculum().lessons.values() for step in lesson.steps
                   if getattr(step, "id", "") == "es-paste-servers")  # fmt: skip
    asker = ScriptedAsker(["Four servers behind one load balancer would be plenty",
                           "lb -> app x4", "4"])  # fmt: skip
    outcome = ask(servers, asker, _console())
    assert outcome.grade.correct and outcome.tries == 1
    assert len(asker.prompts) == 3


@pytest.mark.parametrize(
    ("qid", "typed", "right"),
    [("es-paste-servers", "four servers should be enough", True),
     ("es-paste-servers", "I'd go with four app servers", True),
     ("rc-sizing", "twenty servers would hold them all", True),
     ("rc-fan-out", "a hundred and fifty pushes right away", True),
     ("dl-shard-lookup", "one, the shard that k maps to", True)],
)
def test_a_sentence_counting_what_is_asked_is_an_answer(qid: str, typed: str,
                                                        right: bool) -> None:
    """A figure in words in a sentence about the very thing asked (`servers` of how many
    servers) is read; the sentence rule is for sentences about something else."""
    from sysdesign_cli.core.loader import load_curriculum
    from sysdesign_cli.sessions.ask import figure_validator, grade_any

    question = next(step for lesson in load_curriculum().lessons.values()
                    for step in lesson.steps if getattr(step, "id", "") == qid)  # fmt: skip
    if question.kind == "estimate":
        assert figure_validator(question.figure, question)(typed) is None
    else:
        assert number_problem(question, typed) is None
    assert grade_any(question, typed)[0].correct is right


def test_a_sentence_about_something_else_is_asked_again_where_the_count_is_named() -> None:
    from sysdesign_cli.core.loader import load_curriculum

    sizing = next(step for lesson in load_curriculum().lessons.values()
                  for step in lesson.steps if getattr(step, "id", "") == "rc-sizing")  # fmt: skip
    assert "sentence" in (number_problem(sizing, "One connection stays open") or "")


@pytest.mark.parametrize(
    ("typed", "value"),
    [("three orders of magnitude", 1000), ("2 orders of magnitude", 100),
     ("about one order of magnitude", 10)],
)
def test_orders_of_magnitude_read_as_the_factor(typed: str, value: float) -> None:
    assert read_figure(typed, Dim.COUNT).value == pytest.approx(value)


@pytest.mark.parametrize(
    ("typed", "dim", "value"),
    [("a terabyte", Dim.BYTES, 1e12), ("about a terabyte", Dim.BYTES, 1e12),
     ("an hour", Dim.DURATION, 3600)],
)
def test_a_unit_with_a_or_an_is_one_of_it(typed: str, dim: Dim, value: float) -> None:
    assert read_figure(typed, dim).value == pytest.approx(value)


def test_a_block_with_a_is_no_figure() -> None:
    with pytest.raises(Unreadable):
        read_figure("a cache", Dim.BYTES)
