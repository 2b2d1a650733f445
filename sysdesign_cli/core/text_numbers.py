"""Numbers inside prose (`about 580 QPS`, `1,000,000 / 86,400 is about 12`), and whether
one of them restates the answer of a number question or an estimate.

The lint uses it to find hints, prompts and explanations that give a figure away.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sysdesign_cli.core.quantities import Dim, QuantityError, parse

# Within this of the answer, a figure in the text says the answer.
CLOSE = 0.05

_NUMBER = re.compile(
    r"(?<![\w.,^])(?:~\s*)?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s*(?:\^|\*\*)\s*\d+)?"
)
_UNIT_TOKEN = re.compile(r"\s*(?:%|/\s*[A-Za-zµμ]+|[A-Za-zµμ]+)")


@dataclass(frozen=True)
class Mention:
    """A quantity written in the text, where it starts, and what it is worth."""

    text: str
    start: int
    value: float
    dim: Dim
    worked: bool = False  # written as a power (`2^10`): a sum to do, not a figure given


@dataclass(frozen=True)
class Target:
    """An answer a mention may restate: its value in base units, what it measures, and what
    a bare number in the question's own unit is worth (1 when there is no unit)."""

    value: float
    dim: Dim
    unit_value: float = 1.0


def mentions(text: str) -> list[Mention]:
    """Every number in `text` with the unit words after it, read like a typed answer."""
    found: list[Mention] = []
    for match in _NUMBER.finditer(text):
        tail: list[str] = []
        position = match.end()
        for _ in range(2):
            token = _UNIT_TOKEN.match(text, position)
            if token is None:
                break
            tail.append(token.group(0))
            position = token.end()
        for used in range(len(tail), -1, -1):
            span = match.group(0) + "".join(tail[:used])
            try:
                quantity = parse(span)
            except QuantityError:
                continue
            worked = "^" in span or "**" in span
            found.append(Mention(span.strip(), match.start(), quantity.value, quantity.dim, worked))
            break
    return found


def answer_targets(step: Any) -> list[Target]:
    """The answers of a number question or an estimate (an exercise's estimate stage asks
    several figures); empty for other kinds."""
    if step.kind == "estimate":
        from sysdesign_cli.core.estimate_inputs import FIGURE_DIMS

        result = step.result()
        keys = step.figures if hasattr(step, "figures") else [step.figure]
        values = [(getattr(result, key), FIGURE_DIMS[key]) for key in keys]
        return [Target(float(value), dim) for value, dim in values if value]
    if step.kind == "question" and step.type == "number":
        return [Target(step.value, step.dim, step.unit_value)]
    return []


def _close(said: float, right: float, dim: Dim) -> bool:
    if dim is Dim.PERCENT and right >= 50:
        # 99.9% and 99.99% are a whole nine apart: compare what is missing from 100%.
        said, right = 100 - said, 100 - right
    if right == 0:
        return said == 0
    return abs(said - right) <= CLOSE * abs(right)


def restates(mention: Mention, targets: list[Target]) -> bool:
    """`mention` says the answer: the same quantity, or a bare number equal to the answer in
    its own unit (`8.76` for 8.76 h) or as a plain figure (`580` for 580 QPS)."""
    if mention.worked:
        return False
    for target in targets:
        if mention.dim is target.dim and _close(mention.value, target.value, target.dim):
            return True
        if mention.dim is Dim.COUNT:
            if target.dim in (Dim.RATE, Dim.PERCENT) and _close(
                mention.value, target.value, target.dim
            ):
                return True
            if target.unit_value != 1.0 and _close(
                mention.value * target.unit_value, target.value, target.dim
            ):
                return True
    return False
