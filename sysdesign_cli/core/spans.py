"""Where an accepted phrase's words stand in an answer: whole words, each the same up to
its ending (`balancing` is `balancer`) or a small typo of a long word that is not itself
a word of the field or of the course (`laod` is `load`; `stale` is never `stall`);
opposites (`synchronous`, `asynchronous`) never count for each other however close they
are spelt; a span takes all of an abbreviation or synonym it touches.
"""

from __future__ import annotations

from sysdesign_cli.core.words import OR, Word, compiled, stem

PROSE_TYPO = 6  # in free prose only words this long forgive a typo
EXACT = 1_000  # as `min_typo`: no typo forgiven (looking for the field's own names)


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
    if said.stem in vocab.known or said.text in vocab.spelt:
        return False  # a word of the field or of the course is spelt right: no typo
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
    parts = [w.text for w in wanted]
    for start, word in enumerate(said):
        if size > 1 and _run_together(parts, word.text, min_typo, typed_whole=True):
            spans.append((start, start + 1))
        pair = said[start : start + 2]
        if (size == 1 and len(pair) == 2 and not any(w.boundary for w in pair)
                and _run_together([w.text for w in pair], parts[0], min_typo,
                                  typed_whole=False)):  # fmt: skip
            spans.append((start, start + 2))
    return sorted(set(spans))


def _run_together(parts: list[str], whole: str, min_typo: int, *, typed_whole: bool) -> bool:
    """Whether the words `parts` run together are the one word `whole` (`load balancer`
    and `loadbalancer`, either side typed as one word), a typo allowed only inside one
    part, the first or the last spelt whole in its place: `loadbalancr` and `laodbalancer`
    are the load balancer, but `one load` is not `overload` (its `load` is whole, but
    `one` is no typo of `over`). `typed_whole`: the one word is the learner's."""
    joined = "".join(parts)
    if stem(joined) == stem(whole) or joined == whole:
        return True
    said, wanted = (whole, joined) if typed_whole else (joined, whole)
    if not same_word(Word(said, stem(said)), Word(wanted, stem(wanted)), min_typo):
        return False
    first, last = parts[0], parts[-1]
    if whole.startswith(first):
        said, wanted = said[len(first):], wanted[len(first):]
    elif whole.endswith(last):
        said, wanted = said[: -len(last)], wanted[: -len(last)]
    else:
        return False
    return said == wanted or same_word(Word(said, stem(said)), Word(wanted, stem(wanted)), 1)


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
