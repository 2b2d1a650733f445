"""The words of a learner's answer that said a rubric's phrase, quoted as they typed them.

The rubric reads `single db` as its phrase `single database`; shown back, the finding
quotes `single db`, the learner's own words, not the phrase of the rubric. A phrase said
only in a reading of the answer (a pronoun resolved, `replicate it` read as `replicate
the load balancer`) is quoted from the answer's own words where they hold it, else as
the rubric says it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sysdesign_cli.core.textmatch import saying

MAX_WORDS = 14  # the longest stretch of an answer a phrase is looked for in
_WORD = re.compile(r"\S+")
_TRIM = ",;:!?()[]\"'"


def own_words(answer: str, phrase: str) -> str:
    """The shortest stretch of `answer` that says `phrase` (or, for `not X`, that denies
    X), as typed; `phrase` itself when no stretch of the answer does.

    The whole answer is tried first (a phrase said only in a reading of it is not looked
    for word by word); then the first prefix that says it and the last start within it
    narrow the search to one stretch, so a long answer costs a few dozen readings, not
    one per stretch of it."""
    denied = phrase.startswith("not ")
    wanted, verdict = (phrase[4:], "negated") if denied else (phrase, "yes")
    tokens = list(_WORD.finditer(answer))

    def says_it(start: int, end: int) -> bool:  # tokens[start:end]
        text = answer[tokens[start].start():tokens[end - 1].end()]
        return saying(text, wanted, prose=True)[0] == verdict

    if not tokens or not says_it(0, len(tokens)):
        return phrase
    end = _first(lambda n: says_it(0, n), 1, len(tokens))
    start = _last(lambda n: says_it(n, end), 0, end - 1)
    if not says_it(start, end):
        start, end = 0, len(tokens)
    if end - start > 4 * MAX_WORDS:
        return phrase
    for size in range(1, min(MAX_WORDS, end - start) + 1):
        for first in range(start, end - size + 1):
            if says_it(first, first + size):
                text = answer[tokens[first].start():tokens[first + size - 1].end()]
                return _trimmed(text) or phrase
    return phrase


def _first(holds: Callable[[int], bool], low: int, high: int) -> int:
    """The least n in [low, high] for which `holds` (assumed true at `high`) is true,
    found by halving."""
    while low < high:
        middle = (low + high) // 2
        if holds(middle):
            high = middle
        else:
            low = middle + 1
    return high


def _last(holds: Callable[[int], bool], low: int, high: int) -> int:
    """The greatest n in [low, high] for which `holds` (assumed true at `low`) is true."""
    while low < high:
        middle = (low + high + 1) // 2
        if holds(middle):
            low = middle
        else:
            high = middle - 1
    return low


def _trimmed(text: str) -> str:
    """`text` without the punctuation around it, keeping a dotted abbreviation's (`L.B.`)."""
    text = text.strip(_TRIM)
    if text.endswith(".") and not re.search(r"(?:^|[\s.])\w\.$", text):
        text = text.rstrip(".")
    return text
