"""Test-wise guessers: the strategies a learner who knows nothing of the subject uses on
choice and multi questions, as what each favours among the options.

A strategy reads only what the learner sees (the prompt, its context, the options) and
favours some options: the longest, the one sharing most words with the prompt, the most
specific, the hedged one, the one that gives no reason, the odd one out... One more reads
the other questions of the same source (a lesson, an exercise, a scenario's review cards)
and rules out every option it has seen there (`ruled_out`): a distractor shared between
two questions, or another question's answer, is no longer a live choice. What each then
scores, and the strategies for multi and order questions, are in `guess_scores`.

Pure: text in, a number per option out (the higher, the more favoured).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sysdesign_cli.core.quantities import Dim
from sysdesign_cli.core.text_numbers import mentions
from sysdesign_cli.core.words import STOPWORDS, stem

# Words a test-wise reader takes for a careful, true statement, and for a sweeping, false one.
# (`about` and `around` are left out: as often as "roughly" they mean "concerning".)
HEDGES = frozenset((
    "usually", "often", "can", "may", "might", "could", "typically", "generally", "mostly",
    "some", "sometimes", "likely", "roughly", "tends", "tend", "rarely", "most", "many",
    "probably", "approximately", "depends", "perhaps", "possibly", "normally", "seldom",
))  # fmt: skip
ABSOLUTES = frozenset((
    "always", "never", "only", "all", "every", "none", "no", "nothing", "must", "cannot",
    "guaranteed", "guarantees", "guarantee", "entirely", "completely", "impossible", "any",
    "everything", "whole", "forever", "zero", "nobody", "everyone",
))  # fmt: skip
UNITS = frozenset((
    "ns", "us", "µs", "ms", "s", "sec", "min", "h", "hr", "hours", "days", "kb", "mb", "gb",
    "tb", "pb", "qps", "rps", "%", "x", "bytes", "bits", "kbps", "mbps", "gbps",
))  # fmt: skip
# An option that stands for the others: "All of the above", "None of these", "Both".
ALL_OR_NONE = re.compile(
    r"^\W*(all|none|both|neither)\b(\W*$|\s+(of\s+)?(the\s+)?(above|these|them|options|"
    r"choices|answers|three|four|five)\b)",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9'\-]*|\d[\d,.]*|%")


@dataclass(frozen=True)
class Neighbour:
    """Another question of the same lesson (exercise, interview) as a learner who has
    answered it saw it: its words with its feedback, and its options."""

    text: str  # prompt, context, explanation and the right answer(s)
    options: tuple[str, ...] = ()
    answers: tuple[str, ...] = ()  # the right answer(s) its feedback shows


@dataclass(frozen=True)
class Asked:
    """A recognition question as a guesser sees it, with what the learner has read around
    it (the guessers of `guess_reading` use that; the others see the question alone)."""

    source: str  # "lesson:<id>", "exercise:<id>" or "interview:<id>"
    id: str
    kind: str  # "choice", "multi" or "order"
    prompt: str  # the prompt with its context, as shown
    options: tuple[str, ...]  # the choices; for an order question, the items in right order
    right: frozenset[str]  # the right choices (an order question: every item)
    taught: str = ""  # the lesson's text shown before the question
    others: tuple[Neighbour, ...] = ()  # the other questions of the same lesson


def content_stems(text: str) -> frozenset[str]:
    """The stems of a text's meaningful words: what word-matching compares."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return frozenset(stem(word) for word in words if word not in STOPWORDS and len(word) > 2)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _jaccard(first: frozenset[str], second: frozenset[str]) -> float:
    union = first | second
    return len(first & second) / len(union) if union else 1.0


# ---------------------------------------------------------------- what each one favours
# Each maps (prompt, options) to a number per option: the higher, the more favoured.

Favour = Callable[[str, Sequence[str]], list[float]]


