"""How one flow moves through a graph, and whether it still works when blocks die.

A flow starts at the clients and follows the edges that carry it. At each block its
onward edges fall into branches:

- a lookup beside the path (DNS): required, but it forwards nothing;
- a cache consulted aside (cache-aside: the cache has no onward edge for the flow):
  optional when the block has somewhere else to go on a miss;
- alternatives: a load balancer or CDN forwards each request to one of its targets,
  copies joined by `~>` take over from each other (failover), and a user is routed to
  one of several load balancers, CDN edges or servers of one kind (by DNS);
- every other target is called as well (fan-out: the app writes the row and enqueues);
- a load balancer's target from which this flow reaches no store (a server for another
  flow) is a dead end: drawn, but never chosen.

DNS never forwards traffic: an edge `dns -> lb` is read as the client's own `client -> lb`
(and `checks` reports the drawing). Edges that close a cycle (`kafka => ws` back to the
servers that published) deliver there and go no further.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

from sysdesign_cli.core.graph import kinds
from sysdesign_cli.core.graph.model import ASYNC, SYNC, Edge, Graph

REQUIRED, OPTIONAL, ALTERNATIVE, LOOKUP, DEAD_END = (
    "required",
    "optional",
    "alternative",
    "lookup",
    "dead end",
)


@dataclass(frozen=True)
class Branch:
    """Targets of one block that work together: any one of them (alternatives or copies),
    or the one target (a call, a lookup, a cache consulted aside)."""

    kind: str
    targets: tuple[str, ...]
    edge_kind: str  # sync or async


@dataclass(frozen=True)
class Route:
    """One flow through one graph: its entries, edges, and branches at each block."""

    graph: Graph
    flow: str

    @cached_property
    def groups(self) -> dict[str, str]:
        """Each block's replication group (copies that take over from each other)."""
        return self.graph.copies_of()

    @cached_property
    def edges(self) -> tuple[Edge, ...]:
        """The edges carrying the flow, with DNS's onward edges given back to its callers."""
        carrying = [edge for edge in self.graph.edges if edge.carries(self.flow)]
        dns = {b.name for b in self.graph.blocks if b.role == kinds.LOOKUP}
        found: list[Edge] = []
        for edge in carrying:
            if edge.source not in dns:
                found.append(edge)
                continue
            for caller in [e.source for e in carrying if e.target == edge.source]:
                moved = Edge(caller, edge.target, edge.kind, edge.flows, edge.each)
                if caller != edge.target and moved not in found:
                    found.append(moved)
        return tuple(found)

    @cached_property
    def entries(self) -> tuple[str, ...]:
        """Where the flow starts: the clients that send it, else blocks nothing sends it to."""
        sources = [edge.source for edge in self.edges]
        # A client that only looks a name up for this flow does not send it.
        senders = {e.source for e in self.edges if self.graph.block(e.target).role != kinds.LOOKUP}
        clients = [b.name for b in self.graph.blocks if b.role == kinds.ENTRY and b.name in senders]
        if clients:
            return tuple(clients)
        targets = {edge.target for edge in self.edges}
        return tuple(dict.fromkeys(name for name in sources if name not in targets))

    @cached_property
    def _dag(self) -> tuple[tuple[Edge, ...], tuple[Edge, ...]]:
        """The edges split into forward ones and those that close a cycle."""
        forward: list[Edge] = []
        back: list[Edge] = []
        state: dict[str, int] = {}  # 1: on the current path, 2: done

        def visit(name: str) -> None:
            state[name] = 1
            for edge in self.edges:
                if edge.source != name:
                    continue
                if state.get(edge.target) == 1:
                    back.append(edge)
                    continue
                forward.append(edge)
                if edge.target not in state:
                    visit(edge.target)
            state[name] = 2

        for entry in self.entries:
            if entry not in state:
                visit(entry)
        return tuple(forward), tuple(back)

    @property
    def forward(self) -> tuple[Edge, ...]:
        """Edges the flow follows onward (no cycles)."""
        return self._dag[0]

    @property
    def back(self) -> tuple[Edge, ...]:
        """Edges that deliver back to a block already on the way (they end there)."""
        return self._dag[1]

    @cached_property
    def blocks(self) -> tuple[str, ...]:
        """Every block the flow reaches, entries first, in the order it reaches them."""
        seen = list(self.entries)
        for edge in self.forward:
            if edge.target not in seen:
                seen.append(edge.target)
        return tuple(seen)

    @cached_property
    def sync_blocks(self) -> frozenset[str]:
        """Blocks reached before any async hand-off: what the user waits on."""
        seen = set(self.entries)
        for edge in self.forward:
            if edge.kind == SYNC and edge.source in seen:
                seen.add(edge.target)
        return frozenset(seen)

    @cached_property
    def _out(self) -> dict[str, list[Edge]]:
        found: dict[str, list[Edge]] = {}
        for edge in self.forward:
            found.setdefault(edge.source, []).append(edge)
        return found

    @cached_property
    def _members(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for name, group in self.groups.items():
            found.setdefault(group, []).append(name)
        return found

    @cached_property
    def _memo(self) -> dict[tuple[frozenset[str], bool, bool], bool]:
        return {}

    def onward(self, name: str) -> list[Edge]:
        """The forward edges leaving `name`."""
        return self._out.get(name, [])

    @cached_property
    def _branches(self) -> dict[str, tuple[Branch, ...]]:
        found: dict[str, tuple[Branch, ...]] = {}
        for name in self.blocks:
            found[name] = self._split(name)
        return found

    @cached_property
    def leads(self) -> frozenset[str]:
        """Blocks from which the flow goes on to a store (or that are one), or to where it
        ends when it reaches no store."""
        found = set(self.ends())
        changed = True
        while changed:
            changed = False
            for edge in self.forward:
                if edge.target in found and edge.source not in found:
                    found.add(edge.source)
                    changed = True
        return frozenset(found)

    def branches(self, name: str) -> tuple[Branch, ...]:
        """How `name` hands the flow on (see the module docstring)."""
        return self._branches.get(name, ())

    def _split(self, name: str) -> tuple[Branch, ...]:
        block = self.graph.block(name)
        edges = self.onward(name)
        lookups = [e for e in edges if self.graph.block(e.target).role == kinds.LOOKUP]
        aside = [
            e
            for e in edges
            if self.graph.block(e.target).role == kinds.CACHE
            and not self.onward(e.target)
            and e not in lookups
        ]
        rest = [e for e in edges if e not in lookups and e not in aside]
        branches = [Branch(LOOKUP, (e.target,), e.kind) for e in lookups]
        branches += [Branch(OPTIONAL if rest else REQUIRED, (e.target,), e.kind) for e in aside]
        for edge_kind in (SYNC, ASYNC):
            these = [e.target for e in rest if e.kind == edge_kind]
            if not these:
                continue
            if block.role in (kinds.PROXY, kinds.EDGE):
                # Only targets the flow goes on from are real alternatives; a target from
                # which it reaches no store (a server for another flow) is a dead end.
                useful = [t for t in these if t in self.leads] or these
                branches.append(Branch(ALTERNATIVE, tuple(useful), edge_kind))
                dead_ends = tuple(t for t in these if t not in useful)
                if dead_ends:
                    branches.append(Branch(DEAD_END, dead_ends, edge_kind))
                continue
            by_group: dict[str, list[str]] = {}
            for target in these:
                # Copies of the same data are one branch (failover); so are a client's
                # servers of one kind, and load balancers or CDN edges of one kind: the
                # user is routed to one of them.
                role = self.graph.block(target).role
                routed = role in (kinds.PROXY, kinds.EDGE) or block.role == kinds.ENTRY
                key = f"kind:{self.graph.block(target).kind}" if routed else self.groups[target]
                by_group.setdefault(key, []).append(target)
            for members in by_group.values():
                kind = ALTERNATIVE if len(members) > 1 else REQUIRED
                branches.append(Branch(kind, tuple(members), edge_kind))
        return tuple(branches)

    # ------------------------------------------------------------ failures

    def alive_copies(self, target: str, dead: frozenset[str]) -> list[str]:
        """`target`, or when it is dead the copies that take over from it."""
        if target not in dead:
            return [target]
        return [name for name in self._members[self.groups[target]] if name not in dead]

    def works(
        self, dead: frozenset[str] = frozenset(), *, complete: bool = False, hits: bool = False
    ) -> bool:
        """Whether the flow still works with the `dead` blocks gone: every store it needs
        is still reached, and every call that leads to one still happens.

        `complete`: the work after async hand-offs is done too (else only what the user
        waits on). `hits`: a cache or CDN still answering counts (reads served from it).
        """
        key = (dead, complete, hits)
        if key not in self._memo:
            self._memo[key] = self._works(dead, complete, hits)
        return self._memo[key]

    def _works(self, dead: frozenset[str], complete: bool, hits: bool) -> bool:
        from sysdesign_cli.core.graph.survival import works

        return works(self, dead, complete=complete, hits=hits)

    def reach(self, dead: frozenset[str] = frozenset(), *, complete: bool = True) -> set[str]:
        """Blocks the flow still reaches with the `dead` ones gone (copies take over)."""
        from sysdesign_cli.core.graph.survival import reach

        return reach(self, dead, complete=complete)

    @cached_property
    def _needs(self) -> frozenset[str]:
        return frozenset(
            name
            for name in self.blocks
            if self.graph.block(name).role in (kinds.STORE, kinds.QUEUE)
        )

    def needs(self) -> frozenset[str]:
        """The stores (databases, object storage, queues) the flow reaches: its data."""
        return self._needs

    def ends(self, *, complete: bool = True) -> frozenset[str]:
        """Where the flow must get to: its stores (only those the user waits on, unless
        `complete`), or where it stops when it reaches no store at all."""
        return self._ends[complete]

    @cached_property
    def _ends(self) -> dict[bool, frozenset[str]]:
        return {complete: self._find_ends(complete) for complete in (False, True)}

    def _find_ends(self, complete: bool) -> frozenset[str]:
        within = set(self.blocks) if complete else set(self.sync_blocks)
        stores = self.needs() & within
        if self.needs():
            return frozenset(stores)
        return frozenset(n for n in within if not self.onward(n) and n not in self.entries)


@lru_cache(maxsize=512)
def route(graph: Graph, flow: str) -> Route:
    """The route of `flow` through `graph` (the same object for the same graph and flow,
    so what it has worked out is kept)."""
    return Route(graph, flow)
