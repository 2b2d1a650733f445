"""Typed and free answers a fair expert grades one way and the tutor graded the other:
a synonym naming the word asked for, a description of the prompt that names nothing,
and a claim that codes never collide made of a method whose codes do."""

from __future__ import annotations

from typing import Any

import pytest

from sysdesign_cli.core.grading import grade_question
from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.core.rubric import CONTRADICTED, FOUND, assess

CURRICULUM = load_curriculum()
QUESTIONS = {step.id: step for lesson in CURRICULUM.lessons.values() for step in lesson.steps
             if step.kind == "question"}  # fmt: skip
STAGES = {stage.id: stage for exercise in CURRICULUM.exercises.values()
          for stage in exercise.stages}  # fmt: skip


@pytest.mark.parametrize(
    ("typed", "right"),
    [("horizontal scaling", True), ("scaling out", True), ("scale horizontally", True),
     ("scalability", True), ("more servers", False), ("add more servers", False),
     ("vertical scaling", False), ("not horizontal scaling", False), ("latency", False)],
)
def test_which_word_takes_a_synonym_but_not_the_prompt_described(typed: str, right: bool) -> None:
    assert grade_question(QUESTIONS["fw-match-scalability"], typed).correct is right


def test_a_description_is_still_a_name_where_the_prompt_asks_what_it_is_called() -> None:
    from sysdesign_cli.core.grading import grade_text

    prompt = "Adding more machines to share the load is called what?"
    assert grade_text("add more servers", ["horizontal scaling", "scaling out"], prompt).correct


def _collisions(answer: str) -> Any:
    findings = assess(answer, STAGES["us-code-generation"].rubric)
    return next(f.status for f in findings if f.point_id == "collisions")


@pytest.mark.parametrize(
    "answer",
    ["MD5 of the URL never collides and the same URL gets the same code",
     "it never collides and codes are unguessable",
     "codes never collide since we have 3.5 trillion of them, and they're unpredictable",
     "a random string never collides and nobody can guess it"],
)
def test_never_colliding_said_of_codes_that_can_collide_contradicts_the_point(
        answer: str) -> None:
    assert _collisions(answer) == CONTRADICTED


@pytest.mark.parametrize(
    "answer",
    ["auto-increment never collides and stays short, but codes are guessable",
     "a counter never collides, but every server must share the counter",
     "random codes can collide, so we check and retry"],
)
def test_collisions_weighed_truly_make_the_point(answer: str) -> None:
    assert _collisions(answer) == FOUND


@pytest.mark.parametrize(
    ("qid", "typed", "right"),
    [
        ("bb-sync-async", "synchronous, because the page does not wait for the answer", False),
        ("bb-sync-async", "synchronous, since the page waits for the provider's answer", True),
        ("bb-sync-async", "synchronous", True),
        ("bb-sync-async", "synchronous, the page can't show Paid until the provider answers",
         True),
        ("pp-viral-read", "the cache, because the first read does not fill the cache", False),
        ("pp-viral-read", "the cache, so the database isn't hit 50,000 times", True),
        ("bm-forgot-spof", "the postgres db with no replica", True),
        ("bb-traffic-cop", "a load balancer, it doesn't send traffic to servers that fail "
                           "health checks", True),
        ("rl-dns-job", "DNS, the browser doesn't know the IP address yet", True),
        ("ig-viral-post", "the CDN, so the app servers don't serve the image bytes", True),
        ("bb-replica-writes", "the primary, replicas don't accept writes", True),
        ("to-eventual-term", "eventual consistency, copies don't agree at every instant but "
                             "converge", True),
        # The reason told by what would happen without it denies nothing.
        ("bb-sync-async", "synchronous, because otherwise the user would not know whether "
                          "the payment went through", True),
        ("bb-sync-async", "synchronous; the user does not know whether the payment went "
                          "through otherwise", True),
        ("bb-sync-async", "synchronous: if it were async the user would not know whether "
                          "they paid", True),
    ],
)
def test_a_name_then_a_claim_denying_what_makes_it_right_is_wrong(
        qid: str, typed: str, right: bool) -> None:
    """The key word alone is right; a claim after it that denies of a subject what the
    question's explanation states of it (the page waits; the first read fills the cache)
    makes the answer wrong. A true claim with a negation in it (`replicas don't accept
    writes`, the explanation saying the primary does), or the prompt's own fact typed
    back, leaves it right."""
    assert grade_question(QUESTIONS[qid], typed).correct is right


def _offline(answer: str) -> Any:
    findings = assess(answer, STAGES["ch-offline"].rubric)
    return next(f.status for f in findings if f.point_id == "stored")


@pytest.mark.parametrize(
    ("answer", "status"),
    [
        ("the websocket server keeps it in memory until he reconnects, nothing is stored",
         CONTRADICTED),
        ("it's saved in the database and fetched when he reconnects", FOUND),
        ("the message isn't stored on the phone; the database stores it", FOUND),
    ],
)
def test_a_point_denied_outright_is_contradicted_whatever_else_shows_it(
        answer: str, status: str) -> None:
    """`nothing is stored` allows no exception, so `keeps it in memory` does not make the
    point; `not stored on the phone` leaves room for where it is stored."""
    assert _offline(answer) == status


def test_a_denial_the_rubric_words_as_a_point_or_the_state_a_fix_fixes_is_no_contradiction(
        ) -> None:
    rubric = STAGES["pb-improvement"].rubric
    for answer in ("pastes never expire so storage grows forever - add a TTL and a cleanup job",
                   "the database is a single point of failure, add a replica, nothing is "
                   "replicated today"):
        assert not any(f.status == CONTRADICTED for f in assess(answer, rubric)), answer
