"""Typed text read the way a fair teacher reads it: does this answer say that phrase?

An answer says a phrase when the phrase's words appear in it as whole words, in order
(two-word phrases in either order), each word the same up to its ending (`balancing` is
`balancer`, `replicas` is `replica`) or a small typo of a long word. The field's
shorthand (`LB`, `DB`, `sec`, `/` for per) and synonyms come from the vocabulary, which
is curriculum data (`curricula/vocabulary.yaml`). A phrase that is negated (`not a load
balancer`, `no CDN`) is not said, and opposites (`synchronous`, `asynchronous`) never
count for each other however close they are spelt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sysdesign_cli.core.words import (
    BOUNDARY,
    NEGATORS,
    OR,
    STOPWORDS,
    Vocabulary,
    Word,
    active_vocabulary,
    analyse,
    compiled,
    fold,
    raw_words,
    stem,
    use_vocabulary,
)

__all__ = [
    "Vocabulary",
    "Word",
    "active_vocabulary",
    "analyse",
    "echoes_prompt",
    "find",
    "fold",
    "judge",
    "negated",
    "same_word",
    "says",
    "text_matches",
    "use_vocabulary",
]

# "not X but Y": Y is not negated. "X, not Y": the comma ends X's clause.
CONTRAST = frozenset({"but", "however", "although", "though", "whereas", "yet"})
# After a phrase: "a CDN is not needed", "X isn't it", "X: unnecessary".
AFTER_NEGATORS = frozenset({"unnecessary", "unneeded", "needless", "pointless", "overkill",
                            "wrong", "useless"})  # fmt: skip
AFTER_VERBS = frozenset({"is", "are", "was", "were", "would", "will", "does", "do", "did",
                         "can", "could", "should", "be", "isnt", "arent", "wont", "doesnt",
                         "dont", "need", "needed", "needs", "it", "really"})  # fmt: skip
# Words that fill a hedge without naming a second answer: "a load balancer or similar".
FILLER = frozenset((
    "something", "similar", "like", "so", "whatever", "etc", "else", "thing", "stuff", "kind",
    "sort", "maybe", "perhaps", "probably", "guess", "think", "not", "sure",
))

def typo_allowance(word: str) -> int:
    """How many edits still count as the same word: none for short words, more for long."""
    length = len(word)
    if length <= 3:
        return 0
    if length <= 7:
        return 1
    if length <= 14:
        return 2
    return 3


def are_opposites(one: str, other: str) -> bool:
    """Whether two words (or their stems) are opposites in the field's vocabulary."""
    return (stem(one), stem(other)) in compiled().opposites


def same_word(said: Word, wanted: Word, min_typo: int = 4) -> bool:
    """The same word up to its ending, or a typo of a word of `min_typo` letters or more
    that is not another word of the field (`laod` is `load`; `synchronous` is never
    `asynchronous`). Prose asks for longer words (`site` is not `size` in a sentence)."""
    if said.stem == wanted.stem or said.text == wanted.text:
        return True
    vocab = compiled()
    if (said.stem, wanted.stem) in vocab.opposites:
        return False
    if said.stem in vocab.known:
        return False  # a word of the field is spelt right: not a typo of another word
    allowance = typo_allowance(wanted.text)
    if len(wanted.text) < min_typo or len(said.text) < min_typo:
        return False
    if not allowance or said.text[:1] != wanted.text[:1]:
        return False
    if not said.text.isalpha():
        return False
    from rapidfuzz.distance import OSA  # counts a swap of two letters as one edit

    return OSA.distance(said.text, wanted.text, score_cutoff=allowance) <= allowance


def _words_match(said: list[Word], wanted: list[Word], min_typo: int) -> bool:
    return len(said) == len(wanted) and all(
        same_word(a, b, min_typo) for a, b in zip(said, wanted)
    )


def find(
    wanted: list[Word], said: list[Word], min_typo: int = 4, asked: frozenset[str] = frozenset(),
    either_order: bool = True,
) -> list[tuple[int, int]]:  # fmt: skip
    """Where the words of `wanted` stand in `said`, as (start, end) spans of `said`; a span
    takes all of an abbreviation or synonym it touches, but for words in `asked`."""
    if not wanted:
        return []
    if min_typo > 99:  # exact words only: a quick look first
        stems = {w.stem for w in said}
        if any(w.stem not in stems for w in wanted):
            return []
    spans: list[tuple[int, int]] = []
    orders = [wanted, wanted[::-1]] if len(wanted) == 2 and either_order else [wanted]
    size = len(wanted)
    for start in range(len(said)):
        window = said[start : start + size]
        if any(word.boundary or word.text == OR for word in window):
            continue
        if any(_words_match(window, order, min_typo) for order in orders) and _whole(
            said, start, start + size, asked
        ):
            spans.append((start, start + size))
    # Run together: `loadbalancer` for `load balancer`, `data base` for `database`.
    joined = Word("".join(w.text for w in wanted), "")
    joined = Word(joined.text, stem(joined.text))
    for start, word in enumerate(said):
        if size > 1 and same_word(word, joined, min_typo):
            spans.append((start, start + 1))
        pair = said[start : start + 2]
        if size == 1 and len(pair) == 2 and not any(w.boundary for w in pair):
            glued = "".join(w.text for w in pair)
            if same_word(Word(glued, stem(glued)), wanted[0], min_typo):
                spans.append((start, start + 2))
    return sorted(set(spans))


