"""The bottleneck review cards: the scenario's reference, its load a machine at the
scenario's peak beside what one machine handles, and which block passes 100% busy first
as traffic grows, asked only where that block is clearly first (`CLEAR_LEAD`); then the
same design with that block given twice and ten times its machines, where the bottleneck
stays or moves on (`CARDS` cards at most), so the block that fills first differs from card
to card."""

from __future__ import annotations

from dataclasses import replace
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
# A block that does all the work another does and more on the same machines (a primary
# and its replica: the same writes, and the primary's reads) is busier for certain,
# however far off the table's figures are: it leads it whatever their share.
CARDS = 4  # bottleneck cards a scenario at most: its reference and designs given room
ROOM = (2, 10)  # how many times its machines the block that filled first is given


def bottleneck_cards(interview: Any, table: Any) -> dict[str, tuple[Any, str, list[str], str, str]]:
    """The bottleneck cards of `interview`, by the card's key: `""` on the reference, then
    `"2"`, `"3"`... on the designs where the block that filled first is given `ROOM`
    times its machines (twice them, then ten times; and again from there), each while a
    block is clearly first (or clearly none is): the block that fills first moves on, or
    stays where the room given is not enough."""
    spec = interview.design.load_spec(interview.estimate.result())
    found: dict[str, tuple[Any, str, list[str], str, str]] = {}
    reference = interview.design.graph()
    designs = [reference]
    while designs and len(found) < CARDS:
        graph = designs.pop(0)
        card, first = _card(interview, table, graph, spec)
        if card is not None:  # the reference's card is the step's own: no number
            others = len(found) - ("" in found)
            found["" if graph is reference else str(others + 2)] = card
        roomier = [_room(graph, first, times) for times in ROOM] if first else []
        designs += [one for one in roomier if one is not None and one not in designs]
    return found


def bottleneck_card(interview: Any,
                    table: Any) -> tuple[Any, str, list[str], str, str] | None:  # fmt: skip
    """The card on the scenario's reference (`bottleneck_cards`' first)."""
    graph = interview.design.graph()
    spec = interview.design.load_spec(interview.estimate.result())
    return _card(interview, table, graph, spec)[0]


def _room(graph: Any, name: str, times: int) -> Any:
    """`graph` with `name` given `ROOM` times its machines: its copies, or its shards and
    those of its copies; None where it keeps state on one machine a bigger count would
    split (a lone database: more of it is a replica or a shard, a design change), or where
the count would pass what a design may say."""
    from sysdesign_cli.core.graph.build import MAX_COPIES

    block = graph.block(name)
    if max(block.count, block.shards) * times > MAX_COPIES:  # past what a design may write
        return None
    if block.shards > 1:
        twins = [n for n in graph.names() if graph.copies_of().get(n, n) ==
                 graph.copies_of().get(name, name)] or [name]  # fmt: skip
        for twin in twins:
            graph = graph.with_block(replace(graph.block(twin), shards=block.shards * times))
        return graph
    kind = graph.block(name).kind
    if kind in ("db", "replica", "search", "storage"):
        return None
    return graph.with_count(name, block.count * times)


def _card(interview: Any, table: Any, graph: Any,
          spec: Any) -> tuple[tuple[Any, str, list[str], str, str] | None, str | None]:  # fmt: skip
    """The card on `graph` (None: nothing can run out, or the first is not clearly first,
    `CLEAR_LEAD`), and the block that fills first by the largest growth asked about (None
    when none does). The feedback: the engine's answer
    worked out, not the step's model answer (which speaks of the learner's own design and
    names the other cards' blocks). `validate` holds
    every reference under 100% at its own peak, so the answer is always ahead."""
    from sysdesign_cli.core.graph.load import growth, load
    from sysdesign_cli.core.quantity_format import format_number, format_rate

    stage = interview.bottleneck
    factors = tuple(stage.factors)
    report = load(graph, spec, table)
    grown = growth(graph, spec, table, factors)
    if grown.first is None or grown.at is None:
        return None, None
    # As short as a block's name: the prompt says how far traffic grows.
    none = NONE_GIVES
    answer = grown.first if grown.at <= max(factors) else none
    filled = grown.first if answer != none else None
    if not _clear_lead(report, grown, max(factors), table, graph):
        return None, filled
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
            said.get(answer, answer), told), filled  # fmt: skip


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


def _clear_lead(report: Any, grown: Any, most: float, table: Any, graph: Any) -> bool:
    """Whether the block that fills first is clearly first (`CLEAR_LEAD`): every other at
    today's peak at most that share of its load, or doing no more of each kind of work on
    the same machines; where none fills by `most` times the peak, the busiest at most that
    busy there."""
    loads = sorted((b.utilisation for b in report.blocks if b.utilisation is not None),
                   reverse=True)  # fmt: skip
    if not loads or loads[0] <= 0:
        return False
    if grown.at > most:
        return loads[0] * most <= CLEAR_LEAD
    leader = report.block(grown.first)
    if leader.utilisation != loads[0]:
        return False
    capacity = table.capacity(graph.block(leader.name))
    return all(
        b.utilisation <= CLEAR_LEAD * loads[0] or (
            table.capacity(graph.block(b.name)) == capacity and b.utilisation < loads[0]
            and b.read_per_instance <= leader.read_per_instance
            and b.write_per_instance <= leader.write_per_instance)
        for b in report.blocks if b.utilisation is not None and b.name != leader.name
    )  # fmt: skip


def _machines(block: Any) -> str:
    """How many machines a block runs on, as copies and shards: `2 copies`, `16 shards`,
    `16 shards, 2 copies of each`."""
    copies = "1 copy" if block.count == 1 else f"{block.count} copies"
    if block.shards == 1:
        return copies
    return f"{block.shards} shards" + ("" if block.count == 1 else f", {copies} of each")
