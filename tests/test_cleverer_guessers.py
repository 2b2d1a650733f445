"""The guessers that read around a question (other questions' feedback and options, the
lesson text before it), its form (grammar, repeated key words, register, figures), where
earlier answers sat, and the learned guesser scored on lessons it was not trained on."""

from __future__ import annotations

from typing import Any

import pytest

from sysdesign_cli.core import guess_form as form
from sysdesign_cli.core import guess_reading as reading
from sysdesign_cli.core.curriculum import Lesson
from sysdesign_cli.core.curriculum_stats import LEARNED, stats
from sysdesign_cli.core.guess_learned import _solve, held_out_tries
from sysdesign_cli.core.guess_positions import (
    PLACE_STRATEGIES,
    least_used_place,
    not_the_last_place,
    place_tries,
)
from sysdesign_cli.core.guess_scores import Try
from sysdesign_cli.core.guess_seen import asked_questions
from sysdesign_cli.core.guessers import Asked, Neighbour
from sysdesign_cli.core.loader import Curriculum


def asked(options: list[str], right: list[str], prompt: str = "Which one?", *,
          kind: str = "choice", taught: str = "", others: tuple[Neighbour, ...] = (),
          source: str = "lesson:t", qid: str = "q") -> Asked:  # fmt: skip
    return Asked(source, qid, kind, prompt, tuple(options), frozenset(right), taught, others)


def top(values: list[float], options: list[str]) -> list[str]:
    return [option for option, value in zip(options, values) if value == max(values)]


# ---------------------------------------------------------------- reading around


def test_an_option_that_quotes_the_lesson_text_is_favoured() -> None:
    options = ["The database keeps the one true copy of the data",
               "The cache keeps the one true copy", "A queue does"]  # fmt: skip
    taught = "Remember: the database keeps the one true copy. Caches forget."
    question = asked(options, [options[0]], taught=taught)
    assert reading.by_quoting_the_lesson(question) == [7.0, 5.0, 0.0]  # 7 and 5 words
    # Three words in a row are the topic's words, not a quotation.
    assert reading.quoted("the true copy keeps", ["keeps the true copy"]) == 0
    assert reading.quoted("so the true copy keeps", ["so the true copy"]) == 4


def test_a_quotation_does_not_run_across_sentences_of_the_lesson() -> None:
    question = asked(["memory is fast disk is slow", "disk is fast"], [],
                     taught="Memory is fast. Disk is slow.")  # fmt: skip
    assert reading.by_quoting_the_lesson(question) == [0.0, 0.0]


def test_another_questions_feedback_states_the_answer() -> None:
    told = Neighbour("Why add a replica? A replica keeps reads going when the primary dies.",
                     answers=("It keeps reads going",))  # fmt: skip
    options = ["Reads keep going on the replica", "Writes queue on the broker", "Nothing"]
    question = asked(options, [options[0]], others=(told,))
    assert top(reading.by_stated_elsewhere(question), options) == [options[0]]
    assert reading.by_quoted_elsewhere(asked(["a replica keeps reads going today", "no"], [],
                                             others=(told,))) == [5.0, 0.0]  # fmt: skip
    assert reading.by_right_elsewhere(asked(["It keeps reads going", "It stops"], [],
                                            others=(told,))) == [1.0, 0.0]  # fmt: skip


def test_a_figure_another_question_states() -> None:
    told = Neighbour("The peak is about 580 QPS, twice the average.")
    question = asked(["580 QPS", "290 QPS", "5,800 QPS"], ["580 QPS"], others=(told,))
    assert reading.by_number_elsewhere(question) == [1.0, 0.0, 0.0]


def test_the_one_option_no_other_question_offers() -> None:
    stock = ("Rotate the logs", "Pick a font", "Name the team")
    others = tuple(Neighbour("", (answer, *stock)) for answer in ("Ask the scale", "Ask reads"))
    options = ["Ask the write rate", *stock]
    question = asked(options, [options[0]], others=others)
    assert reading.by_never_seen(question) == [0.0, -2.0, -2.0, -2.0]


# ---------------------------------------------------------------- form


@pytest.mark.parametrize(
    ("prompt", "options", "favoured"),
    [
        pytest.param("A cache in front of the database is an", ["index", "queue", "CDN"],
                     ["index"], id="an-before-a-vowel"),
        pytest.param("Spreading requests over servers needs a", ["index", "balancer", "SLA"],
                     ["balancer"], id="a-before-a-consonant"),
        pytest.param("Which blocks are kept in memory?", ["Caches and queues", "A disk"],
                     ["Caches and queues"], id="plural"),
        pytest.param("Which block is kept in memory?", ["Caches and queues", "A cache"],
                     ["A cache"], id="singular"),
    ],
)
def test_the_option_that_fits_the_stem(prompt: str, options: list[str],
                                       favoured: list[str]) -> None:  # fmt: skip
    assert top(form.by_grammar(prompt, options), options) == favoured


