"""Reading designs: the text format, Mermaid, block kinds, errors with line and fix."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sysdesign_cli.core.graph import kinds
from sysdesign_cli.core.graph.mermaid import parse_mermaid, to_mermaid
from sysdesign_cli.core.graph.model import ASYNC, REPLICATION, SYNC, Block, Edge, Graph
from sysdesign_cli.core.graph.text import GraphError, parse_design, parse_text, to_text


@pytest.mark.parametrize(
    ("name", "kind", "managed"),
    [
        pytest.param("lb", "lb", True, id="lb"),
        pytest.param("load balancer", "lb", True, id="load-balancer"),
        pytest.param("elb", "lb", True, id="elb"),
        pytest.param("nginx", "lb", False, id="nginx-is-run-by-you"),
        pytest.param("db2", "db", False, id="numbered"),
        pytest.param("primary-db", "db", False, id="primary-db"),
        pytest.param("user-db", "db", False, id="last-word-wins"),
        pytest.param("redis", "cache", False, id="redis"),
        pytest.param("s3", "storage", True, id="s3"),
        pytest.param("kafka", "queue", False, id="kafka"),
        pytest.param("sqs", "queue", True, id="sqs-managed"),
        pytest.param("websocket server", "ws", False, id="websocket-server"),
        pytest.param("chat-server", "ws", False, id="chat-server"),
        pytest.param("read-replica", "replica", False, id="read-replica"),
        pytest.param("photo-storage", "storage", True, id="photo-storage"),
        pytest.param("tokyo-edge", "cdn", True, id="tokyo-edge"),
        pytest.param("phone", "client", False, id="phone"),
        pytest.param("browser", "client", False, id="browser"),
    ],
)
def test_names_resolve_to_kinds(name: str, kind: str, managed: bool) -> None:
    assert kinds.resolve(name) == kinds.Resolved(kind, managed)


def test_a_name_that_says_nothing_has_no_kind() -> None:
    assert (kinds.resolve("tokyo"), kinds.resolve("zzz")) == (None, None)


def test_a_full_design_reads_into_blocks_and_edges() -> None:
    graph = parse_text(
        "client -> dns\n"
        "client -> lb -> app x2   # a chain\n"
        "app -> cache : read\n"
        "app -> db : read, write\n"
        "db ~> replica\n"
        "queue => each worker x3 : upload\n"
        "tokyo (cdn) @asia\n"
        "db shards 4\n"
    )
    assert graph.block("app") == Block("app", "app", count=2)
    assert graph.block("db") == Block("db", "db", shards=4)
    assert graph.block("tokyo") == Block("tokyo", "cdn", zones=("asia",), managed=True)
    assert graph.block("worker").count == 3
    assert list(graph.edges) == [
        Edge("client", "dns"),
        Edge("client", "lb"),
        Edge("lb", "app"),
        Edge("app", "cache", SYNC, ("read",)),
        Edge("app", "db", SYNC, ("read", "write")),
        Edge("db", "replica", REPLICATION),
        Edge("queue", "worker", ASYNC, ("upload",), each=True),
    ]
    assert graph.flows() == ("read", "write", "upload")


def test_an_untagged_edge_carries_every_flow_and_merges_with_a_tagged_one() -> None:
    graph = parse_text("app -> db : read\napp -> db\n")
    assert graph.edges == (Edge("app", "db"),)
    assert Edge("app", "db").carries("anything")


def test_the_same_edge_twice_gathers_its_flows() -> None:
    graph = parse_text("app -> db : read\napp -> db : write, read\n")
    assert graph.edges == (Edge("app", "db", SYNC, ("read", "write")),)


def test_a_later_count_replaces_an_earlier_one() -> None:
    graph = parse_text("lb -> app x2\napp -> db\napp x5\n")
    assert graph.block("app").count == 5


@pytest.mark.parametrize(
    ("text", "line", "says", "fix"),
    [
        pytest.param("client -> lb\nclient -> dbb", 2, "'dbb' is not a block kind I know. "
                     "Did you mean 'db'?", "`dbb (db)`", id="unknown-name"),
        pytest.param("app ~> app2", 1, "only stores replicate", "`app x2`", id="replicate-app"),
        pytest.param("db ~> cache", 1, "different kinds of block", "db ~> replica",
                     id="replicate-across-kinds"),
        pytest.param("a -> ", 1, "an arrow with no block", "`a -> b`", id="dangling-arrow"),
        pytest.param("app -> app", 1, "an edge from app to itself", "x2", id="self-edge"),
        pytest.param("lb -> app : Read!", 1, "'read!' is not a flow name", "upload",
                     id="bad-flow"),
        pytest.param("x (cdnn)", 1, "unknown kind 'cdnn'. Did you mean 'cdn'?", "Kinds:",
                     id="bad-kind"),
        pytest.param("db ~> replica : read", 1, "carries no flows", "`db ~> replica`",
                     id="tagged-replication"),
        pytest.param("app x0 -> db", 1, "count 0 is out of range", "1 to", id="zero-copies"),
        pytest.param("client : read", 1, "this line has no edge", "`a -> b : read`",
                     id="flows-without-edge"),
        pytest.param("x (cache) -> db\nx (db)", 2, "x was given the kind cache on line 1",
                     "one kind per block", id="two-kinds"),
    ],
)  # fmt: skip
def test_each_problem_names_its_line_and_the_fix(text: str, line: int, says: str, fix: str) -> None:
    with pytest.raises(GraphError) as caught:
        parse_text(text)
    problem = caught.value.problems[0]
    assert (problem.line, says in problem.message, fix in problem.fix) == (line, True, True)


def test_every_problem_is_reported_at_once_in_line_order() -> None:
    with pytest.raises(GraphError) as caught:
        parse_text("client -> lb\nlb -> appp\napp -> app\n\nfoo -> db : !!\n")
    assert [problem.line for problem in caught.value.problems] == [2, 3, 5]


def test_a_design_with_only_comments_is_refused() -> None:
    with pytest.raises(GraphError, match="no blocks"):
        parse_text("# nothing yet\n\n")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        pytest.param("a -> b\n" * 40_000, "larger than 64 KB", id="too-big"),
        pytest.param("\n".join(f"app{i} -> db" for i in range(300)), "more than a design",
                     id="too-many-blocks"),
        pytest.param("x" * 301 + " -> db", "longer than 300", id="long-line"),
    ],
)  # fmt: skip
def test_designs_past_the_limits_are_refused_politely(text: str, says: str) -> None:
    with pytest.raises(GraphError, match=says):
        parse_design(text)


def test_control_characters_never_reach_a_message() -> None:
    with pytest.raises(GraphError) as caught:
        parse_text("lb -> app : \x1b[31mred")
    assert "\x1b" not in str(caught.value)


SOURCE_URL_SHORTENER = """\
flowchart TD
    U[Users] --> LB[Load Balancer]
    LB --> A1[Application Server 1<br/>Write requests]
    LB --> A2["Application Server 2 (Read-heavy)"]
    A2 -->|redirect| R[Redis Cache (frequently used short codes)]
    A1 -->|shorten| R
    A1 -->|shorten| P[(Primary DB)]
    A2 -->|redirect| RR[(Read Replica)]
    P -. replication .-> RR
    classDef store fill:#eee
