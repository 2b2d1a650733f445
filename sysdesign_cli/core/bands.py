"""Grading a number the way an engineer would: within 2x, within 10x, or off."""

from __future__ import annotations

import math
from enum import Enum


class Band(str, Enum):
    """How close an estimate is to the worked figure."""

    GOOD = "good"  # within 2x either way
    ORDER = "right order of magnitude"  # within 10x
    OFF = "off"  # a different design

    @property
    def passed(self) -> bool:
        """Whether the band counts as a correct answer."""
        return self is Band.GOOD


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
    if apart <= 2:
        return Band.GOOD
    if apart <= 10:
        return Band.ORDER
    return Band.OFF
