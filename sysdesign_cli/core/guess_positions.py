"""Guessers that read where earlier answers sat: a learner who has noticed that the right
answer is never in the same place twice in a row, or that each place gets its turn.

They read the options in the order the author wrote them. The quiz shows them shuffled
anew at every asking, so on screen these score chance; they measure the file as written,
which is what a learner sees wherever the shuffle is off (a fixed SYSDESIGN_SEED).

Pure: a lesson's questions in teaching order in, a `Try` per single-choice question out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from sysdesign_cli.core.guess_scores import Try
from sysdesign_cli.core.guessers import Asked

Place = Callable[[Sequence[int], int], list[float]]  # earlier answers' places, options


def _answer_place(asked: Asked) -> int:
    return next(i for i, option in enumerate(asked.options) if option in asked.right)


def not_the_last_place(earlier: Sequence[int], count: int) -> list[float]:
    """Anywhere but where the last answer was."""
    return [float(place != earlier[-1]) for place in range(count)]


def least_used_place(earlier: Sequence[int], count: int) -> list[float]:
    """The place the lesson's answers have used least so far."""
    used = Counter(earlier)
    return [-float(used[place]) for place in range(count)]


def the_last_place(earlier: Sequence[int], count: int) -> list[float]:
    """Where the last answer was: an author who keeps the answer in one place."""
    return [float(place == earlier[-1]) for place in range(count)]


PLACE_STRATEGIES: dict[str, Place] = {
    "not where the last answer was": not_the_last_place,
    "the place least used so far": least_used_place,
    "where the last answer was": the_last_place,
}


def place_tries(place: Place, questions: Sequence[Asked]) -> list[tuple[Asked, Try]]:
    """Each single-choice question after the first of its source (a lesson, exercise or
    interview, in teaching order), played by `place`; ties split evenly; a question where
    every place ties does not count."""
    tries: list[tuple[Asked, Try]] = []
    earlier: dict[str, list[int]] = {}
    for asked in questions:
        if asked.kind != "choice" or len(asked.right) != 1:
            continue
        seen = earlier.setdefault(asked.source, [])
        if seen:
            values = place(seen, len(asked.options))
            top = [i for i, value in enumerate(values) if value == max(values)]
            if len(top) < len(values):
                score = float(_answer_place(asked) in top) / len(top)
                tries.append((asked, Try(score, 1 / len(asked.options))))
        seen.append(_answer_place(asked))
    return tries
