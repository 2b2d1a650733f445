"""`sysdesign quiz`: the plan (due first, then new, then weakest), FSRS cards that move and
persist, missed questions asked again, the summary, and the installed command in plain mode.

Right and wrong answers come from the loaded question models, never typed in here.
"""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from curriculum_answers import plain_line, right_answer, wrong_answer
from fsrs import Rating
from rich.console import Console
from rich.text import Text

from sysdesign_cli.core.loader import Curriculum, load_curriculum
from sysdesign_cli.core.scheduling import review
from sysdesign_cli.sessions.asker import EndOfInput
from sysdesign_cli.sessions.quiz import (
    DUE,
    NEW,
    WEAK,
    Pick,
    QuizRun,
    plan,
    quiz_scope,
    run_quiz,
    summary_lines,
)
from sysdesign_cli.sessions.scripted_asker import ScriptedAsker
from sysdesign_cli.store import Store

CURRICULUM = load_curriculum()
QUESTIONS = {qid: step for qid, (step, _) in CURRICULUM.questions().items()}
SYSDESIGN = Path(sys.executable).parent / "sysdesign"
NOW = datetime(2025, 3, 1, 9, 0, tzinfo=timezone.utc)
MINUTE, HOUR, DAY = timedelta(minutes=1), timedelta(hours=1), timedelta(days=1)


def of_type(kind: str) -> list[Any]:
    return [q for q in QUESTIONS.values() if q.kind == "question" and q.type == kind]


def distinct_topics(*kinds: str) -> list[Any]:
    """One question of each kind, each from a different topic (so summaries can tell them apart)."""
    chosen: list[Any] = []
    for kind in kinds:
        chosen.append(next(q for q in of_type(kind) if q.topic not in {c.topic for c in chosen}))
    return chosen


def console() -> Console:
    return Console(file=io.StringIO(), width=100, color_system=None)


def text_of(out: Console) -> str:
    return out.file.getvalue()  # type: ignore[attr-defined]


def flat(text: str) -> str:
    """Whitespace collapsed, so a prompt wrapped at the console width still matches."""
    return " ".join(text.split())


def opening(question: Any) -> str:
    return flat(question.prompt)[:40]


def seed(store: Store, qid: str, due: datetime) -> None:
    """A real card for `qid`, stored as due at exactly `due`."""
    card_json, _ = review(None, qid, Rating.Again, due - MINUTE)
    store.put_card(qid, card_json, due)


def all_wrong(question: Any) -> list[Any]:
    """Wrong on the first try and on every try a hint gives."""
    return [wrong_answer(question)] * (len(question.hints) + 1)


def quiz(
    store: Store, questions: list[Any], answers: list[Any], at: datetime
) -> tuple[QuizRun, str, ScriptedAsker]:
    asker = ScriptedAsker(answers)
    out = console()
    run = run_quiz([Pick(q, NEW) for q in questions], store, asker, out, clock=lambda: at)
    assert not asker.answers, "every scripted answer was used"
    return run, text_of(out), asker


@pytest.fixture
def store(isolated_env: Path) -> Iterator[Store]:
    with Store.open(isolated_env) as opened:
        yield opened


# ---------------------------------------------------------------- the plan


def test_due_cards_come_first_earliest_first_then_new(store: Store) -> None:
    a, b, c, later = (q.id for q in of_type("choice")[:4])
    seed(store, a, NOW - HOUR)
    seed(store, b, NOW - 3 * HOUR)
    seed(store, c, NOW - 2 * HOUR)
    seed(store, later, NOW + DAY)
    picks = plan(CURRICULUM, store, count=6, now=NOW, rng=random.Random(0))
    assert [p.question.id for p in picks[:3]] == [b, c, a]
    assert [p.reason for p in picks] == [DUE] * 3 + [NEW] * 3
    new_ids = [p.question.id for p in picks[3:]]
    assert later not in new_ids, "a card not yet due is neither due nor new"
    assert not store.card_ids() & set(new_ids)


