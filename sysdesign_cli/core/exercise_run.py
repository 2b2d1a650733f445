"""One attempt at a design exercise as data: where it is, what each stage gave, the design
as typed and a loop in progress; saved as plain JSON (`ExerciseRun.to_json`) after every
stage, every design line and every loop round, and picked up again from it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sysdesign_cli.core.exercise_schema import Exercise

STATE_VERSION = 1


def stage_title(stage: Any, width: int = 50) -> str:
    """A stage's title (a question stage's too: `validate` wants one); a question with
    none, built outside an exercise file, is named by its first line, cut at a word."""
    title = getattr(stage, "title", None)
    if title:
        return str(title)
    line = stage.prompt.strip().splitlines()[0]
    if len(line) <= width:
        return line
    return line[:width].rsplit(" ", 1)[0] + "..."


@dataclass
class StageResult:
    """How one stage went."""

    stage_id: str
    title: str
    score: float
    points: int
    feedback: list[str] = field(default_factory=list)
    study: str | None = None
    answer: Any = None
    # A free answer's score comes from the points the learner confirmed: self-assessed.
    self_assessed: bool = False
    points_found: list[str] = field(default_factory=list)  # what the tutor read in it
    points_contradicted: list[str] = field(default_factory=list)
    points_confirmed: list[str] = field(default_factory=list)  # what the learner ticked
    data: dict[str, Any] = field(default_factory=dict)  # a design stage's findings, load...
    # The stage's shape when it was answered (`resume_fit.stage_shape`): a resumed attempt
    # keeps the result only while the stage still has it.
    shape: str = ""


@dataclass
class ExerciseRun:
    """One attempt at an exercise: where it is, what each stage gave, the design."""

    exercise: Exercise
    results: list[StageResult] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # the learner's design, as typed
    loop_rounds: list[dict[str, Any]] = field(default_factory=list)  # a loop in progress
    next_stage: int = 0
    finished: bool = False

    @property
    def graph(self) -> Any:
        """The learner's design as a graph (None before one is drawn)."""
        from sysdesign_cli.core.graph.text import graph_of

        return graph_of(self.lines)

    def verdict(self) -> Any:
        """The one verdict on the learner's design every screen and the score use (None
        without a design or rules)."""
        from sysdesign_cli.core.graph.checks import check

        graph = self.graph
        if graph is None or self.exercise.design is None:
            return None
        return check(graph, self.exercise.design)

    def record(self, stage: Any, result: StageResult) -> None:
        """`result` kept as the answer to `stage`, the next stage's turn."""
        from sysdesign_cli.core.resume_fit import stage_shape

        result.shape = stage_shape(self.exercise, stage)
        self.results.append(result)
        self.next_stage = len(self.results)

    def next_shape(self) -> str | None:
        """The shape of the stage under way (what its design lines or loop rounds were
        typed against), None once every stage is done."""
        from sysdesign_cli.core.resume_fit import stage_shape

        stages = self.exercise.stages
        if self.next_stage >= len(stages):
            return None
        return stage_shape(self.exercise, stages[self.next_stage])

    @property
    def score(self) -> float:
        """Points earned."""
        return round(sum(result.score for result in self.results), 2)

    @property
    def max_score(self) -> int:
        """Points available so far (every stage's, once finished)."""
        return sum(result.points for result in self.results)

    def to_json(self) -> dict[str, Any]:
        """Everything worth keeping, as plain data (what is saved and exported)."""
        return {
            "version": STATE_VERSION,
            "exercise": self.exercise.id,
            "next_stage": self.next_stage,
            "next_shape": self.next_shape(),
            "finished": self.finished,
            "score": self.score,
            "max_score": self.max_score,
            "design": list(self.lines),
            "loop_rounds": [dict(item) for item in self.loop_rounds],
            "stages": [asdict(result) for result in self.results],
        }

    @classmethod
    def from_json(cls, exercise: Exercise, data: dict[str, Any]) -> ExerciseRun:
        """A saved run picked up again (ValueError if it does not fit this exercise; cut
        it to what still fits first with `resume_fit.fit_exercise`)."""
        if data.get("version") != STATE_VERSION or data.get("exercise") != exercise.id:
            raise ValueError("the saved attempt is of another exercise or version")
        ids = [stage.id for stage in exercise.stages]
        results = [StageResult(**item) for item in data.get("stages", [])]
        if [r.stage_id for r in results] != ids[: len(results)]:
            raise ValueError("the exercise's stages changed since the attempt was saved")
        return cls(exercise, results, [str(line) for line in data.get("design", [])],
                   list(data.get("loop_rounds", [])), len(results),
                   bool(data.get("finished")))  # fmt: skip
