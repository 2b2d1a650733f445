"""The design loop as a function: at a target traffic, which block buckles first, and
what each candidate fix (more copies, a cache, a read replica, a queue, shards, a managed
load balancer) does to it and to the next bottleneck. A session drives it: show the
bottleneck, let the learner pick, apply the fix, call it again until the target is met.
Fewer additions for the same result is the better design.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sysdesign_cli.core.graph.load import STORE_COPIES, BlockLoad, LoadReport, LoadSpec, load
from sysdesign_cli.core.graph.model import ASYNC, REPLICATION, SYNC, Block, Edge, Graph

if TYPE_CHECKING:
    from sysdesign_cli.core.graph.capacity import CapacityTable


@dataclass(frozen=True)
class Fix:
    """One candidate fix for the bottleneck, and what it does."""

    name: str  # scale, cache, replica, queue, shard, managed
    label: str
    graph: Graph
    additions: int
    utilisation: float | None  # the old bottleneck's, after the fix
    next_bottleneck: str | None
    next_utilisation: float | None
    meets: bool  # every block at or under 100% at the target
    note: str = ""
    asks: str = ""  # on a menu: "copies" or "shards" when the learner types the number
    block: str = ""  # and the block whose number it is


@dataclass(frozen=True)
class LoopStep:
    """At a target: the bottleneck (None when nothing passes 100%) and the fixes."""

    factor: float
    report: LoadReport
    bottleneck: BlockLoad | None
    fixes: tuple[Fix, ...]

    @property
    def meets(self) -> bool:
        """Whether the design already carries the target."""
        return self.bottleneck is None


def additions(before: Graph, after: Graph) -> int:
    """Machines added: new instances of existing blocks, plus every instance of new ones."""
    total = 0
    for block in after.blocks:
        old = before.block(block.name).instances if before.has(block.name) else 0
        total += max(0, block.instances - old)
    return total


def _reads_writes(spec: LoadSpec) -> tuple[set[str], set[str]]:
    reads = {f.flow for f in spec.flows if spec.kind_of(f) == "read"}
    return reads, {f.flow for f in spec.flows} - reads


def _edges_into(graph: Graph, name: str, flows: set[str]) -> list[Edge]:
    return [
        e
        for e in graph.edges
        if e.target == name and e.kind != REPLICATION and any(e.carries(flow) for flow in flows)
    ]


def _retag(graph: Graph, edge: Edge, moved: set[str]) -> list[Edge]:
    """What stays of `edge` once the `moved` flows go elsewhere."""
    carried = edge.flows or graph.flows()
    kept = tuple(flow for flow in carried if flow not in moved)
    return [replace(edge, flows=kept)] if kept else []


def _scale(graph: Graph, b: BlockLoad, table: CapacityTable) -> tuple[int, str] | None:
    """Copies that bring `b` to 100%, or None when copies cannot (writes hit every copy)."""
    block = graph.block(b.name)
    capacity = table.capacity(block)
    if capacity is None:
        return None
    if block.kind not in STORE_COPIES:
        return max(block.count + 1, math.ceil(block.count * (b.utilisation or 0.0))), ""
    write_part = b.writes / block.shards / capacity[1]
    if write_part >= 1.0:
        return None
    reads_per_shard = b.reads / block.shards
    count = math.ceil(reads_per_shard / (capacity[0] * (1 - write_part)))
    return max(block.count + 1, count), "copies share the reads; each still applies every write"


def _candidates(
    graph: Graph, spec: LoadSpec, b: BlockLoad, table: CapacityTable
) -> list[tuple[str, str, Graph, str]]:
    block = graph.block(b.name)
    reads, writes = _reads_writes(spec)
    found: list[tuple[str, str, Graph, str]] = []
    util = b.utilisation or 0.0
    scaled = _scale(graph, b, table)
    if scaled is not None:
        count, note = scaled
        found.append(("scale", f"run {b.name} x{count}", graph.with_count(b.name, count), note))
    read_in = [f for f in reads if any(e.carries(f) for e in _edges_into(graph, b.name, {f}))]
    if block.kind in ("db", "replica", "storage", "search") and read_in and b.reads:
        cache = graph.free_name("cache")
        added = graph.with_block(Block(cache, "cache"))
        for edge in _edges_into(graph, b.name, set(read_in)):
            flows = tuple(f for f in (edge.flows or graph.flows()) if f in read_in)
            added = added.with_edges([Edge(edge.source, cache, SYNC, flows)])
        found.append(
            (
                "cache",
                f"add {cache} in front of {b.name} for reads",
                added,
                "it answers the hits; only misses reach the store",
            )
        )
    if block.kind == "db" and read_in and b.reads:
        replica = graph.free_name("replica")
        moved = graph.with_block(Block(replica, "replica"))
        for edge in _edges_into(graph, b.name, set(read_in)):
            flows = tuple(f for f in (edge.flows or graph.flows()) if f in read_in)
            moved = moved.without_edges([edge]).with_edges(
                [*_retag(graph, edge, set(read_in)), Edge(edge.source, replica, SYNC, flows)]
            )
        moved = moved.with_edges([Edge(b.name, replica, REPLICATION)])
        found.append(
            (
                "replica",
                f"add {replica} (`{b.name} ~> {replica}`) and send reads there",
                moved,
                "the primary keeps the writes; the replica applies them too",
            )
        )
    smooth = {f.flow for f in spec.flows if f.smooth}  # a queue helps only where it may wait
    write_in = [f for f in writes if f in smooth and _edges_into(graph, b.name, {f})]
    if block.kind in ("db", "search") and write_in and spec.peak_factor and b.writes:
        queue, worker = graph.free_name("queue"), graph.free_name("worker")
        # Enough workers to keep up with the average, so the queue never grows for good.
        per_worker = table.capacity(Block(worker, "worker"))
        average = b.writes / spec.peak_factor
        workers = max(1, math.ceil(average / per_worker[0])) if per_worker else 1
        queued = graph.with_block(Block(queue, "queue", count=3)).with_block(
            Block(worker, "worker", count=workers)
        )
        for edge in _edges_into(graph, b.name, set(write_in)):
            flows = tuple(f for f in (edge.flows or graph.flows()) if f in write_in)
            queued = queued.without_edges([edge]).with_edges(
                [*_retag(graph, edge, set(write_in)), Edge(edge.source, queue, SYNC, flows)]
            )
        queued = queued.with_edges(
            [
                Edge(queue, worker, ASYNC, tuple(write_in)),
                Edge(worker, b.name, SYNC, tuple(write_in)),
            ]
        )
        found.append(
            (
                "queue",
                f"put {queue} x3 and {worker} x{workers} in front of {b.name} for writes",
                queued,
                f"writes wait in the queue; {b.name} takes them at the average "
                f"rate (peak / {spec.peak_factor:g})",
            )
        )
    if block.kind in STORE_COPIES and b.writes:
        shards = max(block.shards + 1, math.ceil(block.shards * util))
        found.append(
            (
                "shard",
                f"split {b.name} into {shards} shards",
                graph.with_block(replace(block, shards=shards)),
                "each shard holds a slice of the data and takes its slice of the load",
            )
        )
    if block.kind == "lb" and not block.managed:
        found.append(
            (
                "managed",
                f"use a managed load balancer for {b.name}",
                graph.with_block(replace(block, managed=True)),
                "it scales by itself and runs redundantly",
            )
        )
    return found


def loop_step(graph: Graph, spec: LoadSpec, table: CapacityTable, factor: float = 1.0) -> LoopStep:
    """At `factor` times the traffic: the first block past 100% and what each fix does."""
    target = spec.scaled(factor)
    report = load(graph, target, table)
    top = report.bottleneck
    if top is None or (top.utilisation or 0.0) <= 1.0:
        return LoopStep(factor, report, None, ())
    fixes = [evaluate(graph, target, table, top.name, *candidate)
             for candidate in candidates(graph, target, top, table)]  # fmt: skip
    return LoopStep(factor, report, top, tuple(fixes))


def candidates(
    graph: Graph, spec: LoadSpec, b: BlockLoad, table: CapacityTable
) -> list[tuple[str, str, Graph, str]]:
    """The fixes the engine knows for block `b` under `spec` (already scaled): (name,
    label, changed graph, note) each."""
    return _candidates(graph, spec, b, table)


def evaluate(
    graph: Graph, spec: LoadSpec, table: CapacityTable, top: str,
    name: str, label: str, changed: Graph, note: str = "",
) -> Fix:  # fmt: skip
    """What the change from `graph` to `changed` does under `spec` (already scaled): to
    the block `top` that buckled, and to the busiest block after it."""
    after = load(changed, spec, table)
    next_top = after.bottleneck
    mine = after.block(top).utilisation if changed.has(top) else None
    meets = next_top is None or (next_top.utilisation or 0.0) <= 1.0
    return Fix(name, label, changed, additions(graph, changed), mine,
               next_top.name if next_top else None,
               next_top.utilisation if next_top else None, meets, note)  # fmt: skip
