"""Availability, load, latency, drills and the design loop on worked designs, with the
figures worked out by hand from the capacity table."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from sysdesign_cli.core.graph.availability import flow_availability
from sysdesign_cli.core.graph.capacity import CapacityTable
from sysdesign_cli.core.graph.design_loop import additions, loop_step
from sysdesign_cli.core.graph.drills import DELAYED, DOWN, WORKS, Kill, KillError, drill, parse_kill
from sysdesign_cli.core.graph.load import FlowLoad, LoadSpec, from_estimate, growth, load, split
from sysdesign_cli.core.graph.text import parse_text
from sysdesign_cli.core.loader import load_reference
from sysdesign_cli.core.nines import parallel

DESIGNS = Path(__file__).parent / "fixtures" / "designs"
PASTEBIN = (DESIGNS / "pastebin.txt").read_text(encoding="utf-8")
SINGLE_DB = PASTEBIN.replace("db ~> replica\n", "")


@cache
def table() -> CapacityTable:
    found, problems = load_reference([])
    assert found is not None, problems
    return found


INSTANCE, LB, ZONE = 0.995, 0.9999, 0.999  # from curricula/reference/capacity.yaml


# ---------------------------------------------------------------- availability


def test_pastebin_availability_is_the_parts_in_series_and_copies_in_parallel() -> None:
    result = flow_availability(parse_text(PASTEBIN), "read", table())
    pair = parallel([INSTANCE, INSTANCE])  # two app servers; primary and replica
    # DNS (100%) and the load balancer in series with the app pair and the data pair; the
    # cache is consulted aside, so losing it does not stop reads.
    assert result.availability == pytest.approx(LB * pair * pair, rel=1e-12)
    assert result.exact


def test_every_copy_in_one_zone_is_capped_by_the_zone() -> None:
    result = flow_availability(parse_text(PASTEBIN), "read", table())
    pair = parallel([INSTANCE, INSTANCE])
    assert result.one_zone == pytest.approx(LB * ZONE * pair * pair, rel=1e-12)
    assert result.one_zone < result.availability


def test_copies_spread_over_zones_survive_one_zone() -> None:
    same = parse_text("client -> app x2 @a -> db @a\ndb ~> replica @a\n")
    spread = parse_text("client -> app x2 @a,b -> db @a\ndb ~> replica @b\n")
    low = flow_availability(same, "request", table()).availability
    high = flow_availability(spread, "request", table()).availability
    pair = parallel([INSTANCE, INSTANCE])
    assert low == pytest.approx(ZONE * pair * pair, rel=1e-12)
    assert high > low


def test_a_worker_behind_a_queue_lowers_completion_not_acceptance() -> None:
    graph = parse_text("client -> app x2 -> sqs : post\nsqs => worker -> db x2 : post\n")
    result = flow_availability(graph, "post", table())
    assert result.availability == pytest.approx(parallel([INSTANCE] * 2) * 0.999, rel=1e-12)
    assert result.complete < result.availability


# ---------------------------------------------------------------- load


def test_pastebin_load_at_peak_by_hand() -> None:
    spec = LoadSpec((FlowLoad("read", 580), FlowLoad("write", 58)))
    report = load(parse_text(PASTEBIN), spec, table())
    app, cache_, db, replica = (report.block(n) for n in ("app", "cache", "db", "replica"))
    assert (app.load, app.per_instance) == (pytest.approx(638), pytest.approx(319))
    assert app.utilisation == pytest.approx(319 / 1000)
    assert cache_.absorbed == pytest.approx(580 * 0.8 + 58)  # hits, and writes kept
    assert (db.reads, db.writes) == (pytest.approx(116), pytest.approx(58))
    assert db.utilisation == pytest.approx(116 / 10_000 + 58 / 1000)
    assert (replica.reads, replica.writes) == (0, pytest.approx(58))  # it applies the writes
    read, write = report.latencies
    assert (read.hit_ms, read.miss_ms) == (pytest.approx(50 + 0.5 + 2 + 0.5),
                                           pytest.approx(50 + 0.5 + 2 + 0.5 + 5))  # fmt: skip
    assert (write.hit_ms, write.miss_ms) == (None, pytest.approx(58))


def test_reads_go_where_the_edges_say() -> None:
    graph = parse_text("client -> app x2\napp -> db : read\napp -> replica x2 : read\n"
                       "db ~> replica\n")  # fmt: skip
    shared = load(graph, LoadSpec((FlowLoad("read", 300),)), table())
    assert (shared.block("db").reads, shared.block("replica").reads) == (100, 200)


def test_fan_out_reaches_every_copy() -> None:
    graph = parse_text("client -> ws x3 -> kafka x3 : send\nkafka => each ws : send\n")
    report = load(graph, LoadSpec((FlowLoad("send", 300),)), table())
    ws = report.block("ws")
    assert ws.per_instance == pytest.approx(300 / 3 + 300)  # its share, plus every message


def test_a_queue_lets_the_work_behind_it_run_at_the_average() -> None:
    graph = parse_text("client -> app x2 -> queue x3 : post\nqueue => worker x2 -> db : post\n")
    report = load(graph, LoadSpec((FlowLoad("post", 500),), peak_factor=5), table())
    assert (report.block("queue").load, report.block("worker").load) == (500, 100)


def test_a_total_rate_is_shared_ten_reads_to_a_write() -> None:
    spec = split(1100, ("read", "write", "upload"))
    assert [round(f.rate) for f in spec.flows] == [1000, 50, 50]


def test_the_traffic_of_a_worked_estimate() -> None:
    from sysdesign_cli.core.estimate import estimate
    from sysdesign_cli.core.estimate_inputs import inputs_from_options

    worked = estimate(inputs_from_options({"writes": "1M/day", "reads_per_write": 10,
                                           "payload": "10 KB"}))  # fmt: skip
    spec = from_estimate(worked, ("read", "write"))
    assert [round(f.rate) for f in spec.flows] == [579, 58]
    assert (spec.flows[0].payload, spec.peak_factor) == (10_000, 5)


def test_growth_names_the_first_block_past_100_percent() -> None:
    spec = LoadSpec((FlowLoad("read", 580), FlowLoad("write", 58)))
    grown = growth(parse_text(PASTEBIN), spec, table())
    assert (grown.first, grown.at) == ("app", pytest.approx(1000 / 319))
    app = dict(grown.rows)["app"]
    assert [round(value, 3) for value in app] == [0.319, 0.638, 1.595, 3.19]


# ---------------------------------------------------------------- drills


def test_the_primary_dies_and_the_replica_takes_over() -> None:
    result = drill(parse_text(PASTEBIN), Kill("db"), table())
    assert [(o.flow, o.status) for o in result.outcomes] == [("read", WORKS), ("write", WORKS)]
    assert result.outcomes[0].note == "replica takes over from db"
    alone = parallel([INSTANCE, INSTANCE]) * LB * INSTANCE  # the replica, on its own now
    assert result.outcomes[0].after == pytest.approx(alone, rel=1e-12)


def test_with_a_single_database_its_death_stops_everything() -> None:
    result = drill(parse_text(SINGLE_DB), Kill("db"), table())
    assert [(o.status, o.after) for o in result.outcomes] == [("hits only", 0.0), (DOWN, 0.0)]
    assert result.survivors() == ()


def test_one_copy_dies_and_the_other_carries_on() -> None:
    result = drill(parse_text(PASTEBIN), Kill("app", copies=1), table())
    assert result.dead == ()
    assert result.outcomes[0].note == "app carries on with 1 copy"
    assert result.outcomes[0].after < result.outcomes[0].before


def test_a_zone_takes_every_copy_in_it() -> None:
    graph = parse_text("client -> app x2 @a,b -> db @a\ndb ~> replica @a\n")
    result = drill(graph, parse_kill("@a", graph), table())
    assert (result.dead, result.outcomes[0].status) == (("db", "replica"), DOWN)


def test_a_dead_worker_delays_the_work_but_the_post_is_accepted() -> None:
    graph = parse_text("client -> app x2 -> sqs : post\nsqs => worker -> db x2 : post\n")
    assert drill(graph, Kill("worker"), table()).outcomes[0].status == DELAYED


@pytest.mark.parametrize(
    ("text", "says"),
    [
        pytest.param("dbb", "no block 'dbb' in the design. Did you mean 'db'?", id="typo"),
        pytest.param("app:3", "app runs 2 copies; kill 1 to 2 of them", id="too-many"),
        pytest.param("@z", "no zone 'z' in the design", id="zone"),
    ],
)
def test_a_kill_that_names_nothing_says_so(text: str, says: str) -> None:
    with pytest.raises(KillError, match=says):
        parse_kill(text, parse_text(PASTEBIN))


# ---------------------------------------------------------------- the design loop


def test_at_ten_times_pastebin_the_app_buckles_and_more_copies_fix_it() -> None:
    spec = LoadSpec((FlowLoad("read", 580), FlowLoad("write", 58)))
    step = loop_step(parse_text(PASTEBIN), spec, table(), factor=10)
    assert step.bottleneck is not None and step.bottleneck.name == "app"
    fix = step.fixes[0]
    assert (fix.name, fix.label, fix.additions, fix.meets) == ("scale", "run app x7", 5, True)


def test_a_database_past_its_writes_offers_a_queue_and_shards_not_copies() -> None:
    graph = parse_text("client -> lb -> app x20 -> db : write\n")
    spec = LoadSpec((FlowLoad("write", 3000),), peak_factor=5)
    step = loop_step(graph, spec, table())
    assert step.bottleneck is not None and step.bottleneck.name == "db"
    names = {fix.name: fix for fix in step.fixes}
    assert set(names) == {"queue", "shard"}  # copies each apply every write: no help
    assert (names["shard"].label, names["shard"].meets) == ("split db into 3 shards", True)
    queue = names["queue"]
    assert queue.label == "put queue x3 and worker x12 in front of db for writes"
    assert (queue.meets, queue.utilisation, queue.additions) == (True, pytest.approx(0.6), 15)


def test_a_database_past_its_reads_offers_a_cache_and_a_replica() -> None:
    graph = parse_text("client -> lb -> app x20 -> db : read\n")
    step = loop_step(graph, LoadSpec((FlowLoad("read", 15_000),)), table())
    names = {fix.name: fix for fix in step.fixes}
    assert set(names) == {"scale", "cache", "replica"}  # reads only: nothing to shard
    assert names["cache"].utilisation == pytest.approx(0.3)  # 20% misses of 15,000 / 10,000
    assert names["cache"].additions == 1


def test_a_design_that_meets_the_target_needs_no_fix() -> None:
    step = loop_step(parse_text(PASTEBIN), LoadSpec((FlowLoad("read", 10),)), table())
    assert (step.meets, step.fixes) == (True, ())


def test_additions_count_new_machines() -> None:
    before = parse_text("client -> app x2 -> db\n")
    after = parse_text("client -> app x5 -> db shards 2\ndb ~> replica\n")
    assert additions(before, after) == 3 + 1 + 1


@pytest.mark.parametrize(
    ("cdn", "said"),
    [
        pytest.param("", "only what cache holds is served", id="no-cdn"),
        pytest.param("client -> cdn : read\ncdn -> lb : read\n",
                     "only what cdn and cache hold is served", id="cdn"),
    ],
)  # fmt: skip
def test_a_read_left_with_hits_only_names_what_holds_them(cdn: str, said: str) -> None:
    # "the cache or CDN" was said of designs with no CDN.
    design = cdn + "client -> lb -> app x2\napp -> cache : read, write\napp -> db : read, write\n"
    result = drill(parse_text(design), Kill("db"), table())
    read = next(o for o in result.outcomes if o.flow == "read")
    assert read.status == "hits only"
    assert read.note.startswith(said)
