"""`would rather X than Y` keeps X and rules out Y: only `than` negates, `rather` alone
prefers."""

from __future__ import annotations

import pytest

from sysdesign_cli.core.textmatch import says


@pytest.mark.parametrize(
    ("text", "phrase", "said"),
    [("it would rather reject orders than execute a trade twice", "reject orders", "yes"),
     ("it would rather reject orders than execute a trade twice", "execute a trade", "negated"),
     ("use a queue rather than a cache", "cache", "negated"),
     ("use a queue rather than a cache", "queue", "yes"),
     ("rather than a cache, a queue", "cache", "negated"),
     ("I'd rather add a replica", "replica", "yes")],
)
def test_rather_prefers_and_than_rules_out(text: str, phrase: str, said: str) -> None:
    assert says(text, phrase, prose=True) == said
