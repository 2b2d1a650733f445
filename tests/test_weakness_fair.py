"""Scoring a named weakness fairly to the design drawn: only a replica of the database
settles the database; one rule for the load balancer, the engine's; each point earned by
a sentence about its own block; a sharded database settles "shard it"; what the review
says is missing is what the design leaves open."""

from __future__ import annotations

from sysdesign_cli.core.design_subject import lacking
from sysdesign_cli.core.graph.text import parse_text

# ------------------------------------------------------------------ a replica of what


def test_a_replica_of_a_cache_is_no_replica_of_the_database() -> None:
    cache_copy = parse_text("client -> app -> cache\napp -> db\ncache ~> cache2")
    assert lacking(cache_copy, ["replica"]) == ["replica"]
    queue_copy = parse_text("client -> app => kafka => worker -> db\nkafka ~> kafka2")
    assert lacking(queue_copy, ["replica"]) == ["replica"]
    both = parse_text("client -> app -> cache\napp -> db\ncache ~> cache2\ndb ~> standby")
    assert lacking(both, ["replica"]) == []
    named = parse_text("client -> app -> ledger\nledger ~> standby")  # a database by name
    assert lacking(named, ["replica"]) == []
