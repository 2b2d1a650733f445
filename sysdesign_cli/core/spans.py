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
