"""The design loop through the scripted asker, and each round's judgement: the right fix
makes the block that buckles fit the target with the fewest machines one fix needs (one
copy of headroom allowed); too few, too many and a fix elsewhere are mistakes, each
costing UNIT of the stage; every block left past 100% costs LEFT. Expected figures come
from the capacity table, worked out here by hand."""

from __future__ import annotations

import io
import math
import re
from typing import Any

import pytest
from exercise_answers import menu_answers
from rich.console import Console

from sysdesign_cli.core.graph.design_loop import evaluate, loop_step
from sysdesign_cli.core.graph.load import FlowLoad, LoadSpec, load
from sysdesign_cli.core.graph.loop_judge import (
    ELSEWHERE,
    LEFT,
    OVER,
    RIGHT,
    SHORT,
    STOPPED,
    UNIT,
    best_fix,
    headroom,
    judge,
    loop_score,
    right_path,
    spare,
)
from sysdesign_cli.core.graph.loop_offers import COPIES, number_problem, offers
from sysdesign_cli.core.graph.loop_search import fewest_additions
from sysdesign_cli.core.graph.model import Block
from sysdesign_cli.core.graph.text import parse_text
from sysdesign_cli.core.loader import load_reference
from sysdesign_cli.sessions.fix_loop import MAX_ROUNDS, PROMPT, STOP, TYPE, loads_line, run_loop
from sysdesign_cli.sessions.scripted_asker import ScriptedAsker

TABLE = load_reference()[0]
assert TABLE is not None
SINGLE = parse_text(
    "client -> dns\nclient -> lb -> app x2\napp -> cache : read\napp -> db : read, write\n"
)
READS, WRITES = 580.0, 58.0  # Pastebin at peak: 580 reads/s, 58 writes/s
SPEC = LoadSpec((FlowLoad("read", READS), FlowLoad("write", WRITES)), peak_factor=5.0)
HINTS = ("First hint.", "Second hint.")
APP_CAPACITY = TABLE.capacity(Block("app", "app"))[0]  # type: ignore[index]
PEAK = 10 * (READS + WRITES)  # every request passes the app tier
NEEDED = math.ceil(PEAK / APP_CAPACITY)  # app copies that carry 10x: 7
COPIES_OF_APP = "more copies of app"
FEWEST = NEEDED - 2


def pct(copies: int) -> str:
    return f"{PEAK / (copies * APP_CAPACITY) * 100:.0f}%"


def screen() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, width=200, color_system=None), out


def flat(text: str) -> str:
    return " ".join(text.split())


def typed(*lines: str) -> list[str]:
    """Change the design by hand: the lines, then `done`."""
    return [TYPE, *lines, "done"]


def play(answers: list[Any], start: Any = SINGLE, **kwargs: Any) -> tuple[dict[str, Any], str]:
    console, out = screen()
    result = run_loop(start, SPEC, TABLE, ScriptedAsker(answers), console, target=10, **kwargs)
    return result, flat(out.getvalue())


def test_the_figures_worked_by_hand() -> None:
    assert (NEEDED, pct(NEEDED), pct(NEEDED + 1), pct(NEEDED + 2)) == (7, "91%", "80%", "71%")


# ---------------------------------------------------------------- the right learner


def test_the_fewest_additions_at_10x_are_the_app_servers_the_traffic_needs() -> None:
    fewest = fewest_additions(SINGLE, SPEC, TABLE, 10)
    assert fewest is not None
    assert (fewest.additions, fewest.fixes) == (FEWEST, (f"run app x{NEEDED}",))
    assert [fix.label for fix in right_path(SINGLE, SPEC, TABLE, 10)] == [f"run app x{NEEDED}"]


