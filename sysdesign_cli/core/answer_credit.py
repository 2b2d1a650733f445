"""What a written answer earns on the learner's own design: its rubric's points made, less
those the design settles (`design_settled`: a weakness it does not have, and its fix),
less those it contradicts; and what it did not make, as the answers still open to it.

One place for the subtraction: the tutor's reading while hints are given, the review
after the learner's ticks, its "not made" line and the review cards of a mock interview
all take it from here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sysdesign_cli.core.rubric import CONTRADICTED, FOUND, NAMED, Finding, fraction, groups


@dataclass(frozen=True)
class Credit:
    """An answer against its rubric on one design."""

    found: tuple[Finding, ...]  # found by the tutor, and a weakness the design has
    settled_found: tuple[Finding, ...]  # found, but settled by the design: no credit
    contradicted: tuple[Finding, ...]
    named: tuple[Finding, ...]  # key words only
    confirmed: frozenset[str]  # the points made (found, or ticked), less those settled
    counted: frozenset[str]  # the points that count: made, not contradicted, not settled
    fraction: float  # of the stage's marks
    half: bool  # the best it makes is an answer worth half
    missing: tuple[tuple[str, ...], ...]  # the closest whole answers open, each its points
    #                                       not made; empty when the answer is whole


def credit(
    rubric: Any, findings: list[Finding], settled: Mapping[str, str] | Iterable[str] = (),
    confirmed: Iterable[str] | None = None,
) -> Credit:  # fmt: skip
    """What `findings` earn on a design settling `settled` (point ids): from the points
    the tutor found or, once the learner has ticked, those `confirmed`."""
    settled = set(settled)
    by_status = {status: tuple(f for f in findings if f.status == status)
                 for status in (FOUND, CONTRADICTED, NAMED)}  # fmt: skip
    made = ({f.point_id for f in by_status[FOUND]} if confirmed is None else set(confirmed))
    confirmed = made - settled
    counted = confirmed - {f.point_id for f in by_status[CONTRADICTED]}
    part = fraction(rubric, counted)
    whole = max(min(1.0, len(counted & set(group)) / min(rubric.needed, len(group)))
                for group in groups(rubric))  # fmt: skip
    return Credit(
        found=tuple(f for f in by_status[FOUND] if f.point_id not in settled),
        settled_found=tuple(f for f in by_status[FOUND] if f.point_id in settled),
        contradicted=by_status[CONTRADICTED],
        named=by_status[NAMED],
        confirmed=frozenset(confirmed),
        counted=frozenset(counted),
        fraction=part,
        half=0 < part < 1 and part > whole,
        missing=tuple(shortfall(rubric, counted, settled)),
    )


def shortfall(
    rubric: Any, made: Iterable[str], settled: Iterable[str] = ()
) -> list[tuple[str, ...]]:
    """The points not made of the whole answers the answer came closest to, among those
    the design leaves open: never a point it settles, never one only of an answer worth
    half. None when the answer is whole."""
    settled = set(settled)
    made = set(made) - settled
    if fraction(rubric, made) >= 1:
        return []
    whole = [list(group) for group in groups(rubric)]
    open_ = [group for group in whole if not set(group) & settled]
    if not open_:  # every whole answer touches what the design settles: what is left of each
        open_ = [[p for p in group if p not in settled] for group in whole]
    open_ = [group for group in open_ if set(group) - made]
    if not open_:
        return []

    def closeness(group: list[str]) -> float:
        return len(made & set(group)) / min(rubric.needed, len(group))

    best = max(map(closeness, open_))
    return [tuple(p for p in group if p not in made)
            for group in open_ if closeness(group) == best]  # fmt: skip
