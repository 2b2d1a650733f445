"""A claim is a claim however short: `synchronous, the page doesn't wait` names the right
answer and denies what makes it right, in two words; a remark that denies nothing the
explanation states stays right."""

from __future__ import annotations

import pytest

from sysdesign_cli.core.grading import grade_question
from sysdesign_cli.core.loader import load_curriculum

QUESTIONS = {step.id: step for lesson in load_curriculum().lessons.values()
             for step in lesson.steps if step.kind == "question"}  # fmt: skip


@pytest.mark.parametrize(
    ("qid", "typed", "right"),
    [("bb-sync-async", "synchronous, the page doesn't wait", False),
     ("bb-sync-async", "sync, page never waits", False),
     ("bb-sync-async", "synchronous, the page waits", True),
     ("bb-sync-async", "synchronous, not async", True),
     ("bm-forgot-spof", "the db, not replicated", True),
     ("bm-forgot-spof", "the database, it has no replica", True)],
)
def test_a_two_word_claim_is_read(qid: str, typed: str, right: bool) -> None:
    assert grade_question(QUESTIONS[qid], typed).correct is right
