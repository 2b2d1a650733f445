"""Test-wise guessers (`core/guessers.py`, reported by `validate --stats`): what each strategy
favours, what it scores graded as the quiz grades, and the shipped curriculum held within
chance plus 10 points by every one of them."""

from __future__ import annotations

import random
from itertools import permutations
from typing import Any

import pytest
from typer.testing import CliRunner

from sysdesign_cli.cli.app import app
from sysdesign_cli.core import guess_scores as score
from sysdesign_cli.core import guessers as g
from sysdesign_cli.core.curriculum import Lesson
from sysdesign_cli.core.curriculum_stats import (
    BOT_MARGIN,
    asked_questions,
    bot_scores,
    stats,
)
from sysdesign_cli.core.guess_scores import Try
from sysdesign_cli.core.guessers import Asked
from sysdesign_cli.core.loader import Curriculum, load_curriculum
from sysdesign_cli.sessions.ask import shuffled


def asked(options: list[str], right: list[str], prompt: str = "Which one?",
          kind: str = "choice") -> Asked:  # fmt: skip
    return Asked("lesson:t", "q", kind, prompt, tuple(options), frozenset(right))


def favourites(favour: g.Favour, options: list[str], prompt: str = "Which one?") -> list[str]:
    values = favour(prompt, options)
    return [option for option, value in zip(options, values) if value == max(values)]


# ---------------------------------------------------------------- what each one favours


def test_overlap_counts_the_prompts_words_stemmed() -> None:
    prompt = "Which block caches the answers to repeated reads?"
    options = ["A cache keeps recent answers", "A queue holds jobs", "Reading repeats"]
    assert g.by_overlap(prompt, options) == [2.0, 0.0, 2.0]  # cach+answer; read+repeat


def test_specificity_counts_numbers_units_names_and_acronyms() -> None:
    assert g.specificity("It reads Redis in 0.5 ms over the LAN") == 4
    assert g.specificity("Redis answers") == 0  # a capital that starts the option: no name
    assert g.specificity("PostgreSQL answers") == 1  # capitals inside the word: a name
    assert g.specificity("It answers quickly") == 0
    assert favourites(g.by_specificity, ["Quickly", "In 10 ms on Redis", "Soon enough"]) == [
        "In 10 ms on Redis"
    ]


@pytest.mark.parametrize(
    ("option", "value"),
    [
        pytest.param("It can usually help", 2, id="two-hedges"),
        pytest.param("It always works and never fails", -2, id="two-absolutes"),
        pytest.param("Most requests can wait; none must", 0, id="balanced"),
        pytest.param("Ask about the scale first", 0, id="about-is-not-a-hedge"),
    ],
)
def test_hedging_weighs_hedges_against_absolutes(option: str, value: int) -> None:
    assert g.hedging(option) == value


def test_hedged_and_absolute_bots_favour_opposite_options() -> None:
    options = ["It usually works", "It always works", "It works"]
    assert favourites(g.by_hedges, options) == ["It usually works"]
    assert favourites(g.by_absolutes, options) == ["It always works"]


def test_odd_one_out_and_convergence() -> None:
    options = [
        "the cache answers reads from memory",
        "the cache answers writes from memory",
        "the cache answers reads from disk",
        "a queue defers slow jobs",
    ]
    assert favourites(g.by_oddness, options) == ["a queue defers slow jobs"]
    assert favourites(g.by_convergence, options) == ["the cache answers reads from memory"]


def test_clauses_count_commas_semicolons_brackets_and_contrasts() -> None:
    assert g.clauses("It drops, since users wait; the work (resizing) happens later") == 3
    assert g.clauses("It drops but the work still happens rather than vanishing") == 2
    options = ["It drops", "It drops, then rises", "It rises; it drops, later"]
    assert favourites(g.by_clauses, options) == ["It rises; it drops, later"]


def test_an_option_that_argues_for_itself_gives_a_reason() -> None:
    options = ["Keep it, since queues are safe", "Drop it", "Keep it so nothing is lost",
               "Keep it because it buffers", "Keep it, as it buffers writes"]  # fmt: skip
    assert favourites(g.by_no_reason, options) == ["Drop it"]
    assert len(favourites(g.by_reason, options)) == 4


def test_negations_costs_and_yes_or_no() -> None:
    options = ["It does not scale, with no plan", "It scales", "It cannot scale"]
    assert favourites(g.by_negations, options) == ["It does not scale, with no plan"]
    assert favourites(g.by_no_negations, options) == ["It scales"]
    priced = ["Pay for a second zone", "Add a cache", "Trade latency for throughput"]
    assert favourites(g.by_cost, priced) == [priced[0], priced[2]]
    answers = ["Yes; it is cached", "No; it is not", "Nobody knows", "Yesterday's copy"]
    assert favourites(g.by_no, answers) == ["No; it is not"]
    assert favourites(g.by_yes, answers) == ["Yes; it is cached"]


