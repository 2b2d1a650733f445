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
from typing import TYPE_CHECKING

from sysdesign_cli.core.graph.flows import Route, route
from sysdesign_cli.core.graph.model import Graph

if TYPE_CHECKING:
    from sysdesign_cli.core.graph.capacity import CapacityTable

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


def _units(graph: Graph, names: list[str], groups: dict[str, str],
           table: CapacityTable) -> list[_Unit]:  # fmt: skip
    """Zones first, then each block's copies, copies of the same data side by side: the
    order that lets the sum below forget what no longer matters."""
    ordered = sorted(names, key=lambda name: names.index(groups[name]) if groups[name] in names
                     else names.index(name))  # fmt: skip
    units: list[_Unit] = []
    zones: list[str] = []
    for name in ordered:
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
    return [_Unit(None, zone, table.zone_availability) for zone in zones] + units


class _Sum:
    """P(works) summed over unit states, one unit at a time (pivoting), with two shortcuts:
    stop when the undecided units cannot change the answer (works is monotone), and
    remember sub-sums by what the decided units mean for each block and copy group."""

    def __init__(self, units: list[_Unit], works: Callable[[frozenset[str]], bool],
                 groups: dict[str, str], leaf_groups: set[str]) -> None:  # fmt: skip
        self.units, self.works, self.groups = units, works, groups
        self.leaf_groups = leaf_groups
        self.calls = 0
        self.memo: dict[tuple[int, frozenset[tuple[str, str]]], float] = {}
        self.blocks = list(dict.fromkeys(u.block for u in units if u.block is not None))

    def dead(self, down: frozenset[int]) -> frozenset[str]:
        """Blocks with no unit left up (a unit is down itself, or its zone is)."""
        dead_zones = {self.units[i].zone for i in down if self.units[i].block is None}
        alive = {unit.block for index, unit in enumerate(self.units)
                 if unit.block is not None and index not in down
                 and unit.zone not in dead_zones}  # fmt: skip
        return frozenset(b for b in self.blocks if b not in alive)

    def check(self, down: frozenset[int]) -> bool:
        self.calls += 1
        if self.calls > BUDGET:
            raise _OverBudget
        return self.works(self.dead(down))

    def signature(self, position: int, down: frozenset[int]) -> frozenset[tuple[str, str]]:
        """What the first `position` units' states mean: each zone up or down, each block up,
        down or still open; for copies that only hold data, whether any is up."""
        states: dict[str, str] = {}
        dead_zones = set()
        for index in range(position):
            unit = self.units[index]
            if unit.block is None:
                states[f"zone:{unit.zone}"] = "down" if index in down else "up"
                if index in down:
                    dead_zones.add(unit.zone)
                continue
            if index not in down and unit.zone not in dead_zones:
                states[unit.block] = "up"
            else:
                states.setdefault(unit.block, "open")
        for block in list(states):
            if states[block] == "open" and not any(u.block == block for u in self.units[position:]):
                states[block] = "down"
        merged: dict[str, str] = {}
        for block, state in states.items():
            group = self.groups.get(block, block)
            if group in self.leaf_groups:
                rank = {"up": 2, "open": 1, "down": 0}
                old = merged.get(f"copies:{group}")
                if old is None or rank[state] > rank[old]:
                    merged[f"copies:{group}"] = state
            else:
                merged[block] = state
        return frozenset(merged.items())

    def factor(self, position: int, down: frozenset[int]) -> float:
        key = (position, self.signature(position, down))
        if key in self.memo:
            return self.memo[key]
        rest = frozenset(range(position, len(self.units)))
        if self.check(down | rest):
            value = 1.0
        elif not self.check(down):
            value = 0.0
        else:
            up = self.units[position].up
            value = up * self.factor(position + 1, down) + (1 - up) * self.factor(
                position + 1, down | {position}
            )
        self.memo[key] = value
        return value


def _probability(units: list[_Unit], works: Callable[[frozenset[str]], bool],
                 groups: dict[str, str], leaf_groups: set[str]) -> tuple[float, bool]:  # fmt: skip
    """P(works) over unit states, and whether it is exact."""
    total = _Sum(units, works, groups, leaf_groups)
    try:
        return total.factor(0, frozenset()), True
    except _OverBudget:
        pass
    rng = random.Random(0)  # the same design gives the same figure every run
    hits = 0
    for _ in range(SAMPLES):
        down = frozenset(i for i, unit in enumerate(units) if rng.random() >= unit.up)
        hits += works(total.dead(down))
    return hits / SAMPLES, False


class _OverBudget(Exception):
    pass


def _involved(flow_route: Route) -> list[str]:
    """Blocks whose state can change whether the flow works: those on the way to its
    stores (not a cache asked aside, a dead end or side work), and the copies that can take
    over from them. Leaving the others out keeps the sum exact and small."""
    from sysdesign_cli.core.graph.flows import DEAD_END, OPTIONAL

    names = list(flow_route.entries)
    for name in names:
        for branch in flow_route.branches(name):
            if branch.kind in (OPTIONAL, DEAD_END):
                continue
            if not any(t in flow_route.leads for t in branch.targets):
                continue
            names += [t for t in branch.targets if t not in names]
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
        units = _units(of, names, path.groups, table)
        # Copies that the flow never goes on from matter only by being up: any one will do.
        ends = {n for n in path.groups if not path.onward(n)}
        leaf_groups = {g for g in path.groups.values()
                       if all(m in ends for m, h in path.groups.items() if h == g)}  # fmt: skip
        value, was_exact = _probability(
            units,
            lambda gone: path.works(gone | dead, complete=complete),
            path.groups,
            leaf_groups,
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
