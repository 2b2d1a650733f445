"""Right and wrong answers derived from the curriculum models, for the tests that drive lessons.

Shared by test_curricula, test_learn and test_pty_learn; not a test module itself.
"""

from __future__ import annotations

import re
from typing import Any

from sysdesign_cli.core.estimate_figures import format_figure
from sysdesign_cli.sessions.ask import shuffled


def right_answer(question: Any) -> Any:
    """What a learner who knows the answer gives, as the scripted asker takes it."""
    if question.kind == "estimate":
        return format_figure(question.figure, getattr(question.result(), question.figure))
    kind = question.type
    if kind == "choice":
        return question.answer
    if kind == "multi":
        return list(question.answers)
    if kind == "order":
        return list(question.items)
    if kind == "number":
        return str(question.answer)
    return question.accept[0]


def _far_off(text: str) -> str:
    """The answer 37x over: off by more than 10x, and not a figure a prompt gives (a prompt's
    own figures, such as "out of 1,000 requests", are refused rather than graded)."""
    match = re.match(r"^\s*([0-9][0-9.]*)\s*(.*)$", text)
    assert match, f"cannot scale {text!r}"
    return f"{float(match.group(1)) * 37:g} {match.group(2)}".strip()


def wrong_answer(question: Any) -> Any:
    """A plausible wrong answer: another choice, one right answer left out, the order
    reversed, a number 37x off, junk text."""
    if question.kind == "estimate":
        value = getattr(question.result(), question.figure)
        return f"{value * 100:g}"
    kind = question.type
    if kind == "choice":
        return next(choice for choice in question.choices if choice != question.answer)
    if kind == "multi":
        if len(question.answers) > 1:
            return list(question.answers[:-1])
        return [next(choice for choice in question.choices if choice not in question.answers)]
    if kind == "order":
        return list(reversed(question.items))
    if kind == "number":
        return _far_off(str(question.answer))
    return "zzqx wibble"


def plain_line(question: Any, answer: Any) -> str:
    """`answer` typed on one line the way the plain asker reads it: choices by number, in the
    order the session shows them."""
    if question.kind == "estimate" or question.type in ("number", "text"):
        return str(answer)
    if question.type == "order":
        shown = shuffled(question.items, question.id, avoid_same=True)
        return ",".join(str(shown.index(item) + 1) for item in answer)
    shown = shuffled(question.choices, question.id)
    if question.type == "choice":
        return str(shown.index(answer) + 1)
    return ",".join(str(shown.index(item) + 1) for item in answer)


def plain_script(lesson: Any, right: bool = True, start: int = 0) -> str:
    """Every answer a plain-mode session of `lesson` reads from step `start`, one per line
    (text steps read nothing when stdin is not a terminal)."""
    lines = []
    for step in lesson.steps[start:]:
        if step.kind in ("question", "estimate"):
            if right:
                lines.append(plain_line(step, right_answer(step)))
            else:
                # Wrong on every try: one try, plus one per hint.
                lines += [plain_line(step, wrong_answer(step))] * (len(step.hints) + 1)
    return "".join(line + "\n" for line in lines)
