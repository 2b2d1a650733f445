"""A weakness the learner's own design does not have earns nothing when named, and the
review says why; a load balancer you run, drawn once, is a fair weakness worth half in
the interviews' wrap-ups (a managed one is none); a deep-dive question is asked only of
a design it speaks of."""

from __future__ import annotations

import io
import random
import re
from types import SimpleNamespace
from typing import Any

import pytest
from exercise_answers import TABLE, reference_lines
from interview_answers import INTERVIEWS, round_script
from rich.console import Console

from sysdesign_cli.core.design_settled import settled_points
from sysdesign_cli.core.design_subject import lacking
from sysdesign_cli.core.graph.checks import check
from sysdesign_cli.core.graph.text import parse_text
from sysdesign_cli.core.interview_score import PARTS
from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.core.rubric import FOUND, assess, fraction
from sysdesign_cli.sessions.exercise import ExerciseSession
from sysdesign_cli.sessions.interview import InterviewSession
from sysdesign_cli.sessions.scripted_asker import ScriptedAsker

SCENARIOS = sorted(INTERVIEWS)
KEEP = ScriptedAsker.KEEP
DB_ANSWER = "The single database is a single point of failure; add a replica with failover."
LB_ANSWER = ("The one load balancer is a single point of failure; add a second load balancer "
             "with failover.")  # fmt: skip


class Ticks:
    def __init__(self) -> None:
        self.at = 0.0

    def __call__(self) -> float:
        self.at += 1.0
        return self.at


def play_round(interview: Any, answers: list[Any]) -> tuple[Any, str]:
    out = io.StringIO()
    console = Console(file=out, width=120, color_system=None)
    asker = ScriptedAsker(answers)
    finished = InterviewSession(interview, asker, console, table=TABLE, now=Ticks(),
                                rng=random.Random(7)).play()  # fmt: skip
    assert asker.answers == [], "the script gave more answers than the round asked for"
    return finished, " ".join(out.getvalue().split())


def key(stage: Any) -> str:
    return stage.id.replace("-", "_")


def lines_of(interview: Any) -> list[str]:
    return reference_lines(interview.exercise())


def without_replica(interview: Any) -> list[str]:
    lines = [line for line in lines_of(interview) if "~>" not in line]
    assert len(lines) < len(lines_of(interview))
    return lines


def with_two_lbs(interview: Any) -> list[str]:
    lines = [line.replace("lb ->", "lb x2 ->") for line in lines_of(interview)]
    assert lines != lines_of(interview)
    return lines


def wrap_up(interview: Any, design: list[str], answer: str, *,
            hinted: bool = True) -> tuple[Any, str]:  # fmt: skip
    """The wrap-up's result when `answer` is given on `design` (kept as it is after a
    hint when `hinted`), the tutor's ticks kept, every other part answered right; and
    what was said."""
    stage = interview.wrap_up
    answers = [answer, *([""] if hinted else []), KEEP]
    finished, said = play_round(interview, round_script(
        interview, design=design, **{key(stage): answers}))  # fmt: skip
    return finished.results()["wrap_up"], said


# ------------------------------------------------------------------ the rule, both ways


@pytest.mark.parametrize("name", SCENARIOS)
def test_the_single_database_named_earns_nothing_on_a_design_with_a_replica(name: str) -> None:
    interview = INTERVIEWS[name]
    result, said = wrap_up(interview, lines_of(interview), DB_ANSWER)
    assert result.score == 0
    settled = settled_points(interview.wrap_up.rubric, interview.design.graph(),
                             check(interview.design.graph(), interview.design))  # fmt: skip
    spare = next(why for point, why in settled.items() if point == "spof")
    assert "~>" in spare  # db ~> replica, ledger ~> standby...
    assert f"not a weakness of your design, which already has {spare}" in said
    assert "Name a weakness it has." in said
    # Said before the hint too, while the learner can still add to the answer.
    hint = f"Your design already has {spare}: that is no weakness of it. Name a weakness it has."
    assert said.index(hint) < said.index(f"Hint: {interview.wrap_up.hints[0]}")
    assert any(line.startswith("not scored: ") and f"your design already has {spare}; "
               "name a weakness it has" in line for line in result.feedback)  # fmt: skip
    assert "spof" not in result.points_confirmed


