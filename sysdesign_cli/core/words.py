"""The words of an answer, as the graders read them.

Lowercase, accents off, `L.B.` read as `lb`, `isn't` as `is not`, `/` between a thing and
a time as `per`; each word with its stem (`balancing`, `balancers` -> `balanc`); the
field's abbreviations spelt out and synonyms made one, from the vocabulary, which is
curriculum data (`curricula/vocabulary.yaml`, extendable by an extra folder).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import Any

from sysdesign_cli.core import tokens
from sysdesign_cli.core.tokens import BOUNDARY, TIME_WORDS, _ascii, spelt_words, stem

__all__ = ["BOUNDARY", "TIME_WORDS", "raw_words", "spelt_words", "stem"]

# Words that carry no meaning in a phrase: `single point of failure` is said by
# `single point failure`, `time to live` by `time-to-live`.
STOPWORDS = frozenset((
    "a", "an", "the", "of", "to", "for", "some", "any", "its", "it", "my", "our", "your",
    "their", "this", "that", "these", "those", "is", "are", "be", "been", "was", "were", "i",
    "we", "you", "they", "would", "will", "should", "could", "can", "use", "using", "used",
    "add", "adding", "put", "putting", "have", "has", "had", "there", "here", "just",
))
OR = "or"
NEGATORS = frozenset((
    "not", "no", "never", "nor", "neither", "instead", "rather", "than", "except", "unlike",
    "none", "nothing", "non", "without",
))


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """The field's shorthand: abbreviations, synonym groups, opposites, names of parts,
    longer names made of other names."""

    abbreviations: dict[str, str] = field(default_factory=dict)
    synonyms: tuple[tuple[str, ...], ...] = ()
    opposites: tuple[tuple[str, str], ...] = ()
    terms: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    # Where the words the course itself writes come from: sets of them, or functions that
    # give one (a folder's words are read from its files only when a typed answer is
    # first graded: most commands never need them).
    spelt_by: tuple[frozenset[str] | Callable[[], frozenset[str]], ...] = ()

    @cached_property
    def words(self) -> frozenset[str]:
        """Words the course itself writes, so spelt right: none of them is read as a typo
        of another word (`stale` is not `stall`, `lane` is not `late`, `shared` is not
        `shard`)."""
        return frozenset().union(*(
            part if isinstance(part, frozenset) else part() for part in self.spelt_by
        ))  # fmt: skip

    def merged(self, other: Vocabulary) -> Vocabulary:
        """These entries and `other`'s; an abbreviation listed in both takes `other`'s."""
        return Vocabulary(
            {**self.abbreviations, **other.abbreviations},
            self.synonyms + other.synonyms,
            self.opposites + other.opposites,
            self.terms + other.terms,
            self.names + other.names,
            self.spelt_by + other.spelt_by,
        )

    def with_words(self, text: str) -> Vocabulary:
        """These entries, knowing the words of `text` as spelt right."""
        return replace(self, spelt_by=(*self.spelt_by, spelt_words(text)))

    @classmethod
    def from_model(cls, model: Any) -> Vocabulary:
        """From the curriculum's `Vocabulary` model (or any object with the same fields)."""
        return cls(
            {key.lower(): value for key, value in model.abbreviations.items()},
            tuple(tuple(group) for group in model.synonyms),
            tuple((pair[0], pair[1]) for pair in model.opposites),
            tuple(model.terms),
            tuple(model.names),
        )


_active: Vocabulary | None = None
MIN_PART = 3  # `pub sub` joins as `pubsub`; `a sync` stays two words (not `async`)


def raw_words(text: str) -> list[str]:
    """The words of `text` as typed (see `tokens.raw_words`), read with the shorthand of
    the vocabulary in use (`pub/sub` is one word, and so are `pub sub` and `pub-sub`: two
    words of three letters or more that together spell an abbreviation)."""
    shorthand = active_vocabulary().abbreviations
    words = tokens.raw_words(text, shorthand)
    joined: list[str] = []
    for word in words:
        pair = (joined[-1] + word) if joined else ""
        if (pair in shorthand and min(len(word), len(joined[-1])) >= MIN_PART
                and word.isalpha() and joined[-1].isalpha()):  # fmt: skip
            joined[-1] = pair
        else:
            joined.append(word)
    return joined


