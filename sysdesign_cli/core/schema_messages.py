"""Pydantic's validation errors as an author reads them: one sentence per mistake."""

from __future__ import annotations

import difflib
import re
from dataclasses import replace
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from sysdesign_cli.core import curriculum, exercise_schema, question_schema
from sysdesign_cli.core.safe_text import quoted

# Every model of the schema (and those its modules take from others, as the design's).
_MODELS = [model for module in (curriculum, question_schema, exercise_schema)
           for model in vars(module).values()
           if isinstance(model, type) and issubclass(model, BaseModel)]  # fmt: skip


def _literal_tags() -> set[str]:
    """Every value a `kind` or `type` field may take: the tags pydantic puts in locations."""
    tags: set[str] = set()
    for model in _MODELS:
        for name in ("kind", "type"):
            info = model.model_fields.get(name)
            if info is not None and get_origin(info.annotation) is Literal:
                tags.update(str(value) for value in get_args(info.annotation))
    return tags


TAGS = frozenset(_literal_tags() | {"function-after", "function-before"})
_VOCABULARY = sorted({name for model in _MODELS for name in model.model_fields} | TAGS)

_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "float_type": "a number",
    "list_type": "a list",
    "dict_type": "a mapping of keys to values",
    "model_type": "a mapping of keys to values",
    "model_attributes_type": "a mapping of keys to values",
    "bool_type": "true or false",
}


def message(error: dict[str, Any]) -> str:
    """One pydantic error as a sentence naming what was expected and what was found."""
    kind, ctx, given = error["type"], error.get("ctx", {}), error.get("input")
    name = error["loc"][-1] if error["loc"] else ""
    if kind == "missing":
        return f"missing required field {quoted(name)}"
    if kind == "extra_forbidden":
        if name in _VOCABULARY:  # a real key, of some other kind of entry
            return f"key {quoted(name)} is not allowed here"
        close = difflib.get_close_matches(str(name), _VOCABULARY, n=1)
        hint = f" (did you mean {quoted(close[0])}?)" if close else ""
        return f"unknown key {quoted(name)}{hint}"
    # pydantic quotes the discriminator itself: "'kind'".
    discriminator = str(ctx.get("discriminator", "kind")).strip("'\"")
    if kind == "union_tag_invalid":
        tags = [tag.strip(" '") for tag in str(ctx.get("expected_tags", "")).split(",")]
        close = difflib.get_close_matches(str(ctx.get("tag")), tags, n=1)
        hint = f" (did you mean {quoted(close[0])}?)" if close else ""
        tag = quoted(ctx.get("tag"))
        return f"{discriminator} {tag} is not one of {ctx.get('expected_tags')}{hint}"
    if kind == "union_tag_not_found":
        return f"missing {quoted(discriminator)}, which says what this is"
    if kind in _TYPE_WORDS:
        got = f"expected {_TYPE_WORDS[kind]}, got {type(given).__name__} {given!r:.60}"
        if isinstance(given, bool):
            # YAML 1.1 reads yes/no/on/off as booleans: the author typed a word.
            got += " (YAML reads yes, no, on, off, true and false as true/false: quote it)"
        return got
    if kind == "finite_number":
        # YAML reads .inf and .nan as numbers; no learner can type either.
        return f"expected a finite number, got {type(given).__name__} {given!r:.60}"
    if kind == "string_pattern_mismatch":
        return f"{quoted(given)} is not an id: use lowercase letters, digits and dashes"
    if kind == "string_too_short":
        return "must not be empty"
    if kind in ("too_long", "too_short"):
        bound = "at most" if kind == "too_long" else "at least"
        limit = ctx.get("max_length" if kind == "too_long" else "min_length")
        return f"needs {bound} {limit} item(s), found {ctx.get('actual_length')}"
    if kind == "literal_error":
        return f"{quoted(given)} is not allowed; expected {ctx.get('expected')}"
    return str(error["msg"]).removeprefix("Value error, ")


def tidy(problems: list[Any]) -> list[Any]:
    """One report per mistake: a misspelt key is not also a missing one, and a value no
    member of a union takes is one problem listing what was expected."""
    meant = set()
    for problem in problems:
        match = re.match(r"unknown key '.*' \(did you mean '(.+)'\?\)$", problem.message)
        if match:
            meant.add((problem.field.rpartition(".")[0], match.group(1)))
    tidy: list[Any] = []
    wanted: list[str] = []  # what the last problem's union members expected
    for problem in problems:
        match = re.match(r"missing required field '(.+)'$", problem.message)
        if match and (problem.field.rpartition(".")[0], match.group(1)) in meant:
            continue
        alike = re.match(r"expected (.+?), (got .+)$", problem.message)
        last = tidy[-1] if tidy else None
        if (
            alike
            and wanted
            and last is not None
            and (last.line, last.field) == (problem.line, problem.field)
            and last.message.endswith(alike.group(2))
        ):
            wanted.append(alike.group(1))
            either = ", ".join(wanted[:-1]) + f" or {wanted[-1]}"
            tidy[-1] = replace(problem, message=f"expected {either}, {alike.group(2)}")
            continue
        wanted = [alike.group(1)] if alike else []
        tidy.append(problem)
    return tidy
