"""`--json` output: figures as they mean, without binary floating-point noise.

0.0001 x 31,536,000 s is 3153.6 s, but doubles say 3153.5999999996525. Every float is
rounded to 12 significant digits, far finer than any input is known, which takes the
noise away and keeps the value; a float that is a whole number is written as one.
"""

from __future__ import annotations

import json
import math
from typing import Any

DIGITS = 12


def clean(value: Any) -> Any:
    """`value` with every float in it rounded to DIGITS significant digits."""
    if isinstance(value, float):
        if not math.isfinite(value) or value == 0:
            return value
        rounded = float(f"{value:.{DIGITS}g}")
        return int(rounded) if rounded.is_integer() and abs(rounded) < 2**53 else rounded
    if isinstance(value, dict):
        return {key: clean(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(item) for item in value]
    return value


def dumps(data: Any) -> str:
    """Data as indented JSON, figures cleaned."""
    return json.dumps(clean(data), indent=2)
