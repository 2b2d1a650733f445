"""Choices named the way people type them in plain mode: by number or by text (case,
endings and small typos forgiven), one or a list of them (`2, 3 and 1`, `3 > 1 > 2`,
`a -> b -> c`). A digit that is not a plain ASCII one (`10²`, `①`) names nothing."""

from __future__ import annotations

import re
from collections.abc import Sequence


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


MAX_DIGITS = 4  # no list has more than a few choices: `99999999...` is not a number of one


def _number(text: str) -> int | None:
    """A choice number typed in ASCII digits (`10²`, `①` and 5,000 digits are not)."""
    text = text.strip().rstrip(".)")
    if re.fullmatch(rf"[0-9]{{1,{MAX_DIGITS}}}", text):
        return int(text)
    return None


def pick(answer: str, choices: Sequence[str]) -> str | None:
    """A choice named by its number (1-based) or its text: case, spacing, endings and
    small typos forgiven as in typed answers; None when it names none, or several."""
    number = _number(answer)
    if number is not None:
        return choices[number - 1] if 1 <= number <= len(choices) else None
    folded = _fold(answer)
    if not folded:
        return None
    for choice in choices:
        if _fold(choice) == folded:
            return choice
    from sysdesign_cli.core.textmatch import fold

    if len(folded) > 500:
        return None
    exact = [choice for choice in choices if fold(choice) == fold(answer)]
    if len(exact) == 1:
        return exact[0]
    from rapidfuzz import fuzz, process

    scored = process.extract(fold(answer), {c: fold(c) for c in choices}, scorer=fuzz.ratio,
                             limit=2)  # fmt: skip
    if not scored:
        return None
    (_, best, choice), rest = scored[0], scored[1:]
    runner_up = rest[0][1] if rest else 0.0
    if best >= 85 and best - runner_up >= 10:
        return choice
    return _part_of_one(answer, choices)


def _part_of_one(answer: str, choices: Sequence[str]) -> str | None:
    """The one choice whose words hold every word of `answer` (two or more of them, up to
    their endings): `2 GB video` for `A 2 GB video file`; None if none or several do."""
    from sysdesign_cli.core.textmatch import analyse

    said = {w.stem for w in analyse(answer) if not w.boundary}
    if len(said) < 2:
        return None
    holding = [c for c in choices if said <= {w.stem for w in analyse(c) if not w.boundary}]
    return holding[0] if len(holding) == 1 else None


_SEPARATOR = re.compile(r"\s*(?:->|=>|>|;|,|\band then\b|\bthen\b|\band\b|&)\s*", re.I)


def pick_many(answer: str, choices: Sequence[str]) -> list[str] | None:
    """A list of choice numbers or texts, separated by commas, spaces (numbers), `and`,
    `;`, `>` or `->`; None if any part names no choice. A choice whose own text holds a
    separator (`Read replica and cache`) is still read whole."""
    text = answer.strip()
    if not text:
        return []
    numbers = [t for t in re.split(r"\s+|" + _SEPARATOR.pattern, text, flags=re.I) if t]
    if len(numbers) > 1 and all(re.fullmatch(r"[0-9]+", t) for t in numbers):
        parts: list[str] | None = numbers  # `2 4 and 6`, `2,4, 6`
    else:
        parts = _split_choices(text, choices)
    if parts is None:
        return None
    picked: list[str] = []
    for part in parts:
        choice = part if part in choices else pick(part, choices)
        if choice is None:
            return None
        if choice not in picked:
            picked.append(choice)
    return picked


def _split_choices(text: str, choices: Sequence[str]) -> list[str] | None:
    """The parts of `text`, joined back where a separator belongs to a choice's text."""
    pieces = _SEPARATOR.split(text)
    separators = _SEPARATOR.findall(text)
    if len(pieces) > 40:
        return None
    # best[i]: a way to read pieces[:i] as choices, or None.
    best: list[list[str] | None] = [None] * (len(pieces) + 1)
    best[0] = []
    for end in range(1, len(pieces) + 1):
        for start in range(end - 1, -1, -1):
            if best[start] is None:
                continue
            joined = pieces[start]
            for index in range(start + 1, end):
                joined += separators[index - 1] + pieces[index]
            if not joined.strip():
                best[end] = best[start]
                break
            choice = pick(joined, choices)
            if choice is not None:
                best[end] = [*best[start], choice]  # type: ignore[misc]
                break
    return best[len(pieces)]
