"""A remark in brackets after a typed answer: one that restates the answer (the answer
again, a synonym, or the part the question's explanation names beside it) is no second
answer; one that names another part of the field is."""

from __future__ import annotations

import pytest

from sysdesign_cli.core.grading import grade_text
from sysdesign_cli.core.remarks import a_remark

TRUTH = ["source of truth", "single source of truth", "system of record", "SSOT"]
TRUTH_PROMPT = ("Term for the authoritative copy of the data: when it and a cache disagree, "
                "it is right.")  # fmt: skip
TRUTH_EXPLAINED = ("The source of truth, usually the database, is the copy everyone else "
                   "defers to. Caches and replicas are copies of it that may lag behind.")
LB = ["load balancer", "load balancing"]
LB_PROMPT = "Which block spreads incoming requests across the app servers?"
LB_EXPLAINED = "A load balancer spreads requests; a cache keeps answers in memory."


@pytest.mark.parametrize(
    ("typed", "right"),
    [("the source of truth (the database)", True), ("source of truth (the DB)", True),
     ("SSOT (source of truth)", True), ("source of truth (system of record)", True),
     ("the source of truth (kept forever)", True),
     ("the source of truth (the cache)", False), ("source of truth (maybe the database)", False),
     ("source of truth (or the cache)", False), ("the database", False)],
)  # fmt: skip
def test_a_bracket_naming_the_part_the_explanation_puts_beside_the_answer_is_a_remark(
    typed: str, right: bool
) -> None:
    grade = grade_text(typed, TRUTH, TRUTH_PROMPT, explanation=TRUTH_EXPLAINED)
    assert grade.correct is right, grade.feedback


def test_without_the_explanation_saying_so_the_part_in_brackets_is_a_second_answer() -> None:
    typed = "the source of truth (the database)"
    assert not grade_text(typed, TRUTH, TRUTH_PROMPT).correct
    elsewhere = "Caches and replicas defer to it. The database is usually the source of truth."
    assert not grade_text(typed, TRUTH, TRUTH_PROMPT, explanation=elsewhere).correct


@pytest.mark.parametrize(
    ("typed", "right"),
    [("a load balancer (LB)", True), ("LB (load balancer)", True),
     ("load balancer (load balancing)", True), ("a load balancer (the cache)", False),
     ("a load balancer (a CDN)", False)],
)  # fmt: skip
def test_a_bracket_restating_a_block_is_a_remark_and_another_block_a_second_answer(
    typed: str, right: bool
) -> None:
    assert grade_text(typed, LB, LB_PROMPT, explanation=LB_EXPLAINED).correct is right


def test_a_remark_is_read_on_its_own_words() -> None:
    assert a_remark("the database", TRUTH, TRUTH_EXPLAINED)
    assert not a_remark("the cache", TRUTH, TRUTH_EXPLAINED)
    assert not a_remark("the database?", TRUTH, TRUTH_EXPLAINED)
    assert a_remark("SSOT", TRUTH)


@pytest.mark.parametrize(
    ("explanation", "beside"),
    [("The source of truth, usually the database, is the copy others defer to.", True),
     ("The source of truth (the database) is the copy others defer to.", True),
     ("The source of truth - a database - is the copy others defer to.", True),
     ("The source of truth, i.e. the database, is the copy others defer to.", True),
     ("The source of truth: the database.", True),
     ("The source of truth, often, a database.", True),
     ("The source of truth is the database.", False),
     ("The source of truth the database keeps is the copy others defer to.", False),
     ("The source of truth usually the database keeps is the copy others defer to.", False),
     ("The source of truth, and the cache, and then the database.", False)],
)  # fmt: skip
def test_the_part_beside_the_answer_is_named_in_apposition_only(
    explanation: str, beside: bool
) -> None:
    assert a_remark("the database", TRUTH, explanation) is beside
