"""Validated curriculum data as plain values, and light records read back from them.

`to_plain` turns a validated model (a `core.curriculum` lesson, exercise, step...) into
dicts, lists, strings and numbers, each model as a `(class name, {field: value})` tuple:
the cache stores that. `from_plain` reads it back into records: objects with the same
attributes and, through `core.behaviour`, the same methods, made without pydantic. The
fields come from the data, so a field added to the schema needs nothing here.
"""

from __future__ import annotations

from typing import Any

from sysdesign_cli.core.behaviour import BY_CLASS

PLAIN = (str, int, float, bool, type(None))


class Record:
    """A validated model's fields as attributes, nested models read on first use."""

    __slots__ = ("__dict__", "_fields")

    def __init__(self, fields: dict[str, Any]) -> None:
        object.__setattr__(self, "_fields", fields)

    def __getattr__(self, name: str) -> Any:
        fields = object.__getattribute__(self, "_fields")
        if name not in fields:
            raise AttributeError(f"{type(self).__name__} has no field {name!r}")
        value = from_plain(fields[name])
        self.__dict__[name] = value
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Record):
            return NotImplemented
        return type(self) is type(other) and self._fields == other._fields

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._fields.get("id")))

    def __repr__(self) -> str:
        shown = ", ".join(f"{key}={value!r}" for key, value in self._fields.items())
        return f"{type(self).__name__}({shown})"

    def plain(self) -> tuple[str, dict[str, Any]]:
        """The record as the plain data it was read from."""
        return type(self).__name__, self._fields


_CLASSES: dict[str, type[Record]] = {}


def record_class(name: str) -> type[Record]:
    """The record class standing in for the schema class `name`, with its behaviour."""
    found = _CLASSES.get(name)
    if found is None:
        behaviour = BY_CLASS.get(name)
        bases = (behaviour, Record) if behaviour else (Record,)
        found = _CLASSES[name] = type(name, bases, {"__slots__": ()})
    return found


def from_plain(value: Any) -> Any:
    """Plain data back into values: a `(class name, fields)` tuple becomes a record."""
    kind = type(value)
    if kind is tuple:
        return record_class(value[0])(value[1])
    if kind is list:
        return [from_plain(item) for item in value]
    if kind is dict:
        return {key: from_plain(item) for key, item in value.items()}
    return value


def to_plain(value: Any) -> Any:
    """A validated model (or list, dict, scalar of them) as plain data; TypeError for
    anything else, so that nothing but plain data is ever cached."""
    fields = getattr(type(value), "model_fields", None)
    if fields is not None:
        return (type(value).__name__, {name: to_plain(getattr(value, name)) for name in fields})
    if isinstance(value, Record):
        name, data = value.plain()
        return (name, data)
    if type(value) in PLAIN:
        return value
    if type(value) is list:
        return [to_plain(item) for item in value]
    if type(value) is dict and all(type(key) is str for key in value):
        return {key: to_plain(item) for key, item in value.items()}
    raise TypeError(f"not plain data: {type(value).__name__}")
