"""The bottleneck review cards: a design of the scenario, its load a machine at the
scenario's peak beside what one machine handles, and which block passes 100% busy first
as traffic grows, asked only where that block is clearly first (`CLEAR_LEAD`).

The designs: the scenario's reference; the block that fills first given `ROOM` times its
machines (the bottleneck moves on, or stays where the room is not enough); a block run on
several machines given `FEWER` times fewer (an under-sized block goes first); and again
from each of those. No block is given more machines than it needs to carry the largest
growth asked about (`_sized`): a count the scenario's figures call for, which a learner
would draw (chat's database was given 480 shards, ten times its 48, where 10x its
23,100 writes a second need about 230). No design but the reference is asked past full
at today's peak; of the designs with the same answer only the first `TWICE` are asked,
`CARDS` at most.

A card's key says what it asks: the machines by which its design differs from the
reference (`appx4`: 4 copies of app; `dbs96`: 96 shards of db), so a card keeps its id,
and its schedule in a learner's store, whatever other designs come and go."""

from __future__ import annotations

import hashlib
import math
from dataclasses import replace
from typing import Any, NamedTuple

NONE_GIVES = "None of them"  # no block passes 100% within the growth asked about
# A bottleneck card is made only where the block that fills first is clearly first: the
# runner-up at most this share of its load (and, for "none", the busiest at most this busy
# at the largest growth asked about). The capacity table's figures are rules of thumb (a
# machine handles "about 1,000 a second"), good to a few tens of percent, and the prompt
# rounds the loads: blocks within ~10% of each other (a write-heavy store and its standby
# apply the same writes) cannot be told apart by a fair reader, and a third more load is
# a lead no plausible machine figure reverses (but see `_does_no_more`).
CLEAR_LEAD = 0.75
CARDS = 4  # bottleneck cards a scenario at most
# How many of a scenario's cards may share an answer. With every answer different, the
# answers of a scenario's other cards rule out as many options on each (the learned
# guesser scored 47% against 18%); each answer at most twice, 26%.
TWICE = 2
TRIED = 60  # designs worked out a scenario at most
KEY_CHARS = 32  # a card's key at most (its id at most 80 characters)
ROOM = (2, 3, 5)  # how many times its machines the block that filled first is given
FEWER = 2  # how many times fewer machines a block the reference runs on several is given


class BottleneckCard(NamedTuple):
    """A bottleneck card's design, prompt, options, answer and feedback."""

    graph: Any
    prompt: str
    options: list[str]
    answer: str
    told: str


def bottleneck_cards(interview: Any, table: Any) -> dict[str, BottleneckCard]:
    """The bottleneck cards of `interview`, by the card's key (`design_key`): `""` on the
    reference, then on the designs given room and those given fewer machines, each while
    a block is clearly first (or clearly none is) and fewer than `TWICE` cards before it
    have its answer."""
    spec = interview.design.load_spec(interview.estimate.result())
    most = max(interview.bottleneck.factors)
    reference = interview.design.graph()
    found: dict[str, BottleneckCard] = {}
    answers: list[str] = []
    designs = [reference]
    tried: list[Any] = []
    while designs and len(found) < CARDS and len(tried) < TRIED:
        graph = designs.pop(0)
        tried.append(graph)
        card, first = _card(interview, table, graph, spec)
        if card is not None and answers.count(card.answer) < TWICE:
            answers.append(card.answer)
            found[design_key(reference, graph)] = card
        room = _room(graph, first, _sized(graph, first, spec, table, most)) if first else []
        designs += [one for one in [*room, *_fewer(graph)]
                    if one not in designs and one not in tried]  # fmt: skip
    return found


def _sized(graph: Any, name: str, spec: Any, table: Any, most: float) -> int:
    """The machines `name` needs to carry `most` times today's peak clearly short of full
    (`CLEAR_LEAD` busy): the most a design of the scenario's figures gives it."""
    from sysdesign_cli.core.graph.load import load

    busy = load(graph, spec, table).block(name).utilisation or 0.0
    return math.ceil(_machines_of(graph.block(name)) * busy * most / CLEAR_LEAD)


def design_key(reference: Any, graph: Any) -> str:
    """What sets `graph` apart from `reference`: each block whose machines differ, with
    its copies or shards as a design says them (`appx4`, `dbs96`; a block sharded as
    another it copies, such as a replica beside its database, goes without saying), a
    digest of that where it is long; `""` for the reference itself."""
    groups = graph.copies_of()
    parts = []
    for block in graph.blocks:
        before = reference.block(block.name)
        root = groups.get(block.name, block.name)
        if root != block.name and graph.block(root).shards == block.shards != before.shards \
                and block.count == before.count:  # fmt: skip
            continue
        if block.shards != before.shards:
            parts.append(f"{block.name}s{block.shards}")
        if block.count != before.count:
            parts.append(f"{block.name}x{block.count}")
    key = "-".join(parts)
    if len(key) > KEY_CHARS:  # a card id is short: the same design, the same digest
        key = hashlib.sha256(key.encode()).hexdigest()[:12]
    return key