@pytest.mark.parametrize("name", SCENARIOS)
def test_the_single_database_named_earns_full_marks_on_a_design_without_one(name: str) -> None:
    interview = INTERVIEWS[name]
    result, said = wrap_up(interview, without_replica(interview), DB_ANSWER, hinted=False)
    assert result.score == result.points
    assert "not a weakness of your design, which already has" not in said
    assert not any(line.startswith("not scored") for line in result.feedback)


def test_a_settled_weakness_ticked_by_hand_earns_nothing_and_says_why() -> None:
    """The tutor finds nothing of the replica in the answer; the learner ticks it anyway."""
    interview = INTERVIEWS["pastebin"]
    stage = interview.wrap_up
    spof, replica = (next(p.point for p in stage.rubric.points if p.id == i)
                     for i in ("spof", "replica"))  # fmt: skip
    finished, said = play_round(interview, round_script(
        interview, **{key(stage): ["It might break somehow.", "", [spof, replica]]}))
    result = finished.results()["wrap_up"]
    assert result.score == 0 and result.points_confirmed == []
    assert "not scored: The single database is a single point of failure: your design " \
           "already has db ~> replica; name a weakness it has" in said


@pytest.mark.parametrize("name", SCENARIOS)
def test_each_scenario_still_has_a_full_marks_round_naming_a_weakness_its_design_has(
    name: str,
) -> None:
    interview = INTERVIEWS[name]
    stage = interview.wrap_up
    graph = interview.design.graph()
    settled = settled_points(stage.rubric, graph, check(graph, interview.design))
    named = {f.point_id for f in assess(stage.example, stage.rubric) if f.status == FOUND}
    # Whole without a settled point (photo sharing's, "add shards as they fill", says the
    # words of sharding, which its split database settles: the review does not scold it).
    assert fraction(stage.rubric, named - set(settled)) == 1
    finished, said = play_round(interview, round_script(interview))
    assert finished.score == finished.max_score
    assert "not scored" not in said


# ------------------------------------------------------------------ the one load balancer


def with_nginx(interview: Any) -> list[str]:
    """The reference with its load balancer one you run yourself, drawn once."""
    lines = [re.sub(r"\blb\b", "nginx", line) for line in lines_of(interview)]
    assert lines != lines_of(interview)
    return lines


@pytest.mark.parametrize("name", SCENARIOS)
def test_a_load_balancer_you_run_drawn_once_named_earns_half(name: str) -> None:
    interview = INTERVIEWS[name]
    design = with_nginx(interview)
    graph = parse_text("\n".join(design))
    assert "nginx" in check(graph, interview.design).spofs  # the engine says so too
    result, said = wrap_up(interview, design, LB_ANSWER)
    assert {"lone-lb", "second-lb"} <= set(result.points_found)
    assert result.score == result.points / 2
    assert "not a weakness of your design, which already has nginx" not in said


@pytest.mark.parametrize("name", SCENARIOS)
def test_a_managed_load_balancer_named_earns_nothing(name: str) -> None:
    """`lb` is a cloud load balancer, redundant within its provider: the design engine
    never reports it as a single point of failure, and the wrap-up agrees."""
    interview = INTERVIEWS[name]
    graph = interview.design.graph()
    assert "lb" not in check(graph, interview.design).spofs
    result, said = wrap_up(interview, lines_of(interview), LB_ANSWER)
    assert result.score == 0
    assert ("not a weakness of your design, which already has lb, a managed load balancer "
            "redundant within its provider") in said
    managed = ("The load balancer is a single point of failure; switch to a managed load "
               "balancer.")  # fmt: skip
    result, _ = wrap_up(interview, lines_of(interview), managed)
    assert result.score == 0  # a fix of what the design already has
    result, _ = wrap_up(interview, with_nginx(interview), managed)
    assert result.score == result.points / 2  # the fix of a load balancer you run


@pytest.mark.parametrize("name", SCENARIOS)
def test_the_load_balancer_named_earns_nothing_on_a_design_with_two(name: str) -> None:
    interview = INTERVIEWS[name]
    result, said = wrap_up(interview, with_two_lbs(interview), LB_ANSWER)
    assert result.score == 0
    assert "not a weakness of your design, which already has lb x2" in said
    assert any("your design already has lb x2" in line for line in result.feedback)


