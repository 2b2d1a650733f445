"""The high-level design's review cards: each fault of a scenario (`interview_faults`)
shown on the scenario's own reference design broken that one way, so the card stands
alone away from the round, with three claims of its own that are false of the design
shown (`fault_claims`).

Which three: a card's four claims are chosen as a set in which the right one holds no
place of its own. On each of what a claim says (its form, whether it names a flow, its
flow, its block) the four are all alike, alike two and two, or all different, and no form
is said once (one form on all four is best: then only the design tells them apart): a
set where three share a flow, or one form stands alone, points at the one they gather
round (or the one left out), and a set built around the right claim would gather round
it. Over a scenario's cards, each form, each block, each wording of a lone copy and the
sweeping claims ("never ...", "no copy ...") are offered wrong about as often as they are
right, so that none tells the answer by its words. The right claim's place among the
four by likeness (the most like the others, ..., the least) is drawn from the card's key,
as its place on screen is. Among the sets that do all that best, a card takes one drawn
from its key, never the nearest to the right claim. No claim is on two cards of the
scenario, and none is another card's answer: seen elsewhere, an option would be ruled
out here.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import combinations
from typing import Any

from sysdesign_cli.core.fault_claims import Claim, false_claims
from sysdesign_cli.core.graph.checks import check
from sysdesign_cli.core.graph.design_breaks import design_lines
from sysdesign_cli.core.graph.findings import Finding, Verdict
from sysdesign_cli.core.graph.model import Graph
from sysdesign_cli.core.interview_faults import Fault, broken, faults

WRONG = 3  # wrong choices beside the right one
WRONG_LEAST = 2  # ... at least, or the fault leaves no card
POOL = 12  # claims a card draws its sets from (its own order, drawn from its key)
PAIRS = 4  # ... of them in the right claim's form, where it has so many
WORDS = {"dns": "drawn", "lookup": "drawn"}  # forms said in the same words ("is drawn as")
SWEEPING = frozenset({"reach", "requests", "nowait", "lone", "after"})  # "never ...", "no copy ..."


@dataclass(frozen=True)
class FaultCard:
    """A fault shown on its broken design: the claim, the wrong claims, what the engine says."""

    fault: Fault
    claim: str
    lines: tuple[str, ...]
    wrong: tuple[str, ...]
    finding: Finding
    graph: Graph | None = None  # the design shown
    verdict: Verdict | None = None  # and what the checks say of it
    false: tuple[Claim, ...] = ()  # the wrong claims, as what each says


def fault_card(interview: Any, key: str) -> FaultCard | None:
    """The card of the fault `key` (no wrong claims yet), or None when the reference
    cannot show it alone."""
    fault = next((f for f in faults(interview) if f.key == key), None)
    return None if fault is None else _card(interview, fault)


def _card(interview: Any, fault: Fault) -> FaultCard | None:
    rules = interview.design
    graph = broken(interview, fault)
    verdict = check(graph, rules)
    finding = fault.found(graph, verdict, rules)
    if finding is None:
        return None
    return FaultCard(fault, fault.claim, tuple(design_lines(graph)), (), finding, graph, verdict)


def fault_cards(interview: Any) -> dict[str, FaultCard]:
    """Every fault card of the scenario, by key, each with its own wrong claims (up to
    `WRONG`, at least `WRONG_LEAST`; the shipped scenarios give every fault a card, tested).
    Worked out once per design (its rules and reference as plain data, whether the design
    was validated now or read back from the cache)."""
    import marshal

    from sysdesign_cli.core.records import Record, to_plain

    design = interview.design
    return _dealt(marshal.dumps(design.plain() if isinstance(design, Record) else
                                to_plain(design)))  # fmt: skip


@lru_cache(maxsize=16)
def _dealt(design: bytes) -> dict[str, FaultCard]:
    import marshal
    from types import SimpleNamespace

    from sysdesign_cli.core.records import from_plain

    interview = SimpleNamespace(design=from_plain(marshal.loads(design)))
    every = faults(interview)
    answers = {fault.said for fault in every}
    cards = {fault.key: card for fault in every
             if (card := _card(interview, fault)) is not None}  # fmt: skip
    pools = {key: _pool(interview, card, answers) for key, card in cards.items()}
    used: set[Claim] = set()
    # Each form and each block offered wrong as often as the scenario's cards have it
    # right, three times over (three wrong claims a card): a form or a block seen mostly
    # as the answer, or only in wrong claims, would tell the answer by its words alone.
    owed = Counter({said: WRONG * count for said, count in
                    Counter(s for card in cards.values() for s in _about(card.fault.said)).items()})
    found = {}
    # The cards with the fewest claims to choose from first, so that none is left short.
    for key in sorted(cards, key=lambda key: (len(pools[key]), list(cards).index(key))):
        card = cards[key]
        wrong = _even_set(key, card.fault.said, [c for c in pools[key] if c not in used], owed)
        used.update(wrong)
        owed.subtract(s for c in wrong for s in _about(c))
        if len(wrong) >= WRONG_LEAST:
            found[key] = replace(card, wrong=tuple(c.text for c in wrong), false=tuple(wrong))
    return {key: found[key] for key in cards if key in found}


def _pool(interview: Any, card: FaultCard, answers: set[Claim]) -> list[Claim]:
    """The claims false of the card's design that it may offer: none another card's
    answer; none about the right claim's own flow and one of its rule's blocks (two claims
    that cannot both be false would say one of them is the answer)."""
    right = card.fault.said
    rule = card.fault.rule
    named = {getattr(rule, field, None) for field in ("block", "via", "to", "first", "then")}
    claims = false_claims(interview.design, card.graph, card.verdict)
    return [c for c in claims if c not in answers and c.gist != right.gist
            and (c.flow is None or c.flow != right.flow or c.block not in named)]


def _words(claim: Claim) -> str:
    """The claim's form, forms said in the same words as one."""
    return WORDS.get(claim.form, claim.form)