def _whole(said: list[Word], start: int, end: int, asked: frozenset[str]) -> bool:
    """Whether a span takes every word of any abbreviation or synonym it touches: `system`
    is not said by `DNS` (domain name system)."""
    for edge in (start, end - 1):
        group = said[edge].group
        if not group:
            continue
        members = [i for i, word in enumerate(said)
                   if word.group == group and word.stem not in asked]  # fmt: skip
        if not members:
            continue
        if members[0] < start or members[-1] >= end:
            return False
    return True


def negated(said: list[Word], span: tuple[int, int]) -> bool:
    """Whether the words at `span` are negated: `not a load balancer`, `no CDN`, `without
    a replica`, `instead of a queue`, `a CDN is not needed`."""
    start, end = span
    for word in reversed(said[max(0, start - 4) : start]):
        if word.boundary or word.text in CONTRAST or word.text == OR:
            break
        if word.text in NEGATORS:
            return True
    after = said[end : end + 4]
    for index, word in enumerate(after):
        if word.boundary or word.text in CONTRAST or word.text == OR:
            break
        if word.text in AFTER_NEGATORS:
            return True
        if word.text in ("not", "never") and (
            index == 0 or all(w.text in AFTER_VERBS for w in after[:index])
        ):
            # "X is not needed", "X not needed"; but "X not Y" negates Y.
            rest = after[index + 1 : index + 2]
            return index > 0 or not rest or rest[0].boundary or rest[0].text in (
                "needed", "necessary", "required", "it", "right", "correct", "used")  # fmt: skip
    return False


PROSE_TYPO = 6  # in free prose only words this long forgive a typo
EXACT = 1_000  # as `min_typo`: no typo forgiven (looking for the field's own names)


def says(text: str | list[Word], phrase: str, *, prose: bool = False) -> str:
    """`yes`, `negated` or `no`: whether `text` says `phrase` (un-negated somewhere wins).

    A phrase with `...` (`acknowledge ... immediately`) wants its parts in order, each
    within a few words of the one before.
    """
    said = analyse(text) if isinstance(text, str) else text
    min_typo = PROSE_TYPO if prose else 4
    parts = [[w for w in analyse(part) if not w.boundary and w.text != OR]
             for part in phrase.split("...")]  # fmt: skip
    parts = [part for part in parts if part]
    if not parts:
        return "no"
    # In prose two words in the other order are usually two other things ("paste floods").
    spans = find(parts[0], said, min_typo, either_order=not prose)
    for part in parts[1:]:
        spans = [
            (start, end + span_end)
            for start, end in spans
            for _, span_end in find(part, said[end : end + 8], min_typo, either_order=not prose)
        ]
    if not spans:
        return "no"
    return "negated" if all(negated(said, span) for span in spans) else "yes"


def _segments(said: list[Word], separators: set[str]) -> list[list[Word]]:
    parts: list[list[Word]] = [[]]
    for word in said:
        if word.text in separators:
            parts.append([])
        else:
            parts[-1].append(word)
    return [part for part in parts if part]


def _content(part: list[Word]) -> list[Word]:
    return [w for w in part if not w.boundary and w.text not in FILLER and w.text not in NEGATORS]


def hedged(said: list[Word], accepted: list[list[Word]]) -> bool:
    """Whether the answer offers something else beside an accepted answer: `a load balancer
    or a cache`, `LB and DNS`, `vertical and horizontal`. Alternatives that are themselves
    accepted (`TLS/SSL`) are not a hedge."""
    vocab = compiled()

    def accepted_in(part: list[Word]) -> bool:
        return any(find(option, part) for option in accepted)

    if any(word.text == OR for word in said):
        for part in _segments(said, {OR, "either"}):
            if _content(part) and not accepted_in(part):
                return True
    # A bare list of the field's parts: "cache, cdn, load balancer".
    parts = _segments(said, {BOUNDARY, "and", "also", "plus"})
    if len(parts) > 1 and all(len(_content(part)) <= 4 for part in parts):
        right = {i for option in accepted for a, b in find(option, said) for i in range(a, b)}
        for term in vocab.terms:
            for span in find([Word(s, s) for s in term], said, EXACT):
                if not set(range(*span)) & right and not negated(said, span):
                    return True
    # Both sides of an opposite named, neither negated: "vertical and horizontal".
    for one, other in vocab.opposite_phrases:
        a = [Word(s, s) for s in one]
        b = [Word(s, s) for s in other]
        spans_a = [s for s in find(a, said, EXACT) if not negated(said, s)]
        spans_b = [s for s in find(b, said, EXACT) if not negated(said, s)] if spans_a else []
        if spans_a and spans_b and any(find(a, option) for option in accepted):
            return True
    return False


