"""The curriculum schema's questions: choice, multi, order, number and text questions, and
estimate steps, as strict models (each checks what one file can show is wrong)."""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import Field, PrivateAttr, ValidationInfo, field_validator, model_validator

from sysdesign_cli.core.answer_values import NumberBehaviour, number_answer
from sysdesign_cli.core.behaviour import EstimateBehaviour
from sysdesign_cli.core.quantities import Dim, QuantityError
from sysdesign_cli.core.safe_text import quoted
from sysdesign_cli.core.schema_base import Hints, Line, Prose, Slug, Strict, all_listed, unique


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
    # A stage's heading where the question is an exercise stage (required there): the
    # score table names the stage by it.
    title: Line | None = None


class ChoiceQuestion(QuestionBase):
    """Pick the one right answer."""

    type: Literal["choice"]
    choices: Annotated[list[Line], Field(min_length=2, max_length=6)]
    answer: Line

    @field_validator("choices")
    @classmethod
    def _distinct(cls, choices: list[str]) -> list[str]:
        return unique(choices, "choice")

    @field_validator("answer")
    @classmethod
    def _answer_listed(cls, answer: str, info: ValidationInfo) -> str:
        if "choices" in info.data and answer not in info.data["choices"]:
            raise ValueError(f"answer {quoted(answer)} is not one of the choices")
        return answer


class MultiQuestion(QuestionBase):
    """Pick every right answer."""

    type: Literal["multi"]
    choices: Annotated[list[Line], Field(min_length=2, max_length=8)]
    answers: Annotated[list[Line], Field(min_length=1)]

    @field_validator("choices")
    @classmethod
    def _distinct(cls, choices: list[str]) -> list[str]:
        return unique(choices, "choice")

    @field_validator("answers")
    @classmethod
    def _answers_listed(cls, answers: list[str], info: ValidationInfo) -> list[str]:
        all_listed(answers, info.data.get("choices"))
        return answers


class OrderQuestion(QuestionBase):
    """Put the items in order; `items` lists them in the correct order."""

    type: Literal["order"]
    items: Annotated[list[Line], Field(min_length=2, max_length=8)]

    @field_validator("items")
    @classmethod
    def _distinct(cls, items: list[str]) -> list[str]:
        return unique(items, "item")


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
        from sysdesign_cli.core.estimate_figures import FIGURE_KEYS

        if figure not in FIGURE_KEYS:
            raise ValueError(f"figure {quoted(figure)} is not one of: {', '.join(FIGURE_KEYS)}")
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
