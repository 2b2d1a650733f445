"""Recording an answer: the answer log for accuracy, and the question's review card."""

from __future__ import annotations

from datetime import datetime, timezone

from sysdesign_cli.core.scheduling import rating_for, review
from sysdesign_cli.sessions.ask import Outcome
from sysdesign_cli.store import Store


def record(
    store: Store,
    outcome: Outcome,
    source: str,
    *,
    lesson_id: str | None = None,
    now: datetime | None = None,
    retry: bool = False,
) -> datetime:
    """Save the answer and reschedule its card; returns when the card is next due.

    `retry`: asked again after the answer was shown, so right is Hard at best, never Easy.
    """
    now = now or datetime.now(timezone.utc)
    store.record_answer(
        outcome.question_id,
        outcome.topic,
        outcome.first_try,
        source,
        response=outcome.response[:2000],
        hints_used=outcome.hints_used,
        lesson_id=lesson_id,
    )
    tries = outcome.tries + 1 if retry else outcome.tries
    rating = rating_for(outcome.grade.correct, outcome.hints_used, tries, outcome.seconds)
    card_json, due = review(store.get_card(outcome.question_id), outcome.question_id, rating, now)
    store.put_card(outcome.question_id, card_json, due)
    return due
