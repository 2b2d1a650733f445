"""The progress file opened to read only: an export where its folder cannot be written."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from sysdesign_cli.core.safe_text import visible_path
from sysdesign_cli.store.file import (
    BUSY_TIMEOUT_S,
    DB_NAME,
    SCHEMA_VERSION,
    SQLITE_HEADER,
    StoreError,
    _bad_values,
    home_dir,
)


def open_read_only(home: Path | None = None) -> tuple[sqlite3.Connection, Path, list[str]]:
    """Open home/progress.db for reading only, for what needs only reads (an export) where
    the folder cannot be written; StoreError if there is no current, readable file."""
    path = (Path(home) if home is not None else home_dir()) / DB_NAME
    shown = visible_path(path)
    try:
        usable = stat.S_ISREG(os.stat(path).st_mode)  # never open a FIFO: it would hang
        if usable:
            with open(path, "rb") as head:
                usable = head.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError as exc:
        raise StoreError(f"Cannot read {shown} ({exc.strerror}).") from exc
    if not usable:
        raise StoreError(f"{shown} is not a progress file sysdesign can read.")
    base = path.absolute().as_uri()
    # mode=ro reads a WAL file whose -shm can be made or read; immutable=1, in a folder
    # nobody can write, reads it without one.
    for query in ("mode=ro", "immutable=1"):
        conn = sqlite3.connect(f"{base}?{query}", uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            bad = _bad_values(conn) if version == SCHEMA_VERSION else ""
        except sqlite3.Error:
            conn.close()
            continue
        if version != SCHEMA_VERSION or bad:
            conn.close()
            raise StoreError(f"{shown} must be brought up to date before it can be read: "
                             "run sysdesign once where its folder can be written.")  # fmt: skip
        return conn, path, []
    raise StoreError(f"Cannot read {shown}; check its permissions.")
