"""The design stages exercises and interviews share, through the scripted asker: the
bottleneck prediction and the failure drill (the design loop: test_design_loop.py).
Expected answers come from the engine and the capacity table, worked out here by hand
where it is simple."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from sysdesign_cli.core.graph.drills import DEGRADED, DOWN, WORKS, Kill, choose_kill
from sysdesign_cli.core.graph.load import FlowLoad, LoadSpec
from sysdesign_cli.core.graph.model import Block
from sysdesign_cli.core.graph.text import parse_text
from sysdesign_cli.core.loader import load_reference
from sysdesign_cli.sessions.bottleneck import answer_of, none_choice, predict_bottleneck
from sysdesign_cli.sessions.failure_drill import run_drill
from sysdesign_cli.sessions.scripted_asker import ScriptedAsker

TABLE = load_reference()[0]
assert TABLE is not None
SINGLE = parse_text(
    "client -> dns\nclient -> lb -> app x2\napp -> cache : read\napp -> db : read, write\n"
)
REPLICATED = parse_text(
    "client -> dns\nclient -> lb -> app x2\napp -> cache : read\napp -> db : read, write\n"
    "db ~> replica\n"
)
READS, WRITES = 580.0, 58.0  # Pastebin at peak: 580 reads/s, 58 writes/s
SPEC = LoadSpec((FlowLoad("read", READS), FlowLoad("write", WRITES)), peak_factor=5.0)
HINTS = ("First hint.", "Second hint.")
APP_CAPACITY = TABLE.capacity(Block("app", "app"))[0]  # type: ignore[index]


def screen() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, width=100, color_system=None), out


def flat(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------- bottleneck prediction


def test_the_app_tier_gives_way_first_when_the_database_sees_only_misses_and_writes() -> None:
    # Every request passes the two app servers; the database sees a fraction of them.
    assert answer_of(SINGLE, SPEC, TABLE) == "app"


def test_no_block_gives_way_within_the_growth_asked_about() -> None:
    wide = SINGLE.with_count("app", 200)
    quiet = LoadSpec((FlowLoad("read", 5.0), FlowLoad("write", 0.5)))
    assert answer_of(wide, quiet, TABLE) == none_choice((2, 5, 10)) == "None of them, even at 10x"


def test_a_right_prediction_at_once_earns_it_all_and_shows_the_engine_s_answer() -> None:
    console, out = screen()
    result = predict_bottleneck(SINGLE, SPEC, TABLE, ScriptedAsker(["app"]), console,
                                hints=HINTS)  # fmt: skip
    assert (result["right"], result["fraction"], result["hints_used"]) == (True, 1.0, 0)
    at = 1 / ((READS + WRITES) / 2 / APP_CAPACITY)
    assert result["at"] == pytest.approx(at)
    said = flat(out.getvalue())
    assert "✓ The engine's answer: app." in said
    assert f"First past 100%: app, at about {at:.2g}x today's traffic" in said


def test_the_table_before_the_prediction_gives_no_verdict() -> None:
    console, out = screen()
    asker = ScriptedAsker(["app"])
    predict_bottleneck(SINGLE, SPEC, TABLE, asker, console)
    before = out.getvalue().split("✓")[0]
    assert "Reads/s a copy" in before and "One copy handles" in before
    assert "%" not in before and "Busiest" not in before and "First past" not in before
    assert f"{APP_CAPACITY:,.0f}/s" in before


def test_a_wrong_prediction_gets_a_hint_then_half_when_right() -> None:
    console, out = screen()
    asker = ScriptedAsker(["db", "app"])
    result = predict_bottleneck(SINGLE, SPEC, TABLE, asker, console, hints=HINTS)
    assert (result["right"], result["fraction"], result["predicted"]) == (True, 0.5, ["db", "app"])
    assert "Not db: another block gives way sooner." in out.getvalue()
    assert f"Hint: {HINTS[0]}" in out.getvalue() and HINTS[1] not in out.getvalue()


def test_never_right_earns_nothing_after_every_hint() -> None:
    console, out = screen()
    asker = ScriptedAsker(["db", "cache", "db"])
    result = predict_bottleneck(SINGLE, SPEC, TABLE, asker, console, hints=HINTS)
    assert (result["right"], result["fraction"], result["hints_used"]) == (False, 0.0, 2)
    assert "✗ The engine's answer: app." in out.getvalue()


def test_the_choices_are_the_blocks_with_a_capacity_and_the_none_choice() -> None:
    class Seen(ScriptedAsker):
        def select(self, prompt: str, choices: object) -> str:
            self.seen = list(choices)  # type: ignore[call-overload]
            return super().select(prompt, choices)  # type: ignore[arg-type]

    asker = Seen(["app"])
    predict_bottleneck(SINGLE, SPEC, TABLE, asker, screen()[0])
    # The managed load balancer scales itself; DNS and the client carry no load figure.
    assert sorted(asker.seen) == sorted(["app", "cache", "db", none_choice((2, 5, 10))])


# ---------------------------------------------------------------- failure drill


def test_the_primary_database_is_what_dies_unless_told_otherwise() -> None:
    assert choose_kill(REPLICATED) == Kill(block="db")
    assert choose_kill(REPLICATED, "replica") == Kill(block="replica")
    assert choose_kill(REPLICATED, "queue") is None  # nothing of that kind to kill
    zoned = parse_text("client -> app x2 @a,b\napp -> db @a\n")
    assert choose_kill(zoned, "@a") == Kill(zone="a")


def test_with_one_database_no_flow_keeps_working_and_reads_serve_only_hits() -> None:
    console, out = screen()
    result = run_drill(SINGLE, Kill(block="db"), TABLE, ScriptedAsker([[]]), console)
    statuses = {o["flow"]: o["status"] for o in result["outcomes"]}
    assert statuses == {"read": DEGRADED, "write": DOWN}
    assert result["survivors"] == [] and result["right"] and result["fraction"] == 1.0
    assert all(o["after"] == 0.0 < o["before"] for o in result["outcomes"])
    said = flat(out.getvalue())
    assert "Drill: db dies" in said and "stops: db had no copy to take over" in said


def test_a_flow_served_from_the_cache_alone_is_right_either_way() -> None:
    console, out = screen()
    result = run_drill(SINGLE, Kill(block="db"), TABLE, ScriptedAsker([["read"]]), console)
    assert result["right"] and result["fraction"] == 1.0
    # Said so under the check mark, not a bare "none" beside the flow just ticked.
    assert ("✓ Still working: none; in part: read (only what the cache holds: either answer "
            "counts).") in flat(out.getvalue())  # fmt: skip


def test_with_a_replica_both_flows_survive_and_saying_none_is_wrong() -> None:
    console, out = screen()
    asker = ScriptedAsker([[], ["read"], ["read", "write"]])
    result = run_drill(REPLICATED, Kill(block="db"), TABLE, asker, console, hints=HINTS)
    assert {o["status"] for o in result["outcomes"]} == {WORKS}
    assert result["survivors"] == ["read", "write"]
    assert (result["right"], result["hints_used"], result["fraction"]) == (True, 2, 0.5)
    assert "replica takes over from db" in out.getvalue()


def test_the_drill_states_its_assumption_and_shows_the_one_zone_case() -> None:
    console, out = screen()
    run_drill(REPLICATED, Kill(block="db"), TABLE, ScriptedAsker([["read", "write"]]), console)
    said = flat(out.getvalue())
    assert "Assumes copies fail independently of each other" in said
    assert "All in one zone" in said and "fail together" in said


def test_the_drill_s_availability_table_says_it_is_the_state_before_the_failure() -> None:
    console, out = screen()
    run_drill(REPLICATED, Kill(block="db"), TABLE, ScriptedAsker([["read", "write"]]), console)
    said = flat(out.getvalue())
    assert "Availability per flow before the failure, with every block up" in said


def test_a_block_whose_every_copy_dies_is_not_said_to_have_had_no_copy() -> None:
    from sysdesign_cli.core.graph.drills import DOWN, drill

    graph = parse_text("client -> lb -> ws x7 : send, history\nws -> kafka x3 : send\n"
                       "kafka => ws : send\nkafka => db : send\nws -> db : history\n"
                       "db ~> replica\n")  # fmt: skip
    outcome = next(o for o in drill(graph, Kill(block="kafka"), TABLE).outcomes
                   if o.flow == "send")  # fmt: skip
    assert outcome.status == DOWN
    assert outcome.note == "stops: every copy of kafka is gone, and nothing takes over"
