"""What the design loop offers at each round: the engine's fixes for the block that
buckles, beside plausible mistakes built from the same engine (fixes for other busy
blocks, a cache where it does not help, copies of a store that each apply every write),
so that the right fix is a choice to make, not the only one on the list.

The round does not name the block that buckles (the load figures do), and every block on
the menu is named by as many fixes as the next: neither the prompt nor how often a name
comes up tells the bottleneck's fixes from the others; only the figures do.

A fix by a number (copies, shards) is listed without it ("more copies of app"): the
learner picks the kind of fix, then types how many in all. A list of numbers would give
the answer away to a guesser (the smallest, the middle one); only the arithmetic (the
block's utilisation times its copies) gives the number. The round is judged by
`loop_judge`."""

from __future__ import annotations

from dataclasses import replace

from sysdesign_cli.core.graph.capacity import CapacityTable
from sysdesign_cli.core.graph.design_loop import Fix, LoopStep, candidates, evaluate
from sysdesign_cli.core.graph.load import STORE_COPIES, LoadSpec
from sysdesign_cli.core.graph.model import Graph

MOST = 6  # fixes on the list when no other block can be offered, at most
COPIES, SHARDS = "copies", "shards"
MOST_NUMBER = 1000  # copies or shards a learner may type, at most


def _changed_block(graph: Graph, fix: Fix) -> str | None:
    return next((b.name for b in fix.graph.blocks
                 if graph.has(b.name) and graph.block(b.name) != b), None)  # fmt: skip


def menu_entry(graph: Graph, fix: Fix) -> Fix:
    """`fix` as the menu lists it: copies or shards without their number, which the
    learner types; any other fix as it is."""
    block = _changed_block(graph, fix)
    if block is None or fix.name not in ("scale", "shard"):
        return fix
    if fix.name == "scale":
        return replace(fix, label=f"more copies of {block}", asks=COPIES, block=block)
    return replace(fix, label=f"split {block} into more shards", asks=SHARDS, block=block)


def with_number(graph: Graph, entry: Fix, number: int) -> tuple[Graph, str]:
    """The design with the typed number of copies or shards, and its label."""
    block = graph.block(entry.block)
    if entry.asks == COPIES:
        return graph.with_count(block.name, number), f"run {block.name} x{number}"
    return (graph.with_block(replace(block, shards=number)),
            f"split {block.name} into {number} shards")  # fmt: skip


def number_problem(graph: Graph, entry: Fix, text: str) -> str | None:
    """Why `text` is not a number of copies or shards to type for `entry`, or None."""
    block = graph.block(entry.block)
    now = block.count if entry.asks == COPIES else block.shards
    text = text.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 6:
        return f"Type a whole number of {entry.asks}, more than {now}."
    if not now < int(text) <= MOST_NUMBER:
        return f"Type a number of {entry.asks} in all, more than {now} and at most {MOST_NUMBER}."
    return None


def _copies_of_a_store(graph: Graph, step: LoopStep, spec: LoadSpec,
                       table: CapacityTable) -> list[Fix]:  # fmt: skip
    """More copies of a store that copies cannot relieve (each applies every write): the
    classic mistake beside a split."""
    assert step.bottleneck is not None
    top = graph.block(step.bottleneck.name)
    if top.kind not in STORE_COPIES or any(fix.name == "scale" for fix in step.fixes):
        return []
    return [evaluate(graph, spec, table, top.name, "scale", f"run {top.name} x{top.count + 1}",
                     graph.with_count(top.name, top.count + 1))]  # fmt: skip


def _fixes_for(graph: Graph, step: LoopStep, spec: LoadSpec, table: CapacityTable,
               name: str) -> list[Fix]:  # fmt: skip
    """The engine's fixes for the block `name`, judged by what they do to the bottleneck."""
    assert step.bottleneck is not None
    load = next(b for b in step.report.blocks if b.name == name)
    return [evaluate(graph, spec, table, step.bottleneck.name, *candidate)
            for candidate in candidates(graph, spec, load, table)]  # fmt: skip


def _entries(graph: Graph, fixes: list[Fix]) -> list[Fix]:
    """The fixes as the menu lists them, each label once, in order."""
    listed: dict[str, Fix] = {}
    for fix in fixes:
        entry = menu_entry(graph, fix)
        listed.setdefault(entry.label, entry)
    return list(listed.values())


def offers(graph: Graph, step: LoopStep, spec: LoadSpec, table: CapacityTable) -> tuple[Fix, ...]:
    """The menu of a round (the session shuffles it): fixes for the block that buckles,
    the fewest that makes it fit first, and as many fixes for each of up to two other
    blocks, the busiest (each a fix elsewhere). Every block named as often as the
    next, so that nothing but the load figures tells the bottleneck's fixes from the others
    (two each where the bottleneck and another block have two kinds, else one); the
    bottleneck's second is copies of a store that copies cannot relieve when it is one.
    `spec` is today's; `step` at its factor."""
    if step.bottleneck is None:
        return ()
    from sysdesign_cli.core.graph.loop_judge import best_fix

    target = spec.scaled(step.factor)
    best = best_fix(step)
    own = [*([best] if best else []), *_copies_of_a_store(graph, step, target, table),
           *step.fixes]  # fmt: skip
    mine = _entries(graph, own)
    others = sorted((b for b in step.report.blocks
                     if b.name != step.bottleneck.name and b.utilisation is not None),
                    key=lambda b: -(b.utilisation or 0.0))  # fmt: skip
    # Another block's fixes of the same kinds as the bottleneck's come first (`more copies
    # of db` beside `more copies of app`), then those asking a number: like for like.
    kinds = [entry.name for entry in mine[:2]]

    def like(entry: Fix) -> tuple[int, bool]:
        return (kinds.index(entry.name) if entry.name in kinds else 2, not entry.asks)

    elsewhere = [sorted(_entries(graph, _fixes_for(graph, step, target, table, b.name)), key=like)
                 for b in others]  # fmt: skip
    elsewhere = [entries for entries in elsewhere
                 if not {e.label for e in entries} & {e.label for e in mine}]  # fmt: skip
    for each in range(min(2, len(mine)), 0, -1):
        enough = [entries for entries in elsewhere if len(entries) >= each][:2]
        if enough:
            return tuple(mine[:each] + [e for entries in enough for e in entries[:each]])
    return tuple(mine[:MOST])
