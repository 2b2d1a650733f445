"""`--json` output: figures as they mean, without binary floating-point noise.

0.0001 x 31,536,000 s is 3153.6 s, but doubles say 3153.5999999996525, and 1 - 0.99999
is off in its twelfth digit. Every float is written with the fewest significant digits
that keep it within one part in a billion: far finer than any input or figure is known,
coarse enough that the noise goes. A float that is then a whole number is written as one.
"""

from __future__ import annotations

import json
import math
from typing import Any

CLOSE = 1e-9  # relative: what a figure may move by when it is written


def clean(value: Any) -> Any:
    """`value` with every float in it written as briefly as CLOSE allows."""
    if isinstance(value, float):
        if not math.isfinite(value) or value == 0:
            return value
        for digits in range(1, 18):
            rounded = float(f"{value:.{digits}g}")
            if abs(rounded - value) <= CLOSE * abs(value):
                break
        return int(rounded) if rounded.is_integer() and abs(rounded) < 2**53 else rounded
    if isinstance(value, dict):
        return {key: clean(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(item) for item in value]
    return value


def dumps(data: Any) -> str:
    """Data as indented JSON, figures cleaned."""
    return json.dumps(clean(data), indent=2)
