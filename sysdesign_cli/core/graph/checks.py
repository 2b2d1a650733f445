"""Every check on a design, reported at once, as one verdict every screen uses.

The generic checks run on any design: a flow that reaches no store, DNS drawn as a hop,
pixels uploaded through the app servers, a database read before the cache on a read,
blocks on no flow, single points of failure. A scenario's rules (`rules.DesignRules`)
add what its requirements ask: what each flow must reach, in which order, through what,
and which blocks it does not justify.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sysdesign_cli.core.graph import kinds
from sysdesign_cli.core.graph.findings import (
    DNS,
    KIND_ORDER,
    MISSING,
    ORDER,
    PATH,
    SPOF,
    UNUSED,
    UPLOAD_WORDS,
    Finding,
    Verdict,
    said,
)
from sysdesign_cli.core.graph.flows import Route, route
from sysdesign_cli.core.graph.model import IMPLICIT_FLOW, Graph, flow_kind
from sysdesign_cli.core.graph.rule_checks import (
    arrow,
    matching,
    order_break,
    rule_findings,
    via_break,
)
from sysdesign_cli.core.graph.spof import SinglePoint, single_points

if TYPE_CHECKING:
    from sysdesign_cli.core.graph.rules import DesignRules

__all__ = ["Finding", "Verdict", "check"]


def _generic(
    graph: Graph, routes: dict[str, Route], kind_of: dict[str, str], missing: set[str]
) -> list[Finding]:
    """The checks every design gets; `missing`: flows a rule already found unfinished."""
    found: list[Finding] = []
    if not graph.edges:
        return [
            Finding(
                MISSING,
                (),
                (),
                "the design has no edges yet.",
                "Connect the blocks, one edge a line: `client -> lb`.",
            )
        ]
    if not any(b.role == kinds.ENTRY for b in graph.blocks):
        found.append(
            Finding(
                MISSING,
                (),
                (),
                "no client: nothing starts a request.",
                "Start each flow at a client: `client -> lb`.",
            )
        )
    for edge in graph.edges:
        if graph.block(edge.source).role == kinds.LOOKUP and edge.kind != "replication":
            callers = [e.source for e in graph.in_edges(edge.source)] or ["client"]
            found.append(
                Finding(
                    DNS,
                    (edge.source, edge.target),
                    edge.flows,
                    f"{edge.source} forwards traffic to {edge.target}, but DNS only answers a name "
                    "with an address: it is a lookup beside the path, not a hop.",
                    f"Draw the lookup and the traffic apart: `{callers[0]} -> {edge.source}` and "
                    f"`{callers[0]} -> {edge.target}`.",
                )
            )
    for flow, r in routes.items():
        if not r.edges:
            continue
        if not r.needs() and flow not in missing:
            # Name the last block that does the work, not a cache beside it.
            last = [n for n in r.blocks if graph.block(n).role != kinds.CACHE] or list(r.blocks)
            found.append(
                Finding(
                    MISSING,
                    (last[-1],),
                    (flow,),
                    f"{flow} reaches no store: nothing keeps its data.",
                    f"Add the store it reads or writes, e.g. `{last[-1]} -> db : {flow}`.",
                )
            )
        # Untagged edges do not say which path reads: only a named read flow is held to
        # "ask the cache first".
        named_read = kind_of[flow] == "read" and flow != IMPLICIT_FLOW
        if named_read and matching(graph, r.blocks, "cache"):
            path = order_break(r, "cache", "db")
            if path is not None:
                found.append(
                    Finding(
                        ORDER,
                        (path[-1],),
                        (flow,),
                        f"on {flow}, {path[-1]} is read before the cache is "
                        f"consulted ({arrow(path)}).",
                        f"Consult the cache first and read {path[-1]} only on a "
                        f"miss: `{path[-2]} -> cache : {flow}`.",
                    )
                )
        if flow in UPLOAD_WORDS or flow.removesuffix("s") in UPLOAD_WORDS:
            path = via_break(r, "storage", "app", avoid=True) or via_break(
                r, "storage", "ws", avoid=True
            )
            if path is not None:
                found.append(
                    Finding(
                        PATH,
                        (path[-1],),
                        (flow,),
                        f"on {flow}, the bytes pass through the app servers on the "
                        f"way to {path[-1]} ({arrow(path)}).",
                        f"Upload straight to storage with a signed URL the app "
                        f"hands out: `{path[0]} -> {path[-1]} : {flow}`.",
                    )
                )
    reached = set()
    for flow in {*routes, *graph.flows()}:  # every drawn flow, even when fewer are checked
        r = routes.get(flow) or route(graph, flow)
        groups = {r.groups[name] for name in r.blocks}
        reached |= {name for name, group in r.groups.items() if group in groups}
    for block in graph.blocks:
        if block.name not in reached:
            found.append(
                Finding(
                    UNUSED,
                    (block.name,),
                    (),
                    f"{block.name} is on no flow.",
                    f"Connect it (e.g. `app -> {block.name}`) or remove it.",
                )
            )
    return found


def _spof_findings(points: tuple[SinglePoint, ...], graph: Graph) -> list[Finding]:
    found = []
    for point in points:
        every = point.flows + point.later
        if point.zone:
            message = f"zone {point.name} holds every copy of something {said(every)} needs."
            fix = "Spread the copies over two zones: `app x2 @a,b`, `db @a`, `replica @b`."
            found.append(Finding(SPOF, (point.name,), every, message, fix))
            continue
        parts = []
        if point.flows:
            verb = "stops" if len(point.flows) == 1 else "stop"
            parts.append(f"{said(point.flows)} {verb}")
        if point.later:
            be = "is" if len(point.later) == 1 else "are"
            parts.append(
                f"{said(point.later)} {be} still accepted but the work after the queue waits "
                "until it is back"
            )
        block = graph.block(point.name) if graph.has(point.name) else None
        if block is not None and block.shards > 1:  # each shard is one machine's
            message = (f"{point.name} holds each of its {block.shards} shards on one machine: "
                       f"if one dies, {'; '.join(parts)} for the data it holds.")
        else:
            message = f"{point.name} exists once: if it dies, {'; '.join(parts)}."
        found.append(Finding(SPOF, (point.name,), every, message, _spof_fix(graph, point.name)))
    return found


def _spof_fix(graph: Graph, name: str) -> str:
    kind = graph.block(name).kind
    if kind in ("db", "replica"):
        return f"Add a replica that can take over: `{name} ~> {name}-replica` (or run `{name} x2`)."
    if kind == "queue":
        return f"Run a replicated cluster (`{name} x3`) or a managed queue (`{name} (sqs)`)."
    if kind == "lb":
        return f"Run two (`{name} x2`) or use a managed load balancer (`{name} (lb)`)."
    return f"Run more than one copy: `{name} x2`."


def check(
    graph: Graph, rules: DesignRules | None = None, flows: tuple[str, ...] | None = None
) -> Verdict:
    """Every finding about `graph` at once, generic and (with `rules`) the scenario's own."""
    drawn = graph.flows()
    named = rules.flow_names() if rules else ()
    if flows:
        names = flows
    elif named and drawn == (IMPLICIT_FLOW,):
        names = named  # untagged edges carry every flow the rules name
    else:
        names = tuple(dict.fromkeys((*named, *drawn)))
    found: list[Finding] = []
    routes: dict[str, Route] = {}
    for flow in names:
        # An untagged edge carries every flow: only a flow no edge carries is missing.
        if drawn != (IMPLICIT_FLOW,) and not any(e.carries(flow) for e in graph.edges):
            found.append(
                Finding(
                    MISSING,
                    (),
                    (flow,),
                    f"no edge carries {flow}.",
                    f"Tag the edges of its path: `app -> db : {flow}`.",
                )
            )
            continue
        routes[flow] = route(graph, flow)
    kind_of = {flow: (rules.kind_of(flow) if rules else None) or flow_kind(flow) for flow in names}
    if rules is not None:
        found += rule_findings(graph, rules, routes)
    if rules is None or rules.generic:
        missing = {flow for f in found if f.kind == MISSING for flow in f.flows}
        found += _generic(graph, routes, kind_of, missing)
    points = single_points(graph, list(routes.values()))
    found += _spof_findings(points, graph)
    # A scenario's rule and a generic check can see the same thing: say it once, the
    # rule's way (it says why).
    unique = list({(f.kind, f.blocks, f.flows): f for f in reversed(found)}.values())[::-1]
    unique.sort(key=lambda f: KIND_ORDER.index(f.kind))
    return Verdict(tuple(unique), tuple(names), points)
