"""A design as a graph: blocks with a kind and a count, edges tagged with the flows they
carry, replication edges (`db ~> replica`) and async edges (`queue => worker`).

This module is the model; its siblings do the rest, all pure data in and out:

- `graph_text.parse_design(text) -> Graph` reads the text format or a Mermaid flowchart
  (`GraphError.problems` names each bad line and its fix); `to_text(graph)`;
  `mermaid.to_mermaid(graph)`.
- `checks.check(graph, rules=None) -> Verdict`: every finding at once (rules from
  `rules.DesignRules`, the generic ones without), and the one list of single points of
  failure every screen must use (`verdict.spofs`, `verdict.is_spof(name)`).
- `availability.flow_availability(graph, flow, table) -> FlowAvailability`: exact over
  block states, independent failures and working failover, plus the one-zone case.
- `load.load(graph, spec, table) -> LoadReport`: per-block load and utilisation at peak,
  latency per flow (hit and miss); `load.growth(...)`: the first block past 100%.
- `drills.drill(graph, Kill(...), table) -> Drill`: which flows survive a dead block,
  copy or zone, with each flow's availability before and after.
- `design_loop.loop_step(graph, spec, table, factor) -> LoopStep`: what buckles at a
  target, and what each candidate fix does to the next bottleneck.

The graph is immutable: every change returns a new graph, so a session can keep the
learner's lines and rebuild after `undo`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from sysdesign_cli.core import kinds

SYNC, ASYNC, REPLICATION = "sync", "async", "replication"
ARROWS = {SYNC: "->", ASYNC: "=>", REPLICATION: "~>"}
IMPLICIT_FLOW = "request"  # the one flow of a graph whose edges name none

# Flows whose names say they read: a cache can answer them.
READ_WORDS = frozenset(
    {
        "read",
        "reads",
        "get",
        "view",
        "views",
        "fetch",
        "redirect",
        "resolve",
        "lookup",
        "feed",
        "watch",
        "play",
        "stream",
        "browse",
        "search",
        "download",
        "history",
        "load",
        "open",
        "request",
        "price",
        "prices",
        "quote",
        "quotes",
        "visit",
    }
)


def flow_kind(flow: str) -> str:
    """`read` when the flow's name says it reads (a cache can answer it), else `write`."""
    return "read" if flow in READ_WORDS or flow.removesuffix("s") in READ_WORDS else "write"


@dataclass(frozen=True)
class Block:
    """One box: a name, what kind of block it is, how many copies, where they run."""

    name: str
    kind: str
    count: int = 1
    shards: int = 1
    zones: tuple[str, ...] = ()
    managed: bool = False

    @property
    def role(self) -> str:
        """What the block does for a flow (see `kinds`)."""
        return kinds.role(self.kind)

    @property
    def instances(self) -> int:
        """Machines it takes: copies times shards."""
        return self.count * self.shards

    def zone_counts(self) -> dict[str | None, int]:
        """How many copies run in each zone (copies spread over the zones in turn)."""
        if not self.zones:
            return {None: self.count}
        counts: dict[str | None, int] = {}
        for index in range(self.count):
            zone = self.zones[index % len(self.zones)]
            counts[zone] = counts.get(zone, 0) + 1
        return counts


@dataclass(frozen=True)
class Edge:
    """An arrow: a call (`->`), async hand-off (`=>`) or replication (`~>`)."""

    source: str
    target: str
    kind: str = SYNC
    flows: tuple[str, ...] = ()  # empty: every flow
    each: bool = False  # every copy of the target gets it (fan-out), not one of them

    def carries(self, flow: str) -> bool:
        """Whether this edge carries `flow` (replication carries data, not flows)."""
        return self.kind != REPLICATION and (not self.flows or flow in self.flows)


@dataclass(frozen=True)
class Graph:
    """Blocks and edges, in the order they were written."""

    blocks: tuple[Block, ...] = ()
    edges: tuple[Edge, ...] = ()
    _index: dict[str, Block] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._index.update({block.name: block for block in self.blocks})

    def block(self, name: str) -> Block:
        """The block called `name` (KeyError if there is none)."""
        return self._index[name]

    def has(self, name: str) -> bool:
        """Whether a block is called `name`."""
        return name in self._index

    def names(self) -> list[str]:
        """Every block's name, in order."""
        return [block.name for block in self.blocks]

    def of_kind(self, wanted: str) -> list[Block]:
        """Blocks a rule naming `wanted` means (`db` also finds replicas)."""
        return [block for block in self.blocks if kinds.matches(block.kind, wanted)]

    def flows(self) -> tuple[str, ...]:
        """The flows the edges name, in first-seen order; the implicit one if none do."""
        seen: list[str] = []
        for edge in self.edges:
            seen += [flow for flow in edge.flows if flow not in seen]
        return tuple(seen) or (IMPLICIT_FLOW,)

    def out_edges(self, name: str, flow: str | None = None) -> list[Edge]:
        """Edges leaving `name` (carrying `flow`, when given; replication when not)."""
        return [
            edge
            for edge in self.edges
            if edge.source == name and (flow is None or edge.carries(flow))
        ]

    def in_edges(self, name: str, flow: str | None = None) -> list[Edge]:
        """Edges arriving at `name` (carrying `flow`, when given)."""
        return [
            edge
            for edge in self.edges
            if edge.target == name and (flow is None or edge.carries(flow))
        ]

    def copies_of(self) -> dict[str, str]:
        """Each block's replication group: blocks joined by `~>` hold the same data and
        take over from each other (failover). Maps every name to its group's first name."""
        parent = {name: name for name in self.names()}

        def root(name: str) -> str:
            while parent[name] != name:
                parent[name] = parent[parent[name]]
                name = parent[name]
            return name

        for edge in self.edges:
            if edge.kind == REPLICATION:
                first, second = sorted(
                    (root(edge.source), root(edge.target)), key=self.names().index
                )
                parent[second] = first
        return {name: root(name) for name in self.names()}

    # ------------------------------------------------------------ changes

    def with_block(self, block: Block) -> Graph:
        """This graph with `block` added, or replacing the block of the same name."""
        if self.has(block.name):
            blocks = tuple(block if old.name == block.name else old for old in self.blocks)
        else:
            blocks = (*self.blocks, block)
        return Graph(blocks, self.edges)

    def with_count(self, name: str, count: int) -> Graph:
        """This graph with `count` copies of `name`."""
        return self.with_block(replace(self.block(name), count=count))

    def with_edges(self, edges: Iterable[Edge]) -> Graph:
        """This graph with `edges` added after its own."""
        return Graph(self.blocks, (*self.edges, *edges))

    def without_edges(self, drop: Iterable[Edge]) -> Graph:
        """This graph without the given edges."""
        gone = set(drop)
        return Graph(self.blocks, tuple(edge for edge in self.edges if edge not in gone))

    def without(self, names: Iterable[str]) -> Graph:
        """This graph with the named blocks, and every edge touching them, removed."""
        gone = set(names)
        return Graph(
            tuple(block for block in self.blocks if block.name not in gone),
            tuple(e for e in self.edges if e.source not in gone and e.target not in gone),
        )

    def free_name(self, base: str) -> str:
        """`base`, or `base2`, `base3`... whichever no block has yet."""
        name, number = base, 1
        while self.has(name):
            number += 1
            name = f"{base}{number}"
        return name
