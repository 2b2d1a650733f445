"""The design stages exercises and interviews share, through the scripted asker: the
bottleneck prediction, the failure drill and the design loop. Expected answers come from
the engine and the capacity table, worked out here by hand where it is simple."""

from __future__ import annotations

import io
import math
from typing import Any

import pytest
from rich.console import Console

from sysdesign_cli.core.drills import DEGRADED, DOWN, WORKS, Kill, choose_kill
from sysdesign_cli.core.graph import Block
from sysdesign_cli.core.graph_text import parse_text
from sysdesign_cli.core.load import FlowLoad, LoadSpec
from sysdesign_cli.core.loader import load_reference
from sysdesign_cli.core.loop_search import UNIT, fewest_additions, loop_score
from sysdesign_cli.sessions.asker import ScriptedAsker
from sysdesign_cli.sessions.bottleneck import answer_of, none_choice, predict_bottleneck
from sysdesign_cli.sessions.failure_drill import run_drill
from sysdesign_cli.sessions.fix_loop import STOP, TYPE, run_loop

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
    result = run_drill(SINGLE, Kill(block="db"), TABLE, ScriptedAsker([["read"]]), screen()[0])
    assert result["right"] and result["fraction"] == 1.0


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


# ---------------------------------------------------------------- design loop


def test_the_fewest_additions_at_10x_are_the_app_servers_the_traffic_needs() -> None:
    needed = math.ceil(10 * (READS + WRITES) / APP_CAPACITY)
    fewest = fewest_additions(SINGLE, SPEC, TABLE, 10)
    assert fewest is not None
    assert fewest.additions == needed - 2
    assert fewest.fixes == (f"run app x{needed}",)


def test_picking_the_engine_s_fix_meets_the_target_with_the_fewest_additions() -> None:
    needed = math.ceil(10 * (READS + WRITES) / APP_CAPACITY)
    console, out = screen()
    asker = ScriptedAsker([f"run app x{needed}"])
    result = run_loop(SINGLE, SPEC, TABLE, asker, console, target=10)
    assert result["meets"] and result["added"] == result["fewest"] == needed - 2
    assert result["fraction"] == 1.0
    assert "At 10x, app buckles first" in out.getvalue()
    assert "Past 100%: app" not in out.getvalue(), "the one block over is said once"
    assert f"app x{needed}" in result["design"]


def test_typing_more_than_it_takes_costs_as_much_as_a_bottleneck_left() -> None:
    needed = math.ceil(10 * (READS + WRITES) / APP_CAPACITY)
    fewest = needed - 2
    over = 2 * fewest  # twice the machines it takes: one unit
    asker = ScriptedAsker([TYPE, f"app x{over + 2}", "done"])
    result = run_loop(SINGLE, SPEC, TABLE, asker, screen()[0], target=10)
    assert result["meets"] and result["added"] == over
    assert result["fraction"] == pytest.approx(1 - UNIT)
    # ... as much as stopping at once with the one block that gives way left as it is.
    stopped = run_loop(SINGLE, SPEC, TABLE, ScriptedAsker([STOP]), screen()[0], target=10)
    assert (stopped["meets"], stopped["buckling"]) == (False, 1)
    assert stopped["fraction"] == pytest.approx(result["fraction"])


def test_each_round_is_handed_on_and_a_resumed_loop_goes_on_from_the_last() -> None:
    rounds: list[dict[str, object]] = []
    asker = ScriptedAsker(["run app x20", STOP])
    run_loop(SINGLE, SPEC, TABLE, asker, screen()[0], target=30, on_round=rounds.append)
    assert [r["choice"] for r in rounds] == ["run app x20", STOP]
    assert rounds[0]["bottleneck"] == "app" and rounds[1]["bottleneck"] == "db"
    resumed = run_loop(SINGLE, SPEC, TABLE, ScriptedAsker([STOP]), screen()[0], target=30,
                       rounds=rounds[:1])  # fmt: skip
    assert resumed["added"] == 18  # app x2 -> x20, counted from the start
    assert [r["bottleneck"] for r in resumed["rounds"]] == ["app", "db"]


