"""Work shared with a forked child: what it sends comes back, a child that fails sends
nothing (the caller works alone), and a child is never left behind."""

from __future__ import annotations

import marshal
import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest
from test_cache import _age, _plain, _write

from sysdesign_cli.core import cached_read, forked, shared_read
from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.core.records import Record

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or forked.cpus() < 2, reason="no second core to share with"
)


@pytest.fixture(autouse=True)
def _idle(monkeypatch: pytest.MonkeyPatch) -> None:
    """The machine taken as idle: a child is started however busy the tests make it; and
    the threads counted those this test starts (one an earlier test in this process left
    behind, a library's idle worker, is not this test's to count)."""
    monkeypatch.setattr(forked, "busy", lambda: False)
    before = set(threading.enumerate()) - {threading.main_thread()}
    real = threading.active_count
    monkeypatch.setattr(threading, "active_count", lambda: real() - len(
        before.intersection(threading.enumerate())))


def _pid_and_items(items: list[int], send) -> None:  # type: ignore[no-untyped-def]
    for item in items:
        send(marshal.dumps((os.getpid(), item)))


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def _all_sent(child: forked.Pending, count: int) -> list[bytes]:
    deadline = time.monotonic() + 30
    while len(child.poll()) < count and time.monotonic() < deadline:
        time.sleep(0.01)
    return child.poll()


def test_a_child_does_the_work_and_each_message_comes_back_whole() -> None:
    with forked.elsewhere(_pid_and_items, [1, 2, 3]) as child:
        assert child is not None
        pid = child.pid
        sent = [marshal.loads(message) for message in _all_sent(child, 3)]
    assert sent == [(pid, 1), (pid, 2), (pid, 3)]
    assert pid != os.getpid() and _gone(pid)


def test_messages_larger_than_a_pipe_holds_come_back_whole() -> None:
    def big(items: list[int], send) -> None:  # type: ignore[no-untyped-def]
        for item in items:
            send(bytes([item]) * 300_000)  # past any pipe's buffer

    with forked.elsewhere(big, [1, 2]) as child:
        assert child is not None
        sent = _all_sent(child, 2)
    assert sent == [b"\x01" * 300_000, b"\x02" * 300_000]


def test_poll_never_waits_and_a_child_that_fails_sends_what_it_had(
    capfd: pytest.CaptureFixture[str],
) -> None:
    def failing(items: list[int], send) -> None:  # type: ignore[no-untyped-def]
        send(b"first")
        time.sleep(0.5)
        raise RuntimeError("broken")

    with forked.elsewhere(failing, [1]) as child:
        assert child is not None
        started = time.monotonic()
        assert child.poll() in ([], [b"first"])
        assert time.monotonic() - started < 0.2  # did not wait for the child
        time.sleep(1.5)
        assert child.poll() == [b"first"]
    assert capfd.readouterr() == ("", "")  # no traceback from the child


def test_leaving_early_kills_and_reaps_the_child() -> None:
    def slow(items: list[int], send) -> None:  # type: ignore[no-untyped-def]
        time.sleep(60)

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
    with forked.elsewhere(_pid_and_items, []) as child:
        assert child is None
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        with forked.elsewhere(_pid_and_items, [1]) as child:
            assert child is None
    finally:
        stop.set()
        thread.join()
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    with forked.elsewhere(_pid_and_items, [1]) as child:
        assert child is None


