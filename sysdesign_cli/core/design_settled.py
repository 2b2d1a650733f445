"""Key points a learner's own design already settles.

"Name one weakness of your design" lists weaknesses a design may have: one database, one
app server. A design that runs a replica, or two app servers, does not have them: such a
point is no weakness of it, and the fix paired with it (in the rubric's `alternatives`
or `half`) is already drawn. The design shows them, so the wrap-up says so, and naming
one earns nothing: the question asks for a weakness of the learner's own design.

One rule decides what is a single point of failure, the design engine's: a block drawn
once that is not a managed service. A managed load balancer (`lb`, `elb`) is redundant
within its provider, as every check, drill and availability figure takes it: "the one
load balancer" is no weakness of it, nor is "use a managed load balancer" a fix it lacks.
One you run yourself drawn once (`nginx`, `haproxy`) is a single point of failure, a fair
weakness (the scenarios' rubrics give it half marks); two of them settle it.

Splitting the database is settled the same way: a whole answer (in `alternatives`) whose
fix says "sharding" is no answer on a design whose database is split already (`db shards
14`): "the database takes more writes than one machine; shard it" names a weakness it
does not have. A weakness of a split database (its shards fill up) is another answer.
"""

from __future__ import annotations

from typing import Any

from sysdesign_cli.core.graph import kinds
from sysdesign_cli.core.graph.model import REPLICATION

SINGLE_POINT = "single point of failure"
SHARDING = "sharding"  # a fix whose `point` says it splits the database


def _groups(about: list[str]) -> set[str]:
    """The kinds (by family: a replica is a database) a point's `about` words name."""
    found = (kinds.resolve(word) for word in about)
    return {kinds.BY_ID[each.kind].group for each in found if each is not None}


def settled_points(rubric: Any, graph: Any, verdict: Any) -> dict[str, str]:
    """Point id -> what in the design settles it (`db ~> replica`, `no load balancer`):
    each point about a single point of failure in blocks of kinds the design has, none of
    them one, or of a kind it does not draw at all; and the points paired with it in the
    rubric's alternatives (its fix)."""
    if graph is None or verdict is None:
        return {}
    single = set(verdict.spofs)
    replicas: dict[str, list[str]] = {}  # each block's replicas, in the order drawn
    for edge in graph.edges:
        if edge.kind == REPLICATION:
            replicas.setdefault(edge.source, []).append(edge.target)
    copies = {target for targets in replicas.values() for target in targets}
    pairs = [*rubric.alternatives, *getattr(rubric, "half", ())]
    settled: dict[str, str] = {}
    for point in rubric.points:
        if SINGLE_POINT not in point.point.lower() or not point.about:
            continue
        groups = _groups(list(point.about))
        present = [b for b in graph.blocks if kinds.BY_ID[b.kind].group in groups]
        if not groups or any(b.name in single for b in present):
            continue
        if present:
            spares = [_spare(b, replicas) for b in present
                      if b.name not in copies or b.count > 1]  # fmt: skip
            why = ", ".join(spares or [b.name for b in present])
        else:  # a block the design does not draw is no weakness of it either
            why = f"no {_named_kind(point.about)}"
        for group in pairs or [[point.id]]:
            if point.id in group:
                settled.update(dict.fromkeys(group, why))
        settled[point.id] = why
    for group, why in _split_already(rubric, graph):
        settled.update(dict.fromkeys(group, why))
    return settled


def _split_already(rubric: Any, graph: Any) -> list[tuple[list[str], str]]:
    """The whole answers whose fix is to shard the database, and what in the design
    splits it already (`db shards 14`): none when its database is one machine."""
    split = [b for b in graph.blocks if b.kind == "db" and b.shards > 1]
    if not split:
        return []
    why = ", ".join(f"{b.name} shards {b.shards} (its data split over {b.shards} machines)"
                    for b in split)  # fmt: skip
    fixes = {p.id for p in rubric.points if SHARDING in p.point.lower()}
    return [(list(group), why) for group in rubric.alternatives if fixes & set(group)]


def _named_kind(about: Any) -> str:
    """The kind a point is about, as said in a sentence (`load balancer`)."""
    found = next(each for each in map(kinds.resolve, about) if each is not None)
    return kinds.noun(found.kind)


def _spare(block: Any, replicas: dict[str, list[str]]) -> str:
    """How a block is kept from being one: `app x2`, `db ~> replica`, `lb, a managed
    load balancer redundant within its provider`."""
    if block.count > 1:
        return f"{block.name} x{block.count}"
    if block.managed:
        return (f"{block.name}, a managed {kinds.noun(block.kind)} redundant within its "
                "provider")
    copies = replicas.get(block.name)
    return f"{block.name} ~> {copies[0]}" if copies else block.name
