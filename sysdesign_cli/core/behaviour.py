"""What lessons, questions and exercises do beyond holding their fields.

Shared by the validated schema (`core.curriculum` and its parts, pydantic) and the light
records a cached curriculum is read into (`core.records`), so both behave alike and the schema
is written once. Nothing here imports pydantic or YAML. A lesson's, an estimate's and an
exercise's own are here; the rest by what they are about: number answers
(`answer_values`), designs (`design_behaviour`), the capacity table (`capacity_behaviour`)
and interview scenarios (`interview_behaviour`).
"""

from __future__ import annotations

from typing import Any

from sysdesign_cli.core.answer_values import NumberBehaviour
from sysdesign_cli.core.capacity_behaviour import CapacityBehaviour, FigureBehaviour
from sysdesign_cli.core.design_behaviour import (
    ExerciseDesignBehaviour,
    GraphBehaviour,
    RulesBehaviour,
)
from sysdesign_cli.core.interview_behaviour import ClarifyBehaviour, InterviewBehaviour


class LessonBehaviour:
    """A lesson's questions."""

    def questions(self) -> list[Any]:
        """The steps that are asked and graded: questions and estimates."""
        return [step for step in self.steps if step.kind in ("question", "estimate")]


class EstimateBehaviour:
    """An estimate step's or stage's worked figures."""

    def result(self, derive: bool = True) -> Any:
        """The worked estimate for these inputs (an `Estimate`; without its derivation if
        not `derive`)."""
        from sysdesign_cli.core.estimate import estimate
        from sysdesign_cli.core.estimate_inputs import inputs_from_options

        return estimate(inputs_from_options(self.inputs), derive=derive)


class ExerciseBehaviour:
    """An exercise's graded stages and the estimate each design stage is loaded with."""

    def estimate_for(self, stage: Any) -> Any:
        """The estimate stage before `stage` whose peak loads the design: the one it names,
        else the first."""
        before = self.stages[: self.stages.index(stage)]
        estimates = [item for item in before if item.kind == "estimate"]
        if stage.estimate is not None:
            return next((item for item in estimates if item.id == stage.estimate), None)
        return estimates[0] if estimates else None

    def questions(self) -> list[Any]:
        """Stages with an id that are graded like questions (for duplicate-id checks)."""
        return list(self.stages)


# The behaviour of each schema class by name, for the records a cache is read into.
BY_CLASS: dict[str, type] = {
    "Lesson": LessonBehaviour,
    "GraphStep": GraphBehaviour,
    "NumberQuestion": NumberBehaviour,
    "EstimateStep": EstimateBehaviour,
    "EstimateStage": EstimateBehaviour,
    "Exercise": ExerciseBehaviour,
    "Interview": InterviewBehaviour,
    "ClarifyStep": ClarifyBehaviour,
    "RoundEstimate": EstimateBehaviour,
    "DesignRules": RulesBehaviour,
    "ExerciseDesign": ExerciseDesignBehaviour,
    "CapacityTable": CapacityBehaviour,
    "Figure": FigureBehaviour,
}
