"""Grading a number the way an engineer would: within 2x, within 10x, or off.

The one place the bands are defined. Every verdict on an estimate (lessons, quiz,
`estimate --check`, exercises) uses these boundaries and these words.
"""

from __future__ import annotations

import math
from enum import Enum

GOOD_WITHIN = 2.0  # at most this many times apart, either way: good
ORDER_WITHIN = 10.0  # at most this many times apart: the right order of magnitude


class Band(str, Enum):
    """How close an estimate is to the worked figure."""

    GOOD = "good"  # within 2x either way
    ORDER = "right order of magnitude"  # within 10x
    OFF = "off"  # a different design

    @property
    def passed(self) -> bool:
        """Whether the band counts as a correct answer."""
        return self is Band.GOOD

    @property
    def rule(self) -> str:
        """The band's boundary in words: `within 2x`, `within 10x`, `more than 10x`."""
        return {
            Band.GOOD: f"within {GOOD_WITHIN:g}x",
            Band.ORDER: f"within {ORDER_WITHIN:g}x",
            Band.OFF: f"more than {ORDER_WITHIN:g}x",
        }[self]


def ratio(answer: float, truth: float) -> float:
    """How many times apart two values are, always >= 1 (inf when one is zero)."""
    if answer == truth:
        return 1.0
    if answer <= 0 or truth <= 0:
        return math.inf
    return max(answer / truth, truth / answer)


def band(answer: float, truth: float) -> Band:
    """Within 2x is good, within 10x the right order of magnitude, else off."""
    apart = ratio(answer, truth)
    if apart <= GOOD_WITHIN:
        return Band.GOOD
    if apart <= ORDER_WITHIN:
        return Band.ORDER
    return Band.OFF


def times_apart(apart: float, graded: Band | None = None) -> str:
    """`3.2x away from`, `12% away from`, said so that it never contradicts the band:
    a value just past 10x is `over 10x`, never a rounded `10.0x` called off."""
    if apart == math.inf:
        return "nowhere near"
    if apart < 1.5:  # "1.0x away" reads as right; say how far in percent
        return f"{(apart - 1) * 100:.2g}% away from"
    for limit in (GOOD_WITHIN, ORDER_WITHIN):
        if apart > limit and round(apart, 1) <= limit:
            return f"just over {limit:g}x away from"
    if apart > 1000:
        return "over 1,000x away from"
    return f"{apart:.1f}x away from" if apart < 10 else f"{apart:,.0f}x away from"


def verdict(answer: float, truth: float) -> str:
    """The sentence for an estimate's band: `Good: within 2x.`, `Right order of magnitude,
    but 3.2x away from the answer.`, `Off: 25x away from the answer.`"""
    graded = band(answer, truth)
    apart = times_apart(ratio(answer, truth), graded)
    if graded is Band.GOOD:
        return f"Good: {Band.GOOD.rule}."
    if graded is Band.ORDER:
        return f"Right order of magnitude, but {apart} the answer."
    return f"Off: {apart} the answer, which is a different design."


def direction_verdict(answer: float, truth: float) -> str:
    """The band and which way the figure is off, without how many times: a learner who
    tries again, told `3.9x away` and `too low`, could work the answer back from them.
    `Right order of magnitude, but too low: within 10x, not yet within 2x.`"""
    graded = band(answer, truth)
    if graded is Band.GOOD:
        return f"Good: {Band.GOOD.rule}."
    side = "too high" if answer > truth else "too low"
    if graded is Band.ORDER:
        return (f"Right order of magnitude, but {side}: {Band.ORDER.rule}, not yet "
                f"{Band.GOOD.rule}.")  # fmt: skip
    return f"Off: {Band.OFF.rule} {side}, which is a different design."
