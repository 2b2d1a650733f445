"""The failure-drill review cards: a block of the scenario's reference lost, and what
becomes of every flow, asked as one choice among outcomes (`write works, read stops`).

One choice, not a tick per flow: ticking one of two flows that keep working earned half a
card, so a reader who ticked the flow that read likeliest and never "none" earned 43%
where ticking at random earns 20%, and no mix of answers helps (where each of the four
outcomes of two flows is right on a quarter of the cards, one flow ticked still earns
37.5%). Said as an outcome, each card is right or wrong whole, chance is one in the
options, and each option names every flow, in the same words: `works` and `stops` are
as long as each other and each option is as long as the others.

Which losses are asked: the step's own block dying, then other blocks of the reference
lost (one copy of one that runs several, every copy, or the block left single and then
lost), each with an outcome no card of the scenario has yet, those where some flows work
and others stop first (what a drill is about is what stops), as many cards as the
scenario has flows. So each card teaches an outcome of its own and every kind of outcome
(no flow, some, every flow working) is some card's answer; and the other cards' answers
rule out few options: one of four on a card of two flows. With a card for each outcome a
scenario reaches, three cards of two flows left the fourth only its answer (the learned
guesser scored 82%).
"""

from __future__ import annotations

import random
from typing import Any, NamedTuple

WORKS, STOPS = "works", "stops"  # as long as each other: neither reads as the fuller answer
OPTIONS = 4  # outcomes offered a card: every one of two flows, four of more


class DrillCard(NamedTuple):
    """A drill card's design, prompt, options, answer and feedback."""

    graph: Any
    prompt: str
    options: list[str]
    answer: str
    told: str


def outcome(flows: tuple[str, ...] | list[str], survivors: set[str] | tuple[str, ...]) -> str:
    """Every flow in the scenario's order, each with what becomes of it:
    `write works, read stops`."""
    return ", ".join(f"{flow} {WORKS if flow in survivors else STOPS}" for flow in flows)


def drill_cards(interview: Any, table: Any) -> dict[str, DrillCard]:
    """The drill's cards by key: `""` the step's own block dying (`_own`), then the
    reference losing another block (key: the block; `-all`, every copy of one that runs
    several; `-single`, the block left single and lost), each with an outcome no other
    card has, one card a flow at most. A client or DNS lost stops every flow, which no
    card about a design asks; a block split in shards is not drilled beside the step's
    own: its loss is one shard's, which the drill does not model."""
    from sysdesign_cli.core.graph import kinds
    from sysdesign_cli.core.graph.design_breaks import single
    from sysdesign_cli.core.graph.drills import Kill, choose_kill

    found: dict[str, DrillCard] = {}
    own = _own(interview, table)
    if own is None:
        return found
    found[""] = own
    graph = interview.design.graph()
    flows = interview.design.checked_flows()
    taken = choose_kill(graph, interview.drill.kill)
    candidates: dict[str, DrillCard] = {}
    for block in graph.blocks:
        if block.role in (kinds.ENTRY, kinds.LOOKUP) or block.shards > 1 or (
                taken is not None and block.name == taken.block):  # fmt: skip
            continue
        tries = [(block.name, graph, Kill(block=block.name,
                                          copies=None if block.count == 1 else 1))]
        if block.count > 1:
            tries.append((f"{block.name}-all", graph, Kill(block=block.name)))
        lone = single(graph, block.name)
        if lone is not None:
            tries.append((f"{block.name}-single", lone, Kill(block=block.name)))
        for key, design, kill in tries:
            candidates[key] = drill_of(design, kill, table, flows, f"{interview.id}:{key}")
    # Where some flows work and others stop first: what a drill is about is what stops.
    ranked = sorted(candidates.items(), key=lambda item: _extreme(item[1].answer))
    seen = {own.answer}
    for key, card in ranked:
        if len(found) >= len(flows):
            break
        if card.answer not in seen:
            seen.add(card.answer)
            found[key] = card
    return found


def _extreme(answer: str) -> bool:
    """Whether every flow works, or every flow stops."""
    return f" {WORKS}" not in answer or f" {STOPS}" not in answer


def _own(interview: Any, table: Any) -> DrillCard | None:
    """The drill's block dying, and what becomes of each flow: in the reference with
    that block left single where it runs more than one (the case a drill is about: what
    stops), else in the reference."""
    from sysdesign_cli.core.graph.design_breaks import single
    from sysdesign_cli.core.graph.drills import choose_kill

    graph = interview.design.graph()
    kill = choose_kill(graph, interview.drill.kill)
    if kill is None:
        return None
    lone = single(graph, kill.block) if kill.block else None
    if lone is not None:
        graph, kill = lone, choose_kill(lone, interview.drill.kill)
        assert kill is not None
    return drill_of(graph, kill, table, interview.design.checked_flows(), interview.id)


def drill_of(graph: Any, kill: Any, table: Any, flows: Any, seed: str) -> DrillCard:
    """`kill` in `graph`: the prompt, the outcomes offered (drawn with `seed`), the one
    the engine gives, and what the engine says of each flow."""
    from sysdesign_cli.core.graph.drills import drill

    result = drill(graph, kill, table, flows)
    answer = outcome(flows, set(result.survivors()))
    prompt = (f"Suppose {kill.describe()}. Which flows still work, and which stop? A flow "
              "works while it still serves its users, even if work it hands to a queue "
              "waits; one that answers only what a cache holds stops.")  # fmt: skip
    # The feedback: what the engine says of each flow, not the step's model answer.
    told = " ".join(f"{o.flow}: {o.status}{f' ({o.note.rstrip(chr(46))})' if o.note else ''}."
                    for o in result.outcomes)  # fmt: skip
    return DrillCard(graph, prompt, _options(flows, answer, seed), answer, told)


def _options(flows: Any, answer: str, seed: str) -> list[str]:
    """`answer` and `OPTIONS - 1` other outcomes: with two flows, every outcome; with
    more, others drawn at random (by `seed`)."""
    every = [outcome(flows, {f for i, f in enumerate(flows) if mask >> i & 1})
             for mask in range(2 ** len(flows))]  # fmt: skip
    others = [one for one in every if one != answer]
    rng = random.Random(f"{seed}:{answer}")
    rng.shuffle(others)
    picked = others[:OPTIONS - 1]
    return [answer, *picked]
