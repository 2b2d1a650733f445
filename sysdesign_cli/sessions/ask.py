"""Asking one question: the prompt, the learner's tries, hints, the grade, the explanation.

Shared by lessons, quizzes and exercises so every question behaves the same way.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from rich.console import Console
from rich.markup import escape

from sysdesign_cli.core.bands import Band
from sysdesign_cli.core.estimate import (
    FIGURE_UNITS,
    LABELS,
    check,
    format_figure,
    is_bare_size,
    parse_figure,
    worked_until,
)
from sysdesign_cli.core.grading import (
    Grade,
    expected_text,
    grade_number,
    grade_question,
    read_number,
)
from sysdesign_cli.core.quantities import QuantityError
from sysdesign_cli.sessions.asker import Asker

_DIM_WORDS = {
    "count": "a number, e.g. 3,000 or 3M",
    "rate": "a rate, e.g. 250 or 250/s",
    "bytes": "a size, e.g. 20 GB",
    "byte rate": "a bandwidth, e.g. 4 MB/s",
    "duration": "a duration, e.g. 2.5 h or 90 min",
    "percent": "a percentage, e.g. 99.5",
}


@dataclass(frozen=True)
class Outcome:
    """How the learner did on one question."""

    question_id: str
    topic: str
    grade: Grade  # the final try's grade
    first_try: bool  # right with no hint
    hints_used: int
    tries: int
    response: str  # the last answer, as typed or picked
    seconds: float  # time to the final answer


def shuffled(items: list[str], seed: str, avoid_same: bool = False) -> list[str]:
    """A stable shuffle per question, so a retry and a resumed session show one order."""
    order = list(items)
    random.Random(seed).shuffle(order)
    if avoid_same and order == list(items) and len(items) > 1:
        order = order[1:] + order[:1]
    return order


def sentence(text: str) -> str:
    """`it is empty` -> `It is empty`: messages shown on their own start with a capital."""
    return text[:1].upper() + text[1:]


def figure_validator(key: str) -> Callable[[str], str | None]:
    """Checks a typed figure for estimate `key` parses; returns what to fix, or None."""

    def validate(text: str) -> str | None:
        try:
            parse_figure(key, text)
        except QuantityError as error:
            return f"{sentence(str(error))}. Give {FIGURE_UNITS[key]}."
        return None

    return validate


def _answer_for(question: Any, asker: Asker, prompt: str) -> Any:
    """Ask `question` once through the asker; returns what the grader takes."""
    if question.kind == "estimate":
        return asker.text(prompt, validate=figure_validator(question.figure))
    kind = question.type
    if kind == "choice":
        return asker.select(prompt, shuffled(question.choices, question.id))
    if kind == "multi":
        return asker.checkbox(prompt, shuffled(question.choices, question.id))
    if kind == "order":
        return asker.order(prompt, shuffled(question.items, question.id, avoid_same=True))
    if kind == "number":

        def valid_number(text: str) -> str | None:
            try:
                read_number(text, question.dim, question.unit_value)
            except QuantityError as error:
                return f"{sentence(str(error))}. Give {_DIM_WORDS[question.dim.value]}."
            return None

        said = question.unit and re.search(rf"(^|\W){re.escape(question.unit)}(\W|$)", prompt)
        unit = f" (in {question.unit})" if question.unit and not said else ""
        return asker.text(f"{prompt}{unit}", validate=valid_number)
    return asker.text(prompt)


def grade_any(question: Any, answer: Any) -> tuple[Grade, list[str]]:
    """Grade a question or an estimate step; estimates also return the derivation."""
    if question.kind != "estimate":
        return grade_question(question, answer), []
    result = question.result()
    graded = check(result, question.figure, parse_figure(question.figure, str(answer)))
    # The same bands and wording as a number question; an estimate adds the likely slip.
    grade = grade_number(graded.answer, graded.truth, format_figure(question.figure, graded.truth))
    feedback = grade.feedback
    if graded.diagnosis:
        feedback += f" Likely slip: {graded.diagnosis}."
    if graded.band is not Band.GOOD and is_bare_size(question.figure, str(answer)):
        feedback += " (A number with no unit counts as bytes: add one, such as GB.)"
    grade = replace(grade, feedback=feedback)
    working = [f"{step.label}: {step.working}" for step in worked_until(result, question.figure)]
    return grade, working


def _response_text(answer: Any) -> str:
    return ", ".join(answer) if isinstance(answer, list) else str(answer)


def ask(
    question: Any,
    asker: Asker,
    console: Console,
    *,
    max_tries: int | None = None,
    number: str = "",
) -> Outcome:
    """Ask until right or out of tries (one plus a try per hint); then explain."""
    hints = list(question.hints)
    tries = max_tries if max_tries is not None else len(hints) + 1
    prompt = question.prompt.strip()
    if number:
        console.print(f"[dim]{escape(number)}[/dim]")
    if question.kind == "estimate":
        label = LABELS.get(question.figure, question.figure)
        console.print(f"[bold]Estimate[/bold]: {escape(prompt)}")
        # "Average QPS" -> "average QPS": keep the acronyms.
        prompt = (
            f"Your figure for {label[:1].lower()}{label[1:]}? ({FIGURE_UNITS[question.figure]})"
        )
    started = time.monotonic()
    hints_used = 0
    for attempt in range(1, tries + 1):
        answer = _answer_for(question, asker, prompt)
        grade, working = grade_any(question, answer)
        if grade.correct or attempt == tries:
            break
        console.print(f"[yellow]{escape(grade.feedback)}[/yellow]")
        if hints_used < len(hints):
            console.print(f"[cyan]Hint:[/cyan] {escape(hints[hints_used])}")
            hints_used += 1
        console.print("Try again.")
    seconds = time.monotonic() - started
    _explain(console, question, grade, working)
    return Outcome(
        question_id=question.id,
        topic=question.topic,
        grade=grade,
        first_try=grade.correct and attempt == 1,
        hints_used=hints_used,
        tries=attempt,
        response=_response_text(answer),
        seconds=seconds,
    )


def _explain(console: Console, question: Any, grade: Grade, working: list[str]) -> None:
    if grade.correct:
        console.print(f"[green]✓ {escape(grade.feedback)}[/green]")
    else:
        console.print(f"[red]✗ {escape(grade.feedback)}[/red]")
        console.print(
            f"The answer: [bold]{escape(grade.expected or expected_text(question))}[/bold]"
        )
    if working:
        console.print("Worked out:")
        for line in working:
            console.print(f"  {escape(line)}")
    if question.explanation.strip():
        console.print(escape(question.explanation.strip()), style="italic")
    console.print()
