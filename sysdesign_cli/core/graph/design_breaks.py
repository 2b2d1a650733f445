"""A reference design broken one way, with the graph's own changes: a block left off a
flow's path (its callers calling on past it), a flow no longer handed on from a queue, a
lone copy with nothing to take over, DNS drawn as a hop, a store read before its cache,
a store called past the block that must guard it, bytes sent through the app servers, a
block the requirements do not need.
Each returns the design changed; when it cannot show its fault, `single` and `hop` return
None and the others the design as it was (the checks then do not find the fault on it).
"""

from __future__ import annotations

import itertools
from typing import Any

from sysdesign_cli.core.graph import kinds
from sysdesign_cli.core.graph.checks import check
from sysdesign_cli.core.graph.model import ARROWS, SYNC, Block, Edge, Graph, flow_kind
from sysdesign_cli.core.graph.text import ref_text


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


def bypass(graph: Graph, kind: str, flow: str | None) -> Graph:
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
            shared = tuple(f for f in first.flows if then.carries(f))
            if first.flows and then.flows and not shared:
                continue  # what comes in is not what goes on: no call between them
            flows = (flow,) if flow is not None and (first.flows or then.flows) else \
                shared or then.flows  # fmt: skip
            edge = Edge(first.source, then.target, first.kind, flows)
            if edge not in added and edge not in graph.edges:
                added.append(edge)
    return _rewired(graph, into + onward, flow, added)


def handed_on_broken(graph: Graph, rule: Any) -> Graph:
    """`rule.flow` no longer passed on from the `rule.after` blocks to the `rule.block`
    ones: only those edges lose it (the flow still reaches them by other ways)."""
    dropped = [e for e in graph.edges if e.carries(rule.flow)
               and kinds.matches(graph.block(e.source).kind, rule.after)
               and kinds.matches(graph.block(e.target).kind, rule.block)]  # fmt: skip
    return _rewired(graph, dropped, rule.flow)


def single(graph: Graph, name: str) -> Graph | None:
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


def hop(graph: Graph) -> Graph | None:
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


def order_broken(graph: Graph, rule: Any) -> Graph:
    """`rule.first` asked only after `rule.then`: its calls on the flow come from the store."""
    store = next((b.name for b in graph.of_kind(rule.then)
                  if graph.in_edges(b.name, rule.flow)), None)  # fmt: skip
    asks = [e for e in graph.edges if e.carries(rule.flow) and e.kind == SYNC
            and kinds.matches(graph.block(e.target).kind, rule.first)]  # fmt: skip
    if store is None or not asks:
        return graph
    return _rewired(graph, asks, rule.flow, [Edge(store, asks[0].target, SYNC, (rule.flow,))])


def through_broken(graph: Graph, rule: Any) -> Graph:
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


def avoid_broken(graph: Graph, rule: Any) -> Graph:
    """The flow's bytes go to `rule.to` through the `rule.via` blocks' own callers."""
    via = next((b.name for b in graph.of_kind(rule.via)), None)
    direct = [e for e in graph.edges if e.carries(rule.flow) and e.flows
              and kinds.matches(graph.block(e.target).kind, rule.to)]  # fmt: skip
    if via is None or not direct:
        return graph
    edge = direct[0]
    path = _path(graph, edge.source, via)
    added = [Edge(a, b, SYNC, (rule.flow,)) for a, b in itertools.pairwise(path)]
    return _rewired(graph, [edge], rule.flow, [*added, Edge(via, edge.target, SYNC, (rule.flow,))])


def _path(graph: Graph, start: str, end: str) -> list[str]:
    """The shortest chain of calls from `start` to `end`; with none, a direct call."""
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


def unneeded_added(graph: Graph, rule: Any, rules: Any) -> Graph:
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