def _about(claim: Claim) -> tuple[tuple[str, Any], ...]:
    """What a reader sees of a claim: its form (in its words), whether it sweeps ("never",
    "no copy": test-wise readers take those for wrong, here they are often right), its
    block, and a lone copy's wording ("A single ...", "Just one ...")."""
    lone = (("wording", claim.wording),) if claim.form == "lone" else ()
    return (("form", _words(claim)), ("sweeping", claim.form in SWEEPING),
            ("block", claim.block), *lone)


def _named(claim: Claim) -> int:
    """How many names, abbreviations and units a claim says past its first word (CDN,
    WebSocket, bytes): what makes an option read specific."""
    return sum(any(c.isupper() for c in word) or word == "bytes"
               for word in claim.text.split()[1:])  # fmt: skip


def _drawn(key: str, claim: Claim) -> str:
    """A stable draw for `claim` on the card `key` (not Python's hash: it changes by run)."""
    return hashlib.sha256(f"{key}|{claim.text}".encode()).hexdigest()


def _likeness(claims: list[Claim]) -> list[list[float]]:
    """How alike each two claims read: the share of their meaningful words they have in
    common (stemmed, as a skimming reader matches them)."""
    from sysdesign_cli.core.words import STOPWORDS, stem

    words = [{stem(w) for w in re.findall(r"[a-z0-9]+", c.text.lower())
              if w not in STOPWORDS and len(w) > 2} for c in claims]  # fmt: skip
    return [[len(a & b) / max(1, len(a | b)) for b in words] for a in words]


def _place(alike: list[list[float]], chosen: tuple[int, ...]) -> int:
    """How many of the `chosen` claims read more like the rest than the first one does."""
    mean = [sum(alike[a][b] for b in chosen if b != a) for a in chosen]
    return sum(value > mean[0] + 1e-9 for value in mean[1:])


def _features(claim: Claim) -> tuple[Any, ...]:
    """What a card's claims should split evenly on: the form (in its words), whether it
    names a flow, the flow, the block."""
    return (_words(claim), claim.flow is None, claim.flow, claim.block)


