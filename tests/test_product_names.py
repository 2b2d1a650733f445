"""A product's shorthand in a typed answer: `S3` names object storage, the kind whose
name it has become; `ELB`/`ALB` name one cloud's load balancer, not the block."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from sysdesign_cli.core.grading import grade_question, grade_text
from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.core.product_names import product_shorthand


@cache
def _question(qid: str) -> Any:
    for lesson in load_curriculum().lessons.values():
        for step in lesson.steps:
            if getattr(step, "id", None) == qid:
                return step
    raise KeyError(qid)


@pytest.mark.parametrize("word", ["s3", "elb", "alb"])
def test_a_vendor_s_letters_for_a_part_of_the_field_are_a_product_s_shorthand(word: str) -> None:
    assert product_shorthand(word)


@pytest.mark.parametrize("word", ["dns", "db", "lb", "url", "p99", "k8s", "msec"])
def test_acronyms_clippings_and_shorthand_for_no_part_are_not_products(word: str) -> None:
    assert not product_shorthand(word)


@pytest.mark.parametrize("typed", ["ELB", "an ALB", "AWS ELB", "elbs", "the ELB"])
@pytest.mark.parametrize("qid", ["bb-traffic-cop", "rl-ip-owner", "bb-lb-examples"])
def test_a_load_balancer_product_alone_does_not_name_the_block(qid: str, typed: str) -> None:
    grade = grade_question(_question(qid), typed)
    assert not grade.correct
    assert "product" in grade.feedback


@pytest.mark.parametrize("typed", ["an ELB / load balancer", "load balancer (AWS ELB)",
                                   "a load balancer such as an ALB", "LB"])
def test_a_load_balancer_named_beside_its_product_is_right(typed: str) -> None:
    assert grade_question(_question("bb-traffic-cop"), typed).correct


@pytest.mark.parametrize("typed", ["S3", "in S3", "an S3 bucket", "object storage like S3"])
def test_s3_names_the_kind_of_store_where_the_question_asks_for_it(typed: str) -> None:
    assert grade_question(_question("bm-blobs-in-db"), typed).correct
    # Also for a question that lists only the generic name: S3 is that kind's name.
    assert grade_text(typed, ["object storage"],
                      "Where do you keep huge blobs such as photos, fetched by key?").correct


@pytest.mark.parametrize("typed", ["S3", "in S3"])
def test_s3_is_no_answer_where_another_part_is_asked(typed: str) -> None:
    assert not grade_question(_question("bb-traffic-cop"), typed).correct
    assert not grade_text(typed, ["database"], "Which block keeps the paste rows?").correct


def test_a_product_a_question_lists_by_name_is_right_there() -> None:
    accepted = ["managed load balancer", "ELB", "ALB"]
    prompt = "Which AWS service would you pick to spread requests across EC2 instances?"
    assert grade_text("ELB", accepted, prompt).correct
    assert grade_text("an ALB", accepted, prompt).correct
    assert not grade_text("ELB", ["load balancer"], prompt).correct
