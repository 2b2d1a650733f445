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
# What a pipe holds on Linux: read no more at a time (a larger buffer is allocated whole
# for each read, and a poll after every file would pay for it each time).
_PIPE = 1 << 16


def cpus() -> int:
    """How many CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - no affinity call here
        return os.cpu_count() or 1


def busy() -> bool:
    """Whether the machine has no CPU to spare: over the last minute, on average, as many
    processes ran as it has CPUs, this one (and its child, when it had one) among them.
    (Two processes sharing a CPU with others are slower than one: on a loaded machine the
    child costs more than it saves.)"""
    try:
        return os.getloadavg()[0] >= cpus()
    except OSError:  # pragma: no cover - no load average to read
        return True


def spare_core() -> bool:
    """Whether a forked child could run beside this process (see the module's text)."""
    return (sys.platform.startswith("linux") and threading.active_count() == 1
            and cpus() > 1 and not busy())  # fmt: skip


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
                chunk = os.read(self.reading, _PIPE)
            except BlockingIOError:
                break
            self._buffer += chunk
            if len(chunk) < _PIPE:  # all there was (none: the child is done, or gone)
                break
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
        """Kill the child if it is still there, and reap it (signals held meanwhile, so
        a second Ctrl-C cannot leave it unreaped)."""
        if self.reading >= 0:
            os.close(self.reading)
            self.reading = -1
        if self.pid:
            held = signal.pthread_sigmask(signal.SIG_BLOCK, _signals())
            try:
                with contextlib.suppress(ProcessLookupError):  # already gone
                    os.kill(self.pid, signal.SIGKILL)
                # Reaped by the system already where SIGCHLD is ignored (a parent may
                # start this process so, and exec keeps it).
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(self.pid, 0)
                self.pid = 0
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, held)


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
    # Signals are held across the fork: the child sets the system's defaults before it
    # takes any, and the parent takes one only once the child is in its keeping.
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _signals())
    try:
        pid = os.fork()
    except OSError:  # no memory or processes to spare: the caller works alone
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        os.close(reading)
        os.close(writing)
        yield None
        return
    if pid == 0:  # pragma: no cover - the child (its coverage is not collected)
        _child(work, items, reading, writing, held)
    pending = Pending(pid, reading)
    try:
        os.close(writing)
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        yield pending
    finally:
        pending.stop()


def _signals() -> set[signal.Signals]:
    return {getattr(signal, name) for name in _SIGNALS if hasattr(signal, name)}


def _child(work: Callable[[list[T], Callable[[bytes], None]], None], items: list[T],
           reading: int, writing: int, held: set[signal.Signals]) -> None:  # pragma: no cover
    code = 1  # nothing leaves the child but its exit code: no traceback, no clean-up
    try:
        for number in _signals():
            signal.signal(number, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
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