def by_length(prompt: str, options: Sequence[str]) -> list[float]:
    """The longest option: authors explain the right one at length."""
    return [float(len(option)) for option in options]


def by_shortness(prompt: str, options: Sequence[str]) -> list[float]:
    """The shortest option."""
    return [-float(len(option)) for option in options]


def by_overlap(prompt: str, options: Sequence[str]) -> list[float]:
    """The option sharing the most (stemmed) words with the prompt and its context."""
    asked = content_stems(prompt)
    return [float(len(content_stems(option) & asked)) for option in options]


def specificity(option: str) -> int:
    """Numbers, units and proper names or acronyms: how technical an option sounds."""
    tokens = _tokens(option)
    count = 0
    for index, token in enumerate(tokens):
        if token[0].isdigit() or token.lower() in UNITS:
            count += 1
        elif (token.isupper() and len(token) >= 2) or any(c.isupper() for c in token[1:]):
            count += 1  # an acronym or a product's spelling: CDN, QPS, PostgreSQL, DynamoDB
        elif token[0].isupper() and index > 0 and not tokens[index - 1].endswith("."):
            count += 1  # a name inside the sentence: Redis, Kafka, Brewer
    return count


def by_specificity(prompt: str, options: Sequence[str]) -> list[float]:
    """The most specific, technical-sounding option."""
    return [float(specificity(option)) for option in options]


def hedging(option: str) -> int:
    """Hedges minus absolutes: above zero reads careful, below zero reads sweeping."""
    words = [word.lower() for word in _tokens(option)]
    return sum(word in HEDGES for word in words) - sum(word in ABSOLUTES for word in words)


def by_hedges(prompt: str, options: Sequence[str]) -> list[float]:
    """The hedged option ("usually", "can") over the absolute one ("always", "only")."""
    return [float(hedging(option)) for option in options]


def by_absolutes(prompt: str, options: Sequence[str]) -> list[float]:
    """The reverse: the most sweeping option."""
    return [-float(hedging(option)) for option in options]


CONTRAST = re.compile(r"\b(but|rather than|instead|unless|whereas|though|although)\b", re.I)
REASON = re.compile(r"\b(because|since|so that|so)\b|, as\b", re.I)


def clauses(option: str) -> int:
    """Commas, semicolons, brackets and contrasts ("but", "rather than"): how qualified,
    how carefully worded an option reads."""
    marks = sum(option.count(mark) for mark in ",;(")
    return marks + len(CONTRAST.findall(option))


def by_clauses(prompt: str, options: Sequence[str]) -> list[float]:
    """The most qualified option: the one with the most clauses."""
    return [float(clauses(option)) for option in options]


def by_no_reason(prompt: str, options: Sequence[str]) -> list[float]:
    """The option that gives no reason ("because", "since", "so"), where distractors argue
    for themselves."""
    return [-float(bool(REASON.search(option))) for option in options]


def by_reason(prompt: str, options: Sequence[str]) -> list[float]:
    """The reverse: an option that gives a reason."""
    return [float(bool(REASON.search(option))) for option in options]


NEGATION = re.compile(
    r"\b(not|no|never|without|nothing|none|nobody|neither|nor|cannot)\b|n't\b", re.I
)
# Words that name a trade-off: in a design course, "it costs X to get Y" reads right.
# A trade-off by name ("trade X for Y"), not `trade` alone: stock trading's flow is `trade`.
COST = re.compile(r"\b(trade[- ]?offs?|trades? off|traded off|trad(?:e|es|ing) \w+ for|"
                  r"cost|costs|costly|price|"
                  r"pay|pays|paid|paying|budget|cheap\w*|expensive|exchange|worth)\b",
                  re.I)  # fmt: skip


def by_negations(prompt: str, options: Sequence[str]) -> list[float]:
    """The option with the most negations ("not", "no", "without")."""
    return [float(len(NEGATION.findall(option))) for option in options]


