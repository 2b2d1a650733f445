"""Grading answers the way a fair expert would, for lessons, quizzes and exercises.

Choices are exact (with partial credit for multi and order); typed text is read by
`textmatch` (whole words inside a longer answer, endings, typos, the field's shorthand,
never a negated or hedged answer, never an opposite); numbers are read by `reading` as
they are typed and graded in a tolerance or in the bands of `bands`; a figure that only
restates what the question gives is refused (`givens`). Free answers are rubrics
(`rubric`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from sysdesign_cli.core.bands import Band, band, direction_verdict, ratio, times_apart, verdict
from sysdesign_cli.core.givens import (
    Refused,
    as_percentage,
    check_asked_period,
    check_period,
    check_unit,
    count_of_whole,
    givens_of,
    restated,
)
from sysdesign_cli.core.grade import Grade
from sysdesign_cli.core.quantities import Dim, QuantityError, parse
from sysdesign_cli.core.reading import Reading, Unreadable, example_for, read_figure
from sysdesign_cli.core.slips import unit_slip
from sysdesign_cli.core.text_grading import MAX_WORDS, grade_text, text_problem
from sysdesign_cli.core.textmatch import fold, text_matches

__all__ = [
    "MAX_WORDS",
    "Grade",
    "expected_text",
    "fold",
    "grade_choice",
    "grade_multi",
    "grade_number",
    "grade_order",
    "grade_question",
    "grade_text",
    "number_problem",
    "read_answer",
    "read_number",
    "text_matches",
    "text_problem",
]


# ---------------------------------------------------------------- choices


def grade_choice(answer: str, right: str) -> Grade:
    """One right choice."""
    correct = answer == right
    return Grade(correct, float(correct), "Right." if correct else "Not quite.", right)


def grade_multi(picked: list[str], right: list[str]) -> Grade:
    """Every right choice and none of the others; partial credit for the overlap."""
    picked = list(dict.fromkeys(picked))  # a choice picked twice counts once (score <= 1)
    hits = [item for item in picked if item in right]
    wrong = [item for item in picked if item not in right]
    score = max(0.0, (len(hits) - len(wrong)) / len(right))
    correct = not wrong and len(hits) == len(right)
    if correct:
        feedback = (
            "Right: that is the one that applies, and only it."
            if len(right) == 1
            else f"Right: those {len(right)} apply, and no others."
        )
    else:
        feedback = f"{len(hits)} of {len(right)} right answers picked"
        if wrong:
            feedback += f", and {len(wrong)} that {'is' if len(wrong) == 1 else 'are'} not"
        feedback += "."
    return Grade(correct, score, feedback, ", ".join(right), nudge=_multi_nudge(hits, wrong))


def _multi_nudge(hits: list[str], wrong: list[str]) -> str:
    """Before another try: how the picks fared, never how many options are right."""
    def count(items: list[str]) -> str:
        return f"{len(items)} {'is' if len(items) == 1 else 'are'}"

    if not wrong:
        return "Not quite: what you picked is right, but something is missing."
    if not hits:
        return "Not quite: none of your picks is right."
    return f"Not quite: of your picks, {count(hits)} right and {count(wrong)} not."


def grade_order(given: list[str], right: list[str]) -> Grade:
    """The exact order; partial credit for items in the right place."""
    in_place = sum(a == b for a, b in zip(given, right))
    correct = list(given) == list(right)
    feedback = "Right order." if correct else f"{in_place} of {len(right)} in the right place."
    return Grade(correct, in_place / len(right), feedback, " -> ".join(right))


# ---------------------------------------------------------------- numbers


def read_number(answer: str, dim: Dim, unit_value: float = 1.0) -> float:
    """A learner's number in base units; a bare number is read in the question's unit.

    Raises QuantityError (with what to fix) when it cannot be read as `dim`.
    """
    try:
        return read_figure(answer, dim, unit_value).value
    except Unreadable as error:
        raise QuantityError(str(error)) from None


def _prompt_of(question: Any) -> str:
    stage = getattr(question, "stage", None)  # an exercise's figure: its stage states the scale
    return str(getattr(stage, "prompt", "") or getattr(question, "prompt", ""))


def _asked(question: Any, prompt: str) -> str:
    """What the question asks for, in words: the words after "how many" in its own
    prompt's last sentence, else that sentence (an exercise figure's stage prompt is the
    scene), and an estimate figure's name."""
    own = str(getattr(question, "prompt", "") or prompt)
    figure = str(getattr(question, "figure", "") or "").replace("_", " ")
    last = re.split(r"(?<=[.!?])\s+", own.strip())[-1]
    counted = re.search(r"\bhow (?:many|much)\s+((?:[\w-]+\s+){0,2}[\w-]+)", last, re.I)
    return f"{counted.group(1) if counted else last} {figure}"


def _close_enough(value: float, right: float, tolerance: float | None) -> bool:
    if tolerance is not None:
        return abs(value - right) <= tolerance * abs(right) or value == right
    return band(value, right) is Band.GOOD


