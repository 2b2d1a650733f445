"""The review cards a mock interview leaves for the design's faults, the bottleneck and
the failure drill: each stands alone (the scenario and a design in its prompt), is right
by the engine on the design it shows, gives nothing away by length, and comes back in
`quiz --due` the next day."""

from __future__ import annotations

import io
import re
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from exercise_answers import TABLE, plain_lines
from fault_facts import is_false
from interview_answers import INTERVIEWS, round_script
from rich.console import Console
from typer.testing import CliRunner

from sysdesign_cli.cli.app import app
from sysdesign_cli.core import interview_score as scoring
from sysdesign_cli.core.bottleneck_card import NONE_GIVES
from sysdesign_cli.core.drill_card import STOPS, WORKS
from sysdesign_cli.core.fault_cards import fault_card
from sysdesign_cli.core.graph import kinds
from sysdesign_cli.core.graph.checks import check
from sysdesign_cli.core.graph.drills import choose_kill, drill
from sysdesign_cli.core.graph.load import growth
from sysdesign_cli.core.graph.text import parse_text
from sysdesign_cli.core.interview_cards import review_questions
from sysdesign_cli.core.interview_faults import faults, learner_faults
from sysdesign_cli.core.lint_findings import Item
from sysdesign_cli.core.lint_options import longest
from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.sessions.quiz import DUE, plan, run_quiz
from sysdesign_cli.sessions.scripted_asker import ScriptedAsker
from sysdesign_cli.store import Store

PASTEBIN = INTERVIEWS["pastebin"]
runner = CliRunner()
FAULTS = [(name, fault.key) for name in sorted(INTERVIEWS) for fault in faults(INTERVIEWS[name])]


def shown_design(prompt: str) -> Any:
    """The design a card's prompt shows (its indented lines), read by the parser."""
    lines = [line.strip() for line in prompt.splitlines() if line.startswith("    ")]
    return parse_text("\n".join(lines))


def card_id(interview: Any, part: str, key: str) -> str:
    return scoring.point_card_id(interview, interview.stage(part), key)


@pytest.mark.parametrize(("name", "key"), FAULTS, ids=[f"{n}:{k}" for n, k in FAULTS])
def test_each_fault_card_is_right_on_the_design_it_shows(name: str, key: str) -> None:
    interview = INTERVIEWS[name]
    qid = card_id(interview, "design", key)
    question = review_questions(interview, {qid})[qid]
    assert question.context == interview.title
    assert question.prompt.startswith(interview.opening.strip())
    assert question.prompt.rstrip().endswith("What is wrong with it?")
    # The engine, on the design the prompt shows, finds the fault the answer names and
    # none of the claims the wrong choices make.
    graph = shown_design(question.prompt)
    verdict = check(graph, interview.design)
    by_claim = {fault.claim: fault for fault in faults(interview)}
    assert by_claim[question.answer].found(graph, verdict, interview.design) is not None
    wrong = [choice for choice in question.choices if choice != question.answer]
    assert len(wrong) == 3 and len(set(question.choices)) == 4
    # Claims of its own, each false of the design shown (read back from its words and
    # checked on the design's own facts), none a fault of the scenario; the answer true.
    for choice in wrong:
        assert is_false(choice, graph, interview.design) and choice not in by_claim, choice
    if not question.answer.startswith("DNS"):
        assert not is_false(question.answer, graph, interview.design)
    # Nothing given away by length; the explanation says what the engine found and the fix.
    assert longest(Item("card", (), question, interview)) == []
    assert "The fix:" in question.explanation


@pytest.mark.parametrize("name", sorted(INTERVIEWS))
def test_every_fault_a_scenario_names_makes_a_card(name: str) -> None:
    interview = INTERVIEWS[name]
    keys = [fault.key for fault in faults(interview)]
    assert len(keys) == len(set(keys))
    assert [key for key in keys if fault_card(interview, key) is None] == []
    # One fault a rule at least, the lone copies of what the reference runs twice.
    assert len(keys) >= len(interview.design.rules)
    assert any(key.startswith("spof-") for key in keys)


