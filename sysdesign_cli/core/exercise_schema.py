"""The curriculum schema's exercises: stages (estimate, design, load, drill, loop, choose,
free, question) and the rubric of a free answer, as strict models."""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field, StringConstraints, ValidationInfo, field_validator, model_validator

from sysdesign_cli.core.behaviour import EstimateBehaviour, ExerciseBehaviour
from sysdesign_cli.core.graph.rules import ExerciseDesign
from sysdesign_cli.core.quantities import QuantityError
from sysdesign_cli.core.question_schema import Question
from sysdesign_cli.core.safe_text import quoted
from sysdesign_cli.core.schema_base import Hints, Line, Prose, Slug, Strict, all_listed, unique


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
    # A point about one thing (the database) is made only in a clause that names it:
    # `failover` shows `the single database is a SPOF` in `the db has no failover`, not
    # in `the load balancer is one box; run two with failover`.
    about: list[Line] = Field(default_factory=list)


class Rubric(Strict):
    """The key points of a free answer. `needed` points make full marks; `alternatives`
    lists the complete right answers (groups of point ids) when there are several; `half`,
    answers a fair expert accepts for half the marks (a weakness every design of the shape
    has, such as its one load balancer, beside the ones the scenario turns on)."""

    points: Annotated[list[KeyPoint], Field(min_length=1, max_length=12)]
    needed: Annotated[int, Field(ge=1)] = 1
    alternatives: list[Annotated[list[Slug], Field(min_length=1)]] = Field(default_factory=list)
    half: list[Annotated[list[Slug], Field(min_length=1)]] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Rubric:
        ids = [point.id for point in self.points]
        unique(ids, "point id")
        for where, listed in (("alternatives", self.alternatives), ("half", self.half)):
            for group in listed:
                unknown = [name for name in group if name not in ids]
                if unknown:
                    raise ValueError(f"{where} name points {unknown} that are not listed")
        if self.half and not self.alternatives:
            raise ValueError("`half` lists answers worth half: list the whole ones under "
                             "`alternatives` too")
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
        from sysdesign_cli.core.estimate import EstimateError
        from sysdesign_cli.core.estimate_figures import FIGURE_KEYS

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
        all_listed(answers, info.data.get("choices"))
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
        untitled = [stage.id for stage in self.stages if stage.kind == "question"
                    and not stage.title]  # fmt: skip
        if untitled:
            raise ValueError(f"stages: question stage {untitled[0]!r} needs a `title:`, a short "
                             "heading the score table names the stage by (e.g. \"Read-heavy "
                             "or write-heavy\")")  # fmt: skip
        for index, stage in enumerate(self.stages):
            if stage.kind not in ("load", "drill", "loop"):
                continue
            if "design" not in kinds_seen[:index]:
                raise ValueError(f"stages: stage {quoted(stage.id)} needs a design stage before "
                                 "it, to have the learner's design")  # fmt: skip
            if stage.kind in ("load", "loop") and self.estimate_for(stage) is None:
                wanted = f"the estimate stage {quoted(stage.estimate)}" if stage.estimate else (
                    "an estimate stage")
                raise ValueError(f"stages: stage {quoted(stage.id)} needs {wanted} before it, "
                                 "for the traffic it loads the design with")  # fmt: skip
            if stage.kind == "drill" and self.design is not None:
                from sysdesign_cli.core.graph.drills import choose_kill

                if choose_kill(self.design.graph(), stage.kill) is None:
                    raise ValueError(f"stages: stage {quoted(stage.id)} kills "
                                     f"{quoted(stage.kill)}, which the reference design has "
                                     "no block of")  # fmt: skip
        return self
