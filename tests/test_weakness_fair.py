"""Scoring a named weakness fairly to the design drawn: only a replica of the database
settles the database; one rule for the load balancer, the engine's; each point earned by
a sentence about its own block; a sharded database settles "shard it"; what the review
says is missing is what the design leaves open."""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

import pytest
from interview_answers import INTERVIEWS, round_script
from test_weakness_settled import KEEP, LB_ANSWER, key, lines_of, play_round, with_nginx

from sysdesign_cli.core.answer_credit import credit, shortfall
from sysdesign_cli.core.design_subject import lacking
from sysdesign_cli.core.graph.text import parse_text
from sysdesign_cli.core.interview_score import missed_points
from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.core.rubric import CONTRADICTED, FOUND, Finding, assess

# ------------------------------------------------------------------ a replica of what


def test_a_replica_of_a_cache_is_no_replica_of_the_database() -> None:
    cache_copy = parse_text("client -> app -> cache\napp -> db\ncache ~> cache2")
    assert lacking(cache_copy, ["replica"]) == ["replica"]
    queue_copy = parse_text("client -> app => kafka => worker -> db\nkafka ~> kafka2")
    assert lacking(queue_copy, ["replica"]) == ["replica"]
    both = parse_text("client -> app -> cache\napp -> db\ncache ~> cache2\ndb ~> standby")
    assert lacking(both, ["replica"]) == []
    named = parse_text("client -> app -> ledger\nledger ~> standby")  # a database by name
    assert lacking(named, ["replica"]) == []


# ------------------------------------------------------------------ what is missing


def rubric_of(**fields: Any) -> Any:
    return SimpleNamespace(**{"needed": 2, "half": [], "points": [], **fields})


def test_no_card_for_a_point_the_design_settles_even_when_every_answer_touches_one() -> None:
    """One whole answer, the database and its replica, on a design with a replica: there
    is nothing left to miss, so no card comes back (it brought back both)."""
    rubric = rubric_of(alternatives=[["spof", "replica"]])
    assert missed_points(rubric, [], [], settled=["spof", "replica"]) == []
    mixed = rubric_of(alternatives=[["spof", "replica"], ["spof", "shards"]])
    assert missed_points(mixed, [], [], settled=["spof", "replica"]) == ["shards"]
    assert missed_points(mixed, ["spof"], [], settled=[]) == ["replica"]


def test_what_is_missing_is_the_closest_answer_open_never_half_nor_settled() -> None:
    rubric = rubric_of(alternatives=[["spof", "replica"], ["expiry", "ttl"]],
                       half=[["lone-lb", "second-lb"]])  # fmt: skip
    assert shortfall(rubric, {"expiry"}) == [("ttl",)]
    assert shortfall(rubric, {"lone-lb", "second-lb"}) == [("spof", "replica"), ("expiry", "ttl")]
    assert shortfall(rubric, set(), settled={"spof", "replica"}) == [("expiry", "ttl")]
    assert shortfall(rubric, {"expiry", "ttl"}) == []
    assert shortfall(rubric, {"spof", "replica"}, settled={"spof", "replica"}) == [
        ("expiry", "ttl")]  # named, but settled: not made


def finding(point: str, status: str = FOUND) -> Finding:
    return Finding(point, point, status, point)


def test_credit_takes_settled_and_contradicted_points_away_once() -> None:
    rubric = rubric_of(alternatives=[["spof", "replica"], ["expiry", "ttl"]],
                       half=[["lone-lb", "second-lb"]])  # fmt: skip
    found = [finding("spof"), finding("replica"), finding("expiry"),
             finding("ttl", CONTRADICTED)]  # fmt: skip
    read = credit(rubric, found, {"spof": "db ~> replica", "replica": "db ~> replica"})
    assert [f.point_id for f in read.found] == ["expiry"]
    assert [f.point_id for f in read.settled_found] == ["spof", "replica"]
    assert read.counted == {"expiry"} and read.fraction == 0.5 and not read.half
    assert read.missing == (("ttl",),)
    ticked = credit(rubric, found, {"spof": "x"}, confirmed={"spof", "lone-lb", "second-lb"})
    assert ticked.counted == {"lone-lb", "second-lb"}
    assert ticked.fraction == 0.5 and ticked.half
    assert ticked.missing == (("expiry", "ttl"),)  # the replica's answer touches the settled


