"""Reading a file someone else may have made: regular files only, never more than a cap.

A FIFO would hang the read, `/dev/zero` would fill memory, and a huge file would take
minutes: each is refused with a sentence saying what the file is and what was expected.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class FileRefused(Exception):
    """A file that is not read; the message says why, without the path (callers add it).

    `unreadable`: the system refused to open or read it (the message is the reason alone);
    otherwise it is a file of the wrong kind or size (the message is a predicate).
    """

    def __init__(self, message: str, unreadable: bool = False) -> None:
        super().__init__(message)
        self.unreadable = unreadable

    def sentence(self, name: str) -> str:
        """`cannot read NAME: reason`, or `NAME is a FIFO...`."""
        return f"cannot read {name}: {self}" if self.unreadable else f"{name} {self}"


def _what(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def os_reason(error: OSError) -> str:
    """A short reason for a failed file operation, without the traceback's noise."""
    if error.errno == errno.ENAMETOOLONG:
        return "a name in the path is too long"
    if error.errno == errno.ELOOP:
        return "it is a symbolic link that loops"
    return error.strerror or str(error)


_STEP = 1 << 16  # bytes a read asks for, past the size the file had when it was opened


def read_capped(path: Path, cap: int) -> bytes:
    """The bytes of the regular file at `path` (links followed), at most `cap` of them.

    Opened without blocking so a FIFO cannot hang the open, and checked to be a regular
    file before anything is read; a file over the cap is refused, not cut short.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        raise FileRefused(os_reason(error), unreadable=True) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(f"is {_what(info.st_mode)}; only regular files are read")
        if info.st_size > cap:
            raise FileRefused(f"is {info.st_size:,} bytes; the limit is {cap:,}")
        # A read of the size the file has, and a byte more, then one of a byte to see its
        # end (a read asks for a buffer of the size asked, and a large one is mapped and
        # unmapped for each read): a file that grew meanwhile is read on in small steps,
        # one read short (a network file system, a signal) read on, and all of it capped.
        want = min(info.st_size + 1, cap + 1)
        chunks = []
        size = 0
        while size <= cap:
            chunk = os.read(fd, want)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            want = 1 if len(chunk) < want else min(_STEP, cap + 1 - size)
        if size > cap:
            raise FileRefused(f"is over {cap:,} bytes, the limit")
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    except OSError as error:
        raise FileRefused(os_reason(error), unreadable=True) from None
    finally:
        os.close(fd)
