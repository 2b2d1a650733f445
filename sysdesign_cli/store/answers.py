"""The answers part of the progress store: every graded answer, and the review cards the
scheduler keeps for them."""

from __future__ import annotations

from datetime import datetime

from sysdesign_cli.core.progress_records import TopicStats
from sysdesign_cli.store.rows import RowAccess, checked_row, insert_sql
from sysdesign_cli.store.schema import timestamp as _ts


class AnswerRows(RowAccess):
    """Graded answers and review cards."""

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
        row = checked_row("answers", row)
        with self._write() as conn:
            conn.execute(insert_sql("answers"), row)

    def answers_by_topic(self) -> dict[str, TopicStats]:
        """Answers and correct answers per topic."""
        rows = self._rows("SELECT topic, COUNT(*), SUM(correct) FROM answers GROUP BY topic")
        return {topic: TopicStats(topic, n, ok) for topic, n, ok in rows}

    def first_answers(self) -> tuple[int, int]:
        """How many questions were ever answered, and how many of them right the first time
        (a question asked again, after a miss or as a review, counts once, as first answered)."""
        # SQLite takes bare columns from the row holding MIN(id): each question's first answer.
        rows = self._rows("SELECT correct, MIN(id) FROM answers GROUP BY question_id")
        return len(rows), sum(correct for correct, _ in rows)

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
        row = checked_row("cards", (question_id, card_json, _ts(due), _ts()))
        with self._write() as conn:
            conn.execute(insert_sql("cards", "question_id"), row)

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