def use_vocabulary(vocabulary: Vocabulary | None) -> None:
    """Grade with this vocabulary from now on (None: the built-in one)."""
    global _active
    _active = vocabulary


def active_vocabulary() -> Vocabulary:
    """The vocabulary in use: the curriculum's, or the built-in one read on first use."""
    global _active
    if _active is None:
        from sysdesign_cli.core.folder_vocabulary import builtin_vocabulary

        _active = builtin_vocabulary()
    return _active


@dataclass(frozen=True)
class Word:
    """One word of an analysed text: as typed (abbreviations spelt out) and its stem."""

    text: str
    stem: str
    group: int = 0  # words spelt out from one abbreviation or synonym share a number

    @property
    def boundary(self) -> bool:
        return self.text == BOUNDARY


class _Compiled:
    """A vocabulary turned into lookups on stems."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.abbreviations = {key: value.lower().split() for key, value in
                              vocabulary.abbreviations.items()}  # fmt: skip
        self.synonyms: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
        for group in vocabulary.synonyms:
            canonical = self._stems(group[0])
            # The usual phrase maps to itself, so `message queue` is not read as `message`
            # followed by the synonym `queue`.
            self.synonyms.append((canonical, canonical))
            for member in group[1:]:
                stems = self._stems(member)
                if stems and stems != canonical:
                    self.synonyms.append((stems, canonical))
        self.synonyms.sort(key=lambda pair: -len(pair[0]))
        self.by_first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
        for member, canonical in self.synonyms:
            self.by_first.setdefault(member[0], []).append((member, canonical))
        self.opposites: set[tuple[str, ...]] = set()
        self.opposite_phrases: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
        for one, other in vocabulary.opposites:
            a, b = self._stems(one, synonyms=True), self._stems(other, synonyms=True)
            if len(a) == 1 and len(b) == 1:
                self.opposites |= {(a[0], b[0]), (b[0], a[0])}
            self.opposite_phrases += [(a, b), (b, a)]
        self.terms = [self._stems(term, synonyms=True) for term in vocabulary.terms]
        self.term_stems = {word for term in self.terms for word in term}
        # Multi-word names of the field: a match inside one of them names something else
        # (`system` inside `domain name system`).
        phrases = {self._stems(" ".join(words), synonyms=True)
                   for words in self.abbreviations.values()}  # fmt: skip
        phrases |= {canonical for _, canonical in self.synonyms}
        phrases |= set(self.terms)
        phrases |= {phrase for pair in self.opposite_phrases for phrase in pair}
        # Longer names whose words are other names: `replica lag` is not a replica.
        self.names = [self._stems(name, synonyms=True) for name in vocabulary.names]
        phrases |= set(self.names)
        self.phrases = [phrase for phrase in phrases if len(phrase) > 1]
        # An abbreviation's words name one thing together: none of them is left out alone.
        self.atomic = [self._stems(" ".join(words)) for words in self.abbreviations.values()]
        self.atomic = [phrase for phrase in self.atomic if len(phrase) > 1]
        known = {word for words in self.abbreviations.values() for word in words}
        known |= {word for group in vocabulary.synonyms for phrase in group
                  for word in _ascii(phrase).split()}  # fmt: skip
        known |= {word for pair in vocabulary.opposites for phrase in pair
                  for word in _ascii(phrase).split()}  # fmt: skip
        known |= {word for term in vocabulary.terms + vocabulary.names
                  for word in _ascii(term).split()}  # fmt: skip
        self.known = {stem(word) for word in known}
        self.spelt = vocabulary.words

    def stems(self, phrase: str, synonyms: bool = False) -> tuple[str, ...]:
        """A phrase's stems, abbreviations spelt out (and synonyms made one)."""
        return self._stems(phrase, synonyms)

    def _stems(self, phrase: str, synonyms: bool = False) -> tuple[str, ...]:
        words = [w for w in self.expand(raw_words(phrase)) if w != BOUNDARY and w not in STOPWORDS]
        stems = [Word(w, stem(w)) for w in words]
        if synonyms:
            stems = self.canonical(stems)
        return tuple(word.stem for word in stems)

    def expand(self, words: list[str]) -> list[str]:
        """Abbreviations spelt out: `lbs` -> `load balancers`."""
        return [word for word, _ in self.expand_grouped(words)]

    def expand_grouped(self, words: list[str]) -> list[tuple[str, int]]:
        """Abbreviations spelt out, each expansion's words numbered as one group."""
        out: list[tuple[str, int]] = []
        for index, word in enumerate(words, 1):
            if word in self.abbreviations:
                spelt = self.abbreviations[word]
            elif word.endswith("s") and word[:-1] in self.abbreviations and len(word) > 2:
                *head, last = self.abbreviations[word[:-1]]
                spelt = [*head, last if last.endswith("s") else last + "s"]
            else:
                out.append((word, 0))
                continue
            group = index if len(spelt) > 1 else 0
            out += [(part, group) for part in spelt]
        return out

    def canonical(self, words: list[Word]) -> list[Word]:
        """Synonyms replaced by the usual phrase of their group."""
        out: list[Word] = []
        index = 0
        while index < len(words):
            for member, canonical in self.by_first.get(words[index].stem, ()):
                size = len(member)
                if tuple(w.stem for w in words[index : index + size]) == member:
                    if member == canonical:
                        out += words[index : index + size]
                    else:
                        group = 10_000 + index if len(canonical) > 1 else 0
                        out += [Word(s, s, group) for s in canonical]
                    index += size
                    break
            else:
                out.append(words[index])
                index += 1
        return out