def without_lb(interview: Any) -> list[str]:
    """The reference with its load balancer taken out: the client calls what it fed."""
    lines = [line.replace(" -> lb -> ", " -> ") for line in lines_of(interview)]
    return [line for line in lines if not line.startswith("lb ")]


@pytest.mark.parametrize("name", SCENARIOS)
def test_the_load_balancer_named_earns_nothing_on_a_design_without_one(name: str) -> None:
    interview = INTERVIEWS[name]
    design = without_lb(interview)
    assert not any(" lb" in f" {line}" for line in design), design
    result, said = wrap_up(interview, design, LB_ANSWER)
    assert result.score == 0
    assert "not a weakness of your design, which already has no load balancer" in said


def test_a_half_answer_leaves_no_card_of_its_own() -> None:
    interview = INTERVIEWS["chat"]
    finished, _ = play_round(interview, round_script(
        interview, **{key(interview.wrap_up): [LB_ANSWER, "", KEEP]}))
    cards = finished.cards()
    assert not [card for card in cards if card.endswith(("-lone-lb", "-second-lb"))]
    assert [card for card in cards if "-wrap-up-" in card]  # the whole answer it missed


def test_an_answer_worth_half_is_scored_at_half_and_a_whole_one_wins() -> None:
    rubric = SimpleNamespace(needed=2, alternatives=[["a", "b"]], half=[["c", "d"]],
                             points=[])  # fmt: skip
    assert fraction(rubric, {"c", "d"}) == 0.5
    assert fraction(rubric, {"c"}) == 0.25
    assert fraction(rubric, {"a", "b", "c", "d"}) == 1
    assert fraction(rubric, {"a", "c", "d"}) == 0.5


def test_the_load_balancer_is_settled_by_the_engines_one_rule() -> None:
    """A managed `lb` is never a single point of failure, for the engine and the wrap-up
    alike; one you run (`nginx`) drawn once is one for both; two settle it."""
    interview = INTERVIEWS["url-shortener"]
    rubric, design = interview.wrap_up.rubric, interview.design

    def settled(lines: list[str]) -> dict[str, str]:
        graph = parse_text("\n".join(lines))
        return settled_points(rubric, graph, check(graph, design))

    managed = settled(lines_of(interview))
    assert managed["lone-lb"] == managed["second-lb"] == (
        "lb, a managed load balancer redundant within its provider")
    assert "lone-lb" not in settled(with_nginx(interview))
    two = settled([line.replace("nginx ->", "nginx x2 ->") for line in with_nginx(interview)])
    assert two["lone-lb"] == two["second-lb"] == "nginx x2"


# ------------------------------------------------------------------ the exercise too


def test_pastebins_one_improvement_follows_the_rule_both_ways() -> None:
    from exercise_answers import script

    exercise = load_curriculum().exercises["pastebin"]
    free = next(item for item in exercise.stages if item.kind == "free")
    lines = reference_lines(exercise)

    def improvement(design: list[str]) -> tuple[Any, str]:
        out = io.StringIO()
        console = Console(file=out, width=120, color_system=None)
        keep = [DB_ANSWER, *([""] if "~>" in "\n".join(design) else []), KEEP]
        asker = ScriptedAsker(script(exercise, design, pb_improvement=keep))
        run = ExerciseSession(exercise, asker, console, table=TABLE).play()
        return next(r for r in run.results if r.stage_id == free.id), " ".join(
            out.getvalue().split())

    result, said = improvement(lines)  # db ~> replica
    assert result.score == 0
    assert "not a weakness of your design, which already has db ~> replica" in said
    single, said = improvement([line for line in lines if "~>" not in line])
    assert single.score == single.points
    assert "not a weakness of your design, which already has" not in said


# ------------------------------------------------------------------ the question's subject


