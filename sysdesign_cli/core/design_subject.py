"""What a question speaks of that the learner's design lacks.

A deep-dive question may take a part of the design for granted ("your replica copies the
primary asynchronously"). Asked of a design without it, it speaks of nothing the learner
drew: the round asks it of the reference design instead, and says so. A question lists
what it takes for granted (`speaks_of`): `replica` (a copy of the database kept by
replication, `db ~> replica`: a cache's copy, `cache ~> cache2`, is none) or a kind of
block (`cache`, `queue`...).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sysdesign_cli.core.graph import kinds
from sysdesign_cli.core.graph.model import REPLICATION

REPLICA = "replica"


def known(subject: str) -> bool:
    """Whether `subject` is something a question can speak of."""
    return subject == REPLICA or subject in kinds.BY_ID


def lacking(graph: Any, speaks_of: Sequence[str]) -> list[str]:
    """What of `speaks_of` the design `graph` does not draw, as words (`replica`,
    `cache`); all of it when there is no design."""
    missing = []
    for subject in speaks_of:
        if subject == REPLICA:
            has = graph is not None and database_replicated(graph)
            words = "replica"
        else:
            has = graph is not None and any(b.kind == subject for b in graph.blocks)
            words = kinds.label(subject).lower()
        if not has:
            missing.append(words)
    return missing


def database_replicated(graph: Any) -> bool:
    """Whether the design keeps a copy of a database by replication (`db ~> replica`),
    not of a cache or a queue (`cache ~> cache2`)."""
    return any(
        edge.kind == REPLICATION
        and graph.has(edge.source)
        and kinds.BY_ID[graph.block(edge.source).kind].group == "db"
        for edge in graph.edges
    )
