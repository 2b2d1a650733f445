"""The askers: choices by number or text in plain mode (lists too), the self-assessment
checklist on all three askers, and what one asking of a question looks like (shuffled
anew, re-asked at no cost, hints that follow the mistake)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import pytest
from rich.console import Console

from sysdesign_cli.core.question_schema import (
    ChoiceQuestion,
    EstimateStep,
    MultiQuestion,
    NumberQuestion,
)
from sysdesign_cli.core.slips import SLIP_HINTS
from sysdesign_cli.sessions.ask import ask
from sysdesign_cli.sessions.picking import pick, pick_many
from sysdesign_cli.sessions.plain_asker import PlainAsker
from sysdesign_cli.sessions.scripted_asker import ScriptedAsker

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

    from sysdesign_cli.sessions.terminal_asker import TerminalAsker

    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        # Enter at once keeps the pre-ticked point; then down twice and space ticks the third.
        pipe.send_text("\r")
        kept = TerminalAsker().checklist("Tick", POINTS, checked=[POINTS[1]])
        pipe.send_text("\x1b[B\x1b[B \r")
        more = TerminalAsker().checklist("Tick", POINTS, checked=[POINTS[1]],
                                         flagged=[POINTS[0]])  # fmt: skip
    assert kept == [POINTS[1]]
    assert more == [POINTS[1], POINTS[2]]


LONG_CHOICES = [
    "The load balancer keeps sending traffic to the forty-nine healthy app servers "
    "while one is replaced",
    "Every request waits until the broken server has been repaired, checked and put back "
    "into service",
]


def drawn_list(kind: str, choices: list[str], size: tuple[int, int], ready: str,
               *moves: str) -> tuple[Any, list[str]]:  # fmt: skip
    """Ask a checkbox or select in a terminal of `size` (rows, columns); once `ready` is
    drawn, and after each of `moves` (keys), keep what was drawn so far; then pick the
    choice under the cursor. The answer, and the drawings kept."""
    import threading
    import time

    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output.vt100 import Vt100_Output

    from sysdesign_cli.sessions.terminal_asker import TerminalAsker

    drawn = io.StringIO()
    output = Vt100_Output(drawn, lambda: Size(rows=size[0], columns=size[1]), term="xterm")
    snapshots: list[str] = []
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=output):

        def answer() -> None:  # once the whole list is drawn, as it was drawn
            deadline = time.monotonic() + 10
            while ready not in drawn.getvalue() and time.monotonic() < deadline:
                time.sleep(0.05)
            snapshots.append(drawn.getvalue())
            for keys in moves:
                pipe.send_text(keys)
                time.sleep(1.0)
                snapshots.append(drawn.getvalue())
            pipe.send_text(" \r" if kind == "checkbox" else "\r")

        later = threading.Thread(target=answer)
        later.start()
        asker = TerminalAsker()
        got = asker.checkbox("Which?", choices) if kind == "checkbox" else (
            asker.select("Which?", choices))  # fmt: skip
        later.join()
    return got, snapshots


@pytest.mark.parametrize("kind, indent", [("checkbox", 5), ("select", 6)])  # after `1) `
@pytest.mark.parametrize("columns", [40, 60, 80])
def test_long_choices_wrap_between_words_under_their_text(
    kind: str, indent: int, columns: int
) -> None:
    import re

    got, first_draw = drawn_list(kind, LONG_CHOICES, (24, columns), "service")
    assert got in ([LONG_CHOICES[0]], LONG_CHOICES[0])
    text = re.sub(r"\x1b\[[0-?]*[ -/]*[@-~]", "", first_draw[0]).replace("\r", "")
    lines = text.split("\n")[1:]
    assert all(len(line) <= columns for line in lines)
    for choice in LONG_CHOICES:
        # Broken only where a space was, the rest of the choice under its first word.
        pattern = (r"(?: |\n" + " " * indent + ")").join(map(re.escape, choice.split()))
        assert re.search(pattern, text), (choice, text)


def test_a_long_refusal_under_a_typed_answer_is_shown_whole_between_words() -> None:
    import re
    import threading

    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output.vt100 import Vt100_Output

    from sysdesign_cli.sessions.terminal_asker import TerminalAsker

    message = ("1,000,000 is given in the question: work out what it asks for. "
               "(That costs no try.)")  # fmt: skip
    drawn = io.StringIO()
    output = Vt100_Output(drawn, lambda: Size(rows=24, columns=60), term="xterm")
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=output):
        pipe.send_text("1M\r")
        # The fix comes once the refusal has been drawn.
        later = threading.Timer(0.5, pipe.send_text, ["\x7f\x7f12\r"])
        later.start()
        got = TerminalAsker().text("Writes per second?",
                                   validate=lambda typed: message if typed == "1M" else None)
        later.join()
    assert got == "12"
    text = re.sub(r"\x1b\[[0-?]*[ -/]*[@-~]", "", drawn.getvalue()).replace("\r", "")
    assert re.search(r"(?: |\n)".join(map(re.escape, message.split())), text), text


def test_a_pasted_control_sequence_comes_back_as_text_from_a_widget() -> None:
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from sysdesign_cli.sessions.terminal_asker import TerminalAsker

    seen: list[str] = []
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("\x1b[200~\x1b]0;pwned\x07\u202e12\x1b[201~\r")
        got = TerminalAsker().text("Writes per second?", validate=lambda t: seen.append(t))
    assert got == seen[-1] == "\\x1b]0;pwned\\x07\\u202e12"


def test_a_typed_answer_is_judged_on_enter_not_at_every_key() -> None:
    import threading

    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from sysdesign_cli.sessions.terminal_asker import TerminalAsker

    seen: list[str] = []
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("1")
        later = threading.Timer(0.5, pipe.send_text, ["2 QPS\r"])  # typed, not pasted
        later.start()
        TerminalAsker().text("Writes per second?", validate=lambda t: seen.append(t))
        later.join()
    assert seen == ["12 QPS"]  # "1", "12", "12 Q"... were never refused on the way


def test_a_word_wider_than_the_line_is_left_whole_for_the_window_to_cut() -> None:
    from sysdesign_cli.sessions.widget_wrap import word_wrapped

    fragments = [("", " » "), ("[SetCursorPosition]", ""), ("class:text", "x" * 30 + " y")]
    wrapped = "".join(text for _style, text, *_ in word_wrapped(fragments, 20, 3))
    assert wrapped == " » " + "x" * 30 + "\n   y"


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


@pytest.mark.parametrize("asking", ["?", "help", "Hint"])
def test_asking_for_help_where_a_figure_goes_says_how_hints_come_and_costs_no_try(
    asking: str,
) -> None:
    from sysdesign_cli.sessions.ask import ASKED_FOR_HELP, figure_validator

    asker = ScriptedAsker([asking, "116"])
    outcome = ask(QPS, asker, console())
    assert outcome.grade.correct and outcome.tries == 1
    assert figure_validator("avg_qps")(asking) == ASKED_FOR_HELP
    assert "a wrong one brings a hint" in ASKED_FOR_HELP


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




TALL_CHOICES = [f"Question number {n} asks the interviewer about part {n} of it, ending word{n}"
                for n in range(1, 9)]  # fmt: skip


@pytest.mark.parametrize("kind", ["checkbox", "select"])
def test_a_list_taller_than_the_terminal_shows_the_whole_choice_under_the_cursor(
    kind: str,
) -> None:
    # At 20 columns by 24 rows the clarify list is three screens tall: it scrolls with the
    # cursor, and the choice the cursor is on shows whole, not its first line alone.
    import re

    last = len(TALL_CHOICES) - 1
    got, snapshots = drawn_list(kind, TALL_CHOICES, (24, 20), "word1", "\x1b[B" * last)
    assert got in ([TALL_CHOICES[last]], TALL_CHOICES[last])
    first, moved = (re.sub(r"\x1b\[[0-?]*[ -/]*[@-~]", "", s) for s in snapshots)
    assert f"word{last + 1}" not in first  # below the screen at first
    assert f"word{last + 1}" in moved[len(first):]  # the last line of the choice shown


def test_the_typed_limit_and_the_graded_limit_are_two_names() -> None:
    # One name stood for both: 5,000 characters the asker takes, 2,000 the grader reads.
    from sysdesign_cli.core import tokens, words
    from sysdesign_cli.sessions import asker

    assert not any(hasattr(module, "MAX_ANSWER") for module in (asker, tokens, words))
    assert tokens.MAX_GRADED_CHARS < asker.MAX_TYPED_ANSWER
    assert asker.too_long("x" * asker.MAX_TYPED_ANSWER) is None
    assert asker.too_long("x" * (asker.MAX_TYPED_ANSWER + 1)) is not None
    # An answer the asker takes is graded on its start: the words past the limit are unread.
    long = "a " * tokens.MAX_GRADED_CHARS + "replica"
    assert asker.too_long(long) is None and "replica" not in words.raw_words(long)


def test_a_vendors_product_named_for_the_kind_asked_costs_no_try() -> None:
    """`ELB` for "what spreads requests": the learner knows the thing, not yet the name
    the field gives it; asked again at no cost, like a figure the question gave."""
    from sysdesign_cli.core.question_schema import TextQuestion

    spreads = TextQuestion.model_validate({
        "kind": "question", "id": "t-lb", "topic": "t", "type": "text",
        "prompt": "Which block spreads requests over the app servers?",
        "accept": ["load balancer"], "explanation": "A load balancer spreads them.",
    })  # fmt: skip
    out = console()
    outcome = ask(spreads, ScriptedAsker(["ELB", "a load balancer"]), out)
    assert outcome.grade.correct and outcome.first_try and outcome.tries == 1
    said = " ".join(out.file.getvalue().split())
    assert "name the kind of thing it is" not in said  # the refusal is the asker's, not graded
    wrong = ask(spreads, ScriptedAsker(["a database", "dns"]), console())
    # A wrong answer is graded (its one try spent), not asked again.
    assert (wrong.grade.correct, wrong.tries, wrong.response) == (False, 1, "a database")


def _select_with_keys(choices: list[str], keys: str) -> str:
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from sysdesign_cli.sessions.terminal_asker import TerminalAsker

    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(keys)
        return TerminalAsker().select("Which?", choices)


def test_a_number_key_moves_to_its_choice_in_an_arrow_key_menu() -> None:
    assert _select_with_keys(CHOICES, "3\r") == CHOICES[2]
    assert _select_with_keys(CHOICES, "4" + "\x1b[A" + "\r") == CHOICES[2]  # then the arrows


def test_past_nine_choices_the_menu_keeps_to_the_arrows() -> None:
    many = [f"Choice {letter}" for letter in "ABCDEFGHIJKL"]  # 12: no 0, a, b... keys
    assert _select_with_keys(many, "3\r") == many[0]  # a number does nothing here
    assert _select_with_keys(many, "j\x1b[B\r") == many[2]  # j still moves down


MULTI_TWO_HINTS = MultiQuestion.model_validate({
    "kind": "question", "id": "t-multi-2", "topic": "t", "prompt": "Which of these hold state?",
    "explanation": "-", "type": "multi", "choices": ["Database", "Cache", "Load balancer", "CDN"],
    "answers": ["Database", "Cache"],
    "hints": ["Which keep data between requests?",
              "A copy of hot data kept in memory is data too: where is it kept, in a cache?"],
})  # fmt: skip


def hints_said(question: MultiQuestion, tries: list[list[str]]) -> list[str]:
    out = console()
    ask(question, ScriptedAsker(tries), out)
    return [line.removeprefix("Hint: ") for line in out.file.getvalue().splitlines()
            if line.startswith("Hint: ")]  # fmt: skip


def test_after_a_wrong_tick_the_hint_is_about_that_tick() -> None:
    said = hints_said(MULTI_TWO_HINTS, [["Database", "CDN"], ["Database", "Cache", "Load balancer"],
                                        ["Database", "Cache"]])  # fmt: skip
    assert said[0].startswith('"CDN" is not one of them')
    assert said[1].startswith('"Load balancer" is not one of them')
    assert not any("Cache" in hint.partition(" is not")[0] for hint in said)  # a right one


def test_after_a_short_list_the_hint_is_the_one_about_what_is_missing() -> None:
    # Cache left out: the author's second hint, about caches, comes first.
    said = hints_said(MULTI_TWO_HINTS, [["Database"], ["Database", "Cache"]])
    assert said == [MULTI_TWO_HINTS.hints[1]]
    # Database left out: nothing in either hint is nearer, so the first, as written.
    said = hints_said(MULTI_TWO_HINTS, [["Cache"], ["Database", "Cache"]])
    assert said == [MULTI_TWO_HINTS.hints[0]]


def test_the_hint_for_what_is_missing_keeps_the_authors_vague_first_order() -> None:
    from sysdesign_cli.core.multi_hints import multi_hint

    hints = ["Think about size and speed.", "Size, speed and dependability: which is each?"]
    answers = ["Size", "Speed", "Dependability"]
    # Both hints share words with what is missing; the vaguer, written first, comes first.
    assert multi_hint(answers, ["Size"], hints, shown=()) == hints[0]
    assert multi_hint(answers, ["Size"], hints, shown=(hints[0],)) == hints[1]


def test_a_missing_option_is_never_named() -> None:
    from sysdesign_cli.core.multi_hints import STILL_SHORT, multi_hint

    hint = multi_hint(["Database", "Cache"], ["Database"], [], shown=())
    assert hint == STILL_SHORT and "Cache" not in hint
    assert multi_hint(["Database", "Cache"], ["Database"], [], shown=(STILL_SHORT,)) is None


def test_a_retry_asks_the_question_alone_not_its_whole_setting_again() -> None:
    setting = ChoiceQuestion.model_validate({
        "kind": "question", "id": "t-setting", "topic": "t",
        "prompt": "A design for it:\n\n    client -> app -> db\n\nWhich block gives way first?",
        "explanation": "-", "type": "choice", "choices": ["app", "db", "client"],
        "answer": "app", "hints": ["one", "two"],
    })  # fmt: skip
    asker = ScriptedAsker(["db", "client", "app"])
    ask(setting, asker, console())
    assert asker.prompts[0] == setting.prompt.strip()
    assert asker.prompts[1:] == ["Which block gives way first?"] * 2


def test_a_plain_answer_is_judged_by_its_own_length_not_the_askers_state() -> None:
    """The length of a line read was kept on the asker for `text` to read back; a line's
    length now goes straight from the read to the check, and the asker keeps nothing."""
    from sysdesign_cli.sessions.asker import MAX_TYPED_ANSWER

    out = console()
    asker = PlainAsker(out, io.StringIO("x" * (MAX_TYPED_ANSWER + 1) + "\nshort answer\n"))
    kept = dict(vars(asker))
    assert asker.text("Why?") == "short answer"
    assert f"That answer is {MAX_TYPED_ANSWER + 1:,} characters long" in out.file.getvalue()
    assert vars(asker) == kept and not hasattr(asker, "length")


@pytest.mark.parametrize(("text", "width", "rows"), [
    pytest.param("aaa bbb ccc", 8, ["aaa bbb", "ccc"], id="a-word-past-the-edge-moves"),
    pytest.param("aaa bbbb cc", 8, ["aaa", "bbbb cc"], id="a-word-ending-at-the-edge-moves"),
    pytest.param("aaa bbbb", 8, ["aaa bbbb"], id="the-last-word-at-the-edge-stays"),
    pytest.param("a bbbbbbbbbbb", 8, ["a bbbbbb", "bbbbb"], id="a-word-wider-than-a-row"),
])  # fmt: skip
def test_a_typed_line_is_padded_to_wrap_between_words(
    text: str, width: int, rows: list[str],
) -> None:  # fmt: skip
    from sysdesign_cli.sessions.answer_wrap import padded

    out, _pads = padded([("", char) for char in text], width, lambda _rows: 0)
    drawn = "".join(fragment[1] for fragment in out)
    # The window then wraps every `width` cells, as prompt_toolkit does.
    assert [drawn[i:i + width].rstrip() for i in range(0, len(drawn), width)] == rows
