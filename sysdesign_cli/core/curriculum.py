"""The curriculum schema: lessons and their steps as strict models.

Unknown keys are errors (`extra="forbid"`), so a misspelt key never silently drops
content. The loader turns validation errors into file, line and field. Questions are in
`core.question_schema`, exercises in `core.exercise_schema`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import (
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from sysdesign_cli.core.behaviour import LessonBehaviour
from sysdesign_cli.core.design_behaviour import GraphBehaviour
from sysdesign_cli.core.question_schema import EstimateStep, Question
from sysdesign_cli.core.schema_base import Line, Prose, Slug, Strict

# ---------------------------------------------------------------- steps


class TextStep(Strict):
    """A short piece of Markdown: one idea."""

    kind: Literal["text"]
    title: Line | None = None
    body: Prose


Cell = Union[str, int, float]


class TableStep(Strict):
    """A table; with `reference` it also appears on the `sysdesign numbers` screen."""

    kind: Literal["table"]
    title: Line
    columns: Annotated[list[Line], Field(min_length=2, max_length=8)]
    rows: Annotated[list[list[Cell]], Field(min_length=1)]
    caption: Line | None = None
    source: Line | None = None
    year: Annotated[int, Field(ge=1900, le=2100)] | None = None
    reference: Line | None = None

    # Checks across fields are field validators on the later field, so that they run (and
    # are reported in the same `validate` run) even when some other field is wrong.
    @field_validator("rows")
    @classmethod
    def _rows_fit(cls, rows: list[list[Cell]], info: ValidationInfo) -> list[list[Cell]]:
        columns = info.data.get("columns")
        for index, row in enumerate(rows):
            if columns is not None and len(row) != len(columns):
                raise ValueError(
                    f"row {index + 1} has {len(row)} cells but there are {len(columns)} columns"
                )
        return rows


Branch = Literal["hit", "miss", "success", "failure", "sync", "async"]


class Node(Strict):
    """One box on a request path, with the boxes it hands work to."""

    label: Line
    note: Line | None = None
    branch: Branch | None = None
    children: list[Node] = Field(default_factory=list)


class TreeStep(Strict):
    """A request path drawn as a tree."""

    kind: Literal["tree"]
    title: Line
    root: Node
    caption: Line | None = None


class GraphStep(GraphBehaviour, Strict):
    """A worked system drawn by the design engine from a design in its text format."""

    kind: Literal["graph"]
    title: Line
    design: Prose  # one edge a line (see "Designs" in FORMAT.md), or a Mermaid flowchart
    flows: list[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9\-]{0,39}$")]] = Field(
        default_factory=list
    )
    caption: Line | None = None
    _graph: Any = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _draws(self) -> GraphStep:
        from sysdesign_cli.core.graph.text import GraphError, parse_design

        try:
            self._graph = parse_design(self.design)
        except GraphError as error:
            raise ValueError("design " + "; ".join(map(str, error.problems))) from None
        unknown = [flow for flow in self.flows if flow not in self._graph.flows()]
        if unknown:
            raise ValueError(
                f"flows {unknown} are carried by no edge of the design; "
                f"it has: {', '.join(self._graph.flows())}"
            )
        return self


Step = Annotated[
    Union[TextStep, TableStep, TreeStep, GraphStep, Question, EstimateStep],
    Field(discriminator="kind"),
]


class Lesson(LessonBehaviour, Strict):
    """An ordered list of steps teaching one part of the syllabus."""

    id: Slug
    title: Line
    summary: Line
    topics: Annotated[list[Slug], Field(min_length=1)]
    order: int
    prerequisites: list[Slug] = Field(default_factory=list)
    steps: Annotated[list[Step], Field(min_length=1)]


# ---------------------------------------------------------------- vocabulary

Term = Annotated[str, StringConstraints(min_length=1, max_length=80, strip_whitespace=True)]
Abbreviation = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9]{1,12}$")]


class Vocabulary(Strict):
    """The field's shorthand (`vocabulary.yaml`): what typed answers are read with."""

    abbreviations: dict[Abbreviation, Term] = Field(default_factory=dict)
    synonyms: list[Annotated[list[Term], Field(min_length=2)]] = Field(default_factory=list)
    opposites: list[Annotated[list[Term], Field(min_length=2, max_length=2)]] = Field(
        default_factory=list
    )
    terms: list[Term] = Field(default_factory=list)
    names: list[Term] = Field(default_factory=list)
