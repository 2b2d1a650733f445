"""Guessers that read around the question: what the learner has read before it is asked.

A learner who has done a lesson has read its text and every question's feedback; in the
quiz they meet its questions again, in any order. Such a learner can guess without
knowing anything when one question's answer is stated in another question's prompt,
explanation or options, when an option is the only one never seen elsewhere (the others
are the lesson's stock distractors), or when an option repeats a sentence of the lesson
text word for word while the distractors share none of it. (Matching the lesson text's
ideas is fair, it is what teaching is for; copying its wording into the answer only is a
tell.)

Pure: an `Asked` in, a number per option out (the higher, the more favoured).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from sysdesign_cli.core.guessers import Asked, content_stems
from sysdesign_cli.core.text_numbers import mentions

Read = Callable[[Asked], list[float]]

# A run of this many words in a row, copied from the text, is a quotation, not a word
# that the topic makes everyone use.
QUOTE_WORDS = 4
_WORD = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*")


def words(text: str) -> list[str]:
    """The text's words, lower case, numbers whole (`8,760`, `0.5`)."""
    return _WORD.findall(text.lower())


@lru_cache(maxsize=4096)
def _said(text: str) -> str:
    """The text's words, one space apart and at both ends: what a run is looked for in."""
    return " " + " ".join(words(text)) + " "


def quoted(option: str, texts: Iterable[str]) -> int:
    """The longest run of words of `option` found word for word in one of `texts` (0: none
    as long as QUOTE_WORDS)."""
    said = words(option)
    sources = [_said(text) for text in texts]
    best = 0
    for start in range(len(said) - QUOTE_WORDS + 1):
        end = start + max(best + 1, QUOTE_WORDS)
        while end <= len(said):
            run = " " + " ".join(said[start:end]) + " "
            if not any(run in source for source in sources):
                break
            best = end - start
            end += 1
    return best


def _distinct(options: Sequence[str]) -> list[frozenset[str]]:
    """Each option's meaningful words less those every option has (those tell nothing)."""
    stems = [content_stems(option) for option in options]
    common = frozenset.intersection(*stems) if stems else frozenset()
    return [mine - common for mine in stems]


# ---------------------------------------------------------------- other questions


def by_stated_elsewhere(asked: Asked) -> list[float]:
    """The option whose own words another question of the lesson says most of (in its
    prompt, feedback or options): the learner read the answer there."""
    texts = [content_stems(n.text + "\n" + "\n".join(n.options)) for n in asked.others]
    return [float(max((len(mine & seen) for seen in texts), default=0))
            for mine in _distinct(asked.options)]  # fmt: skip


def by_said_around(asked: Asked) -> list[float]:
    """The option whose own words the lesson's other questions say most, all together: the
    lesson's vocabulary, taught through its feedback (measured like the lesson text's
    words, not held; `by_stated_elsewhere` holds one question giving another away)."""
    said = frozenset().union(*(content_stems(n.text + "\n" + "\n".join(n.options))
                               for n in asked.others))  # fmt: skip
    return [float(len(mine & said)) for mine in _distinct(asked.options)]


def by_quoted_elsewhere(asked: Asked) -> list[float]:
    """The option that quotes another question's prompt, feedback or options word for word
    (four words or more in a row)."""
    texts = [n.text for n in asked.others] + [o for n in asked.others for o in n.options]
    return [float(quoted(option, texts)) for option in asked.options]


@lru_cache(maxsize=4096)
def _values(text: str) -> set[tuple[float, str]]:
    return {(round(m.value, 9), m.dim.value) for m in mentions(text)}


def by_number_elsewhere(asked: Asked) -> list[float]:
    """The option whose figure another question's prompt or feedback states."""
    seen: set[tuple[float, str]] = set()
    for neighbour in asked.others:
        seen |= _values(neighbour.text)
    return [float(bool(_values(option) & seen)) for option in asked.options]


def by_never_seen(asked: Asked) -> list[float]:
    """The option that no other question offers: where the same distractors come back in
    question after question, the new one is the answer."""
    offered = [frozenset(o.casefold() for o in n.options) for n in asked.others]
    return [-float(sum(option.casefold() in seen for seen in offered))
            for option in asked.options]  # fmt: skip


def by_right_elsewhere(asked: Asked) -> list[float]:
    """The option that is another question's right answer, as its feedback showed it."""
    told = [frozenset(answer.casefold() for answer in n.answers) for n in asked.others]
    return [float(sum(option.casefold() in right for right in told))
            for option in asked.options]  # fmt: skip


# ---------------------------------------------------------------- the lesson text


def by_quoting_the_lesson(asked: Asked) -> list[float]:
    """The option that repeats the lesson text before the question word for word (four
    words or more in a row)."""
    sentences = re.split(r"\n\s*\n|(?<=[.!?])\s", asked.taught)
    return [float(quoted(option, sentences)) for option in asked.options]


def by_lesson_words(asked: Asked) -> list[float]:
    """The option that shares the most of its own words with the lesson text before the
    question. Fair, it is what the lesson taught; measured, not held to chance (a high
    score says distractors avoid the lesson's words, which a skimmer would notice)."""
    taught = content_stems(asked.taught)
    return [float(len(mine & taught)) for mine in _distinct(asked.options)]


# Strategies that read what the lesson taught in its own words: reported, never held.
TEACHING_STRATEGIES: dict[str, Read] = {
    "words of the lesson text (teaching)": by_lesson_words,
    "words the other questions say (teaching)": by_said_around,
}

READING_STRATEGIES: dict[str, Read] = {
    "stated in another question": by_stated_elsewhere,
    "quotes another question": by_quoted_elsewhere,
    "figure stated in another question": by_number_elsewhere,
    "offered by no other question": by_never_seen,
    "another question's answer": by_right_elsewhere,
    "quotes the lesson text": by_quoting_the_lesson,
}
