"""Whether a model answer carries its own scenario: a reference design shown to the learner
as the answer must not have a block past 100% busy at the peak the same file's estimate
gives. A model answer that cannot carry its own traffic teaches the wrong design.

Pure: a scenario's design rules, the estimate that loads it and the capacity table in;
the blocks past full out, each with what fixes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

OVER = 1.0  # utilisation past which a block is over full


@dataclass(frozen=True)
class Overloaded:
    """One block of a reference design past 100% busy at its scenario's peak."""

    block: str
    kind: str
    copies: int
    utilisation: float
    fix: str

    @property
    def message(self) -> str:
        """What is wrong, and what to do about it, in one sentence."""
        copies = "one copy" if self.copies == 1 else f"{self.copies} copies"
        return (f"the reference design cannot carry its own peak: {self.block} ({copies}) is "
                f"{self.utilisation:.0%} busy at the peak the estimate gives; {self.fix}")


def _fix(block: Any, writes_part: float) -> str:
    """What takes the load off a block: copies share reads and stateless work, shards
    split a store's writes, a cache answers repeated reads before the block."""
    if block.kind in ("db", "replica", "search") and writes_part > 1.0:
        return ("its writes alone are past full and every copy applies them all: split the "
                "data (`shards N`), and give its replicas as many shards")
    if block.kind in ("db", "replica", "search"):
        return "put a cache before it, give it read replicas, or split it into shards"
    if block.kind == "cache":
        return "give it more copies (`x N`) or split the keys over shards"
    return "give it more copies (`x N`), enough to keep it under about 80% busy"


def overloaded(design: Any, estimate: Any, table: Any) -> list[Overloaded]:
    """The blocks of `design`'s reference past 100% busy at `estimate`'s peak, busiest
    first (an empty list: it carries it)."""
    from sysdesign_cli.core.graph.load import load

    graph = design.graph()
    report = load(graph, design.load_spec(estimate.result()), table)
    found = []
    for block in report.blocks:
        if (block.utilisation or 0.0) <= OVER:
            continue
        capacity = table.capacity(graph.block(block.name))
        writes_part = block.write_per_instance / capacity[1] if capacity else 0.0
        found.append(Overloaded(block.name, block.kind, block.instances,
                                block.utilisation or 0.0,
                                _fix(graph.block(block.name), writes_part)))  # fmt: skip
    return sorted(found, key=lambda over: -over.utilisation)


def exercise_estimate(exercise: Any) -> Any:
    """The estimate stage whose peak an exercise's reference must carry: the one its load
    stage uses, else its first (None: it has none)."""
    for stage in exercise.stages:
        if stage.kind == "load":
            return exercise.estimate_for(stage)
    return next((stage for stage in exercise.stages if stage.kind == "estimate"), None)