def test_the_faults_of_a_learners_design_are_those_its_check_found() -> None:
    lines = ["client -> lb -> app", "app -> db : read, write"]
    verdict = check(parse_text("\n".join(lines)), PASTEBIN.design)
    found = [{"kind": f.kind, "blocks": list(f.blocks), "flows": list(f.flows),
              "message": f.message, "fix": f.fix} for f in verdict.findings]  # fmt: skip
    assert learner_faults(PASTEBIN, lines, found) == ["reach-read-cache", "spof-app", "spof-db"]
    # A learner's own names: `postgres` is a database, `web` an app server.
    lines = ["client -> lb -> web x2", "web -> redis : read", "web -> postgres : read, write"]
    verdict = check(parse_text("\n".join(lines)), PASTEBIN.design)
    found = [{"kind": f.kind, "blocks": list(f.blocks), "flows": list(f.flows),
              "message": f.message, "fix": f.fix} for f in verdict.findings]  # fmt: skip
    assert learner_faults(PASTEBIN, lines, found) == ["spof-db"]
    assert learner_faults(PASTEBIN, lines, []) == []


@pytest.mark.parametrize("name", sorted(INTERVIEWS))
def test_the_bottleneck_card_carries_the_load_and_the_engines_answer(name: str) -> None:
    interview = INTERVIEWS[name]
    qid = card_id(interview, "bottleneck", scoring.BOTTLENECK_CARD)
    question = review_questions(interview, {qid}, TABLE)[qid]
    graph = interview.design.graph()
    spec = interview.design.load_spec(interview.estimate.result())
    factors = tuple(interview.bottleneck.factors)
    grown = growth(graph, spec, TABLE, factors)
    assert grown.first is not None and grown.at is not None
    # The options name the blocks by their kind, shown beside each name in the prompt.
    kind = kinds.noun(graph.block(grown.first).kind)
    expected = kind if grown.at <= max(factors) else NONE_GIVES
    assert question.answer == expected
    assert shown_design(question.prompt) == graph  # the design it asks about, whole
    # Every block that can run out is listed with its machines (copies, or shards), what a
    # copy serves and what it handles.
    for choice in question.choices:
        if choice != NONE_GIVES:
            named = rf"(?:{re.escape(choice)}|[\w-]+ \({re.escape(choice)}\))"
            assert re.search(rf"^  - {named}: \d+ (cop|shards)", question.prompt,
                             re.M), choice  # fmt: skip
    assert "one machine handles" in question.prompt and "today's peak" in question.prompt
    assert longest(Item("card", (), question, interview)) == []  # "none" no longer than a name


@pytest.mark.parametrize("name", sorted(INTERVIEWS))
def test_the_drill_card_asks_which_flows_survive_on_the_design_shown(name: str) -> None:
    interview = INTERVIEWS[name]
    qid = card_id(interview, "drill", scoring.DRILL_CARD)
    question = review_questions(interview, {qid}, TABLE)[qid]
    assert question.type == "choice"
    graph = shown_design(question.prompt)
    kill = choose_kill(graph, interview.drill.kill)
    assert kill is not None and f"Suppose {kill.describe()}." in question.prompt
    flows = interview.design.checked_flows()
    survivors = drill(graph, kill, TABLE, flows).survivors()
    # Every flow, in the scenario's order, with what becomes of it.
    assert question.answer == ", ".join(
        f"{flow} {WORKS if flow in survivors else STOPS}" for flow in flows)
    for choice in question.choices:
        assert [part.rsplit(" ", 1)[0] for part in choice.split(", ")] == list(flows)
    assert len({len(choice) for choice in question.choices}) == 1  # as long as each other
    assert longest(Item("card", (), question, interview)) == []


