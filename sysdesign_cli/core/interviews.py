"""The mock interview schema: a scenario and the five steps of its round.

A scenario (`curricula/interviews/*.yaml`) holds what the interviewer knows (the answers
to the clarifying questions), the design's rules and reference (as an exercise's
`design:`), and the steps: clarify, estimate, high-level design, deep dive (bottleneck,
failure drill, a trade-off in words) and wrap-up. The estimate, design and deep-dive
parts are exercise stages, so the round runs them on the exercises' components.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, PrivateAttr, ValidationInfo, field_validator, model_validator

from sysdesign_cli.core.exercise_schema import (
    DesignStage,
    DrillStage,
    EstimateStage,
    Exercise,
    FreeStage,
    LoadStage,
)
from sysdesign_cli.core.graph.rules import ExerciseDesign
from sysdesign_cli.core.interview_behaviour import (
    INTERVIEW_PARTS,
    ClarifyBehaviour,
    InterviewBehaviour,
)
from sysdesign_cli.core.safe_text import quoted
from sysdesign_cli.core.schema_base import Line, Prose, Slug, Strict

# What a clarifying question can be about when it matters to the design.
ABOUT = ("scale", "read-write", "latency", "consistency", "durability", "availability",
         "geography")  # fmt: skip
About = Literal["scale", "read-write", "latency", "consistency", "durability", "availability",
                "geography"]  # fmt: skip


# Wrong options a point's review card offers beside it: its own, shared with no other card.
WRONG_MIN, WRONG_MAX = 3, 5


class ClarifyQuestion(Strict):
    """A question the learner may put to the interviewer, and the interviewer's answer.
    `about` says what it settles when it matters; a question without it does not. One
    that matters has its own `decoys`: questions that change nothing, offered beside it
    when it comes back as a review card (and on no other card)."""

    ask: Line
    answer: Line
    about: About | None = None
    decoys: Annotated[list[Line], Field(validate_default=True)] = Field(default_factory=list)
    why: Annotated[Line | None, Field(validate_default=True)] = None
    # Why its decoys change nothing, said on its review card after the learner answers.
    decoys_why: Annotated[Line | None, Field(validate_default=True)] = None

    @field_validator("decoys")
    @classmethod
    def _own_decoys(cls, decoys: list[Line], info: ValidationInfo) -> list[Line]:
        mattering = info.data.get("about") is not None
        if not mattering and decoys:
            raise ValueError("only a question that matters (with `about:`) has `decoys:`; "
                             "remove them or say what the question settles")
        if mattering and not WRONG_MIN <= len(decoys) <= WRONG_MAX:
            raise ValueError(
                f"a question that matters needs {WRONG_MIN} to {WRONG_MAX} `decoys:` of its "
                f"own (found {len(decoys)}): questions an interviewer would say change "
                "nothing, worded like it, offered beside it on its review card")
        _distinct(decoys, "decoy")
        return decoys

    @field_validator("why", "decoys_why")
    @classmethod
    def _own_why(cls, why: str | None, info: ValidationInfo) -> str | None:
        mattering = info.data.get("about") is not None
        field = info.field_name
        if mattering and why is None:
            raise ValueError(f"a question that matters needs `{field}:`: {_WHYS[field]}")
        if not mattering and why is not None:
            raise ValueError(f"only a question that matters (with `about:`) has `{field}:`")
        return why


# What each reason of a question that matters says, both on its review card's feedback.
_WHYS = {
    "why": "what its answer changes in the design, in a sentence or two (its review card's "
           "feedback)",
    "decoys_why": "why its decoys change nothing in the design, in a sentence (its review "
                  "card's feedback)",
}


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
            raise ValueError(f"question {quoted(twice[0])} is listed twice")
        matter = [q for q in questions if q.about is not None]
        if len(matter) < 2 or len(questions) - len(matter) < 2:
            raise ValueError("list at least two questions that matter (with `about:`) and two "
                             "that do not (without it), so that picking means something")
        abouts = [q.about for q in matter]
        repeated = sorted({a for a in abouts if a is not None and abouts.count(a) > 1})
        if repeated:
            raise ValueError(f"two questions are about {quoted(repeated[0])}; one each")
        listed = set(asks)
        _distinct([decoy for question in matter for decoy in question.decoys], "decoy")
        for question in matter:
            shown = [decoy for decoy in question.decoys if decoy.casefold() in listed]
            if shown:
                raise ValueError(f"decoy {quoted(shown[0])} of {quoted(question.ask)} is one of "
                                 "the round's questions; a decoy is a question of its own card "
                                 "only")
        return questions


def _distinct(options: list[str], what: str) -> None:
    """ValueError when two of `options` are the same (case aside)."""
    folded = [option.casefold() for option in options]
    twice = next((option for option, key in zip(options, folded) if folded.count(key) > 1), None)
    if twice is not None:
        raise ValueError(f"{what} {quoted(twice)} is listed twice")



def _by_point(keyed: dict[str, Any], info: ValidationInfo, under: str, missing: str) -> bool:
    """ValueError when `keyed` (a stage's lists by point id) names a point its rubric does
    not have (`under` says where they go) or leaves out one of a complete answer
    (`missing`, formatted with the point's id twice); False when there is no rubric to
    check against (reported as the rubric's own problem)."""
    rubric = info.data.get("rubric")
    if rubric is None:
        return False
    from sysdesign_cli.core.rubric import whole_points

    ids = [point.id for point in rubric.points]
    unknown = [key for key in keyed if key not in ids]
    if unknown:
        raise ValueError(f"{unknown[0]} is not a point of the rubric (its points: "
                         f"{', '.join(ids)}); {under}")
    # A point only of an answer worth half (`half`) comes back as no card: none needed.
    absent = [point.id for point in whole_points(rubric) if point.id not in keyed]
    if absent:
        raise ValueError(missing.format(absent[0], absent[0]))
    return True


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


def _subjects(speaks_of: list[str]) -> list[str]:
    """ValueError when a `speaks_of` entry is neither `replica` nor a kind of block."""
    from sysdesign_cli.core.design_subject import known

    unknown = [subject for subject in speaks_of if not known(subject)]
    if unknown:
        raise ValueError(f"speaks_of names {unknown[0]!r}: list `replica` or kinds of "
                         "block (`cache`, `queue`, `db`...)")
    return speaks_of


class RoundDrill(DrillStage):
    """Step 4, second part: a failure drill. `speaks_of`: what its model answer takes the
    design to have; the drill runs on the learner's design all the same (the engine
    answers from it), and the round says the model answer is the reference's."""

    kind: Literal["drill"] = "drill"
    speaks_of: list[Slug] = Field(default_factory=list)
    _speaks_of = field_validator("speaks_of")(_subjects)


class RoundFree(FreeStage):
    """A spoken answer read against its rubric (the trade-off, the wrap-up). `wrong`, by
    point id: each point's own claims a fair expert would reject, offered beside it when
    it comes back as a review card (and on no other card). `why`, by point id: why the
    point matters, the card's feedback (the stage's model answer names every point, so
    it would answer the other cards)."""

    kind: Literal["free"] = "free"
    wrong: dict[Slug, list[Line]]
    why: dict[Slug, Line]
    # What the question takes the learner's design to have (`replica`, a kind of block):
    # asked of a design without it, it is asked of the reference design, and said so.
    speaks_of: list[Slug] = Field(default_factory=list)
    _speaks_of = field_validator("speaks_of")(_subjects)

    @field_validator("why")
    @classmethod
    def _why_per_point(cls, why: dict[str, str], info: ValidationInfo) -> dict[str, str]:
        _by_point(why, info, "say why under a point's id",
                  "point {!r} has no `why`: say in a sentence or two why it matters, under "
                  "`{}:` (its review card's feedback)")  # fmt: skip
        return why

    @field_validator("wrong")
    @classmethod
    def _per_point(cls, wrong: dict[str, list[Line]],
                   info: ValidationInfo) -> dict[str, list[Line]]:  # fmt: skip
        if not _by_point(wrong, info, "list wrong claims under a point's id",
                         f"point {{!r}} has no wrong claims: list {WRONG_MIN} to {WRONG_MAX} "
                         "under `{}:`, each plainly wrong and in the point's own shape"):
            return wrong
        rubric = info.data["rubric"]
        for key, claims in wrong.items():  # the message's first word places it at `key`
            if not WRONG_MIN <= len(claims) <= WRONG_MAX:
                raise ValueError(f"{key} has {len(claims)} wrong claim(s): list {WRONG_MIN} to "
                                 f"{WRONG_MAX}, each plainly wrong and in the point's own shape")
        texts = {point.point.casefold(): point.id for point in rubric.points}
        for key, claims in wrong.items():
            right = [claim for claim in claims if claim.casefold() in texts]
            if right:
                raise ValueError(f"{key} lists {quoted(right[0])}, which is a point of the rubric")
        _distinct([claim for claims in wrong.values() for claim in claims], "wrong claim")
        return wrong


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
        seen: dict[str, str] = {}
        for part in ("trade_off", "wrap_up"):
            stage = getattr(self, part)
            for point in stage.rubric.points:
                seen.setdefault(point.point.casefold(), f"{part} point {point.id}")
        for part in ("trade_off", "wrap_up"):
            for key, claims in getattr(self, part).wrong.items():
                for claim in claims:
                    where = seen.setdefault(claim.casefold(), f"{part}.wrong.{key}")
                    if where != f"{part}.wrong.{key}":
                        raise ValueError(f"{part} lists {quoted(claim)} under {key}, and it is "
                                         f"also {where}; each wrong claim belongs to one card")
        return self

    def exercise(self) -> Exercise:
        """The estimate, design and deep-dive parts as an exercise, validated with the
        scenario (a cached record builds the same from its fields)."""
        return self._exercise
