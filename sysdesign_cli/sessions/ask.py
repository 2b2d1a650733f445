"""Asking one question: the prompt, the learner's tries, hints, the grade, the explanation.

Shared by lessons, quizzes and exercises so every question behaves the same way.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sysdesign_cli.render.markup import escape
from sysdesign_cli.sessions.asker import Asker

# The graders and the estimate engine load when a question needs them (the first
# answer, or an estimate's prompt), not before the first question is drawn.
if TYPE_CHECKING:
    from rich.console import Console

    from sysdesign_cli.core.grading import Grade

EMPTY = "Type an answer first (an empty line costs no try)."


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


def shuffled(items: list[str], seed: object = None, avoid_same: bool = False) -> list[str]:
    """`items` in a random order: fresh at every asking (None), or stable for a `seed`
    (a retry and a plain-mode re-read keep the numbers they showed)."""
    order = list(items)
    (random.Random(str(seed)) if seed is not None else random.Random()).shuffle(order)
    if avoid_same and order == list(items) and len(items) > 1:
        order = order[1:] + order[:1]
    return order


SEED_VAR = "SYSDESIGN_SEED"


def asking_seed(key: str) -> object:
    """The seed of one asking's shuffle: fresh every time, or `key` (a question id) when
    SYSDESIGN_SEED is set, so a script can answer choices by number."""
    import os

    return key if os.environ.get(SEED_VAR) else random.random()


def sentence(text: str) -> str:
    """`it is empty` -> `It is empty`: messages shown on their own start with a capital."""
    return text[:1].upper() + text[1:]


def _truth(question: Any) -> float | None:
    if question.kind != "estimate":
        return None
    return getattr(question.result(), question.figure)


def figure_validator(
    key: str, question: Any = None, truth: float | None = None
) -> Callable[[str], str | None]:
    """Checks a typed figure for estimate `key`; returns what to fix, or None. With the
    estimate `question`, a figure that only restates its prompt is refused too; the
    example shown is never near the figure (`truth`)."""
    truth = _truth(question) if question is not None else truth

    def validate(text: str) -> str | None:
        if problem := _no_figure(text):
            return problem
        # The graders load with the first answer, not before the question is drawn.
        from sysdesign_cli.core.estimate_inputs import FIGURE_DIMS, figure_hint, parse_figure
        from sysdesign_cli.core.grading import number_problem
        from sysdesign_cli.core.quantities import QuantityError

        if question is not None and truth is not None:
            return number_problem(question, text, dim=FIGURE_DIMS[key], right=truth,
                                  unit_value=1.0)  # fmt: skip
        try:
            parse_figure(key, text)
        except QuantityError as error:
            return f"{sentence(str(error).split('; give ')[0])}. Give {figure_hint(key, truth)}."
        return None

    return validate


def _not_empty(text: str) -> str | None:
    return EMPTY if not text.strip() else None


HELP_WORDS = ("?", "help", "hint", "hints", "h")
ASKED_FOR_HELP = ("Hints come after a try: type your best figure (a wrong one brings a hint; "
                  "this costs no try).")  # fmt: skip


def _no_figure(text: str) -> str | None:
    """An empty line, or a beginner's `?`/`help` where a figure goes: asked again."""
    if text.strip().lower() in HELP_WORDS:
        return ASKED_FOR_HELP
    return _not_empty(text)


def _answer_for(question: Any, asker: Asker, prompt: str, seed: object) -> Any:
    """Ask `question` once through the asker; returns what the grader takes."""
    if question.kind == "estimate":
        return asker.text(prompt, validate=figure_validator(question.figure, question))
    kind = question.type
    if kind == "choice":
        return asker.select(prompt, shuffled(question.choices, seed))
    if kind == "multi":
        return asker.checkbox(prompt, shuffled(question.choices, seed))
    if kind == "order":
        return asker.order(prompt, shuffled(question.items, seed, avoid_same=True))
    if kind == "number":

        def valid_number(text: str) -> str | None:
            from sysdesign_cli.core.grading import number_problem  # with the first answer

            return _no_figure(text) or number_problem(question, text)

        said = question.unit and re.search(rf"(^|\W){re.escape(question.unit)}(\W|$)", prompt)
        unit = f" (in {question.unit})" if question.unit and not said else ""
        return asker.text(f"{prompt}{unit}", validate=valid_number)

    def valid_text(text: str) -> str | None:
        from sysdesign_cli.core.grading import text_problem

        return _not_empty(text) or text_problem(question, text)

    return asker.text(prompt, validate=valid_text)


