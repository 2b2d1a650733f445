"""Which files of a curriculum folder are read: the YAML files of its subfolders, those
that are links only if they stay inside it, and none of a folder over its caps (stated in
curricula/FORMAT.md: they bound a hostile folder's load to seconds)."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from sysdesign_cli.core.problems import Problem

MAX_FOLDER_BYTES = 4_000_000  # all of one curriculum folder's YAML together
MAX_FILES = 500  # per lessons/ or exercises/ folder
SUBFOLDERS = ("lessons", "exercises", "interviews", "reference")


def yaml_name(name: str) -> bool:
    """Whether `Path.glob("*.y*ml")` lists the name: ".y", then anything, then "ml" at its
    end, case as typed (said with two string tests: the pattern `fnmatch` makes of it
    runs to the end of every name and back, ten times the cost)."""
    return name.endswith("ml") and ".y" in name[:-2]


_ODD_CASE = re.compile(r".*\.y[a-z]*ml$", re.IGNORECASE).match  # `lesson.YAML`: not read
# Why a link out of the folder is not read: a lesson file, and a whole subfolder.
FILE_OUTSIDE = "is a link to {}, outside the curriculum folder: copy the file in instead"
FOLDER_OUTSIDE = "is a link to {}, outside the curriculum folder: copy its files in instead"


def _listing(folder: Path) -> tuple[list[tuple[str, bool]], list[str]]:
    """The names in a folder that look like YAML files, sorted, each with whether it is a
    symbolic link (one read of the folder; nothing if it is not one), and the names that
    would but for their case (`01-intro.YAML`), which are not read."""
    try:
        with os.scandir(folder) as entries:
            names = [(entry.name, entry.is_symlink()) for entry in entries]
    except (OSError, ValueError):
        return [], []
    odd = sorted(name for name, _ in names if not yaml_name(name) and _ODD_CASE(name))
    return sorted([pair for pair in names if yaml_name(pair[0])]), odd


def yaml_files(folder: Path) -> tuple[list[Path], list[Problem]]:
    """The lesson and exercise files of a folder, and the problems of those not read (a
    subfolder of too many, links that lead out of the folder)."""
    paths: list[Path] = []
    problems: list[Problem] = []
    home = os.path.realpath(folder)
    for sub in SUBFOLDERS:
        base = folder / sub
        outside = _link_problem(base, home, FOLDER_OUTSIDE) if os.path.islink(base) else None
        if outside:  # a subfolder linked elsewhere would read files outside the folder
            problems.append(Problem(base, None, "", outside))
            continue
        listed, odd = _listing(base)
        problems += [Problem(base / name, None, "", (
            "is not read: curriculum files end in .yaml or .yml, in lower case; rename it"))
            for name in odd]  # fmt: skip
        if len(listed) > MAX_FILES:
            problems.append(Problem(folder / sub, None, "", (
                f"holds {len(listed)} YAML files; at most {MAX_FILES} are read, "
                "so none were: split the curriculum into folders")))  # fmt: skip
            continue
        for path, (_, is_link) in zip(children(base, [name for name, _ in listed]), listed):
            problem = _link_problem(path, home, FILE_OUTSIDE) if is_link else None
            if problem:
                problems.append(Problem(path, None, "", problem))
            else:
                paths.append(path)
    return paths, problems


def children(base: Path, names: list[str]) -> list[Path]:
    """`base / name` for each name listed in the folder `base` (one part each, never `.`
    or `..`). Before Python 3.12, `/` parses the joined path again, which costs more than
    the rest of a warm read of the file: there, pathlib's own constructor of a listed
    child (what its glob uses) is used instead, and each child is given its text at once
    (the first child's, with its own name in place of the first's: pathlib would join the
    parts again the first time the path is used)."""
    make = getattr(base, "_make_child_relpath", None)
    if make is None or sys.version_info >= (3, 12) or not names:
        return [base / name for name in names]
    found = [make(name) for name in names]
    first = str(found[0])
    if not first.endswith(names[0]):  # pragma: no cover - pathlib changed: let it join
        return found
    prefix = first[: len(first) - len(names[0])]
    for path, name in zip(found, names):
        path._str = prefix + name  # type: ignore[attr-defined]  # pathlib's own cache
    return found


def _link_problem(path: Path, home: str, outside: str) -> str | None:
    """Why a lesson file or subfolder that is a symbolic link is not read: it leads out of
    the folder (to someone's private file, or a device: the `outside` message, which names
    the target), or nowhere."""
    target = os.path.realpath(path)
    if os.path.commonpath([home, target]) != home:
        return outside.format(target)
    if not os.path.lexists(target):
        return f"is a link to {target}, which does not exist"
    return None


def within_budget(
    paths: list[Path], folder: Path, sizes: list[int] | None = None
) -> tuple[list[Path], list[Problem]]:
    """The files to read: all of them, unless together they are over MAX_FOLDER_BYTES
    (their `sizes` if known); the problem if they are."""
    try:
        total = sum(os.stat(path).st_size for path in paths) if sizes is None else sum(sizes)
    except OSError:
        total = 0  # a file gone or unreadable is reported when it is read
    if total <= MAX_FOLDER_BYTES:
        return paths, []
    return [], [Problem(folder, None, "", (
        f"holds {total:,} bytes of YAML; at most {MAX_FOLDER_BYTES:,} are read, so none "
        "were: split the curriculum into folders"))]  # fmt: skip
