"""Guessers that read an option's form: whether it fits the stem's grammar, whether its key
word is the one the other options keep repeating, whether it speaks another register than
the rest, and, for figures, whether it is round, a power of ten, or what the prompt's own
numbers give exactly.

Pure: text in, a number per option out (the higher, the more favoured), as in `guessers`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from itertools import combinations

from sysdesign_cli.core.guessers import Favour, content_stems, option_value
from sysdesign_cli.core.text_numbers import mentions

# ---------------------------------------------------------------- grammar

_ARTICLE_END = re.compile(r"\b(a|an)\s*(?:_+|\.\.\.|…|:)?\s*$", re.I)
_VOWEL_SOUND = re.compile(r"^\W*(?:[aeio]|u(?!ni|se|su|ti|ro)|hour|honest|[fhlmnrsx][A-Z0-9]*\b)",
                          re.I)  # fmt: skip
_PLURAL_ASK = re.compile(r"\b(?:which|what)\s+(?:\w+\s+){0,3}?are\b|\bthese\s+are\b", re.I)
_ALL_THAT_APPLY = re.compile(r"\ball that apply\b|\bselect all\b|\btick all\b", re.I)
_SINGULAR_ASK = re.compile(r"\b(?:which|what)\s+(?:\w+\s+){0,3}?is\b|\bthis\s+is\b", re.I)


def an_fits(option: str) -> bool:
    """Whether "an" reads right before `option` (a vowel sound: "an index", "an SLA")."""
    first = option.split()[0] if option.split() else ""
    if first.isupper() and len(first) > 1:  # an acronym is read letter by letter
        return first[0].upper() in "AEFHILMNORSX"
    return bool(_VOWEL_SOUND.match(option))


def _plural(option: str) -> bool:
    words = re.findall(r"[A-Za-z]+", option)
    return " and " in f" {option} " or bool(words and words[0].lower().endswith("s")
                                             and not words[0].lower().endswith("ss"))


def by_grammar(prompt: str, options: Sequence[str]) -> list[float]:
    """The option that fits the stem's grammar: after a closing "a" or "an", the one whose
    sound fits it; after "which ... are" the plural ones, after "which ... is" the singular
    (not where all that apply are asked for: there "are" speaks of the set)."""
    article = _ARTICLE_END.search(prompt.strip())
    if article:
        wants_an = article.group(1).lower() == "an"
        return [float(an_fits(option) == wants_an) for option in options]
    if _ALL_THAT_APPLY.search(prompt):  # "which of these are ...": the set, not each one
        return [0.0] * len(options)
    if _PLURAL_ASK.search(prompt):
        return [float(_plural(option)) for option in options]
    if _SINGULAR_ASK.search(prompt):
        return [float(not _plural(option)) for option in options]
    return [0.0] * len(options)


# ---------------------------------------------------------------- the set of options


def by_key_word(prompt: str, options: Sequence[str]) -> list[float]:
    """The option whose key word (its word most repeated across the set) appears in the
    most other options: authors write distractors as variations on the answer's word."""
    stems = [content_stems(option) for option in options]
    values = []
    for index, mine in enumerate(stems):
        others = [theirs for j, theirs in enumerate(stems) if j != index]
        values.append(float(max((sum(word in theirs for theirs in others) for word in mine),
                                default=0)))  # fmt: skip
    return values


def by_twin(prompt: str, options: Sequence[str]) -> list[float]:
    """The option with a near twin: where two options differ in a word or two, authors
    usually wrote one as the answer and the other as its trap."""
    stems = [content_stems(option) for option in options]
    return [round(max((_jaccard(mine, theirs) for j, theirs in enumerate(stems) if j != i),
                      default=0.0), 9) for i, mine in enumerate(stems)]  # fmt: skip


def _jaccard(first: frozenset[str], second: frozenset[str]) -> float:
    union = first | second
    return len(first & second) / len(union) if union else 1.0


# Words of the trade: an option full of them reads as an engineer's answer.
JARGON = frozenset((
    "cache", "shard", "replica", "replicat", "partition", "latenc", "throughput", "qps",
    "idempot", "quorum", "consist", "availab", "failov", "queue", "broker", "consensus",
    "paxos", "raft", "leader", "primary", "eventual", "linearizab", "read-through",
    "write-through", "write-back", "cdn", "dns", "tcp", "http", "websocket", "kafka",
    "redis", "sql", "nosql", "index", "hash", "load-balanc", "balanc", "p99", "p50",
    "percentil", "bandwidth", "ttl", "evict", "lru", "backpressur", "fan-out", "fanout",
    "denormal", "normal", "schema", "api", "rpc", "stateless", "statef", "horizont",
    "vertic", "tier", "spof", "redund", "sla", "slo", "sli", "async", "synchron",
    "concurr", "thread", "socket", "origin", "pop", "edge", "bottleneck", "saturat",
))  # fmt: skip


