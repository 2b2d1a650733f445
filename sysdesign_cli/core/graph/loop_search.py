"""The fewest additions that carry a target, over every sequence of the loop's fixes: what
the loop's summary shows beside the learner's (each round is judged by `loop_judge`).

A search over the design loop's own fixes, cheapest first (machines added so far): the
first design found that keeps every block under 100% at the target took the fewest
machines any sequence of those fixes can. Bounded, so it answers at once.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sysdesign_cli.core.graph.design_loop import loop_step
from sysdesign_cli.core.graph.load import LoadSpec
from sysdesign_cli.core.graph.model import Graph

if TYPE_CHECKING:
    from sysdesign_cli.core.graph.capacity import CapacityTable

MAX_EXPANSIONS = 60


@dataclass(frozen=True)
class Fewest:
    """The cheapest way found to meet the target: machines added and the fixes, in order."""

    additions: int
    fixes: tuple[str, ...]


def fewest_additions(
    graph: Graph, spec: LoadSpec, table: CapacityTable, factor: float
) -> Fewest | None:
    """The fewest machines the loop's fixes add to carry `factor` times the traffic; None
    when no sequence found within the bound does."""
    count = 0  # breaks ties in insertion order: heapq never compares graphs
    frontier: list[tuple[int, int, Graph, tuple[str, ...]]] = [(0, count, graph, ())]
    seen: set[Graph] = set()
    for _ in range(MAX_EXPANSIONS):
        if not frontier:
            return None
        spent, _, current, labels = heapq.heappop(frontier)
        if current in seen:
            continue
        seen.add(current)
        step = loop_step(current, spec, table, factor)
        if step.meets:
            return Fewest(spent, labels)
        for fix in step.fixes:
            count += 1
            item = (spent + fix.additions, count, fix.graph, (*labels, fix.label))
            heapq.heappush(frontier, item)
    return None

