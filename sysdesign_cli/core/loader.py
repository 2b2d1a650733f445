"""Reading curricula: YAML (the C safe loader only) into models, errors with file and line.

A curriculum folder holds `lessons/*.yaml` and `exercises/*.yaml`. The built-in one
ships inside the package; extra folders add lessons and override built-in ones by id.
A broken file is reported by name and never hides the rest.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError

from sysdesign_cli.core import curriculum as schema
from sysdesign_cli.core.capacity import CapacityTable
from sysdesign_cli.core.curriculum import Exercise, Lesson

# PyYAML's safe loaders build only plain data: a `!!python/object` tag is an error.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

ENV_VAR = "SYSDESIGN_CURRICULUM"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a curriculum file, where it is and what was expected."""

    path: Path
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


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
    references: dict[str, CapacityTable] = field(default_factory=dict)  # reference/*.yaml
    sources: dict[str, Path] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    rank: dict[str, int] = field(default_factory=dict)  # which folder each came from, 0 first
    vocabulary: Any = None  # the merged `vocabulary.yaml` files (a words.Vocabulary)

    def ordered_lessons(self) -> list[Lesson]:
        """Lessons in teaching order."""
        return sorted(self.lessons.values(), key=lambda lesson: (lesson.order, lesson.id))

    def ordered_exercises(self) -> list[Exercise]:
        """Exercises in the order they are offered."""
        return sorted(self.exercises.values(), key=lambda item: (item.order, item.id))

    def questions(self) -> dict[str, tuple[Any, Lesson]]:
        """Every question and estimate step by id, with the lesson it belongs to."""
        found: dict[str, tuple[Any, Lesson]] = {}
        for lesson in self.ordered_lessons():
            for step in lesson.questions():
                found[step.id] = (step, lesson)
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
    return [Path(part).expanduser() for part in parts]


# ---------------------------------------------------------------- YAML with lines


def _compose(text: str) -> tuple[Any, yaml.Node | None]:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return data, node


def _duplicate_keys(node: yaml.Node | None, path: str = "") -> Iterable[tuple[int, str, str]]:
    """YAML lets a key appear twice and keeps the last one: authors want to know."""
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = str(key.value)
            here = f"{path}.{name}" if path else name
            if name in seen:
                yield key.start_mark.line + 1, here, f"key {name!r} appears twice"
            seen.add(name)
            yield from _duplicate_keys(value, here)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _duplicate_keys(item, f"{path}[{index}]")


def _locate(
    node: yaml.Node | None, loc: tuple[Any, ...], message: str = ""
) -> tuple[int | None, str]:
    """Line and dotted field for a pydantic error location, skipping union tags.

    A check across fields ("answer 'c' is not one of the choices") is reported at the
    field its message starts with, when the mapping has that key.
    """
    first_word = message.split(" ", 1)[0]
    if first_word:
        loc = (*loc, first_word)
    parts: list[str] = []
    line = node.start_mark.line + 1 if node is not None else None
    previous: Any = None
    for position, part in enumerate(loc):
        last = position == len(loc) - 1
        # pydantic names the union member it tried: a `kind`/`type` tag right after a list
        # index (or after another tag), or a member type such as `constrained-str`.
        is_tag = isinstance(part, str) and (
            _MEMBER.match(part) is not None
            or (part in _TAGS and (isinstance(previous, int) or previous in _TAGS))
        )
        previous = part
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            match = next((pair for pair in node.value if pair[0].value == part), None)
            if match is not None:
                parts.append(part)
                line = match[0].start_mark.line + 1
                node = match[1]
            elif part == first_word and last:
                pass  # the message's first word was not a key after all
            elif not is_tag:
                parts.append(part)  # a missing key: the line stays at its mapping
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if 0 <= part < len(node.value):
                node = node.value[part]
                line = node.start_mark.line + 1
            parts.append(f"[{part}]")
        elif isinstance(part, int):
            parts.append(f"[{part}]")
        elif isinstance(part, str) and not is_tag and not (last and part == first_word):
            parts.append(part)
    dotted = ".".join(parts).replace(".[", "[")
    return line, dotted


def _literal_tags() -> set[str]:
    """Every value a `kind` or `type` field may take: the tags pydantic puts in locations."""
    tags: set[str] = set()
    for model in vars(schema).values():
        if isinstance(model, type) and issubclass(model, BaseModel):
            for name in ("kind", "type"):
                info = model.model_fields.get(name)
                if info is not None and get_origin(info.annotation) is Literal:
                    tags.update(str(value) for value in get_args(info.annotation))
    return tags


