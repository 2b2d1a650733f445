"""The word that tells a kind from its opposite kind, typed alone, names that kind:
`strong` for strong consistency; a word with no opposite kind named in the field does
not (`read` for a read replica)."""

from __future__ import annotations

import pytest

from sysdesign_cli.core.grading import grade_text


@pytest.mark.parametrize(
    ("typed", "accepted", "right"),
    [("strong", ["strong consistency", "linearizability"], True),
     ("strongly", ["strong consistency"], True),
     ("Strong.", ["strong consistency"], True),
     ("eventual", ["strong consistency"], False),
     ("not strong", ["strong consistency"], False),
     ("strong", ["eventual consistency"], False),
     ("horizontal", ["horizontal scaling"], True),
     ("vertical", ["horizontal scaling"], False),
     ("read", ["read replica"], False),
     ("primary", ["primary key"], False)],
)
def test_the_word_that_tells_a_kind_names_it(typed: str, accepted: list[str], right: bool) -> None:
    prompt = "Which property says every read sees the latest write?"
    assert grade_text(typed, accepted, prompt).correct is right


def test_a_word_that_tells_the_kinds_of_two_things_apart_names_neither() -> None:
    prompt = "Which move spreads the writes over several databases?"
    assert not grade_text("horizontal", ["sharding", "horizontal partitioning"], prompt).correct
