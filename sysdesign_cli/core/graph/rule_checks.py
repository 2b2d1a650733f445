"""A scenario's rules applied to each flow's route: what it must reach, in which order,
through what, and which blocks the requirements do not justify."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from sysdesign_cli.core.graph import kinds
from sysdesign_cli.core.graph.findings import MISSING, ORDER, PATH, UNNEEDED, Finding
from sysdesign_cli.core.graph.flows import LOOKUP, OPTIONAL, Route
from sysdesign_cli.core.graph.kinds import a_noun, noun
from sysdesign_cli.core.graph.model import SYNC, Graph

if TYPE_CHECKING:
    from sysdesign_cli.core.graph.rules import DesignRules

MAX_PATHS = 5_000


def paths(r: Route, *, sync_only: bool = True) -> Iterator[tuple[str, ...]]:
    """Every simple path from an entry to where the flow ends (at most MAX_PATHS)."""
    count = 0

    def walk(path: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        nonlocal count
        onward = [e for e in r.onward(path[-1]) if not sync_only or e.kind == SYNC]
        if not onward:
            count += 1
            yield path
            return
        for edge in onward:
            if count >= MAX_PATHS:
                return
            if edge.target not in path:
                yield from walk((*path, edge.target))

    for entry in r.entries:
        yield from walk((entry,))


def consulted(r: Route, name: str) -> tuple[str, ...]:
    """Blocks `name` asks beside its path: lookups and caches consulted aside."""
    return tuple(t for b in r.branches(name) if b.kind in (LOOKUP, OPTIONAL) for t in b.targets)


def arrow(path: Iterable[str]) -> str:
    return " -> ".join(path)


def matching(graph: Graph, names: Iterable[str], kind: str) -> list[str]:
    return [name for name in names if kinds.matches(graph.block(name).kind, kind)]


def order_break(r: Route, first: str, then: str) -> tuple[str, ...] | None:
    """A path that reaches `then` with no `first` on it or consulted before it."""
    for path in paths(r):
        asked = False
        for name in path:
            if kinds.matches(r.graph.block(name).kind, then) and not asked:
                return path[: path.index(name) + 1]
            asked = (
                asked
                or kinds.matches(r.graph.block(name).kind, first)
                or any(kinds.matches(r.graph.block(c).kind, first) for c in consulted(r, name))
            )
    return None


def via_break(r: Route, to: str, via: str, *, avoid: bool) -> tuple[str, ...] | None:
    """A path to `to` that misses `via` (or, with `avoid`, passes it)."""
    for path in paths(r):
        for index, name in enumerate(path):
            if kinds.matches(r.graph.block(name).kind, to):
                before = any(kinds.matches(r.graph.block(n).kind, via) for n in path[:index])
                if before == avoid:
                    return path[: index + 1]
    return None


def rule_findings(graph: Graph, rules: DesignRules, routes: dict[str, Route]) -> list[Finding]:
    found: list[Finding] = []
    absent: set[tuple[str, str]] = set()  # (flow, block) a reach rule found missing
    unconsulted: list[tuple[Finding, str, str]] = []  # an order rule's block never consulted
    for rule in rules.rules:
        if rule.rule == "unneeded":
            found += [
                Finding(
                    UNNEEDED,
                    (b.name,),
                    (),
                    f"{b.name} is not needed here: {rule.why}",
                    f"Remove {b.name}: leaving out what the requirements do not ask "
                    "for matters as much as what you put in.",
                )
                for b in graph.of_kind(rule.block)
            ]
            continue
        for flow in [rule.flow] if rule.flow else list(routes):
            r = routes.get(flow)
            if r is None or not r.edges:
                continue
            for finding in _one_rule(graph, rule, r):
                if finding.kind == MISSING and rule.rule == "reach":
                    absent.add((flow, rule.block))
                if finding.kind == MISSING and rule.rule == "order":
                    unconsulted.append((finding, flow, rule.first))
                    continue
                found.append(finding)
    # A block that is not there at all is one finding: "never reaches a cache" already
    # says what "never consults a cache" would say again.
    return found + [f for f, flow, block in unconsulted if (flow, block) not in absent]


def _one_rule(graph: Graph, rule: Any, r: Route) -> list[Finding]:
    flow = r.flow
    if rule.rule == "reach" and rule.after:
        return _after_findings(graph, rule, r)
    if rule.rule == "reach":
        where = r.sync_blocks if rule.wait else frozenset(r.blocks)
        hit = matching(graph, where, rule.block)
        what = noun(rule.block)
        if rule.wait is False:
            waits = matching(graph, r.sync_blocks, rule.block)
            if waits:
                return [
                    Finding(
                        PATH,
                        tuple(waits),
                        (flow,),
                        f"on {flow}, the user waits for {', '.join(waits)}: {rule.why}",
                        "Put a queue in front of it and answer at once: "
                        f"`app -> queue : {flow}`, `queue => {waits[0]}`.",
                    )
                ]
            hit = matching(graph, r.blocks, rule.block)
        if hit:
            return []
        later = matching(graph, r.blocks, rule.block) if rule.wait else []
        if later:
            return [
                Finding(
                    PATH,
                    tuple(later),
                    (flow,),
                    f"on {flow}, {later[0]} is reached only after a queue, so the "
                    f"user is answered before it: {rule.why}",
                    f"Call it before answering: `app -> {later[0]} : {flow}`.",
                )
            ]
        return [
            Finding(
                MISSING,
                (),
                (flow,),
                f"{flow} never reaches {a_noun(rule.block)}: {rule.why}",
                f"Add the {what} to the {flow} path, e.g. `app -> {rule.block} : {flow}`.",
            )
        ]
    if rule.rule == "order":
        path = order_break(r, rule.first, rule.then)
        if path is None or not matching(graph, r.blocks, rule.first):
            if path is not None:  # the flow never consults `first` at all
                return [
                    Finding(
                        MISSING,
                        (path[-1],),
                        (flow,),
                        f"{flow} never consults {a_noun(rule.first)}: {rule.why}",
                        f"Have {path[-2] if len(path) > 1 else path[0]} consult it "
                        f"first: `{path[-2] if len(path) > 1 else path[0]} -> "
                        f"{rule.first} : {flow}`.",
                    )
                ]
            return []
        return [
            Finding(
                ORDER,
                (path[-1],),
                (flow,),
                f"on {flow}, {path[-1]} is reached before any {noun(rule.first)} is "
                f"consulted ({arrow(path)}): {rule.why}",
                f"Consult the {noun(rule.first)} first, beside the path: "
                f"`{path[-2] if len(path) > 1 else path[0]} -> {rule.first} : {flow}` "
                f"and the {noun(rule.then)} only on a miss.",
            )
        ]
    if rule.rule in ("through", "avoid"):
        avoid = rule.rule == "avoid"
        path = via_break(r, rule.to, rule.via, avoid=avoid)
        if path is None:
            return []
        if avoid:
            return [
                Finding(
                    PATH,
                    (path[-1],),
                    (flow,),
                    f"on {flow}, the way to {path[-1]} passes through "
                    f"{a_noun(rule.via)} ({arrow(path)}): {rule.why}",
                    f"Go to {path[-1]} directly: `{path[0]} -> {path[-1]} : {flow}` "
                    "(for uploads, with a signed URL the app hands out).",
                )
            ]
        return [
            Finding(
                PATH,
                (path[-1],),
                (flow,),
                f"on {flow}, {path[-1]} is reached without passing {a_noun(rule.via)} "
                f"({arrow(path)}): {rule.why}",
                f"Route it through the {noun(rule.via)}: `... -> {rule.via} -> {path[-1]}`.",
            )
        ]
    return []


def _after_findings(graph: Graph, rule: Any, r: Route) -> list[Finding]:
    """A reach rule with `after`: some block of `rule.after` on the flow leads on, along
    the flow's edges (those that deliver back included), to a block of `rule.block`."""
    starts = matching(graph, r.blocks, rule.after)
    if not starts:
        return []  # no such block at all: the rule that asks for it says so
    onward: dict[str, list[str]] = {}
    for edge in r.edges:
        onward.setdefault(edge.source, []).append(edge.target)
    seen, todo = set(starts), list(starts)
    while todo:
        for target in onward.get(todo.pop(), []):
            if kinds.matches(graph.block(target).kind, rule.block):
                return []
            if target not in seen:
                seen.add(target)
                todo.append(target)
    targets = matching(graph, r.blocks, rule.block)
    return [
        Finding(
            PATH,
            tuple(starts),
            (r.flow,),
            f"on {r.flow}, nothing goes from {starts[0]} on to {a_noun(rule.block)}: {rule.why}",
            f"Deliver it: `{starts[0]} => {targets[0] if targets else rule.block} : {r.flow}`.",
        )
    ]
