"""What a curriculum cache holds for a file (`core.cached_read`), and how an entry read
back is checked: anything not of the shape this version writes is `Unusable`, and the
file is read again, never trusted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sysdesign_cli.core.links import Links
from sysdesign_cli.core.loader import FileResult
from sysdesign_cli.core.problems import Problem
from sysdesign_cli.core.records import EAGER, lazy_parts, lazy_record, to_plain

KINDS = ("lesson", "exercise", "interview", "reference")


class Unusable(Exception):
    """A cache entry not of the shape this version writes."""


def _problems_plain(problems: list[Problem], path: Path) -> list[list[Any]]:
    if any(problem.path != path for problem in problems):
        raise TypeError("a problem about another file")
    return [[problem.line, problem.field, problem.message] for problem in problems]


def _problems_from(found: Any, path: Path) -> list[Problem]:
    if type(found) is not list:
        raise Unusable
    problems = []
    for item in found:
        if not (type(item) is list and len(item) == 3 and type(item[0]) in (int, type(None))
                and type(item[1]) is str and type(item[2]) is str):  # fmt: skip
            raise Unusable
        problems.append(Problem(path, item[0], item[1], item[2]))
    return problems


def entry_of(result: FileResult, path: Path) -> list[Any]:
    item = None if result.item is None else lazy_parts(to_plain(result.item))
    links = result.links
    if links is not None:
        links = [links.id, links.order, links.id_line,
                 *([tuple(where) for where in named]
                   for named in (links.ids, links.prerequisites, links.studies))]  # fmt: skip
    return [result.kind, item, _problems_plain(result.problems, path), links]


_STR_INT = (str, int)


def _wheres(found: Any) -> list[tuple[str, int | None, str]]:
    """A list of (value, line, field) tuples as stored, checked for its shape."""
    if type(found) is not list:
        raise Unusable
    for where in found:
        if type(where) is not tuple or len(where) != 3:
            raise Unusable
        value, line, dotted = where
        if type(value) is not str or type(dotted) is not str or (
                line is not None and type(line) is not int):  # fmt: skip
            raise Unusable
    return found


def result_from(entry: Any, path: Path, rank: int) -> FileResult:
    if type(entry) is not list or len(entry) != 4 or entry[0] not in KINDS:
        raise Unusable
    kind, item, problems, links = entry
    if item is not None:
        if type(item) is not list or len(item) != 3:
            raise Unusable
        name, eager, data = item
        if type(name) is not str or not name.isidentifier() or type(eager) is not dict or (
                type(data) is not bytes):  # fmt: skip
            raise Unusable
        for key, value in eager.items():
            if key not in EAGER or type(value) not in _STR_INT:
                raise Unusable
        item = lazy_record(name, eager, data)
    found = None
    if links is not None:
        if type(links) is not list or len(links) != 6:
            raise Unusable
        id_, order, line, ids, prerequisites, studies = links
        if type(id_) is not str or type(order) is not int or (
                line is not None and type(line) is not int):  # fmt: skip
            raise Unusable
        found = Links(kind, id_, path, rank, order, line, _wheres(ids),
                      _wheres(prerequisites), _wheres(studies))  # fmt: skip
    return FileResult(kind, item, [] if problems == [] else _problems_from(problems, path), found)


def vocabulary_entry(vocabulary: Any, problems: list[Problem]) -> list[Any]:
    return [
        dict(vocabulary.abbreviations),
        [list(group) for group in vocabulary.synonyms],
        [list(pair) for pair in vocabulary.opposites],
        list(vocabulary.terms),
        list(vocabulary.names),
        [[problem.line, problem.field, problem.message] for problem in problems],
    ]


def all_strings(found: Any) -> bool:
    return type(found) is list and all(type(item) is str for item in found)


def vocabulary_from(
    entry: Any, path: Path, words: Callable[[], frozenset[str]]
) -> tuple[Any, list[Problem]]:
    from sysdesign_cli.core.words import Vocabulary

    if not (type(entry) is list and len(entry) == 6 and type(entry[0]) is dict
            and all(type(k) is str and type(v) is str for k, v in entry[0].items())
            and all(type(g) is list and all_strings(g) for g in entry[1])
            and all(type(p) is list and len(p) == 2 and all_strings(p) for p in entry[2])
            and all(all_strings(entry[index]) for index in (3, 4))):  # fmt: skip
        raise Unusable
    abbreviations, synonyms, opposites, terms, names, problems = entry
    vocabulary = Vocabulary(
        dict(abbreviations),
        tuple(tuple(group) for group in synonyms),
        tuple((pair[0], pair[1]) for pair in opposites),
        tuple(terms),
        tuple(names),
        (words,),
    )
    return vocabulary, _problems_from(problems, path)
