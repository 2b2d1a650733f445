"""Work shared with a forked copy of this process, on a machine with a core to spare.

`elsewhere(work, items)` starts a child, forked here, that runs `work(items)` and sends
back the bytes it returns; `Pending.take()` waits for them, or gives None when the child
could not send them (then the caller does the work itself, as it does when no child is
started). A child is started only on Linux (fork is cheap there, and safe for a process
that runs no other thread), when this process may run on more than one CPU and runs no
other thread.

The child has everything it needs from the fork. It writes nothing but its end of the
pipe and leaves with `os._exit`: none of the parent's clean-up (its files, terminal or
progress store) runs twice, and its signals are the system's defaults, so a Ctrl-C or a
SIGTERM ends it at once instead of running the parent's handlers. Leaving the `with`
block any other way than through `take` (Ctrl-C, an error) kills the child and reaps it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT")


def spare_core() -> bool:
    """Whether a forked child could run beside this process (see the module's text)."""
    if not sys.platform.startswith("linux") or threading.active_count() != 1:
        return False
    try:
        return len(os.sched_getaffinity(0)) > 1
    except (AttributeError, OSError):  # pragma: no cover - no affinity call here
        return (os.cpu_count() or 1) > 1


class Pending:
    """A child at work, and the pipe its bytes come back through."""

    def __init__(self, pid: int, reading: int) -> None:
        self.pid, self.reading = pid, reading

    def take(self) -> bytes | None:
        """The bytes the child sent, once it has exited well; None if it did not."""
        chunks = []
        with os.fdopen(self.reading, "rb") as pipe:
            self.reading = -1
            while chunk := pipe.read(1 << 20):
                chunks.append(chunk)
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        return b"".join(chunks) if os.waitstatus_to_exitcode(status) == 0 else None

    def stop(self) -> None:
        """Kill the child if it is still there, and reap it."""
        if self.reading >= 0:
            os.close(self.reading)
            self.reading = -1
        if self.pid:
            with contextlib.suppress(ProcessLookupError):  # already gone
                os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pid = 0


@contextmanager
def elsewhere(work: Callable[[list[T]], bytes], items: list[T]) -> Iterator[Pending | None]:
    """`work(items)` started in a forked child (see the module's text); None when there
    is nothing to share or no core to share it with."""
    if not items or not spare_core():
        yield None
        return
    reading, writing = os.pipe()
    try:
        pid = os.fork()
    except OSError:  # no memory or processes to spare: the caller works alone
        os.close(reading)
        os.close(writing)
        yield None
        return
    if pid == 0:  # pragma: no cover - the child (its coverage is not collected)
        _child(work, items, reading, writing)
    os.close(writing)
    pending = Pending(pid, reading)
    try:
        yield pending
    finally:
        pending.stop()


def _child(
    work: Callable[[list[T]], bytes], items: list[T], reading: int, writing: int
) -> None:  # pragma: no cover - runs in the child
    code = 1  # nothing leaves the child but its exit code: no traceback, no clean-up
    try:
        for name in _SIGNALS:
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), signal.SIG_DFL)
        os.close(reading)
        data = memoryview(work(items))
        while data:
            data = data[os.write(writing, data) :]
        code = 0
    except BaseException:
        pass
    finally:
        os._exit(code)
