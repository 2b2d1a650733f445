"""A curriculum folder's vocabulary: its `vocabulary.yaml` (the field's shorthand) and the
words its files write, read only when a typed answer is first graded."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sysdesign_cli.core.files import FileRefused
from sysdesign_cli.core.folder_files import yaml_files
from sysdesign_cli.core.loader import builtin_dir, load_file, read_text
from sysdesign_cli.core.problems import Problem

VOCABULARY_FILE = "vocabulary.yaml"


def folder_vocabulary(
    folder: Path, words_of: Callable[[Path], frozenset[str]] | None = None
) -> tuple[Any, list[Problem]]:
    """A folder's vocabulary.yaml as a words.Vocabulary, knowing every word the folder's
    files write as spelt right (so never read as a typo of another word): those are read
    when first asked for (`words_of` gives a file's words: kept in the cache, for one)."""
    from dataclasses import replace

    vocabulary, problems = vocabulary_file(folder)
    files = vocabulary_files(folder, yaml_files(folder)[0])
    return replace(vocabulary, spelt_by=(lambda: words_of_files(files, words_of),)), problems


def vocabulary_files(folder: Path, listed: list[Path]) -> list[Path]:
    """The files whose words a folder's vocabulary knows: its vocabulary.yaml (if it has
    one), then `listed` (its lesson, exercise... files)."""
    path = folder / VOCABULARY_FILE
    return ([path] if os.path.lexists(path) else []) + listed


def vocabulary_file(folder: Path) -> tuple[Any, list[Problem]]:
    """A folder's vocabulary.yaml alone as a words.Vocabulary (empty if it has none), with
    its problems."""
    from sysdesign_cli.core.words import Vocabulary

    path = folder / VOCABULARY_FILE
    if not os.path.lexists(path):
        return Vocabulary(), []
    from sysdesign_cli.core.curriculum import Vocabulary as Schema

    model, problems = load_file(path, Schema)
    return (Vocabulary.from_model(model) if model is not None else Vocabulary()), problems


def words_of_files(
    files: list[Path], words_of: Callable[[Path], frozenset[str]] | None = None
) -> frozenset[str]:
    """Every word the files write (`words.spelt_words`), `words_of` giving a file's; a
    file that cannot be read gives none (the loader reports it where it reads it)."""
    from sysdesign_cli.core.words import spelt_words

    found = []
    for file in files:
        try:
            found.append(words_of(file) if words_of else spelt_words(read_text(file)))
        except (FileRefused, UnicodeDecodeError):
            continue
    # Gathered at once, not a set grown (and copied) file by file.
    return frozenset().union(*found)


def builtin_vocabulary() -> Any:
    """The shipped vocabulary (a words.Vocabulary; empty if the file is missing)."""
    from sysdesign_cli.core.words import Vocabulary

    if not builtin_dir().is_dir():
        return Vocabulary()
    return folder_vocabulary(builtin_dir())[0]
