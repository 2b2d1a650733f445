"""Spaced repetition with FSRS: the rating an answer earns, where a review moves the due date,
and cards that survive a trip through JSON and the store."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from fsrs import Card, Rating, State

from sysdesign_cli.core.scheduling import (
    QUICK_SECONDS,
    new_card,
    rating_for,
    retrievability,
    review,
)
from sysdesign_cli.store import Store

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=timezone.utc)
MINUTE, DAY = timedelta(minutes=1), timedelta(days=1)


@pytest.mark.parametrize(
    ("correct", "hints", "tries", "seconds", "rating"),
    [
        pytest.param(False, 0, 1, 2.0, Rating.Again, id="wrong-quickly"),
        pytest.param(False, 0, 1, 60.0, Rating.Again, id="wrong-slowly"),
        pytest.param(False, 2, 3, 60.0, Rating.Again, id="wrong-after-every-hint"),
        pytest.param(True, 1, 2, 30.0, Rating.Hard, id="right-after-a-hint"),
        pytest.param(True, 1, 2, 1.0, Rating.Hard, id="right-after-a-hint-even-quick"),
        pytest.param(True, 0, 2, 1.0, Rating.Hard, id="right-on-a-retry"),
        pytest.param(True, 0, 1, 30.0, Rating.Good, id="right"),
        pytest.param(True, 0, 1, QUICK_SECONDS, Rating.Good, id="right-at-the-quick-line"),
        pytest.param(True, 0, 1, QUICK_SECONDS - 0.1, Rating.Easy, id="right-and-quick"),
        pytest.param(True, 0, 1, 0.0, Rating.Easy, id="right-instantly"),
    ],
)
def test_rating_for(correct: bool, hints: int, tries: int, seconds: float, rating: Rating) -> None:
    assert rating_for(correct, hints, tries, seconds) is rating


@pytest.mark.parametrize(
    ("rating", "at_least", "at_most"),
    [
        pytest.param(Rating.Again, MINUTE / 2, 10 * MINUTE, id="again-minutes"),
        pytest.param(Rating.Hard, MINUTE / 2, 10 * MINUTE, id="hard-minutes"),
        pytest.param(Rating.Good, DAY, 7 * DAY, id="good-days"),
        pytest.param(Rating.Easy, 3 * DAY, 30 * DAY, id="easy-days"),
    ],
)
def test_a_new_card_is_due(rating: Rating, at_least: timedelta, at_most: timedelta) -> None:
    _, due = review(None, "q-new", rating, NOW)
    assert NOW + at_least <= due <= NOW + at_most
    assert due.tzinfo is not None


def test_easy_is_later_than_good_which_is_later_than_a_miss() -> None:
    dues = [review(None, "q-order", rating, NOW)[1] for rating in Rating]
    assert dues == sorted(dues)
    assert len(set(dues)) == len(dues)


def test_good_and_easy_move_the_due_date_further_each_time() -> None:
    for rating in (Rating.Good, Rating.Easy):
        card_json, due = review(None, "q-grow", rating, NOW)
        gaps = [due - NOW]
        for _ in range(3):
            when = due
            card_json, due = review(card_json, "q-grow", rating, when)
            gaps.append(due - when)
        assert gaps == sorted(gaps) and gaps[-1] > gaps[0], (rating, gaps)


def test_a_missed_review_card_comes_back_within_minutes() -> None:
    card_json, due = review(None, "q-lapse", Rating.Good, NOW)
    later = due + DAY
    card_json, again = review(card_json, "q-lapse", Rating.Again, later)
    assert later < again <= later + 15 * MINUTE
    assert Card.from_json(card_json).state is State.Relearning


def test_a_miss_then_right_on_the_retry_still_comes_back_soon() -> None:
    """The end-of-quiz retry is rated Hard (the answer was just shown): it stays due soon."""
    card_json, _ = review(None, "q-retry", Rating.Again, NOW)
    _, due = review(card_json, "q-retry", Rating.Hard, NOW + MINUTE / 2)
    assert due < NOW + DAY


def test_reviews_are_deterministic() -> None:
    """Fuzzing is off: the same history always lands on the same date."""
    first = review(None, "q-same", Rating.Good, NOW)
    assert review(None, "q-same", Rating.Good, NOW) == first
    assert review(first[0], "q-same", Rating.Good, first[1]) == review(
        first[0], "q-same", Rating.Good, first[1]
    )


def test_card_id_is_stable_and_positive() -> None:
    assert new_card("bb-cdn", NOW).card_id == new_card("bb-cdn", NOW + DAY).card_id
    assert new_card("bb-cdn", NOW).card_id != new_card("bb-dns", NOW).card_id
    assert new_card("", NOW).card_id > 0


def test_card_json_round_trips() -> None:
    card_json, due = review(None, "q-json", Rating.Good, NOW)
    data = json.loads(card_json)
    assert datetime.fromisoformat(data["due"]) == due
    card = Card.from_json(card_json)
    assert card.to_json() == card_json
    assert card.due == due
    # A card read back from JSON reviews exactly like the one still in memory.
    assert review(card.to_json(), "q-json", Rating.Good, due) == review(
        card_json, "q-json", Rating.Good, due
    )


def test_card_survives_the_store(tmp_path: Path) -> None:
    card_json, due = review(None, "q-store", Rating.Again, NOW)
    with Store.open(tmp_path) as store:
        store.put_card("q-store", card_json, due)
    with Store.open(tmp_path) as store:
        assert store.get_card("q-store") == card_json
        assert store.due_cards(due - MINUTE / 2) == []
        assert store.due_cards(due) == ["q-store"]


def test_retrievability_falls_with_time() -> None:
    card_json, due = review(None, "q-recall", Rating.Good, NOW)
    soon, late = retrievability(card_json, NOW + MINUTE), retrievability(card_json, due + 30 * DAY)
    assert 0.0 < late < soon <= 1.0
