"""How long each flow takes for the user, from the hop latencies in the capacity table:
the calls made in turn on the way add up, a hit ends at the cache or CDN that answers it,
and the first hop from a client crosses the internet (to a CDN edge, only the short way).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sysdesign_cli.core.graph import kinds
from sysdesign_cli.core.graph.flows import DEAD_END, LOOKUP, OPTIONAL, Route
from sysdesign_cli.core.graph.model import SYNC, Graph

if TYPE_CHECKING:
    from sysdesign_cli.core.graph.capacity import CapacityTable


@dataclass(frozen=True)
class FlowLatency:
    """How long one flow takes for the user: on a cache hit, and on a miss."""

    flow: str
    hit_ms: float | None  # None: no cache or CDN answers it
    miss_ms: float


def latency(graph: Graph, r: Route, table: CapacityTable, read: bool) -> FlowLatency:
    """Milliseconds the user waits: the sum of the calls made in turn on the way, the
    slowest of any alternatives; a hit ends at the cache or CDN that answers it."""

    def hop(caller: str, target: str) -> float:
        block = graph.block(target)
        wide = graph.block(caller).role == kinds.ENTRY and block.role not in (
            kinds.EDGE,
            kinds.LOOKUP,
        )  # a CDN edge is near the user; DNS answers from cache
        return table.latency(block) + (table.internet_ms if wide else 0.0)

    def times(name: str, seen: frozenset[str]) -> tuple[float, float | None]:
        beside, miss, hit, answered = 0.0, 0.0, 0.0, False
        for branch in r.branches(name):
            targets = [t for t in branch.targets if t not in seen]
            if branch.edge_kind != SYNC or not targets:
                continue
            if branch.kind == DEAD_END:
                continue
            if branch.kind in (LOOKUP, OPTIONAL):
                beside += max(hop(name, target) for target in targets)
                answered = answered or branch.kind == OPTIONAL
                continue
            worst = max(targets, key=lambda target: hop(name, target))
            below_miss, below_hit = times(worst, seen | {worst})
            miss += hop(name, worst) + below_miss
            hit += hop(name, worst) + (below_miss if below_hit is None else below_hit)
            answered = answered or below_hit is not None
        if read and graph.block(name).role in (kinds.CACHE, kinds.EDGE):
            return beside + miss, beside
        if read and any(b.kind == OPTIONAL for b in r.branches(name)):
            return beside + miss, beside  # a hit in the cache beside ends it here
        return beside + miss, (beside + hit if read and answered else None)

    results = [times(entry, frozenset({entry})) for entry in r.entries]
    miss = max((m for m, _ in results), default=0.0)
    hits = [h for _, h in results if h is not None]
    return FlowLatency(r.flow, max(hits) if hits else None, miss)
