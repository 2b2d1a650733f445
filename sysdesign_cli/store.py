"""The progress store: one small SQLite file under the user data dir, moved by SYSDESIGN_HOME."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sysdesign_cli.progress_schema import COLUMNS, SINCE, TABLES, check_value
from sysdesign_cli.progress_schema import timestamp as _ts
from sysdesign_cli.store_file import (  # noqa: F401  (home_dir and DB_NAME: the store's API)
    DB_NAME,
    FILL_INTERVIEW_RESULTS,
    SCHEMA_VERSION,
    StoreError,
    _error,
    _transaction,
    home_dir,
    open_file,
)

_COLUMNS = COLUMNS  # one description of every table (progress_schema), for export and import
KEEP_FINISHED = 20  # finished attempts kept per exercise, for export


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


def _insert(table: str, upsert_key: str = "") -> str:
    """INSERT of a whole row (an id of None takes the next one); an upsert given the key."""
    cols = _COLUMNS[table]
    sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    if upsert_key:
        updates = ", ".join(f"{c} = excluded.{c}" for c in cols if c != upsert_key)
        sql += f" ON CONFLICT ({upsert_key}) DO UPDATE SET {updates}"
    return sql


def _checked(table: str, row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A row as the store keeps it: a value the store would refuse to read back is refused
    now (ValueError), and text is made safe to print."""
    values = []
    for column, value in zip(TABLES[table], row, strict=True):
        if value is None and column.name == "id":
            values.append(None)  # the next id
            continue
        try:
            values.append(check_value(column, value))
        except ValueError as error:
            raise ValueError(f"{table}.{column.name} {error}") from None
    return tuple(values)


