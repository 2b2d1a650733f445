"""The high-level design's review cards: each fault a scenario's checks can find (a rule
broken, a single point of failure, DNS drawn as a hop), shown on the scenario's own
reference design broken that one way, so the card stands alone away from the round.

A fault is made from the reference by the engine's graph changes and kept only when the
checks find it there; its wrong choices are the scenario's other faults, each kept only
when the checks do not find it on that design (a fair expert rejects a claim that is
false of the design shown).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from sysdesign_cli.core import kinds
from sysdesign_cli.core.checks import check
from sysdesign_cli.core.findings import DNS, SPOF, Finding, Verdict
from sysdesign_cli.core.flows import route
from sysdesign_cli.core.graph import ARROWS, IMPLICIT_FLOW, SYNC, Block, Edge, Graph, flow_kind
from sysdesign_cli.core.graph_text import ref_text
from sysdesign_cli.core.rule_checks import rule_findings

WRONG = 3  # wrong choices beside the right one


@dataclass(frozen=True)
class Fault:
    """One way a design for the scenario goes wrong: its card key, the claim that says
    it, and how to tell it in a design and its verdict."""

    key: str
    claim: str
    rule: Any = None  # the scenario's rule it breaks, if any
    block: str = ""  # the reference block it leaves single (SPOF), if any

    def found(self, graph: Graph, verdict: Verdict, rules: Any) -> Finding | None:
        """The finding of `verdict` (on `graph`) that says this fault, if there is one."""
        if self.rule is not None:
            # The whole finding, its words too: two rules can find the same kind, blocks
            # and flows (a flow that reaches neither the queue nor the worker), and the
            # check says only one of them.
            said_ = {(f.kind, f.blocks, f.flows, f.message) for f in verdict.findings}
            for finding in rule_findings(graph, SimpleNamespace(rules=[self.rule]),
                                         _routes(graph, rules)):  # fmt: skip
                if (finding.kind, finding.blocks, finding.flows, finding.message) in said_:
                    return finding
            return None
        if self.key == "dns":
            return next(iter(verdict.of_kind(DNS)), None)
        for finding in verdict.of_kind(SPOF):
            name = finding.blocks[0]
            if graph.has(name) and graph.block(name).kind == self.block_kind:
                return finding
        return None

    @property
    def block_kind(self) -> str:
        return self.key.removeprefix("spof-")


def _routes(graph: Graph, rules: Any) -> dict[str, Any]:
    drawn = graph.flows()
    names = rules.flow_names() or drawn
    return {flow: route(graph, flow) for flow in names
            if drawn == (IMPLICIT_FLOW,) or any(e.carries(flow) for e in graph.edges)}  # fmt: skip


def _noun(kind: str) -> str:
    """`db` -> `database`, `cdn` -> `CDN`."""
    label = kinds.label(kind)
    return label if label.isupper() else label.lower()


def _a(kind: str) -> str:
    """`a database`, `an app server`, `an object storage`."""
    noun = _noun(kind)
    return ("an " if noun[0].lower() in "aeio" else "a ") + noun


def _single_claim(kind: str) -> str:
    return f"Only one {_noun(kind)} runs, and nothing takes over when it dies"


def faults(interview: Any) -> list[Fault]:
    """Every fault of the scenario a card can be made of, in the rules' order."""
    rules = interview.design
    found: list[Fault] = []
    for rule in rules.rules:
        flow = rule.flow
        if rule.rule == "reach" and rule.wait is False:
            claim = f"On {flow}, the user waits for the {_noun(rule.block)} to finish"
        elif rule.rule == "reach":
            claim = (f"The {flow} flow never reaches {_a(rule.block)}" if flow else
                     f"No request passes through {_a(rule.block)}")  # fmt: skip
        elif rule.rule == "order":
            claim = f"On {flow}, the {_noun(rule.then)} is read before the {_noun(rule.first)}"
        elif rule.rule == "through":
            claim = f"The {_noun(rule.to)} is called without passing the {_noun(rule.via)}"
        elif rule.rule == "avoid":
            claim = f"On {flow}, the bytes pass through the {_noun(rule.via)}"
        else:
            claim = f"It adds {_a(rule.block)} the requirements do not need"
        key = "-".join(part for part in (rule.rule, flow, getattr(rule, "block", None)
                                         or getattr(rule, "to", None)) if part)  # fmt: skip
        found.append(Fault(key, claim, rule=rule))
    reference = rules.graph()
    for block in reference.blocks:
        if _single(reference, block.name) is not None and \
                not any(f.key == f"spof-{block.kind}" for f in found):  # fmt: skip
            found.append(Fault(f"spof-{block.kind}", _single_claim(block.kind), block=block.name))
    if any(b.role == kinds.LOOKUP for b in reference.blocks) and _hop(reference) is not None:
        found.append(Fault("dns", "DNS is drawn as a hop the traffic passes through"))
    return found


# ------------------------------------------------------------ breaking the reference


