"""The progress file: where it lives, opening it, its schema, and keeping a bad one aside.

A file that is not SQLite (even one byte long), that SQLite finds damaged, that a newer
sysdesign wrote, or that holds values no command could use, is renamed beside itself and
a fresh one started, with one notice saying where the old one is.
"""

from __future__ import annotations

import os
import random
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import TypeVar

from sysdesign_cli.store.schema import COLUMNS, TABLES, sql_bad_column, sql_bad_rows

SCHEMA_VERSION = 4
SQLITE_HEADER = b"SQLite format 3\x00"
DB_NAME = "progress.db"
BUSY_TIMEOUT_S = 10.0
SIDECARS = ("-wal", "-shm", "-journal")
_T = TypeVar("_T")

# _MIGRATIONS[n] takes the file from user_version n-1 to n.
_MIGRATIONS = {
    1: """
    CREATE TABLE IF NOT EXISTS lessons (lesson_id TEXT PRIMARY KEY,
        next_step INTEGER NOT NULL CHECK (next_step >= 0),
        steps_total INTEGER NOT NULL CHECK (steps_total >= 0), updated_at TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS answers (id INTEGER PRIMARY KEY, question_id TEXT NOT NULL,
        topic TEXT NOT NULL, correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
        source TEXT NOT NULL, response TEXT NOT NULL, hints_used INTEGER NOT NULL,
        lesson_id TEXT, answered_at TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS answers_by_question ON answers (question_id, id);
    CREATE TABLE IF NOT EXISTS cards (question_id TEXT PRIMARY KEY, card_json TEXT NOT NULL,
        due TEXT NOT NULL, updated_at TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS cards_by_due ON cards (due);
    CREATE TABLE IF NOT EXISTS exercise_results (id INTEGER PRIMARY KEY,
        exercise_id TEXT NOT NULL, score REAL NOT NULL,
        max_score REAL NOT NULL CHECK (max_score > 0), result_json TEXT NOT NULL,
        created_at TEXT NOT NULL);
    """,
    # A lesson once finished stays finished while the learner goes through it again.
    2: """
    ALTER TABLE lessons ADD COLUMN completed_at TEXT;
    UPDATE lessons SET completed_at = updated_at WHERE next_step >= steps_total;
    """,
    # An exercise (or interview) under way, saved stage by stage; finished ones are kept.
    3: """
    CREATE TABLE IF NOT EXISTS attempts (id INTEGER PRIMARY KEY, kind TEXT NOT NULL,
        item_id TEXT NOT NULL, finished INTEGER NOT NULL CHECK (finished IN (0, 1)),
        state_json TEXT NOT NULL, started_at TEXT NOT NULL, updated_at TEXT NOT NULL);
    CREATE UNIQUE INDEX IF NOT EXISTS attempts_under_way ON attempts (kind, item_id)
        WHERE finished = 0;
    """,
    # Every finished mock interview's result, kept for good: the finished attempts are only
    # the last few of each scenario, and a best score must never drop out with them.
    4: """
    CREATE TABLE IF NOT EXISTS interview_results (id INTEGER PRIMARY KEY,
        interview_id TEXT NOT NULL, score REAL NOT NULL,
        max_score REAL NOT NULL CHECK (max_score > 0), result_json TEXT NOT NULL,
        created_at TEXT NOT NULL);
    """,
}
# The results of the finished interview rounds kept as attempts, for a file (or an export)
# from before interview_results: each round whose score reads as the table needs it.
FILL_INTERVIEW_RESULTS = """
    INSERT INTO interview_results (interview_id, score, max_score, result_json, created_at)
    SELECT item_id, json_extract(state_json, '$.score'), json_extract(state_json, '$.max_score'),
        state_json, updated_at FROM attempts
    WHERE kind = 'interview' AND finished = 1 AND json_valid(state_json)
        AND typeof(json_extract(state_json, '$.score')) IN ('integer', 'real')
        AND typeof(json_extract(state_json, '$.max_score')) IN ('integer', 'real')
        AND json_extract(state_json, '$.score') BETWEEN 0 AND 1e6
        AND json_extract(state_json, '$.max_score') > 0
        AND json_extract(state_json, '$.max_score') <= 1e6
    ORDER BY id
"""
_MIGRATIONS[4] += FILL_INTERVIEW_RESULTS


class StoreError(Exception):
    """A problem with the progress file that the user can fix; the message says how."""


def home_dir() -> Path:
    """The folder holding progress: $SYSDESIGN_HOME if set, else the user data dir."""
    override = os.environ.get("SYSDESIGN_HOME")
    if override:
        try:
            return Path(override).expanduser()
        except RuntimeError:  # `~nosuchuser/...`
            raise StoreError(
                f"SYSDESIGN_HOME is {override!r}, but there is no such user's home; "
                "set it to a folder you can write."
            ) from None
    import platformdirs  # lazy: only commands that touch progress pay for it

    return Path(platformdirs.user_data_dir("sysdesign", appauthor=False))


