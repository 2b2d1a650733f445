"""What an answer rules out or hedges: a negated phrase (`not a load balancer`, `no CDN`,
`a CDN is not needed`), the one given up in `availability over consistency`, and a
second answer offered beside the right one (`a load balancer or a cache`, `LB and DNS`).
"""

from __future__ import annotations

from sysdesign_cli.core.spans import EXACT, find
from sysdesign_cli.core.words import BOUNDARY, NEGATORS, OR, STOPWORDS, Word, compiled

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


# Words that join the items of a list without saying anything about them.
JOINERS = frozenset(("and", "or", "plus", "also", "a", "an", "the", OR))
_ARTICLES = frozenset(("a", "an", "the"))
# Words that relate names, making a claim of them: `shard by user id`.
LINKS = frozenset((
    "by", "with", "in", "on", "at", "from", "over", "via", "behind", "before", "after",
    "into", "so", "because", "since", "but", "then", "when", "if", "while", "until", "per",
    "than", "as", "not", "no", "without", "instead", "only", "each", "every", "all",
))


def names_only(
    said: list[Word], named: set[int], items: int, *, raw: list[str] | None = None,
    stray: int = 0, at_least: int = 2,
) -> bool:  # fmt: skip
    """Whether an answer is a list of names and nothing more (`spof replica`, `cache, cdn,
    load balancer`): `items` names (at least `at_least`) at the indices `named` of `said`,
    every other word a joiner or filler but at most `stray` of them; and, given the words
    as typed (`raw`), none that relates the names (`use`, `by`, `so`...)."""
    if items < at_least:
        return False
    if raw is not None:
        typed = [w for w in raw if w != BOUNDARY and w not in JOINERS]
        if not typed or any(w in STOPWORDS or w in LINKS for w in typed):
            return False
        if any(w in _ARTICLES and at and raw[at - 1] not in JOINERS and raw[at - 1] != BOUNDARY
               for at, w in enumerate(raw)):  # fmt: skip
            return False  # `buffers the spike`: an article after a verb, a sentence
    content = [i for i, w in enumerate(said) if not w.boundary and w.text not in JOINERS
               and w.text not in FILLER and w.text not in NEGATORS]  # fmt: skip
    return bool(content) and sum(i not in named for i in content) <= stray


# "more than one zone", "fewer than ten": a count, not "rather than".
_MEASURES = frozenset({"more", "less", "fewer", "greater", "larger", "bigger", "smaller"})


# Helping verbs between a negator and the word it denies: `does not wait`, `can't help`.
HELPERS = frozenset(("do", "does", "did", "is", "are", "was", "were", "be", "been", "can",
                     "ca", "could", "will", "would", "should", "must", "may", "might",
                     "have", "has", "had", "to", "really", "always", "ever", "even"))


def negated(said: list[Word], span: tuple[int, int], *, verb: bool = False) -> bool:
    """Whether the words at `span` are negated: `not a load balancer`, `no CDN`, `without
    a replica`, `instead of a queue`, `a CDN is not needed`. With `verb`, the span is a
    word said of a subject, denied only by a negator right before it or before helping
    verbs only (`does not wait`): in `don't serve the image bytes` the bytes are not
    denied, the serving is."""
    start, end = span
    if _passed_over(said, span):
        return True
    # A phrase that carries its own negator (`nothing is lost`) is a claim of its own: a
    # negator just before it belongs to the claim before (`not overwhelmed and nothing
    # is lost`).
    own = said[start].text in NEGATORS
    for at in [] if own else range(start - 1, max(0, start - 4) - 1, -1):
        word = said[at]
        if word.boundary or word.text in CONTRAST or word.text == OR:
            break
        if verb and word.text not in NEGATORS and word.text not in HELPERS:
            break
        if word.text == "rather" and said[at + 1].text != "than":
            continue  # "would rather refuse X than Y" keeps X: "than" rules out Y
        if word.text == "than" and at and said[at - 1].text in _MEASURES:
            continue  # "more than one zone" counts zones, it rules none out
        if word.text in NEGATORS:
            return True
    if verb:
        return False  # what follows a word said of a subject denies the next one
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


def _passed_over(said: list[Word], span: tuple[int, int]) -> bool:
    """Whether the words at `span` are the one given up in "X over Y" where X is their
    opposite: `availability over consistency` keeps availability, not consistency."""
    start, end = span
    if start == 0 or said[start - 1].text != "over":
        return False
    vocab = compiled()
    before: list[Word] = []
    for word in reversed(said[: start - 1]):
        if word.boundary or word.text == OR:
            break
        before.insert(0, word)
    given_up = tuple(w.stem for w in said[start:end])
    kept = tuple(w.stem for w in before)
    return any(
        given_up[: len(b)] == b and any(kept[i : i + len(a)] == a for i in range(len(kept)))
        for a, b in vocab.opposite_phrases
    )


def segments(said: list[Word], separators: set[str]) -> list[list[Word]]:
    parts: list[list[Word]] = [[]]
    for word in said:
        if word.text in separators:
            parts.append([])
        else:
            parts[-1].append(word)
    return [part for part in parts if part]


