"""The curriculum cache's index of file stats: an unchanged file is not read on a warm
load; a file whose size, times or inode changed is read and hashed (and validated again
only if its bytes changed); a file changed too close to the cache's stamp is always
hashed, as git does for racily clean entries."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from lesson_files import lesson_text, vocabulary_plain, write_lesson

from sysdesign_cli.core import cache_file, cached_read
from sysdesign_cli.core.loader import Curriculum, load_curriculum

HOUR_NS = 3600 * 10**9


def _write(folder: Path, name: str, answer: str = "red", order: int = 1) -> Path:
    return write_lesson(folder, name, answer=answer, order=order)


def _set_mtime(path: Path, mtime_ns: int) -> None:
    os.utime(path, ns=(mtime_ns, mtime_ns))


def _aged(path: Path) -> Path:
    """The file dated an hour back: well out of the racy window of a cache written now."""
    _set_mtime(path, path.stat().st_mtime_ns - HOUR_NS)
    return path


class Counted:
    """Which files a load read from disk, and which it validated in full."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.read: list[str] = []
        self.validated: list[str] = []
        read, validate = cached_read.read_capped, cached_read.read_result

        def reading(path: Path, cap: int) -> bytes:
            self.read.append(Path(path).name)
            return read(path, cap)

        def validating(path: Path, rank: int, raw: bytes | None = None, fast: bool = False):  # type: ignore[no-untyped-def]
            self.validated.append(path.name)
            return validate(path, rank, raw, fast)

        monkeypatch.setattr(cached_read, "read_capped", reading)
        monkeypatch.setattr(cached_read, "read_result", validating)

    def load(self, folder: Path) -> Curriculum:
        self.read, self.validated = [], []
        return load_curriculum([folder], builtin=False, cached=True)


def _answers(found: Curriculum) -> dict[str, str]:
    return {key: lesson.steps[0].answer for key, lesson in sorted(found.lessons.items())}


def test_a_warm_load_of_unchanged_files_reads_none_of_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("one", "two"):
        _aged(_write(tmp_path, name))
    counted = Counted(monkeypatch)
    counted.load(tmp_path)
    assert (sorted(counted.read), sorted(counted.validated)) == (
        ["one.yaml", "two.yaml"], ["one.yaml", "two.yaml"])  # fmt: skip
    found = counted.load(tmp_path)
    assert (counted.read, counted.validated, _answers(found)) == (
        [], [], {"one": "red", "two": "red"})  # fmt: skip


def test_a_warm_load_of_an_unchanged_folder_leaves_the_cache_file_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _aged(_write(tmp_path / "extra", "one"))
    (tmp_path / "extra" / "vocabulary.yaml").write_text("terms: [sharding]\n", "utf-8")
    _aged(tmp_path / "extra" / "vocabulary.yaml")
    counted = Counted(monkeypatch)
    counted.load(tmp_path / "extra")
    folder = cache_file.cache_dir()
    assert folder is not None
    (stored,) = folder.glob("curriculum-*.cache")
    before = (stored.read_bytes(), stored.stat().st_mtime_ns, stored.stat().st_ino)
    counted.load(tmp_path / "extra")
    assert (counted.read, (stored.read_bytes(), stored.stat().st_mtime_ns,
                           stored.stat().st_ino)) == ([], before)  # fmt: skip


def _edited_in_place_keeping_size_and_time(path: Path) -> None:
    before = path.stat()
    _write(path.parent.parent, "one", answer="tan")  # the same size
    _set_mtime(path, before.st_mtime_ns)
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size, before.st_mtime_ns, before.st_ino)  # fmt: skip
    # ... the change time gives it away


def _replaced_with_an_older_time(path: Path) -> None:
    older = path.stat().st_mtime_ns - 24 * HOUR_NS
    _write(path.parent.parent, "one", answer="tan")
    _set_mtime(path, older)  # as `touch -d yesterday` or a copy keeping its time does


def _swapped_by_rename(path: Path) -> None:
    before = path.stat()
    swap = path.parent.parent / "swap.tmp"
    swap.write_text(lesson_text("one", answer="tan"), encoding="utf-8")
    _set_mtime(swap, before.st_mtime_ns)  # the same size and time, another inode
    os.replace(swap, path)


@pytest.mark.parametrize(
    "change", [_edited_in_place_keeping_size_and_time, _replaced_with_an_older_time,
               _swapped_by_rename])  # fmt: skip
def test_a_changed_file_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: Callable[[Path], None]
) -> None:
    path = _aged(_write(tmp_path, "one"))
    counted = Counted(monkeypatch)
    counted.load(tmp_path)
    change(path)
    found = counted.load(tmp_path)
    assert (counted.validated, _answers(found)) == (["one.yaml"], {"one": "tan"})


