"""Reading one curriculum file in full: YAML with its lines, then the pydantic schema.

What `validate` always does, and what a command does for a file the cache does not
hold as it is now. Every problem keeps its file, line and field.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sysdesign_cli.core import links as link_checks
from sysdesign_cli.core import schema_messages
from sysdesign_cli.core.curriculum import Lesson
from sysdesign_cli.core.exercise_schema import Exercise
from sysdesign_cli.core.files import FileRefused
from sysdesign_cli.core.graph.capacity import CapacityTable
from sysdesign_cli.core.loader import FileResult, read_text
from sysdesign_cli.core.problems import Problem
from sysdesign_cli.core.safe_text import RAW_CONTROL, visible_data
from sysdesign_cli.core.yaml_source import (
    YamlProblem,
    compose,
    control_problems,
    duplicate_keys,
    locate,
)


def _kind_of(path: Path, data: Any) -> type[Any]:
    # The folder's name, without pathlib (which costs more than this whole function).
    folder = os.path.basename(os.path.dirname(path))
    if folder == "reference":
        return CapacityTable
    if folder == "interviews":
        from sysdesign_cli.core.interviews import Interview

        return Interview
    if folder == "exercises":
        return Exercise
    if folder == "lessons":
        return Lesson
    return Exercise if isinstance(data, dict) and "stages" in data else Lesson


@dataclass
class _Read:
    """One file as read: the model (or None), its problems, and its data for link checks."""

    item: Any  # a Lesson, Exercise, CapacityTable... or None
    problems: list[Problem]
    data: Any = None
    node: Any = None


def _read(
    path: Path, kind: type[Any] | None = None, raw: bytes | None = None, fast: bool = False
) -> _Read:
    try:
        text = read_text(path) if raw is None else raw.decode("utf-8")
    except FileRefused as refused:
        said = f"cannot be read: {refused}" if refused.unreadable else str(refused)
        return _Read(None, [Problem(path, None, "", said)])
    except UnicodeDecodeError as error:
        return _Read(None, [Problem(path, None, "", f"is not UTF-8 text (byte {error.start})")])
    if fast:
        found = _fast_read(path, kind, text)
        if found is not None:
            return found
    try:
        data, node = compose(text)
    except YamlProblem as problem:
        return _Read(None, [Problem(path, problem.line, "", problem.message)])
    found = [Problem(path, *where) for where in duplicate_keys(node)]
    # Shown as text wherever it is printed, and an error for `validate`: not a reason to
    # refuse the lesson to a learner.
    # A control character is either in the text or made by a backslash escape.
    risky = "\\" in text or RAW_CONTROL.search(text) is not None
    shown = [Problem(path, *where) for where in control_problems(node)] if risky else []
    data = visible_data(data) if shown else data
    if not isinstance(data, dict):
        found.append(Problem(path, 1, "", "expected a mapping with id, title, ... at the top"))
        return _Read(None, found + shown, data, node)
    try:
        loaded = (kind or _kind_of(path, data)).model_validate(data)
    except ValidationError as error:
        failed = []
        for item in error.errors():
            message = schema_messages.message(item)
            line, where = locate(node, item["loc"], message, schema_messages.TAGS)
            failed.append(Problem(path, line, where, message))
        return _Read(None, found + schema_messages.tidy(failed) + shown, data, node)
    return _Read(None if found else loaded, found + shown, data, node)


def _fast_read(path: Path, kind: type[Any] | None, text: str) -> _Read | None:
    """The file read through `core.fast_yaml` when it loads with no problem: no node tree,
    so its links carry no lines until one is reported (`loader.located`); None when it
    must be read in full (a doubt about its YAML, or a problem to report with lines)."""
    from sysdesign_cli.core.fast_yaml import fast_data

    data = fast_data(text)
    if type(data) is not dict:
        return None
    try:
        return _Read((kind or _kind_of(path, data)).model_validate(data), [], data, None)
    except ValidationError:
        return None


def read_file(path: Path, kind: type[Any] | None = None) -> _Read:
    """One YAML file into a model (or None), its problems, data and node tree."""
    return _read(path, kind)


def lines_of(path: Path, locs: list[tuple[Any, ...]]) -> list[tuple[int | None, str]]:
    """Line and dotted field of each location in a file that loaded, reading it once."""
    try:
        _, node = compose(read_text(path))
    except (FileRefused, UnicodeDecodeError, YamlProblem):
        return [(None, ".".join(map(str, loc))) for loc in locs]
    return [locate(node, loc) for loc in locs]


_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def located(problems: list[Problem]) -> list[Problem]:
    """The problems, each naming a field of a file read without its lines (`fast_yaml`:
    its links' lines wait until a problem needs one) given its line, that file read once
    more in full."""
    waiting: dict[Path, list[int]] = {}
    for index, problem in enumerate(problems):
        if problem.line is None and problem.field:
            waiting.setdefault(problem.path, []).append(index)
    problems = list(problems)
    for path, indexes in waiting.items():
        locs = [tuple(name or int(number) for name, number in _PART.findall(
            problems[index].field)) for index in indexes]  # fmt: skip
        for index, (line, _) in zip(indexes, lines_of(path, locs)):
            problem = problems[index]
            problems[index] = Problem(problem.path, line, problem.field, problem.message)
    return problems


def read_result(
    path: Path, rank: int, raw: bytes | None = None, fast: bool = False
) -> FileResult:
    """One file of a curriculum folder (its bytes `raw` if already read), validated in
    full; `fast`: its YAML read by `core.fast_yaml` where that gives the same data."""
    read = _read(path, raw=raw, fast=fast)
    model = _kind_of(path, read.data)
    if model is CapacityTable:
        return FileResult("reference", read.item, read.problems, None)
    kind = {Exercise: "exercise", Lesson: "lesson"}.get(model, "interview")
    links = link_checks.links_of(read.data, read.node, path, kind, rank)
    return FileResult(kind, read.item, read.problems, links)