def grade_any(question: Any, answer: Any) -> tuple[Grade, list[str]]:
    """Grade a question or an estimate step; estimates also return the derivation."""
    from sysdesign_cli.core.bands import Band, direction_verdict
    from sysdesign_cli.core.estimate_figures import format_figure
    from sysdesign_cli.core.estimate_grading import check, worked_until
    from sysdesign_cli.core.estimate_inputs import is_bare_size, parse_figure
    from sysdesign_cli.core.grading import Grade, grade_question

    if question.kind != "estimate":
        return grade_question(question, answer), []
    result = question.result()
    graded = check(result, question.figure, parse_figure(question.figure, str(answer)))
    # The same bands as a number question; the learner tries again, so the feedback says
    # which way the figure is off but not by how much, and names the slip when one fits.
    good = graded.band is Band.GOOD
    feedback = direction_verdict(graded.answer, graded.truth)
    if graded.hint:  # a slip with a name; "too low" is said above
        feedback += f" Likely slip: {graded.diagnosis}."
    if not good and is_bare_size(question.figure, str(answer)):
        feedback += " (A number with no unit counts as bytes: add one, such as GB.)"
    shown = format_figure(question.figure, graded.truth)
    grade = Grade(good, 1.0 if good else 0.0, feedback, shown, graded.band, hint=graded.hint)
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
        from sysdesign_cli.core.estimate_figures import LABELS
        from sysdesign_cli.core.estimate_inputs import figure_hint

        label = LABELS.get(question.figure, question.figure)
        if prompt.rstrip("?.: ").lower() != label.lower():  # a bare label is asked once
            console.print(f"[bold]Estimate[/bold]: {escape(prompt)}")
        # "Average QPS" -> "average QPS": keep the acronyms.
        hint = figure_hint(question.figure, _truth(question))
        prompt = f"Your figure for {label[:1].lower()}{label[1:]}? ({hint})"
    started = time.monotonic()
    hints_used = 0  # every hint shown
    next_hint = 0  # the question's own hints, in order
    seed = asking_seed(question.id)  # one order for this asking and its retries
    shown_hints: set[str] = set()
    # A retry asks the question alone: the setting before it (a design, a table) is on
    # the screen above, and drawn again at each try it pushed the question off it.
    retry = prompt.split("\n\n")[-1].strip() or prompt
    for attempt in range(1, tries + 1):
        answer = _answer_for(question, asker, prompt if attempt == 1 else retry, seed)
        grade, working = grade_any(question, answer)
        if grade.correct or attempt == tries:
            break
        console.print(f"[yellow]{escape(grade.nudge or grade.feedback)}[/yellow]")
        # The hint follows the mistake: a diagnosed slip gets the hint about it, a wrong
        # multi-select one about its picks; otherwise the next of the question's hints,
        # vague first.
        if grade.hint and grade.hint not in shown_hints:
            hint: str | None = grade.hint
        elif question.kind != "estimate" and question.type == "multi":
            from sysdesign_cli.core.multi_hints import multi_hint

            hint = multi_hint(question.answers, list(answer), hints, shown_hints)
        elif next_hint < len(hints):
            hint = hints[next_hint]
            next_hint += 1
        else:
            hint = None
        if hint is not None:
            console.print(f"[cyan]Hint:[/cyan] {escape(hint)}")
            shown_hints.add(hint)
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
    from sysdesign_cli.core.grading import expected_text

    if grade.correct:
        console.print(f"[green]✓ {escape(grade.feedback)}[/green]")
    else:
        console.print(f"[red]✗ {escape(grade.feedback)}[/red]")
        console.print(
            f"The answer: [bold]{escape(grade.expected or expected_text(question))}[/bold]"
        )
    if working:
        from sysdesign_cli.render.estimate import working_line

        console.print("Worked out:")
        for line in working:
            console.print(working_line(line, indent=2))
    if question.explanation.strip():
        console.print(escape(question.explanation.strip()), style="italic")
    console.print()
