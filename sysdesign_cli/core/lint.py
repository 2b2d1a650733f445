"""Lint for lesson authors: what makes a question bad even when it loads.

Pure: a loaded `Curriculum` in, `Finding`s out. A finding names the lesson or exercise
(the key of `Curriculum.sources`) and the place inside it as a path of keys and indexes,
so the caller can turn it into a file and line. A question whose topic is not among its
lesson's topics is an error; everything else is a warning (`validate --strict` fails on
warnings too).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from sysdesign_cli.core.curriculum import Lesson
from sysdesign_cli.core.exercise_schema import Exercise
from sysdesign_cli.core.loader import Curriculum
from sysdesign_cli.core.text_numbers import Mention, answer_targets, mentions, restates
from sysdesign_cli.core.wording import (
    contains_phrase,
    counts_options,
    ends_with_example_cue,
    leans_on_lesson,
    near_duplicate,
    shape,
    spells_answer,
)

# Rule names, as printed after each finding.
TOPIC = "topic-not-in-lesson"
LONGEST = "longest-option"
HINT_ANSWER = "hint-gives-answer"
HINT_COUNT = "hint-counts-options"
CONTEXT = "needs-context"
DUPLICATE = "near-duplicate"
PROMPT_ANSWER = "prompt-shows-answer"
LEAK_AHEAD = "leaks-next-answer"
STAGE_HINTS = "stage-hints"
REFERENCE = "reference-fails-checks"
REFERENCE_LOAD = "reference-over-capacity"
STAGE_MIN_HINTS = 2  # every exercise stage: vague, then specific

# "Conspicuously the longest": longer than every other option by a clear margin in both
# characters and words, the way a reader skimming the options would notice it.
LONGEST_RATIO = 1.2
LONGEST_MIN_CHARS = 10
LONGEST_MIN_WORDS = 2


@dataclass(frozen=True)
class Finding:
    """One thing an author should fix, where it is, and which rule found it."""

    source: str  # "lesson:<id>" or "exercise:<id>"
    loc: tuple[str | int, ...]  # e.g. ("steps", 3, "hints", 0)
    rule: str
    message: str
    error: bool = False


@dataclass(frozen=True)
class Item:
    """A graded item (question, estimate or exercise stage) and where it sits."""

    source: str
    loc: tuple[str | int, ...]
    step: Any
    owner: Lesson | Exercise


def graded_items(curriculum: Curriculum) -> Iterator[Item]:
    """Every graded item: lesson questions and estimates, then exercise stages."""
    for lesson in curriculum.ordered_lessons():
        for index, step in enumerate(lesson.steps):
            if step.kind in ("question", "estimate"):
                yield Item(f"lesson:{lesson.id}", ("steps", index), step, lesson)
    for exercise in curriculum.ordered_exercises():
        for index, stage in enumerate(exercise.stages):
            yield Item(f"exercise:{exercise.id}", ("stages", index), stage, exercise)


def lint(curriculum: Curriculum, scope: Collection[str] | None = None) -> list[Finding]:
    """Every finding in the curriculum, in teaching order; with `scope` (source keys such
    as "lesson:design-loop"), only those in it. Duplicates are looked for across the
    whole curriculum and reported in scope."""
    items = list(graded_items(curriculum))
    topics = {topic for lesson in curriculum.lessons.values() for topic in lesson.topics}
    found: list[Finding] = []
    for item in items:
        found += _topic(item, topics)
        found += _longest(item)
        found += _hints(item)
        found += _stage_hints(item)
        found += _context(item)
        found += _prompt_answer(item)
    found += _leaks_ahead(curriculum)
    found += _references(curriculum)
    found += _reference_loads(curriculum)
    found += _duplicates(items, scope)
    found += _markdown(curriculum)
    return [finding for finding in found if scope is None or finding.source in scope]


def _markdown(curriculum: Curriculum) -> list[Finding]:
    """Text drawn as Markdown uses only what the lessons' renderer draws (an error)."""
    from sysdesign_cli.core.markdown_check import MARKDOWN, drawn_texts, markdown_problems

    return [Finding(source, loc, MARKDOWN, f"Markdown not drawn: {problem}", error=True)
            for source, loc, text in drawn_texts(curriculum)
            for problem in markdown_problems(text)]  # fmt: skip


def _finding(
    item: Item, rule: str, message: str, *field: str | int, error: bool = False
) -> Finding:
    return Finding(item.source, item.loc + field, rule, message, error)


