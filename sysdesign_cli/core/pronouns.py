"""A fix said of a pronoun (`replicate it`, `add a second one`, `run two of them`) is a
fix of the block the answer named before it.

`the load balancer is a single point of failure; replicate it` replicates the load
balancer, not the database another point of a rubric is about. Before a free answer is
read against its rubric, each such pronoun is replaced by the last block named before it
(`replicate the load balancer`, `add a second load balancer`, `run two load balancers`),
passing over one that only qualifies the name before it (`the database behind the app
servers is a single point of failure; make it redundant` makes the database redundant).
A pronoun with no block before it is left as typed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sysdesign_cli.core.words import active_vocabulary

# Blocks a design draws, beside the vocabulary's names of parts.
_BLOCKS = ("app server", "application server", "web server", "server", "primary",
           "replica", "queue", "worker", "origin", "ledger", "broker", "matcher")  # fmt: skip
_COPY = r"(?:replicate|duplicate|mirror|clone|double|cluster)"
_ONE = r"(?:a second|another|a spare|a backup|a standby|an extra|one more|a redundant)"
_MANY = r"(?:two|2|three|3|several|multiple|more|a pair|a couple)"
_OF = r"(?:a|an) (?:replica|standby|copy|spare|backup|second copy|twin) (?:of|for)"


@lru_cache(maxsize=8)
def _names(_vocabulary: int) -> re.Pattern[str]:
    """The names of blocks a design draws (the kinds' own names, not the vocabulary's
    ideas: `replicate it` after `latency is high` is no fix of latency)."""
    from sysdesign_cli.core.graph.kinds import KINDS

    vocabulary = active_vocabulary()
    terms = {alias for kind in KINDS for alias in (kind.label.lower(), *kind.aliases)}
    terms |= set(_BLOCKS)
    short = {key for key, value in vocabulary.abbreviations.items() if value in terms}
    names = sorted(terms | short, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")(?:e?s)?\b", re.I)


_PRONOUN = re.compile(
    rf"\b(?P<copy>{_COPY}) (?:it|them)\b"
    rf"|\bmake (?:it|them) (?P<made>redundant|highly available)\b"
    rf"|\b(?P<of>{_OF}) (?:it|them)\b"
    rf"|\b(?P<one>{_ONE}) one\b"
    rf"|\b(?P<many>{_MANY}) of them\b", re.I)


def _qualifies(text: str, end: int, start: int) -> bool:
    """Whether the name at `start` only qualifies the one ending at `end`."""
    from sysdesign_cli.core.point_subject import qualifies
    from sysdesign_cli.core.words import raw_words

    return qualifies(raw_words(text[end:start]))


def _plural(name: str) -> str:
    return name if name.lower().endswith("s") else f"{name}s"


def resolve(text: str) -> str:
    """`text` with each pronoun of a fix replaced by the block named last before it."""
    names = _names(id(active_vocabulary()))
    out, last = [], 0
    for match in _PRONOUN.finditer(text):
        before = list(names.finditer(text, 0, match.start()))
        if not before:
            continue
        free = [name for previous, name in zip([None, *before], before, strict=False)
                if previous is None or not _qualifies(text, previous.end(), name.start())]
        block = (free or before)[-1].group(1)
        if match["copy"]:
            said = f"{match['copy']} the {block}"
        elif match["made"]:
            said = f"make the {block} {match['made']}"
        elif match["of"]:
            said = f"{match['of']} the {block}"
        elif match["one"]:
            said = f"{match['one']} {block}"
        else:
            said = f"{match['many']} {_plural(block)}"
        out += [text[last:match.start()], said]
        last = match.end()
    return "".join(out) + text[last:]
