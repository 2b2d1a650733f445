"""A curriculum folder read through its cache: a file whose stat is as the cache recorded
it (and not racy) keeps its recorded digest unread, any other is read and hashed; a file
whose digest the cache holds is taken from it as records (no YAML, no pydantic); any
other file is read and validated in full, and its result stored for next time.

What is taken from the cache is checked for shape first (the cache file's checksum has
vouched for its bytes): anything unexpected is read again from the file, never trusted.
"""

from __future__ import annotations

import contextlib
import marshal
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from sysdesign_cli.core.cache_entries import (
    Unusable,
    all_strings,
    entry_of,
    result_from,
    vocabulary_entry,
    vocabulary_from,
)
from sysdesign_cli.core.cache_file import PART, FolderCache, Stat, blake2b, digest, stat_of
from sysdesign_cli.core.files import FileRefused, read_capped
from sysdesign_cli.core.folder_files import yaml_files
from sysdesign_cli.core.folder_vocabulary import (
    VOCABULARY_FILE,
    vocabulary_file,
    vocabulary_files,
    words_of_files,
)
from sysdesign_cli.core.loader import MAX_FILE_BYTES, FileResult, read_result, read_text
from sysdesign_cli.core.problems import Problem

VOCABULARY_KEY = ":vocabulary"  # never a file's name: those are `lessons/x.yaml`...
Look = tuple[str, Stat | None, bytes | None]  # a file's name, stat and digest
WORDS = PART + "words"  # after a file's name (which never holds a NUL): its words, marshalled
FOLDER_WORDS = ":words"  # every word of the folder's files, kept once they are asked for


