"""Figures typed as words or as working: `five`, `a thousand`, `half a millisecond`,
`24*60*60`, `3 x 10^7`, `1/2 ns`. Each becomes the plain figure it stands for; what
cannot be worked out is left for the reader to refuse."""

from __future__ import annotations

import math
import re

from sysdesign_cli.core.quantities import _SECONDS
from sysdesign_cli.core.safe_text import SHORT, quoted


class Unreadable(ValueError):
    """A typed figure that cannot be graded as it stands: asked again, at no cost."""



# ---------------------------------------------------------------- number words

_SMALL = {word: value for value, word in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
))}  # fmt: skip
_TENS = {word: 10 * (index + 2) for index, word in enumerate((
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
))}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_FRACTIONS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3, "fifth": 0.2, "tenth": 0.1}
_NUMBER_WORD = "|".join([*_SMALL, *_TENS, *_SCALES, *_FRACTIONS, "dozen"])
_RUN = re.compile(
    rf"(?<![\d.]\s)(?<![\d.])\b(?:(?:a|an|and|{_NUMBER_WORD})[\s-]+)*(?:{_NUMBER_WORD})\b"
    r"(?:[\s-]+(?:a|an)\b)?",
    re.I,
)


def _words_value(words: list[str]) -> float | None:
    total = current = 0.0
    fraction = 0.0
    seen = False
    for word in words:
        if word in _SMALL:
            current += _SMALL[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0
        elif word in _FRACTIONS:
            fraction += _FRACTIONS[word]
        elif word in ("a", "an", "and"):
            continue
        else:
            return None
        seen = True
    return total + current + fraction if seen else None


def digits_for_words(text: str) -> str:
    """`five` -> `5`, `a thousand` -> `1000`, `half a millisecond` -> `0.5 millisecond`,
    `one and a half hours` -> `1.5 hours`; digits and other words are left alone."""

    def replace(match: re.Match[str]) -> str:
        words = [w for w in re.split(r"[\s-]+", match.group(0).lower()) if w]
        kept = ""
        if words[-1] in ("a", "an") and not _FRACTIONS.keys() & set(words):
            kept = f"{words.pop()} "  # "two a minute": the `a` is the period's
        value = _words_value(words)
        if value is None:
            return match.group(0)
        return f"{value:.15g} {kept}" if value < 1e15 else match.group(0)

    # "5 and a quarter minutes", "2 and a half": a figure and a fraction of one.
    text = re.sub(r"(\d+(?:\.\d+)?)\s+and\s+an?\s+(half|quarter)\b",
                  lambda m: f"{float(m.group(1)) + _FRACTIONS[m.group(2).lower()]:.15g}",
                  text, flags=re.I)  # fmt: skip
    text = _RUN.sub(replace, text)
    text = re.sub(r"(\d)\s+of\s+(?:an?|one)\s+", r"\1 ", text, flags=re.I)  # "a fifth of a second"
    if re.search(r"\d", text):
        return text  # "86M rows a day": the `a day` is a period, not a figure
    # "about a day", "an hour": one of the unit.
    units = "|".join(sorted((re.escape(u) for u in _SECONDS if len(u) > 2), key=len, reverse=True))
    return re.sub(rf"(?<![\w.])(?:a|an|one)\s+(?=(?:{units})\b)", "1 ", text, flags=re.I)


# ---------------------------------------------------------------- working

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:e[+-]?\d+)?|\.\d+"
_MAG = {"k": 1e3, "m": 1e6, "b": 1e9, "bn": 1e9, "g": 1e9, "t": 1e12}
_TOKEN = re.compile(
    rf"\s*(?:(?P<num>{_NUM})(?![\d.])(?P<mag>k|K|M|bn|B|G|T)?(?!(?![x\u00d7]\s*[\d(.])[A-Za-z])"
    r"|(?P<op>\*\*|[-+*/^()x\u00d7÷]))"
)
# A size in a product (`1000 * 2 MB * 86400`): the unit is taken out, to follow the result.
_SIZE = re.compile(rf"(?P<num>{_NUM})\s*(?P<unit>[KMGTP]i?B|bytes?)\b")
# Where a size is asked for, a bare `B` is a byte too (`100M*60*500B`), not a billion,
# when another factor is counted with a magnitude of its own.
_SIZE_OR_B = re.compile(rf"(?P<num>{_NUM})\s*(?P<unit>[KMGTP]i?B|B|bytes?)\b")