def test_no_child_on_a_machine_with_no_cpu_to_spare(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()  # the real `busy`, with the load average given
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setattr(os, "getloadavg", lambda: (2.3, 1.0, 1.0))  # another process too
    assert (forked.busy(), forked.spare_core()) == (True, False)
    monkeypatch.setattr(os, "getloadavg", lambda: (1.4, 1.0, 1.0))  # this one and its child
    assert forked.busy() is False


def test_a_child_cut_off_mid_message_leaves_only_whole_messages() -> None:
    reading, writing = os.pipe()
    pending = forked.Pending(0, reading)  # the pipe as a child that died mid-message left it
    os.write(writing, (5).to_bytes(4, "little") + b"whole" + (100).to_bytes(4, "little") + b"half")
    assert pending.poll() == [b"whole"]
    os.close(writing)
    assert pending.poll() == [b"whole"]  # the cut message never comes out
    pending.stop()


def test_a_load_shared_where_sigchld_is_ignored(tmp_path: Path) -> None:
    folder = _lessons(tmp_path / "many", shared_read.MIN_SHARED)
    alone = load_curriculum([folder], builtin=False)
    before = signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the system reaps the child
    try:
        shared = load_curriculum([folder], builtin=False, cached=True)
    finally:
        signal.signal(signal.SIGCHLD, before)
    assert _plain(shared) == _plain(alone)


def _lessons(folder: Path, count: int) -> Path:
    for n in range(count):
        _write(folder, f"l{n:03d}", order=n)
    return folder


def test_a_large_cold_load_shared_with_a_child_is_the_load_done_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    count = shared_read.MIN_SHARED + 6
    folder = _lessons(tmp_path / "many", count)
    alone = load_curriculum([folder], builtin=False)  # validated in full, no cache
    read_here: list[str] = []
    real = cached_read.read_result

    started = os.getpid()

    def counting(path: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.getpid() == started:  # not in the child
            read_here.append(path.name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(cached_read, "read_result", counting)
    shared = load_curriculum([folder], builtin=False, cached=True)
    names = sorted(path.name for path in (folder / "lessons").iterdir())
    assert read_here == names[: len(read_here)]  # here from the front, the child from the back
    children = {key for key, lesson in shared.lessons.items() if isinstance(lesson, Record)}
    here = {name.removesuffix(".yaml") for name in read_here}
    assert (here | children, here & children) == (set(shared.lessons), set())
    assert _plain(shared) == _plain(alone)
    read_here.clear()
    warm = load_curriculum([folder], builtin=False, cached=True)
    assert (read_here, _plain(warm)) == ([], _plain(alone))  # every file's entry was kept


def test_a_child_slow_or_gone_leaves_its_files_to_be_read_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _lessons(tmp_path / "many", shared_read.MIN_SHARED)
    alone = load_curriculum([folder], builtin=False)
    for sent in ([], [b"not marshal data"] * 3, [marshal.dumps(["lesson", 1, 2, 3])] * 3,
                 [marshal.dumps(None)] * 3):  # fmt: skip
        monkeypatch.setattr(forked.Pending, "poll", lambda self, sent=sent: sent)
        monkeypatch.setenv("SYSDESIGN_CACHE", str(tmp_path / f"cache-{len(str(sent))}"))
        found = load_curriculum([folder], builtin=False, cached=True)
        assert _plain(found) == _plain(alone), sent
        assert not any(isinstance(lesson, Record) for lesson in found.lessons.values())


def test_a_child_that_reads_everything_first_leaves_nothing_to_read_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _lessons(tmp_path / "many", shared_read.MIN_SHARED)
    alone = load_curriculum([folder], builtin=False)
    read_here: list[Path] = []
    real_read = cached_read.CachedFolder.read
    monkeypatch.setattr(cached_read.CachedFolder, "read", lambda self, path, rank: (
        read_here.append(path), real_read(self, path, rank))[1])  # fmt: skip
    real_poll = forked.Pending.poll

    def whole(self: forked.Pending) -> list[bytes]:  # as if the child were far ahead
        while self.pid and len(real_poll(self)) < shared_read.MIN_SHARED:
            time.sleep(0.01)
        return real_poll(self)

    monkeypatch.setattr(forked.Pending, "poll", whole)
    found = load_curriculum([folder], builtin=False, cached=True)
    assert read_here == []
    assert all(isinstance(lesson, Record) for lesson in found.lessons.values())
    assert _plain(found) == _plain(alone)


def test_one_child_shares_the_files_of_every_folder_of_a_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    half = shared_read.MIN_SHARED // 2 + 3  # too few in one folder, enough in the two
    first = _lessons(tmp_path / "first", half)
    second = _lessons(tmp_path / "second", half)
    _write(second, "l000", order=0, answer="blue")  # overrides the first folder's l000
    alone = load_curriculum([first, second], builtin=False)
    started: list[int] = []
    real = forked.elsewhere

    def counting(work, items):  # type: ignore[no-untyped-def]
        started.append(len(items))
        return real(work, items)

    monkeypatch.setattr(shared_read, "elsewhere", counting)
    shared = load_curriculum([first, second], builtin=False, cached=True)
    assert started == [2 * half]
    assert shared.lessons["l000"].steps[1].answer == "blue"
    assert _plain(shared) == _plain(alone)


def test_a_shared_cold_load_reads_each_file_once_here_or_in_the_child(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The files are hashed where they are read: this process reads from disk only the
    files it validates (each once), none the child sent; the child's stat and digest of
    each are kept, so the next load reads nothing, vocabulary included."""
    from sysdesign_cli.core import folder_vocabulary

    folder = _lessons(tmp_path / "many", shared_read.MIN_SHARED + 6)
    for path in (folder / "lessons").iterdir():
        _age(path)  # out of the racy window: a file written this second is always hashed
    started = os.getpid()
    read_here: list[str] = []
    validated_here: list[str] = []
    real_read, real_result = cached_read.read_capped, cached_read.read_result

    def reading(path: Path, cap: int) -> bytes:
        if os.getpid() == started:
            read_here.append(Path(path).name)
        return real_read(path, cap)

    def validating(path: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.getpid() == started:
            validated_here.append(path.name)
        return real_result(path, *args, **kwargs)

    monkeypatch.setattr(cached_read, "read_capped", reading)
    monkeypatch.setattr(cached_read, "read_result", validating)
    cold = load_curriculum([folder], builtin=False, cached=True)
    assert sorted(read_here) == sorted(validated_here) == sorted(set(read_here))
    assert 0 < len(read_here) < len(cold.lessons)  # the child read the others
    read_here.clear()
    vocabularies: list[Path] = []
    real_vocabulary = cached_read.vocabulary_file
    monkeypatch.setattr(cached_read, "vocabulary_file", lambda found: (
        vocabularies.append(found), real_vocabulary(found))[1])  # fmt: skip
    warm = load_curriculum([folder], builtin=False, cached=True)
    assert (read_here, vocabularies) == ([], [])
    assert _plain(warm) == _plain(cold)
    assert warm.vocabulary.words == folder_vocabulary.folder_vocabulary(folder)[0].words
