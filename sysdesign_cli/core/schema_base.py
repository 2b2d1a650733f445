"""What every curriculum model shares: strict models (unknown keys are errors, values are
not coerced) and the kinds of text and names they are made of."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from sysdesign_cli.core.safe_text import quoted

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
Line = Annotated[str, StringConstraints(min_length=1, max_length=500, strip_whitespace=True)]
Prose = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
Hints = Annotated[list[Line], Field(max_length=3)]


class Strict(BaseModel):
    """Every curriculum model: unknown keys are errors, values are not coerced, and no
    number is infinite or NaN (YAML's `.inf` and `.nan`)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)


def unique(values: list[str], what: str) -> list[str]:
    seen = set()
    for value in values:
        if value.casefold() in seen:
            raise ValueError(f"{what} {quoted(value)} is listed twice")
        seen.add(value.casefold())
    return values


def all_listed(answers: list[str], choices: list[str] | None) -> None:
    if choices is None:  # the choices are wrong themselves, and reported as such
        return
    missing = [answer for answer in answers if answer not in choices]
    if missing:
        raise ValueError(f"answers {missing} are not among the choices")
