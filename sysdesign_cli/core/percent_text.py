"""A typed-text question whose answer is a percentage (`99.99%` for "four nines"): any
way of writing the same figure says it (`0.9999`, `.9999`, `99.99 %`, `99.990 percent`),
since a fraction and a percentage are the same availability written two ways; a
different figure never does (`0.999` is three nines)."""

from __future__ import annotations

import math

from sysdesign_cli.core.quantities import Dim, QuantityError, parse


def _percent(text: str, *, fraction: bool) -> float | None:
    """`text` as a percentage, or None when it is not a figure alone. With `fraction`, a
    bare figure from 0 to 1 is read as a fraction of the whole (`0.9999`: 99.99%)."""
    try:  # the strict reader: a word beside the figure (`not 0.9999`) makes it no figure
        quantity = parse(text, expect=Dim.PERCENT)
    except QuantityError:
        return None
    dim, value = quantity.dim, quantity.value
    if dim is Dim.PERCENT:
        return value
    if dim is Dim.COUNT:
        return value * 100 if fraction and 0 < value <= 1 else value
    return None


def same_percentage(answer: str, accepted: list[str]) -> str | None:
    """The accepted percentage (an option written with `%` or `percent`) that `answer`
    writes another way, or None."""
    for option in accepted:
        if "%" not in option and "percent" not in option.lower():
            continue
        wanted = _percent(option, fraction=False)
        if wanted is None or wanted <= 1:
            continue  # a fraction of a percent could not be told from a fraction
        typed = _percent(answer, fraction=True)
        if typed is not None and math.isclose(typed, wanted, rel_tol=1e-9):
            return option
    return None
