"""The words of a learner's answer that said a rubric's phrase, quoted as they typed them.

The rubric reads `single db` as its phrase `single database`; shown back, the finding
quotes `single db`, the learner's own words, not the phrase of the rubric. A phrase said
only in a reading of the answer (a pronoun resolved, `replicate it` read as `replicate
the load balancer`) is quoted from the answer's own words where they hold it, else as
the rubric says it.
"""

from __future__ import annotations

import re

from sysdesign_cli.core.textmatch import saying

MAX_WORDS = 14  # the longest stretch of an answer a phrase is looked for in
_WORD = re.compile(r"\S+")
_TRIM = ",;:!?()[]\"'"


def own_words(answer: str, phrase: str) -> str:
    """The shortest stretch of `answer` that says `phrase` (or, for `not X`, that denies
    X), as typed; `phrase` itself when no stretch of the answer does."""
    denied = phrase.startswith("not ")
    wanted, verdict = (phrase[4:], "negated") if denied else (phrase, "yes")
    tokens = list(_WORD.finditer(answer))
    for size in range(1, min(MAX_WORDS, len(tokens)) + 1):
        for start in range(len(tokens) - size + 1):
            first, last = tokens[start], tokens[start + size - 1]
            text = answer[first.start():last.end()]
            if saying(text, wanted, prose=True)[0] == verdict:
                return _trimmed(text) or phrase
    return phrase


def _trimmed(text: str) -> str:
    """`text` without the punctuation around it, keeping a dotted abbreviation's (`L.B.`)."""
    text = text.strip(_TRIM)
    if text.endswith(".") and not re.search(r"(?:^|[\s.])\w\.$", text):
        text = text.rstrip(".")
    return text
