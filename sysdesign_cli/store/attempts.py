"""The attempts part of the progress store: an exercise or interview under way, the
finished ones (the last few kept, for export), and the results they ended with."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from sysdesign_cli.core.progress_records import ExerciseResult
from sysdesign_cli.store.rows import RowAccess, checked_row, insert_sql
from sysdesign_cli.store.schema import timestamp as _ts

KEEP_FINISHED = 20  # finished attempts kept per exercise, for export


class AttemptRows(RowAccess):
    """Attempts under way and finished, and exercise and interview results."""

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
            conn.execute(insert_sql(table), checked_row(table, row))
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
    row = checked_row("attempts", (None, kind, item_id, int(finished), state_json, now, now))
    changed = conn.execute(
        "UPDATE attempts SET state_json = ?, updated_at = ?, finished = ? "
        "WHERE kind = ? AND item_id = ? AND finished = 0",
        (row[4], now, row[3], row[1], row[2]),
    ).rowcount
    if not changed:
        conn.execute(insert_sql("attempts"), row)
