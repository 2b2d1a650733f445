"""Words of the field spelt another way read as the same: `packet loss` says a message is
lost, a `persistent store` is persistent storage; denied, they rule the answer out."""

from __future__ import annotations

import pytest

from sysdesign_cli.core.grading import grade_text


@pytest.mark.parametrize(
    ("typed", "accepted", "right"),
    [("packet loss", ["lost", "dropped"], True), ("it gets lost", ["loss"], True),
     ("no loss at all", ["lost", "dropped"], False),
     ("persistent store", ["persistent storage", "database"], True),
     ("a durable store", ["durable store", "database"], True)],
)
def test_another_spelling_of_a_word_of_the_field(
        typed: str, accepted: list[str], right: bool) -> None:
    assert grade_text(typed, accepted, "What can happen to a message?").correct is right
