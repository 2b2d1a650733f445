"""Checking a progress export, whole and against bounds, before it replaces anything."""

from __future__ import annotations

from typing import Any

from sysdesign_cli.store.file import SCHEMA_VERSION, StoreError
from sysdesign_cli.store.schema import KEYS, SINCE, TABLES, check_value

EXPORT_FORMAT = "sysdesign-progress"
MAX_IMPORT_ROWS = 1_000_000


def bad_import(what: str) -> StoreError:
    """An import refused: what is wrong, and what file to use instead."""
    return StoreError(f"Cannot import progress: {what}; use a file written by sysdesign's export.")


def _short(value: Any) -> str:
    """A value as it may be quoted in a message: never more than 40 characters of it."""
    try:
        text = repr(value)
    except ValueError:  # an integer too long to print
        return "a number too long to print"
    return text if len(text) <= 40 else text[:40] + "..."


def validate_export(data: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Check a whole export against the schema, bounds included, before anything is written;
    return each table's rows as tuples in column order, times normalised, text made safe."""
    if not isinstance(data, dict):
        raise bad_import("the data is not a JSON object")
    if data.get("format") != EXPORT_FORMAT:
        raise bad_import(f"its format is {_short(data.get('format'))}, not {EXPORT_FORMAT!r}")
    version = data.get("schema_version")
    if type(version) is int and version > SCHEMA_VERSION:
        raise StoreError(
            f"Cannot import progress: a newer sysdesign wrote it (schema {_short(version)}); "
            "upgrade sysdesign, then import it again."
        )
    if type(version) is not int or not 1 <= version <= SCHEMA_VERSION:
        raise bad_import(f"its schema_version is {_short(version)}, expected {SCHEMA_VERSION}")
    unknown = set(data) - set(TABLES) - {"format", "schema_version", "exported_at"}
    if unknown:
        raise bad_import(f"it has unknown keys {_short(sorted(map(str, unknown)))}")
    tables: dict[str, list[tuple[Any, ...]]] = {}
    for table, columns in TABLES.items():
        rows = data.get(table)
        if rows is None and version < SINCE.get(table, 1):
            rows = []
        if not isinstance(rows, list):
            raise bad_import(f"it has no {table!r} list")
        if len(rows) > MAX_IMPORT_ROWS:
            raise bad_import(f"its {table!r} list has over {MAX_IMPORT_ROWS:,} rows")
        names = [c.name for c in columns]
        if version == 1 and table == "lessons":
            names.remove("completed_at")  # schema 1 had no such column
        tables[table] = []
        keys: set[Any] = set()
        for i, row in enumerate(rows):
            if not isinstance(row, dict) or set(row) != set(names):
                got = sorted(map(str, row)) if isinstance(row, dict) else type(row).__name__
                raise bad_import(f"{table}[{i}] should have the keys {names}, not {_short(got)}")
            if version == 1 and table == "lessons":
                done = (
                    row["next_step"] >= row["steps_total"]
                    if all(type(row[k]) is int for k in ("next_step", "steps_total"))
                    else False
                )
                row = {**row, "completed_at": row["updated_at"] if done else None}
            values = []
            for column in columns:
                try:
                    values.append(check_value(column, row[column.name]))
                except ValueError as error:
                    raise bad_import(f"{table}[{i}].{column.name} {error}") from None
            key = row[KEYS[table]]
            if key in keys:
                raise bad_import(f"{table}[{i}].{KEYS[table]} {_short(key)} appears twice")
            keys.add(key)
            tables[table].append(tuple(values))
    return tables