def by_no_negations(prompt: str, options: Sequence[str]) -> list[float]:
    """The reverse: the option with the fewest."""
    return [-float(len(NEGATION.findall(option))) for option in options]


def by_cost(prompt: str, options: Sequence[str]) -> list[float]:
    """The option that names a cost or a trade-off."""
    return [float(bool(COST.search(option))) for option in options]


def _starts(word: str) -> Favour:
    opening = re.compile(rf"^\W*{word}\b", re.I)
    return lambda prompt, options: [float(bool(opening.match(option))) for option in options]


by_no = _starts("no")  # "No; ..." to a yes-or-no question: the contrarian's pick
by_yes = _starts("yes")


def _likeness(options: Sequence[str]) -> list[float]:
    stems = [content_stems(option) for option in options]
    return [
        sum(_jaccard(mine, theirs) for j, theirs in enumerate(stems) if j != i)
        / max(1, len(stems) - 1)
        for i, mine in enumerate(stems)
    ]


def by_oddness(prompt: str, options: Sequence[str]) -> list[float]:
    """The odd one out: the option least like the others."""
    return [-round(value, 9) for value in _likeness(options)]


def by_convergence(prompt: str, options: Sequence[str]) -> list[float]:
    """Convergence: the option most like the others (it shares the most with each)."""
    return [round(value, 9) for value in _likeness(options)]


def option_value(option: str) -> tuple[float, Dim] | None:
    found = mentions(option)
    return (found[0].value, found[0].dim) if found else None


def by_middle(prompt: str, options: Sequence[str]) -> list[float]:
    """For options that are all numbers of one kind, the middle value(s)."""
    values = [option_value(option) for option in options]
    if any(value is None for value in values) or len({v[1] for v in values if v}) != 1:
        return [0.0] * len(options)
    ranked = sorted(v[0] for v in values if v)
    if len(set(ranked)) != len(ranked):
        return [0.0] * len(options)
    middle = len(ranked) // 2
    wanted = {ranked[middle]} if len(ranked) % 2 else {ranked[middle - 1], ranked[middle]}
    return [float(v is not None and v[0] in wanted) for v in values]


def by_all_or_none(prompt: str, options: Sequence[str]) -> list[float]:
    """Options such as "all of the above", "none of the above", "both of these"."""
    return [float(bool(ALL_OR_NONE.search(option))) for option in options]


CHOICE_STRATEGIES: dict[str, Favour] = {
    "longest": by_length,
    "shortest": by_shortness,
    "most words shared with the prompt": by_overlap,
    "most specific": by_specificity,
    "hedged over absolute": by_hedges,
    "absolute over hedged": by_absolutes,
    "most clauses": by_clauses,
    "gives no reason": by_no_reason,
    "gives a reason": by_reason,
    "most negations": by_negations,
    "fewest negations": by_no_negations,
    "names a cost or trade-off": by_cost,
    "answers no": by_no,
    "answers yes": by_yes,
    "odd one out": by_oddness,
    "most like the others": by_convergence,
    "middle value": by_middle,
    "all / none of the above": by_all_or_none,
}


# ---------------------------------------------------------------- elimination

ELIMINATION = "rules out what other questions showed"


def ruled_out(questions: Sequence[Asked]) -> dict[tuple[str, str], frozenset[str]]:
    """For each question, by (source, id), the options a learner who has seen every other
    question of its source rules out: each one shown there, as a wrong option or as a
    right answer (order questions show nothing to rule out)."""
    shown: dict[str, dict[str, set[str]]] = {}
    for asked in questions:
        if asked.kind != "order":
            shown.setdefault(asked.source, {}).setdefault(asked.id, set()).update(asked.options)
    found = {}
    for asked in questions:
        others = shown.get(asked.source, {})
        seen = set().union(*(options for qid, options in others.items() if qid != asked.id))
        found[(asked.source, asked.id)] = frozenset(seen & set(asked.options))
    return found
