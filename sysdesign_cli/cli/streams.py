"""Output that cannot be written: standard output closed (`>&-`), on a full disk
(`> /dev/full`), or gone. One line on stderr says so and how to fix it, never a traceback;
what the command saved before is kept (every session saves as it goes)."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from typing import NoReturn

# Write errors that mean the output cannot take what is printed. A closed pipe (EPIPE)
# is not one: the reader chose to stop (`| head -1`), and Click ends that quietly.
_OUTPUT_FAILED = {errno.EBADF, errno.ENOSPC, errno.EIO, errno.EFBIG,
                  getattr(errno, "EDQUOT", errno.ENOSPC)}  # fmt: skip


class ClosedOutput(io.TextIOBase):
    """Standard output when the command was started with it closed (Python then has no
    `sys.stdout` at all): a command that prints fails on its first line with EBADF, as a
    write to a closed descriptor does, and one that prints nothing still does its work."""

    encoding = "utf-8"

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def isatty(self) -> bool:
        return False


def stand_in_for_closed() -> None:
    """`sys.stdout` or `sys.stderr` that Python left as None (closed when started) is
    replaced: stdout by ClosedOutput, stderr by a sink (nobody is there to read)."""
    if sys.stdout is None:
        sys.stdout = ClosedOutput()
    if sys.stderr is None:
        sys.stderr = io.StringIO()


def output_failed(error: OSError) -> bool:
    """Whether `error` is standard output failing: a write error with no file named (a
    file the command opens itself is named in its error, and handled where it is opened)."""
    return error.errno in _OUTPUT_FAILED and error.filename is None


def say_output_failed(error: OSError) -> NoReturn:
    """One line on stderr for an output that failed, then exit 1; what is still buffered
    for it is dropped rather than written again at exit (a second traceback)."""
    if error.errno == errno.EBADF:
        said = ("standard output is closed; give the command somewhere to write, "
                "e.g. `> out.txt`")  # fmt: skip
    else:
        reason = error.strerror or os.strerror(error.errno or 0)
        said = (f"could not write the output ({reason}); free some space where it goes, or "
                "send it elsewhere")  # fmt: skip
    try:
        sys.stderr.write(f"Error: {said}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass  # stderr failed too: the exit code says it
    # Closed when started, descriptor 1 may since hold a file the command opened: leave it.
    if sys.__stdout__ is not None:
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.__stdout__.fileno())
    raise SystemExit(1)