def test_the_right_fix_scores_full_and_is_told_so() -> None:
    result, said = play([COPIES_OF_APP, str(NEEDED)])
    assert result["meets"] and result["added"] == result["fewest"] == FEWEST
    assert (result["fraction"], result["mistakes"]) == (1.0, 0)
    assert result["rounds"][0]["mistake"] is None
    assert f"Right: app at {pct(NEEDED)} with x{NEEDED}: fits (+{FEWEST})." in said
    assert "No mistakes" in said
    # The round shows every block's load in the design's order and names none as the one
    # that buckles: the figures do.
    assert "Load at 10x: app x2 319%, cache 6%, db 70%." in said
    assert "app buckles first" not in said and "busiest now" not in said
    asker = ScriptedAsker([COPIES_OF_APP, str(NEEDED)])
    run_loop(SINGLE, SPEC, TABLE, asker, screen()[0], target=10)
    assert asker.prompts[0] == PROMPT and not {"app", "db", "cache"} & set(PROMPT.split())
    assert f"app x{NEEDED}" in result["design"]


def test_one_copy_of_headroom_is_right_too() -> None:
    result, said = play(typed(f"app x{NEEDED + 1}"))
    assert (result["fraction"], result["mistakes"]) == (1.0, 0)
    assert f"Right: app at {pct(NEEDED + 1)} with x{NEEDED + 1}" in said


def test_a_right_learner_over_several_rounds_scores_full() -> None:
    # At 30x the app tier buckles first, then the database on its writes.
    path = right_path(SINGLE, SPEC, TABLE, 30)
    assert [loop_step(g, SPEC, TABLE, 30).bottleneck.name  # type: ignore[union-attr]
            for g in [SINGLE, *(fix.graph for fix in path[:-1])]] == ["app", "db"]  # fmt: skip
    console, out = screen()
    result = run_loop(SINGLE, SPEC, TABLE, ScriptedAsker(menu_answers(SINGLE, path)), console,
                      target=30)  # fmt: skip
    assert result["meets"] and (result["fraction"], result["mistakes"]) == (1.0, 0)
    assert [r["choice"] for r in result["rounds"]] == [fix.label for fix in path]
    assert out.getvalue().count("Right:") == 2


# ---------------------------------------------------------------- each mistake


def test_too_few_copies_is_a_mistake_said_at_once_with_the_load_figures() -> None:
    too_few = NEEDED - 3
    result, said = play([*typed(f"app x{too_few}"), COPIES_OF_APP, str(NEEDED)], hints=HINTS)
    assert [r["mistake"] for r in result["rounds"]] == [SHORT, None]
    assert (f"Mistake, not enough: app at {pct(too_few)} with x{too_few}: still past full; "
            f"app x{NEEDED} brings it to {pct(NEEDED)} (+{FEWEST}).") in said  # fmt: skip
    assert f"Hint: {HINTS[0]}" in said and result["hints_used"] == 1
    # The additions add up to the fewest, yet the round that fell short costs a unit.
    assert result["meets"] and result["added"] == FEWEST
    assert result["fraction"] == pytest.approx(1 - UNIT)


def test_creeping_up_one_copy_at_a_time_costs_a_unit_a_round() -> None:
    steps = [f"run app x{n}" for n in range(3, NEEDED + 1)]
    answers: list[str] = []
    for step in steps:
        answers += typed(step.removeprefix("run "))
    result, _ = play(answers)
    assert result["meets"] and result["added"] == FEWEST
    assert result["mistakes"] == len(steps) - 1 == 4
    assert result["fraction"] == 0.0


def test_far_too_many_copies_is_a_mistake() -> None:
    many = 3 * NEEDED
    result, said = play(typed(f"app x{many}"))
    assert result["meets"] and result["rounds"][0]["mistake"] == OVER
    assert (f"Mistake, more than it takes: app at {pct(many)} with x{many}: fits, but "
            f"+{many - 2} is more than the fewest and its headroom (+{FEWEST + 1}); "
            f"app x{NEEDED} brings it to {pct(NEEDED)} (+{FEWEST}).") in said  # fmt: skip
    # Three times the machines it takes: past twice what is allowed, the waste counts twice.
    assert result["fraction"] == pytest.approx(1 - 2 * UNIT)


