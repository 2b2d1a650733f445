"""Work shared with a forked copy of this process, on a machine with a core to spare.

`elsewhere(work, items)` starts a child, forked here, that runs `work(items, send)`:
each message it sends is read back, as soon as it is whole, by `Pending.poll()`, which
never waits. So the two can share a list from both ends (the child from the back, the
caller from the front, until they meet): neither waits for the other, and whatever the
child could not do, because it was slow, failed or was never started, the caller does
itself. A child is started only on Linux (fork is cheap there, and safe for a process
that runs no other thread), when this process may run on more than one CPU and runs no
other thread.

The child has everything it needs from the fork. It writes nothing but its end of the
pipe and leaves with `os._exit`: none of the parent's clean-up (its files, terminal or
progress store) runs twice, and its signals are the system's defaults, so a Ctrl-C or a
SIGTERM ends it at once instead of running the parent's handlers. Leaving the `with`
block, however it is left (done, Ctrl-C, an error), kills the child and reaps it.
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
_HEAD = 4  # each message the child sends: its length, then its bytes


def spare_core() -> bool:
    """Whether a forked child could run beside this process (see the module's text)."""
    if not sys.platform.startswith("linux") or threading.active_count() != 1:
        return False
    try:
        return len(os.sched_getaffinity(0)) > 1
    except (AttributeError, OSError):  # pragma: no cover - no affinity call here
        return (os.cpu_count() or 1) > 1


class Pending:
    """A child at work, and the pipe its messages come back through."""

    def __init__(self, pid: int, reading: int) -> None:
        self.pid, self.reading = pid, reading
        self.sent: list[bytes] = []
        self._buffer = bytearray()
        os.set_blocking(reading, False)

    def poll(self) -> list[bytes]:
        """Every message the child has sent so far, without waiting for more."""
        while self.reading >= 0:
            try:
                chunk = os.read(self.reading, 1 << 20)
            except BlockingIOError:
                break
            if not chunk:  # the child is done (or gone)
                break
            self._buffer += chunk
        buffer, start = self._buffer, 0
        while len(buffer) - start >= _HEAD:
            size = int.from_bytes(buffer[start : start + _HEAD], "little")
            if len(buffer) - start - _HEAD < size:
                break
            self.sent.append(bytes(buffer[start + _HEAD : start + _HEAD + size]))
            start += _HEAD + size
        del buffer[:start]
        return self.sent

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
def elsewhere(
    work: Callable[[list[T], Callable[[bytes], None]], None], items: list[T]
) -> Iterator[Pending | None]:
    """`work(items, send)` started in a forked child (see the module's text), each
    message it sends read back by `Pending.poll`; None when there is nothing to share or
    no core to share it with."""
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


def _child(work: Callable[[list[T], Callable[[bytes], None]], None], items: list[T],
           reading: int, writing: int) -> None:  # pragma: no cover - runs in the child
    code = 1  # nothing leaves the child but its exit code: no traceback, no clean-up
    try:
        for name in _SIGNALS:
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), signal.SIG_DFL)
        os.close(reading)

        def send(message: bytes) -> None:
            data = memoryview(len(message).to_bytes(_HEAD, "little") + message)
            while data:
                data = data[os.write(writing, data) :]

        work(items, send)
        code = 0
    except BaseException:
        pass
    finally:
        os._exit(code)