def _is_busy(exc: sqlite3.Error) -> bool:
    text = str(exc)
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def _retry_busy(action: Callable[[], _T]) -> _T:
    """Retry where SQLite answers SQLITE_BUSY at once instead of waiting (WAL switch, BEGIN)."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            return action()
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or time.monotonic() > deadline:
                raise
            time.sleep(random.uniform(0.005, 0.05))


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One short write transaction, rolled back on any error or Ctrl-C."""
    _retry_busy(lambda: conn.execute("BEGIN IMMEDIATE"))
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        conn.rollback()
        raise


def _error(exc: sqlite3.Error, path: Path) -> StoreError:
    """Turn an SQLite failure into one sentence naming the problem and the fix."""
    text = str(exc)
    if "full" in text:
        return StoreError(f"The disk holding {path} is full; free some space and try again.")
    if _is_busy(exc):
        return StoreError(f"{path} stayed locked by another sysdesign; close it and try again.")
    if "readonly" in text or "unable to open" in text:
        return StoreError(
            f"Cannot write {path}; make {path.parent} writable "
            "or set SYSDESIGN_HOME to a folder you can write."
        )
    return StoreError(f"Cannot use {path} ({text}); set SYSDESIGN_HOME to another folder.")


def _move_no_clobber(src: Path, dst: Path) -> None:
    """Rename src to dst, failing rather than replacing dst (POSIX rename replaces silently)."""
    try:
        os.link(src, dst)
    except (FileExistsError, FileNotFoundError):
        raise
    except OSError:  # no hard links here; Windows' rename refuses to replace by itself
        if dst.exists():
            raise FileExistsError(dst) from None
        os.rename(src, dst)
    else:
        os.unlink(src)


def _keep_aside(db: Path, kind: str) -> Path | None:
    """Rename db and its sidecars to db.<kind>-<stamp>; None if another process already did."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    n = 1
    while True:
        kept = db.with_name(f"{db.name}.{kind}-{stamp}" + (f"-{n}" if n > 1 else ""))
        try:
            _move_no_clobber(db, kept)
            break
        except FileExistsError:
            n += 1
        except FileNotFoundError:
            return None
    for suffix in SIDECARS:
        if db.with_name(db.name + suffix).exists():
            _move_no_clobber(db.with_name(db.name + suffix), kept.with_name(kept.name + suffix))
    return kept


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
            if _is_busy(exc):
                raise
            return f"its {table} table is not one sysdesign made"
        if row is None:
            continue
        for column in COLUMNS[table]:
            sql = f"SELECT 1 FROM {table} WHERE rowid = ? AND {sql_bad_column(table, column)}"
            if conn.execute(sql, row).fetchone():
                return f"{table}.{column} in row {row[0]}"
    return ""


def open_file(home: Path | None = None) -> tuple[sqlite3.Connection, Path, list[str]]:
    """Open home/progress.db, creating both if needed and keeping a bad or newer file aside;
    the connection, the file's path, and notices for the learner."""
    home = Path(home) if home is not None else home_dir()
    hint = "or set SYSDESIGN_HOME to a folder you can write"
    try:
        if home.exists() and not home.is_dir():
            raise StoreError(f"{home} is a file, not a folder; move it away {hint}.")
        home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"Cannot create {home} ({exc.strerror}); fix its permissions {hint}."
        ) from exc
    if not os.access(home, os.W_OK | os.X_OK):
        raise StoreError(f"Cannot write in the folder {home}; make it writable {hint}.")
    path = home / DB_NAME
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
            kept = _keep_aside(path, kind)
        except OSError as exc:
            raise StoreError(
                f"{path} is unusable and could not be moved aside ({exc.strerror}); "
                "move it away by hand or set SYSDESIGN_HOME to another folder."
            ) from exc
        if kept:  # else another process moved it while we looked, and told its user
            said = (detail, kept) if kind == "invalid" else (kept,)
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
        _retry_busy(lambda: conn.execute("PRAGMA journal_mode = WAL").fetchone())
        # FULL: a committed step survives power loss too; commits are one per learner action.
        conn.execute("PRAGMA synchronous = FULL")
        if conn.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
            with _transaction(conn):
                # Re-read under the lock: another process may have just created the schema.
                current = conn.execute("PRAGMA user_version").fetchone()[0]
                for version in range(current + 1, SCHEMA_VERSION + 1):
                    for statement in _MIGRATIONS[version].split(";"):
                        conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {max(current, SCHEMA_VERSION)}")
        bad = _bad_values(conn)
        if bad:
            conn.close()
            return "invalid", bad
        return conn
    except BaseException:
        conn.close()
        raise
