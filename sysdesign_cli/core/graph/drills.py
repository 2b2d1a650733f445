"""Failure drills: kill a block (every copy), one copy, or a whole zone, and see which
flows keep working, with each flow's availability before and after."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sysdesign_cli.core.graph import kinds
from sysdesign_cli.core.graph.availability import flow_availability
from sysdesign_cli.core.graph.build import shown
from sysdesign_cli.core.graph.flows import ALTERNATIVE, Route, route
from sysdesign_cli.core.graph.model import Graph, flow_kind
from sysdesign_cli.core.safe_text import quoted

if TYPE_CHECKING:
    from sysdesign_cli.core.graph.capacity import CapacityTable

WORKS, DELAYED, DEGRADED, DOWN = "works", "delayed", "hits only", "down"


@dataclass(frozen=True)
class Kill:
    """What dies: a block (`copies` None: every copy), some of its copies, or a zone."""

    block: str | None = None
    copies: int | None = None
    zone: str | None = None

    def describe(self) -> str:
        """`db dies`, `1 copy of app dies`, `zone a goes down`."""
        if self.zone is not None:
            return f"zone {self.zone} goes down"
        if self.copies is None:
            return f"{self.block} dies"
        return f"{self.copies} cop{'y' if self.copies == 1 else 'ies'} of {self.block} die" + (
            "s" if self.copies == 1 else ""
        )


class KillError(ValueError):
    """A kill that names nothing in the design."""


def parse_kill(text: str, graph: Graph) -> Kill:
    """`db` (every copy), `app:1` (one copy), `@a` (zone a)."""
    text = text.strip().lower()
    if text.startswith("@"):
        zone = text[1:].strip()
        zones = sorted({z for b in graph.blocks for z in b.zones})
        if zone not in zones:
            known = ", ".join(zones) or "none: give blocks a zone with `@a`"
            raise KillError(f"no zone {quoted(shown(zone))} in the design (zones: {known}).")
        return Kill(zone=zone)
    match = re.match(r"^([a-z0-9][a-z0-9_.\-/ ]*?)(?:\s*:\s*(\d+))?$", text)
    name = "-".join(kinds.words(match.group(1)).split()) if match else text
    if not match or not graph.has(name):
        close = kinds.suggest(text, graph.names())
        hint = f" Did you mean {quoted(close)}?" if close and graph.has(close) else ""
        raise KillError(
            f"no block {quoted(shown(text))} in the design.{hint} "
            f"Blocks: {', '.join(graph.names())}."
        )
    digits = match.group(2)
    # 5,000 digits is past what int() reads: any count that long is simply too many.
    copies = (int(digits) if len(digits) <= 9 else 10**9) if digits else None
    if copies is not None and not 1 <= copies <= graph.block(name).count:
        raise KillError(
            f"{name} runs {graph.block(name).count} cop"
            f"{'y' if graph.block(name).count == 1 else 'ies'}; "
            f"kill 1 to {graph.block(name).count} of them."
        )
    return Kill(block=name, copies=copies)


def after(graph: Graph, kill: Kill) -> tuple[Graph, frozenset[str]]:
    """The graph once the kill has happened: fewer copies left, and the blocks gone."""
    if kill.zone is not None:
        dead, changed = set(), graph
        for block in graph.blocks:
            if block.managed or kill.zone not in block.zones:
                continue
            left = block.count - block.zone_counts().get(kill.zone, 0)
            if left <= 0:
                dead.add(block.name)
            else:
                zones = tuple(z for z in block.zones if z != kill.zone)
                changed = changed.with_block(replace(block, count=left, zones=zones))
        return changed, frozenset(dead)
    assert kill.block is not None
    count = graph.block(kill.block).count
    if kill.copies is None or kill.copies >= count:
        return graph, frozenset({kill.block})
    return graph.with_count(kill.block, count - kill.copies), frozenset()


@dataclass(frozen=True)
class FlowOutcome:
    """What one flow does after the kill."""

    flow: str
    status: str  # works, delayed, hits only, down
    before: float
    after: float
    note: str


@dataclass(frozen=True)
class Drill:
    """A kill and what it does to every flow."""

    kill: Kill
    dead: tuple[str, ...]
    outcomes: tuple[FlowOutcome, ...]

    def survivors(self) -> tuple[str, ...]:
        """Flows the user can still use fully."""
        return tuple(o.flow for o in self.outcomes if o.status in (WORKS, DELAYED))


def _alternatives(r: Route, name: str, dead: frozenset[str]) -> list[str]:
    """The live blocks that share the work with `name` (a load balancer's servers, the
    CDN edges a user is routed to)."""
    for source in r.blocks:
        for branch in r.branches(source):
            if branch.kind == ALTERNATIVE and name in branch.targets:
                return [t for t in branch.targets if t != name and t not in dead]
    return []


def _note(graph: Graph, flow: str, dead: frozenset[str], status: str, kill: Kill) -> str:
    r = route(graph, flow)
    if status == DOWN:
        lost = sorted(dead & set(r.blocks)) or sorted(dead)
        # A block run as several copies, all lost at once, had copies: none was left.
        if any(graph.block(name).count > 1 for name in lost if name in graph.names()):
            return f"stops: every copy of {', '.join(lost)} is gone, and nothing takes over"
        return f"stops: {', '.join(lost)} had no copy to take over"
    if status == DEGRADED:
        # Name the holders this flow has (a design with no CDN is not told of one).
        held = [n for n in r.blocks if n not in dead and graph.block(n).role in (kinds.CACHE,
                                                                                 kinds.EDGE)]
        said = " and ".join(held) or "the cache"
        verb = "hold" if len(held) > 1 else "holds"
        return f"only what {said} {verb} is served; every miss fails"
    if status == DELAYED:
        return "still accepted; the work after the queue waits until it is back"
    notes = []
    for name in sorted(dead):
        group = r.groups.get(name)
        survivors = [n for n, g in r.groups.items() if g == group and n not in dead]
        if name in r.blocks and survivors:
            notes.append(f"{survivors[0]} takes over from {name}")
        elif survivors and set(survivors) & set(r.blocks):
            notes.append(f"{survivors[0]} carries on without its copy {name}")
        elif name in r.blocks and (others := _alternatives(r, name, dead)):
            notes.append(f"{others[0]} serves in its place")
        elif name in r.blocks and graph.block(name).role == kinds.CACHE:
            notes.append(
                "slower: every read goes past the cache"
                if flow_kind(flow) == "read"
                else "it no longer updates the cache"
            )
    if kill.block is not None and not dead and kill.block in r.blocks:
        left = graph.block(kill.block).count
        notes.append(f"{kill.block} carries on with {left} cop{'y' if left == 1 else 'ies'}")
    return "; ".join(notes) or "unaffected"


def drill(
    graph: Graph, kill: Kill, table: CapacityTable, flows: tuple[str, ...] | None = None
) -> Drill:
    """Which flows survive `kill`, each with its availability before and after."""
    changed, dead = after(graph, kill)
    outcomes = []
    for flow in flows or graph.flows():
        r = route(changed, flow)
        if r.works(dead, complete=True):
            status = WORKS
        elif r.works(dead):
            status = DELAYED
        elif flow_kind(flow) == "read" and r.works(dead, hits=True):
            status = DEGRADED
        else:
            status = DOWN
        before = flow_availability(graph, flow, table).availability
        now = flow_availability(changed, flow, table, dead=dead).availability
        outcomes.append(
            FlowOutcome(flow, status, before, now, _note(changed, flow, dead, status, kill))
        )
    return Drill(kill, tuple(sorted(dead)), tuple(outcomes))


def choose_kill(graph: Graph, wanted: str | None = None) -> Kill | None:
    """What a drill kills in `graph`: `wanted` names a block, a zone (`@a`) or a kind
    (`db`: the first block of that kind, the primary); a name the graph lacks stands for
    its kind (`cdn-tokyo`: the first CDN). None: the primary database. None when the
    design has nothing of the kind."""
    wanted = (wanted or "db").strip().lower()
    if graph.has(wanted) or wanted.startswith("@"):
        try:
            return parse_kill(wanted, graph)
        except KillError:
            return None
    kind = wanted if wanted in kinds.BY_ID else kinds.kind_of(wanted)
    for block in graph.blocks:
        if block.kind == kind:
            return Kill(block=block.name)
    return None
