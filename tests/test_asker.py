"""The askers: choices by number or text in plain mode (lists too), the self-assessment
checklist on all three askers, and what one asking of a question looks like (shuffled
anew, re-asked at no cost, hints that follow the mistake)."""

from __future__ import annotations

import io
from collections.abc import Sequence

import pytest
from rich.console import Console

from sysdesign_cli.core.curriculum import (
    ChoiceQuestion,
    EstimateStep,
    MultiQuestion,
    NumberQuestion,
)
from sysdesign_cli.core.slips import SLIP_HINTS
from sysdesign_cli.sessions.ask import ask
from sysdesign_cli.sessions.asker import PlainAsker, ScriptedAsker, pick, pick_many

CHOICES = ["Load balancer", "Read replica and cache", "Message queue", "CDN"]


def console() -> Console:
    return Console(file=io.StringIO(), width=100, color_system=None)


@pytest.mark.parametrize(
    ("typed", "picked"),
    [
        pytest.param("1", "Load balancer", id="number"),
        pytest.param(" 4. ", "CDN", id="number-with-a-dot"),
        pytest.param("load balancer", "Load balancer", id="text"),
        pytest.param("lod balancer", "Load balancer", id="text-with-a-typo"),
        pytest.param("LB", "Load balancer", id="abbreviation"),
        pytest.param("message queues", "Message queue", id="plural"),
        pytest.param("5", None, id="out-of-range"),
        pytest.param("0", None, id="zero"),
        pytest.param("10²", None, id="superscript"),
        pytest.param("²", None, id="only-a-superscript"),
        pytest.param("①", None, id="circled-digit"),
        pytest.param("٣", None, id="arabic-indic-digit"),
        pytest.param("9" * 5000, None, id="5000-digits"),
        pytest.param("printer", None, id="no-such-choice"),
        pytest.param("replica and cache", "Read replica and cache", id="a-part-of-one-text"),
        pytest.param("balancer", None, id="one-word-of-a-text-is-too-little"),
        pytest.param("", None, id="empty"),
    ],
)
def test_pick(typed: str, picked: str | None) -> None:
    assert pick(typed, CHOICES) == picked


@pytest.mark.parametrize(
    ("typed", "picked"),
    [
        pytest.param("1,3", [0, 2], id="commas"),
        pytest.param("1 3", [0, 2], id="spaces"),
        pytest.param("3, 1 and 4", [2, 0, 3], id="and"),
        pytest.param("3; 1", [2, 0], id="semicolon"),
        pytest.param("3 > 1 > 2", [2, 0, 1], id="greater-than"),
        pytest.param("cdn -> load balancer", [3, 0], id="arrows-and-texts"),
        pytest.param("Read replica and cache, CDN", [1, 3], id="a-choice-that-holds-and"),
        pytest.param("2 then 4", [1, 3], id="then"),
        pytest.param("1 3 and 4", [0, 2, 3], id="spaces-then-and"),
        pytest.param("1, 9", None, id="a-part-names-nothing"),
        pytest.param("1, 10²", None, id="a-superscript-part"),
    ],
)
def test_pick_many(typed: str, picked: list[int] | None) -> None:
    expected = None if picked is None else [CHOICES[i] for i in picked]
    assert pick_many(typed, CHOICES) == expected


@pytest.mark.parametrize("bad", ["10²", "²", "①", "9" * 5000, "lots"])
def test_a_plain_choice_prompt_asks_again_with_a_clear_line(bad: str) -> None:
    out = console()
    asker = PlainAsker(out, io.StringIO(f"{bad}\n2\n"))
    assert asker.select("Which?", CHOICES) == CHOICES[1]
    assert "Answer with a number from 1 to 4, or the text of a choice." in out.file.getvalue()


def test_plain_order_reads_arrows_and_texts() -> None:
    asker = PlainAsker(console(), io.StringIO("cdn -> 1 -> message queue -> 2\n"))
    assert asker.order("Order?", CHOICES) == [CHOICES[3], CHOICES[0], CHOICES[2], CHOICES[1]]


# ---------------------------------------------------------------- the checklist

POINTS = ["The database exists once", "Add a replica", "Expire old pastes"]


def test_plain_checklist_is_a_yes_or_no_per_point_with_the_found_ones_as_default() -> None:
    out = console()
    asker = PlainAsker(out, io.StringIO("\n\nyes\n"))
    ticked = asker.checklist("Tick", POINTS, checked=[POINTS[0]], flagged=[POINTS[1]])
    assert ticked == [POINTS[0], POINTS[2]]
    text = out.file.getvalue()
    assert "found in your answer" in text
    assert "judged contradicted by your answer" in text
    assert text.count("Did your answer make this point?") == 3


def test_scripted_checklist_keeps_the_ticks_or_takes_a_list() -> None:
    asker = ScriptedAsker([ScriptedAsker.KEEP, [POINTS[2]], []])
    assert asker.checklist("Tick", POINTS, checked=[POINTS[1]]) == [POINTS[1]]
    assert asker.checklist("Tick", POINTS, checked=[POINTS[1]]) == [POINTS[2]]
    assert asker.checklist("Tick", POINTS) == []


def test_terminal_checklist_starts_with_the_found_points_ticked() -> None:
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from sysdesign_cli.sessions.asker import TerminalAsker

    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        # Enter at once keeps the pre-ticked point; then down twice and space ticks the third.
        pipe.send_text("\r")
        kept = TerminalAsker().checklist("Tick", POINTS, checked=[POINTS[1]])
        pipe.send_text("\x1b[B\x1b[B \r")
        more = TerminalAsker().checklist("Tick", POINTS, checked=[POINTS[1]],
                                         flagged=[POINTS[0]])  # fmt: skip
    assert kept == [POINTS[1]]
    assert more == [POINTS[1], POINTS[2]]