class CachedFolder:
    """One curriculum folder's files, from its cache where their bytes are unchanged."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.cache = FolderCache.open(folder)
        self._raw: dict[Path, bytes | None] = {}
        # Each file's look, by its path's text (a Path hashes and compares in Python).
        self._seen: dict[str, Look] = {}
        self._listed: tuple[list[Path], list[Problem]] | None = None
        self._listed_paths: list[Path] | None = None  # the list `yaml_files` gave
        self._listed_looks: list[Look] | None = None  # their looks, in that order
        self._stats: dict[str, Stat | None] = {}  # each file's stat, taken once a load
        # The files whose words the vocabulary knows (its own file, the listed ones), the
        # digest of them all, and the vocabulary to store under it once that is known.
        self._worded: tuple[list[Path], list[Path]] = ([], [])
        self._key: bytes | None = None
        self._unsaved: Any = None
        self._moved = False  # a file's bytes changed since the load, found reading its words

    def yaml_files(self) -> tuple[list[Path], list[Problem]]:
        """`folder_files.yaml_files`, listed once for the vocabulary and the lessons."""
        if self._listed is None:
            self._listed = yaml_files(self.folder)
            self._listed_paths = self._listed[0]
        return self._listed

    def _bytes(self, path: Path) -> bytes | None:
        if path not in self._raw:
            try:
                self._raw[path] = read_capped(path, MAX_FILE_BYTES)
            except FileRefused:
                self._raw[path] = None  # reported by the full read
        return self._raw[path]

    def _text(self, path: Path) -> str:
        """The file's text, read once for its digest, the vocabulary and the full read."""
        raw = self._bytes(path)
        if raw is None:
            return read_text(path)  # says why it cannot be read
        return raw.decode("utf-8")

    def _words(self, path: Path) -> frozenset[str]:
        """The words of a file (`words.spelt_words`), kept in the cache by its digest, so
        that a file changed, added or gone costs the vocabulary that one file's words."""
        from sysdesign_cli.core.words import spelt_words

        name, _, key = self._look(path)
        found = self.cache.get(name + WORDS, key) if key is not None else None
        if type(found) is bytes:
            with contextlib.suppress(EOFError, ValueError, TypeError):
                words = marshal.loads(found)
                if type(words) is list and all(type(word) is str for word in words):
                    return frozenset(words)
        raw = self._bytes(path)
        words = spelt_words(self._text(path))
        # Read after the load (the words are asked for later): kept only if the bytes are
        # still those the load saw.
        if key is not None and raw is not None and digest(raw) == key:
            self.cache.put(name + WORDS, key, marshal.dumps(sorted(words)))
        else:
            self._moved = True
        return words

    def _folder_words(self) -> frozenset[str]:
        """Every word the folder's files write, from the cache if their bytes are those
        the vocabulary's digest was made of; worked out (one file at a time, each kept)
        and saved for next time."""
        key = self._vocabulary_key()
        files = [*self._worded[0], *self._worded[1]]
        found = self.cache.get(FOLDER_WORDS, key)
        if all_strings(found):
            return frozenset(found)
        self._moved = False
        words = words_of_files(files, self._words)
        if not self._moved:  # every file as the load saw it: the words are those of `key`
            self.cache.put(FOLDER_WORDS, key, sorted(words))
        self.save()
        return words

    def _look(self, path: Path, name: str = "") -> Look:
        """The file's name in the cache, its stat and the digest of its bytes (None if it
        cannot be read), worked out once for the vocabulary and the file: the digest as
        recorded if the stat says the file is unchanged, else read and hashed (the stat
        taken first, so that a change made while it is read is seen the next time)."""
        return self._looks([path], name)[0]

    def _looks(self, paths: list[Path], name: str = "") -> list[Look]:
        """`_look` of each file (`name`: the cache's name for each, if not their own); of
        the listed files (`yaml_files`), worked out once as a list."""
        if paths is self._listed_paths:
            if self._listed_looks is None:
                self._listed_looks = self._looks(paths[:])
            return self._listed_looks
        seen, found = self._seen, []
        for path in paths:
            text = os.fspath(path)
            look = seen.get(text)
            if look is None:
                look = seen[text] = self._new_look(path, text, name or _name(text))
            found.append(look)
        return found

    def _stat(self, text: str) -> Stat | None:
        """The file's stat, taken once a load (before the file is read, if it is)."""
        if text not in self._stats:
            self._stats[text] = stat_of(text)
        return self._stats[text]

    def _new_look(self, path: Path, text: str, name: str) -> Look:
        stat = self._stat(text)
        key = self.cache.known(name, stat) if stat is not None else None
        if key is None:
            raw = self._bytes(path)
            key = None if raw is None else digest(raw)
            if key is not None and stat is not None:
                self.cache.hashed(name, stat, key)
        return name, stat, key

    def sizes(self, paths: list[Path]) -> list[int]:
        """The files' sizes, from the stats the cache is checked with (0 for one gone)."""
        if paths is self._listed_paths and self._listed_looks is not None:
            return [found[0] if found else 0 for _, found, _ in self._listed_looks]
        stat = self._stat
        return [found[0] if found else 0 for found in map(stat, map(os.fspath, paths))]

    def _cached_look(self, path: Path) -> Look:
        """The file's look if the cache may hold an entry for it; else its name and stat
        alone (its digest is worked out when it is read in full, by whoever reads it)."""
        text = os.fspath(path)
        look = self._seen.get(text)
        if look is not None:
            return look
        name, stat = _name(text), self._stat(text)
        if name in self.cache.entries:
            return self._looks([path])[0]
        return name, stat, None

    def cached(self, paths: list[Path], rank: int) -> list[FileResult | None]:
        """What each file gives from the cache if its bytes are unchanged, else None."""
        get, found = self.cache.get, []
        looks = self._listed_looks if paths is self._listed_paths else None
        for path, (name, _, key) in zip(paths, looks or map(self._cached_look, paths)):
            entry = None if key is None else get(name, key)
            result = None
            if entry is not None:
                with contextlib.suppress(Unusable):
                    result = result_from(entry, path, rank)
            found.append(result)
        return found

    def read(self, path: Path, rank: int) -> FileResult:
        """The file read and validated in full, its result stored for next time."""
        result, entry = self._full(path, rank)
        name, _, key = self._look(path)
        if key is not None and entry is not None:
            self.cache.put(name, key, entry)
        return result

    def entry(self, path: Path, rank: int) -> bytes:
        """The file read and validated in full, as its stat, digest and cache entry (None
        for one whose result is not plain data), marshalled: what a child sends
        (`core.shared_read`)."""
        entry = self._full(path, rank)[1]
        _, stat, key = self._look(path)
        return marshal.dumps((stat, key, entry))

    def _full(self, path: Path, rank: int) -> tuple[FileResult, Any]:
        """The file read and validated in full, and its cache entry (None if it cannot
        be cached: its bytes could not be read, or its result is not plain data)."""
        if self._look(path)[2] is None:
            return read_result(path, rank), None  # says why it cannot be read
        result = read_result(path, rank, self._bytes(path), fast=True)
        try:
            return result, entry_of(result, path)
        except TypeError:  # not plain data: kept out of the cache
            return result, None

    def taken(self, path: Path, rank: int, sent: bytes) -> FileResult:
        """The result of a file a child read, from what it sent (the file's stat and
        digest, as the child took them, and its entry, stored for next time); read here
        if that is not of the shape this version writes."""
        try:
            stat, key, entry = marshal.loads(sent)
            if not (_is_stat(stat) and type(key) is bytes):
                raise Unusable
            result = result_from(entry, path, rank)
        except (Unusable, EOFError, ValueError, TypeError):
            return self.read(path, rank)
        text = os.fspath(path)
        name = _name(text)
        if text not in self._seen:  # as if read here: the stat taken before the bytes
            self._seen[text] = (name, stat, key)
            self.cache.hashed(name, stat, key)
        self.cache.put(name, key, entry)
        return result

    def vocabulary(self) -> tuple[Any, list[Problem]]:
        """The folder's vocabulary, with the words of every file when they are asked for
        (`folder_vocabulary`). Taken from the cache if it holds one for the bytes of
        every file (the digest of them all); else read from the folder's vocabulary.yaml
        and stored under that digest when the load is saved (by then each file was read
        once, here or in a child: `shared_read`)."""
        path = self.folder / VOCABULARY_FILE
        listed = self.yaml_files()[0]
        files = vocabulary_files(self.folder, listed)
        self._worded = (files[: len(files) - len(listed)], listed)
        self.cache.keep(FOLDER_WORDS)
        if VOCABULARY_KEY in self.cache.entries:
            entry = self.cache.get(VOCABULARY_KEY, self._vocabulary_key())
            if entry is not None:
                try:
                    return vocabulary_from(entry, path, self._folder_words)
                except Unusable:
                    pass
        # Its own file's digest taken before it is read: one changed meanwhile is stored
        # under the old digest, so the next load reads it again.
        self._looks(self._worded[0], VOCABULARY_FILE)
        vocabulary, problems = vocabulary_file(self.folder)
        vocabulary = replace(vocabulary, spelt_by=(self._folder_words,))
        if all(problem.path == path for problem in problems):
            self._unsaved = vocabulary_entry(vocabulary, problems)
        return vocabulary, problems

    def _vocabulary_key(self) -> bytes:
        """The digest of the names and bytes of every file the vocabulary's words are
        read from (a file's words are a part of its entry: `cache_file.PART`)."""
        if self._key is None:
            own, listed = self._worded
            looks = self._looks(own, VOCABULARY_FILE) + self._looks(listed)
            self._key = blake2b(b"\0".join(
                name.encode("utf-8", "surrogateescape") + b"\0" + (found or b"-")
                for name, _, found in looks
            ), digest_size=20).digest()  # fmt: skip
        return self._key

    def save(self) -> None:
        """Keep what was read for the next run."""
        if self._unsaved is not None:
            self.cache.put(VOCABULARY_KEY, self._vocabulary_key(), self._unsaved)
            self._unsaved = None
        self.cache.save()


def _is_stat(found: Any) -> bool:
    return type(found) is tuple and len(found) == 4 and all(type(n) is int for n in found)


def _name(text: str) -> str:
    """A lesson's or exercise's name in the cache: `lessons/x.yaml` (the last two parts of
    its path's text: pathlib's `parent` and `name` cost more than the rest of a warm read
    of the file)."""
    return text[text.rfind(os.sep, 0, text.rfind(os.sep)) + 1 :].replace(os.sep, "/")
