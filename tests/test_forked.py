"""Work shared with a forked child: what it sends comes back, a child that fails sends
nothing (the caller works alone), and a child is never left behind."""

from __future__ import annotations

import marshal
import os
import threading
import time
from pathlib import Path

import pytest
from test_cache import _plain, _write

from sysdesign_cli.core import cached_read, forked
from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.core.records import Record

pytestmark = pytest.mark.skipif(not forked.spare_core(), reason="no second core to share with")


def _pid_and_sum(items: list[int]) -> bytes:
    return marshal.dumps((os.getpid(), sum(items)))


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_a_child_does_the_work_and_sends_what_it_gives() -> None:
    with forked.elsewhere(_pid_and_sum, [1, 2, 3]) as child:
        assert child is not None
        pid = child.pid
        sent = child.take()
    assert sent is not None
    assert marshal.loads(sent) == (pid, 6)
    assert pid != os.getpid() and _gone(pid)


def test_a_child_sends_more_than_a_pipe_holds() -> None:
    with forked.elsewhere(lambda items: bytes(range(256)) * items[0], [40_000]) as child:
        assert child is not None
        sent = child.take()
    assert sent == bytes(range(256)) * 40_000  # 10 MB, past any pipe's buffer


def test_a_child_that_fails_sends_nothing(capfd: pytest.CaptureFixture[str]) -> None:
    def failing(items: list[int]) -> bytes:
        raise RuntimeError("broken")

    with forked.elsewhere(failing, [1]) as child:
        assert child is not None
        assert child.take() is None
    assert capfd.readouterr() == ("", "")  # no traceback from the child


def test_leaving_early_kills_and_reaps_the_child() -> None:
    def slow(items: list[int]) -> bytes:
        time.sleep(60)
        return b""

    with pytest.raises(KeyboardInterrupt), forked.elsewhere(slow, [1]) as child:
        assert child is not None
        pid = child.pid
        raise KeyboardInterrupt
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped: no zombie left
    assert _gone(pid)


def test_no_child_with_nothing_to_share_one_cpu_or_another_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with forked.elsewhere(_pid_and_sum, []) as child:
        assert child is None
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        with forked.elsewhere(_pid_and_sum, [1]) as child:
            assert child is None
    finally:
        stop.set()
        thread.join()
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    with forked.elsewhere(_pid_and_sum, [1]) as child:
        assert child is None


def _lessons(folder: Path, count: int) -> Path:
    for n in range(count):
        _write(folder, f"l{n:03d}", order=n)
    return folder


def test_a_large_cold_load_shared_with_a_child_is_the_load_done_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _lessons(tmp_path / "many", cached_read.MIN_SHARED + 6)
    alone = load_curriculum([folder], builtin=False)  # validated in full, no cache
    started: list[int] = []
    real = forked.elsewhere

    def counting(work, items):  # type: ignore[no-untyped-def]
        started.append(len(items))
        return real(work, items)

    monkeypatch.setattr(cached_read, "elsewhere", counting)
    shared = load_curriculum([folder], builtin=False, cached=True)
    assert started == [round((cached_read.MIN_SHARED + 6) * cached_read.CHILD_SHARE)]
    kinds = {isinstance(lesson, Record) for lesson in shared.lessons.values()}
    assert kinds == {True, False}  # the child's share as records, the rest as models
    assert _plain(shared) == _plain(alone)
    read: list[str] = []
    monkeypatch.setattr(cached_read, "read_result", lambda *args: read.append(args[0]))
    warm = load_curriculum([folder], builtin=False, cached=True)
    assert (read, _plain(warm)) == ([], _plain(alone))  # every file's entry was kept


def test_what_a_child_could_not_send_is_read_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _lessons(tmp_path / "many", cached_read.MIN_SHARED)
    alone = load_curriculum([folder], builtin=False)
    theirs = round(cached_read.MIN_SHARED * cached_read.CHILD_SHARE)
    for sent in (None, b"not marshal data", marshal.dumps([None]),  # none, or not as many
                 marshal.dumps([["lesson", 1, 2, 3]] * theirs),  # not of the shape written
                 marshal.dumps([None] * theirs)):  # fmt: skip
        monkeypatch.setattr(forked.Pending, "take", lambda self, sent=sent: (
            forked.Pending.stop(self), sent)[1])  # fmt: skip
        monkeypatch.setenv("SYSDESIGN_CACHE", str(tmp_path / f"cache-{len(str(sent))}"))
        found = load_curriculum([folder], builtin=False, cached=True)
        assert _plain(found) == _plain(alone), sent