def test_a_fix_that_misses_the_bottleneck_brings_a_hint() -> None:
    # At 30x the database is past 100% on writes: a cache in front of it takes only reads.
    start = SINGLE.with_count("app", 20)
    console, out = screen()
    asker = ScriptedAsker(["add cache2 in front of db for reads", STOP])
    result = run_loop(start, SPEC, TABLE, asker, console, target=30, hints=HINTS)
    assert result["hints_used"] == 1
    assert f"db is still past 100%. Hint: {HINTS[0]}" in flat(out.getvalue())


@pytest.mark.parametrize(
    ("added", "fewest", "buckling", "score"),
    [
        pytest.param(5, 5, 0, 1.0, id="fewest"),
        pytest.param(3, 5, 0, 1.0, id="fewer-than-the-engine-found"),
        pytest.param(10, 5, 0, 1 - UNIT, id="twice-the-fewest"),
        pytest.param(0, 5, 1, 1 - UNIT, id="one-block-left"),
        pytest.param(0, 5, 2, 0.0, id="two-blocks-left"),
        pytest.param(4, None, 0, 1.0, id="no-yardstick"),
    ],
)
def test_loop_score(added: int, fewest: int | None, buckling: int, score: float) -> None:
    assert loop_score(added, fewest, buckling) == pytest.approx(score)


# ---------------------------------------------------------------- the loop's offers

NEEDED = math.ceil(10 * (READS + WRITES) / APP_CAPACITY)  # app copies that carry 10x


def offered_at_10x() -> dict[str, Any]:
    from sysdesign_cli.core.design_loop import loop_step
    from sysdesign_cli.core.loop_offers import offers

    step = loop_step(SINGLE, SPEC, TABLE, 10)
    return {fix.label: fix for fix in offers(SINGLE, step, SPEC, TABLE)}


def test_the_loop_offers_the_fix_beside_plausible_mistakes() -> None:
    offered = offered_at_10x()
    too_few = 2 + (NEEDED - 2) // 2
    assert {f"run app x{NEEDED}", f"run app x{too_few}", f"run app x{3 * NEEDED}"} <= set(offered)
    elsewhere = [label for label in offered if not label.startswith("run app")]
    assert elsewhere, "a fix for a block that is not the bottleneck"
    # Only the engine's fix carries 10x on its own; the others leave app past 100% or
    # carry it with machines to spare.
    assert [label for label, fix in offered.items()
            if fix.meets and fix.additions == NEEDED - 2] == [f"run app x{NEEDED}"]  # fmt: skip
    for label in (f"run app x{too_few}", *elsewhere):
        assert offered[label].next_bottleneck == "app", label


def test_far_too_many_copies_from_the_menu_cost_as_over_engineering_does() -> None:
    fewest = NEEDED - 2
    result = run_loop(SINGLE, SPEC, TABLE, ScriptedAsker([f"run app x{3 * NEEDED}"]),
                      screen()[0], target=10)  # fmt: skip
    assert result["meets"] and result["added"] == 3 * NEEDED - 2
    assert result["fraction"] == pytest.approx(
        max(0.0, 1 - UNIT * (3 * NEEDED - 2 - fewest) / fewest))
    assert result["fraction"] < 1 - UNIT


def test_a_fix_for_the_wrong_block_leaves_the_bottleneck_for_the_next_round() -> None:
    offered = offered_at_10x()
    wrong = next(label for label in offered if not label.startswith("run app"))
    console, out = screen()
    result = run_loop(SINGLE, SPEC, TABLE, ScriptedAsker([wrong, STOP]), console, target=10)
    assert [r["bottleneck"] for r in result["rounds"]] == ["app", "app"]
    assert "busiest now app" in flat(out.getvalue())
    assert (result["meets"], result["buckling"]) == (False, 1)
    # The block left past 100% costs a unit, as stopping at once would.
    assert result["fraction"] == pytest.approx(1 - UNIT)


def test_too_few_copies_then_enough_is_two_rounds_with_the_fewest_additions() -> None:
    too_few = 2 + (NEEDED - 2) // 2
    asker = ScriptedAsker([f"run app x{too_few}", f"run app x{NEEDED}"])
    result = run_loop(SINGLE, SPEC, TABLE, asker, screen()[0], target=10)
    assert [r["choice"] for r in result["rounds"]] == [f"run app x{too_few}", f"run app x{NEEDED}"]
    assert result["meets"] and result["added"] == NEEDED - 2 and result["fraction"] == 1.0