def test_a_deleted_file_and_a_new_one_are_seen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gone = _aged(_write(tmp_path, "one"))
    _aged(_write(tmp_path, "two", order=2))
    counted = Counted(monkeypatch)
    counted.load(tmp_path)
    gone.unlink()
    _aged(_write(tmp_path, "three", answer="tan", order=3))
    found = counted.load(tmp_path)
    assert (counted.read, counted.validated, _answers(found)) == (
        ["three.yaml"], ["three.yaml"], {"three": "tan", "two": "red"})  # fmt: skip
    stored = cache_file.FolderCache.open(tmp_path)
    assert sorted(stored.files) == ["lessons/three.yaml", "lessons/two.yaml"]


def test_the_vocabulary_follows_the_files_reading_only_the_changed_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gone = _aged(_write(tmp_path, "one"))
    gone.write_text(gone.read_text(encoding="utf-8") + "# zebracorn\n", encoding="utf-8")
    _aged(gone)
    _aged(_write(tmp_path, "two", order=2))
    counted = Counted(monkeypatch)
    found = counted.load(tmp_path)
    assert "zebracorn" in found.vocabulary.words
    gone.unlink()
    added = _write(tmp_path, "three", order=3)
    added.write_text(added.read_text(encoding="utf-8") + "# quasarling\n", encoding="utf-8")
    _aged(added)
    found = counted.load(tmp_path)
    words = found.vocabulary.words
    assert ("zebracorn" in words, "quasarling" in words, counted.read) == (
        False, True, ["three.yaml"])  # fmt: skip
    assert vocabulary_plain(found.vocabulary) == vocabulary_plain(
        load_curriculum([tmp_path], builtin=False).vocabulary)


def test_a_file_touched_but_unchanged_is_hashed_not_validated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _aged(_write(tmp_path, "one"))
    counted = Counted(monkeypatch)
    counted.load(tmp_path)
    _set_mtime(path, path.stat().st_mtime_ns - HOUR_NS)  # its bytes as they were
    counted.load(tmp_path)
    assert (counted.read, counted.validated) == (["one.yaml"], [])
    counted.load(tmp_path)  # its new stat was recorded
    assert (counted.read, counted.validated) == ([], [])


def _clock(monkeypatch: pytest.MonkeyPatch, now: int) -> None:
    monkeypatch.setattr(cache_file, "now_ns", lambda: now)


def test_a_racy_file_is_hashed_until_its_time_is_safely_before_the_stamp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path, "one")
    now = time.time_ns()
    _set_mtime(path, now)
    counted = Counted(monkeypatch)
    _clock(monkeypatch, now)
    counted.load(tmp_path)
    counted.load(tmp_path)  # written in the same instant the cache was: never trusted
    assert (counted.read, counted.validated) == (["one.yaml"], [])
    _clock(monkeypatch, now + cache_file.RACY_NS - 1)
    counted.load(tmp_path)  # not yet clear of the window: read, and the cache not rewritten
    assert (counted.read, counted.validated) == (["one.yaml"], [])
    _clock(monkeypatch, now + cache_file.RACY_NS + 1)
    counted.load(tmp_path)  # hashed once more, and saved with a stamp it is clear of
    assert (counted.read, counted.validated) == (["one.yaml"], [])
    _clock(monkeypatch, now + 2 * cache_file.RACY_NS)
    counted.load(tmp_path)
    assert (counted.read, counted.validated) == ([], [])


def test_a_change_keeping_the_whole_stat_is_caught_while_racy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A file system keeping times to the second and no change time or inode worth the
    # name (some network and FAT mounts): an edit within the second leaves the stat as
    # it was, and only the racy rule tells the cache to look at the bytes.
    def coarse(path: str | os.PathLike[str]) -> cache_file.Stat:
        found = os.stat(path)
        return (found.st_size, found.st_mtime_ns // 10**9 * 10**9, 0, 0)

    monkeypatch.setattr(cached_read, "stat_of", coarse)
    path = _write(tmp_path, "one")
    counted = Counted(monkeypatch)
    counted.load(tmp_path)
    stat = coarse(path)
    _write(tmp_path, "one", answer="tan")
    _set_mtime(path, stat[1] + 500_000_000)  # within the same second
    assert coarse(path) == stat
    found = counted.load(tmp_path)
    assert (counted.validated, _answers(found)) == (["one.yaml"], {"one": "tan"})


def test_a_vocabulary_edited_while_a_load_reads_it_is_read_again_next_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The vocabulary is stored under the digest its file had before it was read: one
    saved meanwhile is not kept as the new bytes' vocabulary."""
    _aged(_write(tmp_path, "one"))
    own = tmp_path / "vocabulary.yaml"
    own.write_text("terms: [zebrazone]\n", "utf-8")
    _aged(own)
    real = cached_read.vocabulary_file

    def edited_while_read(folder: Path):  # type: ignore[no-untyped-def]
        found = real(folder)
        own.write_text("terms: [zookeeper]\n", "utf-8")
        _aged(own)
        return found

    monkeypatch.setattr(cached_read, "vocabulary_file", edited_while_read)
    first = load_curriculum([tmp_path], builtin=False, cached=True)
    assert first.vocabulary.terms == ("zebrazone",)
    monkeypatch.setattr(cached_read, "vocabulary_file", real)
    again = load_curriculum([tmp_path], builtin=False, cached=True)
    assert again.vocabulary.terms == ("zookeeper",)