_JARGON = re.compile("|".join(sorted(map(re.escape, JARGON), key=len, reverse=True)))


def jargon(option: str) -> float:
    """The share of an option's words that are the trade's: acronyms, product names,
    hyphenated terms and words from JARGON."""
    tokens = re.findall(r"[A-Za-z][A-Za-z0-9\-]*", option)
    if not tokens:
        return 0.0
    return sum(_trade_word(token, index) for index, token in enumerate(tokens)) / len(tokens)


def _trade_word(token: str, index: int) -> bool:
    if (token.isupper() and len(token) > 1) or any(c.isupper() for c in token[1:]):
        return True  # an acronym or a product's spelling
    if index and token[0].isupper():
        return True  # a name inside the sentence
    return "-" in token.strip("-") or bool(_JARGON.match(token.lower()))


def by_jargon(prompt: str, options: Sequence[str]) -> list[float]:
    """The option that speaks the trade's language most."""
    return [round(jargon(option), 9) for option in options]


def by_plain(prompt: str, options: Sequence[str]) -> list[float]:
    """The reverse: the plainest option."""
    return [-round(jargon(option), 9) for option in options]


def by_odd_register(prompt: str, options: Sequence[str]) -> list[float]:
    """The option whose register (jargon share) is furthest from the others'."""
    shares = [jargon(option) for option in options]
    return [round(abs(share - (sum(shares) - share) / max(1, len(shares) - 1)), 9)
            for share in shares]  # fmt: skip


# ---------------------------------------------------------------- figures


def significant(value: float) -> int:
    """Significant digits of a value as written: 500 has one, 580 two, 8.76 three."""
    digits = f"{abs(value):.6g}".replace(".", "").lstrip("0").split("e")[0]
    return len(digits.rstrip("0")) or 1


def _numbers(options: Sequence[str]) -> list[float] | None:
    """The options' figures, or None unless every option shows one of the same kind."""
    values = [option_value(option) for option in options]
    if any(value is None for value in values) or len({v[1] for v in values if v}) != 1:
        return None
    return [mention_value(option) for option in options]


def mention_value(option: str) -> float:
    """The first figure of an option as written (before its unit scales it)."""
    found = re.search(r"\d[\d,]*(?:\.\d+)?", option)
    return float(found.group(0).replace(",", "")) if found else 0.0


def by_round(prompt: str, options: Sequence[str]) -> list[float]:
    """The roundest figure: authors work the answer out and make the distractors up."""
    values = _numbers(options)
    if values is None:
        return [0.0] * len(options)
    return [-float(significant(value)) for value in values]


def by_power_of_ten(prompt: str, options: Sequence[str]) -> list[float]:
    """The figure that is a power of ten (10, 1,000, 0.1) where the others are not."""
    values = _numbers(options)
    if values is None:
        return [0.0] * len(options)
    return [float(value > 0 and abs(math.log10(value) - round(math.log10(value))) < 1e-9)
            for value in values]  # fmt: skip


# Conversions a reader multiplies or divides by without being told.
KNOWN = (24.0, 60.0, 3600.0, 86400.0, 365.0, 1000.0, 1024.0, 100.0, 8.0, 30.0, 7.0)


def _reachable(given: list[float]) -> set[float]:
    """What one or two of the prompt's numbers make, with a known conversion or not."""
    base = set(given)
    for a, b in combinations(given, 2):
        base |= {a * b, a + b, abs(a - b)}
        if b:
            base.add(a / b)
        if a:
            base.add(b / a)
    reached = set(base)
    for value in base:
        for known in KNOWN:
            reached |= {value * known, value / known}
    return {round(value, 6) for value in reached if value}


def _close_to(value: float, reached: set[float]) -> bool:
    return any(abs(value - r) <= 0.02 * max(abs(value), abs(r)) for r in reached)


def by_exact_sum(prompt: str, options: Sequence[str]) -> list[float]:
    """The figure the prompt's own numbers give (a product, quotient, sum or difference of
    two of them, with a day's seconds or a year's days if need be)."""
    given = [m.value for m in mentions(prompt)][:6]
    values = _numbers(options)
    if values is None or not given:
        return [0.0] * len(options)
    reached = _reachable(given) | _reachable([mention_value(m.text) for m in mentions(prompt)])
    return [float(_close_to(value, reached) or _close_to(_base(option), reached))
            for value, option in zip(values, options)]  # fmt: skip


def _base(option: str) -> float:
    found = option_value(option)
    return found[0] if found else 0.0


FORM_STRATEGIES: dict[str, Favour] = {
    "fits the stem's grammar": by_grammar,
    "key word most repeated": by_key_word,
    "has a near twin": by_twin,
    "most jargon": by_jargon,
    "plainest": by_plain,
    "odd register": by_odd_register,
    "roundest figure": by_round,
    "power of ten": by_power_of_ten,
    "the prompt's numbers give it": by_exact_sum,
}