def _less(edge: Edge, flow: str | None) -> Edge | None:
    """`edge` no longer carrying `flow` (None: no flow at all, or nothing left)."""
    if flow is None or len(edge.flows) < 2:
        return None
    return Edge(edge.source, edge.target, edge.kind,
                tuple(f for f in edge.flows if f != flow), edge.each)  # fmt: skip


def _rewired(graph: Graph, dropped: list[Edge], flow: str | None,
             added: list[Edge] = ()) -> Graph:  # type: ignore[assignment]  # fmt: skip
    """`graph` with `flow` taken off the `dropped` edges (every flow when None; an edge
    left with none goes) and `added` where the first of them was, so it reads in order."""
    edges: list[Edge] = []
    placed = not added
    for edge in graph.edges:
        if edge not in dropped:
            edges.append(edge)
            continue
        kept = _less(edge, flow)
        edges += [kept] if kept is not None else []
        if not placed:
            edges += [e for e in added if e not in edges]
            placed = True
    edges += [e for e in added if e not in edges]
    return Graph(graph.blocks, tuple(edges))


def _bypass(graph: Graph, kind: str, flow: str | None) -> Graph:
    """`flow` (every flow when None) no longer passes blocks of `kind`: their callers
    call what they called instead."""
    gone = [b.name for b in graph.of_kind(kind)]
    into = [e for e in graph.edges if e.target in gone and (flow is None or e.carries(flow))]
    onward = [e for e in graph.edges if e.source in gone and (flow is None or e.carries(flow))]
    added: list[Edge] = []
    for first in into:
        for then in onward:
            if then.target in gone or first.source == then.target:
                continue
            flows = (flow,) if flow is not None and (first.flows or then.flows) else \
                tuple(f for f in first.flows if then.carries(f)) or then.flows  # fmt: skip
            edge = Edge(first.source, then.target, first.kind, flows)
            if edge not in added and edge not in graph.edges:
                added.append(edge)
    return _rewired(graph, into + onward, flow, added)


def _single(graph: Graph, name: str) -> Graph | None:
    """The reference with `name` left single (one copy, no replica to take over), if
    that makes it a single point of failure the reference does not have."""
    block = graph.block(name)
    if block.managed or kinds.BY_ID[block.kind].managed or block.role in (
            kinds.ENTRY, kinds.LOOKUP):  # fmt: skip
        return None
    copies = [e.target for e in graph.out_edges(name) if e.kind == "replication"]
    broken = graph.without(copies).with_count(name, 1)
    if broken == graph:
        return None
    before = check(graph).spofs
    after = check(broken).spofs
    return broken if name in after and name not in before else None


def _hop(graph: Graph) -> Graph | None:
    """The reference with its lookup drawn as a hop: the caller's next call goes through it."""
    for edge in graph.edges:
        if graph.block(edge.target).role != kinds.LOOKUP:
            continue
        onward = [e for e in graph.out_edges(edge.source)
                  if e.target != edge.target and e.kind == SYNC]  # fmt: skip
        if onward:
            first = onward[0]
            moved = Edge(edge.target, first.target, SYNC, first.flows)
            return Graph(graph.blocks, tuple(moved if e == first else e for e in graph.edges))
    return None


def _order(graph: Graph, rule: Any) -> Graph:
    """`rule.first` asked only after `rule.then`: its calls on the flow come from the store."""
    store = next((b.name for b in graph.of_kind(rule.then)
                  if graph.in_edges(b.name, rule.flow)), None)  # fmt: skip
    asks = [e for e in graph.edges if e.carries(rule.flow) and e.kind == SYNC
            and kinds.matches(graph.block(e.target).kind, rule.first)]  # fmt: skip
    if store is None or not asks:
        return graph
    return _rewired(graph, asks, rule.flow, [Edge(store, asks[0].target, SYNC, (rule.flow,))])


def _through(graph: Graph, rule: Any) -> Graph:
    """The callers of `rule.via` call `rule.to` themselves."""
    for edge in graph.edges:
        if kinds.matches(graph.block(edge.target).kind, rule.to) and edge.kind == SYNC and \
                kinds.matches(graph.block(edge.source).kind, rule.via):  # fmt: skip
            callers = graph.in_edges(edge.source)
            if callers:
                moved = Edge(callers[0].source, edge.target, SYNC, edge.flows)
                return Graph(graph.blocks,
                             tuple(moved if e == edge else e for e in graph.edges))  # fmt: skip
    return graph


def _avoid(graph: Graph, rule: Any) -> Graph:
    """The flow's bytes go to `rule.to` through the `rule.via` blocks' own callers."""
    via = next((b.name for b in graph.of_kind(rule.via)), None)
    direct = [e for e in graph.edges if e.carries(rule.flow) and e.flows
              and kinds.matches(graph.block(e.target).kind, rule.to)]  # fmt: skip
    if via is None or not direct:
        return graph
    edge = direct[0]
    path = _path(graph, edge.source, via)
    if path is None:
        return graph
    added = [Edge(a, b, SYNC, (rule.flow,)) for a, b in itertools.pairwise(path)]
    return _rewired(graph, [edge], rule.flow, [*added, Edge(via, edge.target, SYNC, (rule.flow,))])


