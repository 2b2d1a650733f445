"""The curriculum cache: unchanged files come back as they were validated, changed ones
are validated again, and a cache that is not fit to use is ignored and rebuilt."""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest
from lesson_files import vocabulary_plain

from sysdesign_cli.core import cache_file, cached_read
from sysdesign_cli.core.cache_file import FolderCache, cache_dir
from sysdesign_cli.core.loader import Curriculum, load_curriculum
from sysdesign_cli.core.records import Record, from_plain, to_plain
from sysdesign_cli.core.validation import validate

LESSON = """\
id: {id}
title: Alpha {id}
summary: The first lesson.
topics: [basics]
order: {order}
steps:
  - kind: text
    body: Hello.
  - kind: question
    id: {id}-pick
    type: choice
    topic: basics
    prompt: Pick one.
    choices: [red, blue]
    answer: {answer}
    explanation: Red is right.
  - kind: question
    id: {id}-day
    type: number
    topic: basics
    prompt: How long is a day?
    answer: 86400 s
    unit: h
    explanation: 24 hours.
"""


def _write(folder: Path, name: str = "alpha", order: int = 10, answer: str = "red") -> Path:
    (folder / "lessons").mkdir(parents=True, exist_ok=True)
    path = folder / "lessons" / f"{name}.yaml"
    path.write_text(LESSON.format(id=name, order=order, answer=answer), encoding="utf-8")
    return path


def _age(path: Path, seconds: int = 3600) -> Path:
    """Date the file back, out of the racy window of a cache written now."""
    stamp = path.stat()
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns - seconds * 10**9))
    return path


def _plain(found: Curriculum) -> dict[str, object]:
    """Everything a load gives, as comparable plain data."""
    return {
        "lessons": {key: to_plain(value) for key, value in found.lessons.items()},
        "exercises": {key: to_plain(value) for key, value in found.exercises.items()},
        "interviews": {key: to_plain(value) for key, value in found.interviews.items()},
        "references": {key: to_plain(value) for key, value in found.references.items()},
        "problems": [str(problem) for problem in found.problems],
        # Lines wait until a problem needs one in a file read fast (`loader.located`).
        "links": {key: (links.kind, links.id, links.path, links.rank, links.order,
                        *([(value, field) for value, _, field in named]
                          for named in (links.ids, links.prerequisites, links.studies)))
                  for key, links in found.links.items()},  # fmt: skip
        "sources": found.sources,
        "rank": found.rank,
        "vocabulary": vocabulary_plain(found.vocabulary),
    }


def _cache_files() -> list[Path]:
    folder = cache_dir()
    assert folder is not None
    return sorted(folder.glob("curriculum-*.cache")) if folder.is_dir() else []


