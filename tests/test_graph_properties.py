"""The graph algorithms against their definitions, on many generated designs (hypothesis).

Generated designs are chains from a client through load balancers (alternatives), app
servers and workers to stores, with copies (`xN`), replicas (`~>`), caches consulted
aside, managed services and async hand-offs. In them each block hands a flow on to one
kind of next step, so "the flow works" means exactly "every store it reached is still
reached": the oracle below is that plain reachability, written independently of the
engine.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sysdesign_cli.core.graph.availability import flow_availability
from sysdesign_cli.core.graph.checks import check
from sysdesign_cli.core.graph.flows import route
from sysdesign_cli.core.graph.load import FlowLoad, LoadSpec, load
from sysdesign_cli.core.graph.model import ASYNC, REPLICATION, Block, Edge, Graph
from sysdesign_cli.core.loader import load_reference

STORES = ("db", "replica", "storage", "queue")


@cache
def table():  # type: ignore[no-untyped-def]
    found, problems = load_reference([])
    assert found is not None, problems
    return found


@st.composite
def designs(draw: st.DrawFn) -> Graph:
    """A client, 0-2 load balancers, 1-3 app servers, each with its own path to a store."""
    blocks = [Block("client", "client")]
    edges: list[Edge] = []
    front = ["client"]
    if draw(st.booleans()):
        lbs = []
        for index in range(draw(st.integers(1, 2))):
            managed = draw(st.booleans())
            lbs.append(Block(f"lb{index}", "lb", count=draw(st.integers(1, 2)), managed=managed))
        blocks += lbs
        edges += [Edge("client", lb.name) for lb in lbs]
        front = [lb.name for lb in lbs]
    shared = None
    for index in range(draw(st.integers(1, 3))):
        app = Block(f"app{index}", "app", count=draw(st.integers(1, 3)))
        blocks.append(app)
        edges += [Edge(source, app.name) for source in front]
        if draw(st.booleans()):
            blocks.append(Block(f"cache{index}", "cache", count=draw(st.integers(1, 2))))
            edges.append(Edge(app.name, f"cache{index}"))
        last = app.name
        if draw(st.booleans()):  # a queue and a worker on the way
            queue, worker = f"queue{index}", f"worker{index}"
            blocks += [Block(queue, "queue", count=draw(st.integers(1, 2))),
                       Block(worker, "worker", count=draw(st.integers(1, 2)))]  # fmt: skip
            edges += [Edge(app.name, f"queue{index}"),
                      Edge(f"queue{index}", f"worker{index}", ASYNC)]  # fmt: skip
            last = f"worker{index}"
        if shared is not None and draw(st.booleans()):
            edges.append(Edge(last, shared))  # two apps, one database
            continue
        kind = draw(st.sampled_from(["db", "storage"]))
        store = Block(f"{kind}{index}", kind, count=draw(st.integers(1, 2)),
                      managed=kind == "storage" and draw(st.booleans()))  # fmt: skip
        blocks.append(store)
        edges.append(Edge(last, store.name))
        shared = shared or store.name
        if kind == "db" and draw(st.booleans()):
            blocks.append(Block(f"replica{index}", "replica"))
            edges.append(Edge(store.name, f"replica{index}", REPLICATION))
            if draw(st.booleans()):
                edges.append(Edge(last, f"replica{index}"))
    return Graph(tuple(blocks), tuple(edges))


def reached(graph: Graph, dead: frozenset[str]) -> set[str]:
    """Replication groups of the stores reachable from the client, copies taking over."""
    group = graph.copies_of()
    members = {g: [n for n in group if group[n] == g] for g in set(group.values())}
    seen, todo = {"client"}, ["client"]
    while todo:
        name = todo.pop()
        for edge in graph.edges:
            if edge.source != name or edge.kind == REPLICATION:
                continue
            for target in [edge.target] if edge.target not in dead else members[group[edge.target]]:
                if target not in dead and target not in seen:
                    seen.add(target)
                    todo.append(target)
    return {group[n] for n in seen if graph.block(n).kind in STORES}


@settings(max_examples=200, deadline=None)
@given(designs())
def test_a_block_is_a_spof_iff_losing_it_cuts_the_flow_off_from_a_store(graph: Graph) -> None:
    verdict = check(graph)
    needed = reached(graph, frozenset())
    expected = {
        b.name for b in graph.blocks
        if b.count == 1 and not b.managed and b.kind != "client"
        and not needed <= reached(graph, frozenset({b.name}))
    }  # fmt: skip
    assert set(verdict.spofs) == expected


@settings(max_examples=60, deadline=None)
@given(designs(), st.data())
def test_adding_a_copy_never_lowers_availability(graph: Graph, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from([b.name for b in graph.blocks if b.kind != "client"]))
    more = graph.with_count(name, graph.block(name).count + 1)
    before = flow_availability(graph, "request", table())
    after = flow_availability(more, "request", table())
    assert after.availability >= before.availability - 1e-12
    assert after.complete >= before.complete - 1e-12


@settings(max_examples=60, deadline=None)
@given(designs(), st.data())
def test_removing_a_block_never_raises_availability(graph: Graph, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from([b.name for b in graph.blocks if b.kind != "client"]))
    before = flow_availability(graph, "request", table()).availability
    after = flow_availability(graph, "request", table(), dead=frozenset({name})).availability
    assert after <= before + 1e-12


@settings(max_examples=60, deadline=None)
@given(designs())
def test_one_zone_is_never_more_available_than_independent_copies(graph: Graph) -> None:
    result = flow_availability(graph, "request", table())
    assert result.one_zone <= result.availability + 1e-12
    assert result.exact


@settings(max_examples=150, deadline=None)
@given(designs(), st.floats(1, 10_000), st.sampled_from(["read", "write"]))
def test_load_is_conserved_through_every_block(graph: Graph, rate: float, kind: str) -> None:
    """What enters a block leaves it along each of its branches or is absorbed there."""
    spec = LoadSpec((FlowLoad("request", rate, kind=kind),))
    report = load(graph, spec, table())
    r = route(graph, "request")
    inflow: dict[str, float] = {"client": rate}
    out: dict[tuple[str, str], float] = {}
    for source, target, edge_kind, _, value in report.edge_loads:
        inflow[target] = inflow.get(target, 0.0) + value  # a replica applies copied writes
        if edge_kind != REPLICATION:
            out[(source, target)] = out.get((source, target), 0.0) + value
    absorbed = {b.name: b.absorbed for b in report.blocks}
    for name in r.blocks:
        arrived = inflow.get(name, 0.0)
        if name != "client":
            assert abs(report.block(name).load - arrived) < 1e-6 * max(1.0, rate)
        branches = [b for b in r.branches(name) if b.kind != "dead end"]
        passed = arrived - absorbed.get(name, 0.0)
        for branch in branches:
            sent = sum(out.get((name, t), 0.0) for t in branch.targets)
            if branch.kind == "optional":
                assert abs(sent - passed) < 1e-6 * max(1.0, rate)  # every request asks it
                if kind == "read":
                    passed -= absorbed[branch.targets[0]]  # hits end there; misses go on
            else:
                assert abs(sent - passed) < 1e-6 * max(1.0, rate), (name, branch)
        aside = graph.block(name).kind == "cache" and kind == "read"
        if not branches and not aside:  # a cache asked aside keeps only its hits
            assert abs(absorbed.get(name, 0.0) - arrived) < 1e-6 * max(1.0, rate)
    # End to end: with one kind of next step at each block, all that enters ends somewhere.
    # (A write a cache is told about also goes on to the store; replicas apply copies.)
    if kind == "read" and not any(b.kind == "replica" for b in graph.blocks):
        total = sum(b.absorbed for b in report.blocks)
        assert abs(total - rate) < 1e-6 * max(1.0, rate)


@settings(max_examples=100, deadline=None)
@given(designs(), st.floats(1, 1000))
def test_utilisation_grows_in_step_with_traffic(graph: Graph, rate: float) -> None:
    spec = LoadSpec((FlowLoad("request", rate),))
    once, twice = load(graph, spec, table()), load(graph, spec.scaled(2), table())
    for block in once.blocks:
        if block.utilisation is not None:
            assert abs(twice.block(block.name).utilisation - 2 * block.utilisation) < 1e-9


def test_the_generated_designs_include_single_points_and_replicas() -> None:
    """The generator reaches the cases the properties are about (a guard on the guard)."""
    seen = {"spof": False, "replica": False, "async": False}

    @settings(max_examples=200, deadline=None)
    @given(designs())
    def look(graph: Graph) -> None:
        seen["spof"] |= bool(check(graph).spofs)
        seen["replica"] |= any(e.kind == REPLICATION for e in graph.edges)
        seen["async"] |= any(e.kind == ASYNC for e in graph.edges)

    look()
    assert seen == {"spof": True, "replica": True, "async": True}


@settings(max_examples=80, deadline=None)
@given(designs(), st.booleans())
def test_the_factored_sum_equals_summing_every_state(graph: Graph, zoned: bool) -> None:
    """Brute force: every combination of blocks up and down, weighted, against the engine."""
    from itertools import product

    if zoned:  # copies spread over two zones, the zones themselves able to fail
        graph = Graph(tuple(b if b.managed or b.kind == "client" else
                            replace(b, zones=("a", "b")[: b.count]) for b in graph.blocks),
                      graph.edges)  # fmt: skip
    r = route(graph, "request")
    names = [b.name for b in graph.blocks if b.kind != "client"]
    assume(len(names) <= 9)
    one = {n: table().availability(graph.block(n)) for n in names}
    zone_up = table().zone_availability
    zones = sorted({z for n in names for z in graph.block(n).zones})
    total = 0.0
    for zone_states in product((True, False), repeat=len(zones)):
        up_zones = {z for z, up in zip(zones, zone_states) if up}
        weight_z = 1.0
        for up in zone_states:
            weight_z *= zone_up if up else 1 - zone_up
        # a block is up when one of its copies in an up zone is
        p_up = {}
        for n in names:
            block = graph.block(n)
            if block.managed or not block.zones:
                p_up[n] = 1 - (1 - one[n]) ** (1 if block.managed else block.count)
            else:
                counts = [c for z, c in block.zone_counts().items() if z in up_zones]
                p_up[n] = 1 - (1 - one[n]) ** sum(counts) if counts else 0.0
        for states in product((True, False), repeat=len(names)):
            weight = weight_z
            for n, up in zip(names, states):
                weight *= p_up[n] if up else 1 - p_up[n]
            if weight and r.works(frozenset(n for n, up in zip(names, states) if not up)):
                total += weight
    assert flow_availability(graph, "request", table()).availability == pytest.approx(
        total, rel=1e-9, abs=1e-12)  # fmt: skip