def _even(values: tuple[Any, ...], paired: bool) -> bool:
    """Whether `values` split as all alike, two and two, or (unless `paired`) all different."""
    kinds = len(set(values))
    if kinds == 1:
        return True
    if kinds == len(values):
        return not paired
    return len(values) == 4 and kinds == 2 and values.count(values[0]) == 2


def unevenness(claims: tuple[Claim, ...]) -> int:
    """How far a card's claims are from splitting evenly on what they say (`_features`):
    their forms (all one form best, then two and two; a form said once weighs twice),
    whether they name a flow, their flows and their blocks (each split as all alike, two
    and two, or all different)."""
    return _uneven([_features(c) for c in claims])


def _uneven(features: list[tuple[Any, ...]]) -> int:
    columns = list(zip(*features))
    # One form on all four claims best: then the design alone tells them apart.
    forms = 0 if len(set(columns[0])) == 1 else 1 if _even(columns[0], True) else 2
    return forms + sum(not _even(c, False) for c in columns[1:])


def _even_set(key: str, right: Claim, pool: list[Claim], owed: Counter[Any]) -> list[Claim]:
    """The card's wrong claims: of the sets of `WRONG` from `pool` (one claim a gist, a lone
    copy in one wording, none conspicuously shorter than the right claim), one of those
    that split most evenly with the right claim and offer the forms and blocks still
    `owed`, drawn from the card's key."""
    from sysdesign_cli.core.lint_options import conspicuously_longer

    if right.form == "lone":  # beside a lone copy, lone copies in its wording only
        pool = [c for c in pool if c.form != "lone" or c.wording == right.wording]
    # Drawn from the card's key: the right claim's form first, as a set says each form
    # twice; then the forms owed.
    draw = {c: _drawn(key, c) for c in pool}
    drawn = sorted(pool, key=lambda c: (_words(c) != _words(right), draw[c]))
    rest = sorted(drawn[PAIRS:], key=lambda c: (-sum(owed[s] > 0 for s in _about(c)), draw[c]))
    drawn = drawn[:PAIRS] + rest[:POOL - PAIRS]
    claims = [right, *drawn]  # by index: the right claim is 0
    features = [_features(c) for c in claims]
    about = [_about(c) for c in claims]
    gists = {gist: i for i, gist in enumerate(dict.fromkeys(c.gist for c in claims))}
    gist = [gists[c.gist] for c in claims]
    lone = [c.wording for c in claims if c.form == "lone"] and \
        [c.wording if c.form == "lone" else -1 for c in claims]  # fmt: skip
    size = [(len(c.text), len(c.text.split())) for c in claims]
    named = [_named(c) for c in claims]
    draws = ["", *(draw[c] for c in drawn)]
    alike = _likeness(claims)
    # Where the right claim sits among its options by likeness (0: most like the others),
    # drawn from the card's key as its place on screen is: never always in the middle.
    place = int(_drawn(key, right), 16) % (WRONG + 1)
    room = {s: max(0, owed[s]) for said in about[1:] for s in said}
    best: tuple[Any, ...] | None = None
    for count in (WRONG, WRONG_LEAST):
        for wrong in combinations(range(1, len(claims)), count):
            chosen = (0, *wrong)
            if len({gist[i] for i in chosen}) < len(chosen) or \
                    (lone and len({lone[i] for i in chosen} - {-1}) > 1):  # fmt: skip
                continue
            chars, words = max(size[i] for i in wrong)
            if conspicuously_longer(size[0][0], chars, size[0][1] - words):
                continue
            offered: dict[Any, int] = {}
            for i in wrong:
                for s in about[i]:
                    offered[s] = offered.get(s, 0) + 1
            overdrawn = sum(max(0, n - room[s]) for s, n in offered.items())
            uneven = _uneven([features[i] for i in chosen])
            sat = _place(alike, chosen) != place
            # The right claim alone in saying the most names reads as the specific one.
            named_most = named[0] > max(named[i] for i in wrong)
            rank = (uneven + overdrawn + 2 * sat + 2 * named_most,
                    sorted(draws[i] for i in wrong))  # fmt: skip
            if best is None or rank < best[0]:
                best = (rank, wrong)
        if best is not None:
            return [claims[i] for i in best[1]]
    return []