def test_the_cost_of_too_many_grows_with_the_waste() -> None:
    allowed = FEWEST + 1
    costs = []
    for extra in (allowed + 1, 2 * allowed + 1, 4 * allowed + 1, 998):
        result, _ = play(typed(f"app x{2 + extra}"))
        assert result["rounds"][0]["mistake"] == OVER
        costs.append(result["fraction"])
    assert costs == pytest.approx([1 - UNIT, 1 - 2 * UNIT, 1 - 3 * UNIT, 1 - 3 * UNIT])


# At 34x the app tier needs 22 copies (21,692/s over 1,000/s a copy): a tenth of headroom
# is two copies there, so x24 is right and x25 too many; beside 7 copies a tenth is less
# than one, and one copy is allowed.
WIDE = 34


def _judged(copies: int, factor: float = WIDE) -> Any:
    step = loop_step(SINGLE, SPEC, TABLE, factor)
    changed = SINGLE.with_count("app", copies)
    return judge(SINGLE, step, changed, f"run app x{copies}",
                 load(changed, SPEC.scaled(factor), TABLE), copies - 2)  # fmt: skip


def test_headroom_grows_with_the_copies_a_tenth_or_one() -> None:
    assert math.ceil(WIDE * (READS + WRITES) / APP_CAPACITY) == 22
    step = loop_step(SINGLE, SPEC, TABLE, WIDE)
    assert step.bottleneck is not None and step.bottleneck.name == "app"
    assert best_fix(step) is not None and best_fix(step).label == "run app x22"  # type: ignore[union-attr]
    assert [_judged(n).kind for n in (21, 22, 23, 24, 25, 30)] == [
        SHORT, RIGHT, RIGHT, RIGHT, OVER, OVER]
    assert _judged(25).allowed == 22 and "more than the fewest and its headroom (+22)" in _judged(
        25).why
    assert [spare(n) for n in (1, 7, 9, 10, 19, 20, 22, 100)] == [1, 1, 1, 1, 1, 2, 2, 10]


def test_headroom_in_a_whole_loop_on_both_sides_of_the_line() -> None:
    for copies, mistake, fraction in ((24, None, 1.0), (25, OVER, 1 - UNIT)):
        console, _ = screen()
        result = run_loop(SINGLE, SPEC, TABLE, ScriptedAsker([COPIES_OF_APP, str(copies), STOP]),
                          console, target=WIDE)  # fmt: skip
        assert result["rounds"][0]["mistake"] == mistake, copies
        # The database is past full at 34x too: stopping there is a round and a block left.
        assert result["fraction"] == pytest.approx(fraction - UNIT - LEFT), copies


def test_two_copies_past_the_fewest_is_already_too_many() -> None:
    result, _ = play(typed(f"app x{NEEDED + 2}"))
    assert result["rounds"][0]["mistake"] == OVER
    assert result["fraction"] == pytest.approx(1 - UNIT)


def test_a_fix_for_a_block_that_is_not_giving_way_is_a_mistake() -> None:
    result, said = play([*typed("db x2"), COPIES_OF_APP, str(NEEDED)])
    assert [r["mistake"] for r in result["rounds"]] == [ELSEWHERE, None]
    assert [r["bottleneck"] for r in result["rounds"]] == ["app", "app"]
    assert "Mistake, not the block that buckles: app still at 319%" in said
    assert result["fraction"] == pytest.approx(1 - UNIT)


@pytest.mark.parametrize(
    "first",
    [
        pytest.param(typed(f"app x{NEEDED - 1}"), id="short"),
        pytest.param(typed(f"app x{NEEDED + 2}"), id="over"),
        pytest.param(typed("db x2"), id="elsewhere"),
    ],
)
def test_each_kind_of_mistake_costs_the_same(first: list[str]) -> None:
    result, _ = play([*first, COPIES_OF_APP, str(NEEDED), STOP])
    assert result["meets"] and result["mistakes"] == 1
    assert result["fraction"] == pytest.approx(1 - UNIT)