def _inside_another(
    said: list[Word], span: tuple[int, int], wanted: list[Word], vocab: Any, asked: set[str]
) -> bool:
    """Whether the words at `span` are part of a longer name of the field in the answer
    (`system` in `domain name system`), unless the prompt says the rest of that name."""
    wanted_stems = tuple(w.stem for w in wanted)
    for phrase in vocab.phrases:
        if len(phrase) <= span[1] - span[0] or phrase == wanted_stems:
            continue
        if set(phrase) - set(wanted_stems) <= asked:
            continue
        for start, end in find([Word(s, s) for s in phrase], said, EXACT):
            if start <= span[0] and span[1] <= end:
                return True
    return False


@dataclass(frozen=True)
class TextVerdict:
    """Which accepted answer a typed answer means, or why none."""

    match: str | None
    reason: str  # "match", "empty", "negated", "hedged", "none"


def judge(answer: str, accepted: list[str], prompt: str = "") -> TextVerdict:
    """Whether `answer` means one of the `accepted` answers, read as a teacher would.

    Words of an accepted answer that the prompt already says may be left out ("Which
    consistency?" answered `eventual` for `eventual consistency`).
    """
    folded = fold(answer)
    for option in accepted:  # the answer is an accepted one, as written
        if folded and fold(option) == folded:
            return TextVerdict(option, "match")
    said = analyse(answer)
    content = [w for w in said if not w.boundary and w.text != OR]
    if not content:
        return TextVerdict(None, "empty" if not folded else "none")
    options = [(option, [w for w in analyse(option) if not w.boundary and w.text != OR])
               for option in accepted]  # fmt: skip
    options = [(option, words) for option, words in options if words]
    asked = frozenset(w.stem for w in analyse(prompt)) if prompt else frozenset()
    vocab = compiled()
    said_stems = {w.stem for w in said}
    for option, wanted in list(options):
        rest = [w for w in wanted if w.stem not in asked]
        left_out = {w.stem for w in wanted} - {w.stem for w in rest}
        # `write replica` for `read replica` when the prompt says "read": still the opposite.
        clash = any((s, d) in vocab.opposites for s in said_stems for d in left_out)
        if rest and len(rest) < len(wanted) and not clash:
            options.append((option, rest))
    for option, wanted in options:  # the answer is an accepted one, as written
        if [w.stem for w in content] == [w.stem for w in wanted]:
            return TextVerdict(option, "match")
    negated_seen = False
    for option, wanted in options:
        spans = [span for span in find(wanted, said, asked=asked)
                 if not _inside_another(said, span, wanted, vocab, asked)]  # fmt: skip
        if not spans:
            continue
        if all(negated(said, span) for span in spans):
            negated_seen = True
            continue
        if hedged(said, [words for _, words in options]):
            return TextVerdict(None, "hedged")
        return TextVerdict(option, "match")
    return TextVerdict(None, "negated" if negated_seen else "none")


def text_matches(answer: str, accepted: list[str]) -> str | None:
    """The accepted answer that `answer` means, or None."""
    return judge(answer, accepted).match


def echoes_prompt(answer: str, accepted: list[str], prompt: str) -> bool:
    """Whether `answer` is just an abbreviation from the prompt ("What does QPS stand for?"
    answered "QPS"), which its own expansion would otherwise accept."""
    vocab = compiled()
    words = [w for w in raw_words(answer) if w != BOUNDARY and w not in STOPWORDS]
    words = [w for w in words if w not in FILLER]
    if len(words) != 1:
        return False
    said = words[0]
    base = said[:-1] if said.endswith("s") and said[:-1] in vocab.abbreviations else said
    return (
        base in vocab.abbreviations
        and base in [w.rstrip("s") if w.rstrip("s") in vocab.abbreviations else w
                     for w in raw_words(prompt)]  # fmt: skip
        and all(" ".join(w for w in raw_words(option) if w != BOUNDARY) != said
                for option in accepted)  # fmt: skip
    )
