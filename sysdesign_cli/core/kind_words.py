"""The word that tells a kind from its opposite, typed alone: `strong` for strong
consistency. Where the field names two kinds of one thing by opposite words (`strong` and
`eventual` consistency, `vertical` and `horizontal` scaling), the distinguishing word
says which one; a word with no such named opposite kind says nothing alone (`read` for
`read replica`: there is no `write replica` in the field's names), nor one that tells the
kinds of two things apart (`horizontal`: scaling or partitioning).
"""

from __future__ import annotations

from sysdesign_cli.core.words import NEGATORS, OR, analyse, compiled


def kind_named(answer: str, accepted: list[str]) -> str | None:
    """The accepted answer (`strong consistency`) whose distinguishing word `answer` is,
    alone (`strong`, `strongly`), where the field names the opposite kind too (`eventual
    consistency`); else None."""
    said = [w for w in analyse(answer, synonyms=False) if not w.boundary and w.text != OR]
    if len(said) != 1 or said[0].text in NEGATORS:
        return None
    vocab = compiled()
    phrases = set(vocab.phrases)
    word = said[0].stem
    for option in accepted:
        stems = vocab.stems(option)
        if len(stems) != 2 or stems[0] != word:
            continue
        head = stems[1]
        if {p[1] for p in phrases if len(p) == 2 and p[0] == word} - {head}:
            return None  # `horizontal`: horizontal scaling, or horizontal partitioning?
        if any((word, other) in vocab.opposites and (other, head) in phrases
               for other in {b for a, b in vocab.opposites if a == word}):  # fmt: skip
            return option
    return None
