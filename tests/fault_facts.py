"""An independent reader of a design-fault card's claims: each wording read back from its
words and checked against the facts of the design the card shows (which blocks exist,
which a flow passes, over which kinds of call, how many copies run, who calls whom, what
the scenario's rules ask for), without the code that wrote the claims."""

from __future__ import annotations

import re
from typing import Any

from sysdesign_cli.core.graph import kinds
from sysdesign_cli.core.graph.flows import route

_N = r"(?:an? )?(?P<{}>[A-Za-z][\w ]*?)"
WORDINGS = {
    "reach": rf"^The (?P<flow>\w+) flow never reaches {_N.format('n')}$",
    "requests": rf"^Requests never pass through {_N.format('n')}$",
    "nowait": rf"^The (?P<flow>\w+) flow never waits for the {_N.format('n')}$",
    "wait": rf"^The (?P<flow>\w+) flow waits for the {_N.format('n')} to finish$",
    "avoid": rf"^The (?P<flow>\w+) flow's bytes pass through the {_N.format('n')}$",
    "after": rf"^The (?P<flow>\w+) flow is never passed on from the {_N.format('m')} to "
             rf"{_N.format('n')}$",
    "order": rf"^The (?P<flow>\w+) flow reads the {_N.format('n')} before the {_N.format('m')}$",
    "through": rf"^The {_N.format('n')} is called without passing the {_N.format('m')}$",
    "lone": rf"^(?:A single|Just one|One) {_N.format('n')} runs(?: alone)? with no copy to "
            r"take over when it dies$",
    "unneeded": rf"^It adds {_N.format('n')} the requirements do not need$",
    "lookup": rf"^The {_N.format('n')} is drawn as a lookup beside the path, not a hop$",
}


def read(claim: str) -> tuple[str, dict[str, str]]:
    """Which wording `claim` is in, and what it names."""
    for form, pattern in WORDINGS.items():
        found = re.match(pattern, claim)
        if found:
            return form, found.groupdict()
    raise AssertionError(f"a claim in no known wording: {claim!r}")


def _kind(graph: Any, name: str) -> str:
    """The block kind the design shows under the noun `name`."""
    found = [kind for kind in kinds.BY_ID if kinds.label(kind).casefold() == name.casefold()]
    assert len(found) == 1, (name, found)
    return found[0]


def _onward(edges: list[Any], starts: list[str], seen: set[str]) -> set[str]:
    """The blocks reached from `starts` along `edges` (beside those `seen` already)."""
    todo = list(starts)
    while todo:
        name = todo.pop()
        for edge in edges:
            if edge.source == name and edge.target not in seen:
                seen.add(edge.target)
                todo.append(edge.target)
    return seen


def _reached(graph: Any, flow: str, sync_only: bool) -> set[str]:
    """The kinds of block the flow gets to from where it enters (by calls it waits for
    only, when `sync_only`)."""
    edges = [e for e in route(graph, flow).edges if not sync_only or e.kind == "sync"]
    targets = {e.target for e in route(graph, flow).edges}
    todo = [e.source for e in route(graph, flow).edges if e.source not in targets]
    return {graph.block(name).kind for name in _onward(edges, todo, set(todo))}


def _handed_on(graph: Any, flow: str, start: str) -> set[str]:
    """The kinds of block the flow goes on to, along its own edges of any kind, from the
    blocks of kind `start` it passes (none when it passes none)."""
    edges = list(route(graph, flow).edges)
    passed = {name for e in edges for name in (e.source, e.target)}
    starts = [name for name in passed if kinds.matches(graph.block(name).kind, start)]
    return {graph.block(name).kind for name in _onward(edges, starts, set())}


def _among(kind: str, found: set[str]) -> bool:
    """Whether one of the kinds `found` is a `kind` (a read replica is a database)."""
    return any(kinds.matches(one, kind) for one in found)


def is_false(claim: str, graph: Any, design: Any) -> bool:
    """Whether `claim` is false of `graph` for the scenario whose rules are `design`."""
    form, said = read(claim)
    kind = _kind(graph, said["n"])
    flow = said.get("flow")
    blocks = graph.of_kind(kind)
    if form == "reach":
        return _among(kind, _reached(graph, flow, sync_only=False))
    if form == "requests":
        return any(_among(kind, _reached(graph, f, sync_only=False)) for f in graph.flows())
    if form == "nowait":
        return _among(kind, _reached(graph, flow, sync_only=True))
    if form == "after":  # it is passed on from there to one
        start = _kind(graph, said["m"])
        return _among(kind, _handed_on(graph, flow, start) - {start})
    if form in ("wait", "avoid"):
        return not _among(kind, _reached(graph, flow, sync_only=form == "wait"))
    callers = {graph.block(e.source).kind for b in blocks for e in graph.in_edges(b.name)
               if e.kind != "replication"}  # fmt: skip
    if form == "order":  # read only through its one caller, and calling nothing itself
        return callers == {_kind(graph, said["m"])} and \
            not any(graph.out_edges(b.name) for b in blocks)  # fmt: skip
    if form == "through":
        return callers == {_kind(graph, said["m"])}
    if form == "lone":  # run twice, or copied to a replica
        copied = {n for e in graph.edges if e.kind == "replication" for n in (e.source, e.target)}
        return any(b.count > 1 or b.name in copied for b in blocks)  # shards are no copies
    if form == "unneeded":
        # A block a rule asks a flow to reach, to call through, or to store what it keeps.
        needed = {getattr(rule, field, None) for rule in design.rules for field in
                  {"reach": ("block",), "through": ("to", "via"), "avoid": ("to",),
                   "order": ("first", "then")}.get(rule.rule, ())}  # fmt: skip
        return any(kinds.matches(kind, wanted) for wanted in needed if wanted)
    # A lookup beside the path calls nothing onward: this block is called and calls on.
    return any([e for e in graph.out_edges(b.name) if e.kind == "sync"] and
               [e for e in graph.in_edges(b.name) if e.kind == "sync"] for b in blocks)