@pytest.mark.parametrize("name", ["pastebin", "url-shortener"])
def test_a_trade_off_about_a_replica_is_asked_of_the_reference_when_the_design_has_none(
    name: str,
) -> None:
    interview = INTERVIEWS[name]
    finished, said = play_round(interview, round_script(interview,
                                                        design=without_replica(interview)))
    told = ("Your design has no replica; this question speaks of one, so it is asked of the "
            "reference design")  # fmt: skip
    assert told in said
    drawn = said.index(told)
    replica_line = next(line for line in lines_of(interview) if "~>" in line)
    # Between the drill's model answer and the trade-off's review: the reference drawn
    # when the trade-off is asked.
    assert said.index(" ".join(interview.drill.explanation.split())) < drawn
    assert drawn < said.index(replica_line, drawn) < said.index("What the tutor found")
    trade_off = finished.results()["trade_off"]
    assert trade_off.score == trade_off.points  # the model answer, of the design asked about
    _, said = play_round(interview, round_script(interview))
    assert "Your design has no replica" not in said


def test_what_a_question_speaks_of_is_read_from_the_design() -> None:
    replica = parse_text("client -> app -> db\ndb ~> standby")
    lone = parse_text("client -> app -> db")
    assert lacking(replica, ["replica"]) == []
    assert lacking(lone, ["replica"]) == ["replica"]
    assert lacking(lone, ["cache", "db"]) == ["cache"]
    assert lacking(None, ["replica"]) == ["replica"]


# ------------------------------------------------------------------ plain mode


def test_plain_mode_says_a_named_weakness_the_design_lacks_earns_nothing() -> None:
    import os
    import subprocess
    import sys
    from pathlib import Path

    from exercise_answers import Keep, plain_lines

    scenario = INTERVIEWS["url-shortener"]
    stage = scenario.wrap_up
    keep = Keep(len(stage.rubric.points))  # an Enter per key point
    answers = round_script(scenario, **{key(stage): [DB_ANSWER, "", keep]})
    installed = Path(sys.executable).with_name("sysdesign")
    command = [str(installed)] if installed.exists() else [sys.executable, "-m", "sysdesign_cli"]
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80"}
    done = subprocess.run([*command, "interview", scenario.id, "--plain", "--restart"],
                          input=plain_lines(answers), capture_output=True, text=True,
                          env=env, timeout=120, check=False)  # fmt: skip
    assert (done.returncode, done.stderr) == (0, "")
    said = " ".join(done.stdout.split())
    assert ("not a weakness of your design, which already has primary-db ~> read-replica; "
            "it earns nothing here. Name a weakness it has.") in said
    total = said.split(f"{scenario.title}: ", 1)[1].split()[:3]
    points = scenario.clarify.points + sum(scenario.stage(p).points for p in PARTS[1:])
    assert total == [f"{points - stage.points:g}", "/", str(points)]  # the wrap-up: nothing


def test_a_wrap_up_missed_on_a_design_with_a_replica_brings_back_no_replica_card() -> None:
    """The closest whole answer it missed is one the design leaves open: the cards teach a
    weakness the learner's design has, not the replica it already runs."""
    interview = INTERVIEWS["pastebin"]  # its first whole answer: the database and a replica
    stage = interview.wrap_up
    assert stage.rubric.alternatives[0] == ["spof", "replica"]
    finished, _ = play_round(interview, round_script(
        interview, **{key(stage): ["It might break somehow.", "", KEEP]}))
    cards = [card for card in finished.cards() if "-wrap-up-" in card]
    assert cards and not [card for card in cards if card.endswith(("-spof", "-replica"))]
    finished, _ = play_round(interview, round_script(
        interview, design=without_replica(interview),
        **{key(stage): ["It might break somehow.", "", KEEP]}))
    cards = [card for card in finished.cards() if "-wrap-up-" in card]
    assert [card for card in cards if card.endswith(("-spof", "-replica"))]


def test_a_drill_whose_model_answer_speaks_of_a_replica_says_so_on_a_design_without_one() -> None:
    interview = INTERVIEWS["url-shortener"]  # "Redirects carry on from the read replica..."
    finished, said = play_round(interview, round_script(interview,
                                                        design=without_replica(interview)))
    told = ("Your design has no replica; the drill runs on your design, and its model answer "
            "after it speaks of the reference design, which has one.")  # fmt: skip
    assert told in said
    assert said.index(told) < said.index(" ".join(interview.drill.explanation.split()))
    drill = finished.results()["drill"]
    assert drill.score == drill.points  # predicted from the learner's own design
    assert drill.data["on"] == "your design"
    _, said = play_round(interview, round_script(interview))
    assert "Your design has no replica" not in said
