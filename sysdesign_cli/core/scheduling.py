"""Spaced repetition with FSRS (the `fsrs` package): one card per question.

The rating comes from how the answer went: wrong -> Again, right after a hint or a
retry -> Hard, right -> Good, right and quick -> Easy. Cards travel as JSON strings so
the store never needs to know what is inside.
"""

from __future__ import annotations

import zlib
from datetime import datetime, timedelta, timezone
from functools import lru_cache

from fsrs import Card, Rating, Scheduler

QUICK_SECONDS = 8.0  # a right answer faster than this was easy


# One learning step, not fsrs's default two (1 min, 10 min): a quiz never comes back to a
# card ten minutes later, so with two steps a right first answer (Good) would sit "due"
# until the next quiz beside the missed ones. With one, a miss is due in a minute and a
# right answer graduates to a review days away.
LEARNING_STEPS = (timedelta(minutes=1),)


@lru_cache(maxsize=1)
def scheduler() -> Scheduler:
    """The FSRS scheduler; fuzzing off so a review always lands on the same due date."""
    return Scheduler(learning_steps=LEARNING_STEPS, enable_fuzzing=False)


def rating_for(correct: bool, hints_used: int, tries: int, seconds: float) -> Rating:
    """How well the learner recalled the answer, in FSRS terms."""
    if not correct:
        return Rating.Again
    if hints_used or tries > 1:
        return Rating.Hard
    if seconds < QUICK_SECONDS:
        return Rating.Easy
    return Rating.Good


def new_card(question_id: str, now: datetime) -> Card:
    """A fresh card, its id derived from the question id (stable across machines)."""
    return Card(card_id=zlib.crc32(question_id.encode()) + 1, due=now)


def review(
    card_json: str | None, question_id: str, rating: Rating, now: datetime | None = None
) -> tuple[str, datetime]:
    """Apply one review; returns the card as JSON and its next due date (UTC)."""
    now = now or datetime.now(timezone.utc)
    card = Card.from_json(card_json) if card_json else new_card(question_id, now)
    card, _ = scheduler().review_card(card, rating, review_datetime=now)
    return card.to_json(), card.due


def retrievability(card_json: str, now: datetime | None = None) -> float:
    """The chance the learner still remembers this card now (0 to 1)."""
    card = Card.from_json(card_json)
    return scheduler().get_card_retrievability(card, current_datetime=now)
