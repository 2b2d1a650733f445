"""What the test-wise guessers (`guessers`) score on a first try, graded as the quiz grades
(partial credit for multi and order), beside chance on the same question.

On a single choice a strategy picks among its favourite options (ties split evenly); on a
multi it ticks the options it favours over the others' median, or every option, or none;
on an order question it submits an order: as shown, as the prompt names the items, by the
numbers they show. Where a strategy favours nothing (every option alike to it), it has no
opinion and the question does not count for it. The eliminator (`guessers.ruled_out`)
plays every choice and multi question: it guesses among what it has not ruled out, and at
random where it rules out nothing or everything.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from math import factorial
from statistics import median

from sysdesign_cli.core.grading import grade_multi
from sysdesign_cli.core.guess_form import FORM_STRATEGIES
from sysdesign_cli.core.guess_reading import READING_STRATEGIES, Read
from sysdesign_cli.core.guessers import (
    CHOICE_STRATEGIES,
    Asked,
    Favour,
    content_stems,
    option_value,
)
from sysdesign_cli.core.words import stem


@dataclass(frozen=True)
class Try:
    """One strategy on one question: its expected first-try score, and chance's."""

    score: float
    chance: float


def _reader(favour: Favour) -> Read:
    return lambda asked: favour(asked.prompt, asked.options)


def _remembered(read: Read) -> Read:
    """`read`, worked out once per question (the learned guesser asks for it again)."""
    return lru_cache(maxsize=None)(read)


# Every strategy that favours options: those that see the question alone, those that read
# its form, and those that read around it.
READERS: dict[str, Read] = {name: _remembered(read) for name, read in {
    **{name: _reader(favour) for name, favour in CHOICE_STRATEGIES.items()},
    **{name: _reader(favour) for name, favour in FORM_STRATEGIES.items()},
    **READING_STRATEGIES,
}.items()}  # fmt: skip


def choice_try(favour: Favour, asked: Asked) -> Try | None:
    """Pick among the favourite options, ties split evenly; None: no favourite."""
    return pick_try(favour(asked.prompt, asked.options), asked)


def pick_try(values: Sequence[float], asked: Asked) -> Try | None:
    """Pick among the options valued highest, ties split evenly; None: all tie."""
    best = max(values)
    top = [option for option, value in zip(asked.options, values) if value == best]
    if len(top) == len(asked.options):
        return None
    score = sum(option in asked.right for option in top) / len(top)
    return Try(score, len(asked.right) / len(asked.options))


def multi_score(ticked: Sequence[str], asked: Asked) -> float:
    """What ticking `ticked` scores, as the quiz grades it."""
    return grade_multi(list(ticked), sorted(asked.right)).score


def multi_chance(asked: Asked) -> float:
    """The expected score of ticking each option or not at random."""
    options = asked.options
    total = sum(multi_score(ticked, asked) for size in range(len(options) + 1)
                for ticked in combinations(options, size))  # fmt: skip
    return total / 2 ** len(options)


def multi_try(favour: Favour, asked: Asked) -> Try | None:
    """Tick the options favoured above the median (for `longest`: the longer half); None:
    no option stands above it."""
    return tick_try(favour(asked.prompt, asked.options), asked)


def tick_try(values: Sequence[float], asked: Asked) -> Try | None:
    """Tick the options valued above the median; None: no option stands above it."""
    middle = median(values)
    ticked = [option for option, value in zip(asked.options, values) if value > middle]
    if not ticked:
        return None
    return Try(multi_score(ticked, asked), multi_chance(asked))


def multi_fixed_try(which: str, asked: Asked) -> Try:
    """Tick every option (`which="all"`) or none."""
    ticked = list(asked.options) if which == "all" else []
    return Try(multi_score(ticked, asked), multi_chance(asked))


def elimination_try(asked: Asked, out: frozenset[str]) -> Try | None:
    """Pick (choice) at random among the options not ruled out, or tick (multi) every one
    of them; where nothing or everything is ruled out, a guess at random (chance). None for
    an order question."""
    left = [option for option in asked.options if option not in out]
    if asked.kind == "choice":
        pool = left or list(asked.options)
        right = sum(option in asked.right for option in pool) / len(pool)
        return Try(right, len(asked.right) / len(asked.options))
    if asked.kind == "multi":
        chance = multi_chance(asked)
        if not left or len(left) == len(asked.options):
            return Try(chance, chance)
        return Try(multi_score(left, asked), chance)
    return None


MULTI_STRATEGIES: dict[str, Callable[[Asked], Try | None]] = {
    "tick everything": lambda asked: multi_fixed_try("all", asked),
    "tick nothing": lambda asked: multi_fixed_try("none", asked),
    **{name: (lambda asked, read=read: tick_try(read(asked), asked))
       for name, read in READERS.items()},
}  # fmt: skip


def order_as_shown(asked: Asked) -> Try:
    """Submit the items as shown: a fair shuffle, except that the right order is shown
    rotated by one (nothing in place), so on average (n! - n) / n! items sit in place."""
    n = len(asked.options)
    in_place = (factorial(n) - n) / factorial(n)
    return Try(in_place / n, 1 / n)


def _first_mention(item: str, prompt: str) -> int:
    """The first word of the prompt that one of the item's meaningful words (stemmed) says;
    past the prompt's end when it says none."""
    said = [stem(word) for word in re.findall(r"[a-z0-9]+", prompt.lower())]
    mine = content_stems(item)
    return next((place for place, word in enumerate(said) if word in mine), len(said))


def _order_try(keys: Sequence[float], asked: Asked) -> Try:
    """Submit the items sorted by `keys`; items with equal keys come in a random order among
    themselves, as a shuffled list leaves them."""
    n = len(asked.options)
    ranked = sorted(range(n), key=lambda index: keys[index])
    in_place = 0.0
    start = 0
    while start < n:
        end = start
        while end < n and keys[ranked[end]] == keys[ranked[start]]:
            end += 1
        group = ranked[start:end]
        in_place += sum(start <= index < end for index in group) / len(group)
        start = end
    return Try(in_place / n, 1 / n)


def order_as_written(asked: Asked) -> Try | None:
    """The items in the order the prompt names them; None: the prompt names none apart."""
    places = [float(_first_mention(item, asked.prompt)) for item in asked.options]
    if len(set(places)) == 1:
        return None
    return _order_try(places, asked)


def order_by_numbers(asked: Asked, falling: bool = False) -> Try | None:
    """The items sorted by the number each shows; None: not every item shows one."""
    values = [option_value(item) for item in asked.options]
    if any(value is None for value in values) or len({v[1] for v in values if v}) != 1:
        return None
    return _order_try([(-v[0] if falling else v[0]) for v in values if v], asked)


ORDER_STRATEGIES: dict[str, Callable[[Asked], Try | None]] = {
    "order as shown": order_as_shown,
    "order as the prompt names them": order_as_written,
    "numbers rising": order_by_numbers,
    "numbers falling": lambda asked: order_by_numbers(asked, falling=True),
}
