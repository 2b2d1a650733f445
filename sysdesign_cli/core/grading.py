"""Grading answers the way an engineer would, for lessons, quizzes and exercises.

Choices are exact (with partial credit for multi and order), numbers are read by the
quantities parser and graded in a tolerance or the 2x / 10x bands, typed text is folded
(case, punctuation, spacing, small typos, the field's abbreviations).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from sysdesign_cli.core.bands import Band, band, ratio
from sysdesign_cli.core.quantities import Dim, QuantityError, parse

# Abbreviations engineers write for the terms the lessons accept.
ABBREVIATIONS = {
    "lb": "load balancer",
    "lbs": "load balancers",
    "db": "database",
    "dbs": "databases",
    "cdn": "content delivery network",
    "cdns": "content delivery networks",
    "qps": "queries per second",
    "rps": "requests per second",
    "spof": "single point of failure",
    "mq": "message queue",
    "dns": "domain name system",
    "ttl": "time to live",
    "s3": "object storage",
    "ws": "websocket",
    "k8s": "kubernetes",
    "p99": "99th percentile",
    "sla": "service level agreement",
    "async": "asynchronous",
    "sync": "synchronous",
    "repl": "replica",
}

MAX_ANSWER = 2_000  # longer answers are graded on their start; nobody types an essay


@dataclass(frozen=True)
class Grade:
    """The verdict on one answer."""

    correct: bool
    score: float  # 0.0 to 1.0: partial credit for multi and order
    feedback: str  # what was right or wrong, in a sentence
    expected: str  # the right answer, to show once the learner has tried
    band: Band | None = None


# ---------------------------------------------------------------- text


def _words(text: str) -> str:
    """Lowercase, accents and punctuation off, spacing collapsed; `L.B.` read as `lb`."""
    text = unicodedata.normalize("NFKD", text[:MAX_ANSWER]).encode("ascii", "ignore").decode()
    text = re.sub(r"\b([a-z])\.(?=[a-z]\b)", r"\1", text.lower())
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def fold(text: str) -> str:
    """Lowercase, accents and punctuation off, spacing collapsed, abbreviations spelt out."""
    words = [ABBREVIATIONS.get(word, word) for word in _words(text).split()]
    while words and words[0] in ("a", "an", "the"):
        words.pop(0)
    return " ".join(words)


def edit_distance(a: str, b: str, limit: int) -> int:
    """Edits between a and b, two swapped letters counting as one (`laod` is one slip from
    `load`); gives up (returning limit + 1) once it exceeds `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]


def typo_allowance(text: str) -> int:
    """How many edits still count as the same word: none for short words, more for long."""
    length = len(text)
    if length <= 3:
        return 0
    if length <= 7:
        return 1
    if length <= 14:
        return 2
    return length // 7


def text_matches(answer: str, accepted: list[str]) -> str | None:
    """The accepted answer that `answer` means, or None."""
    said = fold(answer)
    if not said:
        return None
    for option in accepted:
        wanted = fold(option)
        if not wanted:
            continue
        if said == wanted or said.replace(" ", "") == wanted.replace(" ", ""):
            return option
        if _same_words(said.split(), wanted.split()):
            return option
    return None


def _close_word(said: str, wanted: str) -> bool:
    """A typo of the same word: same first letter, few edits; short words must be exact.

    The first letter guards against opposites one edit apart (synchronous, asynchronous).
    """
    if said == wanted:
        return True
    allowance = typo_allowance(wanted)
    return (
        allowance > 0
        and said[:1] == wanted[:1]
        and edit_distance(said, wanted, allowance) <= allowance
    )


def _same_words(said: list[str], wanted: list[str]) -> bool:
    """Word by word, each a typo at most of the one wanted (`scaling up` is not `out`)."""
    return len(said) == len(wanted) and all(map(_close_word, said, wanted))


# ---------------------------------------------------------------- per kind


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
        feedback = "Right: all of them."
    else:
        feedback = f"{len(hits)} of {len(right)} right answers picked"
        if wrong:
            feedback += f", and {len(wrong)} that {'is' if len(wrong) == 1 else 'are'} not"
        feedback += "."
    return Grade(correct, score, feedback, ", ".join(right))


def grade_order(given: list[str], right: list[str]) -> Grade:
    """The exact order; partial credit for items in the right place."""
    in_place = sum(a == b for a, b in zip(given, right))
    correct = list(given) == list(right)
    feedback = "Right order." if correct else f"{in_place} of {len(right)} in the right place."
    return Grade(correct, in_place / len(right), feedback, " -> ".join(right))


def echoes_prompt(answer: str, accepted: list[str], prompt: str) -> bool:
    """Whether `answer` is just an abbreviation from the prompt ("What does QPS stand for?"
    answered "QPS"), which its own expansion would otherwise accept."""
    said = _words(answer)
    return (
        said in ABBREVIATIONS
        and said in _words(prompt).split()
        and all(_words(option) != said for option in accepted)
    )


def grade_text(answer: str, accepted: list[str], prompt: str = "") -> Grade:
    """A typed answer against accepted answers and synonyms."""
    if echoes_prompt(answer, accepted, prompt):
        return Grade(False, 0.0, "That repeats the abbreviation; spell it out.",
                     " / ".join(accepted[:3]))  # fmt: skip
    match = text_matches(answer, accepted)
    if match is not None:
        return Grade(True, 1.0, "Right.", accepted[0])
    feedback = "No answer given." if not fold(answer) else "Not what we were looking for."
    return Grade(False, 0.0, feedback, " / ".join(accepted[:3]))


def read_number(answer: str, dim: Dim, unit_value: float = 1.0) -> float:
    """A learner's number in base units; a bare number is read in the question's unit."""
    quantity = parse(answer, expect=dim)
    if quantity.dim is dim:
        return quantity.value
    if quantity.dim is Dim.COUNT:
        return quantity.value * unit_value
    if dim is Dim.COUNT and quantity.dim is Dim.RATE:
        return quantity.value  # "580 QPS" for a question about QPS with no unit
    raise QuantityError(f"that is a {quantity.dim.value}, not a {dim.value}")


def grade_number(value: float, right: float, shown: str, tolerance: float | None = None) -> Grade:
    """Within `tolerance` (relative) when set; otherwise 2x good, 10x order of magnitude."""
    apart = ratio(value, right)
    graded = band(value, right)
    if tolerance is not None:
        close = abs(value - right) <= tolerance * abs(right) or value == right
        feedback = (
            "Right."
            if close
            else (
                f"Not quite: {_times(apart)} the answer; "
                f"this one needs to be within {tolerance:.0%}."
            )
        )
        return Grade(close, 1.0 if close else 0.0, feedback, shown, graded)
    feedback = {
        Band.GOOD: "Good: within 2x.",
        Band.ORDER: f"Right order of magnitude, but {_times(apart)} the answer.",
        Band.OFF: f"Off: {_times(apart)} the answer, which is a different design.",
    }[graded]
    return Grade(graded is Band.GOOD, 1.0 if graded is Band.GOOD else 0.0, feedback, shown, graded)


def _times(apart: float) -> str:
    if apart == float("inf"):
        return "nowhere near"
    if apart < 1.5:  # "1.0x away" reads as right; say how far in percent
        return f"{(apart - 1) * 100:.2g}% away from"
    return f"{apart:.1f}x away from" if apart < 10 else f"{apart:,.0f}x away from"


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
        return grade_text(str(answer), list(question.accept), question.prompt)
    right, dim = question.value, question.dim
    unit_value = question.unit_value
    try:
        value = read_number(str(answer), dim, unit_value)
    except QuantityError as error:
        return Grade(False, 0.0, f"Could not read that as a number: {error}.",
                     expected_text(question))  # fmt: skip
    return grade_number(value, right, expected_text(question), question.tolerance)


def _close_in_prose(said: str, wanted: str) -> bool:
    """A typo of `wanted` inside free prose, where every word is compared: words under six
    letters must be exact (`site` is not `size`, `sort` is not `short`)."""
    return said == wanted or (len(wanted) >= 6 and _close_word(said, wanted))


def concepts_found(answer: str, concepts: list[Any]) -> list[str]:
    """The names of the concepts a free answer mentions (any accepted phrase, small typos ok)."""
    said = fold(answer)
    words = said.split()
    found = []
    for concept in concepts:
        for phrase in concept.accept:
            wanted = fold(phrase)
            if not wanted:
                continue
            if re.search(rf"(^| ){re.escape(wanted)}( |$)", said):
                found.append(concept.name)
                break
            size = len(wanted.split())
            if any(
                all(map(_close_in_prose, words[start : start + size], wanted.split()))
                for start in range(len(words) - size + 1)
            ):
                found.append(concept.name)
                break
    return found
