"""Working typed with units on its factors: `1000/s x 86400 s` (a rate times a duration
is a count), `2 MB * 1000/s * 86400 s` (a size a day), `1e7 / 86400 s` (a count over a
duration is a rate), `50,000 views/s x 200 KB` (a bandwidth; `50,000 x 200 KB` too, when
a bandwidth is asked: the bare count is per second), `24 h x 3600 s` (so many hours of so
many seconds each).

Each factor is read as a quantity; their dimensions (bytes, seconds) multiply and divide
as the figures do, and the result is the figure in the base unit of its kind. Beside a
factor with a unit, a bare `B` (`500 B x 1M/day x 1825 days`) or `m` is a byte or a
billion, minutes or a million, whichever makes the product the kind of figure the
question asks for (the usual reading first). Working with no unit but a bare `B`, with
brackets or sums, is left to `working`.
"""

from __future__ import annotations

import itertools
import math
import re

from sysdesign_cli.core.quantities import _SECONDS, Dim, Quantity, QuantityError, parse
from sysdesign_cli.core.working import Unreadable

# A dimension as (power of bytes, power of seconds).
_POWERS = {
    Dim.COUNT: (0, 0),
    Dim.RATE: (0, -1),
    Dim.BYTES: (1, 0),
    Dim.BYTE_RATE: (1, -1),
    Dim.DURATION: (0, 1),
}
_DIMS = {powers: dim for dim, powers in _POWERS.items()}
# The figure in its base unit, as the quantities parser reads it back.
_BASE = {Dim.COUNT: "", Dim.RATE: "/s", Dim.BYTES: " bytes", Dim.BYTE_RATE: " bytes/s",
         Dim.DURATION: " s"}  # fmt: skip

# A product's operator (`*`, `x` between figures, a times or middle dot sign), or a `/`
# before a number (a `/` before a word is `per`: `1M/day` is one factor).
_SPLIT = re.compile(r"\s*(\*|\u00d7|\u00b7|(?<=[\s\d])x(?=[\s\d])|/(?=\s*[\d.]))\s*")
MAX_FACTORS = 6
_LEADING = re.compile(r"[~\u2248]?\s*(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?")


def _readings(factor: str) -> list[Quantity]:
    """Every way a factor reads: `500 B` as bytes and as a billion, `5m` as minutes and
    as a million; trailing words that are not units are dropped (`6B links`)."""
    words = factor.split()
    for cut in range(len(words), 0, -1):
        text = " ".join(words[:cut])
        found = []
        for expect in (None, Dim.BYTES, Dim.DURATION):
            try:
                quantity = parse(text, expect=expect)
            except QuantityError:
                continue
            if quantity.dim is not Dim.PERCENT and quantity not in found:
                found.append(quantity)
        if found:
            return found
        if re.search(r"\d", words[cut - 1]):
            return []  # never drop a number
    return []


def _unit(factor: str) -> str | None:
    """The unit of time a factor is typed in (`h` of `24 h`), if any."""
    match = re.match(r"^(.*?\d)\s*([a-z]+)$", factor.strip(), re.I)
    unit = match.group(2).lower() if match else None
    return unit if unit in _SECONDS else None


def _chain(factors: list[str], read: list[list[Quantity]], units: list[int]) -> str:
    """`365 days x 24 h`, `24 h x 3600 s`, `24 hours x 60 min x 60 s`: so many of one
    unit, each as long as the next one's figure says; the figure is in the smallest unit.
    Each duration beside another must be one of that other's unit (24 h is one day),
    in either order; else the working cannot be read (`2 h x 4380 h`)."""
    typed = [_unit(factors[i]) for i in units]
    seconds = [read[i][0].value for i in units]
    if None in typed:
        raise Unreadable("write each duration with its unit: 365 days x 24 h")
    for one, other in itertools.pairwise(range(len(units))):
        if not any(math.isclose(seconds[a], _SECONDS[typed[b]])
                   for a, b in ((one, other), (other, one))):  # fmt: skip
            raise Unreadable("multiply durations as so many of a unit, each as long as the "
                             "next says: 365 days x 24 h, 24 h x 3600 s")
    smallest = min(range(len(units)), key=lambda k: _SECONDS[typed[k]])
    counts = [f"{read[i][0].value / _SECONDS[typed[units.index(i)]]:.12g}" if i in units
              else f"{read[i][0].value:.12g}" for i in range(len(factors))]  # fmt: skip
    return " * ".join(counts) + " " + typed[smallest]