@pytest.mark.parametrize(
    ("options", "middle"),
    [
        pytest.param(["30 ms", "10 ms", "20 ms"], ["20 ms"], id="odd-count"),
        pytest.param(["1 s", "10 ms", "100 ms", "2 ms"], ["10 ms", "100 ms"], id="units"),
        pytest.param(["10^3", "10^5", "10^4", "10^2"], ["10^3", "10^4"], id="powers"),
        pytest.param(["10 ms", "5 GB", "3 s"], [], id="mixed-kinds"),
        pytest.param(["10 ms", "fast", "3 s"], [], id="not-all-numbers"),
    ],
)
def test_middle_value(options: list[str], middle: list[str]) -> None:
    picked = [option for option, v in zip(options, g.by_middle("", options)) if v]
    assert sorted(picked) == sorted(middle)


@pytest.mark.parametrize(
    ("option", "stands_for_all"),
    [
        ("All of the above", True),
        ("None of these", True),
        ("Both", True),
        ("Neither of them", True),
        ("All three apply", True),
        ("Adding servers and spreading requests over all of them", False),
        ("Both replicas sit in one zone", False),
    ],
)
def test_all_or_none_of_the_above(option: str, stands_for_all: bool) -> None:
    assert bool(g.ALL_OR_NONE.search(option)) is stands_for_all


# ---------------------------------------------------------------- scores


def test_a_choice_bot_splits_ties_and_has_no_opinion_when_all_tie() -> None:
    question = asked(["aaaa", "bbbb", "cc", "d"], ["aaaa"])
    assert score.choice_try(g.by_length, question) == Try(0.5, 0.25)
    assert score.choice_try(g.by_shortness, question) == Try(0.0, 0.25)
    assert score.choice_try(g.by_length, asked(["ab", "cd"], ["ab"])) is None


def test_a_choose_stage_counts_every_defensible_choice() -> None:
    question = asked(["long right one", "right", "no"], ["long right one", "right"])
    assert score.choice_try(g.by_length, question) == Try(1.0, pytest.approx(2 / 3))


def test_multi_fixed_strategies_score_as_the_quiz_grades() -> None:
    two_of_four = asked(["a", "b", "c", "d"], ["a", "b"], kind="multi")
    three_of_four = asked(["a", "b", "c", "d"], ["a", "b", "c"], kind="multi")
    assert score.multi_fixed_try("all", two_of_four).score == 0.0  # 2 right, 2 wrong
    assert score.multi_fixed_try("all", three_of_four).score == pytest.approx(2 / 3)
    assert score.multi_fixed_try("none", three_of_four).score == 0.0


def test_multi_chance_is_the_mean_over_every_set_of_ticks() -> None:
    # One right of two: {} 0, {a} 1, {b} 0, {a, b} max(0, 1 - 1) = 0.
    assert score.multi_chance(asked(["a", "b"], ["a"], kind="multi")) == 0.25


def test_the_longer_half_ticks_the_options_longer_than_the_median() -> None:
    question = asked(["one", "three", "a longer one", "the longest of all"],
                     ["a longer one", "the longest of all"], kind="multi")  # fmt: skip
    assert score.multi_try(g.by_length, question) == Try(1.0, score.multi_chance(question))


def _mean_in_place_of_the_shown_order(n: int) -> float:
    """Exactly what submitting the shown order scores: every fair shuffle, with the
    session's rule for the one that comes out right."""
    items = [str(i) for i in range(n)]
    total = 0
    for order in permutations(items):
        shown = list(order)
        if shown == items:
            shown = shown[1:] + shown[:1]
        total += sum(a == b for a, b in zip(shown, items))
    count = len(list(permutations(items)))
    return total / count / n


@pytest.mark.parametrize("n", [2, 3, 4, 6])
def test_order_as_shown_matches_the_sessions_shuffle(n: int) -> None:
    question = asked([str(i) for i in range(n)], [str(i) for i in range(n)], kind="order")
    exact = _mean_in_place_of_the_shown_order(n)
    assert score.order_as_shown(question).score == pytest.approx(exact)
    rng = random.Random(7)
    items = list(question.options)
    sampled = [sum(a == b for a, b in zip(shuffled(items, rng.random(), avoid_same=True), items))
               for _ in range(4000)]  # fmt: skip
    assert sum(sampled) / len(sampled) / n == pytest.approx(score.order_as_shown(question).score,
                                                             abs=0.03)  # fmt: skip


def test_order_as_the_prompt_names_them() -> None:
    items = ["DNS lookup", "TCP connect", "Cache check"]
    named = asked(items, items, prompt="First DNS, then TCP, then the cache.", kind="order")
    assert score.order_as_written(named) == Try(1.0, pytest.approx(1 / 3))
    backwards = asked(items, items, prompt="The cache, after TCP, after DNS.", kind="order")
    assert score.order_as_written(backwards).score == pytest.approx(1 / 3)  # the middle one
    silent = asked(items, items, prompt="Put them in order.", kind="order")
    assert score.order_as_written(silent) is None