def test_due_only_asks_only_due_cards(store: Store) -> None:
    a, b, later = (q.id for q in of_type("text")[:3])
    seed(store, a, NOW - MINUTE)
    seed(store, b, NOW - DAY)
    seed(store, later, NOW + MINUTE)
    picks = plan(CURRICULUM, store, count=10, due_only=True, now=NOW)
    assert [(p.question.id, p.reason) for p in picks] == [(b, DUE), (a, DUE)]
    assert plan(CURRICULUM, store, count=10, due_only=True, now=NOW - 2 * DAY) == []


def test_count_caps_due_cards_too(store: Store) -> None:
    ids = [q.id for q in of_type("choice")[:5]]
    for minutes, qid in enumerate(ids):
        seed(store, qid, NOW - timedelta(minutes=60 - minutes))
    picks = plan(CURRICULUM, store, count=2, now=NOW)
    assert [p.question.id for p in picks] == ids[:2]


def two_single_topic_lessons() -> tuple[Curriculum, str, str]:
    """A curriculum of two lessons whose questions each keep to one topic, and the topics."""
    chosen: dict[str, Any] = {}
    for lesson in CURRICULUM.ordered_lessons():
        topics = {step.topic for step in lesson.questions()}
        if len(topics) == 1 and len(lesson.questions()) >= 3 and topics.isdisjoint(chosen):
            chosen[topics.pop()] = lesson
        if len(chosen) == 2:
            strong, weak = chosen
            return Curriculum(lessons={les.id: les for les in chosen.values()}), strong, weak
    pytest.fail("no two lessons keep to one topic each")


def test_weakest_topics_after_new(store: Store) -> None:
    small, strong, weak = two_single_topic_lessons()
    pool = list(small.questions())
    unseen = next(qid for qid in pool if QUESTIONS[qid].topic == strong)
    for qid in pool:
        if qid != unseen:
            seed(store, qid, NOW + DAY)
    for correct in (True, True, True):
        store.record_answer("strong-x", strong, correct, "quiz")
    for correct in (False, True, False):
        store.record_answer("weak-x", weak, correct, "quiz")
    picks = plan(small, store, count=len(pool), now=NOW)
    # New first, even from the strong topic; then the weak topic before the strong one.
    assert (picks[0].question.id, picks[0].reason) == (unseen, NEW)
    assert all(p.reason == WEAK for p in picks[1:])
    in_weak = sum(QUESTIONS[qid].topic == weak for qid in pool)
    weak_topics = [p.question.topic for p in picks[1:]]
    assert weak_topics == [weak] * in_weak + [strong] * (len(pool) - in_weak - 1)
    assert len({p.question.id for p in picks}) == len(pool)
    assert [p.question.topic for p in plan(small, store, count=2, now=NOW)] == [strong, weak]


def test_topic_filters_and_count_bounds(store: Store) -> None:
    topic = "availability"
    in_topic = [q.id for q in QUESTIONS.values() if q.topic == topic]
    picks = plan(CURRICULUM, store, topic=topic, count=500, now=NOW)
    assert sorted(p.question.id for p in picks) == sorted(in_topic)
    assert {p.question.topic for p in plan(CURRICULUM, store, topic=topic, count=3)} == {topic}
    assert len(plan(CURRICULUM, store, count=7, now=NOW)) == 7


def test_new_questions_are_shuffled_but_repeatable_with_a_seed(store: Store) -> None:
    first = [p.question.id for p in plan(CURRICULUM, store, count=10, rng=random.Random(3))]
    again = [p.question.id for p in plan(CURRICULUM, store, count=10, rng=random.Random(3))]
    other = [p.question.id for p in plan(CURRICULUM, store, count=10, rng=random.Random(4))]
    assert first == again != other
    assert first != list(QUESTIONS)[:10], "new questions are drawn from every lesson"


# ---------------------------------------------------------------- FSRS through the quiz


def test_a_missed_question_is_due_within_minutes_and_survives_reopening(
    isolated_env: Path,
) -> None:
    missed = of_type("text")[0]
    with Store.open(isolated_env) as store:
        quiz(store, [missed], [*all_wrong(missed), wrong_answer(missed)], NOW)
    with Store.open(isolated_env) as store:
        card = store.get_card(missed.id)
        assert card is not None
        due = datetime.fromisoformat(json.loads(card)["due"])
        assert NOW < due <= NOW + 10 * MINUTE
        assert store.due_cards(NOW) == []
        assert store.due_cards(NOW + 10 * MINUTE) == [missed.id]