def test_cache_lives_beside_the_test_home(
    isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cache_dir() == isolated_env.parent / "sysdesign-cache"
    monkeypatch.delenv("SYSDESIGN_CACHE")
    assert cache_dir() == isolated_env / "cache"  # a second home keeps its own cache


def test_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SYSDESIGN_CACHE", "off")
    _write(tmp_path / "extra")
    load_curriculum([tmp_path / "extra"], builtin=False, cached=True)
    assert (cache_dir(), (tmp_path / "sysdesign-home" / "cache").exists()) == (None, False)


def test_a_blank_home_makes_no_cache_folder_where_the_command_runs(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("SYSDESIGN_CACHE", raising=False)
    monkeypatch.setenv("SYSDESIGN_HOME", "  ")
    monkeypatch.chdir(tmp_path)
    found = cache_dir()
    assert found is not None and found.is_absolute() and found != Path("  ", "cache").absolute()


def test_a_cache_folder_of_an_unknown_users_home_is_no_cache_and_no_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from sysdesign_cli.cli.app import app

    monkeypatch.setenv("SYSDESIGN_CACHE", "~nosuchuser-sysdesign/cache")
    assert cache_dir() is None
    result = CliRunner().invoke(app, ["learn", "--list"])
    assert (result.exit_code, result.exception) == (0, None)
    assert "Traceback" not in result.output and "(what-is-a-system)" in result.output


def test_shipped_curriculum_from_the_cache_is_what_validation_gives() -> None:
    full = load_curriculum()
    load_curriculum(cached=True)  # fills the cache
    warm = load_curriculum(cached=True)
    first = next(iter(warm.lessons.values()))
    assert isinstance(first, Record)  # really from the cache, not validated again
    assert _plain(warm) == _plain(full)
    assert len(_cache_files()) == 1


def test_records_behave_like_the_models_they_stand_for() -> None:
    full = load_curriculum()
    load_curriculum(cached=True)
    warm = load_curriculum(cached=True)
    checked = 0
    for lesson_id, lesson in full.lessons.items():
        other = warm.lessons[lesson_id]
        assert [s.id for s in other.questions()] == [s.id for s in lesson.questions()]
        for mine, theirs in zip(other.steps, lesson.steps):
            if theirs.kind == "question" and theirs.type == "number":
                assert (mine.value, mine.dim, mine.unit_value) == (
                    theirs.value, theirs.dim, theirs.unit_value)  # fmt: skip
                checked += 1
            if theirs.kind == "estimate":
                assert mine.result() == theirs.result()
                checked += 1
            if theirs.kind == "graph":
                assert mine.graph() == theirs.graph()
                checked += 1
    for exercise_id, exercise in full.exercises.items():
        other = warm.exercises[exercise_id]
        if exercise.design is not None:
            assert other.design.graph() == exercise.design.graph()
            assert other.design.checked_flows() == exercise.design.checked_flows()
            checked += 1
        for mine, theirs in zip(other.stages, exercise.stages):
            if theirs.kind in ("load", "loop"):
                assert to_plain(other.estimate_for(mine)) == to_plain(exercise.estimate_for(theirs))
            if theirs.kind == "estimate":
                assert mine.result() == theirs.result()
    assert full.interviews and set(warm.interviews) == set(full.interviews)
    for interview_id, interview in full.interviews.items():
        other = warm.interviews[interview_id]
        assert isinstance(other, Record)
        assert to_plain(other.exercise()) == to_plain(interview.exercise())
        assert [q.ask for q in other.clarify.mattering()] == [
            q.ask for q in interview.clarify.mattering()]  # fmt: skip
        assert [q.ask for q in other.clarify.idle()] == [q.ask for q in interview.clarify.idle()]
        assert to_plain(other.stage("design")) == to_plain(interview.stage("design"))
        checked += 1
    table, cached_table = full.references["capacity"], warm.references["capacity"]
    for figure, cached_figure in zip(table.figures, cached_table.figures):
        assert cached_table.value(figure.block, figure.what) == figure.value
        assert cached_figure.unit == figure.unit
    assert (cached_table.internet_ms, cached_table.zone_availability) == (
        table.internet_ms, table.zone_availability)  # fmt: skip
    assert checked > 20


def test_a_warm_load_decodes_a_lesson_only_when_more_than_its_listing_is_asked() -> None:
    full = load_curriculum()
    load_curriculum(cached=True)
    warm = load_curriculum(cached=True)
    lesson = warm.lessons[next(iter(full.lessons))]
    original = full.lessons[lesson.id]
    listing = (lesson.id, lesson.order, lesson.title)
    assert (listing, type(lesson._fields)) == ((original.id, original.order, original.title),
                                               bytes)  # fmt: skip
    assert [step.kind for step in lesson.steps] == [step.kind for step in original.steps]
    assert type(lesson._fields) is dict and to_plain(lesson) == to_plain(original)


def test_an_exercises_rules_find_the_same_from_the_cache() -> None:
    # The rule checks ask a rule its `rule`, not its class: a cached rule is a record.
    from sysdesign_cli.core.graph.checks import check
    from sysdesign_cli.core.graph.findings import MISSING, ORDER, PATH, UNNEEDED
    from sysdesign_cli.core.graph.text import parse_text

    full = load_curriculum()
    load_curriculum(cached=True)
    warm = load_curriculum(cached=True)
    # A client straight to a database, and a CDN besides: every kind of rule can fire.
    graph = parse_text("client -> db : read, write\nclient -> cdn\nclient -> storage")
    ruled = 0
    for exercise_id, exercise in full.exercises.items():
        if exercise.design is None or not exercise.design.rules:
            continue
        cached = warm.exercises[exercise_id].design
        assert isinstance(cached, Record)
        verdict = check(graph, exercise.design)
        assert check(graph, cached).findings == verdict.findings
        ruled += sum(f.kind in (MISSING, ORDER, PATH, UNNEEDED) for f in verdict.findings)
    assert ruled > 0


def test_a_warm_load_imports_neither_yaml_nor_pydantic() -> None:
    load_curriculum(cached=True)
    script = (
        "import json, sys\n"
        "from sysdesign_cli.core.loader import load_curriculum\n"
        "found = load_curriculum(cached=True)\n"
        "step = found.ordered_lessons()[0].steps[0]\n"
        "print(json.dumps([len(found.lessons), step.kind,"
        " sorted(m for m in sys.modules if m.split('.')[0] in ('yaml', 'pydantic'))]))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, env=os.environ.copy()).stdout  # fmt: skip
    count, kind, heavy = json.loads(out)
    assert (count, kind, heavy) == (len(load_curriculum().lessons), "text", [])


def test_an_edited_file_is_read_again_whatever_its_time(tmp_path: Path) -> None:
    path = _write(tmp_path)
    load_curriculum([tmp_path], builtin=False, cached=True)
    stamp = path.stat()
    _write(tmp_path, answer="blue")  # the same size, the same time stamp
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    found = load_curriculum([tmp_path], builtin=False, cached=True)
    assert found.lessons["alpha"].steps[1].answer == "blue"


def test_a_broken_file_keeps_file_line_and_field_from_the_cache(tmp_path: Path) -> None:
    path = _write(tmp_path, answer="green")  # not among the choices
    cold = load_curriculum([tmp_path], builtin=False, cached=True)
    warm = load_curriculum([tmp_path], builtin=False, cached=True)
    said = [str(problem) for problem in warm.problems]
    assert said == [str(problem) for problem in cold.problems]
    assert said == [f"{path}:15: steps[1].answer: answer 'green' is not one of the choices"]
    assert warm.lessons == {}


def test_one_edited_file_of_many_is_the_only_one_validated_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(5):
        _write(tmp_path, f"l{n}", order=n)
    load_curriculum([tmp_path], builtin=False, cached=True)
    _write(tmp_path, "l3", order=3, answer="blue")
    from sysdesign_cli.core import cached_read

    read: list[str] = []
    real = cached_read.read_result

    def counting(path: Path, rank: int, raw: bytes | None = None, fast: bool = False):  # type: ignore[no-untyped-def]
        read.append(path.name)
        return real(path, rank, raw, fast)

    monkeypatch.setattr(cached_read, "read_result", counting)
    found = load_curriculum([tmp_path], builtin=False, cached=True)
    assert (read, found.lessons["l3"].steps[1].answer) == (["l3.yaml"], "blue")


def test_a_removed_file_leaves_the_cache(tmp_path: Path) -> None:
    _write(tmp_path, "one")
    gone = _write(tmp_path, "twofold", order=11)
    assert "twofold" in load_curriculum([tmp_path], builtin=False, cached=True).vocabulary.words
    assert "lessons/twofold.yaml\0words" in FolderCache.open(tmp_path).entries
    gone.unlink()
    found = load_curriculum([tmp_path], builtin=False, cached=True)
    entries = FolderCache.open(tmp_path).entries
    assert (sorted(found.lessons), sorted(entries)) == (["one"], [
        ":vocabulary", ":words", "lessons/one.yaml", "lessons/one.yaml\0words"])  # fmt: skip


def test_the_words_of_a_folder_are_read_when_first_asked_for_then_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A load does not read the words of the files (most commands never grade a typed
    answer); asked for, they are read from the files once and kept: the next load has
    them without reading a file."""
    from sysdesign_cli.core import words

    _write(tmp_path, "one")
    counted: list[str] = []
    spelt = words.spelt_words
    monkeypatch.setattr(words, "spelt_words", lambda text: counted.append(text) or spelt(text))
    found = load_curriculum([tmp_path], builtin=False, cached=True)
    assert counted == []
    assert {":words", "lessons/one.yaml\0words"} & set(FolderCache.open(tmp_path).entries) == set()
    first = found.vocabulary.words
    asked_once = len(counted)
    again = load_curriculum([tmp_path], builtin=False, cached=True).vocabulary.words
    assert ("hello" in first, asked_once, again == first, len(counted)) == (True, 1, True, 1)


def test_a_files_words_stay_while_the_file_does_and_leave_with_it(tmp_path: Path) -> None:
    """The words kept for a file (a part of its entry) outlive loads that never ask for
    them, and leave the cache with the file."""
    _age(_write(tmp_path, "one"))
    gone = _age(_write(tmp_path, "two", order=20))
    load_curriculum([tmp_path], builtin=False, cached=True).vocabulary.words  # noqa: B018
    worded = {name for name in FolderCache.open(tmp_path).entries if "\0" in name}
    assert worded == {"lessons/one.yaml\0words", "lessons/two.yaml\0words"}
    load_curriculum([tmp_path], builtin=False, cached=True)  # words not asked for
    assert worded <= set(FolderCache.open(tmp_path).entries)
    gone.unlink()
    load_curriculum([tmp_path], builtin=False, cached=True)
    left = set(FolderCache.open(tmp_path).entries)
    assert ("lessons/one.yaml\0words" in left, "lessons/two.yaml\0words" in left) == (True, False)
    assert "lessons/two.yaml" not in left and "lessons/two.yaml" not in FolderCache.open(
        tmp_path).files  # fmt: skip


def _damage_cases(data: bytes) -> dict[str, bytes]:
    outer = marshal.loads(data)
    header, (stamp, files, entries) = outer[:-2], marshal.loads(outer[-1])

    def sealed(head: tuple[object, ...], found: object, known: object = files) -> bytes:
        payload = marshal.dumps((stamp, known, found))  # with a true digest
        return marshal.dumps((*head, cache_file.seal(payload), payload))

    name = next(key for key in entries if key.startswith("lessons/") and key.endswith(".yaml"))
    words = name + cached_read.WORDS
    folder_key = entries[":vocabulary"][0] if ":vocabulary" in entries else b""
    unworded = {key: entry for key, entry in entries.items() if key != ":vocabulary"}
    key = entries[name][0]
    stat = files[name][0]
    flipped = bytearray(outer[-1])
    flipped[len(flipped) // 2] ^= 0x01
    return {
        "garbage": b"\x00not a cache at all" * 10,
        "truncated": data[: len(data) // 2],
        "empty": b"",
        "a byte changed": marshal.dumps((*header, outer[-2], bytes(flipped))),
        "older format": sealed((header[0], header[1] - 1, *header[2:]), entries),
        "other version": sealed((header[0], header[1], "0.0.0", *header[3:]), entries),
        "other python": sealed((*header[:3], "2.7", *header[4:]), entries),
        "other code": sealed((*header[:4], header[4] + 1, header[5]), entries),
        "other folder": sealed((*header[:5], "/elsewhere"), entries),
        "foreign data": marshal.dumps({"lessons": []}),
        "entry of another shape": sealed(header, {**entries, name: (key, ["lesson", 1])}),
        "unknown kind": sealed(header, {**entries, name: (key, ["spell", None, [], None])}),
        "code in an entry": sealed(header, {**entries, name: (
            key, ["lesson", (compile("1", "x", "eval"), {}), [], None])}),  # fmt: skip
        "a stat of another shape": sealed(header, entries, {**files, name: (stat, "key")}),
        "a stat without its digest": sealed(header, entries, {**files, name: stat}),
        "a stat with another digest": sealed(header, entries, {
            **files, name: (stat, cache_file.digest(b"other"))}),  # fmt: skip
        # (with no vocabulary, so that it is made again from the files' words)
        "words not marshalled": sealed(header, {**unworded, words: (key, b"\x00words")}),
        "words not strings": sealed(header, {**unworded, words: (key, marshal.dumps([1, b"x"]))}),
        "words not bytes": sealed(header, {**unworded, words: (key, ["alpha"])}),
        "folder words not strings": sealed(header, {
            **entries, cached_read.FOLDER_WORDS: (folder_key, ["alpha", 1])}),  # fmt: skip
        "folder words not a list": sealed(header, {
            **entries, cached_read.FOLDER_WORDS: (folder_key, "alpha")}),  # fmt: skip
        "no stats": marshal.dumps((*header, *_sealed_payload((stamp, entries)))),
    }


def _sealed_payload(found: object) -> tuple[bytes, bytes]:
    payload = marshal.dumps(found)
    return cache_file.seal(payload), payload


@pytest.mark.parametrize("case", list(_damage_cases(marshal.dumps(
    (cache_file.MAGIC, 1, "v", "p", 0, "/f", b"", marshal.dumps(
        (0, {"lessons/a.yaml": ((1, 2, 3, 4), b"k")}, {"lessons/a.yaml": (b"k", [])})))))))
def test_a_cache_not_fit_to_use_is_ignored_and_rebuilt(tmp_path: Path, case: str) -> None:
    _age(_write(tmp_path / "extra"))  # so that its stat is trusted, not hashed as racy
    folder = tmp_path / "extra"
    full = load_curriculum([folder], builtin=False)
    load_curriculum([folder], builtin=False, cached=True)
    (cache,) = _cache_files()
    cache.write_bytes(_damage_cases(cache.read_bytes())[case])
    found = load_curriculum([folder], builtin=False, cached=True)
    assert _plain(found) == _plain(full)
    # ... and rebuilt: the next load is from a sound cache again.
    again = load_curriculum([folder], builtin=False, cached=True)
    assert isinstance(again.lessons["alpha"], Record)
    assert marshal.loads(cache.read_bytes())[:2] == (cache_file.MAGIC, cache_file.FORMAT)


def test_an_unwritable_cache_folder_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("SYSDESIGN_CACHE", str(blocked))
    _write(tmp_path / "extra")
    found = load_curriculum([tmp_path / "extra"], builtin=False, cached=True)
    assert (sorted(found.lessons), blocked.read_text()) == (
        ["alpha"], "a file where the cache folder would be")  # fmt: skip


def test_validate_never_reads_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, answer="green")

    def refuse(folder: Path) -> FolderCache:
        raise AssertionError("validate read the cache")

    monkeypatch.setattr(FolderCache, "open", refuse)
    assert [p.field for p in validate(path)] == ["steps[1].answer"]
    assert [p.field for p in validate(tmp_path)] == ["steps[1].answer"]


def test_plain_data_round_trips_and_nothing_else_is_plain() -> None:
    data = ("Lesson", {"id": "a", "steps": [("TextStep", {"kind": "text", "body": "x"})],
                       "inputs": {"dau": 1.5}, "order": 3, "none": None, "yes": True})  # fmt: skip
    record = from_plain(data)
    assert (record.steps[0].body, record.inputs, to_plain(record)) == ("x", {"dau": 1.5}, data)
    for bad in ({1: "a"}, b"x", {"a"}, ("x", "y"), 1j):  # never written to a cache
        with pytest.raises(TypeError):
            to_plain({"field": bad})
    with pytest.raises(AttributeError):
        record.id = "b"


def test_reading_the_capacity_table_leaves_the_vocabulary_graded_with(tmp_path: Path) -> None:
    """An interview or exercise under --curriculum grades with that folder's words; reading
    the capacity table afterwards (through the cache) must not put the built-in ones back."""
    from sysdesign_cli.core.loader import load_reference
    from sysdesign_cli.core.words import active_vocabulary, use_vocabulary

    folder = tmp_path / "extra"
    _age(_write(folder))
    (folder / "vocabulary.yaml").write_text("abbreviations:\n  zbx: load balancer\n", "utf-8")
    try:
        load_curriculum([folder], cached=True)
        before = active_vocabulary()
        assert "zbx" in before.abbreviations
        table, _ = load_reference(cached=True)
        assert table is not None and active_vocabulary() is before
    finally:
        use_vocabulary(None)


def _schema_classes() -> list[type]:
    """Every model class of the curriculum schema, the interview and capacity ones too."""
    import sysdesign_cli.core.curriculum
    import sysdesign_cli.core.exercise_schema
    import sysdesign_cli.core.graph.capacity
    import sysdesign_cli.core.interviews  # noqa: F401
    from sysdesign_cli.core.schema_base import Strict

    found, todo = [], [Strict]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo += cls.__subclasses__()
    return found


def test_every_method_a_model_has_its_record_has_too() -> None:
    # A method written on a schema class works in `validate` (pydantic) but not for a
    # learner reading the cache, unless it lives in core.behaviour, shared by both.
    from pydantic import BaseModel

    from sysdesign_cli.core.records import record_class

    base = set(dir(BaseModel))
    missing = {}
    classes = _schema_classes()
    for cls in classes:
        own = {name for name in dir(cls) if not name.startswith("_")} - base - set(
            cls.model_fields)  # fmt: skip
        lacking = sorted(name for name in own if not hasattr(record_class(cls.__name__), name))
        if lacking:
            missing[cls.__name__] = lacking
    assert len(classes) > 30
    assert missing == {}


def test_words_read_from_a_file_changed_since_the_load_are_not_kept_as_the_loads(
    tmp_path: Path,
) -> None:
    path = _age(_write(tmp_path, "one"))
    load_curriculum([tmp_path], builtin=False, cached=True)
    found = load_curriculum([tmp_path], builtin=False, cached=True)  # warm: no file read
    path.write_text(path.read_text(encoding="utf-8") + "# quasarling\n", encoding="utf-8")
    assert "quasarling" in found.vocabulary.words  # read as the file is now...
    entries = FolderCache.open(tmp_path).entries
    # ... but not kept under the digests the load saw (the next load reads them again).
    assert (":words" in entries, "lessons/one.yaml\0words" in entries) == (False, False)


def test_only_plain_data_is_cached_even_where_the_schema_lets_a_field_be_taken_whole() -> None:
    """A field whose type holds only scalars, lists and dicts of them is taken as it is;
    any other is looked into, and what is not plain data is refused (TypeError: not cached)."""
    import datetime
    from functools import cached_property
    from typing import Any, Literal

    from pydantic import BaseModel

    class Leaf(BaseModel):
        name: str
        tags: list[str]
        sizes: dict[str, int | float]
        kind: Literal["a", "b"]

    class Holder(BaseModel):
        leaf: Leaf
        anything: Any = None
        pair: tuple[int, int] | None = None
        when: datetime.date | None = None

        @cached_property
        def computed(self) -> int:
            return 1

    leaf = Leaf(name="x", tags=["t"], sizes={"s": 1.5}, kind="a")
    plain = ("Leaf", {"name": "x", "tags": ["t"], "sizes": {"s": 1.5}, "kind": "a"})
    assert to_plain(Holder(leaf=leaf, anything=leaf)) == (
        "Holder", {"leaf": plain, "anything": plain, "pair": None, "when": None})
    for bad in ({"pair": (1, 2)}, {"when": datetime.date(2024, 1, 2)}, {"anything": {1, 2}}):
        with pytest.raises(TypeError):
            to_plain(Holder(leaf=leaf, **bad))
    holder = Holder(leaf=leaf)
    assert holder.computed == 1  # kept in the instance's __dict__ beside the fields
    assert to_plain(holder) == (
        "Holder", {"leaf": plain, "anything": None, "pair": None, "when": None})
