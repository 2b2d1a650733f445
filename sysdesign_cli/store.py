"""The progress store: one small SQLite file under the user data dir, moved by SYSDESIGN_HOME."""

from __future__ import annotations

import os
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

SCHEMA_VERSION = 2
EXPORT_FORMAT = "sysdesign-progress"
DB_NAME = "progress.db"
BUSY_TIMEOUT_S = 10.0
_SIDECARS = ("-wal", "-shm", "-journal")
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
    # An exercise (or interview) under way, saved stage by stage; finished ones are kept.
    2: """
    CREATE TABLE IF NOT EXISTS attempts (id INTEGER PRIMARY KEY, kind TEXT NOT NULL,
        item_id TEXT NOT NULL, finished INTEGER NOT NULL CHECK (finished IN (0, 1)),
        state_json TEXT NOT NULL, started_at TEXT NOT NULL, updated_at TEXT NOT NULL);
    CREATE UNIQUE INDEX IF NOT EXISTS attempts_under_way ON attempts (kind, item_id)
        WHERE finished = 0;
    """,
}
KEEP_FINISHED = 20  # finished attempts kept per exercise, for export

# One description of every table, shared by export and import so the two cannot drift apart.
_TABLES = {
    "lessons": "lesson_id:str next_step:int steps_total:int updated_at:time",
    "answers": "id:int question_id:str topic:str correct:int source:str response:str "
    "hints_used:int lesson_id:str? answered_at:time",
    "cards": "question_id:str card_json:str due:time updated_at:time",
    "exercise_results": "id:int exercise_id:str score:num max_score:num result_json:str "
    "created_at:time",
    "attempts": "id:int kind:str item_id:str finished:int state_json:str started_at:time "
    "updated_at:time",
}
_COLUMNS = {t: dict(c.split(":") for c in spec.split()) for t, spec in _TABLES.items()}
_KINDS: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "str?": (str, type(None)),
    "int": (int,),
    "num": (int, float),
    "time": (str,),
}


class StoreError(Exception):
    """A problem with the progress file that the user can fix; the message says how."""


@dataclass(frozen=True)
class LessonProgress:
    """Where a learner is in one lesson."""

    lesson_id: str
    next_step: int
    steps_total: int
    completed: bool
    updated_at: datetime


@dataclass(frozen=True)
class TopicStats:
    """How many questions on one topic were answered, and how many correctly."""

    topic: str
    answered: int
    correct: int

    @property
    def accuracy(self) -> float:
        """Fraction answered correctly, 0.0 when nothing was answered."""
        return self.correct / self.answered if self.answered else 0.0


@dataclass(frozen=True)
class ExerciseResult:
    """One graded attempt at a design exercise."""

    exercise_id: str
    score: float
    max_score: float
    result_json: str
    created_at: datetime


def home_dir() -> Path:
    """The folder holding progress: $SYSDESIGN_HOME if set, else the user data dir."""
    override = os.environ.get("SYSDESIGN_HOME")
    if override:
        return Path(override).expanduser()
    import platformdirs  # lazy: only commands that touch progress pay for it

    return Path(platformdirs.user_data_dir("sysdesign", appauthor=False))


def _ts(moment: datetime | None = None) -> str:
    """Fixed-width ISO-8601 UTC, so that text order is time order in SQL."""
    moment = datetime.now(timezone.utc) if moment is None else moment
    if moment.tzinfo is None:
        raise ValueError("datetimes given to the store must be timezone-aware")
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


def _insert(table: str, upsert_key: str = "") -> str:
    """INSERT of a whole row (an id of None takes the next one); an upsert given the key."""
    cols = _COLUMNS[table]
    sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    if upsert_key:
        updates = ", ".join(f"{c} = excluded.{c}" for c in cols if c != upsert_key)
        sql += f" ON CONFLICT ({upsert_key}) DO UPDATE SET {updates}"
    return sql


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
    for suffix in _SIDECARS:
        if db.with_name(db.name + suffix).exists():
            _move_no_clobber(db.with_name(db.name + suffix), kept.with_name(kept.name + suffix))
    return kept


_KEPT_NOTICE = {
    "corrupt": "Your progress file was unreadable; it was kept as {} and a fresh one started.",
    "newer": "Your progress file was written by a newer sysdesign; it was kept as {} and a fresh "
    "one started (upgrade sysdesign and rename it back to use it).",
}


