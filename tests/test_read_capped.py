"""Reading a curriculum file whole, capped: the bytes as they are, however the file's size
changes while it is read, and never more than the cap."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sysdesign_cli.core import files
from sysdesign_cli.core.files import FileRefused, read_capped


@pytest.mark.parametrize("size", [0, 1, 99, 100, 70_000, 200_000])
def test_a_file_is_read_whole_up_to_the_cap(tmp_path: Path, size: int) -> None:
    path = tmp_path / "x.yaml"
    data = bytes(index % 251 for index in range(size))
    path.write_bytes(data)
    assert read_capped(path, 200_000) == data


def test_a_file_over_the_cap_is_refused_whole(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"a" * 101)
    with pytest.raises(FileRefused, match="101 bytes; the limit is 100"):
        read_capped(path, 100)


def _size_told(monkeypatch: pytest.MonkeyPatch, told: int) -> None:
    """The file's size as its open found it: `told`, whatever it is when it is read."""
    real = os.fstat

    def fstat(fd: int) -> os.stat_result:
        found = real(fd)
        return os.stat_result((*found[:6], told, *found[7:]))

    monkeypatch.setattr(files.os, "fstat", fstat)


@pytest.mark.parametrize("told", [0, 10, 65_536, 150_000])
def test_a_file_that_grew_since_it_was_opened_is_read_to_its_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: int
) -> None:
    path = tmp_path / "x.yaml"
    data = bytes(index % 253 for index in range(150_001))
    path.write_bytes(data)
    _size_told(monkeypatch, told)
    assert read_capped(path, 200_000) == data


def test_a_file_that_grew_past_the_cap_while_it_is_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"b" * 300_000)
    _size_told(monkeypatch, 10)
    with pytest.raises(FileRefused, match="over 200,000 bytes, the limit"):
        read_capped(path, 200_000)


def test_a_file_that_shrank_since_it_was_opened_gives_what_it_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"short")
    _size_told(monkeypatch, 5_000)
    assert read_capped(path, 200_000) == b"short"


def test_a_file_is_read_in_one_read_of_its_own_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No buffer of the cap's size is asked for a small file (it is mapped and unmapped
    for each read): one read of its size, one of a byte that finds its end."""
    path = tmp_path / "x.yaml"
    path.write_bytes(b"c" * 3_000)
    asked: list[int] = []
    real = os.read
    monkeypatch.setattr(files.os, "read", lambda fd, n: asked.append(n) or real(fd, n))
    assert read_capped(path, 200_000) == b"c" * 3_000
    assert asked == [3_001, 1]


@pytest.mark.parametrize("most", [1, 7, 1_000])
def test_reads_that_come_back_short_are_read_on_to_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, most: int
) -> None:
    """A network file system, or a signal, can give fewer bytes than asked before the
    end: the file is still read whole."""
    path = tmp_path / "x.yaml"
    data = bytes(index % 241 for index in range(5_000))
    path.write_bytes(data)
    real = os.read
    monkeypatch.setattr(files.os, "read", lambda fd, n: real(fd, min(n, most)))
    assert read_capped(path, 200_000) == data
