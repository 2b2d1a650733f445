"""A number question's answer, and any quantity a file gives (`86400 s`), as a value in
base units and what it measures: read once, checked that a learner could type it."""

from __future__ import annotations

import functools

from sysdesign_cli.core.quantities import Dim, QuantityError, parse, typable
from sysdesign_cli.core.safe_text import quoted


def quantity(text: str | float, field: str) -> tuple[float, Dim]:
    """A number or a quantity (`86400 s`) as its value in base units and what it measures."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return float(text), Dim.COUNT
    try:
        found = parse(str(text))
    except QuantityError as error:
        raise ValueError(f"{field} {quoted(text)} is not a quantity: {error}") from None
    return found.value, found.dim


@functools.lru_cache(maxsize=256)
def _unit(unit: str) -> tuple[float, Dim]:
    """A number question's unit (`s`, `GB`): a few units serve every question."""
    return quantity(f"1 {unit}", "unit")


def number_answer(answer: str | float, unit: str | None) -> tuple[float, Dim, float]:
    """A number question's answer in base units, what it measures, and what a bare number
    typed by the learner is worth; ValueError naming what is wrong with it."""
    value, dim = quantity(answer, "answer")
    unit_value, unit_dim = 1.0, dim
    if unit is not None:
        unit_value, unit_dim = _unit(unit)
        if dim is Dim.COUNT:
            value, dim = value * unit_value, unit_dim
        elif dim is not unit_dim and unit_dim is not Dim.COUNT:
            raise ValueError(f"answer {quoted(answer)} does not match unit {quoted(unit)}")
    if value <= 0:
        raise ValueError(f"answer {quoted(answer)} must be more than zero")
    bare = unit_value if unit_dim is dim else 1.0
    # The learner types the answer; one the number reader cannot take (1e308 TB is
    # past any float) could never be given, so it is the author's mistake.
    if not typable(value / bare):
        raise ValueError(
            f"answer {quoted(answer)} is too large for a learner to type: use a larger unit"
        )
    return value, dim, bare


class NumberBehaviour:
    """A number question's answer in base units."""

    def _number(self) -> tuple[float, Dim, float]:
        found = getattr(self, "_parsed", None)
        if found is None:
            found = number_answer(self.answer, self.unit)
            object.__setattr__(self, "_parsed", found)
        return found

    @property
    def value(self) -> float:
        """The answer in its base unit (seconds, bytes, per second)."""
        return self._number()[0]

    @property
    def dim(self) -> Dim:
        """What the answer measures."""
        return self._number()[1]

    @property
    def unit_value(self) -> float:
        """What a bare number typed by the learner is worth in base units."""
        return self._number()[2]
