"""Leaving a mock interview's misses as review cards, scheduled as a missed quiz answer
is (FSRS, rated Again), so `sysdesign quiz --due` brings each back."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone

from sysdesign_cli.core.scheduling import Rating, review
from sysdesign_cli.store import Store


def leave_cards(store: Store, card_ids: Sequence[str], now: datetime | None = None) -> int:
    """Schedule a review of each card id as missed now; returns how many."""
    now = now or datetime.now(timezone.utc)
    for card_id in card_ids:
        card_json, due = review(store.get_card(card_id), card_id, Rating.Again, now)
        store.put_card(card_id, card_json, due)
    return len(card_ids)
