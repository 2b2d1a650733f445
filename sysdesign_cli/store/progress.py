"""The whole store at once: open and close it, reset, export and import all progress.

Its parts, one idea each: lessons (`lessons`), answers and review cards (`answers`),
attempts and results (`attempts`), all reading and writing through `rows`; the file
itself is opened and migrated by `file`, its tables and bounds are `schema`, and an
export is checked before import by `import_check`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sysdesign_cli.store.answers import AnswerRows
from sysdesign_cli.store.attempts import AttemptRows
from sysdesign_cli.store.file import SCHEMA_VERSION, StoreError, open_file
from sysdesign_cli.store.lessons import LessonRows
from sysdesign_cli.store.migrations import FILL_INTERVIEW_RESULTS
from sysdesign_cli.store.read_only import open_read_only
from sysdesign_cli.store.rows import insert_sql
from sysdesign_cli.store.schema import COLUMNS, SINCE
from sysdesign_cli.store.schema import timestamp as _ts


class Store(LessonRows, AnswerRows, AttemptRows):
    """Learner progress: lesson positions, answers, review cards and exercise results."""

    @classmethod
    def open(cls, home: Path | None = None) -> Store:
        """Open home/progress.db, creating both if needed and keeping a bad or newer file aside."""
        return cls(*open_file(home))

    @classmethod
    def open_read_only(cls, home: Path | None = None) -> Store:
        """Open home/progress.db to read only (an export from a folder that cannot be written)."""
        return cls(*open_read_only(home))

    def close(self) -> None:
        """Close the file; safe to call twice."""
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # The whole store
    def reset(self) -> None:
        """Remove all progress, in one transaction."""
        with self._write() as conn:
            for table in COLUMNS:
                conn.execute(f"DELETE FROM {table}")

    def export_data(self) -> dict[str, Any]:
        """All progress as a plain JSON-able dict, the shape import_data takes."""
        from sysdesign_cli.store.import_check import EXPORT_FORMAT  # export and import only

        data: dict[str, Any] = {
            "format": EXPORT_FORMAT,
            "schema_version": SCHEMA_VERSION,
            "exported_at": _ts(),
        }
        for table, columns in COLUMNS.items():
            rows = self._rows(f"SELECT {', '.join(columns)} FROM {table} ORDER BY rowid")
            data[table] = [dict(zip(columns, row, strict=True)) for row in rows]
        return data

    @staticmethod
    def check_import(data: Any) -> None:
        """Raise StoreError if `data` is not an export this store can import."""
        from sysdesign_cli.store.import_check import validate_export

        validate_export(data)

    def import_data(self, data: dict[str, Any]) -> None:
        """Replace all progress with an export, in one transaction: a bad one changes nothing."""
        from sysdesign_cli.store.import_check import bad_import, validate_export

        tables = validate_export(data)
        try:
            with self._write() as conn:
                for table in COLUMNS:
                    conn.execute(f"DELETE FROM {table}")
                for table, rows in tables.items():
                    conn.executemany(insert_sql(table), rows)
                if data["schema_version"] < SINCE["interview_results"]:
                    conn.execute(FILL_INTERVIEW_RESULTS)  # from its finished rounds
        except StoreError as exc:
            if isinstance(exc.__cause__, sqlite3.IntegrityError):
                raise bad_import(f"a row breaks a rule of the store ({exc.__cause__})") from exc
            raise

