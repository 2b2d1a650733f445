"""Reading curricula: YAML (the C safe loader only) into models, errors with file and line.

A curriculum folder holds `lessons/*.yaml`, `exercises/*.yaml` and `interviews/*.yaml`.
The built-in one ships inside the package; extra folders add lessons and override
built-in ones by id. A broken file is reported by name and never hides the rest. Only
regular files up to MAX_FILE_BYTES are read, and every string is made safe to print
where it is read.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sysdesign_cli.core import links as link_checks
from sysdesign_cli.core.files import read_capped
from sysdesign_cli.core.problems import Problem

if TYPE_CHECKING:
    from sysdesign_cli.core.curriculum import Lesson
    from sysdesign_cli.core.exercise_schema import Exercise
    from sysdesign_cli.core.graph.capacity import CapacityTable

ENV_VAR = "SYSDESIGN_CURRICULUM"
# Stated in curricula/FORMAT.md. The longest shipped lesson is under 20 KB; YAML is read
# at about 6 s a megabyte, so the caps bound a hostile folder's load to seconds (the
# caps on a whole folder: `core.folder_files`).
MAX_FILE_BYTES = 200_000


@dataclass
class Curriculum:
    """Every lesson and exercise that loaded, and the problems of those that did not."""

    lessons: dict[str, Lesson] = field(default_factory=dict)
    exercises: dict[str, Exercise] = field(default_factory=dict)
    interviews: dict[str, Any] = field(default_factory=dict)  # mock interview scenarios
    sources: dict[str, Path] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    references: dict[str, CapacityTable] = field(default_factory=dict)  # reference/*.yaml
    rank: dict[str, int] = field(default_factory=dict)  # which folder each came from, 0 first
    vocabulary: Any = None  # the merged `vocabulary.yaml` files (a words.Vocabulary)
    links: dict[str, link_checks.Links] = field(default_factory=dict)  # parsed, loaded or not

    def ordered_lessons(self) -> list[Lesson]:
        """Lessons in teaching order."""
        return sorted(self.lessons.values(), key=lambda lesson: (lesson.order, lesson.id))

    def ordered_exercises(self) -> list[Exercise]:
        """Exercises in the order they are offered."""
        return sorted(self.exercises.values(), key=lambda item: (item.order, item.id))

    def ordered_interviews(self) -> list[Any]:
        """Interview scenarios in the order they are offered."""
        return sorted(self.interviews.values(), key=lambda item: (item.order, item.id))

    def questions(self) -> dict[str, tuple[Any, Lesson]]:
        """Every question and estimate step by id, with the lesson it belongs to."""
        found: dict[str, tuple[Any, Lesson]] = {}
        for lesson in self.ordered_lessons():
            for step in lesson.questions():
                found[step.id] = (step, lesson)
        return found

    def review_questions(self, wanted: Collection[str] | None = None) -> dict[str, Any]:
        """The questions mock interviews leave as review cards, by id (asked once missed):
        those `wanted` (every one when None), built only for the scenarios they name."""
        from sysdesign_cli.core.interview_cards import review_questions
        from sysdesign_cli.core.interview_score import CARD_PREFIX, DEEP_DIVE_CARDS

        found: dict[str, Any] = {}
        deep = wanted is None or any(qid.endswith(DEEP_DIVE_CARDS) for qid in wanted)
        table = load_reference()[0] if deep else None
        for interview in self.ordered_interviews():
            mine = f"{CARD_PREFIX}{interview.id}-"
            if wanted is not None and not any(qid.startswith(mine) for qid in wanted):
                continue
            found.update(review_questions(interview, wanted, table))
        return found

    def topics(self) -> list[str]:
        """Every topic a question is filed under, sorted."""
        return sorted({step.topic for step, _ in self.questions().values()})


# ---------------------------------------------------------------- locations


def builtin_dir() -> Path:
    """The shipped curricula: inside the package when installed, at the repo top otherwise."""
    package = Path(__file__).resolve().parent.parent
    inside = package / "curricula"
    return inside if inside.is_dir() else package.parent / "curricula"


def extra_dirs(option: str | None) -> list[Path]:
    """Extra folders from `--curriculum` and SYSDESIGN_CURRICULUM (os.pathsep-separated)."""
    parts = [part for part in os.environ.get(ENV_VAR, "").split(os.pathsep) if part.strip()]
    if option:
        parts.append(option)
    return [expand(part) for part in parts]


def expand(text: str) -> Path:
    """`~/x` as a path in the home folder; `~nosuchuser/x` stays as typed (and is not found)."""
    try:
        return Path(text).expanduser()
    except RuntimeError:  # no such user, or no home
        return Path(text)


# ---------------------------------------------------------------- files


def read_text(path: Path) -> str:
    """A curriculum file's text: a regular UTF-8 file under MAX_FILE_BYTES, or FileRefused
    (UnicodeDecodeError for bytes that are not UTF-8)."""
    return read_capped(path, MAX_FILE_BYTES).decode("utf-8")


@dataclass
class FileResult:
    """What one lesson, exercise or reference file gave: the item (None if it did not
    load), its problems, and its links (None for a reference table or without an id)."""

    kind: str  # "lesson", "exercise" or "reference"
    item: Any
    problems: list[Problem]
    links: link_checks.Links | None


def load_file(path: Path, kind: type[Any] | None = None) -> tuple[Any, list[Problem]]:
    """One YAML file into a model (a lesson, exercise or reference table, or `kind`), or
    None, with every problem found in it, validated in full (`core.file_read`).

    A file whose only problems are control characters loads (with them made visible).
    """
    from sysdesign_cli.core.file_read import read_file

    read = read_file(path, kind)
    return read.item, read.problems


def located(problems: list[Problem]) -> list[Problem]:
    """The problems, each naming a field of a file read without its lines given its line
    (`file_read.located`)."""
    if not any(problem.line is None and problem.field for problem in problems):
        return problems
    from sysdesign_cli.core.file_read import located as with_lines

    return with_lines(problems)


def lines_of(path: Path, locs: list[tuple[Any, ...]]) -> list[tuple[int | None, str]]:
    """Line and dotted field of each location in a file that loaded, reading it once."""
    from sysdesign_cli.core.file_read import lines_of as read_lines

    return read_lines(path, locs)


def read_result(
    path: Path, rank: int, raw: bytes | None = None, fast: bool = False
) -> FileResult:
    """Read and validate one file of a curriculum folder in full (`file_read.read_result`)."""
    from sysdesign_cli.core.file_read import read_result as read_in_full

    return read_in_full(path, rank, raw, fast)


def load_curriculum(
    extra: Iterable[Path] = (), *, builtin: bool = True, cached: bool = False,
    grade_with: bool = True,
) -> Curriculum:
    """The built-in curriculum plus extra folders, later folders overriding by id; the
    folders' vocabularies are merged and graded with from then on (`grade_with=False`:
    read only, the vocabulary in use is left as it is).

    `cached`: files unchanged since they were last read come from the cache of their
    validated data (`core.cache_file`), the others are read and validated in full.
    """
    from sysdesign_cli.core.folders_read import read_folders

    if not cached or not gc.isenabled():
        return read_folders(folders_of(extra, builtin), builtin and grade_with, cached)
    # Reading a cache makes many objects and no cycles: the collector, run every few
    # hundred of them, would walk all of them again and again (a 1,000-lesson load ~5x).
    gc.disable()
    try:
        return read_folders(folders_of(extra, builtin), builtin and grade_with, cached)
    finally:
        gc.enable()


def folders_of(extra: Iterable[Path], builtin: bool) -> list[Path]:
    """The curriculum folders to read, the built-in one first."""
    return ([builtin_dir()] if builtin else []) + list(extra)


def load_reference(
    extra: Iterable[Path] | None = None, name: str = "capacity", *, cached: bool = False
) -> tuple[CapacityTable | None, list[Problem]]:
    """The reference table `name` (`reference/NAME.yaml`), from the built-in curriculum or
    the last extra folder (SYSDESIGN_CURRICULUM) that has one; with the problems if not.
    `cached`: an unchanged file comes from the folder's cache, as lessons do."""
    extras = list(extra_dirs(None) if extra is None else extra)
    folders = [builtin_dir(), *extras]
    if cached:
        # Through the folders' cache, as the lessons are read (the cache holds whole
        # folders): the later folder's table wins there too.
        curriculum = load_curriculum(extras, cached=True, grade_with=False)
        if name in curriculum.references:
            paths = {folder / "reference" / f"{name}.yaml" for folder in folders}
            return curriculum.references[name], [
                problem for problem in curriculum.problems if problem.path in paths
            ]
    from sysdesign_cli.core.graph.capacity import CapacityTable

    found: CapacityTable | None = None
    problems: list[Problem] = []
    for folder in folders:
        path = folder / "reference" / f"{name}.yaml"
        if not os.path.lexists(path):
            continue
        item, trouble = load_file(path)
        problems += trouble
        if isinstance(item, CapacityTable):
            found = item
    return found, problems


def __getattr__(name: str) -> Any:
    if name == "_Loader":  # the one YAML loader, named here for the security tests
        from sysdesign_cli.core.yaml_source import _Loader

        return _Loader
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
