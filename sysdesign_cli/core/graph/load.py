"""Traffic through the graph: per-block load, utilisation at peak, latency per flow,
and the first block to pass 100% as traffic grows.

Each flow's peak rate enters at its clients and is handed on the way `flows.Route`
says: a call passes everything on, alternatives (a load balancer's targets, copies of
the data) share it by instances, a cache or CDN answers its hit ratio of the reads and
passes only the misses on, a store keeps what reaches it. What enters a block leaves it
or is absorbed there. A replica also applies every write its primary takes. Behind a
queue, with a peak factor given, work runs at the average rate: the queue holds the peak;
except on a flow that is not `smooth`, whose peak lasts longer than its backlog may wait.

Utilisation at peak = load on one instance / what one instance handles (the capacity
table): stateless blocks share all requests over their copies; copies of a store
share the reads but each applies every write; shards split both.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sysdesign_cli.core.graph import kinds
from sysdesign_cli.core.graph.flows import ALTERNATIVE, DEAD_END, LOOKUP, OPTIONAL, Route, route
from sysdesign_cli.core.graph.latency import FlowLatency, latency
from sysdesign_cli.core.graph.model import ASYNC, REPLICATION, Graph
from sysdesign_cli.core.graph.traffic import FlowLoad, LoadSpec, from_estimate, split

if TYPE_CHECKING:
    from sysdesign_cli.core.graph.capacity import CapacityTable

__all__ = [
    "BlockLoad", "FlowLatency", "FlowLoad", "Growth", "LoadReport", "LoadSpec",
    "from_estimate", "growth", "load", "split",
]  # fmt: skip

STORE_COPIES = ("db", "replica", "cache", "search")  # copies hold the same data
GROWTH = (2.0, 5.0, 10.0)


@dataclass(frozen=True)
class BlockLoad:
    """The load on one block at peak."""

    name: str
    kind: str
    instances: int
    reads: float  # read requests per second reaching it, all copies together
    writes: float
    absorbed: float  # requests that end here: hits, stored writes, deliveries
    per_instance: float
    utilisation: float | None  # None: a managed service that scales by itself
    bytes_per_second: float
    read_per_instance: float = 0.0  # what one copy serves: the two parts of per_instance
    write_per_instance: float = 0.0

    @property
    def load(self) -> float:
        """Requests per second reaching the block."""
        return self.reads + self.writes


@dataclass(frozen=True)
class LoadReport:
    """Every block's load at peak and every flow's latency."""

    blocks: tuple[BlockLoad, ...]
    latencies: tuple[FlowLatency, ...]
    edge_loads: tuple[tuple[str, str, str, str, float], ...]  # source, target, kind, flow, rate
    entered: tuple[tuple[str, float], ...]  # flow, rate

    def block(self, name: str) -> BlockLoad:
        """The load on `name`."""
        return next(b for b in self.blocks if b.name == name)

    @property
    def bottleneck(self) -> BlockLoad | None:
        """The most utilised block (None when no block has a capacity figure)."""
        rated = [b for b in self.blocks if b.utilisation is not None]
        return max(rated, key=lambda b: b.utilisation or 0.0) if rated else None

    @property
    def over(self) -> tuple[BlockLoad, ...]:
        """Blocks past 100% at peak."""
        return tuple(b for b in self.blocks if (b.utilisation or 0.0) > 1.0)


def _topological(r: Route) -> list[str]:
    indegree = {name: 0 for name in r.blocks}
    for edge in r.forward:
        indegree[edge.target] += 1
    ready = [name for name in r.blocks if indegree[name] == 0]
    order: list[str] = []
    while ready:
        name = ready.pop(0)
        order.append(name)
        for edge in r.onward(name):
            indegree[edge.target] -= 1
            if indegree[edge.target] == 0:
                ready.append(edge.target)
    return order


class _Tally:
    def __init__(self) -> None:
        self.reads: dict[str, float] = defaultdict(float)
        self.writes: dict[str, float] = defaultdict(float)
        self.absorbed: dict[str, float] = defaultdict(float)
        self.each_reads: dict[str, float] = defaultdict(float)  # reaching every copy
        self.each_writes: dict[str, float] = defaultdict(float)
        self.bytes: dict[str, float] = defaultdict(float)
        self.edges: list[tuple[str, str, str, str, float]] = []

    def arrive(self, name: str, rate: float, read: bool, payload: float) -> None:
        (self.reads if read else self.writes)[name] += rate
        self.bytes[name] += rate * payload


def _flow(graph: Graph, spec: LoadSpec, flow: FlowLoad, table: CapacityTable, t: _Tally) -> None:
    r = route(graph, flow.flow)
    read = spec.kind_of(flow) == "read"
    inflow: dict[str, float] = defaultdict(float)
    for entry in r.entries:
        inflow[entry] += flow.rate / len(r.entries)

    def send(source: str, target: str, kind: str, rate: float, each: bool) -> None:
        if kind == ASYNC and spec.peak_factor and flow.smooth and source in r.sync_blocks:
            rate /= spec.peak_factor
        t.edges.append((source, target, kind, flow.flow, rate))
        t.arrive(target, rate, read, flow.payload)
        if each:
            (t.each_reads if read else t.each_writes)[target] += rate
        inflow[target] += rate

    for name in _topological(r):
        rate = inflow[name]
        block = graph.block(name)
        edges = {(e.source, e.target, e.kind): e for e in r.forward if e.source == name}
        branches = r.branches(name)
        if read and block.role in (kinds.CACHE, kinds.EDGE) and branches:
            hits = rate * table.hit_ratio(block)  # read-through: answers hits, passes misses
            t.absorbed[name] += hits
            rate -= hits
        for branch in branches:
            if branch.kind == LOOKUP:
                target = branch.targets[0]
                send(name, target, branch.edge_kind, rate, False)
                t.absorbed[target] += inflow[target]
                inflow[target] = 0.0  # a lookup answers; it forwards nothing
        for branch in [b for b in branches if b.kind == OPTIONAL]:
            cache = graph.block(branch.targets[0])
            send(name, cache.name, branch.edge_kind, rate, False)
            answered = rate * table.hit_ratio(cache) if read else rate
            t.absorbed[cache.name] += answered
            inflow[cache.name] = 0.0
            if read:
                rate -= answered  # only the misses go on
        rest = [b for b in branches if b.kind not in (LOOKUP, OPTIONAL, DEAD_END)]
        for branch in rest:
            weights = [graph.block(target).instances for target in branch.targets]
            for target, weight in zip(branch.targets, weights):
                share = rate * weight / sum(weights) if branch.kind == ALTERNATIVE else rate
                edge = edges[(name, target, branch.edge_kind)]
                send(name, target, branch.edge_kind, share, edge.each)
        for edge in r.back:
            if edge.source == name:
                send(name, edge.target, edge.kind, rate, edge.each)
                t.absorbed[edge.target] += rate  # delivered: it goes no further
        if not rest:
            t.absorbed[name] += rate  # the flow ends here: a store keeps it


def _replicate(graph: Graph, t: _Tally) -> None:
    """Each replica applies every write its primary takes."""
    done: set[tuple[str, str]] = set()
    for _ in range(len(graph.edges)):
        for edge in graph.edges:
            key = (edge.source, edge.target)
            if edge.kind != REPLICATION or key in done:
                continue
            if any(
                e.kind == REPLICATION
                and e.target == edge.source
                and (e.source, e.target) not in done
                for e in graph.edges
            ):
                continue  # its own primary first
            done.add(key)
            writes = t.writes[edge.source]
            t.edges.append((edge.source, edge.target, REPLICATION, "replication", writes))
            t.writes[edge.target] += writes
            t.absorbed[edge.target] += writes


def _block_load(graph: Graph, name: str, t: _Tally, table: CapacityTable) -> BlockLoad:
    block = graph.block(name)
    reads, writes = t.reads[name], t.writes[name]
    shared_reads = max(reads - t.each_reads[name], 0.0)
    shared_writes = max(writes - t.each_writes[name], 0.0)
    read_pi = shared_reads / block.instances + t.each_reads[name]
    # Copies of a store share the reads, but each applies every write; shards split both.
    spread = block.shards if block.kind in STORE_COPIES else block.instances
    write_pi = shared_writes / spread + t.each_writes[name]
    capacity = table.capacity(block)
    utilisation = None
    if capacity is not None:
        utilisation = read_pi / capacity[0] + write_pi / capacity[1]
    return BlockLoad(
        name,
        block.kind,
        block.instances,
        reads,
        writes,
        t.absorbed[name],
        read_pi + write_pi,
        utilisation,
        t.bytes[name],
        read_pi,
        write_pi,
    )


def load(graph: Graph, spec: LoadSpec, table: CapacityTable) -> LoadReport:
    """Every block's load and utilisation at peak, and every flow's latency."""
    tally = _Tally()
    latencies = []
    for flow in spec.flows:
        _flow(graph, spec, flow, table, tally)
        read = spec.kind_of(flow) == "read"
        latencies.append(latency(graph, route(graph, flow.flow), table, read))
    _replicate(graph, tally)
    blocks = tuple(
        _block_load(graph, b.name, tally, table) for b in graph.blocks if b.role != kinds.ENTRY
    )
    entered = tuple((f.flow, f.rate) for f in spec.flows)
    return LoadReport(blocks, tuple(latencies), tuple(tally.edges), entered)


@dataclass(frozen=True)
class Growth:
    """Utilisation as traffic grows, and the first block past 100%."""

    factors: tuple[float, ...]
    rows: tuple[tuple[str, tuple[float | None, ...]], ...]  # block, utilisation per factor
    first: str | None  # the block that passes 100% first
    at: float | None  # the growth at which it does (None: no block has a capacity)


def growth(
    graph: Graph, spec: LoadSpec, table: CapacityTable, factors: tuple[float, ...] = GROWTH
) -> Growth:
    """Utilisation at 1x and each factor; load is linear in traffic, so the first block to
    pass 100% is the busiest, at 1 / its utilisation."""
    reports = [load(graph, spec.scaled(f), table) for f in (1.0, *factors)]
    rows = tuple(
        (b.name, tuple(r.block(b.name).utilisation for r in reports)) for b in reports[0].blocks
    )
    top = reports[0].bottleneck
    if top is None or not top.utilisation:
        return Growth((1.0, *factors), rows, None, None)
    at = 1 / top.utilisation
    return Growth((1.0, *factors), rows, top.name, at if math.isfinite(at) else None)
