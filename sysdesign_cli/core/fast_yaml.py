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
- every scalar made only of the characters of numbers is written the one way both read
  alike (`-12`, `0.25`), or is inside a string (`1,000,000 users`): each of its
  occurrences in the text is found in the data's strings (which copy the text but for
  whitespace and quotes, so hold it no more often than the text does);
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
from typing import Any

from sysdesign_cli.core.safe_text import RAW_CONTROL
from sysdesign_cli.core.yaml_source import MAX_DEPTH

try:
    import yaml_rs
except ImportError:  # pragma: no cover - no wheel for this platform: PyYAML reads all
    yaml_rs = None

_DOUBT = re.compile(
    # outside printable YAML 1.1 text, less tab, CR, NEL, BOM and the line separators
    r"[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
    r"|<<|^(?:---|\.\.\.|%)|(?:^|[\s\[{,])!",
    re.MULTILINE,
)
# A plain scalar made only of the characters of numbers, where a value starts.
_NUMBERISH = re.compile(
    r"(?:^|[\[{,]|[:?-] )[ ]*([-+.0-9][-+.0-9_eExXoObB]*)[ ]*(?=[,\]}#\n]|$)", re.MULTILINE
)
# The same characters anywhere, holding a digit: a scalar begins and ends at none of them
# (but at quotes, flow indicators, `: `, ` #`, spaces and line breaks), so each such run
# in a string is a whole run of the text.
_RUN = re.compile(r"[-+.0-9_eExXoObB]*[0-9][-+.0-9_eExXoObB]*")
_BORING = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")  # read alike by YAML 1.1 and 1.2
_LEADING = re.compile(r"^[ ?-]*", re.MULTILINE)  # indentation and `- `/`? ` openers
MAX_LEADING = 400  # far below the depth at which the reader's recursion fails

_resolvers: dict[str, list[Any]] | None = None


_plain_typed: dict[str, bool] = {}


def _doubtful_string(text: str) -> bool:
    """Whether a string yaml_rs gave could be a plain scalar PyYAML reads as another type
    (a bool, number, null, date or merge key). One that yaml_rs itself would read as
    another type when plain (`0`, `301`, `null`) was quoted, and is a string to both."""
    global _resolvers
    if _resolvers is None:
        from yaml.resolver import Resolver

        _resolvers = {key: [pattern for _, pattern in found]
                      for key, found in Resolver.yaml_implicit_resolvers.items()}  # fmt: skip
    patterns = _resolvers.get(text[0]) if text else None
    if patterns is None or not any(pattern.match(text) for pattern in patterns):
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


def _strings(data: Any) -> list[str] | None:
    """The strings of the data, keys too, if PyYAML would have built the same data: no
    string it would read as another type, only string keys, only plain values, not
    nested past MAX_DEPTH; None if not."""
    found: list[str] = []
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        kind = type(value)
        if kind is str:
            if _doubtful_string(value):
                return None
            found.append(value)
        elif kind is dict:
            if depth > MAX_DEPTH:
                return None
            for key, item in value.items():
                if type(key) is not str or _doubtful_string(key):
                    return None
                found.append(key)
                stack.append((item, depth + 1))
        elif kind is list:
            if depth > MAX_DEPTH:
                return None
            stack += [(item, depth + 1) for item in value]
        elif kind not in (int, float, bool, type(None)):
            return None
    return found


def fast_data(text: str) -> Any:
    """The data of a YAML text, exactly as the full read would build it; None when that
    cannot be had fast (then read it the full way)."""
    if yaml_rs is None or _DOUBT.search(text):
        return None
    if max(map(len, _LEADING.findall(text)), default=0) > MAX_LEADING:
        return None
    try:
        data = yaml_rs.loads(
            text,
            parse_datetime=False,
            alias_limits=yaml_rs.AliasLimits(max_total_replayed_events=0),
            duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error,
        )
    except Exception:  # any reading error: the full read says what, with its line
        return None
    strings = _strings(data)
    if strings is None:
        return None
    if "\\" in text and RAW_CONTROL.search("\n".join(strings)):
        return None
    doubtful = {number for number in _NUMBERISH.findall(text) if not _BORING.fullmatch(number)}
    if doubtful:
        if "\\" in text:  # an escape can spell a run the text does not hold
            return None
        in_text = Counter(run for run in _RUN.findall(text) if run in doubtful)
        in_strings = Counter(run for run in _RUN.findall("\n".join(strings)) if run in doubtful)
        if any(in_text[number] > in_strings[number] for number in doubtful):
            return None
    return data
