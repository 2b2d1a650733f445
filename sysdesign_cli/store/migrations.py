"""The progress file's schema, version by version: each step from one `user_version` to the
next, run in one transaction when a file older than this sysdesign is opened."""

from __future__ import annotations

import sqlite3

from sysdesign_cli.store.transactions import transaction

SCHEMA_VERSION = 4

# MIGRATIONS[n] takes the file from user_version n-1 to n.
MIGRATIONS = {
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
MIGRATIONS[4] += FILL_INTERVIEW_RESULTS



def migrate(conn: sqlite3.Connection) -> None:
    """Bring the file on `conn` to SCHEMA_VERSION (a file already there is left alone)."""
    if conn.execute("PRAGMA user_version").fetchone()[0] >= SCHEMA_VERSION:
        return
    with transaction(conn):
        # Re-read under the lock: another process may have just created the schema.
        current = conn.execute("PRAGMA user_version").fetchone()[0]
        for version in range(current + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[version].split(";"):
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {max(current, SCHEMA_VERSION)}")