class _Expression:
    """A small arithmetic reader: + - * x / ^ and brackets, over plain numbers."""

    def __init__(self, text: str) -> None:
        self.tokens: list[tuple[str, str | float]] = []
        self.ends: list[int] = []
        position = 0
        while position < len(text):
            match = _TOKEN.match(text, position)
            if not match:
                break
            if match.group("num") is not None:
                value = float(match.group("num").replace(",", ""))
                value *= _MAG.get((match.group("mag") or "").lower(), 1.0)
                self.tokens.append(("num", value))
            else:
                op = match.group("op")
                word = {"x": "*", "\u00d7": "*", "÷": "/", "**": "^"}.get(op, op)
                self.tokens.append(("op", word))
            position = match.end()
            self.ends.append(position)
        self.index = 0

    def value(self) -> tuple[float, int] | None:
        """The longest leading expression's value and where it ends in the text."""
        best = None
        for count in range(len(self.tokens), 0, -1):
            self.index = 0
            kept = self.tokens
            self.tokens = kept[:count]
            try:
                result = self._sum()
                if self.index == count:
                    best = (result, self.ends[count - 1])
            except (ValueError, ZeroDivisionError, OverflowError, IndexError):
                pass
            self.tokens = kept
            if best:
                return best
        return None

    def _peek(self) -> tuple[str, str | float] | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def _sum(self) -> float:
        value = self._product()
        while (token := self._peek()) and token in (("op", "+"), ("op", "-")):
            self.index += 1
            value = value + self._product() if token[1] == "+" else value - self._product()
        return value

    def _product(self) -> float:
        value = self._power()
        while (token := self._peek()) and token in (("op", "*"), ("op", "/")):
            self.index += 1
            value = value * self._power() if token[1] == "*" else value / self._power()
        return value

    def _power(self) -> float:
        base = self._atom()
        if (token := self._peek()) and token == ("op", "^"):
            self.index += 1
            exponent = self._power()
            if abs(exponent) > 400:
                raise OverflowError
            base = base**exponent
            if isinstance(base, complex):  # `-1^0.1`: no real figure
                raise ValueError
        if not math.isfinite(base) or abs(base) > 1e30:
            raise OverflowError
        return base

    def _atom(self) -> float:
        token = self._peek()
        if token is None:
            raise ValueError
        self.index += 1
        if token[0] == "num":
            return float(token[1])
        if token == ("op", "("):
            value = self._sum()
            if self._peek() != ("op", ")"):
                raise ValueError
            self.index += 1
            return value
        if token == ("op", "-"):
            return -self._atom()
        raise ValueError


def worked(text: str, size: bool = False) -> str:
    """`24*60*60 s` -> `86400 s`; `3 x 10^7` -> `30000000`. Text with no working is kept.

    `/` followed by a number divides (`1/2 ns`); followed by a word it is `per` (`1M/day`).
    Where a `size` is asked for, one factor's bare `B` is its unit, bytes (`100M*60*500B`).
    """
    text = _unit_last(text, _SIZE_OR_B if size else _SIZE)
    expression = _Expression(text)
    ops = [t for t in expression.tokens if t[0] == "op" and t[1] not in ("(", ")")]
    if not ops:
        return text
    found = expression.value()
    if found is None:
        return text
    value, end = found
    used = text[:end]
    if not re.search(r"\d(?:bn|[kKMBGT])?\s*(?:\*\*|[-+*/^x\u00d7÷])\s*[\d(.]", used):
        return text  # `10M` or `-5`: nothing was worked out
    if value < 0:
        raise Unreadable(f"{quoted(used.strip(), SHORT)} comes out negative")
    return f"{value:.12g}{text[end:]}"


def _unit_last(text: str, sizes_read: re.Pattern[str] = _SIZE) -> str:
    """`1000*2MB*86400` -> `1000*2*86400 MB`: one size among the factors of a product
    carries its unit to the end; anything else is left as it is."""
    sizes = list(sizes_read.finditer(text))
    if len(sizes) != 1:
        return text
    size = sizes[0]
    rest = f"{text[: size.start()]}{size.group('num')}{text[size.end() :]}"
    if size.group("unit") == "B" and not re.search(rf"(?:{_NUM})\s*(?:bn|[kKMGT])\b", rest):
        return text  # `6B*500`: a billion, where no other factor is counted in millions
    if not re.fullmatch(rf"\s*(?:{_NUM})(?:[kKMGT])?(?:\s*[*x\u00d7]\s*(?:{_NUM})(?:[kKMGT])?)+\s*",
                        rest):  # fmt: skip
        return text
    return f"{rest.strip()} {size.group('unit')}"
