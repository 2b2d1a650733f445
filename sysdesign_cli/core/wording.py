"""Reading an author's prose the way a learner does: words and phrases, prompts that ask
the same thing twice, and tells (a hint that counts the right options or spells the
answer, a prompt that leans on the lesson around it, a format example).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from sysdesign_cli.core.words import active_vocabulary

# Prompts ask the same thing when their meaningful words run alike (difflib's ratio over
# them, in order) or they share most of them (Jaccard), and their numbers are the same.
SEQUENCE_RATIO = 0.75
SHARED_RATIO = 0.6
SHARED_MIN_WORDS = 5


def words(text: str) -> list[str]:
    """Lowercase words and numbers, punctuation off: what a reader compares."""
    return re.findall(r"[a-z0-9]+", text.lower())


def _spelt_out(text: str) -> list[str]:
    """Words with the field's abbreviations spelt out (`SPOF` -> single point of failure)."""
    abbreviations = active_vocabulary().abbreviations
    return [part for word in words(text) for part in abbreviations.get(word, word).split()]


def contains_phrase(text: str, phrase: str) -> bool:
    """`phrase` appears in `text` as whole words; case, punctuation and abbreviations aside."""
    wanted = _spelt_out(phrase)
    if not wanted:
        return False
    said = _spelt_out(text)
    return any(said[i : i + len(wanted)] == wanted for i in range(len(said) - len(wanted) + 1))


# ---------------------------------------------------------------- near-duplicates

_STOPWORDS = frozenset(
    re.findall(
        r"\w+",
        "a an the of to in on for and or is are be it its this that what which how do does "
        "you your with by as at from who when where why than then there these those can each "
        "into per select all apply following system design",
    )
)
# A prompt asking in other units asks for another figure (minutes a year, seconds a day).
_UNITS = frozenset(
    re.findall(
        r"\w+",
        "ns us ms second minute hour day week month year byte kb mb gb tb pb qps rps percent nine",
    )
)


@dataclass(frozen=True)
class Shape:
    """What near-duplicate detection compares of a prompt, worked out once."""

    numbers: tuple[str, ...]
    content: tuple[str, ...]  # the words that carry meaning, in order, plurals folded
    content_set: frozenset[str]


def shape(text: str) -> Shape:
    """A prompt's numbers and meaningful words."""
    said = words(text)
    content = tuple(
        word[:-1] if word.endswith("s") and len(word) > 3 else word
        for word in said
        if word not in _STOPWORDS
    )
    return Shape(tuple(w for w in said if w.isdigit()), content, frozenset(content))


def near_duplicate(first: str | Shape, second: str | Shape) -> bool:
    """Two prompts ask the same thing. Prompts with different numbers or units ask for
    different figures (downtime a year at 99.9% and at 99.99%; minutes a year, seconds a day)."""
    a = first if isinstance(first, Shape) else shape(first)
    b = second if isinstance(second, Shape) else shape(second)
    if a.numbers != b.numbers or (a.content_set ^ b.content_set) & _UNITS:
        return False
    ca, cb = a.content_set, b.content_set
    # Short prompts share words by accident ("what makes ... stateless" and "what do
    # stateless ... make possible"): the shared-word test needs a few words on each side.
    if min(len(ca), len(cb)) >= SHARED_MIN_WORDS and len(ca & cb) / len(ca | cb) >= SHARED_RATIO:
        return True
    matcher = SequenceMatcher(None, a.content, b.content, autojunk=False)
    return matcher.real_quick_ratio() >= SEQUENCE_RATIO and matcher.ratio() >= SEQUENCE_RATIO


# ---------------------------------------------------------------- tells

_COUNT_WORD = r"(?:one|two|three|four|five|six|seven|eight|\d+|both|all|none|neither|half|most)"
_COUNTS = re.compile(
    rf"\b{_COUNT_WORD}\b(?:\s+\w+){{0,2}}?\s+(?:of\s+(?:these|them|those|the)\b|"
    r"(?:apply|applies|belong)\b|(?:are|is)\s+(?:right|correct|true|wrong|false|needed|"
    r"required|valid|real)\b)"
    rf"|\b(?:one|two|three|four|five|six|seven|eight|\d+)\s+(?:\w+\s+)?(?:things|options|"
    r"choices|answers|ones|items|questions|steps|blocks|boxes|parts|moves|statements|"
    r"reasons|ideas)\b",
    re.IGNORECASE,
)
_SPELLS = re.compile(r"\b(?:begins|starts|ends)\s+with\b|\brhymes\s+with\b", re.IGNORECASE)
_QUOTED = re.compile(r"['\"\u2018\u201c]([A-Za-z]{2,})(?:\.{2,3}|\u2026)?['\"\u2019\u201d]")
_LEANS = re.compile(
    # "the picture of a system as a city" names what it means; "the picture" alone does not.
    r"\babove\b|\b(?:this|the|that) (?:example|worked example|diagram|tree|table|picture|"
    r"figure|lesson|step)\b(?!\s+of\b)|"
    r"\b(?:previous|preceding|last) (?:step|question|answer|example)\b|"
    r"\bas shown\b|\bearlier\b|\bjust (?:saw|seen|learned|read)\b",
    re.IGNORECASE,
)
_EXAMPLE = re.compile(r"\b(?:e\.g\.|eg|for example|for instance|such as|like|format)\W*$", re.I)


def counts_options(hint: str) -> str | None:
    """The words of a hint that tell how many options are right ("Three of these ...")."""
    match = _COUNTS.search(hint)
    return match.group(0) if match else None


def spells_answer(hint: str, accepted: list[str]) -> str | None:
    """The words of a hint that spell the answer out: 'It begins with "reli"', or a quoted
    first part of an accepted answer."""
    match = _SPELLS.search(hint)
    if match:
        return match.group(0)
    for fragment in _QUOTED.findall(hint):
        fragment = fragment.lower()
        for phrase in accepted:
            first = words(phrase)[:1]
            if first and first[0].startswith(fragment) and first[0] != fragment:
                return fragment
    return None


def leans_on_lesson(prompt: str) -> str | None:
    """The words of a prompt that only make sense beside its lesson ("the example above")."""
    match = _LEANS.search(prompt)
    return match.group(0) if match else None


def ends_with_example_cue(text: str) -> bool:
    """`text` ends by introducing an example ("e.g.", "such as"): what follows is one."""
    return _EXAMPLE.search(text) is not None
