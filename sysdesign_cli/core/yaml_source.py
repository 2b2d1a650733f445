"""YAML text into plain data with its node tree, for file, line and field in every message.

The C safe loader only: it builds dicts, lists, strings and numbers, never a Python
object. Aliases and deep nesting are refused before anything is built.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml

from sysdesign_cli.core.safe_text import control_characters, visible

# PyYAML's safe loaders build only plain data: a `!!python/object` tag is an error.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 64  # lessons nest a few levels; libyaml's composer recurses in C and crashes deeper

_INDENT_SIGNS = (
    "mapping values are not allowed",
    "expected <block end>",
    "did not find expected",
    "tab character",
)


class YamlProblem(Exception):
    """YAML that cannot be read; `line` is 1-based when known."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _shape_problem(text: str) -> tuple[int, str] | None:
    """Line and reason when the YAML uses an alias or nests too deep, read from the parser's
    events before anything is built: an alias can make a cycle or a billion-laughs blow-up."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark.line + 1, (
                f"YAML alias *{event.anchor} is not allowed: write the value out"
            )
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark.line + 1, f"nested more than {MAX_DEPTH} levels deep"
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
    return None


def _plain_tree(node: yaml.Node | None) -> bool:
    """Whether a composed tree has no alias (a node met twice) and is at most MAX_DEPTH
    collections deep: what `_shape_problem` checks, on the nodes, without a second parse."""
    seen: set[int] = set()
    stack = [(node, 1)] if node is not None else []
    while stack:
        current, depth = stack.pop()
        if id(current) in seen:
            return False
        seen.add(id(current))
        if type(current) is yaml.MappingNode:
            if depth > MAX_DEPTH:
                return False
            for key, value in current.value:
                stack += ((key, depth + 1), (value, depth + 1))
        elif type(current) is yaml.SequenceNode:
            if depth > MAX_DEPTH:
                return False
            stack += ((item, depth + 1) for item in current.value)
    return True


def _one_pass(text: str) -> tuple[Any, yaml.Node | None] | None:
    """The data and nodes from one parse, when libyaml (which itself refuses more than 1,000
    levels, so its composer cannot run out of stack) gives a tree with no alias and not
    too deep; None when anything is amiss, so that `compose` says what, exactly as ever."""
    if _Loader.__name__ != "CSafeLoader":  # the pure-Python composer recurses in Python
        return None
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if not _plain_tree(node):
                return None
            return (loader.construct_document(node) if node is not None else None), node
        finally:
            loader.dispose()
    except (yaml.YAMLError, ValueError, OverflowError):  # the full read says what and where
        return None


def compose(text: str) -> tuple[Any, yaml.Node | None]:
    """The data and its node tree; YamlProblem with a line and a readable reason if not."""
    found = _one_pass(text)
    if found is not None:
        return found
    try:
        shape = _shape_problem(text)
        if shape is not None:
            raise YamlProblem(*shape)
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            try:
                data = loader.construct_document(node) if node is not None else None
            except (ValueError, OverflowError) as error:
                raise _unreadable_value(node, error) from None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = str(error.problem or error)
        if "could not determine a constructor" in problem:
            tag = problem.split("tag", 1)[-1].strip(" '").replace("tag:yaml.org,2002:", "!!")
            problem = f"YAML tag {tag} is not allowed: lessons are plain data"
        elif any(sign in problem for sign in _INDENT_SIGNS):
            problem += " (check the indentation on this line and the one before)"
        raise YamlProblem(line, f"YAML syntax: {problem}") from None
    except yaml.reader.ReaderError as error:
        raise _raw_character(text, error) from None
    except yaml.YAMLError as error:
        raise YamlProblem(None, f"YAML syntax: {error}") from None
    return data, node


_KINDS = {"int": "a whole number", "float": "a number", "timestamp": "a date"}


def _unreadable_value(node: yaml.Node | None, error: Exception) -> YamlProblem:
    """A plain scalar YAML types but cannot build (`2001-02-30`, a number of 5,000 digits):
    its line, the value shown short, and the fix."""
    loader = _Loader("")
    try:
        for item, _, _ in _walk(node):
            if isinstance(item, yaml.ScalarNode) and item.tag != "tag:yaml.org,2002:str":
                try:
                    loader.construct_object(item, deep=True)
                except (ValueError, OverflowError):
                    value = visible(item.value)
                    shown = value if len(value) <= 40 else f"{value[:37]}..."
                    kind = item.tag.rsplit(":", 1)[-1]
                    what = _KINDS.get(kind, kind)
                    why = ("too many digits" if "digits" in str(error)
                           else visible(str(error).split(";")[0])[:80])  # fmt: skip
                    return YamlProblem(item.start_mark.line + 1,
                                       f"YAML reads {shown!r} as {what} it cannot build "
                                       f"({why}): put it in quotes to make it text")  # fmt: skip
    finally:
        loader.dispose()
    return YamlProblem(None, f"YAML value cannot be read: {visible(str(error))[:80]}")


def _raw_character(text: str, error: yaml.reader.ReaderError) -> YamlProblem:
    """A character YAML refuses to read (an escape byte pasted from a terminal): its line,
    the character shown as text, and the fix; the reader's own offset counts bytes in C."""
    found = text.find(chr(error.character)) if isinstance(error.character, int) else -1
    if found < 0:
        return YamlProblem(None, f"YAML syntax: {visible(str(error.reason))}")
    shown = visible(chr(error.character))
    what = (f"the raw control character {shown}, which could change the terminal,"
            if shown != chr(error.character) else f"the character U+{error.character:04X}")
    column = found - text.rfind("\n", 0, found)
    return YamlProblem(text.count("\n", 0, found) + 1,
                       f"column {column}: {what} is not allowed in YAML: remove it")