class SlowClock:
    """Stands in for the `time` module of sessions.ask: every reading is 30 s later."""

    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        self.now += 30.0
        return self.now


@pytest.mark.parametrize("slow", [pytest.param(False, id="quick-easy"),
                                  pytest.param(True, id="slow-good")])  # fmt: skip
def test_a_right_answer_is_due_days_away(
    store: Store, slow: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if slow:
        import sysdesign_cli.sessions.ask as ask_module

        monkeypatch.setattr(ask_module, "time", SlowClock())
    for question in distinct_topics("choice", "number", "text", "multi", "order"):
        run, _, _ = quiz(store, [question], [right_answer(question)], NOW)
        assert (run.outcomes[0].seconds >= 8) is slow
        assert store.due_cards(NOW + DAY) == [], question.id
        assert question.id in store.card_ids()


def test_a_day_later_due_brings_back_only_the_missed_one(isolated_env: Path) -> None:
    missed, known = distinct_topics("choice", "number")
    with Store.open(isolated_env) as store:
        # Missed, then right on the end-of-quiz retry: the answer had just been shown.
        quiz(store, [missed, known],
             [*all_wrong(missed), right_answer(known), right_answer(missed)], NOW)  # fmt: skip
        assert store.due_cards(NOW + HOUR) == [missed.id], "right on the retry is still Hard"
    tomorrow = NOW + DAY
    with Store.open(isolated_env) as store:
        picks = plan(CURRICULUM, store, due_only=True, now=tomorrow)
        assert [(p.question.id, p.reason) for p in picks] == [(missed.id, DUE)]
        run = run_quiz(picks, store, ScriptedAsker([right_answer(missed)]), console(),
                       clock=lambda: tomorrow)  # fmt: skip
        assert run.outcomes[0].grade.correct
        assert plan(CURRICULUM, store, due_only=True, now=tomorrow + DAY) == []


def test_every_answer_is_recorded_as_it_comes(store: Store) -> None:
    first, second = distinct_topics("choice", "text")
    asker = ScriptedAsker([right_answer(first)])  # runs out on the second question
    with pytest.raises(EndOfInput):
        run_quiz([Pick(first, NEW), Pick(second, NEW)], store, asker, console(),
                 clock=lambda: NOW)  # fmt: skip
    assert store.answer_count() == 1
    assert store.card_ids() == {first.id}


# ---------------------------------------------------------------- the session


def test_missed_questions_are_asked_again_at_the_end(store: Store) -> None:
    missed, known = distinct_topics("text", "choice")
    run, out, asker = quiz(
        store, [missed, known], [*all_wrong(missed), right_answer(known), right_answer(missed)], NOW
    )
    prompts = [flat(p) for p in asker.prompts]
    asked_missed = [i for i, p in enumerate(prompts) if p.startswith(opening(missed))]
    asked_known = [i for i, p in enumerate(prompts) if p.startswith(opening(known))]
    assert len(asked_missed) == len(missed.hints) + 2  # every try, then once more at the end
    assert asked_missed[-1] > asked_known[-1]
    assert [o.question_id for o in run.retries] == [missed.id]
    assert run.retries[0].grade.correct
    assert out.index("Once more") > out.index(flat(known.explanation)[:30].split()[0])
    assert "Again 1/1" in out
    assert "Question 1/2" in out and "Question 2/2" in out


def test_nothing_is_asked_again_when_all_are_right(store: Store) -> None:
    questions = distinct_topics("choice", "number")
    run, out, _ = quiz(store, questions, [right_answer(q) for q in questions], NOW)
    assert run.retries == []
    assert "Once more" not in out


def test_each_answer_is_graded_and_explained(store: Store) -> None:
    missed = of_type("number")[0]
    _, out, _ = quiz(store, [missed], [*all_wrong(missed), wrong_answer(missed)], NOW)
    assert "✗" in out
    assert "The answer:" in out
    assert flat(missed.explanation)[:40] in flat(out)
    for hint in missed.hints:
        assert flat(hint) in flat(out)


def plain(line: str) -> str:
    return Text.from_markup(line).plain


def test_summary_scores_by_topic_and_says_when_reviews_are_due(store: Store) -> None:
    missed, known = distinct_topics("choice", "text")
    run, _, _ = quiz(
        store, [missed, known], [*all_wrong(missed), right_answer(known), right_answer(missed)], NOW
    )
    lines = [plain(line) for line in summary_lines(run, store, now=NOW)]
    assert lines[0] == "Score: 1 / 2 right on the first try"
    # Weakest topic first.
    assert lines[1:3] == [f"  {missed.topic}: 0 / 1", f"  {known.topic}: 1 / 1"]
    assert "Second tries: 1 of 1 right." in lines
    assert lines[-1] == "Next reviews: 1 due within the hour, 1 within a day, 1 this week."


def test_summary_when_nothing_is_due_this_week(store: Store) -> None:
    question = of_type("choice")[0]
    run, _, _ = quiz(store, [question], [right_answer(question)], NOW)
    lines = [plain(line) for line in summary_lines(run, store, now=NOW)]
    assert lines == [
        "Score: 1 / 1 right on the first try",
        f"  {question.topic}: 1 / 1",
        "No reviews due this week.",
    ]


def test_summary_of_an_empty_run(store: Store) -> None:
    lines = [plain(line) for line in summary_lines(QuizRun([]), store, now=NOW)]
    assert lines[0] == "Score: 0 / 0 right on the first try"


# ---------------------------------------------------------------- the installed command


def installed(*args: str, input: str = "") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, COLUMNS="100")
    return subprocess.run([str(SYSDESIGN), *args], input=input, capture_output=True, text=True,
                          env=env, timeout=60)  # fmt: skip