class Store:
    """Learner progress: lesson positions, answers, review cards and exercise results."""

    def __init__(self, conn: sqlite3.Connection, path: Path, notices: list[str]) -> None:
        self._conn = conn
        self.path = path
        self.notices = notices

    @classmethod
    def open(cls, home: Path | None = None) -> Store:
        """Open home/progress.db, creating both if needed and keeping a bad or newer file aside."""
        return cls(*open_file(home))

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
        """Record where the learner goes on; the lesson is done when next_step >= steps_total,
        and stays done when it is gone through again."""
        if next_step < 0 or steps_total < 0:
            raise ValueError("next_step and steps_total must not be negative")
        now = _ts()
        done = now if next_step >= steps_total else None
        row = _checked("lessons", (lesson_id, next_step, steps_total, now, done))
        with self._write() as conn:
            conn.execute(
                "INSERT INTO lessons (lesson_id, next_step, steps_total, updated_at, completed_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (lesson_id) DO UPDATE SET "
                "next_step = excluded.next_step, steps_total = excluded.steps_total, "
                "updated_at = excluded.updated_at, "
                "completed_at = coalesce(lessons.completed_at, excluded.completed_at)",
                row,
            )

    def reset_lesson(self, lesson_id: str) -> None:
        """Start a lesson again from its first step; a lesson once finished stays finished."""
        with self._write() as conn:
            conn.execute(
                "DELETE FROM lessons WHERE lesson_id = ? AND completed_at IS NULL", (lesson_id,)
            )
            conn.execute(
                "UPDATE lessons SET next_step = 0, updated_at = ? WHERE lesson_id = ?",
                (_ts(), lesson_id),
            )

    def lesson_progress(self) -> dict[str, LessonProgress]:
        """Every started lesson, by id."""
        rows = self._rows(
            "SELECT lesson_id, next_step, steps_total, updated_at, completed_at FROM lessons"
        )
        return {
            lid: LessonProgress(
                lid, nxt, total, done is not None or nxt >= total, datetime.fromisoformat(at)
            )  # fmt: skip
            for lid, nxt, total, at, done in rows
        }

    def last_lesson(self) -> str | None:
        """The most recently touched lesson that was never finished, or None."""
        rows = self._rows(
            "SELECT lesson_id FROM lessons WHERE next_step < steps_total AND completed_at IS NULL "
            "ORDER BY updated_at DESC, rowid DESC LIMIT 1"
        )
        return rows[0][0] if rows else None

    def lesson_answers(self, lesson_id: str) -> dict[str, bool]:
        """Per question, whether its latest answer in this lesson was right first time."""
        rows = self._rows(
            "SELECT question_id, correct, MAX(id) FROM answers "
            "WHERE lesson_id = ? AND source = 'learn' GROUP BY question_id",
            (lesson_id,),
        )
        return {qid: bool(correct) for qid, correct, _ in rows}

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
        row = (None, question_id, topic, int(bool(correct)), source, response, hints_used,
               lesson_id, _ts())  # fmt: skip
        row = _checked("answers", row)
        with self._write() as conn:
            conn.execute(_insert("answers"), row)

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
        row = _checked("cards", (question_id, card_json, _ts(due), _ts()))
        with self._write() as conn:
            conn.execute(_insert("cards", "question_id"), row)

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
        self._save_result("exercise_results", exercise_id, score, max_score, result_json)

    def _save_result(self, table: str, item_id: str, score: float, max_score: float,
                     result_json: str, finish: str | None = None) -> None:  # fmt: skip
        """A result row; with `finish` (an attempt kind), that attempt finished with it,
        in the same transaction."""
        if max_score <= 0:
            raise ValueError("max_score must be positive")
        row = (None, item_id, float(score), float(max_score), result_json, _ts())
        with self._write() as conn:
            conn.execute(_insert(table), _checked(table, row))
            if finish is not None:
                _finish(conn, finish, item_id, result_json)

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

    # Mock interviews: every finished round's result
    def finish_interview(
        self, interview_id: str, score: float, max_score: float, result_json: str
    ) -> None:
        """Record one finished mock interview round, and finish its attempt with it."""
        self._save_result("interview_results", interview_id, score, max_score, result_json,
                          finish="interview")  # fmt: skip

    def interview_results(self) -> list[tuple[str, str]]:
        """(scenario id, result) of every finished round, oldest first."""
        return [(item, data) for item, data in self._rows(
            "SELECT interview_id, result_json FROM interview_results ORDER BY id")]  # fmt: skip

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
            _finish(conn, kind, item_id, state_json)

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
        from sysdesign_cli.progress_import import EXPORT_FORMAT  # export and import only

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
        from sysdesign_cli.progress_import import validate_export

        validate_export(data)

    def import_data(self, data: dict[str, Any]) -> None:
        """Replace all progress with an export, in one transaction: a bad one changes nothing."""
        from sysdesign_cli.progress_import import bad_import, validate_export

        tables = validate_export(data)
        try:
            with self._write() as conn:
                for table in _COLUMNS:
                    conn.execute(f"DELETE FROM {table}")
                for table, rows in tables.items():
                    conn.executemany(_insert(table), rows)
                if data["schema_version"] < SINCE["interview_results"]:
                    conn.execute(FILL_INTERVIEW_RESULTS)  # from its finished rounds
        except StoreError as exc:
            if isinstance(exc.__cause__, sqlite3.IntegrityError):
                raise bad_import(f"a row breaks a rule of the store ({exc.__cause__})") from exc
            raise


def _finish(conn: sqlite3.Connection, kind: str, item_id: str, state_json: str) -> None:
    """The attempt under way finished with this state; only the last KEEP_FINISHED kept."""
    _put_attempt(conn, kind, item_id, state_json, finished=True)
    conn.execute(
        "DELETE FROM attempts WHERE kind = ? AND item_id = ? AND finished = 1 AND id NOT "
        "IN (SELECT id FROM attempts WHERE kind = ? AND item_id = ? AND finished = 1 "
        "ORDER BY id DESC LIMIT ?)",
        (kind, item_id, kind, item_id, KEEP_FINISHED),
    )


def _put_attempt(
    conn: sqlite3.Connection, kind: str, item_id: str, state_json: str, finished: bool
) -> None:
    """Write the state into the attempt under way (finishing it, if asked), or start one."""
    now = _ts()
    row = _checked("attempts", (None, kind, item_id, int(finished), state_json, now, now))
    changed = conn.execute(
        "UPDATE attempts SET state_json = ?, updated_at = ?, finished = ? "
        "WHERE kind = ? AND item_id = ? AND finished = 0",
        (row[4], now, row[3], row[1], row[2]),
    ).rowcount
    if not changed:
        conn.execute(_insert("attempts"), row)