# ---------------------------------------------------------------- one asking


class Recording(ScriptedAsker):
    """A scripted asker that also keeps the order each list of choices was shown in."""

    def __init__(self, answers: Sequence[object]) -> None:
        super().__init__(answers)
        self.shown: list[list[str]] = []

    def select(self, prompt: str, choices: Sequence[str]) -> str:
        self.shown.append(list(choices))
        return super().select(prompt, choices)


CHOICE = ChoiceQuestion.model_validate({
    "kind": "question", "id": "t-choice", "topic": "t", "prompt": "Which?",
    "explanation": "-", "type": "choice", "choices": ["A1", "B2", "C3", "D4", "E5", "F6"],
    "answer": "F6", "hints": ["one", "two"],
})  # fmt: skip


def test_choices_are_shuffled_anew_at_every_asking_yet_stable_across_retries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SYSDESIGN_SEED", raising=False)
    orders = []
    for _ in range(8):
        asker = Recording(["A1", "B2", "F6"])  # two misses, then right
        ask(CHOICE, asker, console())
        assert asker.shown[0] == asker.shown[1] == asker.shown[2]
        orders.append(tuple(asker.shown[0]))
    assert len(set(orders)) > 1


def test_a_seed_fixes_the_order_for_scripts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SYSDESIGN_SEED", "1")
    orders = set()
    for _ in range(4):
        asker = Recording(["F6"])
        ask(CHOICE, asker, console())
        orders.add(tuple(asker.shown[0]))
    assert len(orders) == 1


QPS = NumberQuestion.model_validate({
    "kind": "question", "id": "t-qps", "topic": "t", "explanation": "-", "type": "number",
    "prompt": "1,000,000 users make 10 requests each a day. Average QPS?", "answer": "116/s",
    "unit": "QPS", "hints": ["Divide by the seconds in a day."],
})  # fmt: skip


def test_unreadable_empty_and_restated_answers_cost_no_try() -> None:
    out = console()
    asker = ScriptedAsker(["lots", "", "1,000,000", "10M/day", "116"])
    outcome = ask(QPS, asker, out)
    assert outcome.grade.correct and outcome.first_try and outcome.tries == 1
    text = " ".join(out.file.getvalue().split())
    assert "✓" in text and "✗" not in text


def test_a_diagnosed_slip_gets_the_hint_about_it() -> None:
    step = EstimateStep.model_validate({
        "kind": "estimate", "id": "t-est", "topic": "t", "figure": "avg_qps",
        "prompt": "1,000,000 users, 10 requests each a day.", "explanation": "-",
        "inputs": {"dau": 1_000_000, "requests_per_user": 10},
        "hints": ["First find requests per day.", "Then divide by 86,400."],
    })  # fmt: skip
    out = console()
    # 10M is the day's count: the slip is forgetting to divide by the seconds in a day.
    ask(step, ScriptedAsker(["10M", "116"]), out)
    text = " ".join(out.file.getvalue().split())
    slip = SLIP_HINTS["forgot to divide by 86,400 seconds per day"]
    assert f"Hint: {slip}" in text
    assert "Hint: First find requests per day." not in text


MULTI = MultiQuestion.model_validate({
    "kind": "question", "id": "t-multi", "topic": "t", "prompt": "Which of these hold state?",
    "explanation": "-", "type": "multi", "choices": ["Database", "Cache", "Load balancer", "CDN"],
    "answers": ["Database", "Cache"], "hints": ["Which keep data between requests?"],
})  # fmt: skip


@pytest.mark.parametrize(
    ("first", "nudge"),
    [
        pytest.param(["Database", "CDN"], "of your picks, 1 is right and 1 is not",
                     id="one-right-one-wrong"),
        pytest.param(["Database"], "what you picked is right, but something is missing",
                     id="right-but-short"),
        pytest.param(["CDN", "Load balancer"], "none of your picks is right", id="all-wrong"),
    ],
)
def test_a_wrong_multi_try_never_tells_how_many_options_are_right(
    first: list[str], nudge: str
) -> None:
    """Before the last try the learner hears how their picks fared, not the number of right
    options; the full count comes in the final verdict."""
    out = console()
    outcome = ask(MULTI, ScriptedAsker([first, ["Cache", "CDN"]]), out)
    text = " ".join(out.file.getvalue().split())
    before_last, verdict = text.split("Try again.")
    assert nudge in before_last
    assert "of 2" not in before_last and "2 right" not in before_last
    assert not outcome.grade.correct and outcome.tries == 2
    assert "✗ 1 of 2 right answers picked, and 1 that is not." in verdict


def test_a_wrong_multi_try_in_plain_mode_says_how_the_picks_fared() -> None:
    out = console()
    typed = "database, cdn\ndatabase and cache\n"  # choice texts: the numbers are shuffled
    outcome = ask(MULTI, PlainAsker(out, io.StringIO(typed)), out)
    text = " ".join(out.file.getvalue().split())
    assert "Not quite: of your picks, 1 is right and 1 is not." in text
    assert "right answers picked" not in text
    assert outcome.grade.correct and outcome.tries == 2


def test_no_format_example_gives_the_answer_away() -> None:
    asker = ScriptedAsker(["116"])
    step = EstimateStep.model_validate({
        "kind": "estimate", "id": "t-est2", "topic": "t", "figure": "avg_qps",
        "prompt": "1,000,000 users, 10 requests each a day.", "explanation": "-",
        "inputs": {"dau": 1_000_000, "requests_per_user": 10},
    })  # fmt: skip
    ask(step, asker, console())
    assert "116" not in asker.prompts[0] and "e.g." in asker.prompts[0]


