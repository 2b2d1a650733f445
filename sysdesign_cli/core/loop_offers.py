"""What the design loop offers at each round: the engine's fixes for the block that
buckles, beside plausible mistakes built from the same engine (too few copies, far too
many, a fix for a block that is not the bottleneck, a cache or replica where it does not
help), so that the right fix is a choice to make, not the only one on the list.

Which wrong counts (of copies, or of shards) sit beside the right one changes with each
asking's seed: sometimes only counts too few, sometimes only too many, sometimes both, so
that the right count is the smallest, a middle or the largest of the block's counts as
often as not, and only the arithmetic (the block's utilisation times its copies) tells.
The round is judged by `loop_judge`."""

from __future__ import annotations

import math
import random
from dataclasses import replace

from sysdesign_cli.core.capacity import CapacityTable
from sysdesign_cli.core.design_loop import Fix, LoopStep, candidates, evaluate
from sysdesign_cli.core.graph import Graph
from sysdesign_cli.core.load import STORE_COPIES, LoadSpec

MOST = 9  # fixes and mistakes on the list, at most
COUNTS = 5  # counts (copies, or shards) for the block that buckles, the right one among them
FAR_TOO_MANY = 3  # times the copies that suffice, the most offered


def _wrong_counts(before: int, wanted: int, pick: random.Random) -> list[int]:
    """Counts too few (between `before` and `wanted`) and too many (two copies or more
    beyond `wanted`, past the one copy of headroom a fair expert accepts, up to
    FAR_TOO_MANY times): as many below `wanted` as the seed says, the rest above."""
    below = list(range(before + 1, wanted))
    above, last = [], wanted + 1
    for factor in (1.5, 2, 2.5, FAR_TOO_MANY, 2 * FAR_TOO_MANY):
        last = max(last + 1, math.ceil(factor * wanted))
        above.append(last)
    low = pick.randrange(min(len(below), COUNTS - 1) + 1)
    return sorted(pick.sample(below, low) + pick.sample(above, COUNTS - 1 - low))


def _wrong_numbers(graph: Graph, spec: LoadSpec, table: CapacityTable, top: str, fix: Fix,
                   pick: random.Random) -> list[Fix]:  # fmt: skip
    """Wrong counts beside a `run X xN` fix, and wrong shard counts beside a `split X into
    N shards` one; none beside the other fixes."""
    block = graph.block(top)
    if fix.name == "scale":
        counts = _wrong_counts(block.count, fix.graph.block(top).count, pick)
        return [evaluate(graph, spec, table, top, "scale", f"run {top} x{count}",
                         graph.with_count(top, count))
                for count in counts]  # fmt: skip
    if fix.name == "shard":
        counts = _wrong_counts(block.shards, fix.graph.block(top).shards, pick)
        return [evaluate(graph, spec, table, top, "shard", f"split {top} into {count} shards",
                         graph.with_block(replace(block, shards=count)))
                for count in counts]  # fmt: skip
    return []


def _copies_for_writes(graph: Graph, step: LoopStep, spec: LoadSpec, table: CapacityTable,
                       pick: random.Random) -> list[Fix]:  # fmt: skip
    """Copies of a store that copies cannot relieve (each applies every write): the
    classic mistake beside a split, and numbers below the split's so that the smallest
    number on the list is not the answer by default."""
    assert step.bottleneck is not None
    top = step.bottleneck.name
    block = graph.block(top)
    if block.kind not in STORE_COPIES or any(fix.name == "scale" for fix in step.fixes):
        return []
    counts = sorted(pick.sample(range(block.count + 1, block.count + 2 * COUNTS), 2))
    return [evaluate(graph, spec, table, top, "scale", f"run {top} x{count}",
                     graph.with_count(top, count))
            for count in counts]  # fmt: skip


def _elsewhere(graph: Graph, step: LoopStep, spec: LoadSpec,
               table: CapacityTable) -> list[Fix]:  # fmt: skip
    """The engine's fixes for the busiest blocks that are not the bottleneck: each helps
    a block that was not giving way."""
    assert step.bottleneck is not None
    others = sorted((b for b in step.report.blocks
                     if b.name != step.bottleneck.name and b.utilisation is not None),
                    key=lambda b: -(b.utilisation or 0.0))  # fmt: skip
    found = []
    for other in others[:2]:
        for candidate in candidates(graph, spec, other, table)[:2]:
            found.append(evaluate(graph, spec, table, step.bottleneck.name, *candidate))
    return found


def offers(
    graph: Graph, step: LoopStep, spec: LoadSpec, table: CapacityTable, seed: object = 0
) -> tuple[Fix, ...]:
    """The engine's fixes for `step`'s bottleneck first, then mistakes, each label once,
    at most MOST (the session shuffles them). `spec` is today's; `step` at its factor;
    `seed` picks the wrong counts (the same seed, the same list)."""
    pick = random.Random(f"offers-{seed}")
    if step.bottleneck is None:
        return ()
    target = spec.scaled(step.factor)
    top = step.bottleneck.name
    numbers: list[Fix] = []
    for fix in step.fixes:
        numbers += _wrong_numbers(graph, target, table, top, fix, pick)
    if any(fix.name == "shard" for fix in step.fixes):
        numbers += _copies_for_writes(graph, step, target, table, pick)
    # Every wrong number stays (the right one's rank among them is the point); the fixes
    # elsewhere fill what room is left, two at least.
    most = max(MOST, len(step.fixes) + len(numbers) + 2)
    listed: dict[str, Fix] = {}
    for fix in (*step.fixes, *numbers, *_elsewhere(graph, step, target, table)):
        if fix.label not in listed and len(listed) < most:
            listed[fix.label] = fix
    return tuple(listed.values())
