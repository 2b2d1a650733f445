"""Work on many files shared among processes: a cold load of a large curriculum validates
its files on every core.

Only where it pays and is safe: many files (starting a worker costs what validating a
few dozen files does), more than one core free to this process, Linux (workers are
forked, so they start with everything imported; elsewhere a fork is not safe to use
without exec), and no other thread running (a fork copies only the calling thread).
Anything that goes wrong in a worker is done again here, so sharing the work never
changes what it gives.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

Item = TypeVar("Item")

MIN_PER_WORKER = 100  # files: fewer, and one process is quicker than starting another
MAX_WORKERS = 8


def workers_for(count: int) -> int:
    """How many processes should share `count` files: 1 (this one alone) unless sharing
    pays and is safe here."""
    if count < 2 * MIN_PER_WORKER or not sys.platform.startswith("linux"):
        return 1
    if threading.active_count() > 1:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except OSError:  # pragma: no cover - no affinity to ask about
        return 1
    return max(1, min(cores, count // MIN_PER_WORKER, MAX_WORKERS))


def shared(
    items: list[Item],
    here: Callable[[list[Item]], list[Any]],
    there: Callable[[list[Item]], list[Any]],
    workers: int,
) -> list[list[Any] | None]:
    """The items cut into `workers` runs in order: the first done `here`, each other by
    `there` in a worker process forked for it (which starts with everything this one has
    and gives back plain data, as `marshal` writes it), each run's results in a list, in
    the items' order. A run whose worker failed gives None: the caller does it itself.

    A worker does its one run and exits: if this process is killed meanwhile, its write
    fails and it ends, so no worker outlives the load."""
    size = -(-len(items) // workers)
    runs = [items[start:start + size] for start in range(0, len(items), size)]
    children: list[tuple[int, int]] = []  # (process id, the end of its pipe read here)
    try:
        for run in runs[1:]:
            reading, writing = os.pipe()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the worker (its coverage is not gathered)
                _work(there, run, writing, [reading] + [fd for _, fd in children])
            os.close(writing)
            children.append((pid, reading))
        found: list[list[Any] | None] = [here(runs[0])]
        while children:
            found.append(_gather(*children[0]))
            children.pop(0)
        return found
    finally:
        for pid, reading in children:  # interrupted: the workers are stopped, not left
            with contextlib.suppress(OSError):
                os.close(reading)
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)


def _work(there: Callable[[list[Item]], list[Any]], run: list[Item], writing: int,
          others: list[int]) -> NoReturn:  # fmt: skip
    """In the worker: the run done, its results written, and out, whatever happens (no
    exit handlers, no buffers of the parent's written twice)."""
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        for fd in others:
            os.close(fd)
        data = marshal.dumps(there(run))
        with os.fdopen(writing, "wb") as pipe:
            pipe.write(data)
        code = 0
    finally:
        os._exit(code)


def _gather(pid: int, reading: int) -> list[Any] | None:
    """A worker's results, once it has exited well; None if it did not."""
    with os.fdopen(reading, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0:
        return None
    try:
        found = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None
    return found if type(found) is list else None