def test_stopping_while_a_block_buckles_is_a_mistake_and_the_block_costs_more() -> None:
    stopped, said = play([STOP])
    assert (stopped["meets"], stopped["buckling"], stopped["mistakes"]) == (False, 1, 1)
    assert LEFT == 2 * UNIT and stopped["fraction"] == pytest.approx(1 - UNIT - LEFT)
    assert "stopped with a block past full" in said
    assert "You stopped with 1 block still past 100% at 10x (each costs 50% of the stage)" in said
    # Stopping at once scores below any one mistake put right.
    fixed, _ = play([*typed("db x2"), COPIES_OF_APP, str(NEEDED)])
    assert fixed["fraction"] == pytest.approx(1 - UNIT)
    assert fixed["fraction"] > stopped["fraction"]
    # A mistake, then stopping: a unit and the block left.
    both, _ = play([*typed("db x2"), STOP])
    assert both["fraction"] == pytest.approx(1 - 2 * UNIT - LEFT)


def test_the_loop_ends_when_the_rounds_run_out() -> None:
    answers: list[str] = []
    for count in range(2, 2 + MAX_ROUNDS):
        answers += typed(f"cache x{count}")
    result, said = play(answers)
    assert len(result["rounds"]) == MAX_ROUNDS and result["mistakes"] == MAX_ROUNDS
    assert result["fraction"] == 0.0 and "The loop ended with 1 block" in said


def test_the_summary_names_each_mistaken_round_and_why() -> None:
    _, said = play([*typed(f"app x{NEEDED - 3}"), COPIES_OF_APP, str(NEEDED)])
    assert "Mistakes, each costing 25% of the stage:" in said
    assert f"round 1, not enough: app at {pct(NEEDED - 3)} with x{NEEDED - 3}" in said
    assert "round 2" not in said


@pytest.mark.parametrize(
    ("mistakes", "buckling", "score"),
    [
        pytest.param(0, 0, 1.0, id="right"),
        pytest.param(1, 0, 1 - UNIT, id="one-mistake"),
        pytest.param(0, 1, 1 - LEFT, id="one-block-left"),
        pytest.param(1, 1, 1 - UNIT - LEFT, id="both"),
        pytest.param(0, 2, 0.0, id="two-blocks-left"),
        pytest.param(5, 0, 0.0, id="never-below-nothing"),
    ],
)
def test_loop_score(mistakes: int, buckling: int, score: float) -> None:
    assert loop_score(mistakes, buckling) == pytest.approx(score)


# ---------------------------------------------------------------- the judge on its own


def test_headroom_is_one_copy_of_the_block_in_machines() -> None:
    graph = parse_text("client -> app x40\napp -> db x2 : read, write\n")
    graph = graph.with_block(Block("db", "db", count=2, shards=3))
    target = SPEC.scaled(10)
    top = "db"
    scaled = evaluate(graph, target, TABLE, top, "scale", "run db x3", graph.with_count(top, 3))
    split = evaluate(graph, target, TABLE, top, "shard", "split db into 4 shards",
                     graph.with_block(Block("db", "db", count=2, shards=4)))  # fmt: skip
    assert (headroom(graph, scaled, top), headroom(graph, split, top)) == (3, 2)


def test_a_cache_that_leaves_the_store_past_full_falls_short() -> None:
    # At 30x with app servers enough, the database buckles on its writes: a cache takes
    # only reads.
    start = SINGLE.with_count("app", 20)
    step = loop_step(start, SPEC, TABLE, 30)
    assert step.bottleneck is not None and step.bottleneck.name == "db"
    cache = next(fix for fix in step.fixes if fix.name == "cache")
    after = load(cache.graph, SPEC.scaled(30), TABLE)
    verdict = judge(start, step, cache.graph, cache.label, after, cache.additions)
    assert verdict.kind == SHORT and verdict.best == best_fix(step)
    assert verdict.best is not None and (verdict.best.utilisation or 0) <= 1.0