def _options(step: Any) -> tuple[list[str], list[str]] | None:
    """(choices, right ones) for a choice, multi or choose step; None otherwise."""
    if step.kind == "question" and step.type == "choice":
        return list(step.choices), [step.answer]
    if (step.kind == "question" and step.type == "multi") or step.kind == "choose":
        return list(step.choices), list(step.answers)
    return None


# ---------------------------------------------------------------- rules


def _topic(item: Item, topics: set[str]) -> list[Finding]:
    topic = getattr(item.step, "topic", None)
    if topic is None:
        return []
    if isinstance(item.owner, Lesson) and topic not in item.owner.topics:
        listed = ", ".join(item.owner.topics)
        return [_finding(item, TOPIC, f"topic {topic!r} is not among the lesson's topics "
                         f"({listed}): add it to `topics:` or file the question under one of "
                         "them", "topic", error=True)]  # fmt: skip
    if isinstance(item.owner, Exercise) and topic not in topics:
        return [_finding(item, TOPIC, f"topic {topic!r} is not a topic of any lesson, so the "
                         "quiz and progress cannot place it", "topic", error=True)]  # fmt: skip
    return []


def conspicuously_longer(long: str | float, short: str | float, words_apart: float) -> bool:
    """`long` is longer than `short` by a margin a skimming reader notices."""
    a = len(long) if isinstance(long, str) else long
    b = len(short) if isinstance(short, str) else short
    clear = a - b >= LONGEST_MIN_CHARS and words_apart >= LONGEST_MIN_WORDS
    return clear and a >= LONGEST_RATIO * b


def _longest(item: Item) -> list[Finding]:
    options = _options(item.step)
    if options is None:
        return []
    choices, right = options
    wrong = [choice for choice in choices if choice not in right]
    if not wrong:
        return []
    if len(right) == 1:
        answer = right[0]
        runner = max(wrong, key=len)
        if conspicuously_longer(answer, runner, len(answer.split()) - len(runner.split())):
            return [_finding(item, LONGEST, f"the right option is conspicuously the longest "
                             f"({len(answer)} characters against {len(runner)}): make the "
                             "others as long and specific, or the answer plainer",
                             "answer" if item.step.kind == "question" and item.step.type ==
                             "choice" else "answers")]  # fmt: skip
        return []

    def mean(values: list[int]) -> float:
        return sum(values) / len(values)

    right_chars, wrong_chars = mean([len(c) for c in right]), mean([len(c) for c in wrong])
    apart = mean([len(c.split()) for c in right]) - mean([len(c.split()) for c in wrong])
    if conspicuously_longer(right_chars, wrong_chars, apart):
        return [_finding(item, LONGEST, f"the right options are conspicuously longer than the "
                         f"wrong ones ({right_chars:.0f} characters on average against "
                         f"{wrong_chars:.0f}): even them out", "answers")]  # fmt: skip
    return []


def _accepted(step: Any) -> list[str]:
    """The phrases a hint must not contain: accepted answers and short right options."""
    if step.kind == "question" and step.type == "text":
        return list(step.accept)
    options = _options(step)
    if options is None:
        return []
    choices, right = options
    wrong = [choice for choice in choices if choice not in right]
    # A right option that is also inside a wrong one tells nothing when a hint says it.
    return [answer for answer in right if not any(contains_phrase(w, answer) for w in wrong)]


def _hints(item: Item) -> list[Finding]:
    step = item.step
    found: list[Finding] = []
    accepted = _accepted(step)
    targets = answer_targets(step)
    many = _options(step) is not None and (
        (step.kind == "question" and step.type == "multi") or step.kind == "choose"
    )
    for index, hint in enumerate(step.hints):
        given = next((phrase for phrase in accepted if contains_phrase(hint, phrase)), None)
        if given is None:
            given = next((m.text for m in mentions(hint) if restates(m, targets)), None)
        if given is None and accepted:
            given = spells_answer(hint, accepted)
        if given is not None:
            found.append(_finding(item, HINT_ANSWER, f"the hint gives the answer away "
                                  f"({given!r}): point towards it instead", "hints",
                                  index))  # fmt: skip
        if many and (counted := counts_options(hint)):
            found.append(_finding(item, HINT_COUNT, f"the hint tells how many options are "
                                  f"right ({counted!r}): that turns recall into counting",
                                  "hints", index))  # fmt: skip
    return found


