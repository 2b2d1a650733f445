"""Which block a sentence says a key point of.

A rubric point about one block (the load balancer) is made by a sentence about that
block, not by one that names it beside another: "the app servers are a single point of
failure behind the load balancer" says the app servers are one; "the database is a
single point of failure behind the load balancer; add a replica with failover" makes the
database's point and its fix, not the load balancer's.

A phrase that names no block is said of the block the sentence speaks of where it
stands: the nearest block named before it, passing over one that only qualifies the
name before it (`the database behind the load balancer`, `the load balancer in front
of the app servers`); else the first one named after it (`a single point of failure:
the load balancer`). A phrase that names a block is said of it, two names run together
counting as one (`standby load balancer` is a load balancer, `database server` a
database).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sysdesign_cli.core.graph import kinds
from sysdesign_cli.core.textmatch import saying
from sysdesign_cli.core.words import BOUNDARY, NEGATORS, STOPWORDS, Word, compiled, raw_words, stem

PREPOSITIONS = frozenset((
    "of", "in", "behind", "before", "after", "between", "with", "from", "into", "over",
    "under", "on", "at", "via", "through", "beside", "across", "above", "below", "to", "for",
    "onto", "toward", "towards", "near", "inside", "within", "among", "past", "than", "like",
))  # fmt: skip
_QUALIFYING = 5  # words at most between a name and one that qualifies it
_LINKING = frozenset(("so", "and", "then", "but", "yet", "thus", "even", "still"))
_ADJECTIVES = frozenset(("standby", "secondary"))  # a replica's names that also qualify
_HEADS = frozenset(("server", "servers", "service", "box", "machine", "node", "cluster"))


@dataclass(frozen=True)
class Named:
    """A block named in a sentence: where (indexes of its words) and its kind's group."""

    start: int
    end: int
    group: str
    qualifies: bool  # it only qualifies the name before it (`db behind the lb`)


def groups_of(about: Iterable[str]) -> set[str]:
    """The kinds' groups (a replica is a database) that `about` words name."""
    found = (kinds.resolve(word) for word in about)
    return {kinds.BY_ID[each.kind].group for each in found if each is not None}


def said_of(sentence: str, phrase: str, groups: set[str]) -> bool | None:
    """Whether `phrase`, said in `sentence`, is said of a block of `groups`; None when
    the sentence names no block, or the phrase cannot be placed in it."""
    words = compiled().expand_grouped(raw_words(sentence))
    names = _names([w for w, _ in words])
    if not names:
        return None
    kept = [i for i, (w, _) in enumerate(words) if w not in STOPWORDS or w in NEGATORS]
    meant = [Word(words[i][0], stem(words[i][0]), words[i][1]) for i in kept]
    verdict, spans = saying(meant, phrase, prose=True)
    if verdict != "yes" or not spans:
        return None
    start, end = kept[spans[0][0]], kept[spans[0][1] - 1] + 1
    inside = [n for n in names if n.start < end and start < n.end]
    if inside:
        return inside[-1].group in groups
    before = [n for n in names if n.end <= start]
    subject = [n for n in before if not n.qualifies]
    after = [n for n in names if n.start >= end]
    chosen = subject[-1] if subject else _first_spoken_of(
        [w for w, _ in words], end, after) or (after or before)[0 if after else -1]
    return chosen.group in groups


def _first_spoken_of(words: list[str], end: int, after: list[Named]) -> Named | None:
    """The first block named after the phrase (ending at `end`) that does not only
    qualify it or the name before it (`a single point of failure in front of the app
    servers: the load balancer` speaks of the load balancer)."""
    for name in after:
        if not qualifies(words[end : name.start]):
            return name
        end = name.end
    return None


def _names(words: list[str]) -> list[Named]:
    """The blocks `words` name, longest name first, two run together taken as one."""
    found: list[Named] = []
    index = 0
    while index < len(words):
        hit = _name_at(words, index)
        if hit is None:
            index += 1
            continue
        size, group = hit
        if found and found[-1].end == index:  # `standby load balancer`, `database server`
            last = found.pop()
            head = last.group if words[index] in _HEADS else group
            group = group if words[last.start] in _ADJECTIVES else head
            found.append(Named(last.start, index + size, group, last.qualifies))
        else:
            between = words[found[-1].end : index] if found else []
            found.append(Named(index, index + size, group, qualifies(between)))
        index += size
    return found


def _name_at(words: list[str], index: int) -> tuple[int, str] | None:
    """The size and kind's group of a block's name starting at `index`."""
    for size in (3, 2, 1):
        part = words[index : index + size]
        if len(part) < size or BOUNDARY in part:
            continue
        for last in dict.fromkeys((part[-1], part[-1].removesuffix("s"),
                                   part[-1].removesuffix("es"))):  # fmt: skip
            kind = kinds.alias_kind(" ".join([*part[:-1], last]))
            if kind is not None:
                return size, kinds.BY_ID[kind].group
    return None


def qualifies(between: list[str]) -> bool:
    """Whether a block's name after the words `between` it and the name before it only
    qualifies that one (`behind the`, `in front of the two`), rather than being a thing
    the sentence goes on to speak of (`send writes to the`)."""
    # The clause the name stands in (`lb, in front of`; `db has one copy, so with the`),
    # after a word that links it to the one before (`so`, `and`).
    words = between[len(between) - between[::-1].index(BOUNDARY):] if (
        BOUNDARY in between) else between  # fmt: skip
    while words[:1] and words[0] in _LINKING:
        words = words[1:]
    return 0 < len(words) <= _QUALIFYING and words[0] in PREPOSITIONS