def test_when_no_one_fix_makes_the_block_fit_lowering_it_is_no_mistake() -> None:
    step = loop_step(SINGLE, SPEC, TABLE, 10)
    short = [fix for fix in step.fixes if (fix.utilisation or 0) > 1.0]
    blind = type(step)(step.factor, step.report, step.bottleneck, tuple(short))
    changed = SINGLE.with_count("app", 4)
    verdict = judge(SINGLE, blind, changed, "run app x4", load(changed, SPEC.scaled(10), TABLE), 2)
    assert (verdict.kind, verdict.best) == (RIGHT, None)


# ---------------------------------------------------------------- the loop's offers


def menu() -> dict[str, Any]:
    step = loop_step(SINGLE, SPEC, TABLE, 10)
    return {fix.label: fix for fix in offers(SINGLE, step, SPEC, TABLE)}


def test_the_loop_offers_the_fix_beside_plausible_mistakes_with_no_number_to_guess() -> None:
    offered = menu()
    assert COPIES_OF_APP in offered and offered[COPIES_OF_APP].asks == COPIES
    assert not [label for label in offered if re.search(r"\bx\d|\d+ shards", label)], (
        "a number on the list is a number to guess from")
    elsewhere = [label for label in offered if label != COPIES_OF_APP]
    assert elsewhere, "a fix for a block that is not the bottleneck"
    for label in elsewhere:
        assert offered[label].next_bottleneck == "app", label


def test_the_number_is_typed_and_a_bad_one_asked_again() -> None:
    result, _ = play([COPIES_OF_APP, "seven", "2", "10" * 5, f" {NEEDED} "])
    assert result["rounds"][0]["choice"] == f"run app x{NEEDED}"
    assert (result["fraction"], result["mistakes"]) == (1.0, 0)
    entry = menu()[COPIES_OF_APP]
    assert number_problem(SINGLE, entry, "seven") == "Type a whole number of copies, more than 2."
    assert number_problem(SINGLE, entry, "2") == (
        "Type a number of copies in all, more than 2 and at most 1000.")
    assert number_problem(SINGLE, entry, "9" * 5000) is not None
    assert number_problem(SINGLE, entry, "١٢") is not None  # digits, but not ASCII ones
    assert number_problem(SINGLE, entry, "12") is None


def test_a_store_that_copies_cannot_relieve_offers_copies_as_the_mistake() -> None:
    # At 30x with app servers enough, the read replica gives way first: it takes the
    # reads and applies every write, so its copies each still apply every write, and only
    # a split relieves it. The menu offers both, and as many fixes for the primary.
    start = parse_text("client -> lb -> app x20\napp -> cache : read\napp -> db : write\n"
                       "app -> replica : read\ndb ~> replica\n")  # fmt: skip
    step = loop_step(start, SPEC, TABLE, 30)
    assert step.bottleneck is not None and step.bottleneck.name == "replica"
    assert loads_line(start, step) == "app x20 96%, cache 17%, db 174%, replica 209%"
    offered = {fix.label: fix for fix in offers(start, step, SPEC, TABLE)}
    assert {"more copies of replica", "split replica into more shards"} <= set(offered)
    assert sum("db" in label.split() for label in offered) == 2 and len(offered) == 4
    console, out = screen()
    result = run_loop(start, SPEC, TABLE, ScriptedAsker(["more copies of replica", "3", STOP]),
                      console, target=30)  # fmt: skip
    assert result["rounds"][0]["mistake"] == SHORT
    assert "with x3: still past full" in flat(out.getvalue())


