"""Free answers against rubrics: what the tutor finds, what it judges contradicted, and the
self-assessed score, where a contradicted point never earns credit."""

from __future__ import annotations

from typing import Any

import pytest

from sysdesign_cli.core.answer_credit import credit
from sysdesign_cli.core.exercise_schema import Rubric
from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.core.rubric import (
    CONTRADICTED,
    FOUND,
    MISSING,
    NAMED,
    assess,
    found_fraction,
)

STAGES = {stage.id: stage for exercise in load_curriculum().exercises.values()
          for stage in exercise.stages}  # fmt: skip
IMPROVEMENT = STAGES["pb-improvement"].rubric
NO_LOST_TRADES = STAGES["st-no-lost-trades"].rubric


def statuses(answer: str, rubric: Any) -> dict[str, str]:
    return {f.point_id: f.status for f in assess(answer, rubric) if f.status != MISSING}


@pytest.mark.parametrize(
    ("answer", "found"),
    [
        pytest.param("The single database is a single point of failure; add a read replica.",
                     {"spof": FOUND, "replica": FOUND}, id="the-model-answer"),
        pytest.param("add a hot standby that we promote", {"spof": FOUND, "replica": FOUND},
                     id="a-standby-in-other-words"),
        pytest.param("pastes never expire, so add a TTL and a cleanup job",
                     {"expiry": FOUND, "ttl": FOUND}, id="another-right-answer"),
        pytest.param("no spof, no replica needed",
                     {"spof": CONTRADICTED, "replica": CONTRADICTED, "lone-box": CONTRADICTED},
                     id="negated-is-contradicted"),
        pytest.param("a viral paste floods us; put it behind a CDN",
                     {"viral": FOUND, "hot-cache": FOUND}, id="viral-pastes"),
        pytest.param("rewrite it in Go", {}, id="nothing-of-the-rubric"),
        pytest.param("", {}, id="empty"),
    ],
)  # fmt: skip
def test_what_the_tutor_finds(answer: str, found: dict[str, str]) -> None:
    assert statuses(answer, IMPROVEMENT) == found


def test_a_contradiction_in_an_order_of_words() -> None:
    """`acknowledge ... immediately` is said with words in between."""
    found = statuses("acknowledge the order immediately, write it to Kafka later", NO_LOST_TRADES)
    assert found["durable-first"] == CONTRADICTED


@pytest.mark.parametrize(
    ("answer", "complete"),
    [
        pytest.param("one db = spof, so replicate it to a standby", True, id="one-alternative"),
        pytest.param("the database is a single point of failure", False, id="half-of-one"),
        pytest.param("one database is a spof; add rate limiting", False, id="halves-of-two"),
    ],
)
def test_alternatives_each_make_a_whole_answer(answer: str, complete: bool) -> None:
    assert (found_fraction(IMPROVEMENT, assess(answer, IMPROVEMENT)) >= 1) is complete


def test_a_contradicted_point_never_earns_credit_even_if_ticked() -> None:
    findings = assess("no spof, no replica needed", IMPROVEMENT)
    assert credit(IMPROVEMENT, findings, confirmed={"spof", "replica"}).fraction == 0.0
    fine = assess("the db could die", IMPROVEMENT)
    assert credit(IMPROVEMENT, fine, confirmed={"spof", "replica"}).fraction == 1.0


def test_either_way_points_are_made_by_denials() -> None:
    rubric = STAGES["us-code-generation"].rubric
    found = statuses("random codes cannot be guessed, but they can collide", rubric)
    assert found == {"guessable": FOUND, "collisions": FOUND}


def test_a_rubric_names_only_its_own_points() -> None:
    with pytest.raises(ValueError, match="alternatives name points"):
        Rubric.model_validate({"points": [{"id": "a", "point": "A", "shows": ["a"]}],
                               "alternatives": [["a", "b"]]})  # fmt: skip
    with pytest.raises(ValueError, match="needed is 2"):
        Rubric.model_validate({"points": [{"id": "a", "point": "A", "shows": ["a"]}],
                               "needed": 2})  # fmt: skip


@pytest.mark.parametrize("stage_id", sorted(s for s in STAGES if hasattr(STAGES[s], "rubric")))
def test_every_model_answer_is_complete_and_contradicts_nothing(stage_id: str) -> None:
    stage = STAGES[stage_id]
    if stage.example is None:
        pytest.skip("no model answer")
    findings = assess(stage.example, stage.rubric)
    assert found_fraction(stage.rubric, findings) >= 1
    assert not [f for f in findings if f.status == CONTRADICTED]


