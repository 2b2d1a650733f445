"""A curriculum folder read through its cache: each file's bytes are read and hashed, and
a file whose digest the cache holds is taken from it as records (no YAML, no pydantic);
any other file is read and validated in full, and its result stored for next time.

What is taken from the cache is checked for shape first (the cache file's digest has
vouched for its bytes): anything unexpected is read again from the file, never trusted.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from sysdesign_cli.core.cache_file import FolderCache, blake2b, digest
from sysdesign_cli.core.files import FileRefused, read_capped
from sysdesign_cli.core.links import Links
from sysdesign_cli.core.loader import (
    MAX_FILE_BYTES,
    VOCABULARY_FILE,
    Curriculum,
    FileResult,
    Problem,
    _yaml_files,
    folder_vocabulary,
    read_result,
)
from sysdesign_cli.core.records import EAGER, lazy_parts, lazy_record, to_plain

KINDS = ("lesson", "exercise", "interview", "reference")
VOCABULARY_KEY = ":vocabulary"  # never a file's name: those are `lessons/x.yaml`...


class Unusable(Exception):
    """A cache entry not of the shape this version writes."""


class CachedFolder:
    """One curriculum folder's files, from its cache where their bytes are unchanged."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.cache = FolderCache.open(folder)
        self._raw: dict[Path, bytes | None] = {}
        self._digests: dict[Path, bytes | None] = {}
        self._listed: tuple[list[Path], list[Problem]] | None = None

    def yaml_files(self, found: Curriculum) -> list[Path]:
        """`loader._yaml_files`, listed once for the vocabulary and the lessons."""
        if self._listed is None:
            scratch = Curriculum()
            self._listed = (_yaml_files(self.folder, scratch), scratch.problems)
        found.problems += self._listed[1]
        return self._listed[0]

    def _bytes(self, path: Path) -> bytes | None:
        if path not in self._raw:
            try:
                self._raw[path] = read_capped(path, MAX_FILE_BYTES)
            except FileRefused:
                self._raw[path] = None  # reported by the full read
        return self._raw[path]

    def _digest(self, path: Path) -> bytes | None:
        """The digest of the file's bytes, worked out once for the vocabulary and the file."""
        if path not in self._digests:
            raw = self._bytes(path)
            self._digests[path] = None if raw is None else digest(raw)
        return self._digests[path]

    def result(self, path: Path, rank: int) -> FileResult:
        """What the file at `path` gives, from the cache if its bytes are unchanged."""
        raw = self._bytes(path)
        if raw is None:
            return read_result(path, rank)
        name, key = f"{path.parent.name}/{path.name}", self._digest(path)
        entry = self.cache.get(name, key)
        if entry is not None:
            try:
                return _result_from(entry, path, rank)
            except Unusable:
                pass
        result = read_result(path, rank, raw)
        with contextlib.suppress(TypeError):  # not plain data: kept out of the cache
            self.cache.put(name, key, _entry_of(result, path))
        return result

    def vocabulary(self) -> tuple[Any, list[Problem]]:
        """The folder's vocabulary, with the words of every file (`folder_vocabulary`)."""
        path = self.folder / VOCABULARY_FILE
        files = [path] if os.path.lexists(path) else []
        files += self.yaml_files(Curriculum())
        summed = blake2b(digest_size=20)
        for file in files:
            found = self._digest(file) if self._bytes(file) else None
            summed.update(os.fsencode(file.name) + b"\0" + (found or b"-"))
        key = summed.digest()
        entry = self.cache.get(VOCABULARY_KEY, key)
        if entry is not None:
            try:
                return _vocabulary_from(entry, path)
            except Unusable:
                pass
        vocabulary, problems = folder_vocabulary(self.folder)
        if all(problem.path == path for problem in problems):
            self.cache.put(VOCABULARY_KEY, key, _vocabulary_entry(vocabulary, problems))
        return vocabulary, problems

    def save(self) -> None:
        """Keep what was read for the next run."""
        self.cache.save()


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


def _entry_of(result: FileResult, path: Path) -> list[Any]:
    item = None if result.item is None else lazy_parts(to_plain(result.item))
    links = result.links
    if links is not None:
        links = [links.id, links.order, links.id_line,
                 *([list(where) for where in named]
                   for named in (links.ids, links.prerequisites, links.studies))]  # fmt: skip
    return [result.kind, item, _problems_plain(result.problems, path), links]


_LINE = (int, type(None))


def _wheres(found: Any) -> list[tuple[str, int | None, str]]:
    if type(found) is not list:
        raise Unusable
    wheres = [tuple(item) for item in found if type(item) is list and len(item) == 3]
    if len(wheres) != len(found) or not all(
        type(a) is str and type(b) in _LINE and type(c) is str for a, b, c in wheres
    ):
        raise Unusable
    return wheres


def _result_from(entry: Any, path: Path, rank: int) -> FileResult:
    if type(entry) is not list or len(entry) != 4 or entry[0] not in KINDS:
        raise Unusable
    kind, item, problems, links = entry
    if item is not None:
        if not (type(item) is list and len(item) == 3 and type(item[0]) is str
                and item[0].isidentifier() and type(item[1]) is dict and type(item[2]) is bytes
                and all(k in EAGER and type(v) in (str, int)
                        for k, v in item[1].items())):  # fmt: skip
            raise Unusable
        item = lazy_record(*item)
    found = None
    if links is not None:
        if not (type(links) is list and len(links) == 6 and type(links[0]) is str
                and type(links[1]) is int and type(links[2]) in (int, type(None))):  # fmt: skip
            raise Unusable
        found = Links(kind, links[0], path, rank, links[1], links[2],
                      *(_wheres(named) for named in links[3:]))  # fmt: skip
    return FileResult(kind, item, _problems_from(problems, path), found)


def _vocabulary_entry(vocabulary: Any, problems: list[Problem]) -> list[Any]:
    return [
        dict(vocabulary.abbreviations),
        [list(group) for group in vocabulary.synonyms],
        [list(pair) for pair in vocabulary.opposites],
        list(vocabulary.terms),
        list(vocabulary.names),
        sorted(vocabulary.words),
        [[problem.line, problem.field, problem.message] for problem in problems],
    ]


def _strings(found: Any) -> bool:
    return type(found) is list and all(type(item) is str for item in found)


def _vocabulary_from(entry: Any, path: Path) -> tuple[Any, list[Problem]]:
    from sysdesign_cli.core.words import Vocabulary

    if not (type(entry) is list and len(entry) == 7 and type(entry[0]) is dict
            and all(type(k) is str and type(v) is str for k, v in entry[0].items())
            and all(type(g) is list and _strings(g) for g in entry[1])
            and all(type(p) is list and len(p) == 2 and _strings(p) for p in entry[2])
            and all(_strings(entry[index]) for index in (3, 4, 5))):  # fmt: skip
        raise Unusable
    abbreviations, synonyms, opposites, terms, names, words, problems = entry
    vocabulary = Vocabulary(
        dict(abbreviations),
        tuple(tuple(group) for group in synonyms),
        tuple((pair[0], pair[1]) for pair in opposites),
        tuple(terms),
        tuple(names),
        frozenset(words),
    )
    return vocabulary, _problems_from(problems, path)
