"""What the design loop offers at each round: the engine's fixes for the block that
buckles, beside plausible mistakes built from the same engine (too few copies, far too
many, a fix for a block that is not the bottleneck, a cache or replica where it does not
help), so that the right fix is a choice to make, not the only one on the list. The loop
is scored by what the chosen fixes add, so a mistake costs what it would cost in a real
design: another round, or machines beyond the fewest."""

from __future__ import annotations

from sysdesign_cli.core.capacity import CapacityTable
from sysdesign_cli.core.design_loop import Fix, LoopStep, candidates, evaluate
from sysdesign_cli.core.graph import Graph
from sysdesign_cli.core.load import LoadSpec

MOST = 6  # fixes and mistakes on the list, at most
FAR_TOO_MANY = 3  # times the copies that suffice


def _copies(graph: Graph, spec: LoadSpec, table: CapacityTable, top: str,
            fix: Fix) -> list[Fix]:  # fmt: skip
    """Too few and far too many copies beside a `run X xN` fix."""
    before = graph.block(top).count
    wanted = fix.graph.block(top).count
    counts = []
    if wanted - before >= 2:
        counts.append(before + (wanted - before) // 2)
    counts.append(max(wanted + 2, FAR_TOO_MANY * wanted))
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


def offers(graph: Graph, step: LoopStep, spec: LoadSpec, table: CapacityTable) -> tuple[Fix, ...]:
    """The engine's fixes for `step`'s bottleneck first, then mistakes, each label once,
    at most MOST (the session shuffles them). `spec` is today's; `step` at its factor."""
    if step.bottleneck is None:
        return ()
    target = spec.scaled(step.factor)
    top = step.bottleneck.name
    mistakes: list[Fix] = []
    for fix in step.fixes:
        if fix.name == "scale":
            mistakes += _copies(graph, target, table, top, fix)
    mistakes += _elsewhere(graph, step, target, table)
    listed: dict[str, Fix] = {}
    for fix in (*step.fixes, *mistakes):
        if fix.label not in listed and len(listed) < max(MOST, len(step.fixes)):
            listed[fix.label] = fix
    return tuple(listed.values())