class Store:
    """Learner progress: lesson positions, answers, review cards and exercise results."""

    def __init__(self, conn: sqlite3.Connection, path: Path, notices: list[str]) -> None:
        self._conn = conn
        self.path = path
        self.notices = notices

    @classmethod
    def open(cls, home: Path | None = None) -> Store:
        """Open home/progress.db, creating both if needed and keeping a bad or newer file aside."""
        home = Path(home) if home is not None else home_dir()
        hint = "or set SYSDESIGN_HOME to a folder you can write"
        if home.exists() and not home.is_dir():
            raise StoreError(f"{home} is a file, not a folder; move it away {hint}.")
        try:
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
                conn = cls._connect(path)
            except sqlite3.Error as exc:
                raise _error(exc, path) from exc
            if isinstance(conn, sqlite3.Connection):
                return cls(conn, path, notices)
            try:
                kept = _keep_aside(path, conn)
            except OSError as exc:
                raise StoreError(
                    f"{path} is unusable and could not be moved aside ({exc.strerror}); "
                    "move it away by hand or set SYSDESIGN_HOME to another folder."
                ) from exc
            if kept:  # else another process moved it while we looked, and told its user
                notices.append(_KEPT_NOTICE[conn].format(kept))

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection | str:
        """A checked, ready connection, or why to keep the file aside: "corrupt" or "newer"."""
        if path.exists() and path.stat().st_size:
            # Judge it read-only: a writer's close would checkpoint into, and delete, the very
            # files we may have to keep untouched.
            uri = f"{path.absolute().as_uri()}?mode=ro"
            probe = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S)
            try:
                if probe.execute("PRAGMA user_version").fetchone()[0] > SCHEMA_VERSION:
                    return "newer"
                if probe.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
                    return "corrupt"
            except sqlite3.OperationalError:
                pass  # locked, or a hot journal only a writer may roll back: the writer copes
            except sqlite3.DatabaseError:
                return "corrupt"
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
            return conn
        except BaseException:
            conn.close()
            raise

    def close(self) -> None:
        """Close the file; safe to call twice."""
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        try:
            with _transaction(self._conn) as conn:
                yield conn
        except sqlite3.Error as exc:
            raise _error(exc, self.path) from exc

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise _error(exc, self.path) from exc

    # Lessons
    def lesson_position(self, lesson_id: str) -> int:
        """The next step index of a lesson, 0 if never started."""
        rows = self._rows("SELECT next_step FROM lessons WHERE lesson_id = ?", (lesson_id,))
        return rows[0][0] if rows else 0

    def save_lesson_step(self, lesson_id: str, next_step: int, steps_total: int) -> None:
        """Record where the learner goes on; the lesson is done when next_step >= steps_total."""
        if next_step < 0 or steps_total < 0:
            raise ValueError("next_step and steps_total must not be negative")
        with self._write() as conn:
            conn.execute(
                _insert("lessons", "lesson_id"), (lesson_id, next_step, steps_total, _ts())
            )

    def reset_lesson(self, lesson_id: str) -> None:
        """Forget a lesson's position so that it starts from the beginning."""
        with self._write() as conn:
            conn.execute("DELETE FROM lessons WHERE lesson_id = ?", (lesson_id,))

    def lesson_progress(self) -> dict[str, LessonProgress]:
        """Every started lesson, by id."""
        rows = self._rows(f"SELECT {', '.join(_COLUMNS['lessons'])} FROM lessons")
        return {
            lid: LessonProgress(lid, nxt, total, nxt >= total, datetime.fromisoformat(at))
            for lid, nxt, total, at in rows
        }

    def last_lesson(self) -> str | None:
        """The most recently touched unfinished lesson, or None."""
        rows = self._rows(
            "SELECT lesson_id FROM lessons WHERE next_step < steps_total "
            "ORDER BY updated_at DESC, rowid DESC LIMIT 1"
        )
        return rows[0][0] if rows else None

    # Answers
    def record_answer(
        self,
        question_id: str,
        topic: str,
        correct: bool,
        source: str,
        response: str = "",
        hints_used: int = 0,
        lesson_id: str | None = None,
    ) -> None:
        """Record one graded answer, stamped now (UTC)."""
        row = (None, question_id, topic, bool(correct), source, response, hints_used, lesson_id)
        with self._write() as conn:
            conn.execute(_insert("answers"), (*row, _ts()))

    def answers_by_topic(self) -> dict[str, TopicStats]:
        """Answers and correct answers per topic."""
        rows = self._rows("SELECT topic, COUNT(*), SUM(correct) FROM answers GROUP BY topic")
        return {topic: TopicStats(topic, n, ok) for topic, n, ok in rows}

    def answer_count(self) -> int:
        """How many answers were ever recorded."""
        return self._rows("SELECT COUNT(*) FROM answers")[0][0]

    def missed_question_ids(self) -> list[str]:
        """Questions whose most recent answer was wrong, most recently answered first."""
        # SQLite takes bare columns from the row holding MAX(id): each question's latest answer.
        rows = self._rows(
            "SELECT question_id, correct, MAX(id) AS last FROM answers "
            "GROUP BY question_id ORDER BY last DESC"
        )
        return [qid for qid, correct, _ in rows if not correct]

    # Review cards
    def get_card(self, question_id: str) -> str | None:
        """The scheduler's JSON for a question's review card, or None."""
        rows = self._rows("SELECT card_json FROM cards WHERE question_id = ?", (question_id,))
        return rows[0][0] if rows else None

    def put_card(self, question_id: str, card_json: str, due: datetime) -> None:
        """Store or replace a question's review card and when it is next due."""
        with self._write() as conn:
            conn.execute(_insert("cards", "question_id"), (question_id, card_json, _ts(due), _ts()))

    def due_cards(self, now: datetime) -> list[str]:
        """Question ids due at or before now, earliest first."""
        sql = "SELECT question_id FROM cards WHERE due <= ? ORDER BY due, question_id"
        return [qid for (qid,) in self._rows(sql, (_ts(now),))]

    def due_count(self, until: datetime) -> int:
        """How many cards are due at or before until."""
        return self._rows("SELECT COUNT(*) FROM cards WHERE due <= ?", (_ts(until),))[0][0]

    def card_ids(self) -> set[str]:
        """Every question that has a review card."""
        return {qid for (qid,) in self._rows("SELECT question_id FROM cards")}

    # Exercises
    def save_exercise_result(
        self, exercise_id: str, score: float, max_score: float, result_json: str
    ) -> None:
        """Record one graded exercise attempt."""
        if max_score <= 0:
            raise ValueError("max_score must be positive")
        with self._write() as conn:
            conn.execute(
                _insert("exercise_results"),
                (None, exercise_id, float(score), float(max_score), result_json, _ts()),
            )

    def best_exercise_scores(self) -> dict[str, tuple[float, float]]:
        """Per exercise, (score, max_score) of the attempt with the best ratio."""
        best: dict[str, tuple[float, float]] = {}
        sql = "SELECT exercise_id, score, max_score FROM exercise_results ORDER BY id"
        for ex_id, score, top in self._rows(sql):
            if ex_id not in best or score / top > best[ex_id][0] / best[ex_id][1]:
                best[ex_id] = (score, top)
        return best

    def exercise_results(self, exercise_id: str) -> list[ExerciseResult]:
        """Every attempt at one exercise, oldest first."""
        rows = self._rows(
            "SELECT exercise_id, score, max_score, result_json, created_at FROM exercise_results "
            "WHERE exercise_id = ? ORDER BY id",
            (exercise_id,),
        )
        return [ExerciseResult(e, s, m, j, datetime.fromisoformat(at)) for e, s, m, j, at in rows]

    # Attempts: an exercise or interview under way, and the finished ones
    def save_attempt(self, kind: str, item_id: str, state_json: str) -> None:
        """Keep the state of the attempt under way at `item_id` (one per kind and item)."""
        with self._write() as conn:
            _put_attempt(conn, kind, item_id, state_json, finished=False)

    def attempt(self, kind: str, item_id: str) -> str | None:
        """The state of the attempt under way, or None."""
        rows = self._rows("SELECT state_json FROM attempts WHERE kind = ? AND item_id = ? "
                          "AND finished = 0", (kind, item_id))  # fmt: skip
        return rows[0][0] if rows else None

    def attempts_in_progress(self, kind: str) -> dict[str, str]:
        """Every attempt under way of this kind: item id -> state."""
        rows = self._rows("SELECT item_id, state_json FROM attempts WHERE kind = ? AND "
                          "finished = 0 ORDER BY id", (kind,))  # fmt: skip
        return dict(rows)

    def finish_attempt(self, kind: str, item_id: str, state_json: str) -> None:
        """The attempt under way is finished with this state (kept for export; only the
        last KEEP_FINISHED of an item are)."""
        with self._write() as conn:
            _put_attempt(conn, kind, item_id, state_json, finished=True)
            conn.execute(
                "DELETE FROM attempts WHERE kind = ? AND item_id = ? AND finished = 1 AND id NOT "
                "IN (SELECT id FROM attempts WHERE kind = ? AND item_id = ? AND finished = 1 "
                "ORDER BY id DESC LIMIT ?)",
                (kind, item_id, kind, item_id, KEEP_FINISHED),
            )

    def finished_attempt(self, kind: str, item_id: str) -> str | None:
        """The state of the last finished attempt, or None."""
        rows = self._rows("SELECT state_json FROM attempts WHERE kind = ? AND item_id = ? AND "
                          "finished = 1 ORDER BY id DESC LIMIT 1", (kind, item_id))  # fmt: skip
        return rows[0][0] if rows else None

    def drop_attempt(self, kind: str, item_id: str) -> None:
        """Forget the attempt under way (finished ones stay)."""
        with self._write() as conn:
            conn.execute("DELETE FROM attempts WHERE kind = ? AND item_id = ? AND finished = 0",
                         (kind, item_id))  # fmt: skip

    # The whole store
    def reset(self) -> None:
        """Remove all progress, in one transaction."""
        with self._write() as conn:
            for table in _COLUMNS:
                conn.execute(f"DELETE FROM {table}")

    def export_data(self) -> dict[str, Any]:
        """All progress as a plain JSON-able dict, the shape import_data takes."""
        data: dict[str, Any] = {
            "format": EXPORT_FORMAT,
            "schema_version": SCHEMA_VERSION,
            "exported_at": _ts(),
        }
        for table, columns in _COLUMNS.items():
            rows = self._rows(f"SELECT {', '.join(columns)} FROM {table} ORDER BY rowid")
            data[table] = [dict(zip(columns, row, strict=True)) for row in rows]
        return data

    @staticmethod
    def check_import(data: Any) -> None:
        """Raise StoreError if `data` is not an export this store can import."""
        _validate(data)

    def import_data(self, data: dict[str, Any]) -> None:
        """Replace all progress with an export, in one transaction: a bad one changes nothing."""
        tables = _validate(data)
        try:
            with self._write() as conn:
                for table in _COLUMNS:
                    conn.execute(f"DELETE FROM {table}")
                for table, rows in tables.items():
                    conn.executemany(_insert(table), rows)
        except StoreError as exc:
            if isinstance(exc.__cause__, sqlite3.IntegrityError):
                raise _bad_import(f"a row breaks a rule of the store ({exc.__cause__})") from exc
            raise


