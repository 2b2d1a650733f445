"""The curriculum schema: lessons, steps, questions and exercises as strict models.

Unknown keys are errors (`extra="forbid"`), so a misspelt key never silently drops
content. The loader turns validation errors into file, line and field.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from sysdesign_cli.core.behaviour import (
    EstimateBehaviour,
    ExerciseBehaviour,
    GraphBehaviour,
    LessonBehaviour,
    NumberBehaviour,
    number_answer,
)
from sysdesign_cli.core.graph.rules import ExerciseDesign
from sysdesign_cli.core.quantities import Dim, QuantityError

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
Line = Annotated[str, StringConstraints(min_length=1, max_length=500, strip_whitespace=True)]
Prose = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
Hints = Annotated[list[Line], Field(max_length=3)]


class Strict(BaseModel):
    """Every curriculum model: unknown keys are errors, values are not coerced, and no
    number is infinite or NaN (YAML's `.inf` and `.nan`)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)


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


# ---------------------------------------------------------------- questions


class QuestionBase(Strict):
    """What every question has: an id, a topic, a prompt, an explanation, hints."""

    kind: Literal["question"]
    id: Slug
    topic: Slug
    prompt: Prose
    explanation: Prose
    hints: Hints = Field(default_factory=list)
    study: Slug | None = None  # in an exercise: the lesson to revisit when it goes badly
    # Shown before the prompt when the question is asked away from its lesson (the quiz).
    context: Line | None = None


def _unique(values: list[str], what: str) -> list[str]:
    seen = set()
    for value in values:
        if value.casefold() in seen:
            raise ValueError(f"{what} {value!r} is listed twice")
        seen.add(value.casefold())
    return values


def _all_listed(answers: list[str], choices: list[str] | None) -> None:
    if choices is None:  # the choices are wrong themselves, and reported as such
        return
    missing = [answer for answer in answers if answer not in choices]
    if missing:
        raise ValueError(f"answers {missing} are not among the choices")


class ChoiceQuestion(QuestionBase):
    """Pick the one right answer."""

    type: Literal["choice"]
    choices: Annotated[list[Line], Field(min_length=2, max_length=6)]
    answer: Line

    @field_validator("choices")
    @classmethod
    def _distinct(cls, choices: list[str]) -> list[str]:
        return _unique(choices, "choice")

    @field_validator("answer")
    @classmethod
    def _answer_listed(cls, answer: str, info: ValidationInfo) -> str:
        if "choices" in info.data and answer not in info.data["choices"]:
            raise ValueError(f"answer {answer!r} is not one of the choices")
        return answer


class MultiQuestion(QuestionBase):
    """Pick every right answer."""

    type: Literal["multi"]
    choices: Annotated[list[Line], Field(min_length=2, max_length=8)]
    answers: Annotated[list[Line], Field(min_length=1)]

    @field_validator("choices")
    @classmethod
    def _distinct(cls, choices: list[str]) -> list[str]:
        return _unique(choices, "choice")

    @field_validator("answers")
    @classmethod
    def _answers_listed(cls, answers: list[str], info: ValidationInfo) -> list[str]:
        _all_listed(answers, info.data.get("choices"))
        return answers


class OrderQuestion(QuestionBase):
    """Put the items in order; `items` lists them in the correct order."""

    type: Literal["order"]
    items: Annotated[list[Line], Field(min_length=2, max_length=8)]

    @field_validator("items")
    @classmethod
    def _distinct(cls, items: list[str]) -> list[str]:
        return _unique(items, "item")


class NumberQuestion(NumberBehaviour, QuestionBase):
    """A number with a unit, graded within `tolerance` or in the 2x / 10x bands."""

    type: Literal["number"]
    answer: Union[Annotated[float, Field(ge=0)], Line]
    unit: Line | None = None
    tolerance: Annotated[float, Field(gt=0, lt=1)] | None = None
    # Figures the question gives that its prompt does not spell out (`1 day`): typed back
    # as an answer they are refused, at no cost, like the prompt's own numbers.
    givens: list[Line] = Field(default_factory=list)
    _parsed: tuple[float, Dim, float] | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _parses(self) -> NumberQuestion:
        # Reported at the field its message names (`answer ...`, `unit ...`).
        self._parsed = number_answer(self.answer, self.unit)
        return self


class TextQuestion(QuestionBase):
    """A typed answer; `accept` lists accepted answers and synonyms, and `alone` those of
    them that count only standing alone (a bare `code` that in `short code` is another
    thing)."""

    type: Literal["text"]
    accept: Annotated[list[Line], Field(min_length=1)]
    alone: list[Line] = Field(default_factory=list)

    @model_validator(mode="after")
    def _alone_are_accepted(self) -> TextQuestion:
        stray = [answer for answer in self.alone if answer not in self.accept]
        if stray:
            raise ValueError(f"alone lists {stray}, which accept does not: list them there too")
        return self


Question = Annotated[
    Union[ChoiceQuestion, MultiQuestion, OrderQuestion, NumberQuestion, TextQuestion],
    Field(discriminator="type"),
]

ESTIMATE_INPUTS = (
    "dau",
    "requests_per_user",
    "peak_factor",
    "writes",
    "reads",
    "reads_per_write",
    "payload",
    "read_payload",
    "retention",
    "server_capacity",
    "cache_fraction",
)


class EstimateStep(EstimateBehaviour, Strict):
    """A figure the learner works out from stated assumptions, graded in bands."""

    kind: Literal["estimate"]
    id: Slug
    topic: Slug
    prompt: Prose
    inputs: dict[str, Union[str, int, float]]
    figure: str
    explanation: Prose
    hints: Hints = Field(default_factory=list)
    context: Line | None = None  # shown before the prompt in the quiz, as for a question

    @field_validator("inputs")
    @classmethod
    def _known_inputs(cls, inputs: dict[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(inputs) - set(ESTIMATE_INPUTS))
        if unknown:
            raise ValueError(
                f"unknown inputs {unknown}; expected some of: {', '.join(ESTIMATE_INPUTS)}"
            )
        return inputs

    @field_validator("figure")
    @classmethod
    def _known_figure(cls, figure: str) -> str:
        from sysdesign_cli.core.estimate import FIGURE_KEYS

        if figure not in FIGURE_KEYS:
            raise ValueError(f"figure {figure!r} is not one of: {', '.join(FIGURE_KEYS)}")
        return figure

    @model_validator(mode="after")
    def _computes(self) -> EstimateStep:
        from sysdesign_cli.core.estimate import EstimateError

        try:
            result = self.result(derive=False)
        except (EstimateError, QuantityError) as error:
            raise ValueError(f"inputs do not make an estimate: {error}") from None
        if getattr(result, self.figure) is None:
            raise ValueError(f"these inputs do not give {self.figure}")
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


# ---------------------------------------------------------------- exercises


class KeyPoint(Strict):
    """One point a free answer should make, with the phrasings that show it and those
    that contradict it (a showing phrasing negated, `no replica`, contradicts it too).
    A phrasing with `...` wants its parts in that order, close together."""

    id: Slug
    point: Line  # as the learner sees it in the checklist
    shows: Annotated[list[Line], Field(min_length=1)]
    contradicts: list[Line] = Field(default_factory=list)
    # A point about a property (predictability, collisions) is made whether the answer
    # affirms or denies it: `cannot be guessed` makes the point, it does not contradict it.
    either_way: bool = False


class Rubric(Strict):
    """The key points of a free answer. `needed` points make full marks; `alternatives`
    lists the complete right answers (groups of point ids) when there are several."""

    points: Annotated[list[KeyPoint], Field(min_length=1, max_length=12)]
    needed: Annotated[int, Field(ge=1)] = 1
    alternatives: list[Annotated[list[Slug], Field(min_length=1)]] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Rubric:
        ids = [point.id for point in self.points]
        _unique(ids, "point id")
        for group in self.alternatives:
            unknown = [name for name in group if name not in ids]
            if unknown:
                raise ValueError(f"alternatives name points {unknown} that are not listed")
        if self.needed > len(self.points):
            raise ValueError(f"needed is {self.needed} but there are {len(self.points)} points")
        return self


class StageBase(Strict):
    """What every exercise stage has."""

    id: Slug
    title: Line
    prompt: Prose
    explanation: Prose
    hints: Hints = Field(default_factory=list)
    study: Slug | None = None  # the lesson to revisit when this stage goes badly
    points: Annotated[int, Field(ge=1, le=100)] = 10


class EstimateStage(EstimateBehaviour, StageBase):
    """Figures the learner works out from the stated scale, graded in bands."""

    kind: Literal["estimate"]
    topic: Slug
    inputs: dict[str, Union[str, int, float]]
    figures: Annotated[list[str], Field(min_length=1)]

    @model_validator(mode="after")
    def _computes(self) -> EstimateStage:
        from sysdesign_cli.core.estimate import FIGURE_KEYS, EstimateError

        unknown = [figure for figure in self.figures if figure not in FIGURE_KEYS]
        if unknown:
            raise ValueError(f"figures {unknown} are not among: {', '.join(FIGURE_KEYS)}")
        try:
            result = self.result(derive=False)
        except (EstimateError, QuantityError) as error:
            raise ValueError(f"inputs do not make an estimate: {error}") from None
        missing = [figure for figure in self.figures if getattr(result, figure) is None]
        if missing:
            raise ValueError(f"figures {missing} are not given by these inputs")
        return self


class DesignStage(StageBase):
    """The learner types the design one edge a line (or gives a file); it is checked
    against the exercise's `design:` rules, every finding at once, then the reference is
    drawn beside it. The hints come one at a time while findings remain."""

    kind: Literal["design"]


Factor = Annotated[float, Field(gt=1, le=1000)]


class LoadStage(StageBase):
    """The learner's design loaded with an estimate stage's peak (`estimate`, else the
    first): the table without the verdict, a prediction of the block that passes 100%
    first as traffic grows by `factors`, then the engine's answer."""

    kind: Literal["load"]
    estimate: Slug | None = None
    factors: Annotated[list[Factor], Field(min_length=1, max_length=6)] = Field(
        default_factory=lambda: [2.0, 5.0, 10.0]
    )

    @field_validator("factors")
    @classmethod
    def _growing(cls, factors: list[float]) -> list[float]:
        if factors != sorted(set(factors)):
            raise ValueError("factors grow: each larger than the one before, e.g. [2, 5, 10]")
        return factors


class DrillStage(StageBase):
    """`kill` dies in the learner's design: a kind (`db`: the primary database), a block
    name of the reference (a design without it loses the first block of its kind), or a
    zone (`@a`). The learner predicts which flows keep working."""

    kind: Literal["drill"]
    kill: Annotated[str, StringConstraints(pattern=r"^@?[a-z0-9][a-z0-9\-]{0,39}$")] = "db"


class LoopStage(StageBase):
    """Traffic grows to `target` times an estimate stage's peak; the learner fixes what
    buckles until the design carries it, each round judged (`loop_judge`)."""

    kind: Literal["loop"]
    target: Factor
    estimate: Slug | None = None


class ChooseStage(StageBase):
    """Pick an option (graded exactly), then say why (graded by its rubric)."""

    kind: Literal["choose"]
    choices: Annotated[list[Line], Field(min_length=2, max_length=6)]
    answers: Annotated[list[Line], Field(min_length=1)]  # every choice that is defensible
    reason_prompt: Line
    rubric: Rubric
    example: Line | None = None  # a model reason, shown after the learner has tried

    @field_validator("answers")
    @classmethod
    def _answers_listed(cls, answers: list[str], info: ValidationInfo) -> list[str]:
        _all_listed(answers, info.data.get("choices"))
        return answers


class FreeStage(StageBase):
    """A free answer, read against its rubric and self-assessed by the learner."""

    kind: Literal["free"]
    rubric: Rubric
    example: Line  # a model answer, shown after the learner has tried


Stage = Annotated[
    Union[EstimateStage, DesignStage, LoadStage, DrillStage, LoopStage, ChooseStage, FreeStage,
          Question],
    Field(discriminator="kind"),
]


DESIGN_STAGES = ("design", "load", "drill", "loop")


class Exercise(ExerciseBehaviour, Strict):
    """A guided design exercise: its stages and, for the design stages, `design:` (the
    rules, the blocks on offer and the reference design)."""

    id: Slug
    title: Line
    summary: Line
    order: int = 0
    topics: list[Slug] = Field(default_factory=list)
    design: ExerciseDesign | None = None
    stages: Annotated[list[Stage], Field(min_length=1)]

    @model_validator(mode="after")
    def _stages_fit(self) -> Exercise:
        kinds_seen = [stage.kind for stage in self.stages]
        if self.design is None and set(kinds_seen) & set(DESIGN_STAGES):
            raise ValueError("design: the design, load, drill and loop stages need a "
                             "`design:` with the reference design and its rules")  # fmt: skip
        if kinds_seen.count("design") > 1:
            raise ValueError("stages: at most one design stage")
        for index, stage in enumerate(self.stages):
            if stage.kind not in ("load", "drill", "loop"):
                continue
            if "design" not in kinds_seen[:index]:
                raise ValueError(f"stages: stage {stage.id!r} needs a design stage before it, "
                                 "to have the learner's design")  # fmt: skip
            if stage.kind in ("load", "loop") and self.estimate_for(stage) is None:
                wanted = f"the estimate stage {stage.estimate!r}" if stage.estimate else (
                    "an estimate stage")
                raise ValueError(f"stages: stage {stage.id!r} needs {wanted} before it, "
                                 "for the traffic it loads the design with")  # fmt: skip
            if stage.kind == "drill" and self.design is not None:
                from sysdesign_cli.core.graph.drills import choose_kill

                if choose_kill(self.design.graph(), stage.kill) is None:
                    raise ValueError(f"stages: stage {stage.id!r} kills {stage.kill!r}, which "
                                     "the reference design has no block of")  # fmt: skip
        return self