def _as_read(factors: list[str], read: list[list[Quantity]], units: list[int]) -> list[str]:
    """The factors without a unit as their figures were read (`1B users` -> `1e+09`), so
    that words typed beside them do not hide the working."""
    return [factor if i in units else f"{read[i][0].value:.12g}"
            for i, factor in enumerate(factors)]  # fmt: skip


def _unit_to_the_end(factors: list[str], at: int) -> str | None:
    """`24 h x 365` -> `24 * 365 h`, `116/s x 5` -> `116 * 5/s`: one unit among the
    factors of a product, which the figure keeps, carried to the end for `working`
    (None where it is there already)."""
    if at == len(factors) - 1:
        return None
    match = _LEADING.match(factors[at].strip())
    if not match:
        return None
    unit = factors[at].strip()[match.end():].strip()
    numbers = [*factors[:at], match.group(0), *factors[at + 1:]]
    glue = "" if unit[:1] in "/kKMGTB" else " "
    return " * ".join(n.strip() for n in numbers) + glue + unit


def _combine(factors: list[str], ops: list[str], readings: tuple[Quantity, ...]) -> tuple[
        float, tuple[int, int]] | None:  # fmt: skip
    value = readings[0].value
    bytes_power, seconds_power = _POWERS[readings[0].dim]
    for op, quantity in zip(ops, readings[1:]):
        b, s = _POWERS[quantity.dim]
        sign = -1 if op == "/" else 1
        if sign < 0 and quantity.value == 0:
            return None
        value = value / quantity.value if sign < 0 else value * quantity.value
        bytes_power, seconds_power = bytes_power + sign * b, seconds_power + sign * s
    return value, (bytes_power, seconds_power)


def with_units(text: str, expect: Dim) -> str | None:
    """The figure a product or quotient of figures with units comes to, written in the
    base unit of its kind (`86400000`, `115.74/s`, `1.728e+14 bytes`), when it is the
    kind `expect` asks for; or, for a product with one unit, the working with that unit
    at its end, for `working` to work out; None when `text` is no such working."""
    if expect not in _POWERS or re.search(r"[()+=]|\s-\s", text):
        return None
    pieces = _SPLIT.split(text.strip())
    factors, ops = pieces[::2], [op if op == "/" else "*" for op in pieces[1::2]]
    if len(factors) < 2 or len(factors) > MAX_FACTORS or not all(f.strip() for f in factors):
        return None
    read = [_readings(factor) for factor in factors]
    if not all(read):
        return None
    units = [i for i, options in enumerate(read) if options[0].dim is not Dim.COUNT]
    if not units:
        return None  # plain arithmetic, or a bare `B` alone: `working` reads it
    if "/" not in ops and len(units) > 1 and all(read[i][0].dim is Dim.DURATION for i in units):
        return _chain(factors, read, units)
    if len(units) == 1 and "/" not in ops:
        if expect is Dim.BYTE_RATE and read[units[0]][0].dim is Dim.BYTES:
            # `31.25M * 2 MB` for a bandwidth: the bare count is a rate per second, as a
            # bare figure is read in the unit the question asks for.
            value = math.prod(options[0].value for options in read)
            return f"{value:.12g}{_BASE[expect]}" if math.isfinite(value) else None
        factors = _as_read(factors, read, units)
        return _unit_to_the_end(factors, units[0]) or " * ".join(f.strip() for f in factors)
    results = set()
    # The usual reading of each factor first: a reading that needs the other sense of a
    # `B` or an `m` counts only where the usual one does not give the kind asked for.
    for changed in range(len(factors) + 1):
        for combo in itertools.product(*read):
            if sum(q is not options[0] for q, options in zip(combo, read)) != changed:
                continue
            found = _combine(factors, ops, combo)
            if found and found[1] in _DIMS and _DIMS[found[1]] is expect:
                results.add(float(f"{found[0]:.9g}"))
        if results:
            break
    if len(results) != 1:
        return None
    value = results.pop()
    if not math.isfinite(value) or value < 0:
        return None
    return f"{value:.12g}{_BASE[expect]}"
