"""A remark in brackets after a typed answer: a gloss on it, or a second answer?

`the source of truth (kept forever)` and `SSOT (source of truth)` remark on the answer;
`the cache (maybe a CDN)` and `a load balancer (the cache)` offer a second one. Words in
brackets are a remark when they hold no hedge word and every name of the field they
give restates the answer: the answer itself or a synonym, or the part the question's own
explanation names beside the answer, in apposition (the explanation of "source of
truth" says "The source of truth, usually the database, ..."; so `the source of truth
(the database)` says which part plays it). Any other name of the field is a second
answer (`the source of truth (the cache)`).
"""

from __future__ import annotations

import re

from sysdesign_cli.core.spans import EXACT, find
from sysdesign_cli.core.words import OR, Word, analyse, compiled

# A remark in brackets at the end of an answer.
GLOSS = re.compile(r"\s*\(([^()]*)\)\s*$")

_HEDGES = re.compile(
    r"\b(?:or|and|maybe|perhaps|probably|possibly|actually|instead|rather)\b|[,/?]", re.I)
# Between an answer and the part named beside it in an explanation: `X, usually the Y`,
# `X (the Y)`, `X - a Y`, `X, i.e. the Y`: a mark of apposition, then at most an adverb
# and an article. `X is the Y` or `X the Y` is no apposition.
_APPOSITION = re.compile(
    r"^\s*(?:[,(:\u2013\u2014]|\s-|--|i\.e\.|that is\b)\s*"
    r"(?:(?:(?:usually|often|typically|normally|mostly|in practice|that is)\b|i\.e\.)\s*,?\s*)?"
    r"(?:(?:the|a|an|its|your)\s+)?", re.I)


def _content(text: str) -> list[Word]:
    return [w for w in analyse(text) if not w.boundary and w.text != OR]


def _named_terms(text: str) -> list[tuple[str, ...]]:
    """The names of the field's parts said in `text`, as stems."""
    said = _content(text)
    return [term for term in compiled().terms
            if find([Word(s, s) for s in term], said, EXACT)]  # fmt: skip


def _beside(term: tuple[str, ...], accepted: list[str], explanation: str) -> bool:
    """Whether the explanation names `term` right after an accepted answer, in apposition
    (`The source of truth, usually the database, is ...`)."""
    for option in accepted:
        for match in re.finditer(rf"\b{re.escape(option)}\b", explanation, re.I):
            rest = explanation[match.end():]
            lead = _APPOSITION.match(rest)
            if lead is None:
                continue
            window = re.split(r"[.;:,()]", rest[lead.end():], maxsplit=1)[0]
            words = _content(window)[: len(term)]
            if tuple(w.stem for w in words) == term:
                return True
    return False


def a_remark(text: str, accepted: list[str], explanation: str = "") -> bool:
    """Whether `text`, in brackets after an answer that means one of `accepted`, is a
    remark on it rather than a second answer."""
    if _HEDGES.search(text):
        return False
    restating = {w.stem for option in accepted for w in _content(option)}
    for term in _named_terms(text):
        if not set(term) <= restating and not (explanation and _beside(term, accepted,
                                                                        explanation)):
            return False
        restating |= set(term)
    stems = compiled().term_stems  # a word of a part's name, beside the answer's own
    return not any(w.stem in stems and w.stem not in restating for w in _content(text))
