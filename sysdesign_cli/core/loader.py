"""Reading curricula: YAML (the C safe loader only) into models, errors with file and line.

A curriculum folder holds `lessons/*.yaml`, `exercises/*.yaml` and `interviews/*.yaml`.
The built-in one ships inside the package; extra folders add lessons and override
built-in ones by id. A broken file is reported by name and never hides the rest. Only
regular files up to MAX_FILE_BYTES are read, and every string is made safe to print
where it is read.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sysdesign_cli.core import curriculum as schema
from sysdesign_cli.core import links as link_checks
from sysdesign_cli.core import schema_messages
from sysdesign_cli.core.capacity import CapacityTable
from sysdesign_cli.core.curriculum import Exercise, Lesson
from sysdesign_cli.core.files import FileRefused, os_reason, read_capped
from sysdesign_cli.core.safe_text import RAW_CONTROL, visible, visible_data
from sysdesign_cli.core.yaml_source import (
    YamlProblem,
    _Loader,  # noqa: F401  (the one YAML loader, named here for the security tests)
    compose,
    control_problems,
    duplicate_keys,
    locate,
)

ENV_VAR = "SYSDESIGN_CURRICULUM"
# Stated in curricula/FORMAT.md. The longest shipped lesson is under 20 KB; YAML is read
# at about 6 s a megabyte, so the caps bound a hostile folder's load to seconds.
MAX_FILE_BYTES = 200_000
MAX_FOLDER_BYTES = 4_000_000  # all of one curriculum folder's YAML together
MAX_FILES = 500  # per lessons/ or exercises/ folder
SUBFOLDERS = ("lessons", "exercises", "interviews", "reference")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a curriculum file, where it is and what was expected."""

    path: Path
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        said = f"{where}: {self.field}: " if self.field else f"{where}: "
        return visible(said + self.message)  # a path or key may hold anything a file name can


