"""What an answer's other words say about the thing it names: how many of it, against the
count the prompt asks for (`a single address` for "one ____", never `many addresses`),
and which other part of the field it belongs to (`a CDN cache` is the CDN's, not the
cache block; `a replica of the cache` is not a database replica).
"""

from __future__ import annotations

from functools import lru_cache

from sysdesign_cli.core.spans import find
from sysdesign_cli.core.words import BOUNDARY, STOPWORDS, Word, compiled, raw_words, stem

# Words that count the thing named, grouped by the count they mean.
QUANTITIES = (
    ("one", "single", "sole", "lone"),
    ("several", "multiple", "many", "various", "numerous"),
)


@lru_cache(maxsize=1)
def _groups() -> tuple[frozenset[str], ...]:
    return tuple(frozenset(stem(word) for word in group) for group in QUANTITIES)


@lru_cache(maxsize=1)
def _all() -> frozenset[str]:
    return frozenset().union(*_groups())

_ARTICLES = frozenset(("a", "an", "the", "its", "their"))


def gap_count(before_gap: frozenset[str]) -> frozenset[str]:
    """The stems of the count words meaning the count right before the prompt's gap
    (`single`, `sole`... for "at one ____"), or none."""
    return frozenset().union(*(group for group in _groups() if group & before_gap))


def counts_asked(asked: frozenset[str], counted: frozenset[str]) -> frozenset[str]:
    """The prompt's words, its count words replaced by those meaning the gap's count: an
    answer's `single` echoes "one ____"; its `many` echoes nothing, even where the prompt
    says "however many machines"."""
    return asked - _all() | counted if counted else asked


def miscounts(said: list[Word], counted: frozenset[str]) -> bool:
    """Whether the answer counts the thing asked for otherwise than the gap does (`many
    addresses` for "one ____", `a single data centre` for "several ____")."""
    return bool(counted) and any(w.stem in _all() - counted for w in said)


def _words(answer: str) -> list[Word]:
    """The answer's words with the small ones kept (`of`, `the`), synonyms made one."""
    vocab = compiled()
    words = [Word(w, stem(w), g) for w, g in vocab.expand_grouped(raw_words(answer))]
    return vocab.canonical(words)


def _matches_at(words: list[Word], at: int, phrase: tuple[str, ...]) -> bool:
    return tuple(w.stem for w in words[at : at + len(phrase)]) == phrase


_blocks: list[tuple[object, frozenset[tuple[str, ...]]]] = []


def _block_names() -> frozenset[tuple[str, ...]]:
    """The names of the blocks a design is made of (`cache`, `read replica`, `CDN`), as
    stems, abbreviations spelt out and synonyms made one."""
    vocab = compiled()
    if not _blocks or _blocks[0][0] is not vocab:
        from sysdesign_cli.core.graph.kinds import KINDS

        names = frozenset(vocab._stems(alias, synonyms=True)
                          for kind in KINDS for alias in (kind.id, *kind.aliases))  # fmt: skip
        _blocks[:] = [(vocab, names - {()})]
    return _blocks[0][1]


def belongs_elsewhere(answer: str, wanted: list[Word], accepted: set[str]) -> bool:
    """Whether every place the answer says `wanted`, a block, qualifies it by another
    block that no accepted answer names: right before it (`CDN cache`) or after `of`
    (`replica of the cache`). A part an accepted answer names qualifies nothing away
    (`replica of the database` where `database replica` is accepted)."""
    vocab = compiled()
    blocks = _block_names()
    if tuple(w.stem for w in wanted) not in blocks:
        return False  # not a block: an `S3 key` is a key, `database replication` replication
    words = _words(answer)
    spans = [(start, end) for start, end in find(wanted, words)
             if not any(w.text == BOUNDARY or w.text in STOPWORDS for w in words[start:end])]
    if not spans:
        return False
    wanted_stems = {w.stem for w in wanted}
    others = [term for term in vocab.terms if term in blocks
              and not set(term) <= accepted and not set(term) & wanted_stems]  # fmt: skip

    def qualified(start: int, end: int) -> bool:
        for term in others:
            if start >= len(term) and _matches_at(words, start - len(term), term):
                return True
            after = end
            if after < len(words) and words[after].text == "of":
                after += 1
                while after < len(words) and words[after].text in _ARTICLES:
                    after += 1
                if _matches_at(words, after, term):
                    return True
        return False

    return all(qualified(start, end) for start, end in spans)
