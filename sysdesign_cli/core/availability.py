"""Availability of each flow, worked out from the graph.

Exact over block states: every copy is up or down with its own availability from the
capacity table; a block works while one copy does; a flow works when `flows.Route.works`
says so. The sum over states is factored one block at a time and cut short as soon as
the rest cannot change the answer, so a design of a few dozen blocks is exact and fast;
past a budget it falls back to sampling (and says so).

Assumed, and stated in every result: copies fail independently, and failover to a
copy (a second app server, a replica) works. The correlated case shows why that
matters: copies that share a zone fail together when the zone does.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace

from sysdesign_cli.core.capacity import CapacityTable
from sysdesign_cli.core.flows import Route, route
from sysdesign_cli.core.graph import Graph

BUDGET = 40_000  # works() evaluations before sampling takes over
SAMPLES = 20_000
ASSUMPTIONS = (
    "copies fail independently of each other",
    "failover works: a second copy or a replica takes over at once",
)
ONE_ZONE = "one-zone"


@dataclass(frozen=True)
class FlowAvailability:
    """How often one flow works."""

    flow: str
    availability: float  # what the user waits on
    complete: float  # including the work done later, after a queue
    one_zone: float  # the same design with every self-run copy in a single zone
    zone_availability: float
    exact: bool
    assumptions: tuple[str, ...] = ASSUMPTIONS


@dataclass(frozen=True)
class _Unit:
    """Something that is up or down: some copies of a block in one zone, or a zone."""

    block: str | None
    zone: str | None
    up: float


def _units(graph: Graph, names: list[str], table: CapacityTable) -> list[_Unit]:
    units: list[_Unit] = []
    zones: list[str] = []
    for name in names:
        block = graph.block(name)
        one = table.availability(block)
        if one >= 1.0:
            continue
        if block.managed:
            units.append(_Unit(name, None, one))
            continue
        for zone, count in block.zone_counts().items():
            units.append(_Unit(name, zone, 1 - (1 - one) ** count))
            if zone is not None and zone not in zones:
                zones.append(zone)
    units += [_Unit(None, zone, table.zone_availability) for zone in zones]
    return units


def _dead_blocks(units: list[_Unit], down: frozenset[int]) -> frozenset[str]:
    """Blocks with no unit left up (a unit is down itself, or its zone is)."""
    dead_zones = {units[i].zone for i in down if units[i].block is None}
    alive: set[str] = set()
    every: set[str] = set()
    for index, unit in enumerate(units):
        if unit.block is None:
            continue
        every.add(unit.block)
        if index not in down and unit.zone not in dead_zones:
            alive.add(unit.block)
    return frozenset(every - alive)


def _probability(units: list[_Unit], works: Callable[[frozenset[str]], bool]) -> tuple[float, bool]:
    """P(works) over unit states, and whether it is exact."""
    order = list(range(len(units)))
    calls = 0

    def check(down: frozenset[int]) -> bool:
        nonlocal calls
        calls += 1
        if calls > BUDGET:
            raise _OverBudget
        return works(_dead_blocks(units, down))

    def factor(position: int, down: frozenset[int]) -> float:
        rest = frozenset(order[position:])
        if check(down | rest):
            return 1.0
        if not check(down):
            return 0.0
        index = order[position]
        up = units[index].up
        return up * factor(position + 1, down) + (1 - up) * factor(position + 1, down | {index})

    try:
        return factor(0, frozenset()), True
    except _OverBudget:
        pass
    rng = random.Random(0)  # the same design gives the same figure every run
    hits = 0
    for _ in range(SAMPLES):
        down = frozenset(i for i, unit in enumerate(units) if rng.random() >= unit.up)
        hits += works(_dead_blocks(units, down))
    return hits / SAMPLES, False


class _OverBudget(Exception):
    pass


def _involved(flow_route: Route) -> list[str]:
    """Blocks the flow reaches, and the copies that can take over from them."""
    names = list(flow_route.blocks)
    for name in list(names):
        group = flow_route.groups[name]
        names += [n for n, g in flow_route.groups.items() if g == group and n not in names]
    return names


def flow_availability(
    graph: Graph, flow: str, table: CapacityTable, dead: frozenset[str] = frozenset()
) -> FlowAvailability:
    """One flow's availability (with the `dead` blocks gone for good, for drills)."""
    flow_route = route(graph, flow)
    names = [name for name in _involved(flow_route) if name not in dead]
    exact = True

    def measure(of: Graph, complete: bool) -> float:
        nonlocal exact
        path = route(of, flow)
        units = _units(of, names, table)
        value, was_exact = _probability(
            units, lambda gone: path.works(gone | dead, complete=complete)
        )
        exact = exact and was_exact
        return value

    one_zone = Graph(
        tuple(b if b.managed else replace(b, zones=(ONE_ZONE,)) for b in graph.blocks),
        graph.edges,
    )
    return FlowAvailability(
        flow=flow,
        availability=measure(graph, complete=False),
        complete=measure(graph, complete=True),
        one_zone=measure(one_zone, complete=False),
        zone_availability=table.zone_availability,
        exact=exact,
    )


def availabilities(
    graph: Graph, table: CapacityTable, flows: tuple[str, ...] | None = None
) -> tuple[FlowAvailability, ...]:
    """Every flow's availability."""
    return tuple(flow_availability(graph, flow, table) for flow in flows or graph.flows())
