"""How every part of the progress store reads and writes: a row checked as the store
keeps it, the INSERT of a whole row, and the connection's reads and transactions with
SQLite's errors said as a StoreError naming the file."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sysdesign_cli.store.file import _error
from sysdesign_cli.store.schema import COLUMNS, TABLES, check_value
from sysdesign_cli.store.transactions import transaction


def insert_sql(table: str, upsert_key: str = "") -> str:
    """INSERT of a whole row (an id of None takes the next one); an upsert given the key."""
    cols = COLUMNS[table]
    sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    if upsert_key:
        updates = ", ".join(f"{c} = excluded.{c}" for c in cols if c != upsert_key)
        sql += f" ON CONFLICT ({upsert_key}) DO UPDATE SET {updates}"
    return sql


def checked_row(table: str, row: tuple[Any, ...]) -> tuple[Any, ...]:
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


class RowAccess:
    """The open progress file, read and written by each part of the store."""

    def __init__(self, conn: sqlite3.Connection, path: Path, notices: list[str]) -> None:
        self._conn = conn
        self.path = path
        self.notices = notices

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        try:
            with transaction(self._conn) as conn:
                yield conn
        except sqlite3.Error as exc:
            raise _error(exc, self.path) from exc

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise _error(exc, self.path) from exc