def bottleneck_card(interview: Any, table: Any) -> BottleneckCard | None:
    """The card on the scenario's reference (`bottleneck_cards`' first)."""
    graph = interview.design.graph()
    spec = interview.design.load_spec(interview.estimate.result())
    return _card(interview, table, graph, spec)[0]


def _resized(graph: Any, name: str, machines: int) -> Any:
    """`graph` with `name` on `machines`: its copies, or, split in shards, its shards and
    those of the blocks that copy it."""
    block = graph.block(name)
    if block.shards > 1:
        groups = graph.copies_of()
        twins = [n for n in graph.names() if groups.get(n, n) == groups.get(name, name)]
        for twin in twins or [name]:
            graph = graph.with_block(replace(graph.block(twin), shards=machines))
        return graph
    return graph.with_count(name, machines)


def _machines_of(block: Any) -> int:
    """What a resize changes: its shards where it is split in shards, else its copies."""
    return block.shards if block.shards > 1 else block.count


def _room(graph: Any, name: str, sized: int) -> list[Any]:
    """`graph` with `name` given `ROOM` times its machines, each up to `sized` (what the
    scenario's figures need of it) and what a design may write; none where it keeps state
    on one machine a bigger count would split (a lone database: more of it is a replica or
    a shard, a design change)."""
    from sysdesign_cli.core.graph.build import MAX_COPIES

    block = graph.block(name)
    if block.shards == 1 and block.kind in ("db", "replica", "search", "storage"):
        return []
    machines = _machines_of(block)
    return [_resized(graph, name, machines * times) for times in ROOM
            if machines * times <= min(sized, MAX_COPIES)]  # fmt: skip


def _fewer(graph: Any) -> list[Any]:
    """`graph` with each block it runs on several machines (its copies, or its shards)
    given `FEWER` times fewer, in the design's order; a block copied by another (a replica
    beside its database) goes with it."""
    groups = graph.copies_of()
    found = []
    for block in graph.blocks:
        machines = _machines_of(block)
        if machines < FEWER or groups.get(block.name, block.name) != block.name:
            continue
        smaller = _resized(graph, block.name, max(machines // FEWER, 1 + (block.shards > 1)))
        if smaller != graph:
            found.append(smaller)
    return found


def _card(interview: Any, table: Any, graph: Any,
          spec: Any) -> tuple[BottleneckCard | None, str | None]:  # fmt: skip
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
    if grown.at <= 1 and graph != interview.design.graph():  # a design past full already
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
    return BottleneckCard(graph, prompt, [*(said[b.name] for b in rated), none],
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
    the same machines (`_does_no_more`); where none fills by `most` times the peak, the
    busiest at most that busy there."""
    loads = sorted((b.utilisation for b in report.blocks if b.utilisation is not None),
                   reverse=True)  # fmt: skip
    if not loads or loads[0] <= 0:
        return False
    if grown.at > most:
        return loads[0] * most <= CLEAR_LEAD
    leader = report.block(grown.first)
    if leader.utilisation != loads[0]:
        return False
    return all(b.utilisation <= CLEAR_LEAD * loads[0] or _does_no_more(b, leader, graph, table)
               for b in report.blocks
               if b.utilisation is not None and b.name != leader.name)  # fmt: skip


def _does_no_more(other: Any, leader: Any, graph: Any, table: Any) -> bool:
    """Whether `other` trails `leader` for certain, however near their loads: it runs on
    the same machines (the same kind, or a copy of the leader's data, as a replica of its
    database is, and the same figures in the table) and does no more of each kind of work
    on each, less in all. A primary and its replica apply the same writes and the primary
    answers reads besides: however far off the table's figure for that machine is, it is
    off for both. Two kinds that the table happens to give the same figure are not the
    same machines: the figure can be off for one and not the other."""
    mine, theirs = graph.block(other.name), graph.block(leader.name)
    groups = graph.copies_of()
    same = mine.kind == theirs.kind or groups.get(other.name) == groups.get(leader.name)
    return (same and table.capacity(mine) == table.capacity(theirs)
            and other.utilisation < leader.utilisation
            and other.read_per_instance <= leader.read_per_instance
            and other.write_per_instance <= leader.write_per_instance)  # fmt: skip


def _machines(block: Any) -> str:
    """How many machines a block runs on, as copies and shards: `2 copies`, `16 shards`,
    `16 shards, 2 copies of each`."""
    copies = "1 copy" if block.count == 1 else f"{block.count} copies"
    if block.shards == 1:
        return copies
    return f"{block.shards} shards" + ("" if block.count == 1 else f", {copies} of each")
