"""Words run together, or one word typed as two, are read only where one part is spelt
whole and a typo falls inside the other: `loadbalancr` is a load balancer, but `one
load` (in `the one load balancer`) is not `overload`."""

from __future__ import annotations

import pytest

from sysdesign_cli.core.textmatch import judge, says


@pytest.mark.parametrize(
    ("typed", "accepted", "meant"),
    [("loadbalancer", "load balancer", True), ("loadbalancr", "load balancer", True),
     ("laodbalancer", "load balancer", True), ("data base", "database", True),
     ("data bse", "database", True), ("objectstorage", "object storage", True),
     ("overload", "one load", False), ("dta bse", "database", False)],
)
def test_run_together_words_read_with_one_part_whole(
        typed: str, accepted: str, meant: bool) -> None:
    assert (judge(typed, [accepted]).match is not None) is meant


@pytest.mark.parametrize(
    ("text", "said"),
    [("the one load balancer is a single point of failure", "no"),
     ("a single load balancer", "no"), ("the servers overload at the bell", "yes"),
     ("over load", "yes")],
)
def test_overload_is_not_read_in_one_load_balancer(text: str, said: str) -> None:
    assert says(text, "overload", prose=True) == said