"""


def test_a_mermaid_flowchart_reads_into_the_same_kind_of_graph() -> None:
    graph = parse_mermaid(SOURCE_URL_SHORTENER)
    assert [(b.name, b.kind) for b in graph.blocks] == [
        ("users", "client"),
        ("load-balancer", "lb"),
        ("application-server-1", "app"),
        ("application-server-2", "app"),
        ("redis-cache", "cache"),
        ("primary-db", "db"),
        ("read-replica", "replica"),
    ]
    assert Edge("primary-db", "read-replica", REPLICATION) in graph.edges
    assert Edge("application-server-2", "redis-cache", SYNC, ("redirect",)) in graph.edges


def test_mermaid_shapes_chains_ampersands_subgraphs_and_dotted_links() -> None:
    graph = parse_mermaid(
        "graph LR\n"
        "  subgraph zone-a\n"
        "    A[app x2]\n"
        "  end\n"
        "  C[client] --> L[lb] --> A\n"
        "  A & W[worker] --> D[(orders)]\n"
        "  A -- upload --> Q[queue]\n"
        "  Q -.-> W\n"
    )
    assert graph.block("app") == Block("app", "app", count=2, zones=("zone-a",))
    assert graph.block("orders").kind == "db"  # a cylinder is a database
    assert Edge("worker", "orders") in graph.edges
    assert Edge("app", "queue", SYNC, ("upload",)) in graph.edges
    assert Edge("queue", "worker", ASYNC) in graph.edges


def test_a_mermaid_node_of_no_known_kind_is_named_with_its_line() -> None:
    with pytest.raises(GraphError) as caught:
        parse_mermaid("flowchart LR\n  A[Thing] --> B[db]\n")
    problem = caught.value.problems[0]
    assert (problem.line, "A[Thing]" in problem.message, "`A[Cache]`" in problem.fix) == (
        2, True, True)  # fmt: skip


def test_a_mermaid_fence_in_a_readme_is_found() -> None:
    text = "# My service\n\n```mermaid\nflowchart LR\n  client --> app --> db\n```\nmore text\n"
    assert parse_design(text).names() == ["client", "app", "db"]


def test_mermaid_export_draws_the_real_edges_of_cache_aside() -> None:
    graph = parse_text("client -> app\napp -> cache : read\napp -> db : read, write\n")
    drawn = to_mermaid(graph)
    assert "app -->|read| cache" in drawn
    assert "app -->|read, write| db" in drawn
    assert "cache -->" not in drawn


# ---------------------------------------------------------------- round trips

_NAMES = st.sampled_from(
    ["client", "lb", "app", "api2", "cache", "redis", "db", "replica", "s3", "queue", "worker",
     "cdn", "dns", "tokyo", "nginx", "ws"]
)  # fmt: skip


@st.composite
def graphs(draw: st.DrawFn) -> Graph:
    names = draw(st.lists(_NAMES, min_size=2, max_size=8, unique=True))
    blocks = []
    for name in names:
        found = kinds.resolve(name)
        kind, managed = (found.kind, found.managed) if found else ("cdn", True)
        blocks.append(Block(
            name, kind,
            count=draw(st.integers(1, 4)),
            shards=draw(st.integers(1, 3)),
            zones=tuple(draw(st.lists(st.sampled_from(["a", "b", "c"]), max_size=2,
                                      unique=True))),
            managed=managed,
        ))  # fmt: skip
    edges = []
    pairs = draw(st.lists(st.tuples(st.sampled_from(names), st.sampled_from(names)),
                          max_size=10, unique=True))  # fmt: skip
    for source, target in pairs:
        if source == target:
            continue
        flows = tuple(draw(st.lists(st.sampled_from(["read", "write", "upload"]),
                                    max_size=2, unique=True)))  # fmt: skip
        kind = draw(st.sampled_from([SYNC, ASYNC]))
        edges.append(Edge(source, target, kind, flows, each=draw(st.booleans())))
    return Graph(tuple(blocks), tuple(edges))


@settings(max_examples=100, deadline=None)
@given(graphs())
def test_graph_to_text_to_graph_is_the_same_graph(graph: Graph) -> None:
    assert parse_design(to_text(graph)) == graph


@settings(max_examples=100, deadline=None)
@given(graphs())
def test_graph_to_mermaid_to_graph_is_the_same_graph(graph: Graph) -> None:
    assert parse_design(to_mermaid(graph)) == graph


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_a_graph_or_a_graph_error(text: str) -> None:
    try:
        graph = parse_design(text)
    except GraphError as error:
        assert error.problems
    else:
        assert graph.blocks


def test_a_typo_is_matched_against_known_kinds_never_another_unknown_name() -> None:
    with pytest.raises(GraphError) as caught:
        parse_text("client -> lb -> app\napp -> zork1 : read\napp -> zork2 : read\n"
                   "app -> cachee : read\n")  # fmt: skip
    said = [str(problem) for problem in caught.value.problems]
    assert "Did you mean" not in said[1]  # once "Did you mean 'zork1'?", itself no kind
    assert "`zork2 (cache)`" in said[1]
    assert "Did you mean 'cache'?" in said[2] and "`cachee (cache)`" in said[2]


def test_a_huge_design_of_unknown_names_is_refused_without_a_match_for_each(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 2,000 lines of names of no kind took ~45 s: each was matched against all the others.
    calls: list[str] = []
    real = kinds.suggest
    monkeypatch.setattr(kinds, "suggest", lambda name, known=(): calls.append(name) or
                        real(name, known))  # fmt: skip
    lines = ["client -> lb -> app", *(f"app -> s{n} : read" for n in range(1990))]
    with pytest.raises(GraphError) as caught:
        parse_text("\n".join(lines))
    assert calls == []
    assert any("more than a design this tool checks" in str(p) for p in caught.value.problems)
