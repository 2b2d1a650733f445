"""Text to words, before any vocabulary: lowercase and accents off, `L.B.` read as `lb`,
`isn't` as `is not`, `/` between a thing and a time as `per` and between two things as
`or` (but `k/v`, `pub/sub` and a path `/shorten` as words), `vs` as `or`, clause marks
kept; each word's stem (`balancing`, `balancers` -> `balanc`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

MAX_GRADED_CHARS = 2_000  # longer answers are read on their start; nobody types an essay
# A clause ends here: a negation before it does not reach past it.
BOUNDARY = "|"
TIME_WORDS = ("s", "sec", "secs", "second", "seconds", "ms", "min", "minute", "minutes",
              "h", "hr", "hour", "hours", "day", "days", "week", "month", "months", "year",
              "years", "request", "user", "query")  # fmt: skip


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    """The word without its ending: `balancing`, `balancers` -> `balanc`; a short word's
    plural `s` goes only after a vowel (`ids` -> `id`, `ops` -> `op`), so a name that
    ends in `s` keeps it (`dns`, `sqs`); an abbreviation's plural (`LBs`) is spelt out
    before this, from the vocabulary."""
    if len(word) <= 3 or not word.isalpha():
        # The stemmer's own rule for a word this short, without loading it: a plural `s`
        # goes when a vowel stands before the letter it follows.
        plural = len(word) == 3 and word[0] in "aeiou" and word[2] == "s" and word[1] not in "su"
        return word[:2] if plural else word
    return str(_stemmer().stemWord(word))


def spelt_words(text: str) -> frozenset[str]:
    """The words of a text long enough to be mistaken for a typo of another (4 letters or
    more), lowercase and accents off."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    # Letters kept, all else a space (a table lookup in C: a regex costs a third more).
    words = set(text.lower().encode().translate(_LETTERS).decode().split())
    return frozenset(word for word in words if len(word) > 3)


_LETTERS = bytes(code if 0x61 <= code <= 0x7A else 0x20 for code in range(256))


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text[:MAX_GRADED_CHARS])
    return text.encode("ascii", "ignore").decode().lower()


def raw_words(text: str, shorthand: Mapping[str, str] | None = None) -> list[str]:
    """Lowercase words and clause marks, accents off, `L.B.` read as `lb`, `isn't` as `is not`,
    `/` between a thing and a time as `per`, and between two things as `or`, as is `vs`;
    `pub/sub` one word where the two make a word of the field's `shorthand` (its
    abbreviations, and what they stand for)."""
    text = _ascii(text)
    text = re.sub(r"\b([a-z])\.(?=[a-z]\b)", r"\1", text)  # l.b. -> lb.
    text = re.sub(r"\bi['\u2019]d\b", "i would", text)
    text = re.sub(r"n['\u2019]t\b", " not", text)
    text = re.sub(r"\bcan ?not\b", "can not", text)
    text = re.sub(r"['\u2019]", "", text)
    time = "|".join(TIME_WORDS)
    text = re.sub(rf"\s*/\s*(?=(?:{time})\b)", " per ", text)
    text = re.sub(r"\s*(?:&|\+)\s*", " and ", text)
    text = re.sub(r"\b(?:vs|versus)\b\.?", " or ", text)  # two sides named, neither picked
    text = re.sub(r"(?:^|(?<=\s))/(?=[a-z])", " ", text)  # a path: `POST /shorten`
    text = re.sub(r"(?<=\d)/(?=\d)", " ", text)  # `301/302`: examples, not a second answer
    shorthand = shorthand or {}
    text = re.sub(r"\b([a-z]+)/([a-z]+)\b", lambda match: _slashed(match, shorthand), text)
    text = re.sub(r"\s*/\s*", " or ", text)
    tokens = re.findall(r"\d+(?:\.\d+)+|[a-z0-9]+|[,;.:!?()\[\]]|->|=>|\bor\b", text)
    return [BOUNDARY if re.fullmatch(r"[,;.:!?()\[\]]|->|=>", token) else token
            for token in tokens]  # fmt: skip


def _slashed(match: re.Match[str], shorthand: Mapping[str, str]) -> str:
    """`k/v`, `i/o`, `pub/sub`: one word when both sides are letters or the two make a
    word of the field's shorthand; else the slash is left to read as `or`."""
    one, other = match.group(1), match.group(2)
    if len(one) == len(other) == 1 or one + other in shorthand:
        return one + other
    if f"{one} {other}" in shorthand.values():  # `publish/subscribe`
        return f"{one} {other}"
    return match.group(0)
