"""The lessons part of the progress store: where the learner is in each lesson."""

from __future__ import annotations

from datetime import datetime

from sysdesign_cli.core.progress_records import LessonProgress
from sysdesign_cli.store.rows import RowAccess, checked_row
from sysdesign_cli.store.schema import timestamp as _ts


class LessonRows(RowAccess):
    """Lesson positions, and the answers given inside a lesson."""

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
        row = checked_row("lessons", (lesson_id, next_step, steps_total, now, done))
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
