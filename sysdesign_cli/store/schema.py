"""What a row of progress may hold, with bounds: one description, two checkers.

An imported file is checked value by value in Python before anything is written; a
progress file on disk is checked by SQL generated from the same description when it is
opened, so a value no command could read (text in a number column, a date that is not
one, a card the scheduler cannot use) is found before any command trips on it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sysdesign_cli.core.safe_text import visible

_BIG = 2**63 - 1  # SQLite's largest integer
FIRST_YEAR, LAST_YEAR = 1970, 2999
TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%f+00:00"  # fixed width, so text order is time order


@dataclass(frozen=True)
class Column:
    """One column: its kind (text, int, num, time, card, json) and what it may hold."""

    name: str
    kind: str
    low: float = 0
    high: float = 0
    shortest: int = 1
    longest: int = 200
    null: bool = False
    any_text: bool = False  # what a learner typed: control characters are kept, escaped


def _c(name: str, kind: str, **bounds: Any) -> Column:
    return Column(name, kind, **bounds)


def _results(item: str) -> tuple[Column, ...]:
    """A table of graded results (an exercise's, a mock interview's), one row an attempt."""
    return (
        _c("id", "int", low=1, high=_BIG),
        _c(item, "text"),
        _c("score", "num", high=1e6),
        _c("max_score", "num", low=1e-9, high=1e6),
        _c("result_json", "json", longest=1_000_000),
        _c("created_at", "time"),
    )


TABLES: dict[str, tuple[Column, ...]] = {
    "lessons": (
        _c("lesson_id", "text"),
        _c("next_step", "int", high=2**31 - 1),
        _c("steps_total", "int", high=2**31 - 1),
        _c("updated_at", "time"),
        _c("completed_at", "time", null=True),
    ),
    "answers": (
        _c("id", "int", low=1, high=_BIG),
        _c("question_id", "text"),
        _c("topic", "text"),
        _c("correct", "int", high=1),
        _c("source", "text", longest=40),
        _c("response", "text", shortest=0, longest=10_000, any_text=True),
        _c("hints_used", "int", high=1000),
        _c("lesson_id", "text", null=True),
        _c("answered_at", "time"),
    ),
    "cards": (
        _c("question_id", "text"),
        _c("card_json", "card", longest=10_000),
        _c("due", "time"),
        _c("updated_at", "time"),
    ),
    "exercise_results": _results("exercise_id"),
    "interview_results": _results("interview_id"),
    "attempts": (
        _c("id", "int", low=1, high=_BIG),
        _c("kind", "text", longest=40),
        _c("item_id", "text"),
        _c("finished", "int", high=1),
        _c("state_json", "json", longest=1_000_000),
        _c("started_at", "time"),
        _c("updated_at", "time"),
    ),
}
# The schema version that brought each table in: an older export has no list for it.
SINCE = {"attempts": 3, "interview_results": 4}
COLUMNS = {table: [column.name for column in columns] for table, columns in TABLES.items()}
KEYS = {
    "lessons": "lesson_id",
    "answers": "id",
    "cards": "question_id",
    "exercise_results": "id",
    "interview_results": "id",
    "attempts": "id",
}


def timestamp(moment: datetime | None = None) -> str:
    """Fixed-width ISO-8601 UTC, so that text order is time order in SQL."""
    moment = datetime.now(timezone.utc) if moment is None else moment
    if moment.tzinfo is None:
        raise ValueError("datetimes given to the store must be timezone-aware")
    return moment.astimezone(timezone.utc).strftime(TIME_FORMAT)


def read_time(value: Any) -> datetime:
    """An ISO-8601 time with a zone between FIRST_YEAR and LAST_YEAR; ValueError if not."""
    if not isinstance(value, str) or len(value) > 40:
        raise ValueError("is not an ISO-8601 time")
    try:
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError("has no time zone (add +00:00)")
        moment = moment.astimezone(timezone.utc)
    except OverflowError:
        raise ValueError("is out of range") from None
    except ValueError as error:
        raise ValueError(
            str(error) if "zone" in str(error) else "is not an ISO-8601 time"
        ) from None
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise ValueError(f"is not between {FIRST_YEAR} and {LAST_YEAR}")
    return moment


def check_value(column: Column, value: Any) -> Any:
    """The value as the store keeps it (times normalised, text made safe); ValueError says
    what is wrong, in words that never echo a long value whole."""
    if value is None:
        if column.null:
            return None
        raise ValueError("is missing (null)")
    kind = column.kind
    if kind in ("int", "num"):
        ok = type(value) is int or (kind == "num" and type(value) is float and math.isfinite(value))
        if not ok:
            raise ValueError(f"is {_shown(value)}, not a {'whole ' if kind == 'int' else ''}number")
        if not column.low <= value <= column.high:
            raise ValueError(f"is {value:.6g}, not between {column.low:g} and {column.high:g}")
        return value
    if not isinstance(value, str):
        raise ValueError(f"is {_shown(value)}, not text")
    if not column.shortest <= len(value) <= column.longest:
        raise ValueError(f"is {len(value):,} characters long; {column.shortest} to "
                         f"{column.longest:,} are allowed")  # fmt: skip
    if kind == "time":
        return timestamp(read_time(value))
    if kind == "card":
        problem = card_problem(value)
        if problem:
            raise ValueError(problem)
    if kind == "json":
        import json  # lazy: a command reading its own progress file never checks a value

        try:
            json.loads(value)
        except (ValueError, RecursionError):
            raise ValueError("is not JSON") from None
    return visible(value)


def _shown(value: Any) -> str:
    """A value's type and a short start of it, for a message."""
    text = repr(value)
    return f"{type(value).__name__} {text[:40]}{'...' if len(text) > 40 else ''}"


