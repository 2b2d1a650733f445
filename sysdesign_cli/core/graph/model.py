"""A design as a graph: blocks with a kind and a count, edges tagged with the flows they
carry, replication edges (`db ~> replica`) and async edges (`queue => worker`).

This module is the model; its siblings do the rest, all pure data in and out. The API
a session (an exercise, an interview) drives:

Read and write (`graph_text`, `mermaid`, `kinds`)
    parse_design(text: str) -> Graph            text format or Mermaid; raises GraphError,
                                                whose .problems are Problem(line, message, fix)
    parse_text(text) / parse_mermaid(text) -> Graph
    to_text(graph) -> str; to_mermaid(graph) -> str   (the real edges, round-trip safe)
    kinds.resolve(name) -> Resolved(kind, managed) | None; kinds.suggest(name, known)
    A typed-lines builder keeps the learner's lines and calls parse_text("\n".join(lines))
    after each one (undo: drop the last line); the last line's problems have its number.

Check (`checks`, `rules`, `findings`)
    check(graph, rules: DesignRules | None = None, flows: tuple[str, ...] | None = None)
        -> Verdict(findings: tuple[Finding, ...], flows, single_points)
    Finding(kind, blocks, flows, message, fix); kinds: findings.MISSING, ORDER, PATH, DNS,
    SPOF, UNNEEDED, UNUSED. verdict.ok, .spofs, .is_spof(name), .of_kind(kind),
    .about(name): every screen and the score ask this one object.
    DesignRules.model_validate(yaml_mapping): flows [{name, kind}], rules (reach, order,
    through, avoid, unneeded), generic: bool.

Availability (`availability`)
    flow_availability(graph, flow, table, dead=frozenset()) -> FlowAvailability(flow,
        availability, complete, one_zone, zone_availability, exact, assumptions)
    availabilities(graph, table, flows=None) -> tuple[FlowAvailability, ...]

Load (`load`, `traffic`, `latency`)
    LoadSpec(flows: tuple[FlowLoad(flow, rate, payload=0, kind=None), ...], peak_factor)
    from_estimate(estimate, flows) -> LoadSpec; split(total, flows, reads_per_write=10)
    load(graph, spec, table) -> LoadReport(blocks: tuple[BlockLoad], latencies:
        tuple[FlowLatency(flow, hit_ms, miss_ms)], ...); report.block(name),
        report.bottleneck, report.over
    growth(graph, spec, table, factors=(2, 5, 10)) -> Growth(factors, rows, first, at)

Failure drills (`drills`)
    parse_kill("db" | "app:1" | "@a", graph) -> Kill (KillError names the fix)
    drill(graph, Kill(block=..., copies=None | n, zone=...), table, flows=None)
        -> Drill(kill, dead, outcomes: tuple[FlowOutcome(flow, status, before, after,
        note)]); statuses: drills.WORKS, DELAYED, DEGRADED ("hits only"), DOWN;
        drill.survivors() -> flows still usable

The design loop (`design_loop`)
    loop_step(graph, spec, table, factor=1.0) -> LoopStep(factor, report, bottleneck,
        fixes: tuple[Fix(name, label, graph, additions, utilisation, next_bottleneck,
        next_utilisation, meets, note)]); step.meets; additions(before, after) -> int
    fewest_additions(graph, spec, table, factor) -> Fewest(additions, fixes) | None
        (`loop_search`: the fewest machines over every sequence of fixes)
    offers(graph, step, spec, table, seed) -> the fixes beside mistakes (`loop_offers`)
    judge(graph, step, changed, label, after, added) -> Judgement(kind: right | short |
        over | elsewhere, why, ...); loop_score(mistakes, buckling) (`loop_judge`)

The capacity table (`capacity`, read by `loader.load_reference()`)
    CapacityTable: .availability(block), .capacity(block), .hit_ratio(block),
    .latency(block), .internet_ms, .zone_availability

Drawing (`render.graph`, `render.design_report`)
    drawing(graph, flows=None, title="") / drawing_text(...): each flow as a tree
    side_by_side(left=(title, graph), right=(title, graph), width) / side_by_side_text
    findings_view, availability_view, load_view, growth_view, drill_view, loop_view

The graph is immutable: every change returns a new graph (`with_block`, `with_count`,
`with_edges`, `without_edges`, `without`), so a session can keep every step.
"""


from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from sysdesign_cli.core.graph import kinds

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