@pytest.mark.parametrize(("name", "survivors"), [
    ("chat", "send stops, history works"),  # sending stops with the queue
    ("pastebin", "write stops, read stops"),  # writes stop; reads only what the cache holds
    ("url-shortener", "shorten stops, redirect works"),  # the replica answers redirects
    ("stock-trading", "trade works, quote stops"),  # orders wait in the log; quotes cached
    ("video-delivery", "watch works, upload works, publish works"),  # the other city's edge
])
def test_the_drill_card_shows_a_design_where_the_loss_matters(name: str,
                                                               survivors: str) -> None:
    interview = INTERVIEWS[name]
    qid = card_id(interview, "drill", scoring.DRILL_CARD)
    question = review_questions(interview, {qid}, TABLE)[qid]
    assert question.answer == survivors
    # The drill's store runs once in the design shown (no replica takes over), where
    # the reference runs it twice or with a replica.
    graph = shown_design(question.prompt)
    if name in ("pastebin", "url-shortener", "stock-trading"):
        assert not [e for e in graph.edges if e.kind == "replication"]


def test_only_the_cards_asked_for_are_built() -> None:
    curriculum = load_curriculum()
    wanted = {card_id(PASTEBIN, "design", "spof-db"),
              card_id(PASTEBIN, "bottleneck", scoring.BOTTLENECK_CARD)}  # fmt: skip
    assert set(curriculum.review_questions(wanted)) == wanted
    assert curriculum.review_questions(set()) == {}


def test_wrong_predictions_and_design_faults_become_cards() -> None:
    bottleneck = card_id(PASTEBIN, "bottleneck", scoring.BOTTLENECK_CARD)
    drilled = card_id(PASTEBIN, "drill", scoring.DRILL_CARD)
    answers = round_script(PASTEBIN, design=["client -> lb -> app", "app -> db : read, write"],
                           iv_pb_bottleneck=["db"] * (len(PASTEBIN.bottleneck.hints) + 1),
                           iv_pb_drill=[["write", "read"]] * (len(PASTEBIN.drill.hints) + 1),
                           )  # fmt: skip
    done = runner.invoke(app, ["interview", "pastebin", "--plain"], input=plain_lines(answers))
    assert done.exit_code == 0, done.output
    faults_left = {card_id(PASTEBIN, "design", key)
                   for key in ("reach-read-cache", "spof-app", "spof-db")}  # fmt: skip
    with Store.open() as store:
        cards = store.card_ids()
    assert faults_left | {bottleneck, drilled} <= cards
    # The next day, each comes back due and is answered by what the card itself shows.
    tomorrow = datetime.now(timezone.utc) + timedelta(days=1)
    with Store.open() as store:
        picks = plan(load_curriculum(), store, due_only=True, now=tomorrow, count=50)
        asked = {pick.question.id: pick for pick in picks}
        assert faults_left | {bottleneck, drilled} <= set(asked)
        assert {asked[qid].reason for qid in faults_left | {bottleneck, drilled}} == {DUE}
        mine = [asked[qid] for qid in sorted(faults_left | {bottleneck, drilled})]
        right = [p.question.answers if p.question.type == "multi" else p.question.answer
                 for p in mine]  # fmt: skip
        run = run_quiz(mine, store, ScriptedAsker(right), Console(file=io.StringIO()),
                       clock=lambda: tomorrow)  # fmt: skip
        assert all(outcome.grade.correct for outcome in run.outcomes)
        still = {p.question.id for p in plan(load_curriculum(), store, due_only=True,
                                             now=tomorrow, count=50)}  # fmt: skip
        assert not (faults_left | {bottleneck, drilled}) & still


def test_a_fault_the_check_did_not_say_leaves_no_card() -> None:
    # Missing both the log and the matching engine, the trade flow has two findings of
    # the same kind and flow; the check says the first, and only that one is carded.
    trading = INTERVIEWS["stock-trading"]
    lines = ["trader -> lb -> app x2 : trade, quote", "app -> db x2 : trade, quote",
             "app -> cache : quote"]  # fmt: skip
    verdict = check(parse_text("\n".join(lines)), trading.design)
    said = [f.message for f in verdict.findings]
    found = [{"kind": f.kind, "blocks": list(f.blocks), "flows": list(f.flows),
              "message": f.message, "fix": f.fix} for f in verdict.findings]  # fmt: skip
    keys = learner_faults(trading, lines, found)
    assert keys == ["reach-trade-queue"]
    assert any("message queue" in message for message in said)
    assert not any("never reaches a worker" in message for message in said)