@pytest.mark.parametrize("stage_id", sorted(s for s in STAGES if hasattr(STAGES[s], "rubric")))
def test_every_rubric_stage_has_escalating_hints_that_do_not_quote_the_model(stage_id: str) -> None:
    stage = STAGES[stage_id]
    assert 2 <= len(stage.hints) <= 3
    if stage.example:
        assert all(hint.lower() not in stage.example.lower() for hint in stage.hints)


@pytest.mark.parametrize(
    ("answer", "named"),
    [
        pytest.param("spof replica", True, id="two-key-words"),
        pytest.param("single database, and a replica", True, id="joined-by-and"),
        pytest.param("spof, so a replica", False, id="a-word-that-relates-them"),
        pytest.param("single database: replica with failover", False, id="with-makes-a-claim"),
    ],
)  # fmt: skip
def test_key_words_alone_name_points_without_making_them(answer: str, named: bool) -> None:
    found = statuses(answer, IMPROVEMENT)
    assert len(found) >= 2
    assert set(found.values()) == ({NAMED} if named else {FOUND})
    complete = found_fraction(IMPROVEMENT, assess(answer, IMPROVEMENT)) >= 1
    assert complete is not named


def test_one_key_word_answers_a_one_point_question() -> None:
    rubric = STAGES["pb-where-text"].rubric
    assert statuses("small", rubric) == {"size": FOUND}


FILLERS = ("fine", "ok", "okay", "good", "yes", "no", "sure", "it depends", "scale", "fast",
           "faster", "better", "cheap", "safe", "simple", "more", "works", "correct",
           "yes, it's fine", "that's ok", "it is good", "ok, fine", "sure, it works",
           "it depends on scale", "yes it is fine here")


def _every_rubric() -> dict[str, Any]:
    rubrics = {sid: stage.rubric for sid, stage in STAGES.items() if hasattr(stage, "rubric")}
    for interview in load_curriculum().interviews.values():
        for part in ("trade_off", "wrap_up"):
            stage = interview.stage(part)
            rubrics[stage.id] = stage.rubric
    return rubrics


def test_no_rubric_point_is_made_by_a_filler_word() -> None:
    """Every point of every shipped rubric needs its idea said: a filler answer (`fine`,
    `ok`, `it depends`, one word of a point's idea alone) makes none of them."""
    made = [(stage_id, filler, f.point_id)
            for stage_id, rubric in _every_rubric().items() for filler in FILLERS
            for f in assess(filler, rubric) if f.status == FOUND]  # fmt: skip
    assert made == []


@pytest.mark.parametrize(
    ("answer", "point"),
    [("the replica may lag a second, which is fine for pastes", "acceptable"),
     ("writes are faster and a second of lag is fine here", "acceptable"),
     ("a second of delay is ok for a paste site", "acceptable"),
     ("it's fine because nobody loses money over it", "acceptable")],
)  # fmt: skip
def test_acceptance_said_of_the_system_still_makes_the_point(answer: str, point: str) -> None:
    rubric = _every_rubric()["iv-pb-trade-off"]
    assert statuses(answer, rubric).get(point) == FOUND


def test_one_word_of_a_point_names_it_in_a_rubric_that_needs_two() -> None:
    rubric = _every_rubric()["iv-pb-trade-off"]
    assert rubric.needed >= 2
    assert statuses("faster", rubric) == {"fast-available": NAMED}
    assert statuses("it makes writes faster", rubric) == {"fast-available": FOUND}


def test_more_than_one_is_a_count_not_a_negation() -> None:
    rubric = STAGES["ps-spof"].rubric
    found = statuses("a replica that we promote, and app servers in more than one zone", rubric)
    assert found == {"app-servers": FOUND, "db-replica": FOUND, "redundant-rest": FOUND}


def test_the_review_says_key_words_alone_were_not_ticked() -> None:
    """KEEP takes the tutor's own ticks: none for a list of key words, and it says why."""
    import io

    from rich.console import Console

    from sysdesign_cli.sessions.scripted_asker import ScriptedAsker
    from sysdesign_cli.sessions.written import review

    out = io.StringIO()
    console = Console(file=out, width=200, color_system=None)
    result = review(ScriptedAsker([ScriptedAsker.KEEP]), console, IMPROVEMENT, "spof replica",
                    "model")  # fmt: skip
    assert "key words only" in out.getvalue() and '"spof"' in out.getvalue()
    assert result["fraction"] == 0 and result["fields"]["points_found"] == []
    out.truncate(0)
    result = review(ScriptedAsker([ScriptedAsker.KEEP]), console, IMPROVEMENT,
                    "the one database is a spof, so add a replica", "model")  # fmt: skip
    assert "key words only" not in out.getvalue()
    assert result["fraction"] == 1