_TAGS = _literal_tags() | {"function-after", "function-before"}
# Union members pydantic names in a location: `answer.constrained-str`, `rows[0][0].int`.
_MEMBER = re.compile(r"^(constrained-)?(str|int|float|bool)$|^(list|dict|function-\w+)\[")
_VOCABULARY = sorted(
    {name for model in vars(schema).values() if isinstance(model, type)
     and issubclass(model, BaseModel) for name in model.model_fields} | _TAGS
)  # fmt: skip

_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "float_type": "a number",
    "list_type": "a list",
    "dict_type": "a mapping of keys to values",
    "model_type": "a mapping of keys to values",
    "model_attributes_type": "a mapping of keys to values",
    "bool_type": "true or false",
}


def _message(error: dict[str, Any]) -> str:
    kind, ctx, given = error["type"], error.get("ctx", {}), error.get("input")
    name = error["loc"][-1] if error["loc"] else ""
    if kind == "missing":
        return f"missing required field {name!r}"
    if kind == "extra_forbidden":
        if name in _VOCABULARY:  # a real key, of some other kind of entry
            return f"key {name!r} is not allowed here"
        close = difflib.get_close_matches(str(name), _VOCABULARY, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return f"unknown key {name!r}{hint}"
    # pydantic quotes the discriminator itself: "'kind'".
    discriminator = str(ctx.get("discriminator", "kind")).strip("'\"")
    if kind == "union_tag_invalid":
        tags = [tag.strip(" '") for tag in str(ctx.get("expected_tags", "")).split(",")]
        close = difflib.get_close_matches(str(ctx.get("tag")), tags, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return f"{discriminator} {ctx.get('tag')!r} is not one of {ctx.get('expected_tags')}{hint}"
    if kind == "union_tag_not_found":
        return f"missing {discriminator!r}, which says what this is"
    if kind in _TYPE_WORDS:
        got = f"expected {_TYPE_WORDS[kind]}, got {type(given).__name__} {given!r:.60}"
        if isinstance(given, bool):
            # YAML 1.1 reads yes/no/on/off as booleans: the author typed a word.
            got += " (YAML reads yes, no, on, off, true and false as true/false: quote it)"
        return got
    if kind == "string_pattern_mismatch":
        return f"{given!r} is not an id: use lowercase letters, digits and dashes"
    if kind == "string_too_short":
        return "must not be empty"
    if kind in ("too_long", "too_short"):
        bound = "at most" if kind == "too_long" else "at least"
        limit = ctx.get("max_length" if kind == "too_long" else "min_length")
        return f"needs {bound} {limit} item(s), found {ctx.get('actual_length')}"
    if kind == "literal_error":
        return f"{given!r} is not allowed; expected {ctx.get('expected')}"
    message = str(error["msg"])
    return message.removeprefix("Value error, ")


# ---------------------------------------------------------------- files


def _kind_of(path: Path, data: Any) -> type[Lesson] | type[Exercise] | type[CapacityTable]:
    if path.parent.name == "reference":
        return CapacityTable
    if path.parent.name == "exercises":
        return Exercise
    if path.parent.name == "lessons":
        return Lesson
    return Exercise if isinstance(data, dict) and "stages" in data else Lesson


MAX_DEPTH = 64  # lessons nest a few levels; libyaml's composer recurses in C and crashes deeper


def _shape_problem(text: str) -> tuple[int, str] | None:
    """Line and reason when the YAML uses an alias or nests too deep, read from the parser's
    events before anything is built: an alias can make a cycle or a billion-laughs blow-up."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark.line + 1, (
                f"YAML alias *{event.anchor} is not allowed: write the value out"
            )
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark.line + 1, f"nested more than {MAX_DEPTH} levels deep"
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
    return None


def load_file(path: Path, kind: type[Any] | None = None) -> tuple[Any, list[Problem]]:
    """One YAML file into a model (a lesson, exercise or reference table, or `kind`), or
    None with every problem found in it."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(path, None, "", f"cannot be read: {error}")]
    try:
        shape = _shape_problem(text)
        if shape is not None:
            return None, [Problem(path, shape[0], "", shape[1])]
        data, node = _compose(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = str(error.problem or error)
        if "could not determine a constructor" in problem:
            tag = problem.split("tag", 1)[-1].strip(" '").replace("tag:yaml.org,2002:", "!!")
            problem = f"YAML tag {tag} is not allowed: lessons are plain data"
        elif any(sign in problem for sign in _INDENT_SIGNS):
            problem += " (check the indentation on this line and the one before)"
        return None, [Problem(path, line, "", f"YAML syntax: {problem}")]
    except yaml.YAMLError as error:
        return None, [Problem(path, None, "", f"YAML syntax: {error}")]
    problems = [Problem(path, line, where, message) for line, where, message in
                _duplicate_keys(node)]  # fmt: skip
    if not isinstance(data, dict):
        problems.append(Problem(path, 1, "", "expected a mapping with id, title, ... at the top"))
        return None, problems
    model = kind or _kind_of(path, data)
    try:
        loaded = model.model_validate(data)
    except ValidationError as error:
        found = []
        for item in error.errors():
            message = _message(item)
            line, where = _locate(node, item["loc"], message)
            found.append(Problem(path, line, where, message))
        return None, problems + _tidy(found)
    return (None if problems else loaded), problems


_INDENT_SIGNS = (
    "mapping values are not allowed",
    "expected <block end>",
    "did not find expected",
    "tab character",
)


def _tidy(problems: list[Problem]) -> list[Problem]:
    """One report per mistake: a misspelt key is not also a missing one, and a value no
    member of a union takes is one problem listing what was expected."""
    meant = set()
    for problem in problems:
        match = re.match(r"unknown key '.*' \(did you mean '(.+)'\?\)$", problem.message)
        if match:
            meant.add((problem.field.rpartition(".")[0], match.group(1)))
    tidy: list[Problem] = []
    wanted: list[str] = []  # what the last problem's union members expected
    for problem in problems:
        match = re.match(r"missing required field '(.+)'$", problem.message)
        if match and (problem.field.rpartition(".")[0], match.group(1)) in meant:
            continue
        alike = re.match(r"expected (.+?), (got .+)$", problem.message)
        last = tidy[-1] if tidy else None
        if (
            alike
            and wanted
            and last is not None
            and (last.line, last.field) == (problem.line, problem.field)
            and last.message.endswith(alike.group(2))
        ):
            wanted.append(alike.group(1))
            either = ", ".join(wanted[:-1]) + f" or {wanted[-1]}"
            tidy[-1] = Problem(problem.path, problem.line, problem.field,
                               f"expected {either}, {alike.group(2)}")  # fmt: skip
            continue
        wanted = [alike.group(1)] if alike else []
        tidy.append(problem)
    return tidy


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(
        path
        for sub in ("lessons", "exercises", "reference")
        for path in (folder / sub).glob("*.y*ml")
    )


def _line_of(path: Path, loc: tuple[Any, ...]) -> tuple[int | None, str]:
    """Line and field of `loc` in a file that loaded: read again only to report a problem."""
    try:
        _, node = _compose(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None, ".".join(map(str, loc))
    return _locate(node, loc)


def lines_of(path: Path, locs: list[tuple[Any, ...]]) -> list[tuple[int | None, str]]:
    """Line and dotted field of each location in a file that loaded, reading it once."""
    try:
        _, node = _compose(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return [(None, ".".join(map(str, loc))) for loc in locs]
    return [_locate(node, loc) for loc in locs]


def _check_links(found: Curriculum) -> None:
    """Problems no single file shows: duplicate question ids, unknown prerequisites."""
    owners: dict[str, str] = {}
    # Built-in lessons first, so a clash is reported in the extra folder that caused it.
    ranked = sorted(
        found.lessons.values(),
        key=lambda item: (found.rank.get(f"lesson:{item.id}", 0), item.order, item.id),
    )
    for lesson in ranked:
        path = found.sources[f"lesson:{lesson.id}"]
        for index, step in enumerate(lesson.steps):
            if step.kind not in ("question", "estimate"):
                continue
            if step.id in owners:
                line, where = _line_of(path, ("steps", index, "id"))
                found.problems.append(Problem(
                    path, line, where,
                    f"question id {step.id!r} is already used in lesson {owners[step.id]!r}",
                ))  # fmt: skip
            owners[step.id] = lesson.id
        for index, needed in enumerate(lesson.prerequisites):
            if needed == lesson.id:
                message = "a lesson cannot require itself"
            elif needed not in found.lessons:
                close = difflib.get_close_matches(needed, list(found.lessons), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                message = f"unknown lesson {needed!r}{hint}"
            else:
                continue
            line, where = _line_of(path, ("prerequisites", index))
            found.problems.append(Problem(path, line, where, message))
    _check_exercises(found, set(owners))


def _check_exercises(found: Curriculum, owners: set[str]) -> None:
    """Stage ids unique, and every `study` naming a lesson that exists."""
    for exercise in found.ordered_exercises():
        path = found.sources[f"exercise:{exercise.id}"]
        for stage in exercise.stages:
            if stage.id in owners:
                found.problems.append(Problem(
                    path, None, f"stages ({stage.id})", f"id {stage.id!r} is already used"
                ))  # fmt: skip
            owners.add(stage.id)
            study = getattr(stage, "study", None)
            if study and study not in found.lessons:
                found.problems.append(Problem(
                    path, None, f"stages ({stage.id}).study", f"unknown lesson {study!r}"
                ))  # fmt: skip


def _add_folder(found: Curriculum, folder: Path, override: bool, rank: int = 0) -> None:
    seen_here: dict[str, Path] = {}
    for path in _yaml_files(folder):
        item, problems = load_file(path)
        found.problems += problems
        if item is None:
            continue
        kind = (
            "exercise" if isinstance(item, Exercise)
            else "reference" if isinstance(item, CapacityTable) else "lesson"
        )  # fmt: skip
        key = f"{kind}:{item.id}"
        if key in seen_here:
            line, where = _line_of(path, ("id",))
            found.problems.append(Problem(
                path, line, where, f"{kind} id {item.id!r} is already used by {seen_here[key]}"
            ))  # fmt: skip
            continue
        seen_here[key] = path
        if key in found.sources and not override:
            continue
        found.sources[key] = path
        found.rank[key] = rank
        targets = {"exercise": found.exercises, "reference": found.references}
        targets.get(kind, found.lessons)[item.id] = item  # type: ignore[index]


VOCABULARY_FILE = "vocabulary.yaml"


def _vocabulary(folder: Path) -> tuple[Any, list[Problem]]:
    """A folder's vocabulary.yaml as a words.Vocabulary, knowing every word the folder's
    files write as spelt right (so never read as a typo of another word)."""
    from sysdesign_cli.core.words import Vocabulary

    path = folder / VOCABULARY_FILE
    vocabulary, problems = Vocabulary(), []
    if path.is_file():
        model, problems = load_file(path, schema.Vocabulary)
        vocabulary = Vocabulary.from_model(model) if model is not None else vocabulary
    for file in sorted(folder.rglob("*.yaml")):
        try:
            vocabulary = vocabulary.with_words(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            continue  # the loader reports an unreadable file where it reads it
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
        if folder.is_dir():
            more, problems = _vocabulary(folder)
            found.problems += problems
            vocabulary = vocabulary.merged(more)
        if not folder.is_dir():
            found.problems.append(Problem(folder, None, "", "no such curriculum folder"))
            continue
        if not any((folder / sub).is_dir() for sub in ("lessons", "exercises", "reference")):
            found.problems.append(Problem(
                folder, None, "", "has no lessons/ or exercises/ folder (see curricula/FORMAT.md)"
            ))  # fmt: skip
            continue
        _add_folder(found, folder, override=index > 0, rank=index)
    _check_links(found)
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
        if not path.is_file():
            continue
        item, trouble = load_file(path)
        problems += trouble
        if isinstance(item, CapacityTable):
            found = item
    return found, problems


def validate(path: Path | None) -> list[Problem]:
    """Every problem in a curriculum folder, one file, or (None) the built-in curriculum."""
    if path is not None and path.is_file():
        if path.parent.name not in ("lessons", "exercises"):
            return load_file(path)[1]
        # A file in a curriculum folder: load the folder too, so that the file's dangling
        # prerequisites and clashing ids show, but report only this file's problems.
        folder = path.parent.parent
        extra = [] if folder.resolve() == builtin_dir().resolve() else [folder]
        inside = path.resolve()
        return [p for p in load_curriculum(extra).problems if p.path.resolve() == inside]
    if path is not None and not path.exists():
        return [Problem(path, None, "", "no such file or folder")]
    found = load_curriculum([path] if path else [])
    if path is None:
        return found.problems
    # The built-in lessons are loaded too, so prerequisites and ids can refer to them.
    inside = path.resolve()
    return [p for p in found.problems if p.path.resolve().is_relative_to(inside)]