def test_each_round_is_handed_on_and_a_resumed_loop_goes_on_from_the_last() -> None:
    rounds: list[dict[str, object]] = []
    console, _ = screen()
    asker = ScriptedAsker([*typed("app x20"), STOP])
    run_loop(SINGLE, SPEC, TABLE, asker, console, target=30, on_round=rounds.append)
    assert [r["choice"] for r in rounds] == [TYPE, STOP]
    assert rounds[0]["bottleneck"] == "app" and rounds[1]["bottleneck"] == "db"
    assert rounds[0]["mistake"] is None  # 20 copies carry 30x: 19,140/s over 20,000/s
    resumed = run_loop(SINGLE, SPEC, TABLE, ScriptedAsker([*typed("app x30"), STOP]),
                       console, target=30, rounds=rounds[:1])  # fmt: skip
    assert resumed["added"] == 28  # app x2 -> x30, counted from the start
    assert [r["bottleneck"] for r in resumed["rounds"]] == ["app", "db", "db"]
    # The round before the stop counts: app x30 is a fix elsewhere, the database left.
    assert [r.get("mistake") for r in resumed["rounds"]] == [None, ELSEWHERE, STOPPED]
    assert resumed["fraction"] == pytest.approx(1 - 2 * UNIT - LEFT)


def test_two_loads_that_round_alike_are_told_apart_in_the_round() -> None:
    # The round names no block: where another block shows the same whole percent as the
    # one that buckles first, a decimal says which is higher (else fixing the other one,
    # as the screen allowed, would be judged a mistake).
    from sysdesign_cli.core.graph.design_loop import LoopStep
    from sysdesign_cli.core.graph.load import BlockLoad, LoadReport

    def block(name: str, utilisation: float) -> BlockLoad:
        return BlockLoad(name, "app", 1, 0.0, 0.0, 0.0, 0.0, utilisation, 0.0)

    graph = parse_text("client -> app\napp -> db\n")
    for loads, shown in (
        ((3.1804, 3.1831), "app 318.0%, db 318.3%"),
        ((3.1804, 2.5), "app 318%, db 250%"),
    ):
        blocks = (block("app", loads[0]), block("db", loads[1]))
        report = LoadReport(blocks, (), (), ())
        step = LoopStep(10.0, report, max(blocks, key=lambda b: b.utilisation or 0), ())
        assert loads_line(graph, step) == shown


def test_a_shipped_loop_starts_where_a_block_other_than_the_app_tier_buckles() -> None:
    # Every loop starting on the app tier taught "always scale the app"; the URL
    # shortener's write-heavy loop starts on a store, by its figures.
    from exercise_answers import TABLE, spec

    from sysdesign_cli.core.graph.design_loop import loop_step
    from sysdesign_cli.core.loader import load_curriculum

    firsts = {}
    for exercise in load_curriculum().exercises.values():
        for item in exercise.stages:
            if item.kind == "loop":
                step = loop_step(exercise.design.graph(), spec(exercise, item), TABLE,
                                 item.target)  # fmt: skip
                firsts[item.id] = exercise.design.graph().block(step.bottleneck.name).kind
    assert firsts["pb-loop"] == "app"
    assert firsts["us-loop"] not in ("app", "lb")


def test_while_the_same_block_buckles_its_fixes_keep_their_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A round that leaves the bottleneck where it was asks the same question again: the
    menu does not reshuffle under the learner between those tries."""

    class Recording(ScriptedAsker):
        def __init__(self, answers: list[Any]) -> None:
            super().__init__(answers)
            self.menus: list[list[str]] = []

        def select(self, prompt: str, choices: Any) -> str:
            if prompt == PROMPT:
                self.menus.append(list(choices))
            return super().select(prompt, choices)

    monkeypatch.delenv("SYSDESIGN_SEED", raising=False)
    reshuffled = 0
    for _ in range(6):
        # db copies are a fix elsewhere (app still buckles), then right.
        asker = Recording([*typed("db x2"), COPIES_OF_APP, str(NEEDED), STOP])
        run_loop(SINGLE, SPEC, TABLE, asker, screen()[0], target=10)
        first, second = asker.menus[0], asker.menus[1]
        assert sorted(first) == sorted(second)  # the same fixes on offer
        reshuffled += first != second
    assert reshuffled == 0