def test_a_finding_that_wraps_keeps_its_indent() -> None:
    """In a narrow terminal a long finding wraps under its own first word, not at column 0,
    so the list still reads as a list."""
    import io

    from rich.console import Console

    from sysdesign_cli.sessions.scripted_asker import ScriptedAsker
    from sysdesign_cli.sessions.written import review

    out = io.StringIO()
    console = Console(file=out, width=40, color_system=None)
    review(ScriptedAsker([ScriptedAsker.KEEP]), console, IMPROVEMENT,
           "the one database is a spof, so add a replica", "model")  # fmt: skip
    lines = out.getvalue().splitlines()
    start = lines.index("What the tutor found in your answer:")
    listed = lines[start + 1 : lines.index(next(x for x in lines if x.startswith("A model")))]
    assert len(listed) > 2, "the findings wrap at 40 columns"
    assert all(line.startswith("  ") and line.strip() for line in listed)
    assert all(len(line) <= 40 for line in listed)


@pytest.mark.parametrize(
    ("answer", "named"),
    [
        pytest.param("cache primary replica", True, id="one-point-beside-other-names"),
        pytest.param("write it to the cache when the code is created", False, id="a-claim"),
        pytest.param("cache it", False, id="one-key-word-with-its-verb"),
    ],
)  # fmt: skip
def test_one_point_beside_names_of_the_field_is_still_a_list(answer: str, named: bool) -> None:
    """`cache primary replica` names the cache point's key word among two other names of
    the field: a list, not a way to stop a new link failing."""
    rubric = STAGES["us-fresh-codes"].rubric
    found = statuses(answer, rubric)
    assert found == {"cache-on-create": NAMED if named else FOUND}
    assert (found_fraction(rubric, assess(answer, rubric)) >= 1) is not named


@pytest.mark.parametrize(
    ("answer", "truth"),
    [
        pytest.param("the cache is fast enough and is the source of truth", CONTRADICTED,
                     id="more-said-of-the-subject-in-between"),
        pytest.param("the cache is fast and the db is the source of truth", FOUND,
                     id="another-part-in-between"),
        pytest.param("the cache is fast but never the source of truth", FOUND,
                     id="negated-in-between-denies-the-claim"),
        pytest.param("the cache is a copy and the row is the source of truth", FOUND,
                     id="a-new-subject-ends-the-reach"),
        pytest.param("the cache is a copy and postgres is the source of truth", FOUND,
                     id="a-new-named-subject-ends-the-reach"),
        pytest.param("a cache is fast whereas disk is durable", FOUND,
                     id="whereas-breaks-the-clause"),
        pytest.param("the cache is fast enough and is durable", CONTRADICTED,
                     id="and-is-keeps-the-subject"),
    ],
)  # fmt: skip
def test_a_claim_with_words_between_its_subject_and_what_it_says(answer: str, truth: str) -> None:
    assert statuses(answer, STAGES["pb-where-text"].rubric).get("truth") == truth


def test_an_article_after_a_verb_makes_a_sentence_not_a_list() -> None:
    rubric = STAGES["st-spike-queue"].rubric
    assert statuses("buffers the spike and keeps arrival order", rubric) == {
        "absorb": FOUND, "order": FOUND}  # fmt: skip
    assert set(statuses("buffer, spike, arrival order", rubric).values()) == {NAMED}


@pytest.mark.parametrize(
    ("answer", "spof", "complete"),
    [
        pytest.param("the load balancer is one box; run two LBs with failover", False, True,
                     id="failover-of-the-load-balancer"),
        pytest.param("the load balancer is a single point of failure, so add a second one",
                     False, True, id="a-spof-that-is-not-the-database"),
        pytest.param("the only app server is a single point of failure, add another one",
                     False, True, id="a-lone-app-server"),
        pytest.param("the db is a single point of failure; add failover", True, True,
                     id="the-database-named-in-the-clause"),
        pytest.param("one db = spof -> fail over to a second machine", True, True,
                     id="db-and-failover-in-one-clause"),
        pytest.param("add a hot standby that we promote", True, True, id="a-standby-is-a-database"),
        pytest.param("the load balancer is one box", False, False, id="a-weakness-without-a-fix"),
    ],
)  # fmt: skip
def test_a_point_about_the_database_needs_the_database_named(
    answer: str, spof: bool, complete: bool
) -> None:
    """Only an answer about the database makes the point that the database is the single
    point of failure; any lone box named with its second copy is a weakness and its fix, a
    whole answer to "one weakness of your design and its fix"."""
    findings = assess(answer, IMPROVEMENT)
    assert (statuses(answer, IMPROVEMENT).get("spof") == FOUND) is spof
    assert (found_fraction(IMPROVEMENT, findings) == 1.0) is complete
