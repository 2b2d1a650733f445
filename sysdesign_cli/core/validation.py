"""What `sysdesign validate` checks: every problem in a curriculum folder, in one of its
files, or in the built-in curriculum."""

from __future__ import annotations

import os
from pathlib import Path

from sysdesign_cli.core.files import os_reason
from sysdesign_cli.core.loader import builtin_dir, load_curriculum, load_file
from sysdesign_cli.core.problems import Problem


def _inside(path: Path, folder: Path) -> bool:
    """Whether `path` was found in `folder`, by where it sits, not where a link leads."""
    here, there = os.path.abspath(path), os.path.abspath(folder)
    return here == there or here.startswith(there.rstrip(os.sep) + os.sep)


def validate(path: Path | None) -> list[Problem]:
    """Every problem in a curriculum folder, one file, or (None) the built-in curriculum."""
    if path is None:
        return load_curriculum().problems
    try:
        exists, is_file = os.path.lexists(path), path.is_file()
    except OSError as error:
        return [Problem(path, None, "", f"cannot be read: {os_reason(error)}")]
    if not exists:
        return [Problem(path, None, "", "no such file or folder")]
    if is_file or path.is_symlink():
        if path.parent.name not in ("lessons", "exercises", "interviews"):
            return load_file(path)[1]
        # A file in a curriculum folder: load the folder too, so that the file's dangling
        # prerequisites and clashing ids show, but report only this file's problems.
        folder = path.parent.parent
        extra = [] if _same(folder, builtin_dir()) else [folder]
        return [p for p in load_curriculum(extra).problems if _same(p.path, path)]
    # The built-in lessons are loaded too, so prerequisites and ids can refer to them.
    found = load_curriculum([path])
    return [p for p in found.problems if _inside(p.path, path)]


def _same(one: Path, other: Path) -> bool:
    return os.path.abspath(one) == os.path.abspath(other)