def _said_of(said: list[Word], span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    """Whether the words at `span` stand in a clause (between commas or `;`) of their own,
    apart from `others`, with more in it than themselves."""
    start, end = span
    while start > 0 and not said[start - 1].boundary:
        start -= 1
    while end < len(said) and not said[end].boundary:
        end += 1
    if any(start <= a < end for a, _ in others):
        return False
    rest = [w for w in said[start:end] if w not in said[span[0] : span[1]]]
    return any(w.text not in FILLER and w.text not in NEGATORS and w.text != OR for w in rest)


def _clause_of(said: list[Word], indices: set[int]) -> list[int]:
    """The clauses (as their first word's index) that hold any of `indices`."""
    starts, start = [], 0
    for index, word in enumerate([*said, Word(BOUNDARY, BOUNDARY)]):
        if word.boundary or word.text in ("and", "also", "plus"):
            if any(start <= i < index for i in indices):
                starts.append(start)
            start = index + 1
    return starts


def _content_at(said: list[Word], start: int) -> list[int]:
    """The indices of the content words of the clause starting at `start`."""
    out = []
    for index in range(start, len(said)):
        word = said[index]
        if word.boundary or word.text in ("and", "also", "plus"):
            break
        if word.text not in FILLER and word.text not in NEGATORS and word.text != OR:
            out.append(index)
    return out


def _content(part: list[Word]) -> list[Word]:
    return [w for w in part if not w.boundary and w.text not in FILLER and w.text not in NEGATORS]


# Words that bring in examples of what was just named: `a CDN like CloudFront or Akamai`.
EXAMPLES = frozenset(("like", "such", "eg", "example", "including", "incl"))


def _examples(said: list[Word], accepted: list[list[Word]]) -> tuple[int, int] | None:
    """Where the answer gives examples of an accepted answer it has just named (`a CDN
    like CloudFront or Akamai`): they are not a second answer. Examples before any answer
    (`something like a cache or a CDN`) are none."""
    ends = [end for option in accepted for _, end in find(option, said)]
    if not ends:
        return None
    first = min(ends)
    while first < len(said) and said[first].boundary:
        first += 1  # `a CDN, e.g. CloudFront`
    for at in range(first, len(said)):
        if said[at].boundary:
            return None
        if said[at].text in EXAMPLES:
            stop = at + 1
            while stop < len(said) and said[stop].boundary:
                stop += 1  # `e.g.,`
            while stop < len(said) and not said[stop].boundary:
                stop += 1
            return at, stop
    return None


def _names_the_field(words: list[Word], accepted: list[list[Word]]) -> bool:
    """Whether `words` name a term of the field, or an opposite of an accepted answer's
    word, other than the answer itself: then they are another answer, not examples of it
    (`a CDN like a cache`, `horizontal scaling, e.g. vertical`)."""
    vocab = compiled()
    answer = {w.stem for option in accepted for w in option}
    return any(w.stem in vocab.term_stems or any((a, w.stem) in vocab.opposites for a in answer)
               for w in words if w.text not in EXAMPLES and w.stem not in answer)  # fmt: skip


def _related(said: list[Word], one: tuple[int, int], other: tuple[int, int]) -> bool:
    """Whether two names in one clause are related by what is said between them (`the
    replica lags behind the primary`), a claim about both rather than two answers."""
    start, end = sorted((one, other))
    between = said[start[1] : end[0]]
    return not any(w.boundary or w.text == OR for w in between) and any(
        w.text in LINKS and w.text not in NEGATORS for w in between)  # fmt: skip


def hedged(said: list[Word], accepted: list[list[Word]]) -> bool:
    """Whether the answer offers something else beside an accepted answer: `a load balancer
    or a cache`, `LB and DNS`, `vertical and horizontal`. Alternatives that are themselves
    accepted (`TLS/SSL`), and examples of the answer (`a CDN like CloudFront or Akamai`),
    are not a hedge."""
    vocab = compiled()
    examples = _examples(said, accepted)
    if examples:
        at, stop = examples
        if _names_the_field(said[at:stop], accepted):
            return True  # `a load balancer, for example a database`
        said = said[:at] + said[stop:]

    def accepted_in(part: list[Word]) -> bool:
        return any(find(option, part) for option in accepted)

    if any(word.text == OR for word in said):
        for part in segments(said, {OR, "either"}):
            if _content(part) and not accepted_in(part):
                return True
    # A bare list of the field's parts: "cache, cdn, load balancer", "cache database lb".
    parts = segments(said, {BOUNDARY, "and", "also", "plus"})
    right = {i for option in accepted for a, b in find(option, said) for i in range(a, b)}
    others = [span for term in vocab.terms
              for span in find([Word(s, s) for s in term], said, EXACT)
              if not set(range(*span)) & right and not negated(said, span)]  # fmt: skip
    if others and len(parts) > 1 and all(len(_content(part)) <= 4 for part in parts):
        # A list item is a name and nothing more: "the CDN serves it" says something.
        named = {i for span in others for i in range(*span)}
        bare = [index for index in _clause_of(said, named)
                if all(i in named for i in _content_at(said, index))]  # fmt: skip
        if bare:
            return True
    named = right | {i for span in others for i in range(*span)}
    if names_only(said, named, len(set(others)) + bool(right), at_least=3):
        return True  # nothing but names, three or more side by side: a list, not a claim
    # Both sides of an opposite named, neither negated: "vertical and horizontal"; unless
    # the accepted answer names both ("consistency and availability"), or the other side
    # stands in a clause of its own that says something of it ("only the primary,
    # replicas are read-only").
    for one, other in vocab.opposite_phrases:
        a = [Word(s, s) for s in one]
        b = [Word(s, s) for s in other]
        spans_a = [s for s in find(a, said, EXACT) if not negated(said, s)]
        spans_b = [s for s in find(b, said, EXACT)
                   if not negated(said, s) and not _said_of(said, s, spans_a)
                   and not any(_related(said, s, span) for span in spans_a)] if spans_a else []
        if spans_a and spans_b and any(find(a, option) and not find(b, option)
                                       for option in accepted):  # fmt: skip
            return True
    return False
