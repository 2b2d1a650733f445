"""A curriculum read from its folders, the built-in one first: every folder's vocabulary
and files listed, every file read, then each folder's files added, a later folder's
overriding an earlier one's by id; then the checks across files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sysdesign_cli.core import links as link_checks
from sysdesign_cli.core.folder_files import SUBFOLDERS, within_budget, yaml_files
from sysdesign_cli.core.loader import Curriculum, FileResult, located, read_result
from sysdesign_cli.core.problems import Problem


def read_folders(folders: list[Path], grade_with: bool, cached: bool) -> Curriculum:
    """The curriculum of these folders (`loader.load_curriculum`): each folder's
    vocabulary and files listed, every file read (`cached`: through the folders' caches,
    those of all folders together: `shared_read`), then added folder by folder."""
    from sysdesign_cli.core.folder_vocabulary import folder_vocabulary
    from sysdesign_cli.core.words import Vocabulary, use_vocabulary

    found = Curriculum()
    vocabulary = Vocabulary()
    listed: list[tuple[Any, list[Path], int, list[Problem]]] = []
    for index, folder in enumerate(folders):
        if not _is_dir(folder):
            missing = Problem(folder, None, "", "no such curriculum folder")
            listed.append((None, [], index, [missing]))
            continue
        cache = None
        if cached:
            from sysdesign_cli.core.cached_read import CachedFolder

            cache = CachedFolder(folder)
        more, problems = cache.vocabulary() if cache else folder_vocabulary(folder)
        vocabulary = vocabulary.merged(more)
        if not any(_is_dir(folder / sub) for sub in SUBFOLDERS):
            listed.append((None, [], index, [*problems, Problem(
                folder, None, "", "has no lessons/ or exercises/ folder (see curricula/FORMAT.md)"
            )]))  # fmt: skip
            continue
        files, more = cache.yaml_files() if cache else yaml_files(folder)
        paths, over = within_budget(files, folder, cache.sizes(files) if cache else None)
        listed.append((cache, paths, index, problems + more + over))
    if cached:
        from sysdesign_cli.core.shared_read import read_all

        results = read_all([(cache, paths, index) for cache, paths, index, _ in listed])
    else:
        results = [[read_result(path, index) for path in paths] for _, paths, index, _ in listed]
    for (cache, paths, index, problems), read in zip(listed, results):
        found.problems += problems
        _add_results(found, paths, read, override=index > 0, rank=index)
        if cache:
            cache.save()
    found.problems += [Problem(*where) for where in link_checks.check(found.links.values())]
    found.problems = located(found.problems)
    found.vocabulary = vocabulary
    if grade_with:
        use_vocabulary(vocabulary)
    return found


def _add_results(
    found: Curriculum, paths: list[Path], results: list[FileResult], override: bool, rank: int
) -> None:
    """One folder's files, read, added to the curriculum (a later folder's `override`
    those of earlier ones by id)."""
    seen_here: dict[str, Path] = {}
    for path, read in zip(paths, results):
        found.problems += read.problems
        if read.kind == "reference":
            if read.item is not None:
                found.references[read.item.id] = read.item
            continue
        kind, links = read.kind, read.links
        if links is None:
            continue
        key = f"{kind}:{links.id}"
        if key in seen_here:
            if read.item is not None:
                found.problems.append(Problem(
                    path, links.id_line, "id",
                    f"{kind} id {links.id!r} is already used by {seen_here[key]}",
                ))  # fmt: skip
            continue
        seen_here[key] = path
        if key in found.links and not override:
            continue
        found.links[key] = links
        if read.item is None:
            continue
        found.sources[key] = path
        found.rank[key] = rank
        target: dict[str, Any] = {"exercise": found.exercises, "lesson": found.lessons,
                                  "interview": found.interviews}[kind]  # fmt: skip
        target[links.id] = read.item


def _is_dir(path: Path) -> bool:
    """Like Path.is_dir, False (not an exception) for a name too long or a link loop."""
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False