def test_items_the_prompt_cannot_tell_apart_are_in_place_by_chance() -> None:
    items = ["DNS lookup", "Alpha", "Beta"]  # DNS named first; the other two tie
    question = asked(items, items, prompt="Start with DNS.", kind="order")
    assert score.order_as_written(question).score == pytest.approx((1 + 0.5 + 0.5) / 3)


def test_order_by_numbers() -> None:
    items = ["L1 cache 0.5 ns", "Memory 100 ns", "Datacentre round trip 0.5 ms"]
    question = asked(items, items, kind="order")
    assert score.order_by_numbers(question).score == 1.0
    assert score.order_by_numbers(question, falling=True).score == pytest.approx(1 / 3)
    assert score.order_by_numbers(asked(["one", "2 ms"], ["one", "2 ms"], kind="order")) is None


# ---------------------------------------------------------------- over a curriculum


def _question(qid: str, answer: str, *wrong: str, prompt: str = "Which one?") -> dict[str, Any]:
    return {"kind": "question", "id": qid, "type": "choice", "topic": "basics",
            "prompt": prompt, "choices": [*wrong, answer], "answer": answer,
            "explanation": "Because."}  # fmt: skip


def _curriculum(*questions: dict[str, Any]) -> Curriculum:
    lesson = Lesson.model_validate({"id": "alpha", "title": "Alpha", "summary": "A lesson.",
                                    "topics": ["basics"], "order": 1,
                                    "steps": list(questions)})  # fmt: skip
    return Curriculum(lessons={"alpha": lesson})


def test_a_curriculum_whose_answers_hedge_is_caught() -> None:
    found = _curriculum(
        _question("q1", "It usually helps", "It always helps", "It never helps"),
        _question("q2", "It can fail", "It must fail", "It fails"),
        _question("q3", "Red", "Blue", "Green"),  # no hedge anywhere: not counted
    )
    figures = stats(found)
    hedged = next(b for b in figures.bots if b.strategy == "hedged over absolute"
                  and b.kind == "choice")  # fmt: skip
    assert (hedged.questions, hedged.score) == (2, 1.0)
    assert hedged.chance == pytest.approx(1 / 3)
    assert hedged.wins == ("q1", "q2")
    assert not hedged.within_margin and not figures.guessers_within_margin
    absolute = next(b for b in figures.bots if b.strategy == "absolute over hedged"
                    and b.kind == "choice")  # fmt: skip
    assert (absolute.questions, absolute.score) == (2, 0.0)  # "always"/"never", then "must"


def test_overall_rows_pool_every_kind_a_strategy_plays() -> None:
    questions = [asked(["x", "yy"], ["yy"]),
                 asked(["aa", "b", "cccc", "d"], ["cccc", "aa"], kind="multi")]  # fmt: skip
    scores = {(b.strategy, b.kind): b for b in bot_scores(questions)}
    overall = scores[("longest", "all")]
    assert overall.questions == 2
    assert overall.score == pytest.approx((1.0 + 1.0) / 2)
    assert scores[("tick everything", "multi")].score == 0.0


# ---------------------------------------------------------------- the shipped curriculum

SHIPPED = load_curriculum()
FIGURES = stats(SHIPPED)


def test_the_guessers_see_lessons_exercises_and_interview_cards() -> None:
    sources = {one.source.split(":")[0] for one in asked_questions(SHIPPED)}
    assert sources == {"lesson", "exercise", "interview"}
    kinds = {bot.kind for bot in FIGURES.bots if bot.questions}
    assert kinds == {"all", "choice", "multi", "order"}


@pytest.mark.parametrize("bot", [b for b in FIGURES.bots if b.questions and b.held],
                         ids=lambda b: f"{b.kind}-{b.strategy}")  # fmt: skip
def test_no_guesser_beats_chance_by_more_than_the_margin(bot: Any) -> None:
    """Lessons and exercises: every strategy, by kind and over every kind."""
    assert bot.score - bot.chance <= BOT_MARGIN + 1e-9, (bot.score, bot.chance, bot.wins)


def test_stats_print_the_guessers() -> None:
    result = CliRunner().invoke(app, ["validate", "--stats"])
    out = " ".join(result.output.split())
    assert "Test-wise guessers: lessons and exercises" in out
    assert "Test-wise guessers: interview review cards" in out
    hedged = next(b for b in FIGURES.bots if b.strategy == "hedged over absolute"
                  and b.kind == "choice")  # fmt: skip
    assert (f"hedged over absolute choice {hedged.questions} {hedged.score:.0%} "
            f"{hedged.chance:.0%} ✓") in out  # fmt: skip