def read_answer(
    question: Any, answer: str, *, dim: Dim | None = None, right: float | None = None,
    unit_value: float | None = None,
) -> Reading:  # fmt: skip
    """Read a typed figure for a number question (or, with `dim` and `right`, any figure),
    refusing what cannot be graded: unreadable, a restated given, the wrong unit for a
    conversion question. Raises Unreadable (Refused for the last two) with the reason."""
    dim = dim or question.dim
    right = question.value if right is None else right
    unit_value = question.unit_value if unit_value is None else unit_value
    prompt = _prompt_of(question)
    answer = count_of_whole(str(answer), prompt, dim)
    reading = read_figure(answer, dim, unit_value, asked=_asked(question, prompt))
    check_unit(reading, prompt, dim)
    check_period(reading, dim)
    check_asked_period(reading, prompt, dim, str(getattr(question, "figure", "") or ""))
    reading = as_percentage(reading, dim, right)
    tolerance = getattr(question, "tolerance", None)
    correct = _close_enough(reading.value, right, tolerance)
    givens = givens_of(prompt, tuple(getattr(question, "givens", None) or ()))
    # With no unit of its own, a question takes the figure in any unit of its kind.
    unitless = not getattr(question, "unit", None) and question.kind != "estimate"
    given = restated(reading, str(answer), prompt, givens, correct=correct,
                     unit_value=unit_value, any_unit=unitless,
                     percent=dim is Dim.PERCENT)
    if given is not None:
        raise Refused(f"{given.text} is given in the question: work out what it asks for")
    return reading


def number_problem(
    question: Any, answer: str, *, dim: Dim | None = None, right: float | None = None,
    unit_value: float | None = None,
) -> str | None:  # fmt: skip
    """Why a typed figure cannot be graded yet (to ask again at no cost), or None."""
    dim = dim or question.dim
    right = question.value if right is None else right
    try:
        read_answer(question, answer, dim=dim, right=right, unit_value=unit_value)
    except Refused as error:
        return f"{_sentence(str(error))}. (That costs no try.)"
    except Unreadable as error:
        return f"{_sentence(str(error))}. Give {example_for(dim, right)}."
    return None


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _percent(fraction: float) -> str:
    """A relative tolerance as a percentage with the digits it has: 5%, 2.5%, 0.03%."""
    return f"{fraction * 100:.2g}%"


def grade_number(
    value: float, right: float, shown: str, tolerance: float | None = None,
    dim: Dim = Dim.COUNT, prompt: str = "",
) -> Grade:  # fmt: skip
    """Within `tolerance` (relative) when set; otherwise in the bands (2x good, 10x the
    right order of magnitude). A miss by a conversion factor names the likely slip (one
    the question's `prompt` allows)."""
    apart = ratio(value, right)
    graded = band(value, right)
    if tolerance is not None:
        close = _close_enough(value, right, tolerance)
        feedback = (
            "Right."
            if close
            else f"Not quite: {times_apart(apart)} the answer; "
            f"this one needs to be within {_percent(tolerance)}."
        )
        side = "too high" if value > right else "too low"
        nudge = f"Not quite: {side}; this one needs to be within {_percent(tolerance)}."
        grade = Grade(close, 1.0 if close else 0.0, feedback, shown, graded,
                      nudge=None if close else nudge)  # fmt: skip
    else:
        good = graded is Band.GOOD
        grade = Grade(good, 1.0 if good else 0.0, verdict(value, right), shown, graded,
                      nudge=None if good else direction_verdict(value, right))  # fmt: skip
    # Before another try the learner hears which way the figure is off, never how many
    # times: "2.6x away" and "too low" together would give the answer away.
    if not grade.correct:
        slip = unit_slip(value, right, dim, prompt)
        if slip is not None:
            said = f" Likely slip: {slip.diagnosis}."
            grade = replace(grade, feedback=grade.feedback + said,
                            nudge=(grade.nudge or "") + said, hint=slip.hint)  # fmt: skip
    return grade


# ---------------------------------------------------------------- questions


def expected_text(question: Any) -> str:
    """The right answer to a question as the learner will see it."""
    kind = question.type
    if kind == "choice":
        return question.answer
    if kind == "multi":
        return ", ".join(question.answers)
    if kind == "order":
        return " -> ".join(question.items)
    if kind == "number":
        answer = question.answer
        if isinstance(answer, float):  # YAML's 1000000 arrives as 1000000.0
            answer = f"{int(answer):,}" if answer.is_integer() else f"{answer:,}"
        return f"{answer} {question.unit}" if question.unit and _is_bare(answer) else answer
    return question.accept[0]


def _is_bare(text: str) -> bool:
    try:
        return parse(text).dim is Dim.COUNT
    except QuantityError:
        return False


def grade_question(question: Any, answer: Any) -> Grade:
    """Grade any question model against what the asker returned for it."""
    kind = question.type
    if kind == "choice":
        return grade_choice(str(answer), question.answer)
    if kind == "multi":
        return grade_multi(list(answer), list(question.answers))
    if kind == "order":
        return grade_order(list(answer), list(question.items))
    if kind == "text":
        return grade_text(str(answer), list(question.accept), question.prompt, question.alone,
                          question.explanation)
    shown = expected_text(question)
    try:
        reading = read_answer(question, str(answer))
    except Refused as error:
        return Grade(False, 0.0, f"{_sentence(str(error))}.", shown, retry=True)
    except Unreadable as error:
        return Grade(False, 0.0, f"Could not read that as a number: {error}.", shown, retry=True)
    return grade_number(reading.value, question.value, shown, question.tolerance, question.dim,
                        question.prompt)