def seed_home(home: Path, due: list[Any], not_due: Sequence[Any] = ()) -> None:
    """Cards for `due` due now, oldest first in that order; `not_due` due tomorrow."""
    now = datetime.now(timezone.utc)
    with Store.open(home) as store:
        for hours, question in enumerate(due):
            seed(store, question.id, now - timedelta(hours=len(due) - hours))
        for question in not_due:
            seed(store, question.id, now + DAY)


def answers_count() -> int:
    result = installed("progress", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["answers"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["--topic", "no-such-topic"], "no topic 'no-such-topic'", id="unknown-topic"),
        pytest.param(["--topic", "cachin"], "Did you mean 'caching'?", id="close-topic"),
        pytest.param(["--count", "0"], "--count", id="count-zero"),
        pytest.param(["--count", "lots"], "--count", id="count-not-a-number"),
    ],
)
def test_bad_options_are_clean_errors(args: list[str], message: str) -> None:
    result = installed("quiz", "--plain", *args)
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    errors = flat(result.stderr)
    assert message in errors
    if "--topic" in args:
        for topic in CURRICULUM.topics():
            assert topic in errors, f"the error lists the topics: {topic}"
    assert answers_count() == 0


def test_plain_quiz_from_a_pipe_ends_with_a_scored_summary(isolated_env: Path) -> None:
    chosen = distinct_topics("choice", "number", "text")
    seed_home(isolated_env, chosen)
    first, second, missed = chosen
    lines = [plain_line(first, right_answer(first)), plain_line(second, right_answer(second))]
    lines += [plain_line(missed, answer) for answer in all_wrong(missed)]
    lines.append(plain_line(missed, wrong_answer(missed)))  # once more at the end, wrong again
    result = installed("quiz", "--plain", "--count", "3", input="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    out = flat(result.stdout)
    assert "\x1b[" not in result.stdout
    assert out.index(opening(first)) < out.index(opening(second)) < out.index(opening(missed))
    assert "Question 3/3" in out and "Question 4/3" not in out
    assert out.count("✓") == 2
    assert "Once more" in out
    assert "Score: 2 / 3" in out
    assert f"{missed.topic}: 0 / 1" in out and f"{first.topic}: 1 / 1" in out
    assert "Second tries: 0 of 1 right." in out
    assert "Next reviews: 1 due within the hour" in out
    assert answers_count() == 4


def test_plain_quiz_end_of_input_keeps_the_answers_given(isolated_env: Path) -> None:
    chosen = distinct_topics("choice", "text", "number")
    seed_home(isolated_env, chosen)
    given = chosen[:2]
    script = "".join(plain_line(q, right_answer(q)) + "\n" for q in given)
    result = installed("quiz", "--plain", "--count", "3", input=script)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    said = "End of input. Your progress is saved; run `sysdesign quiz` to go on"
    assert said in flat(result.stdout)
    assert "Score:" not in result.stdout
    assert answers_count() == 2
    # The two answered are no longer due; the third still is.
    again = installed("quiz", "--plain", "--due", input="")
    assert again.returncode == 0, again.stderr
    out = flat(again.stdout)
    assert opening(chosen[2]) in out
    assert opening(chosen[0]) not in out and opening(chosen[1]) not in out


def test_plain_quiz_due_asks_only_the_due_cards(isolated_env: Path) -> None:
    due = distinct_topics("choice", "text")
    not_due = [q for q in of_type("choice") if q.topic not in {d.topic for d in due}][:2]
    seed_home(isolated_env, due, not_due)
    script = "".join(plain_line(q, right_answer(q)) + "\n" for q in due)
    result = installed("quiz", "--plain", "--due", input=script)
    assert result.returncode == 0, result.stderr
    out = flat(result.stdout)
    assert "Score: 2 / 2" in out
    assert out.count("Question ") == 2 and "[" + due[0].topic + ", due]" in out
    for question in not_due:
        assert opening(question) not in out
    nothing = installed("quiz", "--plain", "--due")
    assert nothing.returncode == 0
    assert "Nothing is due for review right now." in nothing.stdout


def test_score_counts_first_tries_and_says_what_hints_added(store: Store) -> None:
    question = next(q for q in of_type("choice") if q.hints)
    wrong_then_right = [*all_wrong(question)[:1], right_answer(question)]
    run, _, _ = quiz(store, [question], wrong_then_right, NOW)
    lines = [plain(line) for line in summary_lines(run, store, now=NOW)]
    assert lines[0] == "Score: 0 / 1 right on the first try"
    assert lines[1] == "  1 / 1 with hints"
    assert lines[2] == f"  {question.topic}: 0 / 1"


def test_a_miss_from_minutes_ago_comes_first_but_not_with_due_only(store: Store) -> None:
    recent, far = (q.id for q in of_type("choice")[:2])
    seed(store, recent, NOW + 5 * MINUTE)
    seed(store, far, NOW + DAY)
    picks = plan(CURRICULUM, store, count=3, now=NOW, rng=random.Random(0))
    assert (picks[0].question.id, picks[0].reason) == (recent, DUE)
    assert far not in [p.question.id for p in picks]
    assert plan(CURRICULUM, store, count=3, due_only=True, now=NOW) == []


def test_new_questions_come_from_started_lessons_first(store: Store) -> None:
    lesson = CURRICULUM.ordered_lessons()[-1]
    store.save_lesson_step(lesson.id, 1, len(lesson.steps))
    own = {step.id for step in lesson.questions()}
    picks = plan(CURRICULUM, store, count=len(own), now=NOW, rng=random.Random(0))
    assert {p.question.id for p in picks} == own


# ---------------------------------------------------------------- which lessons the quiz draws on


def lesson_of(qid: str) -> str:
    return CURRICULUM.questions()[qid][1].id


def test_a_new_learner_is_quizzed_on_the_first_lesson(store: Store) -> None:
    first = CURRICULUM.ordered_lessons()[0]
    scope = quiz_scope(CURRICULUM, store)
    assert scope.stand_in is first
    picks = plan(CURRICULUM, store, count=500, now=NOW, lessons=scope.lessons)
    assert {p.question.id for p in picks} == {step.id for step in first.questions()}


def test_only_started_and_finished_lessons_are_drawn_on(store: Store) -> None:
    lessons = CURRICULUM.ordered_lessons()
    started, finished, untouched = lessons[2], lessons[4], lessons[1]
    store.save_lesson_step(started.id, 1, len(started.steps))
    store.save_lesson_step(finished.id, len(finished.steps), len(finished.steps))
    store.save_lesson_step(untouched.id, 0, len(untouched.steps))  # opened, no step taken
    scope = quiz_scope(CURRICULUM, store)
    assert scope.stand_in is None
    assert scope.lessons == {started.id, finished.id}
    picks = plan(CURRICULUM, store, count=500, now=NOW, lessons=scope.lessons)
    expected = {step.id for lesson in (started, finished) for step in lesson.questions()}
    assert {p.question.id for p in picks} == expected


def test_a_review_from_an_unstarted_lesson_stays_due(store: Store) -> None:
    lessons = CURRICULUM.ordered_lessons()
    store.save_lesson_step(lessons[0].id, 1, len(lessons[0].steps))
    elsewhere = lessons[-1].questions()[0]
    seed(store, elsewhere.id, NOW - HOUR)
    picks = plan(CURRICULUM, store, count=3, now=NOW, lessons=quiz_scope(CURRICULUM, store).lessons)
    assert (picks[0].question.id, picks[0].reason) == (elsewhere.id, DUE)
    assert {lesson_of(p.question.id) for p in picks[1:]} == {lessons[0].id}


def test_all_draws_on_every_lesson(store: Store) -> None:
    scope = quiz_scope(CURRICULUM, store, everything=True)
    assert scope.lessons is None and scope.stand_in is None
    picks = plan(CURRICULUM, store, count=500, now=NOW, lessons=scope.lessons)
    assert len(picks) == len(QUESTIONS)


def test_a_question_with_context_says_it_before_the_prompt(store: Store) -> None:
    question = of_type("choice")[0].model_copy(
        update={"context": "A feed is cached with a [bold]30-second[/bold] expiry."}
    )
    run, out, asker = quiz(store, [question], [right_answer(question)], NOW)
    assert run.outcomes[0].grade.correct
    label = out.index("Question 1/1")
    assert out.index("A feed is cached with a [bold]30-second[/bold] expiry.") > label
    assert asker.prompts == [question.prompt.strip()]


def test_plain_quiz_for_a_new_learner_names_the_first_lesson(isolated_env: Path) -> None:
    first = CURRICULUM.ordered_lessons()[0]
    result = installed("quiz", "--plain", "--count", "1", input="")
    assert result.returncode == 0, result.stderr
    out = flat(result.stdout)
    said = (
        "You have not started a lesson yet, so these questions come from the first one, "
        f"{first.title} ({first.id})."
    )
    assert said in out
    asked = [q for q in first.questions() if opening(q) in out]
    assert len(asked) == 1
    everything = installed("quiz", "--plain", "--count", "1", "--all", input="")
    assert "You have not started a lesson yet" not in everything.stdout


def test_plain_quiz_on_a_topic_no_started_lesson_has(isolated_env: Path) -> None:
    first = CURRICULUM.ordered_lessons()[0]
    topic = next(t for t in CURRICULUM.topics() if t not in first.topics)
    result = installed("quiz", "--plain", "--topic", topic, input="")
    assert result.returncode == 0, result.stderr
    assert flat(result.stdout) == (
        f"No questions on {topic} in the first lesson. sysdesign quiz --all --topic {topic} "
        "asks them anyway; sysdesign learn --list shows the lessons."
    )
    assert answers_count() == 0


def test_a_new_learners_due_interview_cards_are_not_said_to_come_from_the_first_lesson(
    isolated_env: Path,
) -> None:
    from sysdesign_cli.core import interview_score as scoring
    from sysdesign_cli.sessions.interview_cards import leave_cards
    from sysdesign_cli.store import Store

    pastebin = CURRICULUM.interviews["pastebin"]
    cards = [scoring.ask_card_id(pastebin, q.about) for q in pastebin.clarify.mattering()[:2]]
    with Store.open() as store:
        leave_cards(store, cards, now=datetime.now(timezone.utc) - timedelta(hours=1))
    only_cards = flat(installed("quiz", "--plain", "--count", "2", input="").stdout)
    assert "Mock interview: Pastebin" in only_cards
    assert "You have not started a lesson yet" not in only_cards
    mixed = flat(installed("quiz", "--plain", "--count", "4", input="").stdout)
    assert ("You have not started a lesson yet, so the new questions come from the first "
            "one") in mixed  # fmt: skip
