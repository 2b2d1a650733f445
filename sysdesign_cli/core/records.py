"""Validated curriculum data as plain values, and light records read back from them.

`to_plain` turns a validated model (a lesson, exercise, step... of the schema) into dicts,
lists, strings and numbers, each model as a `(class name, {field: value})` tuple: the
cache stores that. `from_plain` reads it back into records: objects with the same
attributes and, through `core.behaviour`, the same methods, made without pydantic. The
fields come from the data, so a field added to the schema needs nothing here.
"""

from __future__ import annotations

import marshal
from typing import Any

from sysdesign_cli.core.behaviour import BY_CLASS

PLAIN = (str, int, float, bool, type(None))
_SCALAR = frozenset(PLAIN)  # looked up by exact type: a subclass (an enum) is not plain
EAGER = ("id", "order", "title")  # what a listing and the links ask without the rest


class Record:
    """A validated model's fields as attributes, nested models read on first use; the
    fields may wait as `marshal` bytes until one of them is asked for (`lazy_record`)."""

    __slots__ = ("__dict__", "_fields")

    def __init__(self, fields: dict[str, Any] | bytes) -> None:
        object.__setattr__(self, "_fields", fields)

    def _data(self) -> dict[str, Any]:
        fields = object.__getattribute__(self, "_fields")
        if type(fields) is bytes:
            fields = marshal.loads(fields)
            if type(fields) is not dict:
                raise ValueError(f"the cached {type(self).__name__} is not a mapping")
            object.__setattr__(self, "_fields", fields)
        return fields

    def __getattr__(self, name: str) -> Any:
        fields = self._data()
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
        return type(self) is type(other) and self._data() == other._data()

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._data().get("id")))

    def __repr__(self) -> str:
        shown = ", ".join(f"{key}={value!r}" for key, value in self._data().items())
        return f"{type(self).__name__}({shown})"

    def plain(self) -> tuple[str, dict[str, Any]]:
        """The record as the plain data it was read from."""
        return type(self).__name__, self._data()


_CLASSES: dict[str, type[Record]] = {}


def record_class(name: str) -> type[Record]:
    """The record class standing in for the schema class `name`, with its behaviour."""
    found = _CLASSES.get(name)
    if found is None:
        behaviour = BY_CLASS.get(name)
        bases = (behaviour, Record) if behaviour else (Record,)
        found = _CLASSES[name] = type(name, bases, {"__slots__": ()})
    return found


def lazy_parts(value: tuple[str, dict[str, Any]]) -> list[Any]:
    """A model's plain data as `[class name, its EAGER scalar fields, the rest as bytes]`,
    so that a cache read need not build what no one asks for."""
    name, fields = value
    eager = {key: fields[key] for key in EAGER if type(fields.get(key)) in (str, int)}
    return [name, eager, marshal.dumps(fields)]


def lazy_record(name: str, eager: dict[str, Any], data: bytes) -> Record:
    """The record `lazy_parts` describes: its eager fields at once, the rest on first use."""
    found = record_class(name)(data)
    found.__dict__.update(eager)
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


# A model class: its field names, and those whose values are not plain data by type.
_MODEL_FIELDS: dict[type, tuple[tuple[str, ...], tuple[str, ...]] | None] = {}


def _plain_by_schema(annotation: Any) -> bool:
    """Whether a field's type lets it hold only plain data: scalars, literals, and lists,
    dicts and unions of them (`list[Line]`, `dict[str, int | str]`)."""
    import types
    import typing

    origin = typing.get_origin(annotation)
    if origin is None:
        return annotation in PLAIN or annotation is None
    args = typing.get_args(annotation)
    if origin is typing.Literal:
        return all(type(arg) in _SCALAR for arg in args)
    if origin is typing.Annotated:
        return _plain_by_schema(args[0])
    if origin in (list, dict, typing.Union, types.UnionType):
        return all(_plain_by_schema(arg) for arg in args)
    return False


def _model_fields(kind: type) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """A validated model class's field names, and those whose values are not plain data
    by the schema's own types (the others are taken as they are); None for a class that
    is not a model. Worked out once a class (pydantic's `model_fields` costs a call)."""
    if kind in _MODEL_FIELDS:
        return _MODEL_FIELDS[kind]
    fields = getattr(kind, "model_fields", None)
    found = _MODEL_FIELDS[kind] = None if fields is None else (tuple(fields), tuple(
        name for name, field in fields.items() if not _plain_by_schema(field.annotation)))
    return found


def to_plain(value: Any) -> Any:
    """A validated model (or list, dict, scalar of them) as plain data; TypeError for
    anything else, so that nothing but plain data is ever cached. (A model's fields whose
    types hold only plain data are shared, not copied: the plain data is only read.)"""
    kind = type(value)
    if kind in _SCALAR:
        return value
    if kind is list:
        return [item if type(item) in _SCALAR else to_plain(item) for item in value]
    found = _model_fields(kind)
    if found is not None:
        names, nested = found
        # A model's fields are its __dict__ (getattr on each costs more than the rest).
        data = dict(value.__dict__)
        if len(data) != len(names):  # a cached_property's value beside them: the fields
            data = {name: data[name] for name in names}
        for name in nested:
            item = data[name]
            if type(item) not in _SCALAR:
                data[name] = to_plain(item)
        return (kind.__name__, data)
    if isinstance(value, Record):
        name, data = value.plain()
        return (name, data)
    if kind is dict and all(type(key) is str for key in value):
        return {key: item if type(item) in _SCALAR else to_plain(item)
                for key, item in value.items()}  # fmt: skip
    raise TypeError(f"not plain data: {kind.__name__}")
