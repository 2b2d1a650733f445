"""The schema's empty defaults are made fresh by a factory, so that loading a lesson never
deep-copies a shared default (a cost in every one of a thousand lessons), and no two
instances share one list."""

from __future__ import annotations

import inspect

from pydantic import BaseModel

from sysdesign_cli.core import curriculum, exercise_schema, question_schema, schema_base
from sysdesign_cli.core.curriculum import Lesson, Node
from sysdesign_cli.core.graph import rules


def schema_models() -> list[type[BaseModel]]:
    return [
        value
        for module in (curriculum, question_schema, exercise_schema, schema_base, rules)
        for value in vars(module).values()
        if inspect.isclass(value) and issubclass(value, BaseModel) and value is not BaseModel
    ]


def test_no_field_defaults_to_a_shared_list_or_dict() -> None:
    assert {"Lesson", "NumberQuestion", "Exercise", "Rubric"} <= {
        model.__name__ for model in schema_models()}  # fmt: skip
    shared = [
        f"{model.__name__}.{name}"
        for model in schema_models()
        for name, field in model.model_fields.items()
        if isinstance(field.default, (list, dict, set))
    ]
    assert shared == []


def test_factory_defaults_are_empty_and_not_shared() -> None:
    first = Node.model_validate({"label": "a"})
    second = Node.model_validate({"label": "b"})
    assert first.children == [] and second.children == []
    assert first.children is not second.children
    assert Lesson.model_fields["prerequisites"].default_factory is list


def test_load_stage_grows_by_two_five_and_ten_unless_told() -> None:
    field = exercise_schema.LoadStage.model_fields["factors"]
    assert field.get_default(call_default_factory=True) == [2.0, 5.0, 10.0]
