"""The shipped lessons, checked like code: every question answerable right and wrong, and the
content rules the lessons keep (in the spirit of rustlings' `dev check`)."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from curriculum_answers import right_answer, wrong_answer
from rich.console import Console

from sysdesign_cli.core.grading import grade_question
from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.sessions.ask import ask, grade_any
from sysdesign_cli.sessions.scripted_asker import ScriptedAsker

CURRICULUM = load_curriculum()
QUESTIONS = [step for step, _ in CURRICULUM.questions().values()]
SYLLABUS = Path("/work/shared/SYLLABUS.md")


def by_question(questions: list[Any] = QUESTIONS) -> list[Any]:
    return [pytest.param(question, id=question.id) for question in questions]


def console() -> Console:
    return Console(file=io.StringIO(), width=100, color_system=None)


# ---------------------------------------------------------------- right and wrong


@pytest.mark.parametrize("question", by_question())
def test_right_answer_grades_right(question: Any) -> None:
    grade, working = grade_any(question, right_answer(question))
    assert grade.correct, grade.feedback
    assert grade.score == 1.0
    if question.kind == "estimate":
        assert working, "an estimate shows its derivation"
    else:
        assert grade_question(question, right_answer(question)).correct


@pytest.mark.parametrize("question", by_question())
def test_wrong_answer_grades_wrong(question: Any) -> None:
    grade, _ = grade_any(question, wrong_answer(question))
    assert not grade.correct, grade.feedback
    assert grade.score < 1.0
    assert grade.expected  # the right answer is shown after a miss


@pytest.mark.parametrize("question", by_question())
def test_right_first_try_through_the_asker(question: Any) -> None:
    asker = ScriptedAsker([right_answer(question)])
    out = console()
    outcome = ask(question, asker, out)
    assert outcome.grade.correct and outcome.first_try
    assert outcome.hints_used == 0
    assert asker.answers == []  # asked exactly once
    text = out.file.getvalue()
    assert "✓" in text and "Hint:" not in text
    # The explanation is shown after a right answer too (its first line, as wrapped).
    assert " ".join(question.explanation.split())[:40] in " ".join(text.split())


@pytest.mark.parametrize("question", by_question())
def test_wrong_every_try_through_the_asker(question: Any) -> None:
    tries = len(question.hints) + 1
    asker = ScriptedAsker([wrong_answer(question)] * tries)
    out = console()
    outcome = ask(question, asker, out)
    assert not outcome.grade.correct and not outcome.first_try
    assert outcome.hints_used == len(question.hints)
    assert asker.answers == []  # one try per hint, plus the first
    text = " ".join(out.file.getvalue().split())
    assert "✗" in text and "The answer:" in text
    # A diagnosed slip may take a hint's place (the hint follows the mistake); the question's
    # own hints still come in order, vague to specific.
    shown = [hint for hint in question.hints if " ".join(hint.split()) in text]
    if getattr(question, "type", "") == "multi":
        # The hint speaks to the mistake (test_asker): a wrong tick is named; a short list
        # gets every hint, in the order that fits what it left out.
        ticked = [c for c in wrong_answer(question) if c not in question.answers]
        if ticked:
            assert f'"{ticked[0]}" is not one of them' in text
        else:
            assert shown == list(question.hints)
        return
    assert shown == question.hints[: len(shown)] and len(shown) >= len(question.hints) - 1
    positions = [text.index(" ".join(hint.split())) for hint in shown]
    assert positions == sorted(positions), "hints come in order, vague to specific"


@pytest.mark.parametrize("question", by_question())
def test_wrong_then_right_uses_one_hint(question: Any) -> None:
    if not question.hints:
        pytest.skip("no hints: one try only")
    asker = ScriptedAsker([wrong_answer(question), right_answer(question)])
    outcome = ask(question, asker, console())
    assert outcome.grade.correct and not outcome.first_try
    assert outcome.hints_used == 1


# ---------------------------------------------------------------- content rules


def test_enough_questions() -> None:
    assert len(QUESTIONS) >= 120


def test_question_ids_are_unique_across_lessons() -> None:
    ids = [step.id for lesson in CURRICULUM.ordered_lessons() for step in lesson.questions()]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("question", by_question())
def test_question_content(question: Any) -> None:
    assert question.explanation.strip(), "explanation must teach"
    assert len(question.explanation.split()) >= 8, "an explanation is more than a restatement"
    assert len(question.hints) <= 3
    assert len(set(question.hints)) == len(question.hints)
    assert question.prompt.strip()
    if question.kind == "question" and question.type in ("choice", "multi"):
        wrong = (
            set(question.choices) - {question.answer}
            if question.type == "choice"
            else set(question.choices) - set(question.answers)
        )
        assert wrong, "a choice question needs at least one wrong choice"


@pytest.mark.parametrize(
    "lesson", [pytest.param(lesson, id=lesson.id) for lesson in CURRICULUM.ordered_lessons()]
)
def test_lesson_topics_cover_its_questions(lesson: Any) -> None:
    assert {step.topic for step in lesson.questions()} <= set(lesson.topics)


@pytest.mark.parametrize(
    "lesson", [pytest.param(lesson, id=lesson.id) for lesson in CURRICULUM.ordered_lessons()]
)
def test_a_question_after_every_idea(lesson: Any) -> None:
    """The rule the lessons keep: at most two text/table steps before a question (a tree may
    follow them to draw what they said), the lesson opens by teaching and ends by asking."""
    assert lesson.steps[0].kind in ("text", "table", "tree")
    assert lesson.steps[-1].kind in ("question", "estimate")
    run: list[str] = []
    for index, step in enumerate(lesson.steps, 1):
        if step.kind in ("question", "estimate"):
            run = []
            continue
        run.append(step.kind)
        where = f"{lesson.id} step {index}: {run}"
        assert sum(kind != "tree" for kind in run) <= 2, where
        assert run.count("tree") <= 1, where


def _glossary_terms() -> list[str]:
    section = SYLLABUS.read_text(encoding="utf-8").split("## 13. Glossary", 1)[1]
    body = section.split("\n", 1)[1].split("\n## ", 1)[0]
    terms: list[str] = []
    for item in re.split(r",|\bplus\b", " ".join(body.split())):
        item = item.strip().rstrip(".")
        if " / " in item:  # "cache hit / miss": both; "read-heavy / write-heavy": both
            first, second = (part.strip() for part in item.split(" / "))
            if " " in first and " " not in second:
                second = f"{first.rsplit(' ', 1)[0]} {second}"
            terms += [first, second]
        elif item:
            terms.append(item)
    return terms


def _question_text(question: Any) -> str:
    parts = [question.prompt, question.explanation, *question.hints]
    for name in ("choices", "answers", "items", "accept"):
        parts += [str(item) for item in getattr(question, name, None) or []]
    return " ".join(parts)


# SYLLABUS.md section 13, kept here so the check runs where the syllabus is not checked out.
GLOSSARY = [
    "system", "synchronous", "asynchronous", "source of truth", "cache hit", "cache miss",
    "single point of failure", "stateless server", "p99 latency", "QPS", "nines",
    "read-heavy", "write-heavy", "latency", "throughput", "availability", "scalability",
    "reliability", "CAP", "eventual consistency", "read replica", "horizontal scaling", "CDN",
    "message queue", "object storage",
]  # fmt: skip


@pytest.mark.skipif(not SYLLABUS.exists(), reason="the syllabus lives beside the repo")
def test_glossary_list_matches_the_syllabus() -> None:
    assert _glossary_terms() == GLOSSARY


@pytest.mark.parametrize("term", GLOSSARY)
def test_every_glossary_term_is_asked_about(term: str) -> None:
    pattern = re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])", re.IGNORECASE)
    assert any(pattern.search(_question_text(question)) for question in QUESTIONS), term


def test_the_syllabus_sections_have_lessons() -> None:
    titles = " ".join(lesson.title.lower() for lesson in CURRICULUM.ordered_lessons())
    for words in ("system", "altitudes", "request", "building blocks", "four words",
                  "nines", "estimation", "numbers", "instagram", "trade-offs", "interviews",
                  "mistakes", "glossary"):  # fmt: skip
        assert words in titles, words


def test_trees_draw_the_request_paths() -> None:
    trees = {lesson.id: [step for step in lesson.steps if step.kind == "tree"]
             for lesson in CURRICULUM.ordered_lessons()}  # fmt: skip
    assert trees["request-lifecycle"], "the request lifecycle is drawn"
    assert len(trees["instagram-photo"]) >= 2, "upload and view paths are drawn"
    branches = {child.branch for step in trees["request-lifecycle"]
                for child in _nodes(step.root)}  # fmt: skip
    assert {"hit", "miss"} <= branches


def _nodes(node: Any) -> list[Any]:
    return [node] + [deeper for child in node.children for deeper in _nodes(child)]


def test_numbers_lesson_has_reference_tables_with_sources() -> None:
    tables = [step for lesson in CURRICULUM.ordered_lessons() for step in lesson.steps
              if step.kind == "table" and step.reference]  # fmt: skip
    headings = {step.reference for step in tables}
    assert {"Latency ladder", "Powers of two", "Time", "Availability in nines"} <= headings
    for step in tables:
        assert step.source and step.year, step.title


def test_every_question_kind_is_used() -> None:
    kinds = {step.type if step.kind == "question" else "estimate" for step in QUESTIONS}
    assert kinds == {"choice", "multi", "order", "number", "text", "estimate"}


def test_the_request_lifecycle_does_not_call_connecting_one_building_block() -> None:
    """Connecting is a TCP (and TLS) handshake between the browser and the load balancer,
    not the work of one block; the intro says so instead of `each stage is one block`."""
    intro = CURRICULUM.lessons["request-lifecycle"].steps[0].body
    assert "Each stage is one building block" not in intro
    assert "connecting is a handshake between the browser and the load balancer" in " ".join(
        intro.split())
