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
    addresses` for "one ____", `a single data centre` for "several ____"): a count word
    of its first clause, where the thing is named; one in a remark after it counts
    something else (`the domain, served by many servers`)."""
    if not counted:
        return False
    first = next((at for at, w in enumerate(said) if w.text == BOUNDARY), len(said))
    return any(w.stem in _all() - counted for w in said[:first])


def _words(answer: str) -> list[Word]:
    """The answer's words with the small ones kept (`of`, `the`), synonyms made one."""
    vocab = compiled()
    words = [Word(w, stem(w), g) for w, g in vocab.expand_grouped(raw_words(answer))]
    return vocab.canonical(words)


def _matches_at(words: list[Word], at: int, phrase: tuple[str, ...]) -> bool:
    return tuple(w.stem for w in words[at : at + len(phrase)]) == phrase


# A block named after another is that other's only where the field speaks so: a cache
# named after the CDN is the CDN's edge cache (`a CDN cache`), and a copy of a block is
# that block's (`a replica of the cache`). Other qualifiers say what it serves: `a
# database cache` is a cache, `a cache of the db rows` too.
_OWNERS_BEFORE = ("cdn",)  # kinds whose name before a block makes it theirs
_OWNED_AFTER_OF = ("replica",)  # kinds that are someone's after `of`


@lru_cache(maxsize=4)
def _block_names(vocab: object) -> dict[str, frozenset[tuple[str, ...]]]:
    """The names of each kind of block a design is made of (`cache`, `read replica`,
    `CDN`), as stems, abbreviations spelt out and synonyms made one."""
    from sysdesign_cli.core.graph.kinds import KINDS

    return {kind.id: frozenset(vocab.stems(alias, synonyms=True)  # type: ignore[attr-defined]
                               for alias in (kind.id, *kind.aliases)) - {()}
            for kind in KINDS}  # fmt: skip


def belongs_elsewhere(answer: str, wanted: list[Word], accepted: set[str]) -> bool:
    """Whether every place the answer says `wanted`, a block, names it as another block's
    that no accepted answer names: the CDN's right before it (`CDN cache`), or after `of`
    for a copy (`replica of the cache`). A part an accepted answer names qualifies nothing
    away (`replica of the database` where `database replica` is accepted)."""
    vocab = compiled()
    kinds = _block_names(vocab)
    stems = tuple(w.stem for w in wanted)
    kind = next((name for name, names in kinds.items() if stems in names), None)
    if kind is None:
        return False  # not a block: an `S3 key` is a key, `database replication` replication
    words = _words(answer)
    spans = [(start, end) for start, end in find(wanted, words)
             if not any(w.text == BOUNDARY or w.text in STOPWORDS for w in words[start:end])]
    if not spans:
        return False
    wanted_stems = set(stems)

    def others(owners: tuple[str, ...] | None) -> list[tuple[str, ...]]:
        names = [term for name, terms in kinds.items() if name != kind
                 and (owners is None or name in owners) for term in terms]  # fmt: skip
        return [term for term in names if term in vocab.terms
                and not set(term) <= accepted and not set(term) & wanted_stems]  # fmt: skip

    before = others(_OWNERS_BEFORE)
    after = others(None) if kind in _OWNED_AFTER_OF else []

    def qualified(start: int, end: int) -> bool:
        if any(start >= len(term) and _matches_at(words, start - len(term), term)
               for term in before):  # fmt: skip
            return True
        at = end
        if at < len(words) and words[at].text == "of":
            at += 1
            while at < len(words) and words[at].text in _ARTICLES:
                at += 1
            return any(_matches_at(words, at, term) for term in after)
        return False

    return all(qualified(start, end) for start, end in spans)
