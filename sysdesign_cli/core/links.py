"""Checks across files: ids used twice, prerequisites and `study` naming no lesson.

They run on every file that parsed as YAML, loaded or not, so that one run of `validate`
reports a file's broken fields and its broken links together.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sysdesign_cli.core.safe_text import quoted

if TYPE_CHECKING:
    from yaml import Node

Where = tuple[str, "int | None", str]  # (value, line, field)


@dataclass
class Links:
    """What one lesson or exercise file names that other files may clash with or need."""

    kind: str  # "lesson", "exercise" or "interview"
    id: str
    path: Path
    rank: int  # which folder it came from, 0 first
    order: int
    id_line: int | None
    ids: list[Where] = field(default_factory=list)  # question ids, or stage ids
    prerequisites: list[Where] = field(default_factory=list)
    studies: list[Where] = field(default_factory=list)


def _named(node: Node | None, items: Any, key: str, where: str) -> list[Where]:
    """(value, line, field) of each item's `key` (each item, if no key) in the list at
    the top-level field `where`. Without a node tree (a file read fast) no line: it is
    looked up if a problem is reported (`file_read.located`)."""
    from sysdesign_cli.core.yaml_source import locate

    found: list[Where] = []
    for index, item in enumerate(items if isinstance(items, list) else []):
        value = item.get(key) if isinstance(item, dict) else item if not key else None
        if isinstance(value, str):
            if node is None:
                # The same few fields in every file: one string each, kept once in a cache.
                found.append((value, None, sys.intern(f"{where}[{index}].{key}" if key else
                                                      f"{where}[{index}]")))  # fmt: skip
            else:
                loc = (where, index, key) if key else (where, index)
                found.append((value, *locate(node, loc)))
    return found


def links_of(data: Any, node: Node | None, path: Path, kind: str, rank: int) -> Links | None:
    """The links in a file's data, read from the raw mapping so a file that failed its
    schema still shows its clashes; None when it has no usable id."""
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        return None
    from sysdesign_cli.core.yaml_source import locate

    order = data.get("order")
    links = Links(kind, data["id"], path, rank, order if type(order) is int else 0,
                  locate(node, ("id",))[0])  # fmt: skip
    if kind == "lesson":
        steps = data.get("steps")
        asked = [step if isinstance(step, dict) and step.get("kind") in ("question", "estimate")
                 else None for step in (steps if isinstance(steps, list) else [])]  # fmt: skip
        links.ids = _named(node, asked, "id", "steps")
        links.prerequisites = _named(node, data.get("prerequisites"), "", "prerequisites")
    elif kind == "interview":
        links.studies = _named(node, data.get("study"), "", "study")
        for part in ("clarify", "estimate", "high_level", "bottleneck", "drill", "trade_off",
                     "wrap_up"):  # fmt: skip
            value = data.get(part)
            study = value.get("study") if isinstance(value, dict) else None
            if isinstance(study, str):
                line, dotted = locate(node, (part, "study"))
                links.studies.append((study, line, dotted))
    else:
        links.ids = _named(node, data.get("stages"), "id", "stages")
        links.studies = _named(node, data.get("stages"), "study", "stages")
    return links


_ORDER = attrgetter("rank", "order", "id")  # built-in folders first, then by order


def check(records: Iterable[Links]) -> Iterator[tuple[Path, int | None, str, str]]:
    """(path, line, field, message) for every clash and dangling reference."""
    by_kind: dict[str, list[Links]] = {"lesson": [], "exercise": [], "interview": []}
    for record in records:
        by_kind.setdefault(record.kind, []).append(record)
    lessons = by_kind["lesson"]
    known_set = {record.id for record in lessons}  # looked up once per prerequisite
    question_ids = [where[0] for record in lessons for where in record.ids]
    used = set(question_ids)
    # Most loads have no clash and no dangling prerequisite: found at once, then said in
    # order (built-in lessons first, so a clash is reported in the extra folder that
    # caused it) only if there is one.
    if len(used) < len(question_ids) or any(
            where[0] == record.id or where[0] not in known_set
            for record in lessons for where in record.prerequisites):  # fmt: skip
        yield from _lesson_problems(sorted(lessons, key=_ORDER), known_set)
    for record in by_kind["interview"]:
        for study, line, where in record.studies:
            if study not in known_set:
                yield record.path, line, where, _unknown(study, lessons)
    for record in sorted(by_kind["exercise"], key=_ORDER):
        for stage_id, line, where in record.ids:
            if stage_id in used:
                yield record.path, line, where, f"id {quoted(stage_id)} is already used"
            used.add(stage_id)
        for study, line, where in record.studies:
            if study not in known_set:
                yield record.path, line, where, _unknown(study, lessons)


def _lesson_problems(
    lessons: list[Links], known_set: set[str]
) -> Iterator[tuple[Path, int | None, str, str]]:
    """The lessons' question ids used twice and prerequisites naming no other lesson
    (`lessons` in the order they are reported)."""
    owners: dict[str, str] = {}
    for record in lessons:
        for question_id, line, where in record.ids:
            if question_id in owners:
                yield (record.path, line, where, (
                    f"question id {quoted(question_id)} is already used in lesson "
                    f"{quoted(owners[question_id])}"))  # fmt: skip
            else:
                owners[question_id] = record.id
        for needed, line, where in record.prerequisites:
            if needed == record.id:
                yield record.path, line, where, "a lesson cannot require itself"
            elif needed not in known_set:
                yield record.path, line, where, _unknown(needed, lessons)


def _unknown(name: str, lessons: list[Links]) -> str:
    """What a link to no lesson is told, with the nearest lesson id (the first in the
    lessons' order, built-in folders first, of those equally near)."""
    known = [record.id for record in sorted(lessons, key=_ORDER)]
    close = difflib.get_close_matches(name, known, n=1)
    return f"unknown lesson {quoted(name)}" + (
        f" (did you mean {quoted(close[0])}?)" if close else "")  # fmt: skip
