"""What the prompt already says, which an answer may leave out or must not merely echo:
the words of an accepted answer the prompt writes (`eventual` for `eventual consistency`
when asked "Which consistency?"), those right before its gap ("a cache ____"), an
abbreviation from the prompt typed back alone ("What does QPS stand for?" - "QPS"), and
a thing the prompt places in another part, listed beside the answer ("the bytes live in
object storage. What does the database keep?" - "the bytes and the URL").
"""

from __future__ import annotations

import re

from sysdesign_cli.core.negation import FILLER, segments
from sysdesign_cli.core.words import (
    BOUNDARY,
    NEGATORS,
    OR,
    STOPWORDS,
    Word,
    analyse,
    compiled,
    raw_words,
)


def without_asked(
    wanted: list[Word], asked: frozenset[str], before_gap: frozenset[str] = frozenset()
) -> list[Word]:
    """An accepted answer without the words at its end that the prompt already says (the
    thing asked about: `eventual` for `eventual consistency` when asked "Which
    consistency?") or, at its start, says right before its gap (`hit` for `cache hit`
    when asked "a cache what?"); [] when nothing meaningful is left.

    Elsewhere only the end may go: what is left must still say which one (`spare servers`
    is not just `servers`, `name server` not `server`); an abbreviation's or a synonym's
    words go together (`DNS` is not `domain`); and what is left is neither a negation
    alone (`no` of `no reads`) nor another name of the field (`database` of `database
    sequence`)."""
    vocab = compiled()
    start, end = 0, len(wanted)
    while end and wanted[end - 1].stem in asked:
        end -= 1
    while start < end and wanted[start].stem in before_gap:
        start += 1
    if start == 0 and end == len(wanted):
        return []  # nothing the prompt says
    stems = tuple(w.stem for w in wanted)
    for phrase in vocab.atomic if len(stems) > 1 else ():
        for at in range(len(stems) - len(phrase) + 1):
            if stems[at : at + len(phrase)] == phrase:
                end = at if at < end < at + len(phrase) else end  # all of its words go
                start = 0 if at < start < at + len(phrase) else start  # or none
    while start < end < len(wanted) and wanted[end].group == wanted[end - 1].group != 0:
        end -= 1  # the cut falls inside one synonym's words
    if 0 < start < len(wanted) and wanted[start].group == wanted[start - 1].group != 0:
        start = 0
    rest = wanted[start:end]
    if len(rest) == len(wanted) or all(w.text in NEGATORS or w.text in FILLER for w in rest):
        return []
    return [] if tuple(w.stem for w in rest) in vocab.terms else rest


# "a cache what?", "a cache ____": the words right before the prompt's gap.
_GAP = re.compile(r"([a-z]+)[\s-]+(?:what\b|_{2,}|\.{3}|\u2026)", re.I)


def before_gap(prompt: str) -> frozenset[str]:
    return frozenset(w.stem for match in _GAP.finditer(prompt) for w in analyse(match.group(1)))


def clauses_of(
    said: list[Word], asked: frozenset[str], left_out: set[str] = frozenset()
) -> list[list[Word]]:
    """The answer's clauses, without the filler around what they say nor the words the
    prompt already says (`one URL` for "answering at one ____"). A negation is never
    such an echo, and neither is a name of the field's parts other than the words the
    accepted answer left out (`second cache` is not `second database` because the
    prompt mentions a cache)."""
    parts = compiled().term_stems
    clauses = []
    for part in segments(said, {BOUNDARY, OR}):
        words = [w for w in part if w.text not in FILLER or w.text in NEGATORS]
        clauses.append(words)
        unasked = [w for w in words if w.stem not in asked or w.text in NEGATORS
                   or (w.stem in parts and w.stem not in left_out)]  # fmt: skip
        if unasked and unasked != words:
            clauses.append(unasked)
    return clauses


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


_SENTENCE = re.compile(r"[^.?!]*[.?!]?")
MAX_ITEM = 2  # content words of a list item that only names a thing (`the image bytes`)


def lists_what_is_placed(answer: str, option: str, prompt: str) -> bool:
    """Whether the answer lists, beside `option`, a thing that the prompt, before its
    question, places in a part of the field that no answer names ("the bytes of each
    photo live in object storage. What does the database keep?" - "the image bytes and
    the URL", "the URL with the photo"): it answers with what the prompt put elsewhere.
    Words are compared as the vocabulary reads them (synonyms made one), brackets
    included."""
    if "?" not in prompt:
        return False
    setup, _, question = prompt.rpartition(".")
    vocab = compiled()
    wanted = {w.stem for w in analyse(option)}
    asked = {w.stem for w in analyse(question)}
    placed: set[str] = set()
    for sentence in _SENTENCE.findall(setup):
        stems = [w.stem for w in analyse(sentence) if not w.boundary]
        if any(not set(term) & wanted for term in vocab.terms if _placed_in(term, stems)):
            placed |= set(stems) - vocab.term_stems
    placed -= wanted
    item: list[str] = []
    for word in [*raw_words(answer), BOUNDARY]:
        if word not in (BOUNDARY, "and", "plus", "also", "with"):
            item.append(word)
            continue
        said = [w for w in analyse(" ".join(item)) if not w.boundary and w.text not in FILLER]
        stems = {w.stem for w in said}
        # An item naming what was placed and the question does not ask (`the bytes`), or
        # naming nothing but what was placed (`the photo`, where the photo's bytes were).
        if (said and len(said) <= MAX_ITEM and (stems & (placed - asked) or stems <= placed)
                and not stems & wanted and not NEGATORS & set(item)):  # fmt: skip
            return True
        item = []
    return False


_IN = frozenset(("in", "on", "at", "from", "into", "insid", "within"))  # stems


def _placed_in(term: tuple[str, ...], stems: list[str]) -> bool:
    """Whether a sentence puts something in the part `term` (`live in object storage`)."""
    return any(tuple(stems[at : at + len(term)]) == term and stems[at - 1] in _IN
               for at in range(1, len(stems)))  # fmt: skip


# Words that only add to what the prompt describes (`more servers` of "doubling the servers").
_MORE = frozenset(("more", "add", "adding", "added", "extra", "double", "doubling", "another",
                   "bigger", "larger", "lots", "many"))


_ASKS_A_WORD = re.compile(r"\bwhich (?:of the \w+ )?words?\b|\bwhat word\b|\bone word\b", re.I)


def restates_prompt(answer: str, match: str, prompt: str) -> bool:
    """Whether `answer`, to a prompt asking for a word, is read as the accepted `match`
    only through a synonym, in words that all come from the prompt: `more servers` for
    "Doubling the servers doubles the load we handle: which word is that about?"
    describes the prompt again, it does not name the word. An answer sharing a word with
    the match (`scaling out`) names it."""
    if not _ASKS_A_WORD.search(prompt):
        return False  # "Moving to a bigger machine is called what?" takes its description
    vocab = compiled()
    words = [w for w in raw_words(answer) if w != BOUNDARY and w not in STOPWORDS
             and w not in _MORE and w not in FILLER]  # fmt: skip
    if not words or "".join(words) == "".join(raw_words(match)):  # `up time` is `uptime`
        return False
    stems = {stem for w in words for stem in vocab.stems(w)}
    asked = set(vocab.stems(prompt))
    return stems <= asked and not stems & set(vocab.stems(match))
