"""Lint for lesson authors: what makes a question bad even when it loads.

Pure: a loaded `Curriculum` in, `Finding`s out. A finding names the lesson or exercise
(the key of `Curriculum.sources`) and the place inside it as a path of keys and indexes,
so the caller can turn it into a file and line. A question whose topic is not among its
lesson's topics is an error, and so is a tolerance that takes in a figure of the prompt
(`lint_shown_answers`); everything else is a warning (`validate --strict` fails on
warnings too). The rules live by what they look at: options' length (`lint_options`),
hints (`lint_hints`), numbers shown to the learner (`lint_shown_answers`), prompts as
questions of their own (`lint_prompts`); the ones on the curriculum as a whole are here.
"""

from __future__ import annotations

from collections.abc import Collection

from sysdesign_cli.core.curriculum import Lesson
from sysdesign_cli.core.exercise_schema import Exercise
from sysdesign_cli.core.lint_findings import (
    REFERENCE,
    REFERENCE_LOAD,
    TOPIC,
    Finding,
    Item,
    finding,
    graded_items,
)
from sysdesign_cli.core.lint_hints import hints, stage_hints
from sysdesign_cli.core.lint_options import longest
from sysdesign_cli.core.lint_prompts import context, duplicates
from sysdesign_cli.core.lint_shown_answers import (
    leaks_ahead,
    prompt_answer,
    tolerance_takes_a_given,
)
from sysdesign_cli.core.loader import Curriculum
from sysdesign_cli.core.safe_text import quoted


def lint(curriculum: Curriculum, scope: Collection[str] | None = None) -> list[Finding]:
    """Every finding in the curriculum, in teaching order; with `scope` (source keys such
    as "lesson:design-loop"), only those in it. Duplicates are looked for across the
    whole curriculum and reported in scope."""
    items = list(graded_items(curriculum))
    topics = {topic for lesson in curriculum.lessons.values() for topic in lesson.topics}
    found: list[Finding] = []
    for item in items:
        found += _topic(item, topics)
        found += longest(item)
        found += hints(item)
        found += stage_hints(item)
        found += context(item)
        found += prompt_answer(item)
        found += tolerance_takes_a_given(item)
    found += leaks_ahead(curriculum)
    found += _references(curriculum)
    found += _reference_loads(curriculum)
    found += duplicates(items, scope)
    found += _markdown(curriculum)
    return [each for each in found if scope is None or each.source in scope]


def _markdown(curriculum: Curriculum) -> list[Finding]:
    """Text drawn as Markdown uses only what the lessons' renderer draws (an error)."""
    from sysdesign_cli.core.markdown_check import MARKDOWN, drawn_texts, markdown_problems

    return [Finding(source, loc, MARKDOWN, f"Markdown not drawn: {problem}", error=True)
            for source, loc, text in drawn_texts(curriculum)
            for problem in markdown_problems(text)]  # fmt: skip


def _topic(item: Item, topics: set[str]) -> list[Finding]:
    topic = getattr(item.step, "topic", None)
    if topic is None:
        return []
    if isinstance(item.owner, Lesson) and topic not in item.owner.topics:
        listed = ", ".join(item.owner.topics)
        return [finding(item, TOPIC, f"topic {quoted(topic)} is not among the lesson's topics "
                        f"({listed}): add it to `topics:` or file the question under one of "
                        "them", "topic", error=True)]  # fmt: skip
    if isinstance(item.owner, Exercise) and topic not in topics:
        return [finding(item, TOPIC, f"topic {quoted(topic)} is not a topic of any lesson, so the "
                        "quiz and progress cannot place it", "topic", error=True)]  # fmt: skip
    return []


def _references(curriculum: Curriculum) -> list[Finding]:
    """An exercise's reference design must pass the checks it holds the learner to (an
    error: a learner who draws it would be marked down)."""
    from sysdesign_cli.core.graph.checks import check

    found = []
    for exercise in curriculum.ordered_exercises():
        if exercise.design is None:
            continue
        verdict = check(exercise.design.graph(), exercise.design)
        for problem in verdict.findings:
            found.append(Finding(f"exercise:{exercise.id}", ("design", "reference"), REFERENCE,
                                 f"the reference design fails its own checks: {problem.message} "
                                 f"({problem.fix})", error=True))  # fmt: skip
    return found


def _reference_loads(curriculum: Curriculum) -> list[Finding]:
    """A reference design shown as the model answer carries the peak its own file's
    estimate gives: no block past 100% busy (an error: it would teach the wrong design)."""
    from sysdesign_cli.core.reference_load import exercise_estimate, overloaded

    table = curriculum.references.get("capacity")
    if table is None:
        return []  # no capacity table loaded: nothing to measure with
    scenarios = [(f"exercise:{item.id}", item.design, exercise_estimate(item))
                 for item in curriculum.ordered_exercises()]
    scenarios += [(f"interview:{item.id}", item.design, item.estimate)
                  for item in curriculum.ordered_interviews()]  # fmt: skip
    return [Finding(source, ("design", "reference"), REFERENCE_LOAD, over.message, error=True)
            for source, design, estimate in scenarios
            if design is not None and estimate is not None
            for over in overloaded(design, estimate, table)]  # fmt: skip
