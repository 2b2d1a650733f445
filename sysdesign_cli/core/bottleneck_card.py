"""The bottleneck review card: the scenario's reference, its load a machine at the
scenario's peak beside what one machine handles, and which block passes 100% busy first
as traffic grows, asked only where that block is clearly first (`CLEAR_LEAD`)."""

from __future__ import annotations

from typing import Any

NONE_GIVES = "None of them"  # no block passes 100% within the growth asked about
# A bottleneck card is made only where the block that fills first is clearly first: the
# runner-up at most this share of its load (and, for "none", the busiest at most this busy
# at the largest growth asked about). The capacity table's figures are rules of thumb (a
# machine handles "about 1,000 a second"), good to a few tens of percent, and the prompt
# rounds the loads: blocks within ~10% of each other (a write-heavy store and its standby
# apply the same writes) cannot be told apart by a fair reader, and a third more load is
# a lead no plausible machine figure reverses.
CLEAR_LEAD = 0.75


def bottleneck_card(interview: Any,
                    table: Any) -> tuple[Any, str, list[str], str, str] | None:  # fmt: skip
    """The reference, its load a copy at the scenario's peak beside what one copy handles,
    which block passes 100% first as traffic grows (None: nothing can run out, or the
    first is not clearly first, `CLEAR_LEAD`), and the feedback: the engine's answer
    worked out, not the step's model answer (which speaks of the learner's own design and
    names the other cards' blocks). `validate` holds
    every reference under 100% at its own peak, so the answer is always ahead."""
    from sysdesign_cli.core.graph.load import growth, load
    from sysdesign_cli.core.quantity_format import format_number, format_rate

    stage = interview.bottleneck
    graph = interview.design.graph()
    factors = tuple(stage.factors)
    spec = interview.design.load_spec(interview.estimate.result())
    report = load(graph, spec, table)
    grown = growth(graph, spec, table, factors)
    if grown.first is None or grown.at is None:
        return None
    # As short as a block's name: the prompt says how far traffic grows.
    none = NONE_GIVES
    answer = grown.first if grown.at <= max(factors) else none
    if not _clear_lead(report, grown, max(factors)):
        return None
    rows = []
    said = _said(graph, [b.name for b in report.blocks
                         if table.capacity(graph.block(b.name)) is not None])  # fmt: skip
    for block in report.blocks:
        capacity = table.capacity(graph.block(block.name))
        if capacity is None:
            continue
        reads, writes = capacity
        handles = f"{reads:,.0f}/s" if reads == writes else \
            f"{reads:,.0f} reads/s, {writes:,.0f} writes/s"  # fmt: skip
        machines = _machines(graph.block(block.name))
        rows.append(f"  - {_named(graph, block.name)}: {machines}; each machine "
                    f"serves {format_number(block.read_per_instance)} reads/s and "
                    f"{format_number(block.write_per_instance)} writes/s; one machine handles "
                    f"{handles}")  # fmt: skip
    entered = ", ".join(f"{flow} {format_rate(rate)}" for flow, rate in report.entered)
    steps = ", ".join(f"{factor:g}x" for factor in factors)
    prompt = (f"At today's peak ({entered}), the blocks that can run out:\n\n"
              + "\n".join(rows)
              + f"\n\nTraffic grows to {steps} today's peak. Which block passes 100% busy "
              f"first, if any does by {max(factors):g}x?")  # fmt: skip
    # At most six choices: the busiest five blocks (the answer among them), and none.
    rated = sorted((b for b in report.blocks if b.utilisation is not None),
                   key=lambda b: -(b.utilisation or 0.0))[:5]  # fmt: skip
    first = _named(graph, grown.first)
    if answer == none:
        told = (f"No block passes 100% by {max(factors):g}x: the busiest for what its machines "
                f"handle, {first}, would only at about {grown.at:.1f}x.")
    elif grown.at <= 1:  # `validate` refuses it in a shipped or checked folder, not a loaded one
        told = (f"{first} is already past 100% busy at today's peak: the busiest block "
                "for what its machines handle goes first.")
    else:
        told = (f"{first} passes 100% first, at about {grown.at:.1f}x today's peak: the "
                "busiest block for what its machines handle goes first as traffic grows.")
    return (graph, prompt, [*(said[b.name] for b in rated), none],
            said.get(answer, answer), told)  # fmt: skip


def _named(graph: Any, name: str) -> str:
    """A block as the prompt lists it: `ledger (database)`; `cache` where the name is the
    kind's."""
    from sysdesign_cli.core.graph.kinds import noun

    kind = noun(graph.block(name).kind)
    return name if kind == name else f"{name} ({kind})"


def _said(graph: Any, names: list[str]) -> dict[str, str]:
    """How the card's options name the blocks that can run out: by their kind (`database`,
    `cache`, shown beside each name in the prompt), so that no author's naming (`ledger`
    beside `read-replica`) reads plainer or more technical for the answer than for the
    others; by name where two of them are of one kind."""
    from sysdesign_cli.core.graph.kinds import noun

    kinds_of = {name: noun(graph.block(name).kind) for name in names}
    unique = len(set(kinds_of.values())) == len(kinds_of)
    return kinds_of if unique else {name: name for name in names}


def _clear_lead(report: Any, grown: Any, most: float) -> bool:
    """Whether the block that fills first is clearly first (`CLEAR_LEAD`): the runner-up
    at today's peak at most that share of its load; where none fills by `most` times the
    peak, the busiest at most that busy there."""
    loads = sorted((b.utilisation for b in report.blocks if b.utilisation is not None),
                   reverse=True)  # fmt: skip
    if not loads or loads[0] <= 0:
        return False
    if grown.at > most:
        return loads[0] * most <= CLEAR_LEAD
    leader = next(b.utilisation for b in report.blocks if b.name == grown.first)
    return leader == loads[0] and (len(loads) < 2 or loads[1] <= CLEAR_LEAD * leader)


def _machines(block: Any) -> str:
    """How many machines a block runs on, as copies and shards: `2 copies`, `16 shards`,
    `16 shards, 2 copies of each`."""
    copies = "1 copy" if block.count == 1 else f"{block.count} copies"
    if block.shards == 1:
        return copies
    return f"{block.shards} shards" + ("" if block.count == 1 else f", {copies} of each")
