"""`sysdesign quiz`: due reviews first, then new questions, then the weakest topics."""

from __future__ import annotations

import random
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from sysdesign_cli.core.loader import Curriculum
from sysdesign_cli.render.markup import escape
from sysdesign_cli.sessions.ask import Outcome, ask
from sysdesign_cli.sessions.asker import Asker
from sysdesign_cli.store import Store

if TYPE_CHECKING:
    from rich.console import Console

    from sysdesign_cli.core.curriculum import Lesson

DUE, NEW, WEAK = "due", "new", "weak"
RECENT_MISS = timedelta(minutes=10)


@dataclass(frozen=True)
class Pick:
    """One question chosen for the quiz, and why."""

    question: Any
    reason: str  # due, new or weak


@dataclass
class QuizRun:
    """What happened in one quiz."""

    picks: list[Pick]
    outcomes: list[Outcome] = field(default_factory=list)
    retries: list[Outcome] = field(default_factory=list)


@dataclass(frozen=True)
class Scope:
    """Which lessons a quiz draws new questions from."""

    lessons: frozenset[str] | None  # None: every lesson
    stand_in: Lesson | None = None  # the first lesson, standing in while none is started


def _now() -> datetime:
    return datetime.now(timezone.utc)


def quiz_scope(curriculum: Curriculum, store: Store, everything: bool = False) -> Scope:
    """The lessons the learner has started (any step taken, or finished); a learner who has
    started none gets the first lesson's questions. `everything`: every lesson."""
    if everything:
        return Scope(None)
    started = frozenset(
        lesson_id
        for lesson_id, progress in store.lesson_progress().items()
        if (progress.next_step > 0 or progress.completed) and lesson_id in curriculum.lessons
    )
    if started:
        return Scope(started)
    ordered = curriculum.ordered_lessons()
    first = ordered[0] if ordered else None
    return Scope(frozenset([first.id]) if first else frozenset(), stand_in=first)


def plan(
    curriculum: Curriculum,
    store: Store,
    *,
    topic: str | None = None,
    count: int = 10,
    due_only: bool = False,
    now: datetime | None = None,
    rng: random.Random | None = None,
    lessons: Collection[str] | None = None,
) -> list[Pick]:
    """Choose the questions: due reviews (earliest first), new ones, then weak topics.

    Without `due_only`, a miss from the last few minutes counts as due: its card waits a
    minute or so, and a learner who starts another quiz straight away expects it first.
    With `lessons`, questions come from those lessons, and from any the learner has
    answered before (their reviews stay due); new questions come from started lessons
    before the others.
    """
    now = now or _now()
    rng = rng or random.Random()
    lessons_of = {qid: lesson.id for qid, (_, lesson) in curriculum.questions().items()}
    seen = store.card_ids()
    pool = {
        qid: question
        for qid, (question, _) in curriculum.questions().items()
        if (topic is None or question.topic == topic)
        and (lessons is None or lessons_of[qid] in lessons or qid in seen)
    }
    # A mock interview's missed points: asked only once a round has left their card (and
    # built only then: a learner who never sat a round does not pay for them).
    others = [qid for qid in seen if qid not in lessons_of]
    left = _interview_cards(others) if others else set()
    if left:
        pool.update({qid: question for qid, question in curriculum.review_questions(left).items()
                     if topic is None or question.topic == topic})  # fmt: skip
    horizon = now if due_only else now + RECENT_MISS
    due = [qid for qid in store.due_cards(horizon) if qid in pool]
    picks = [Pick(pool[qid], DUE) for qid in due[:count]]
    if due_only or len(picks) >= count:
        return picks

    started = {key for key, item in store.lesson_progress().items() if item.next_step > 0}
    new = [qid for qid in pool if qid not in seen]
    rng.shuffle(new)
    new.sort(key=lambda qid: lessons_of[qid] not in started)  # stable: shuffled within each
    picks += [Pick(pool[qid], NEW) for qid in new[: count - len(picks)]]
    if len(picks) >= count:
        return picks

    accuracy = {name: stats.accuracy for name, stats in store.answers_by_topic().items()}
    chosen = {pick.question.id for pick in picks}
    rest = [qid for qid in pool if qid in seen and qid not in chosen]

    from sysdesign_cli.core.scheduling import retrievability  # FSRS: only for weak ones

    def weakness(qid: str) -> tuple[float, float]:
        card = store.get_card(qid)
        recall = retrievability(card, now) if card else 0.0
        return accuracy.get(pool[qid].topic, 0.0), recall

    rest.sort(key=weakness)
    picks += [Pick(pool[qid], WEAK) for qid in rest[: count - len(picks)]]
    return picks


