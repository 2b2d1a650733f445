"""A cold load of many files shares them among worker processes: what it gives is what one
process gives (broken files and their lines included), the cache it leaves serves a warm
load, and a worker that fails costs time, never a file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from sysdesign_cli.core import shared_work
from sysdesign_cli.core.shared_work import MIN_PER_WORKER, workers_for

TESTS = Path(__file__).parent
COUNT = 2 * MIN_PER_WORKER + 40

# Run in a process of its own: a test runner's threads would (rightly) keep the load in
# one process.
SCRIPT = """
import json, os, sys
from pathlib import Path
sys.path.insert(0, {tests!r})
from lesson_files import write_lesson
from sysdesign_cli.core import cached_read, shared_work
from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.core.records import Record, to_plain

folder, mode = Path(sys.argv[1]), sys.argv[2]
for n in range({count}):
    write_lesson(folder, f"l{{n}}", order=n, answer="tan" if n % 3 else "red")
write_lesson(folder, "broken", order=9999, answer="green")  # not among the choices
if mode == "failing":
    def failing(jobs):
        raise RuntimeError("a worker that fails")
    cached_read._entries_of = failing
os.environ["SYSDESIGN_CACHE"] = str(folder.parent / "cache")

def plain(found):
    return {{"lessons": {{key: to_plain(value) for key, value in sorted(found.lessons.items())}},
            "problems": [str(problem) for problem in found.problems]}}

cold = load_curriculum([folder], builtin=False, cached=True)
warm = load_curriculum([folder], builtin=False, cached=True)
alone = load_curriculum([folder], builtin=False)  # no cache: one process, in full
print(json.dumps({{
    "workers": shared_work.workers_for({count} + 1),
    "cold same": plain(cold) == plain(alone),
    "warm same": plain(warm) == plain(alone),
    "from workers": sum(isinstance(item, Record) for item in cold.lessons.values()),
    "warm records": sum(isinstance(item, Record) for item in warm.lessons.values()),
    "lessons": len(alone.lessons),
    "problems": plain(alone)["problems"],
}}))
"""


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


def _load(tmp_path: Path, mode: str) -> dict[str, object]:
    script = SCRIPT.format(tests=str(TESTS), count=COUNT)
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "extra"), mode],
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # nothing from the workers either
    return json.loads(done.stdout)


needs_cores = pytest.mark.skipif(
    not sys.platform.startswith("linux") or _cores() < 2,
    reason="work is shared among processes on Linux with two cores or more",
)


@needs_cores
def test_a_cold_load_shared_among_workers_gives_what_one_process_gives(tmp_path: Path) -> None:
    found = _load(tmp_path, "working")
    assert found["workers"] == min(_cores(), (COUNT + 1) // MIN_PER_WORKER)
    assert (found["cold same"], found["warm same"], found["lessons"]) == (True, True, COUNT)
    # The first run is validated here (models); the others come back from the workers
    # as cache entries (records), as a warm load's all do.
    assert 0 < found["from workers"] < COUNT
    assert found["warm records"] == COUNT
    (problem,) = found["problems"]
    assert "broken.yaml:" in problem and "'green' is not one of the choices" in problem


@needs_cores
def test_a_worker_that_fails_leaves_its_files_to_be_validated_here(tmp_path: Path) -> None:
    found = _load(tmp_path, "failing")
    assert (found["cold same"], found["warm same"], found["from workers"]) == (True, True, 0)
    assert len(found["problems"]) == 1


def test_few_files_stay_in_one_process() -> None:
    assert [workers_for(count) for count in (0, 1, 2 * MIN_PER_WORKER - 1)] == [1, 1, 1]


def test_work_is_shared_by_the_cores_there_are_and_no_more_than_the_files_pay_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(shared_work.sys, "platform", "linux")
    monkeypatch.setattr(shared_work.threading, "active_count", lambda: 1)
    monkeypatch.setattr(shared_work.os, "sched_getaffinity", lambda pid: set(range(64)),
                        raising=False)  # fmt: skip
    many = 100 * MIN_PER_WORKER
    assert (workers_for(3 * MIN_PER_WORKER), workers_for(many)) == (3, shared_work.MAX_WORKERS)
    monkeypatch.setattr(shared_work.os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert workers_for(many) == 1


def test_no_fork_where_it_is_not_safe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shared_work.os, "sched_getaffinity", lambda pid: {0, 1, 2, 3},
                        raising=False)  # fmt: skip
    many = 10 * MIN_PER_WORKER
    monkeypatch.setattr(shared_work.sys, "platform", "darwin")
    assert workers_for(many) == 1
    monkeypatch.setattr(shared_work.sys, "platform", "linux")
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert workers_for(many) == 1  # a fork copies only the calling thread
    finally:
        stop.set()
        thread.join()
    monkeypatch.setattr(shared_work.threading, "active_count", lambda: 1)
    assert workers_for(many) == 4


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


LOADER = """
import os, sys
sys.path.insert(0, {tests!r})
from pathlib import Path
from lesson_files import write_lesson
from sysdesign_cli.core.loader import load_curriculum
folder = Path(sys.argv[1])
for n in range({count}):
    write_lesson(folder, f"l{{n}}", order=n)
os.environ["SYSDESIGN_CACHE"] = str(folder.parent / "cache")
while True:  # cold loads, one after another, until killed
    load_curriculum([folder], builtin=False, cached=True)
    os.environ["SYSDESIGN_CACHE"] = str(folder.parent / f"cache-{{os.urandom(4).hex()}}")
"""


@needs_cores
def test_no_worker_outlives_a_load_that_is_killed(tmp_path: Path) -> None:
    import signal
    import time

    script = LOADER.format(tests=str(TESTS), count=COUNT)
    loader = subprocess.Popen([sys.executable, "-c", script, str(tmp_path / "extra")])
    try:
        deadline, workers = time.monotonic() + 120, []
        while not workers and time.monotonic() < deadline and loader.poll() is None:
            workers = _children(loader.pid)
            time.sleep(0.005)
        assert workers, "no worker was started"
    finally:
        loader.send_signal(signal.SIGKILL)
        loader.wait()
    deadline = time.monotonic() + 60
    while any(map(_running, workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [pid for pid in workers if _running(pid)] == []