_HTTP_METHODS = frozenset(("get", "put", "post", "patch", "delete", "head", "options"))

_compiled_cache: list[tuple[Vocabulary, _Compiled]] = []


def compiled() -> _Compiled:
    """The active vocabulary, compiled into lookups on stems."""
    if _compiled_cache and _active is _compiled_cache[0][0]:
        return _compiled_cache[0][1]
    vocabulary = active_vocabulary()
    if not _compiled_cache or _compiled_cache[0][0] is not vocabulary:
        _compiled_cache[:] = [(vocabulary, _Compiled(vocabulary))]
    return _compiled_cache[0][1]


def analyse(text: str, *, synonyms: bool = True) -> list[Word]:
    """The meaningful words of `text`, abbreviations spelt out, synonyms made one (unless
    `synonyms` is false: the words as written), with clause marks (`|`) and `or` kept for
    the negation and hedging checks."""
    return list(_analysed(text[: tokens.MAX_GRADED_CHARS], id(compiled()), synonyms))


@lru_cache(maxsize=4_096)
def _analysed(text: str, _vocabulary: int, synonyms: bool = True) -> tuple[Word, ...]:
    vocab = compiled()
    # An HTTP method typed in capitals among lower-case words is the method, though the
    # same word in lower case is filler (`PUT or POST` offers two methods; `put it there`,
    # `THE code` say nothing more).
    named = ({w.lower() for w in re.findall(r"\b[A-Z]{3,}\b", text)} & _HTTP_METHODS
             if re.search(r"[a-z]", text) else set())  # fmt: skip
    words = [(w, g) for w, g in vocab.expand_grouped(raw_words(text))
             if w not in STOPWORDS or w in NEGATORS or w in named]  # fmt: skip
    said = [Word(w, stem(w), g) for w, g in words]
    return tuple(vocab.canonical(said) if synonyms else said)


def fold(text: str) -> str:
    """Lowercase, accents and punctuation off, abbreviations spelt out, no leading article."""
    return _folded(text[: tokens.MAX_GRADED_CHARS], id(compiled()))


@lru_cache(maxsize=4_096)
def _folded(text: str, _vocabulary: int) -> str:
    words = [w for w in compiled().expand(raw_words(text)) if w != BOUNDARY]
    while words and words[0] in ("a", "an", "the"):
        words.pop(0)
    return " ".join(words)
