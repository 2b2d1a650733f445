"""The mock interview schema: a scenario and the five steps of its round.

A scenario (`curricula/interviews/*.yaml`) holds what the interviewer knows (the answers
to the clarifying questions), the design's rules and reference (as an exercise's
`design:`), and the steps: clarify, estimate, high-level design, deep dive (bottleneck,
failure drill, a trade-off in words) and wrap-up. The estimate, design and deep-dive
parts are exercise stages, so the round runs them on the exercises' components.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, PrivateAttr, field_validator, model_validator

from sysdesign_cli.core.behaviour import INTERVIEW_PARTS, ClarifyBehaviour, InterviewBehaviour
from sysdesign_cli.core.curriculum import (
    DesignStage,
    DrillStage,
    EstimateStage,
    Exercise,
    FreeStage,
    Line,
    LoadStage,
    Prose,
    Slug,
    Strict,
)
from sysdesign_cli.core.graph.rules import ExerciseDesign

# What a clarifying question can be about when it matters to the design.
ABOUT = ("scale", "read-write", "latency", "consistency", "durability", "availability",
         "geography")  # fmt: skip
About = Literal["scale", "read-write", "latency", "consistency", "durability", "availability",
                "geography"]  # fmt: skip


class ClarifyQuestion(Strict):
    """A question the learner may put to the interviewer, and the interviewer's answer.
    `about` says what it settles when it matters; a question without it does not."""

    ask: Line
    answer: Line
    about: About | None = None


class ClarifyStep(ClarifyBehaviour, Strict):
    """Step 1: pick the questions to ask before designing (shuffled anew each round)."""

    title: Line = "1. Clarify"
    prompt: Prose
    questions: Annotated[list[ClarifyQuestion], Field(min_length=4, max_length=10)]
    explanation: Prose
    points: Annotated[int, Field(ge=1, le=100)] = 10
    study: Slug | None = None

    @field_validator("questions")
    @classmethod
    def _mixed(cls, questions: list[ClarifyQuestion]) -> list[ClarifyQuestion]:
        asks = [q.ask.casefold() for q in questions]
        twice = sorted({ask for ask in asks if asks.count(ask) > 1})
        if twice:
            raise ValueError(f"question {twice[0]!r} is listed twice")
        matter = [q for q in questions if q.about is not None]
        if len(matter) < 2 or len(questions) - len(matter) < 2:
            raise ValueError("list at least two questions that matter (with `about:`) and two "
                             "that do not (without it), so that picking means something")
        abouts = [q.about for q in matter]
        repeated = sorted({a for a in abouts if a is not None and abouts.count(a) > 1})
        if repeated:
            raise ValueError(f"two questions are about {repeated[0]!r}; one each")
        return questions



# The steps of a round as exercise stages; `kind` is implied by where they sit.
class RoundEstimate(EstimateStage):
    """Step 2: the figures that decide the design, graded in bands."""

    kind: Literal["estimate"] = "estimate"
    topic: Slug = "estimation"


class RoundDesign(DesignStage):
    """Step 3: the high-level design, typed and checked against `design:` rules."""

    kind: Literal["design"] = "design"


class RoundLoad(LoadStage):
    """Step 4, first part: which block gives way first as the scenario grows."""

    kind: Literal["load"] = "load"


class RoundDrill(DrillStage):
    """Step 4, second part: a failure drill."""

    kind: Literal["drill"] = "drill"


class RoundFree(FreeStage):
    """A spoken answer read against its rubric (the trade-off, the wrap-up). `wrong`:
    claims a fair expert would reject, offered beside a missed point when it comes back
    as a review card."""

    kind: Literal["free"] = "free"
    wrong: Annotated[list[Line], Field(min_length=3, max_length=6)]


PARTS = ("estimate", "design", "bottleneck", "drill", "trade_off", "wrap_up")


class Interview(InterviewBehaviour, Strict):
    """One mock interview scenario."""

    id: Slug
    title: Line
    summary: Line
    order: int = 0
    opening: Prose  # what the interviewer says to start the round
    study: Annotated[list[Slug], Field(min_length=1, max_length=6)]  # lessons to study next
    design: ExerciseDesign
    clarify: ClarifyStep
    estimate: RoundEstimate
    high_level: RoundDesign
    bottleneck: RoundLoad
    drill: RoundDrill
    trade_off: RoundFree
    wrap_up: RoundFree
    _exercise: Any = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _runs(self) -> Interview:
        ids = [self.estimate.id, self.high_level.id, self.bottleneck.id, self.drill.id,
               self.trade_off.id, self.wrap_up.id]  # fmt: skip
        if len(set(ids)) != len(ids):
            raise ValueError("the steps' ids must differ from one another")
        from pydantic import ValidationError

        try:
            self._exercise = Exercise(
                id=self.id, title=self.title, summary=self.summary, design=self.design,
                stages=[getattr(self, part) for part in INTERVIEW_PARTS],
            )
        except ValidationError as error:
            raise ValueError("; ".join(str(item["msg"]) for item in error.errors())) from None
        return self

    def exercise(self) -> Exercise:
        """The estimate, design and deep-dive parts as an exercise, validated with the
        scenario (a cached record builds the same from its fields)."""
        return self._exercise
