"""Words typed cut short: `reqs` for `requirements`, `config` for `configuration`. A word
the course never writes, that is the start of a long word of an accepted answer (its
plural `s` kept), may be read as that word; a real word never is (`late` is not
`latency`), and the field's shorthand may be (`reqs`: requests, or requirements)."""

from __future__ import annotations

import re

from sysdesign_cli.core.words import BOUNDARY, compiled, raw_words

MIN_KEPT = 4  # letters the short form keeps (`add` is not `address`, `red` not `redundancy`)
MIN_KEPT_SHORTHAND = 3  # ... the field's shorthand fewer (`reqs`: requirements)
MIN_LONG = 7  # letters of a word worth cutting short
MIN_CUT = 3  # letters cut off


def _clipping(short: str, long: str, least: int = MIN_KEPT) -> bool:
    plural = short.endswith("s") and long.endswith("s") and not short.endswith("ss")
    kept = short[:-1] if plural else short
    whole = long[:-1] if plural else long
    return (len(long) >= MIN_LONG and len(kept) >= least and kept.isalpha()
            and len(whole) - len(kept) >= MIN_CUT and whole.startswith(kept))  # fmt: skip


def unclipped(answer: str, accepted: list[str]) -> list[str]:
    """The answer with each word cut short from a word of an accepted answer written out,
    one reading per such word (none when nothing was cut short)."""
    vocab = compiled()
    long_words = {word for option in accepted for word in raw_words(option) if word != BOUNDARY}
    readings = []
    for short in dict.fromkeys(w for w in raw_words(answer) if w != BOUNDARY):
        shorthand = short in vocab.abbreviations or short.rstrip("s") in vocab.abbreviations
        if (short in vocab.spelt and not shorthand) or short in long_words:
            continue  # a real word, or shorthand that may stand for more than one
        for long in sorted(long_words):
            # Shorthand read again only as a plural of a plural (`reqs`: requirements),
            # never a unit's clipping as another word (`sec` is not `secondary`).
            if shorthand and not (short.endswith("s") and long.endswith("s")):
                continue
            if _clipping(short, long, MIN_KEPT_SHORTHAND if shorthand else MIN_KEPT):
                readings.append(re.sub(rf"\b{re.escape(short)}\b", long, answer, flags=re.I))
    return readings