def _interview_cards(ids: list[str]) -> set[str]:
    """Those of these card ids that a mock interview left."""
    from sysdesign_cli.core.interview_score import CARD_PREFIX

    return {qid for qid in ids if qid.startswith(CARD_PREFIX)}


def run_quiz(
    picks: list[Pick],
    store: Store,
    asker: Asker,
    console: Console,
    *,
    clock: Callable[[], datetime] = _now,
) -> QuizRun:
    """Ask every pick, record each answer as it comes, then ask the missed ones again."""
    run = QuizRun(picks)
    total = len(picks)
    for number, pick in enumerate(picks, 1):
        lead_in(console, f"Question {number}/{total} [{pick.question.topic}, {pick.reason}]",
                pick.question)  # fmt: skip
        outcome = ask(pick.question, asker, console)
        from sysdesign_cli.sessions.review import record  # FSRS: after the first answer

        record(store, outcome, "quiz", now=clock())
        run.outcomes.append(outcome)
    missed = [o for o in run.outcomes if not o.grade.correct]
    if missed:
        from sysdesign_cli.sessions.review import record

        console.rule("[bold]Once more: the ones you missed[/bold]")
        by_id = {pick.question.id: pick.question for pick in picks}
        for number, first in enumerate(missed, 1):
            question = by_id[first.question_id]
            lead_in(console, f"Again {number}/{len(missed)}", question)
            outcome = ask(question, asker, console, max_tries=1)
            record(store, outcome, "quiz", now=clock(), retry=True)
            run.retries.append(outcome)
    return run


def lead_in(console: Console, label: str, question: Any) -> None:
    """The question's number, then its `context:`: away from its lesson, the quiz says
    what the question is about before asking it."""
    console.print(f"[dim]{escape(label)}[/dim]")
    context = getattr(question, "context", None)
    if context:
        console.print(escape(context.strip()), style="italic")


def summary_lines(run: QuizRun, store: Store, now: datetime | None = None) -> list[str]:
    """Score, by topic, and when the next reviews are due."""
    now = now or _now()
    total = len(run.outcomes)
    # The score is what was right on the first try, as in lessons; hints help, not count.
    right = sum(outcome.first_try for outcome in run.outcomes)
    lines = [f"[bold]Score: {right} / {total}[/bold] right on the first try"]
    after = sum(outcome.grade.correct for outcome in run.outcomes)
    if after > right:
        lines.append(f"  {after} / {total} with hints")
    topics: dict[str, list[bool]] = {}
    for outcome in run.outcomes:
        topics.setdefault(outcome.topic, []).append(outcome.first_try)
    for topic, marks in sorted(topics.items(), key=lambda item: sum(item[1]) / len(item[1])):
        lines.append(f"  {escape(topic)}: {sum(marks)} / {len(marks)}")
    if run.retries:
        fixed = sum(outcome.grade.correct for outcome in run.retries)
        lines.append(f"Second tries: {fixed} of {len(run.retries)} right.")
    lines.append(next_reviews(store, now))
    return lines


def next_reviews(store: Store, now: datetime) -> str:
    """`Next reviews: 3 due within the hour, 5 today, 12 this week.`"""
    hour = store.due_count(now + timedelta(hours=1))
    day = store.due_count(now + timedelta(days=1))
    week = store.due_count(now + timedelta(days=7))
    if not week:
        return "No reviews due this week."
    return f"Next reviews: {hour} due within the hour, {day} within a day, {week} this week."
