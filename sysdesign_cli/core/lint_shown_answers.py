"""The lint rules on numbers the learner sees: a prompt (or its format example) that shows
the answer, a tolerance wide enough to take in another figure the prompt gives, and what
one question shows once answered that answers the next."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

from sysdesign_cli.core.lint_findings import (
    LEAK_AHEAD,
    PROMPT_ANSWER,
    TOLERANCE_GIVEN,
    Finding,
    Item,
    finding,
)
from sysdesign_cli.core.loader import Curriculum
from sysdesign_cli.core.safe_text import quoted
from sysdesign_cli.core.text_numbers import Mention, answer_targets, mentions, restates
from sysdesign_cli.core.wording import ends_with_example_cue


def shown_prompt(step: Any) -> str:
    """The prompt as the learner sees it: an estimate adds its format example."""
    if step.kind == "estimate":
        from sysdesign_cli.core.estimate_inputs import FIGURE_UNITS

        keys = step.figures if hasattr(step, "figures") else [step.figure]
        return " ".join([step.prompt.strip(), *(f"({FIGURE_UNITS[key]})" for key in keys)])
    return step.prompt


def prompt_answer(item: Item) -> list[Finding]:
    targets = answer_targets(item.step)
    if not targets:
        return []
    prompt = shown_prompt(item.step)
    for mention in mentions(prompt):
        if restates(mention, targets):
            example = ends_with_example_cue(prompt[: mention.start])
            what = "a format example in the prompt" if example else "the prompt"
            return [finding(item, PROMPT_ANSWER, f"{what} shows the answer "
                            f"({quoted(mention.text)}): use another number, or none",
                            "prompt")]  # fmt: skip
    return []


def tolerance_takes_a_given(item: Item) -> list[Finding]:
    """A figure a number question's prompt writes in digits, other than the answer, is a
    wrong answer: typed back (a learner's slip, or a guess), a tolerance wide enough to
    take it in would grade it right. An error: the grader can never tell them apart."""
    step = item.step
    if step.kind != "question" or step.type != "number" or step.tolerance is None:
        return []
    from sysdesign_cli.core.givens import givens_of

    if not step.value:  # an answer of 0: no tolerance of it takes in another figure
        return []
    for figure in givens_of(step.prompt, tuple(step.givens or ())):
        value = figure.raw * step.unit_value  # typed bare, it is read in the question's unit
        gap = abs(value - step.value) / abs(step.value)
        # Digits alone, written whole in the prompt (not part of 1.5 or 62%).
        written = re.fullmatch(r"[\d.,]+", figure.text) and re.search(
            rf"(?<![\w.]){re.escape(figure.text)}(?![\w%]|[.,]\d)", step.prompt)
        if written and value != step.value and gap <= step.tolerance:
            return [finding(item, TOLERANCE_GIVEN, (
                f"the tolerance ({step.tolerance:.3g}) takes in {quoted(figure.text)}, a "
                "figure the prompt gives, so typing it back is graded right: make the "
                f"tolerance smaller than {gap:.3g}, or give that figure another value"),
                "tolerance", error=True)]  # fmt: skip
    return []


def _told_after(step: Any) -> list[Mention]:
    """Every number the learner sees once `step` is answered: explanation and working."""
    told = mentions(step.explanation)
    if step.kind == "estimate":
        from sysdesign_cli.core.estimate_grading import worked_until

        for line in worked_until(step.result(), step.figure):
            told += mentions(line.working)
    return told


def leaks_ahead(curriculum: Curriculum) -> list[Finding]:
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
                    f"once answered, this shows {quoted(leaked.text)}, the answer to the next "
                    f"question ({after.id}): move that figure after it",
                ))  # fmt: skip
    return found
