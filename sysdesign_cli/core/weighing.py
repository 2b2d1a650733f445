"""A cost said to be absent weighs it only with its reason: `a counter never collides`
weighs collisions (a counter's codes cannot clash), `it never collides` does not.

A key point that may be made either way (`either_way`: codes can collide, or never do)
is made by its phrase denied with `never` only when the sentence says what makes it so:
a name before the denial other than a pronoun or the point's own words (`auto increment,
it never collides`), or a reason after `because`, `since` or `as`. A plain `no` (`no
collisions to check`) or a contrast (`unlike a counter`) claims nothing for all time, and
a point that is itself an absence (`No stream of empty requests`) is made by saying so.
`it never collides` and `codes never collide` claim the cost away with nothing behind the
claim: for a scheme whose codes do collide that is wrong, and the answer has not said
which scheme it means.
"""

from __future__ import annotations

import re
from typing import Any

from sysdesign_cli.core.spans import PROSE_TYPO, find
from sysdesign_cli.core.words import NEGATORS, OR, analyse

_SENTENCES = re.compile(r"[.!?](?:\s+|$)")
_REASON = re.compile(r"\b(?:because|since|as|given|thanks to|due to)\b", re.I)


def _own_stems(point: Any) -> set[str]:
    """The stems of the words the point's own phrasings use (`code` in `same code twice`)."""
    return {w.stem for phrase in [*point.shows, *point.contradicts]
            for w in analyse(phrase.replace("...", " ")) if not w.boundary}  # fmt: skip


def _named(words: list[Any], own: set[str]) -> bool:
    return any(not w.boundary and w.text != OR and w.text not in NEGATORS and w.stem not in own
               for w in words)  # fmt: skip


def weighed(answer: str, phrase: str, point: Any) -> bool:
    """Whether `answer`, which says `phrase` of `point` only negated (`never collides`),
    says why in that sentence: a name before the denial that is not the point's own word,
    or a reason after `because`/`since`/`as`; a denial other than `never`, or of a point
    that is an absence, needs none."""
    if any(w.text in NEGATORS for w in analyse(point.point)):
        return True  # the point is an absence (`No stream of empty requests`): said so
    wanted = [w for w in analyse(phrase) if not w.boundary and w.text != OR]
    own = _own_stems(point)
    for sentence in _SENTENCES.split(answer):
        said = analyse(sentence)
        spans = find(wanted, said, PROSE_TYPO, either_order=False)
        if not spans:
            continue
        start = min(begin for begin, _ in spans)
        negators = [w.text for w in said[:start] if w.text in NEGATORS]
        if not negators or negators[-1] != "never":
            return True  # `no empty requests`, `unlike a counter`: no claim it never happens
        if _named(said[:start], own):
            return True
        reason = _REASON.search(sentence)
        if reason and _named(analyse(sentence[reason.end():]), own):
            return True
    return False