def test_select_all_speaks_of_the_set_and_no_option_fits_better() -> None:
    options = ["Caches and queues", "A disk"]
    assert form.by_grammar("Which of these are fast? Select all that apply.", options) == [
        0.0, 0.0]  # fmt: skip


def test_acronyms_read_letter_by_letter() -> None:
    assert form.an_fits("SLA with a bank")
    assert not form.an_fits("CDN edge")
    assert form.an_fits("hour")
    assert not form.an_fits("user-facing queue")


def test_key_word_twin_and_register() -> None:
    options = ["Shard the users table", "Shard the photos", "Shard by region", "Buy a bigger box"]
    assert form.by_key_word("", options) == [2.0, 2.0, 2.0, 0.0]
    twins = ["Reads go to the replica", "Writes go to the replica", "Buy a bigger machine"]
    assert top(form.by_twin("", twins), twins) == twins[:2]
    plain = ["Put a Redis cache with a TTL in front of PostgreSQL", "Keep a copy nearby"]
    assert top(form.by_jargon("", plain), plain) == [plain[0]]
    assert top(form.by_plain("", plain), plain) == [plain[1]]
    odd = ["Redis TTL eviction", "Kafka ISR quorum", "ask a friend"]
    assert top(form.by_odd_register("", odd), odd) == ["ask a friend"]


@pytest.mark.parametrize(
    ("value", "digits"), [(500, 1), (580, 2), (8.76, 3), (0.05, 1), (1000, 1), (86400, 3)]
)
def test_significant_digits(value: float, digits: int) -> None:
    assert form.significant(value) == digits


def test_round_figures_powers_of_ten_and_the_prompts_arithmetic() -> None:
    figures = ["580 QPS", "500 QPS", "1,000 QPS", "623 QPS"]
    assert top(form.by_round("", figures), figures) == ["500 QPS", "1,000 QPS"]
    assert top(form.by_power_of_ten("", figures), figures) == ["1,000 QPS"]
    prompt = "50 million requests a day; what is the average rate?"
    options = ["58 per second", "5,800 per second", "5 per second", "580 per second"]
    assert top(form.by_exact_sum(prompt, options), options) == ["580 per second"]
    words = ["fast", "slow"]
    assert form.by_round("", words) == form.by_exact_sum(prompt, words) == [0.0, 0.0]


# ---------------------------------------------------------------- places


def _placed(*places: int, source: str = "lesson:a") -> list[Asked]:
    options = ["w", "x", "y", "z"]
    return [asked(options, [options[p]], source=source, qid=f"q{i}")
            for i, p in enumerate(places)]  # fmt: skip


def test_place_guessers_read_earlier_answers_of_the_same_lesson() -> None:
    assert not_the_last_place([0, 2], 4) == [1.0, 1.0, 0.0, 1.0]
    assert least_used_place([0, 0, 1], 4) == [-2.0, -1.0, 0.0, 0.0]
    # Answers that take turns through the places: the least-used guesser is always right.
    turns = place_tries(least_used_place, _placed(0, 1, 2, 3, 0, 1))
    assert [one.score for _, one in turns] == pytest.approx([1 / 3, 1 / 2, 1.0, 1 / 3])
    assert [asked.id for asked, _ in turns] == ["q1", "q2", "q3", "q5"]  # q4: all tie
    # A new lesson starts afresh: its first question is not played.
    both = _placed(0, 1) + _placed(2, source="lesson:b")
    assert [a.id for a, _ in place_tries(not_the_last_place, both)] == ["q1"]


def test_the_place_guessers_are_reported_by_kind_choice() -> None:
    curriculum = _curriculum([_question(f"q{i}", "right", f"w{i}", "x", "y", at=i % 4)
                              for i in range(8)])  # fmt: skip
    rows = {b.strategy: b for b in stats(curriculum).bots if b.kind == "choice"}
    assert set(PLACE_STRATEGIES) <= set(rows)
    assert rows["the place least used so far"].score == pytest.approx(
        sum(one.score for _, one in place_tries(least_used_place, asked_questions(curriculum)))
        / rows["the place least used so far"].questions)  # fmt: skip
    assert rows["the place least used so far"].score > 0.5  # answers taking turns: caught


# ---------------------------------------------------------------- the learned guesser


