"""Single points of failure, found from the structure of the graph.

A block is a single point of failure for a flow when it runs as one copy, is not a
managed service (DNS, a cloud load balancer, a CDN, object storage are redundant by
nature), and its loss stops the flow: cuts it off from a store it needs, with copies
(`x2`) and replicas (`~>`, failover assumed) counted. When the loss stops only the work
after a queue, the flow is still accepted and the finding says so. A zone is a single
point of failure when every copy of something a flow needs runs in it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sysdesign_cli.core.graph import kinds
from sysdesign_cli.core.graph.flows import Route
from sysdesign_cli.core.graph.model import Graph


@dataclass(frozen=True)
class SinglePoint:
    """A block (or zone) whose loss stops flows."""

    name: str
    flows: tuple[str, ...]  # flows the user waits on that stop
    later: tuple[str, ...] = ()  # flows still accepted whose later work stops
    zone: bool = False


def candidates(graph: Graph) -> list[str]:
    """Blocks that exist once and run as software you operate."""
    return [
        b.name for b in graph.blocks if b.count == 1 and not b.managed and b.role != kinds.ENTRY
    ]


def _stops(routes: list[Route], dead: frozenset[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    now, later = [], []
    for flow_route in routes:
        if not flow_route.needs():
            continue  # a flow that reaches no store has none to be cut off from
        if flow_route.works() and not flow_route.works(dead):
            now.append(flow_route.flow)
        elif flow_route.works(complete=True) and not flow_route.works(dead, complete=True):
            later.append(flow_route.flow)
    return tuple(now), tuple(later)


def zone_blocks(graph: Graph, zone: str) -> frozenset[str]:
    """Blocks with every copy in `zone`: they die with it."""
    return frozenset(
        b.name for b in graph.blocks if not b.managed and b.zones and set(b.zones) == {zone}
    )


def single_points(graph: Graph, routes: list[Route]) -> tuple[SinglePoint, ...]:
    """Every single point of failure of these flows, blocks first, then zones."""
    found = []
    for name in candidates(graph):
        now, later = _stops(routes, frozenset({name}))
        if now or later:
            found.append(SinglePoint(name, now, later))
    zones = dict.fromkeys(zone for b in graph.blocks if not b.managed for zone in b.zones)
    for zone in zones:
        now, later = _stops(routes, zone_blocks(graph, zone))
        if now or later:
            found.append(SinglePoint(zone, now, later, zone=True))
    return tuple(found)