def wrap_up_round(interview: Any, design: list[str], answer: str, *,
                  hinted: bool = True) -> tuple[Any, Any, str]:  # fmt: skip
    """The round with `answer` for its wrap-up on `design` (kept after a hint when
    `hinted`): the wrap-up's result, the finished round, what was said."""
    stage = interview.wrap_up
    answers = [answer, *([""] if hinted else []), KEEP]
    finished, said = play_round(interview, round_script(
        interview, design=design, **{key(stage): answers}))
    return finished.results()["wrap_up"], finished, said


def not_made(said: str) -> str:
    line = said.rpartition("Your points (self-assessed): ")[2].partition("Time on this step")[0]
    assert line
    return line


@pytest.mark.parametrize("name", ["pastebin", "url-shortener"])
def test_the_not_made_line_lists_neither_settled_nor_half_points(name: str) -> None:
    interview = INTERVIEWS[name]
    rubric = interview.wrap_up.rubric
    texts = {point.id: point.point for point in rubric.points}
    # The reference: its database has a replica, its load balancer is managed.
    result, finished, said = wrap_up_round(interview, lines_of(interview),
                                           "It might break somehow.")  # fmt: skip
    line = not_made(said)
    assert "not made: one of (1) " in line
    feedback = " ".join(result.feedback)
    for point in ("spof", "replica", "lone-lb", "second-lb"):
        assert texts[point] not in line and texts[point] not in feedback, point
    cards = [card for card in finished.cards() if "-wrap-up-" in card]
    assert cards and not [c for c in cards if c.endswith(("-spof", "-replica", "-lb"))]
    # A load balancer you run, named with its fix: half, said so; no half point missing.
    result, _, said = wrap_up_round(interview, with_nginx(interview), LB_ANSWER)
    assert result.score == result.points / 2
    line = not_made(said)
    assert line.startswith("2 of 2 needed, an answer worth half; not made: one of (1) ")
    for point in ("spof", "replica", "lone-lb", "second-lb"):  # its database has a replica
        assert texts[point] not in line, point


# ------------------------------------------------------------------ each point, its own block

BLOCK_POINTS = {"lone-lb", "second-lb", "spof", "replica"}
# (answer, the points of BLOCK_POINTS it makes), as a fair expert reads it.
SAID_OF = [
    ("The one load balancer in front of the app servers is a single point of failure.",
     {"lone-lb"}),
    ("If the load balancer dies, nothing gets through.", {"lone-lb"}),
    ("There is only one load balancer, so it is a SPOF.", {"lone-lb"}),
    ("The app servers are a single point of failure behind the load balancer.", set()),
    ("Only one cache sits behind the load balancer.", set()),
    ("Add a second load balancer with failover.", {"second-lb"}),
    ("The load balancer is a single point of failure, so run two of them, active-passive "
     "with a floating IP.", {"lone-lb", "second-lb"}),
    ("The database behind the load balancer needs a replica with failover.", {"replica"}),
    ("Behind the load balancer, add a standby database and fail over to it.", {"replica"}),
    ("The single database is a single point of failure.", {"spof"}),
    ("The cache is a single point of failure in front of the database.", set()),
    ("Add a standby load balancer.", {"second-lb"}),
    ("The single database behind the load balancer is a single point of failure; add a "
     "replica with failover.", {"spof", "replica"}),
    ("Single point of failure in front of the app servers: the load balancer. Add a "
     "standby load balancer.", {"lone-lb", "second-lb"}),
    ("The database has one copy, so with the load balancer in front, it is a single point "
     "of failure. Add a replica.", {"spof", "replica"}),
]


@pytest.mark.parametrize("name", sorted(INTERVIEWS))
@pytest.mark.parametrize(("answer", "made"), SAID_OF, ids=range(len(SAID_OF)))
def test_a_point_about_a_block_is_made_by_a_sentence_about_that_block(
    name: str, answer: str, made: set[str]
) -> None:
    rubric = INTERVIEWS[name].wrap_up.rubric
    ids = {point.id for point in rubric.points}
    found = {f.point_id for f in assess(answer, rubric) if f.status == FOUND}
    assert found & BLOCK_POINTS == made & ids


