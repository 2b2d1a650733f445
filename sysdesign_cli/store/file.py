"""The progress file: where it lives, opening it, and judging whether it can be used.

A file that is not SQLite (even one byte long), that SQLite finds damaged, that a newer
sysdesign wrote, or that holds values no command could use, is renamed beside itself and
a fresh one started, with one notice saying where the old one is. Its schema and its
steps are in `migrations`, writing beside other processes in `transactions`, the renaming
in `keep_aside`.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from sysdesign_cli.core.safe_text import SHORT, quoted, visible_path
from sysdesign_cli.store.keep_aside import keep_aside
from sysdesign_cli.store.migrations import SCHEMA_VERSION, migrate
from sysdesign_cli.store.schema import COLUMNS, TABLES, sql_bad_column, sql_bad_rows
from sysdesign_cli.store.transactions import BUSY_TIMEOUT_S, is_busy, retry_busy

SQLITE_HEADER = b"SQLite format 3\x00"
DB_NAME = "progress.db"

class StoreError(Exception):
    """A problem with the progress file that the user can fix; the message says how."""


def home_dir() -> Path:
    """The folder holding progress: $SYSDESIGN_HOME if set, else the user data dir."""
    override = os.environ.get("SYSDESIGN_HOME")
    if override and not override.strip():
        # A folder named " " would be made wherever the command runs, and progress seem lost.
        raise StoreError(f"SYSDESIGN_HOME is {quoted(override)}, only spaces; set it to a "
                         "folder you can write, or unset it.")  # fmt: skip
    if override:
        try:
            return Path(override).expanduser()
        except RuntimeError:  # `~nosuchuser/...`
            raise StoreError(
                f"SYSDESIGN_HOME is {quoted(override, SHORT)}, but there is no such user's home; "
                "set it to a folder you can write."
            ) from None
    import platformdirs  # lazy: only commands that touch progress pay for it

    return Path(platformdirs.user_data_dir("sysdesign", appauthor=False))


def _error(exc: sqlite3.Error, path: Path) -> StoreError:
    """Turn an SQLite failure into one sentence naming the problem and the fix."""
    text, shown = str(exc), visible_path(path)
    if "full" in text:
        return StoreError(f"The disk holding {shown} is full; free some space and try again.")
    if is_busy(exc):
        return StoreError(f"{shown} stayed locked by another sysdesign; close it and try again.")
    if "readonly" in text or "unable to open" in text:
        return StoreError(
            f"Cannot write {shown}; make {visible_path(path.parent)} writable "
            "or set SYSDESIGN_HOME to a folder you can write."
        )
    return StoreError(f"Cannot use {shown} ({text}); set SYSDESIGN_HOME to another folder.")


_KEPT_NOTICE = {
    "corrupt": "Your progress file was unreadable; it was kept as {} and a fresh one started.",
    "invalid": "Your progress file held values sysdesign cannot use ({}); it was kept as {} and "
    "a fresh one started.",
    "newer": "Your progress file was written by a newer sysdesign; it was kept as {} and a fresh "
    "one started (upgrade sysdesign and rename it back to use it).",
}


def _bad_values(conn: sqlite3.Connection) -> str:
    """Which table.column holds a value no command could use, or "" when every row is fine."""
    for table in TABLES:
        try:
            sql = f"SELECT rowid FROM {table} WHERE {sql_bad_rows(table)} LIMIT 1"
            row = conn.execute(sql).fetchone()
        except sqlite3.OperationalError as exc:
            if is_busy(exc):
                raise
            return f"its {table} table is not one sysdesign made"
        if row is None:
            continue
        for column in COLUMNS[table]:
            sql = f"SELECT 1 FROM {table} WHERE rowid = ? AND {sql_bad_column(table, column)}"
            if conn.execute(sql, row).fetchone():
                return f"{table}.{column} in row {row[0]}"
    return ""


def _dangling(path: Path) -> bool:
    try:
        return path.is_symlink() and not path.exists()
    except OSError:  # a link that loops: SQLite says so when it opens it
        return False


def open_file(home: Path | None = None) -> tuple[sqlite3.Connection, Path, list[str]]:
    """Open home/progress.db, creating both if needed and keeping a bad or newer file aside;
    the connection, the file's path, and notices for the learner."""
    home = Path(home) if home is not None else home_dir()
    hint = "or set SYSDESIGN_HOME to a folder you can write"
    where = visible_path(home)
    try:
        if home.is_symlink() and not home.exists():
            raise StoreError(f"{where} is a link to {visible_path(os.readlink(home))}, which "
                             f"does not exist; create that folder {hint}.")  # fmt: skip
        if home.exists() and not home.is_dir():
            raise StoreError(f"{where} is a file, not a folder; move it away {hint}.")
        home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"Cannot create {where} ({exc.strerror}); fix its permissions {hint}."
        ) from exc
    if not os.access(home, os.W_OK | os.X_OK):
        raise StoreError(f"Cannot write in the folder {where}; make it writable {hint}.")
    path = home / DB_NAME
    if _dangling(path):
        raise StoreError(f"{visible_path(path)} is a link to {visible_path(os.readlink(path))}, "
                         "which does not exist; restore it, or remove the link to start "
                         "afresh.")  # fmt: skip
    notices: list[str] = []
    while True:
        try:
            conn = _connect(path)
        except sqlite3.Error as exc:
            raise _error(exc, path) from exc
        if isinstance(conn, sqlite3.Connection):
            return conn, path, notices
        kind, detail = conn
        try:
            kept = keep_aside(path, kind)
        except OSError as exc:
            raise StoreError(
                f"{visible_path(path)} is unusable and could not be moved aside ({exc.strerror}); "
                "move it away by hand or set SYSDESIGN_HOME to another folder."
            ) from exc
        if kept:  # else another process moved it while we looked, and told its user
            shown = visible_path(kept)
            said = (detail, shown) if kind == "invalid" else (shown,)
            notices.append(_KEPT_NOTICE[kind].format(*said))


def _connect(path: Path) -> sqlite3.Connection | tuple[str, str]:
    """A checked, ready connection, or why to keep the file aside: ("corrupt", ""),
    ("newer", "") or ("invalid", which column)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        return "corrupt", ""  # a FIFO or a device is no progress file
    if info is not None and info.st_size:
        with open(path, "rb") as head:
            if head.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                # SQLite would take a file shorter than its header for an empty one
                # and write over it: whatever it holds, keep it.
                return "corrupt", ""
        # Judge it read-only: a writer's close would checkpoint into, and delete, the very
        # files we may have to keep untouched.
        uri = f"{path.absolute().as_uri()}?mode=ro"
        probe = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            if probe.execute("PRAGMA user_version").fetchone()[0] > SCHEMA_VERSION:
                return "newer", ""
            if probe.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
                return "corrupt", ""
        except sqlite3.OperationalError:
            pass  # locked, or a hot journal only a writer may roll back: the writer copes
        except sqlite3.DatabaseError:
            return "corrupt", ""
        finally:
            probe.close()
    # isolation_level=None: we issue BEGIN IMMEDIATE ourselves, one short transaction per write.
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        retry_busy(lambda: conn.execute("PRAGMA journal_mode = WAL").fetchone())
        # FULL: a committed step survives power loss too; commits are one per learner action.
        conn.execute("PRAGMA synchronous = FULL")
        migrate(conn)
        bad = _bad_values(conn)
        if bad:
            conn.close()
            return "invalid", bad
        return conn
    except BaseException:
        conn.close()
        raise
