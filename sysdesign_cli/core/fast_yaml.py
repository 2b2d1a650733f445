"""A curriculum file's data read fast, when that is sure to be what the full read gives.

The full read (`core.yaml_source`: PyYAML's C safe loader, with a node tree for lines)
costs about ten times what `yaml_rs` (a YAML reader in Rust that builds only dicts,
lists, strings and numbers) does. But PyYAML reads YAML 1.1 and yaml_rs YAML 1.2, and
they tell plain scalars apart differently: `yes`, `on`, `1:30` and `2024-01-02` are a
bool, a number and a date to one and strings to the other; `017`, `0o17`, `1e3` and
`+.5` are numbers to one and other numbers or strings to the other. So a text is read
fast only when none of that can happen:

- its text has no tab, carriage return, control character, byte-order mark or Unicode
  line break, no tag (`!`), merge key (`<<`), directive or document marker, and no
  escape in it made a control character (the full read reports those, with lines);
- every scalar made only of the characters of numbers is one both read alike (`-12`,
  `0.25`, `005`, `360.`: each such run of the text is read alone by both, once, and the
  values compared), or is inside a string (`1e3 users`): each of its occurrences in the
  text is found in the data's strings (which copy the text but for whitespace and
  quotes, so hold it no more often than the text does);
- no string in the data is one YAML 1.1 would have read as a bool, number, null, date
  or merge; every key is a string;
- aliases are refused by the reader, duplicate keys are an error, and the data nests no
  more than yaml_source.MAX_DEPTH collections (block nesting is bounded from the text
  first: the reader recurses, and thousands of levels would overflow its stack).

Anything else, and any error, gives None: the file is read the full way, which also
says what is wrong, with its line. Without the yaml_rs wheel, every file is.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from typing import Any

from sysdesign_cli.core.safe_text import RAW_CONTROL
from sysdesign_cli.core.yaml_source import MAX_DEPTH

try:
    import yaml_rs

    _NO_ALIASES = yaml_rs.AliasLimits(max_total_replayed_events=0)
except ImportError:  # pragma: no cover - no wheel for this platform: PyYAML reads all
    yaml_rs = None

# Outside printable YAML 1.1 text, less tab, CR, NEL, BOM and the line separators.
_ODD = re.compile(
    r"[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_TAG = re.compile(r"(?:^|[\s\[{,])!", re.MULTILINE)
_MARKERS = (b"\n---", b"\n...", b"\n%")  # and at the start: documents and directives


# The characters numbers are written with. A scalar begins and ends at none of them (but
# at quotes, flow indicators, `: `, ` #`, spaces and line breaks), so a number is a whole
# run of them, and each run in a string is a whole run of the text. (Bytes: a table
# lookup in C; every byte of a non-ASCII character is another.)
_NUMBER_BYTES = bytes(code if code in b"-+.0123456789_eExXoObB" else 32 for code in range(256))
_NOT_DIGITS = b"-+._eExXoObB"
# Read alike by YAML 1.1 and 1.2: `12`, `-0.25`, `60.` (a figure ending a sentence), and
# zeros before one octal digit (`000`, `007`: in `1,000,007` octal and decimal agree).
_BORING = re.compile(rb"-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|-?0+[0-7]?")
# Read apart: zeros before two or more digits, or before an 8 or a 9 (`010` is octal 8
# to YAML 1.1 and 10 to 1.2, `008` a string to one and 8 to the other; the id of the
# thousand-and-eighth lesson, `1,008` in a prompt).
_APART = re.compile(rb"[-+]?0+(?:[1-9][0-9]+|[89])")
# Every run either YAML could read as a number, and more (`1_000`, `0b1`, `+.5e3`); what
# matches neither this nor one of PyYAML's typed scalars is a string to both (`-0-e` in
# an id like `gen-0-estimate`), without reading it. Tested against both readers.
_NUMBERISH = re.compile(
    rb"[-+_]*(?:[0-9_]+(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][-+_]*[0-9_]+)?"
    rb"|[-+_]*0[xXoObB][0-9a-fA-F_]*"
)  # (yaml_rs reads `_0` as 0)
_PRINTABLE = bytes(range(0x20, 0x7F)) + b"\n"
MAX_LEADING = 400  # far below the depth at which the reader's recursion fails
# Indentation and `- `/`? ` openers (block nesting) as spaces, line breaks kept.
_NESTING = bytes(32 if code in b" ?-" else code if code == 10 else 46 for code in range(256))
_TOO_DEEP = b"\n" + b" " * MAX_LEADING
_patterns: dict[str, re.Pattern[str]] = {}  # PyYAML's typed scalars, by first character
_plain_typed: dict[str, bool] = {}
# Strings already found not to be typed scalars: keys and short values repeat from file to
# file, and a set difference passes over them at C speed. Bounded, as a cache must be.
_untyped: set[str] = set()
_alike: dict[bytes, bool] = {}  # runs of number characters read alike by both, or not
_fine_runs: set[bytes] = set()  # runs with no digit, or read alike by both
MAX_UNTYPED, MAX_UNTYPED_LENGTH = 50_000, 80
MAX_DIGITS = 4_000  # Python builds no int from more than 4,300 digits: the full read says so


def _typed_patterns() -> dict[str, re.Pattern[str]]:
    if not _patterns:
        from yaml.resolver import Resolver

        for first, found in Resolver.yaml_implicit_resolvers.items():
            _patterns[first] = re.compile(
                "|".join(f"(?:{pattern.pattern})" for _, pattern in found), re.VERBOSE)
    return _patterns


@cache
def _maybe_doubtful() -> re.Pattern[bytes]:
    """Runs of number characters, one a line, that may be read apart: with a digit, and
    either too long or not _BORING and either YAML could read as other than a string
    (`_NUMBERISH`, or one of YAML 1.1's numbers and dates). The others (most: `-1-e` in
    `q-1-estimate`, `2024`) need not be looked at one by one."""
    typed = _typed_patterns()["0"].pattern.encode("ascii")
    return re.compile(
        rb"^(?=[^\n]*[0-9])(?:[^\n]{%d}|(?!(?-x:%s)$)(?:(?-x:%s)$|%s))"
        % (MAX_DIGITS + 1, _BORING.pattern, _NUMBERISH.pattern, typed),
        re.VERBOSE | re.MULTILINE,  # PyYAML's patterns are written verbose; ours are not
    )


def _doubtful_string(text: str, pattern: re.Pattern[str]) -> bool:
    """Whether a string yaml_rs gave could be a plain scalar PyYAML reads as another type
    (a bool, number, null, date or merge key: it matches `pattern`). One that yaml_rs
    itself would read as another type when plain (`0`, `301`, `null`) was quoted, and is
    a string to both."""
    if not pattern.match(text):
        return False
    found = _plain_typed.get(text)
    if found is None:
        try:
            read = yaml_rs.loads(f"- {text}\n", parse_datetime=False)
            found = type(read) is list and len(read) == 1 and type(read[0]) is not str
        except Exception:
            found = False
        _plain_typed[text] = found
    return not found


_SCALARS = (str, int, float, bool, type(None))


def _strings(data: Any) -> list[str] | None:
    """The strings of the data, keys too, if it holds only plain values, string keys and
    no more than MAX_DEPTH levels of collections; None if not. (Read a level at a time:
    a load of many files makes this one of its larger costs.)"""
    found: list[str] = []
    keys: list[Any] = []
    level, depth = [data], 1
    while level:
        below: list[Any] = []
        for value in level:
            kind = type(value)
            if kind is str:
                found.append(value)
            elif kind is dict or kind is list:
                if depth > MAX_DEPTH:
                    return None
                if kind is dict:
                    keys += value
                    below += value.values()
                else:
                    below += value
            elif kind not in _SCALARS:
                return None
        level, depth = below, depth + 1
    if keys and set(map(type, keys)) != {str}:
        return None
    return found + keys


def _any_typed(strings: list[str]) -> bool:
    """Whether a string could be a plain scalar PyYAML reads as another type (only a date
    has a space in it, and starts with a digit). Keys and values repeat: each is looked
    at once."""
    table = _typed_patterns()
    fresh = set(strings) - _untyped
    for text in fresh:
        pattern = table.get(text[:1])
        if pattern is not None and (" " not in text or text[0].isdigit()) and (
                _doubtful_string(text, pattern)):  # fmt: skip
            return True
    if len(_untyped) < MAX_UNTYPED:
        _untyped.update(text for text in fresh if len(text) <= MAX_UNTYPED_LENGTH)
    return False


def _odd_text(text: str, raw: bytes) -> bool:
    """Whether the text (`raw` in UTF-8) holds anything the fast read is not trusted with."""
    return (
        (raw.translate(None, _PRINTABLE) != b"" and _ODD.search(text) is not None)
        or b"<<" in raw
        or raw.startswith((b"---", b"...", b"%"))
        or any(marker in raw for marker in _MARKERS)
        or (b"!" in raw and _TAG.search(text) is not None)
        or _TOO_DEEP in b"\n" + raw.translate(_NESTING)
    )


def _string_to_both(run: bytes) -> bool:
    """Whether neither YAML could read the run as anything but a string (`-0-e`)."""
    if _NUMBERISH.fullmatch(run):
        return False
    text = run.decode("ascii")
    pattern = _typed_patterns().get(text[:1])
    return pattern is None or not pattern.match(text)


def _parsed_alike(run: bytes) -> bool:
    """Whether PyYAML and yaml_rs, each reading the run alone, give the same value."""
    import yaml

    text = f"- {run.decode('ascii')}\n"
    try:
        one = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        other = yaml_rs.loads(text, parse_datetime=False)
    except Exception:
        return False
    return type(one) is list and type(other) is list and len(one) == len(other) == 1 \
        and type(one[0]) is type(other[0]) and one[0] == other[0]


def _read_alike(run: bytes) -> bool:
    """Whether PyYAML and yaml_rs read the run, standing alone as a plain scalar, as the
    same value of the same type (`005` is 5 to both, `017` is 15 to one and 17 to the
    other, `1e3` a string to one and a number to the other). Runs repeat: each is
    decided once, up to a bound; only one that could be a number is read by both."""
    found = _alike.get(run)
    if found is None:
        found = _APART.fullmatch(run) is None and (_string_to_both(run) or _parsed_alike(run))
        if len(_alike) < MAX_UNTYPED:
            _alike[run] = found
    return found


def _doubtful_runs(runs: set[bytes]) -> list[bytes]:
    """The runs the two YAMLs may read apart: all at once in C where none can be
    (`_maybe_doubtful`), else one by one."""
    if _maybe_doubtful().search(b"\n".join(runs)) is None:
        return []
    return [run for run in runs if _doubtful_run(run)]


def _doubtful_run(run: bytes) -> bool:
    """Whether the two YAMLs may read the run (with a digit) apart, or it is too long."""
    return bool(run.strip(_NOT_DIGITS)) and (len(run) > MAX_DIGITS or (
        not _BORING.fullmatch(run) and not _read_alike(run)))  # fmt: skip


def _doubtful_numbers(raw: bytes, strings: list[str]) -> bool:
    """Whether a run of number characters in the text that the two YAMLs read apart
    (`017`, `1e3`, `0b1`) is not, every time, inside a string of the data."""
    runs = raw.translate(_NUMBER_BYTES).split()
    fresh = set(runs) - _fine_runs  # most runs (`e`, `-`, `2024`) are met in every file
    doubtful = _doubtful_runs(fresh)
    if len(_fine_runs) < MAX_UNTYPED:
        _fine_runs.update(fresh.difference(doubtful) if doubtful else fresh)
    if not doubtful:
        return False
    if b"\\" in raw:  # an escape can spell a run the text does not hold
        return True
    # Counted once each (a count of each doubtful run would read every run again per run).
    have = Counter(runs)
    inside = Counter("\n".join(strings).encode().translate(_NUMBER_BYTES).split())
    return any(have[run] > inside[run] for run in doubtful)


def fast_data(text: str) -> Any:
    """The data of a YAML text, exactly as the full read would build it; None when that
    cannot be had fast (then read it the full way)."""
    raw = text.encode("utf-8", "surrogatepass")
    if yaml_rs is None or _odd_text(text, raw):
        return None
    try:
        data = yaml_rs.loads(
            text,
            parse_datetime=False,
            alias_limits=_NO_ALIASES,
            duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error,
        )
    except Exception:  # any reading error: the full read says what, with its line
        return None
    strings = _strings(data)
    if strings is None or _any_typed(strings) or _doubtful_numbers(raw, strings):
        return None
    if b"\\" in raw and any(RAW_CONTROL.search(string) for string in strings):
        return None
    return data
