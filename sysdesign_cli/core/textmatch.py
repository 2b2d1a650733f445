"""Typed text read the way a fair teacher reads it: does this answer say that phrase?

An answer says a phrase when the phrase's words appear in it as whole words, in order
(two-word phrases in either order), each word the same up to its ending (`balancing` is
`balancer`, `replicas` is `replica`) or a small typo of a long word (`spans`). The
field's shorthand (`LB`, `DB`, `sec`, `/` for per) and synonyms come from the
vocabulary, which is curriculum data (`curricula/vocabulary.yaml`). A phrase that is
negated (`not a load balancer`, `no CDN`) or hedged is not said (`negation`), nor one
that is only a part of a longer name of the field (`replica` in `replica lag`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sysdesign_cli.core.kind_words import kind_named
from sysdesign_cli.core.negation import hedged, negated
from sysdesign_cli.core.product_names import (
    product_shorthand,
    products_unnamed,
    unversioned,
    without_words,
)
from sysdesign_cli.core.prompt_words import before_gap as words_before_gap
from sysdesign_cli.core.prompt_words import (
    clauses_of,
    echoes_prompt,
    lists_what_is_placed,
    without_asked,
)
from sysdesign_cli.core.qualifiers import belongs_elsewhere, counts_asked, gap_count, miscounts
from sysdesign_cli.core.remarks import GLOSS, a_remark
from sysdesign_cli.core.spans import EXACT, PROSE_TYPO, find, same_word
from sysdesign_cli.core.words import (
    BOUNDARY,
    OR,
    Vocabulary,
    Word,
    active_vocabulary,
    analyse,
    compiled,
    fold,
    raw_words,
    use_vocabulary,
)

__all__ = [
    "Vocabulary",
    "Word",
    "active_vocabulary",
    "analyse",
    "echoes_prompt",
    "find",
    "fold",
    "judge",
    "negated",
    "same_word",
    "saying",
    "says",
    "text_matches",
    "use_vocabulary",
]


def says(text: str | list[Word], phrase: str, *, prose: bool = False) -> str:
    """`yes`, `negated` or `no`: whether `text` says `phrase` (un-negated somewhere wins).

    A phrase with `...` (`acknowledge ... immediately`) wants its parts in order, each
    within a few words of the one before.
    """
    verdict, _ = saying(text, phrase, prose=prose)
    return verdict


def saying(
    text: str | list[Word], phrase: str, *, prose: bool = False
) -> tuple[str, list[tuple[int, int]]]:
    """As `says`, with the spans of the analysed text that say it (un-negated)."""
    said = analyse(text) if isinstance(text, str) else text
    min_typo = PROSE_TYPO if prose else 4
    parts = [[w for w in analyse(part) if not w.boundary and w.text != OR]
             for part in phrase.split("...")]  # fmt: skip
    parts = [part for part in parts if part]
    if not parts:
        return "no", []
    # In prose two words in the other order are usually two other things ("paste floods").
    spans = find(parts[0], said, min_typo, either_order=not prose)
    for part in parts[1:]:
        spans = [
            (start, end + span_end)
            for start, end in spans
            for _, span_end in find(part, said[end : end + 8], min_typo, either_order=not prose)
        ]
    if not spans:
        return "no", []
    kept = [span for span in spans if not negated(said, span)]
    return ("yes" if kept else "negated"), kept


def _inside_another(
    said: list[Word], span: tuple[int, int], wanted: list[Word], vocab: Any, asked: set[str]
) -> bool:
    """Whether the words at `span` are part of a longer name of the field in the answer
    (`system` in `domain name system`), unless the prompt says the rest of that name."""
    wanted_stems = tuple(w.stem for w in wanted)
    for phrase in vocab.phrases:
        if len(phrase) <= span[1] - span[0] or phrase == wanted_stems:
            continue
        if (wanted_stems in vocab.terms and phrase[-1:] == wanted_stems[-1:]
                and phrase not in vocab.names):  # fmt: skip
            continue  # a kind of it: a `relational database` is a database
        if set(phrase) - set(wanted_stems) <= asked:
            continue
        for start, end in find([Word(s, s) for s in phrase], said, EXACT):
            if start <= span[0] and span[1] <= end:
                return True
    return False


@dataclass(frozen=True)
class TextVerdict:
    """Which accepted answer a typed answer means, or why none."""

    match: str | None
    reason: str  # "match", "empty", "negated", "hedged", "product", "none"


def judge(
    answer: str, accepted: list[str], prompt: str = "", alone: list[str] | tuple[str, ...] = (),
    explanation: str = "",
) -> TextVerdict:
    """Whether `answer` means one of the `accepted` answers, read as a teacher would; a
    word typed cut short (`clarify reqs`) is read written out when that says one; a
    remark in brackets after it (`remarks`, which reads the question's `explanation`) is
    no second answer."""
    verdict = _judge(answer, accepted, prompt, alone)
    if verdict.match is not None and lists_what_is_placed(answer, verdict.match, prompt):
        return TextVerdict(None, "hedged")
    products = products_unnamed(answer, accepted) if verdict.match is not None else []
    if products and _judge(without_words(answer, products), accepted, prompt,
                           alone).match is None:  # fmt: skip
        return TextVerdict(None, "product")  # `ELB` for a load balancer: a vendor's service
    gloss = GLOSS.search(answer)
    if verdict.reason == "hedged" and gloss and a_remark(gloss.group(1), accepted, explanation):
        # `the source of truth (kept forever)`: a remark on the answer, not a second one.
        found = _judge(answer[: gloss.start()], accepted, prompt, alone)
        if found.match is not None:
            return found
    if verdict.match is None and verdict.reason == "none":
        from sysdesign_cli.core.clippings import unclipped

        for reading in unclipped(answer, accepted):
            found = _judge(reading, accepted, prompt, alone)
            if found.match is not None:
                return found
        kind = kind_named(answer, accepted)  # `strong` for `strong consistency`
        if kind is not None:
            return TextVerdict(kind, "match")
        product = unversioned(answer, accepted)  # `bind9`, `postgres16`: the product
        if product != answer:
            found = _judge(product, accepted, prompt, alone)
            if found.match is not None:
                return found
        return _qualified(answer, accepted, prompt, alone) or verdict
    return verdict


def _qualified(
    answer: str, accepted: list[str], prompt: str, alone: list[str] | tuple[str, ...]
) -> TextVerdict | None:
    """An accepted phrase with the field's shorthand for a product inside it, as a
    qualifier (`pre-signed S3 URL` for `pre-signed URL`), read without it. The shorthand
    of a block (`primary DNS key`, `consistent LB hashing`) is another answer."""
    typed = [w for w in raw_words(answer) if w != BOUNDARY]
    for at in range(1, len(typed) - 1):
        if not product_shorthand(typed[at]):
            continue
        without = re.sub(rf"\b{re.escape(typed[at])}\b", " ", answer, count=1, flags=re.I)
        found = _judge(without, accepted, prompt, alone)
        if found.match is None:
            continue
        phrase = {w.stem for w in analyse(found.match)}
        around = [{w.stem for w in analyse(typed[at + side])} for side in (-1, 1)]
        if all(stems and stems <= phrase for stems in around):  # inside the phrase
            return found
    return None


def _judge(
    answer: str, accepted: list[str], prompt: str, alone: list[str] | tuple[str, ...]
) -> TextVerdict:
    """Whether `answer` means one of the `accepted` answers, read as a teacher would.

    Words of an accepted answer that the prompt already says may be left out ("Which
    consistency?" answered `eventual` for `eventual consistency`); what is left, like the
    accepted answers also listed in `alone`, counts when it stands alone in a clause of
    the answer, never inside a longer phrase (`code` alone, not in `short code`).
    """
    folded = fold(answer)
    for option in accepted:  # the answer is an accepted one, as written
        if folded and fold(option) == folded:
            return TextVerdict(option, "match")
    if alone:
        alone_folded = {fold(option) for option in alone}
        alone = [option for option in accepted if fold(option) in alone_folded]
        accepted = [option for option in accepted if fold(option) not in alone_folded]
    said = analyse(answer)
    content = [w for w in said if not w.boundary and w.text != OR]
    if not content:
        return TextVerdict(None, "empty" if not folded else "none")
    options = [(option, [w for w in analyse(option) if not w.boundary and w.text != OR])
               for option in accepted]  # fmt: skip
    # An accepted answer as written too, not only as its synonym group's usual phrase:
    # a typo of `object store` is still read (`objet store`).
    written = [(option, [w for w in analyse(option, synonyms=False)
                         if not w.boundary and w.text != OR]) for option in accepted]  # fmt: skip
    options = [(option, words) for option, words in options if words]
    # The words the prompt writes, not those of its synonyms' usual phrases: "a bigger
    # machine" does not say "vertical".
    asked = frozenset(w.stem for w in analyse(prompt, synonyms=False)) if prompt else frozenset()
    before_gap = words_before_gap(prompt) if prompt else frozenset()
    counted = gap_count(before_gap)
    if miscounts(said, counted):
        return TextVerdict(None, "none")
    asked = counts_asked(asked, counted)
    vocab = compiled()
    said_stems = {w.stem for w in said}
    shortened = []
    for option, wanted in options:
        rest = without_asked(wanted, asked, before_gap)
        left_out = {w.stem for w in wanted} - {w.stem for w in rest}
        # `write replica` for `read replica` when the prompt says "read": still the opposite.
        clash = any((s, d) in vocab.opposites for s in said_stems for d in left_out)
        if rest and not clash:
            shortened.append((option, rest, left_out))
    for option in alone:
        words = [w for w in analyse(option) if not w.boundary and w.text != OR]
        shortened += [(option, words, set())] if words else []
    for option, wanted in options:  # the answer is an accepted one, as written
        if [w.stem for w in content] == [w.stem for w in wanted]:
            return TextVerdict(option, "match")
    alternatives = [words for _, words in options] + [words for _, words, _ in shortened]
    named = {w.stem for words in alternatives for w in words}
    # Without the words the prompt already says, an answer stands alone in its clause
    # (`eventual`, `probably eventual, since...`): beside other words it names something
    # else (`spare` in `spare parts`).
    for option, rest, left_out in shortened:
        clauses = clauses_of(said, asked, left_out)
        if any((0, len(clause)) in find(rest, clause) for clause in clauses):
            if belongs_elsewhere(answer, rest, named):
                continue
            if hedged(said, alternatives):
                return TextVerdict(None, "hedged")
            return TextVerdict(option, "match")
    negated_seen = False
    for option, wanted in options + [item for item in written if item[1] and item not in options]:
        spans = [span for span in find(wanted, said, asked=asked)
                 if not _inside_another(said, span, wanted, vocab, asked)]  # fmt: skip
        if not spans:
            continue
        if all(negated(said, span) for span in spans):
            negated_seen = True
            continue
        if belongs_elsewhere(answer, wanted, named):
            continue
        if hedged(said, alternatives):
            return TextVerdict(None, "hedged")
        return TextVerdict(option, "match")
    return TextVerdict(None, "negated" if negated_seen else "none")


def text_matches(answer: str, accepted: list[str]) -> str | None:
    """The accepted answer that `answer` means, or None."""
    return judge(answer, accepted).match