def test_solve_solves_a_small_system() -> None:
    x = _solve([[4.0, 1.0], [1.0, 3.0]], [1.0, 2.0])
    assert x == pytest.approx([1 / 11, 7 / 11])


def _question(qid: str, answer: str, *wrong: str, at: int | None = None,
              prompt: str = "Which one?") -> dict[str, Any]:  # fmt: skip
    choices = list(wrong)
    choices.insert(len(choices) if at is None else at % (len(choices) + 1), answer)
    return {"kind": "question", "id": qid, "type": "choice", "topic": "basics",
            "prompt": prompt, "choices": choices, "answer": answer,
            "explanation": "Because."}  # fmt: skip


def _curriculum(*lessons: list[dict[str, Any]]) -> Curriculum:
    found = {}
    for number, steps in enumerate(lessons):
        found[f"l{number}"] = Lesson.model_validate({
            "id": f"l{number}", "title": f"Lesson {number}", "summary": "A lesson.",
            "topics": ["basics"], "order": number, "steps": steps})  # fmt: skip
    return Curriculum(lessons=found)


def test_the_learned_guesser_finds_a_tell_on_lessons_it_never_saw() -> None:
    # In every lesson the answer is the one option that gives a reason (and the longest):
    # trained on the other lessons, the learned guesser finds it in the one held out.
    lessons = [[_question(f"q{n}-{i}", f"Keep it, since case {i} holds", f"Drop {i}",
                          f"Move {i} elsewhere", f"Copy {i}", at=i) for i in range(4)]
               for n in range(5)]  # fmt: skip
    tries = held_out_tries(asked_questions(_curriculum(*lessons)))
    assert len(tries) == 20
    assert all(one == Try(1.0, 0.25) for one in tries.values())


def test_the_learned_guesser_learns_nothing_from_noise() -> None:
    # One question a lesson (nothing read around it); the answer is the longest option, the
    # shortest or the middle one in turn: what the training lessons teach misleads on the
    # held-out one, which scores no better than chance plus the margin.
    lessons = []
    for n in range(12):
        options = [f"The longest option of lesson {n}", f"No {n}", f"Middle {n}"]
        answer = options.pop(n % 3)
        lessons.append([_question(f"q{n}", answer, *options, at=n)])
    figures = stats(_curriculum(*lessons))
    learned = next(b for b in figures.bots if b.strategy == LEARNED and b.kind == "choice")
    assert learned.questions == 12
    assert learned.score <= learned.chance + 0.10


def test_what_the_guessers_see_of_a_lesson() -> None:
    text = {"kind": "text", "title": "Caches", "body": "A cache keeps recent answers."}
    later = {"kind": "text", "body": "Queues hold slow jobs."}
    first = _question("q1", "In memory", "On disk", "In a queue")
    second = _question("q2", "Recent answers", "Old answers", "No answers")
    found = {a.id: a for a in asked_questions(_curriculum([text, first, later, second]))}
    assert "recent answers" in found["q1"].taught and "Queues" not in found["q1"].taught
    assert "Queues hold slow jobs." in found["q2"].taught
    (other,) = found["q1"].others
    assert other.answers == ("Recent answers",)
    assert "Because." in other.text and other.options == ("Old answers", "No answers",
                                                           "Recent answers")  # fmt: skip


def test_stats_print_the_new_guessers_on_the_shipped_curriculum() -> None:
    from typer.testing import CliRunner

    from sysdesign_cli.cli.app import app
    from sysdesign_cli.core.loader import load_curriculum

    figures = stats(load_curriculum())
    out = " ".join(CliRunner().invoke(app, ["validate", "--stats"]).output.split())
    for strategy, kind in ((LEARNED, "choice"), ("quotes the lesson text", "choice"),
                           ("the place least used so far", "choice")):  # fmt: skip
        bot = next(b for b in figures.bots if (b.strategy, b.kind) == (strategy, kind))
        assert bot.questions > 0
        assert (f"{strategy} {kind} {bot.questions} {bot.score:.0%} {bot.chance:.0%} ✓"
                in out)  # fmt: skip
    assert "fitted on the other lessons and scored on the one held out" in out


def test_the_lesson_texts_words_are_measured_and_not_held() -> None:
    """Matching the lesson's ideas is what teaching is for: reported, never a failure."""
    text = {"kind": "text", "body": "Replicas copy the primary so reads keep going."}
    lesson = [text, _question("q1", "Reads keep going on a replica", "Writes stop", "Nothing")]
    figures = stats(_curriculum(lesson))
    (row,) = [b for b in figures.bots if b.strategy == "words of the lesson text (teaching)"
              and b.kind == "choice"]  # fmt: skip
    assert (row.score, row.held, row.within_margin) == (1.0, False, True)