def _walk(node: yaml.Node | None, path: str = "") -> Iterator[tuple[yaml.Node, str, bool]]:
    """Every node with its dotted field, and whether it is a mapping key."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            here = f"{path}.{key.value}" if path else str(key.value)
            yield key, here, True
            yield from _walk(value, here)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _walk(item, f"{path}[{index}]")
    elif node is not None:
        yield node, path, False


def duplicate_keys(node: yaml.Node | None, path: str = "") -> Iterator[tuple[int, str, str]]:
    """YAML lets a key appear twice and keeps the last one: authors want to know."""
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = str(key.value)
            here = f"{path}.{name}" if path else name
            if name in seen:
                yield key.start_mark.line + 1, here, f"key {name!r} appears twice"
            seen.add(name)
            yield from duplicate_keys(value, here)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from duplicate_keys(item, f"{path}[{index}]")


def control_problems(node: yaml.Node | None) -> Iterator[tuple[int, str, str]]:
    """(line, field, message) for every key or value holding a control character."""
    for item, field, is_key in _walk(node):
        if not isinstance(item, yaml.ScalarNode) or not isinstance(item.value, str):
            continue
        found = control_characters(item.value)
        if found:
            what = "key" if is_key else "text"
            yield (
                item.start_mark.line + 1,
                field,
                (
                    f"{what} holds control character{'s' if len(found) > 1 else ''} "
                    f"{', '.join(found)}, which could change the terminal: remove "
                    f"{'them' if len(found) > 1 else 'it'} (shown as {found[0]} until then)"
                ),
            )


def locate(
    node: yaml.Node | None,
    loc: tuple[Any, ...],
    message: str = "",
    tags: frozenset[str] = frozenset(),
) -> tuple[int | None, str]:
    """Line and dotted field for a pydantic error location, skipping union tags.

    A check across fields ("answer 'c' is not one of the choices") is reported at the
    field its message starts with, when the mapping has that key.
    """
    first_word = message.split(" ", 1)[0]
    if first_word:
        loc = (*loc, first_word)
    parts: list[str] = []
    line = node.start_mark.line + 1 if node is not None else None
    previous: Any = None
    for position, part in enumerate(loc):
        last = position == len(loc) - 1
        # pydantic names the union member it tried: a `kind`/`type` tag right after a list
        # index (or after another tag), or a member type such as `constrained-str`.
        is_tag = isinstance(part, str) and (
            _MEMBER.match(part) is not None
            or (part in tags and (isinstance(previous, int) or previous in tags))
        )
        previous = part
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            match = next((pair for pair in node.value if pair[0].value == part), None)
            if match is not None:
                parts.append(part)
                line = match[0].start_mark.line + 1
                node = match[1]
            elif part == first_word and last:
                pass  # the message's first word was not a key after all
            elif not is_tag:
                parts.append(part)  # a missing key: the line stays at its mapping
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if 0 <= part < len(node.value):
                node = node.value[part]
                line = node.start_mark.line + 1
            parts.append(f"[{part}]")
        elif isinstance(part, int):
            parts.append(f"[{part}]")
        elif isinstance(part, str) and not is_tag and not (last and part == first_word):
            parts.append(part)
    dotted = ".".join(parts).replace(".[", "[")
    return line, dotted


# Union members pydantic names in a location: `answer.constrained-str`, `rows[0][0].int`.
_MEMBER = re.compile(r"^(constrained-)?(str|int|float|bool)$|^(list|dict|function-\w+)\[")
