"""A learned guesser: logistic regression over what every other guesser favours, trained on
the curriculum's own questions and scored only on lessons it was not trained on.

Each option of a choice or multi question becomes a row: for each strategy of
`guess_scores.READERS`, whether the option is among its favourites (where it favours some
over others); the label is whether the option
is right. Leave one lesson out (one exercise, one mock interview): fit on the rest, play
the lesson held out. On a single choice it picks the option it rates highest (ties split);
on a multi it ticks those it rates above the median, as the other guessers do.

Pure Python: Newton's method on an L2-regularised log-likelihood, warm-started from the
fit on every lesson, so each held-out fit takes two steps.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence

from sysdesign_cli.core.guess_scores import READERS, Try, tick_try
from sysdesign_cli.core.guessers import Asked

PENALTY = 1.0  # L2 weight: the curriculum is small, the features many
STEPS = 8  # Newton steps for the first fit; the held-out fits take 2 from it
_Row = tuple[tuple[int, ...], int]  # active features (0 is the bias), right or not


def option_rows(asked: Asked) -> list[tuple[int, ...]]:
    """Each option's active features: 0 (the bias), then j + 1 when strategy j favours it
    most (a strategy with no opinion adds none; the strategies' reverses, such as the
    shortest beside the longest, stand for favouring least)."""
    rows: list[list[int]] = [[0] for _ in asked.options]
    for j, read in enumerate(READERS.values()):
        values = read(asked)
        high = max(values)
        if high == min(values):
            continue
        for row, value in zip(rows, values):
            if value == high:
                row.append(j + 1)
    return [tuple(row) for row in rows]


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z)) if z > -30 else 0.0


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the matrix is positive definite)."""
    n = len(vector)
    a = [[*row, vector[i]] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        lead = a[col][col]
        for r in range(col + 1, n):
            factor = a[r][col] / lead
            if factor:
                row, top = a[r], a[col]
                for c in range(col, n + 1):
                    row[c] -= factor * top[c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (a[r][n] - sum(a[r][c] * x[c] for c in range(r + 1, n))) / a[r][r]
    return x


def fit(rows: Counter[_Row], size: int, start: list[float] | None = None,
        steps: int = STEPS) -> list[float]:  # fmt: skip
    """Weights maximising the penalised log-likelihood of `rows` (each with its count)."""
    w = list(start) if start else [0.0] * size
    for _ in range(steps):
        grad = [-PENALTY * value for value in w]
        hess = [[0.0] * size for _ in range(size)]
        for i in range(size):
            hess[i][i] = PENALTY
        for (active, label), count in rows.items():
            p = _sigmoid(sum(w[f] for f in active))
            g, h = count * (label - p), count * p * (1 - p)
            for f in active:
                grad[f] += g
                row = hess[f]
                for k in active:
                    row[k] += h
        step = _solve(hess, grad)
        w = [value + delta for value, delta in zip(w, step)]
        if max(abs(delta) for delta in step) < 1e-6:
            break
    return w


def _play(w: list[float], asked: Asked, rows: Sequence[tuple[int, ...]]) -> Try | None:
    rated = [sum(w[f] for f in active) for active in rows]
    if asked.kind == "choice":
        best = max(rated)
        top = [o for o, r in zip(asked.options, rated) if r == best]
        score = sum(option in asked.right for option in top) / len(top)
        return Try(score, len(asked.right) / len(asked.options))
    return tick_try(rated, asked)


def held_out_tries(questions: Sequence[Asked]) -> dict[tuple[str, str], Try]:
    """The learned guesser's try on every choice and multi question where it rates some
    options above others, each played by a fit that never saw the lesson (exercise,
    interview) it comes from."""
    played = [asked for asked in questions if asked.kind in ("choice", "multi")]
    size = len(READERS) + 1
    by_source: dict[str, Counter[_Row]] = defaultdict(Counter)
    features = {}
    for asked in played:
        features[asked.source, asked.id] = rows = option_rows(asked)
        for option, active in zip(asked.options, rows):
            by_source[asked.source][active, int(option in asked.right)] += 1
    everything: Counter[_Row] = Counter()
    for rows in by_source.values():
        everything.update(rows)
    whole = fit(everything, size)
    tries: dict[tuple[str, str], Try] = {}
    for source, own in by_source.items():
        w = fit(everything - own, size, start=whole, steps=2)
        for asked in (a for a in played if a.source == source):
            one = _play(w, asked, features[source, asked.id])
            if one is not None:
                tries[source, asked.id] = one
    return tries