def _stage_hints(item: Item) -> list[Finding]:
    """An exercise stage is worked at alone: it gets hints, vague first, specific last."""
    if not isinstance(item.owner, Exercise) or len(item.step.hints) >= STAGE_MIN_HINTS:
        return []
    return [_finding(item, STAGE_HINTS, f"an exercise stage has {len(item.step.hints)} hint"
                     f"{'s' if len(item.step.hints) != 1 else ''}: give it {STAGE_MIN_HINTS} or "
                     "3, the vague one first, none stating the answer", "hints")]  # fmt: skip


def _references(curriculum: Curriculum) -> list[Finding]:
    """An exercise's reference design must pass the checks it holds the learner to (an
    error: a learner who draws it would be marked down)."""
    from sysdesign_cli.core.graph.checks import check

    found = []
    for exercise in curriculum.ordered_exercises():
        if exercise.design is None:
            continue
        verdict = check(exercise.design.graph(), exercise.design)
        for finding in verdict.findings:
            found.append(Finding(f"exercise:{exercise.id}", ("design", "reference"), REFERENCE,
                                 f"the reference design fails its own checks: {finding.message} "
                                 f"({finding.fix})", error=True))  # fmt: skip
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


def _context(item: Item) -> list[Finding]:
    """A lesson question is also asked in `sysdesign quiz`, away from the steps before it."""
    if not isinstance(item.owner, Lesson) or getattr(item.step, "context", None):
        return []
    leaning = leans_on_lesson(item.step.prompt)
    if leaning is None:
        return []
    return [_finding(item, CONTEXT, f"the prompt leans on its lesson ({leaning!r}) but "
                     "is also asked on its own in the quiz: say what it refers to, or add a "
                     "`context:`", "prompt")]  # fmt: skip


def shown_prompt(step: Any) -> str:
    """The prompt as the learner sees it: an estimate adds its format example."""
    if step.kind == "estimate":
        from sysdesign_cli.core.estimate_inputs import FIGURE_UNITS

        keys = step.figures if hasattr(step, "figures") else [step.figure]
        return " ".join([step.prompt.strip(), *(f"({FIGURE_UNITS[key]})" for key in keys)])
    return step.prompt


def _prompt_answer(item: Item) -> list[Finding]:
    targets = answer_targets(item.step)
    if not targets:
        return []
    prompt = shown_prompt(item.step)
    for mention in mentions(prompt):
        if restates(mention, targets):
            example = ends_with_example_cue(prompt[: mention.start])
            what = "a format example in the prompt" if example else "the prompt"
            return [_finding(item, PROMPT_ANSWER, f"{what} shows the answer ({mention.text!r}):"
                             " use another number, or none", "prompt")]  # fmt: skip
    return []


def _told_after(step: Any) -> list[Mention]:
    """Every number the learner sees once `step` is answered: explanation and working."""
    told = mentions(step.explanation)
    if step.kind == "estimate":
        from sysdesign_cli.core.estimate_grading import worked_until

        for line in worked_until(step.result(), step.figure):
            told += mentions(line.working)
    return told


def _leaks_ahead(curriculum: Curriculum) -> list[Finding]:
    """What one question shows after it is answered must not answer the next one."""
    found: list[Finding] = []
    for lesson in curriculum.ordered_lessons():
        graded = [(i, s) for i, s in enumerate(lesson.steps) if s.kind in ("question", "estimate")]
        for (index, step), (_, after) in pairwise(graded):
            targets = answer_targets(after)
            leaked = next((m for m in _told_after(step) if restates(m, targets)), None)
            if targets and leaked is not None:
                found.append(Finding(
                    f"lesson:{lesson.id}", ("steps", index, "explanation"), LEAK_AHEAD,
                    f"once answered, this shows {leaked.text!r}, the answer to the next "
                    f"question ({after.id}): move that figure after it",
                ))  # fmt: skip
    return found


def _duplicates(items: list[Item], scope: Collection[str] | None) -> list[Finding]:
    """Questions that ask the same thing twice, reported at the later one (or at the one in
    scope). Exercise stages other than questions follow a template on purpose and are asked
    only in their exercise."""
    asked = [item for item in items if item.step.kind in ("question", "estimate")]
    shapes = [shape(item.step.prompt) for item in asked]
    found: list[Finding] = []
    for later, item in enumerate(asked):
        for earlier, other in enumerate(asked[:later]):
            if not near_duplicate(shapes[earlier], shapes[later]):
                continue
            here, there = item, other
            if scope is not None and item.source not in scope:
                here, there = other, item
            found.append(_finding(here, DUPLICATE, f"the prompt nearly repeats "
                                  f"{there.step.id!r}: ask something else, or drop one",
                                  "prompt"))  # fmt: skip
            break
    return found
