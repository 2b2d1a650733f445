"""Claims about a design, as a design-fault card words them: what each says (its form, the
flow and the block it is about) kept apart from how it is said, so that cards are dealt
by what a claim says, never by reading its own text back.

`false_claims` lists the claims that are false of a design: a flow said never to reach a
block it reaches (or never to wait for one it waits for), to pass its bytes through (to
wait for) one it never reaches, never to be passed on from a queue to a block the queue
hands it on to; a block said to be passed by no request, called without
the only block that calls it, read before its caller, drawn as a lookup where it calls
onward; a block run twice (or with a replica) said to run alone; a block the rules need
said to be one the requirements do not need.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from types import SimpleNamespace
from typing import Any

from sysdesign_cli.core.graph import kinds
from sysdesign_cli.core.graph.findings import Verdict
from sysdesign_cli.core.graph.flows import route
from sysdesign_cli.core.graph.kinds import a_noun, noun
from sysdesign_cli.core.graph.model import IMPLICIT_FLOW, Graph
from sysdesign_cli.core.graph.rule_checks import rule_findings

# What a claim can say, each with its words: `{flow}`, `{block}`, `{a_block}` ("a cache",
# "an app server") and `{other}` are filled in.
FORMS = {
    "reach": "The {flow} flow never reaches {a_block}",
    "requests": "Requests never pass through {a_block}",
    "nowait": "The {flow} flow never waits for the {block}",
    "wait": "The {flow} flow waits for the {block} to finish",
    "avoid": "The {flow} flow's bytes pass through the {block}",
    "after": "The {flow} flow is never passed on from the {other} to {a_block}",
    "order": "The {flow} flow reads the {block} before the {other}",
    "through": "The {block} is called without passing the {other}",
    "unneeded": "It adds {a_block} the requirements do not need",
    "dns": "DNS is drawn as a hop the traffic passes through",
    "lookup": "The {block} is drawn as a lookup beside the path, not a hop",
}
# A lone copy said three ways: a scenario's lone-copy faults take them in turn, so that no
# wording marks the answer; a card carries a claim in one wording only.
LONE = ("A single {block} runs with no copy to take over when it dies",
        "Just one {block} runs with no copy to take over when it dies",
        "One {block} runs alone with no copy to take over when it dies")  # fmt: skip


@dataclass(frozen=True)
class Claim:
    """One claim about a design: its form (a key of `FORMS`, or "lone"), the flow and the
    block kind it is about, the second block of an order or a call, and for a lone copy
    which of its wordings."""

    form: str
    flow: str | None = None
    block: str | None = None
    other: str | None = None
    wording: int = 0

    @cached_property
    def text(self) -> str:
        words = LONE[self.wording % len(LONE)] if self.form == "lone" else FORMS[self.form]
        return words.format(flow=self.flow, block=self.block and noun(self.block),
                            a_block=self.block and a_noun(self.block),
                            other=self.other and noun(self.other))  # fmt: skip

    @cached_property
    def gist(self) -> Claim:
        """What the claim says, whatever its wording: two claims with one gist say one
        thing, and a card offers only one of them."""
        return replace(self, wording=0)

    def worded(self, wording: int) -> Claim:
        """The claim in the `wording`-th of its wordings (one only, but for a lone copy)."""
        return replace(self, wording=wording % len(LONE)) if self.form == "lone" else self


def routes(graph: Graph, rules: Any) -> dict[str, Any]:
    """The route of each flow of the rules that `graph` draws."""
    drawn = graph.flows()
    names = rules.flow_names() or drawn
    return {flow: route(graph, flow) for flow in names
            if drawn == (IMPLICIT_FLOW,) or any(e.carries(flow) for e in graph.edges)}  # fmt: skip


def breaks(graph: Graph, rule: Any, rules: Any) -> list[Any]:
    """The findings of `rule` alone on `graph`, said by the check or not."""
    return list(rule_findings(graph, SimpleNamespace(rules=[rule]), routes(graph, rules)))


def false_claims(rules: Any, graph: Graph, verdict: Verdict) -> list[Claim]:
    """Every claim false of `graph` (see the module's docstring), each in every wording."""
    from sysdesign_cli.core.graph.rules import ReachRule

    found: list[Claim] = []
    # The blocks the design shows: one left with no edge is not drawn.
    drawn = {name for edge in graph.edges for name in (edge.source, edge.target)}
    present = list(dict.fromkeys(block.kind for block in graph.blocks if block.name in drawn
                                 and block.role not in (kinds.ENTRY, kinds.LOOKUP)))  # fmt: skip
    passed: set[str] = set()
    for flow in rules.flow_names() or graph.flows():
        for kind in present:
            reach = ReachRule(rule="reach", flow=flow, block=kind, why="(a wrong choice)")
            if breaks(graph, reach, rules):  # the flow never reaches it
                found += [Claim("avoid", flow, kind), Claim("wait", flow, kind)]
                continue
            passed.add(kind)
            found.append(Claim("reach", flow, kind))
            waits = ReachRule(rule="reach", flow=flow, block=kind, wait=False,
                              why="(a wrong choice)")  # fmt: skip
            if breaks(graph, waits, rules):
                found.append(Claim("nowait", flow, kind))
    found += _handed_on(rules, graph, present)
    for kind in present:
        if kind in passed:
            found.append(Claim("requests", None, kind))
        callers = {graph.block(e.source).kind for block in graph.of_kind(kind)
                   for e in graph.in_edges(block.name) if e.kind != "replication"}  # fmt: skip
        if len(callers) == 1 and (via := next(iter(callers))) != kind and \
                graph.block(next(b.name for b in graph.of_kind(via))).role not in (
                    kinds.ENTRY, kinds.LOOKUP):  # fmt: skip
            found.append(Claim("through", None, kind, via))
    for block in graph.blocks:
        replicated = any(e.kind == "replication" for e in graph.out_edges(block.name))
        if block.name in drawn and (block.count > 1 or replicated):  # shards are not copies
            found += [Claim("lone", None, block.kind, wording=w) for w in range(len(LONE))]
    for edge in graph.edges:  # read in the order drawn: the callee is not read first
        ends = (graph.block(edge.source), graph.block(edge.target))
        inner = all(b.role not in (kinds.ENTRY, kinds.LOOKUP) for b in ends)
        if edge.kind == "sync" and inner and not graph.out_edges(edge.target) \
                and len(graph.in_edges(edge.target)) == 1:  # fmt: skip
            for flow in edge.flows or rules.flow_names() or graph.flows():
                found.append(Claim("order", flow, ends[1].kind, ends[0].kind))
        # Only a block that calls onward is plainly a hop.
        if edge.kind == "sync" and ends[1].role != kinds.LOOKUP and ends[0].role != kinds.ENTRY \
                and [e for e in graph.out_edges(edge.target) if e.kind == "sync"]:  # fmt: skip
            found.append(Claim("lookup", None, ends[1].kind))
    needed = {getattr(rule, "block", None) or getattr(rule, "to", None)
              for rule in rules.rules if rule.rule in ("reach", "through", "avoid")}  # fmt: skip
    found += [Claim("unneeded", None, kind) for kind in present if kind in needed]
    return list(dict.fromkeys(found))


def _handed_on(rules: Any, graph: Graph, present: list[str]) -> list[Claim]:
    """A flow said never to be passed on from a queue (or a block a rule delivers on from)
    to a block it is passed on to from there."""
    from sysdesign_cli.core.graph.rules import ReachRule

    starts = [kind for kind in present if kinds.role(kind) == kinds.QUEUE or kind in
              {getattr(rule, "after", None) for rule in rules.rules}]  # fmt: skip
    found: list[Claim] = []
    for flow in rules.flow_names() or graph.flows():
        passes = {graph.block(name).kind for name in route(graph, flow).blocks}
        for start in (kind for kind in starts if any(kinds.matches(k, kind) for k in passes)):
            for kind in present:
                handed = ReachRule(rule="reach", flow=flow, block=kind, after=start,
                                   why="(a wrong choice)")  # fmt: skip
                if kind != start and not breaks(graph, handed, rules):
                    found.append(Claim("after", flow, kind, start))
    return found
