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


def _card(card_json: str) -> Card | None:
    """The card in `card_json`, or None if fsrs cannot read it (the store checks cards when
    it opens; this keeps one that slipped through from ending a session)."""
    try:
        return Card.from_json(card_json)
    except (ValueError, TypeError, KeyError, OverflowError, RecursionError):
        return None


# What fsrs raises on a card with values it cannot work with.
_UNUSABLE = (ValueError, TypeError, KeyError, OverflowError, ArithmeticError, AttributeError)


def usable_card(card_json: str) -> bool:
    """Whether fsrs reads the card and can review it."""
    card = _card(card_json)
    if card is None:
        return False
    try:
        scheduler().review_card(card, Rating.Good, review_datetime=card.due)
        scheduler().get_card_retrievability(card, current_datetime=card.due)
    except _UNUSABLE:
        return False
    return True


def review(
    card_json: str | None, question_id: str, rating: Rating, now: datetime | None = None
) -> tuple[str, datetime]:
    """Apply one review; returns the card as JSON and its next due date (UTC).

    A card fsrs cannot use starts afresh: its schedule is lost, the answers are not.
    """
    now = now or datetime.now(timezone.utc)
    card = _card(card_json) if card_json else None
    try:
        if card is None:
            raise ValueError("no card")
        card, _ = scheduler().review_card(card, rating, review_datetime=now)
    except _UNUSABLE:
        card, _ = scheduler().review_card(new_card(question_id, now), rating, review_datetime=now)
    return card.to_json(), card.due


def retrievability(card_json: str, now: datetime | None = None) -> float:
    """The chance the learner still remembers this card now (0 to 1); 0 for an unusable one."""
    card = _card(card_json)
    try:
        return scheduler().get_card_retrievability(card, current_datetime=now) if card else 0.0
    except _UNUSABLE:
        return 0.0