class CurriculumError(Exception):
    """A curriculum that cannot be used at all; `problems` says why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


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

    def review_questions(self) -> dict[str, Any]:
        """The questions mock interviews leave as review cards, by id (asked once missed)."""
        from sysdesign_cli.core.interview_cards import review_questions

        found: dict[str, Any] = {}
        for interview in self.ordered_interviews():
            found.update(review_questions(interview))
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


def _is_dir(path: Path) -> bool:
    """Like Path.is_dir, False (not an exception) for a name too long or a link loop."""
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


# ---------------------------------------------------------------- files


def _kind_of(path: Path, data: Any) -> type[Any]:
    if path.parent.name == "reference":
        return CapacityTable
    if path.parent.name == "interviews":
        from sysdesign_cli.core.interviews import Interview

        return Interview
    if path.parent.name == "exercises":
        return Exercise
    if path.parent.name == "lessons":
        return Lesson
    return Exercise if isinstance(data, dict) and "stages" in data else Lesson


@dataclass
class _Read:
    """One file as read: the model (or None), its problems, and its data for link checks."""

    item: Any  # a Lesson, Exercise, CapacityTable... or None
    problems: list[Problem]
    data: Any = None
    node: Any = None


def read_text(path: Path) -> str:
    """A curriculum file's text: a regular UTF-8 file under MAX_FILE_BYTES, or FileRefused
    (UnicodeDecodeError for bytes that are not UTF-8)."""
    return read_capped(path, MAX_FILE_BYTES).decode("utf-8")


def _read(path: Path, kind: type[Any] | None = None) -> _Read:
    try:
        text = read_text(path)
    except FileRefused as refused:
        said = f"cannot be read: {refused}" if refused.unreadable else str(refused)
        return _Read(None, [Problem(path, None, "", said)])
    except UnicodeDecodeError as error:
        return _Read(None, [Problem(path, None, "", f"is not UTF-8 text (byte {error.start})")])
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


def load_file(path: Path, kind: type[Any] | None = None) -> tuple[Any, list[Problem]]:
    """One YAML file into a model (a lesson, exercise or reference table, or `kind`), or
    None, with every problem found in it.

    A file whose only problems are control characters loads (with them made visible).
    """
    read = _read(path, kind)
    return read.item, read.problems


def lines_of(path: Path, locs: list[tuple[Any, ...]]) -> list[tuple[int | None, str]]:
    """Line and dotted field of each location in a file that loaded, reading it once."""
    try:
        _, node = compose(read_text(path))
    except (FileRefused, UnicodeDecodeError, YamlProblem):
        return [(None, ".".join(map(str, loc))) for loc in locs]
    return [locate(node, loc) for loc in locs]


def _yaml_files(folder: Path, found: Curriculum) -> list[Path]:
    """The lesson and exercise files of a folder; links that lead out of it are problems."""
    paths: list[Path] = []
    home = os.path.realpath(folder)
    for sub in SUBFOLDERS:
        listed = sorted((folder / sub).glob("*.y*ml")) if _is_dir(folder / sub) else []
        if len(listed) > MAX_FILES:
            found.problems.append(Problem(folder / sub, None, "", (
                f"holds {len(listed)} YAML files; at most {MAX_FILES} are read, "
                "so none were: split the curriculum into folders")))  # fmt: skip
            continue
        for path in listed:
            problem = _link_problem(path, home)
            if problem:
                found.problems.append(Problem(path, None, "", problem))
            else:
                paths.append(path)
    return paths


def _link_problem(path: Path, home: str) -> str | None:
    """Why a lesson file that is a symbolic link is not read: it leads out of the folder
    (to someone's private file, or a device), or nowhere."""
    if not path.is_symlink():
        return None
    target = os.path.realpath(path)
    if os.path.commonpath([home, target]) != home:
        return f"is a link to {target}, outside the curriculum folder: copy the file in instead"
    if not os.path.lexists(target):
        return f"is a link to {target}, which does not exist"
    return None


def _within_budget(paths: list[Path], folder: Path, found: Curriculum) -> list[Path]:
    """The files to read: all of them, unless together they are over MAX_FOLDER_BYTES."""
    try:
        total = sum(os.stat(path).st_size for path in paths)
    except OSError:
        total = 0  # a file gone or unreadable is reported when it is read
    if total <= MAX_FOLDER_BYTES:
        return paths
    found.problems.append(Problem(folder, None, "", (
        f"holds {total:,} bytes of YAML; at most {MAX_FOLDER_BYTES:,} are read, so none "
        "were: split the curriculum into folders")))  # fmt: skip
    return []


def _add_folder(found: Curriculum, folder: Path, override: bool, rank: int = 0) -> None:
    seen_here: dict[str, Path] = {}
    for path in _within_budget(_yaml_files(folder, found), folder, found):
        read = _read(path)
        found.problems += read.problems
        model = _kind_of(path, read.data)
        if model is CapacityTable:
            if read.item is not None:
                found.references[read.item.id] = read.item
            continue
        kind = {Exercise: "exercise", Lesson: "lesson"}.get(model, "interview")
        links = link_checks.links_of(read.data, read.node, path, kind, rank)
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


VOCABULARY_FILE = "vocabulary.yaml"


def _vocabulary(folder: Path) -> tuple[Any, list[Problem]]:
    """A folder's vocabulary.yaml as a words.Vocabulary, knowing every word the folder's
    files write as spelt right (so never read as a typo of another word)."""
    from sysdesign_cli.core.words import Vocabulary

    path = folder / VOCABULARY_FILE
    vocabulary, problems = Vocabulary(), []
    if os.path.lexists(path):
        model, problems = load_file(path, schema.Vocabulary)
        vocabulary = Vocabulary.from_model(model) if model is not None else vocabulary
    for file in [path, *_yaml_files(folder, Curriculum())]:
        try:
            vocabulary = vocabulary.with_words(read_text(file))
        except (FileRefused, UnicodeDecodeError):
            continue  # the loader reports a file it refuses where it reads it
    return vocabulary, problems


def builtin_vocabulary() -> Any:
    """The shipped vocabulary (a words.Vocabulary; empty if the file is missing)."""
    from sysdesign_cli.core.words import Vocabulary

    if not builtin_dir().is_dir():
        return Vocabulary()
    return _vocabulary(builtin_dir())[0]


def load_curriculum(extra: Iterable[Path] = (), *, builtin: bool = True) -> Curriculum:
    """The built-in curriculum plus extra folders, later folders overriding by id; the
    folders' vocabularies are merged and graded with from then on."""
    from sysdesign_cli.core.words import Vocabulary, use_vocabulary

    found = Curriculum()
    folders = ([builtin_dir()] if builtin else []) + list(extra)
    vocabulary = Vocabulary()
    for index, folder in enumerate(folders):
        if not _is_dir(folder):
            found.problems.append(Problem(folder, None, "", "no such curriculum folder"))
            continue
        more, problems = _vocabulary(folder)
        found.problems += problems
        vocabulary = vocabulary.merged(more)
        if not any(_is_dir(folder / sub) for sub in SUBFOLDERS):
            found.problems.append(Problem(
                folder, None, "", "has no lessons/ or exercises/ folder (see curricula/FORMAT.md)"
            ))  # fmt: skip
            continue
        _add_folder(found, folder, override=index > 0, rank=index)
    found.problems += [Problem(*where) for where in link_checks.check(found.links.values())]
    found.vocabulary = vocabulary
    if builtin:
        use_vocabulary(vocabulary)
    return found


def load_reference(
    extra: Iterable[Path] | None = None, name: str = "capacity"
) -> tuple[CapacityTable | None, list[Problem]]:
    """The reference table `name` (`reference/NAME.yaml`), from the built-in curriculum or
    the last extra folder (SYSDESIGN_CURRICULUM) that has one; with the problems if not."""
    folders = [builtin_dir(), *(extra_dirs(None) if extra is None else extra)]
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