def _path(graph: Graph, start: str, end: str) -> list[str] | None:
    """The shortest chain of calls from `start` to `end`, or None."""
    paths = [[start]]
    seen = {start}
    while paths:
        path = paths.pop(0)
        if path[-1] == end:
            return path
        for edge in graph.out_edges(path[-1]):
            if edge.kind == SYNC and edge.target not in seen:
                seen.add(edge.target)
                paths.append([*path, edge.target])
    return [start, end]


def _unneeded(graph: Graph, rule: Any, rules: Any) -> Graph:
    """The reference with a block of `rule.block` added where such a block sits: a CDN
    before the client's reads, anything else called by the first compute block."""
    kind = kinds.BY_ID[rule.block]
    role = kinds.COMPUTE if kind.role != kinds.EDGE else kinds.ENTRY
    caller = next((b.name for b in graph.blocks if b.role == role), graph.blocks[0].name)
    flows = tuple(rules.flow_names())
    if kind.role == kinds.EDGE:
        flows = tuple(f for f in flows
                      if (rules.kind_of(f) or flow_kind(f)) == "read") or flows  # fmt: skip
    name = graph.free_name(rule.block)
    flow = next((f for f in flows if graph.out_edges(caller, f)), flows[0])
    added = Block(name, rule.block, managed=kind.managed)
    return graph.with_block(added).with_edges([Edge(caller, name, SYNC, (flow,))])


def broken(interview: Any, fault: Fault) -> Graph:
    """The reference design with `fault` in it."""
    rules = interview.design
    graph = rules.graph()
    rule = fault.rule
    if rule is None:
        found = _hop(graph) if fault.key == "dns" else _single(graph, fault.block)
        return found if found is not None else graph
    if rule.rule == "reach":
        # A step the user must not wait for: the queue before it is left out. Else the
        # block is left off the flow's path, its callers calling on past it.
        if rule.wait is False:
            return _bypass(graph, "queue", rule.flow)
        return _bypass(graph, rule.block, rule.flow)
    if rule.rule == "order":
        return _order(graph, rule)
    if rule.rule == "through":
        return _through(graph, rule)
    if rule.rule == "avoid":
        return _avoid(graph, rule)
    return _unneeded(graph, rule, rules)


def design_lines(graph: Graph) -> list[str]:
    """The design as a learner types it: one edge a line, each block's copies said where
    it first appears."""
    lines: list[str] = []
    named: set[str] = set()

    def said_once(name: str, each: bool = False) -> str:
        text = ref_text(graph.block(name), each=each) if name not in named else \
            ("each " if each else "") + name  # fmt: skip
        named.add(name)
        return text

    for edge in graph.edges:
        line = f"{said_once(edge.source)} {ARROWS[edge.kind]} {said_once(edge.target, edge.each)}"
        lines.append(line + (f" : {', '.join(edge.flows)}" if edge.flows else ""))
    return lines


@dataclass(frozen=True)
class FaultCard:
    """A fault shown on its broken design: the claim, the wrong claims, what the engine says."""

    fault: Fault
    claim: str
    lines: list[str]
    wrong: list[str]
    finding: Finding


def fault_card(interview: Any, key: str) -> FaultCard | None:
    """The card of the fault `key`, or None when the reference cannot show it alone."""
    every = faults(interview)
    fault = next((f for f in every if f.key == key), None)
    if fault is None:
        return None
    rules = interview.design
    graph = broken(interview, fault)
    verdict = check(graph, rules)
    finding = fault.found(graph, verdict, rules)
    if finding is None:
        return None
    # The wrong claims: the scenario's other faults the checks do not find here, those
    # nearest the right one's length first, so that length tells nothing.
    others = [other.claim for other in every
              if other.key != key and other.found(graph, verdict, rules) is None]  # fmt: skip
    others = sorted(dict.fromkeys(others), key=lambda text: abs(len(text) - len(fault.claim)))
    return FaultCard(fault, fault.claim, design_lines(graph), others[:WRONG], finding)


def learner_faults(interview: Any, lines: list[str], findings: list[dict[str, Any]]) -> list[str]:
    """The keys of the faults the learner's design had, from its lines and the findings
    the round saved (each fault once, in the scenario's order)."""
    from sysdesign_cli.core.graph_build import GraphError
    from sysdesign_cli.core.graph_text import parse_text

    if not findings:
        return []
    try:
        graph = parse_text("\n".join(lines))
    except GraphError:
        return []
    saved = tuple(Finding(f["kind"], tuple(f["blocks"]), tuple(f["flows"]), f["message"],
                          f["fix"]) for f in findings)  # fmt: skip
    verdict = Verdict(saved, (), ())
    rules = interview.design
    return [fault.key for fault in faults(interview)
            if fault.found(graph, verdict, rules) is not None]  # fmt: skip