CARD_KEYS = ("card_id", "state", "step", "stability", "difficulty", "due", "last_review")


def card_problem(card_json: str) -> str | None:
    """Why a review card cannot be used by the scheduler, or None when it can."""
    import json  # lazy, as above

    try:
        card = json.loads(card_json)
    except (ValueError, RecursionError):
        return "is not JSON"
    if not isinstance(card, dict) or set(card) != set(CARD_KEYS):
        return f"is not a review card (one with the keys {', '.join(CARD_KEYS)})"
    number = (int, float)
    checks = {
        "card_id": type(card["card_id"]) is int and 0 < card["card_id"] <= _BIG,
        "state": type(card["state"]) is int and card["state"] in (1, 2, 3),
        "step": card["step"] is None or (type(card["step"]) is int and 0 <= card["step"] <= 100),
        "stability": card["stability"] is None or (
            isinstance(card["stability"], number) and not isinstance(card["stability"], bool)
            and math.isfinite(card["stability"]) and 0 < card["stability"] <= 1e9),
        "difficulty": card["difficulty"] is None or (
            isinstance(card["difficulty"], number) and not isinstance(card["difficulty"], bool)
            and 0 < card["difficulty"] <= 10),
    }  # fmt: skip
    for key, (time, null) in {"due": (card["due"], False),
                              "last_review": (card["last_review"], True)}.items():  # fmt: skip
        try:
            checks[key] = (null and time is None) or bool(read_time(time))
        except ValueError:
            checks[key] = False
    bad = [key for key, ok in checks.items() if not ok]
    if bad:
        return f"is a review card with a bad {', '.join(bad)}"
    from sysdesign_cli.core.scheduling import usable_card  # fsrs only when a card is checked

    return None if usable_card(card_json) else "is a review card the scheduler cannot use"


# ---------------------------------------------------------------- the same rules in SQL

# The control characters as a GLOB class, written into the SQL as the characters
# themselves (a pattern built with char() would be built again for every row).
_CONTROL = "'*[\x01-\x08\x0b-\x1f\x7f-\x9f]*'"


def _sql_bad(column: Column) -> str:
    c = column.name
    if column.kind == "int":
        bad = f"typeof({c}) != 'integer' OR {c} NOT BETWEEN {column.low:.0f} AND {column.high:.0f}"
    elif column.kind == "num":
        bad = f"typeof({c}) NOT IN ('integer', 'real') OR {c} NOT BETWEEN {column.low!r} AND {column.high!r}"  # noqa: E501
    else:
        bad = f"typeof({c}) != 'text' OR length({c}) NOT BETWEEN {column.shortest} AND {column.longest}"  # noqa: E501
        if column.kind == "text" and not column.any_text:
            bad += f" OR {c} GLOB {_CONTROL}"
        if column.kind == "time":
            # The store's own format (see timestamp), and a real day: through a day number
            # and back, 02-30 comes out as 03-01 and a time that is not one as NULL.
            bad += (f" OR substr({c}, 27) != '+00:00' OR substr({c}, 11, 1) != 'T'"
                    f" OR date(julianday({c})) IS NOT substr({c}, 1, 10)"
                    f" OR substr({c}, 1, 4) < '{FIRST_YEAR}'")  # fmt: skip
        if column.kind in ("json", "card"):
            bad += f" OR NOT json_valid({c})"
        if column.kind == "card":
            bad += f" OR NOT (CASE WHEN json_valid({c}) THEN {_card_shape(c)} ELSE 0 END)"
    # A NULL never passes a test, so the bad case must be spelt out for it.
    return f"({c} IS NOT NULL AND ({bad}))" if column.null else f"({c} IS NULL OR {bad})"


def _card_shape(c: str) -> str:
    def kind(key: str, *kinds: str) -> str:
        return f"coalesce(json_type({c}, '$.{key}') IN ({', '.join(map(repr, kinds))}), 0)"

    return " AND ".join([
        f"json_type({c}) = 'object'", kind("card_id", "integer"), kind("state", "integer"),
        f"coalesce(json_extract({c}, '$.state') IN (1, 2, 3), 0)",
        kind("step", "integer", "null"), kind("stability", "integer", "real", "null"),
        kind("difficulty", "integer", "real", "null"), kind("due", "text"),
        kind("last_review", "text", "null"),
    ])  # fmt: skip


def sql_bad_rows(table: str) -> str:
    """A WHERE clause true for every row of `table` that breaks its description."""
    return " OR ".join(_sql_bad(column) for column in TABLES[table])


def sql_bad_column(table: str, name: str) -> str:
    """The WHERE clause for one column, to say which one was bad."""
    return _sql_bad(next(column for column in TABLES[table] if column.name == name))