def _put_attempt(
    conn: sqlite3.Connection, kind: str, item_id: str, state_json: str, finished: bool
) -> None:
    """Write the state into the attempt under way (finishing it, if asked), or start one."""
    now = _ts()
    changed = conn.execute(
        "UPDATE attempts SET state_json = ?, updated_at = ?, finished = ? "
        "WHERE kind = ? AND item_id = ? AND finished = 0",
        (state_json, now, int(finished), kind, item_id),
    ).rowcount
    if not changed:
        row = (None, kind, item_id, int(finished), state_json, now, now)
        conn.execute(_insert("attempts"), row)


def _bad_import(what: str) -> StoreError:
    return StoreError(f"Cannot import progress: {what}; use a file written by sysdesign's export.")


def _validate(data: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Check an export's shape and version; return each table's rows as tuples, in column order."""
    if not isinstance(data, dict):
        raise _bad_import("the data is not a JSON object")
    if data.get("format") != EXPORT_FORMAT:
        raise _bad_import(f"its format is {data.get('format')!r}, not {EXPORT_FORMAT!r}")
    version = data.get("schema_version")
    if type(version) is int and version > SCHEMA_VERSION:
        raise StoreError(
            f"Cannot import progress: a newer sysdesign wrote it (schema {version}); "
            "upgrade sysdesign, then import it again."
        )
    if type(version) is not int or version != SCHEMA_VERSION:
        raise _bad_import(f"its schema_version is {version!r}, expected {SCHEMA_VERSION}")
    unknown = set(data) - set(_COLUMNS) - {"format", "schema_version", "exported_at"}
    if unknown:
        raise _bad_import(f"it has unknown keys {sorted(unknown)}")
    tables: dict[str, list[tuple[Any, ...]]] = {}
    for table, columns in _COLUMNS.items():
        rows = data.get(table)
        if not isinstance(rows, list):
            raise _bad_import(f"it has no {table!r} list")
        tables[table] = []
        for i, row in enumerate(rows):
            if not isinstance(row, dict) or set(row) != set(columns):
                got = sorted(row) if isinstance(row, dict) else type(row).__name__
                raise _bad_import(f"{table}[{i}] should have the keys {list(columns)}, not {got}")
            values = []
            for column, kind in columns.items():
                value, where = row[column], f"{table}[{i}].{column}"
                if not isinstance(value, _KINDS[kind]):
                    raise _bad_import(f"{where} is a {type(value).__name__}, not {kind}")
                if kind == "time":
                    try:
                        value = _ts(datetime.fromisoformat(value))
                    except ValueError:
                        raise _bad_import(f"{where} is not an ISO-8601 time: {value!r}") from None
                values.append(value)
            tables[table].append(tuple(values))
    return tables