def test_the_exercises_other_lone_box_is_made_of_its_own_blocks() -> None:
    exercise = load_curriculum().exercises["pastebin"]
    rubric = next(item for item in exercise.stages if item.kind == "free").rubric

    def found(answer: str) -> set[str]:
        return {f.point_id for f in assess(answer, rubric) if f.status == FOUND}

    assert "lone-box" in found("The one app server behind the load balancer is a single "
                               "point of failure.")  # fmt: skip
    assert found("The database behind the app servers is a single point of failure.") & {
        "spof", "lone-box"} == {"spof"}
    assert "second-box" not in found("The database behind the app servers needs a standby "
                                     "with failover.")  # fmt: skip


def test_a_pronoun_of_a_fix_is_the_block_spoken_of_not_one_that_qualifies_it() -> None:
    from sysdesign_cli.core.pronouns import resolve

    assert resolve("The database behind the app servers is a single point of failure, so "
                   "make it redundant.").endswith("make the database redundant.")
    assert resolve("The app servers send writes to the database; replicate it.").endswith(
        "replicate the database.")
    assert resolve("The load balancer in front of the app servers is a single point of "
                   "failure; add another one.").endswith("add another load balancer.")


# ------------------------------------------------------------------ a question's words


def test_a_question_says_primary_only_when_it_is_asked_of_a_design_with_a_replica() -> None:
    """A drill asked of the learner's design speaks of what it draws: "your primary
    database" on a design with one database speaks of a replica it does not have."""
    for interview in INTERVIEWS.values():
        for part in ("drill", "trade_off", "wrap_up"):
            stage = interview.stage(part)
            if "primary" in stage.prompt.lower():
                assert "replica" in stage.speaks_of and part != "drill", stage.id
    for exercise in load_curriculum().exercises.values():
        for stage in exercise.stages:
            if stage.kind == "drill":
                said = f"{stage.title} {stage.prompt}".lower()
                assert "primary" not in said, stage.id


# ------------------------------------------------------------------ a database split already

SHARD_ANSWERS = {
    "chat": "The database takes every message, more writes than one machine can handle; "
            "shard it by conversation.",
    "photo-sharing": "The database takes 86 million rows a day, more writes than one "
                     "machine can handle; shard it by user id.",
}


def unsharded(interview: Any) -> list[str]:
    lines = [re.sub(r" shards \d+", "", line) for line in lines_of(interview)]
    assert lines != lines_of(interview)
    return lines


@pytest.mark.parametrize("name", sorted(SHARD_ANSWERS))
def test_shard_the_database_earns_nothing_on_a_design_whose_database_is_split(name: str) -> None:
    interview = INTERVIEWS[name]
    result, _, said = wrap_up_round(interview, lines_of(interview), SHARD_ANSWERS[name])
    assert result.score == 0
    shards = next(line for line in lines_of(interview) if "-> db shards" in line or
                  "=> db shards" in line).split("shards ")[1].split()[0]  # fmt: skip
    why = f"db shards {shards} (its data split over {shards} machines)"
    assert f"not a weakness of your design, which already has {why}" in said
    assert any(line.startswith("not scored: ") and why in line for line in result.feedback)
    result, _, said = wrap_up_round(interview, unsharded(interview), SHARD_ANSWERS[name],
                                    hinted=False)  # fmt: skip
    assert result.score == result.points
    assert "its data split over" not in said


def test_a_split_databases_own_weakness_earns_full_marks_without_a_scolding() -> None:
    """Photo sharing's model answer: its shards fill up; add shards as they fill. It also
    says the words of sharding, which the design settles: no matter, the answer is whole."""
    interview = INTERVIEWS["photo-sharing"]
    stage = interview.wrap_up
    result, _, said = wrap_up_round(interview, lines_of(interview), stage.example,
                                    hinted=False)  # fmt: skip
    assert result.score == result.points
    assert {"shards-fill", "more-shards"} <= set(result.points_confirmed)
    review = said.rpartition("What the tutor found")[2]
    assert "earns nothing" not in review and "not scored" not in " ".join(result.feedback)


@pytest.mark.parametrize("answer", [
    "Add more shards so the system can grow.",
    "Use consistent hashing so the shards can grow.",
    "Add shards as they fill, moving rows over by user id.",
])  # fmt: skip
def test_a_fix_alone_names_no_weakness_of_the_split_database(answer: str) -> None:
    interview = INTERVIEWS["photo-sharing"]
    result, _, _ = wrap_up_round(interview, lines_of(interview), answer)
    assert "shards-fill" not in set(result.points_confirmed)
    assert result.score < result.points
