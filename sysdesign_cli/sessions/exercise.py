"""`sysdesign exercise`: a guided design, stage by stage, resumable.

The run is plain data (`core.exercise_run`): the stage reached, each stage's result, the
design as typed, a loop in progress. The session hands it to `save` after every stage,
every design line and every loop round, and picks a saved run up where it stopped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from sysdesign_cli.core.bands import Band
from sysdesign_cli.core.estimate_figures import LABELS
from sysdesign_cli.core.exercise_run import ExerciseRun, StageResult, stage_title
from sysdesign_cli.core.safe_text import quoted
from sysdesign_cli.render.markdown import LessonMarkdown
from sysdesign_cli.render.markup import escape
from sysdesign_cli.sessions.ask import ask, asking_seed, shuffled
from sysdesign_cli.sessions.asker import Asker

if TYPE_CHECKING:
    from rich.console import Console

    from sysdesign_cli.core.exercise_schema import ChooseStage, EstimateStage, Exercise, FreeStage

BAND_SCORE = {Band.GOOD: 1.0, Band.ORDER: 0.5, Band.OFF: 0.0}


@dataclass(frozen=True)
class FigureQuestion:
    """One figure of an estimate stage, asked like a lesson's estimate step."""

    id: str
    topic: str
    prompt: str
    figure: str
    hints: list[str]
    stage: EstimateStage
    kind: str = "estimate"
    explanation: str = ""

    def result(self) -> Any:
        """The worked estimate behind the figure, its derivation cut after this figure's
        step so that the working shown does not give away the figures still to ask."""
        result = self.stage.result()
        keys = [step.key for step in result.steps]
        if self.figure not in keys:
            return result
        last = len(keys) - 1 - keys[::-1].index(self.figure)
        return replace(result, steps=result.steps[: last + 1])


class ExerciseSession:
    """Runs the stages of one exercise through an asker, printing as it goes.

    `run`: a saved attempt to go on with; `design`: a graph from a file, used for the
    design stage instead of typing; `save`: called with the run's data after each change;
    `table`: the capacity table (loaded when a stage needs it, if not given).
    """

    def __init__(
        self,
        exercise: Exercise,
        asker: Asker,
        console: Console,
        *,
        run: ExerciseRun | None = None,
        design: Any = None,
        save: Callable[[dict[str, Any]], None] | None = None,
        table: Any = None,
    ) -> None:
        self.exercise = exercise
        self.asker = asker
        self.console = console
        self.run = run if run is not None else ExerciseRun(exercise)
        self.design_file = design
        self._save = save
        self._table = table

    @property
    def table(self) -> Any:
        """The capacity table the load, drill and loop stages use."""
        if self._table is None:
            from sysdesign_cli.core.loader import load_reference

            self._table = load_reference(cached=True)[0]
            if self._table is None:
                raise RuntimeError("the capacity table cannot be loaded")
        return self._table

    def save(self) -> None:
        """Hand the run's data on to be kept."""
        if self._save is not None:
            self._save(self.run.to_json())

    def play(self) -> ExerciseRun:
        """Every stage from where the run stands, saving after each."""
        stages = self.exercise.stages
        if 0 < self.run.next_stage < len(stages):
            # Counted as stages done: "stage 4" read beside a heading "3. Draw it" (the
            # headings number the steps, not the questions between them) contradicted it.
            self.console.print(f"[dim]Resuming where you stopped: {self.run.next_stage} of "
                               f"{len(stages)} stages done.[/dim]")  # fmt: skip
        for index in range(self.run.next_stage, len(stages)):
            stage = stages[index]
            title = getattr(stage, "title", None) or "Question"
            self.console.print()
            self.console.rule(f"[bold]{escape(title)}[/bold]")
            self.run.record(stage, self.play_stage(stage))
            self.save()
        self.run.finished = True
        self.save()
        return self.run

    def play_stage(self, stage: Any) -> StageResult:
        """One stage by its kind, without saving (an interview runs its parts this way)."""
        if stage.kind in ("design", "load", "drill", "loop"):
            from sysdesign_cli.sessions import exercise_design  # the design engine

            return getattr(exercise_design, f"{stage.kind}_stage")(self, stage)
        return getattr(self, f"_{stage.kind}")(stage)

    def say(self, text: str) -> None:
        """Markdown from the exercise (rich renders it as text, never as markup)."""
        self.console.print(LessonMarkdown(text.strip()))

    def explain(self, stage: Any) -> None:
        """The stage's explanation, after the learner has answered."""
        self.console.print(escape(stage.explanation.strip()), style="italic")

    # ------------------------------------------------------------ stage kinds

    def _estimate(self, stage: EstimateStage) -> StageResult:
        self.say(stage.prompt)
        score = 0.0
        answers = {}
        for figure in stage.figures:
            question = FigureQuestion(
                id=f"{stage.id}-{figure}", topic=stage.topic, prompt=LABELS.get(figure, figure),
                figure=figure, hints=list(stage.hints), stage=stage,
            )  # fmt: skip
            outcome = ask(question, self.asker, self.console)
            score += BAND_SCORE[outcome.grade.band or Band.OFF] / len(stage.figures)
            answers[figure] = outcome.response
        self.explain(stage)
        return StageResult(stage.id, stage.title, round(score * stage.points, 2), stage.points,
                           study=stage.study, answer=answers)  # fmt: skip

    def _choose(self, stage: ChooseStage) -> StageResult:
        from sysdesign_cli.sessions.written import review, written

        choices = shuffled(list(stage.choices), asking_seed(stage.id))
        choice = self.asker.select(stage.prompt.strip(), choices)
        # The reason for the learner's own pick first, before any verdict: asked after
        # the right answers are out, "Why?" would be asked of a choice already ruled out.
        self.console.print(f"Your pick: [bold]{escape(choice)}[/bold]")
        reason, used = written(self.asker, self.console, stage.reason_prompt, stage.rubric,
                               stage.hints)  # fmt: skip
        right_choice = choice in stage.answers
        mark = "[green]✓[/green]" if right_choice else "[red]✗[/red]"
        self.console.print(f"{mark} {escape(choice)}")
        feedback = [] if right_choice else [
            f"{quoted(choice)} is hard to defend here; defensible: {', '.join(stage.answers)}"
        ]  # fmt: skip
        for line in feedback:
            self.console.print(f"[yellow]{escape(line)}[/yellow]")
        found = review(self.asker, self.console, stage.rubric, reason, stage.example)
        score = max(0.0, stage.points * (0.6 * right_choice + 0.4 * found["fraction"]) - used)
        self.explain(stage)
        return StageResult(stage.id, stage.title, round(score, 2), stage.points,
                           feedback + found["feedback"], stage.study,
                           {"choice": choice, "reason": reason}, **found["fields"])  # fmt: skip

    def _free(self, stage: FreeStage) -> StageResult:
        from sysdesign_cli.core.design_settled import settled_points
        from sysdesign_cli.sessions.written import review, written

        # A weakness the learner's own design does not have is not one they missed, nor
        # one they named.
        settled = settled_points(stage.rubric, self.run.graph, self.run.verdict())
        answer, used = written(self.asker, self.console, stage.prompt.strip(), stage.rubric,
                               stage.hints, settled)  # fmt: skip
        found = review(self.asker, self.console, stage.rubric, answer, stage.example, settled)
        score = max(0.0, stage.points * found["fraction"] - used)
        self.explain(stage)
        data = {"settled": sorted(settled)} if settled else {}  # no review card for them
        return StageResult(stage.id, stage.title, round(score, 2), stage.points,
                           found["feedback"], stage.study, answer, **found["fields"],
                           data=data)  # fmt: skip

    def _question(self, stage: Any) -> StageResult:
        outcome = ask(stage, self.asker, self.console)
        points = 10
        score = points if outcome.first_try else points / 2 if outcome.grade.correct else 0
        feedback = [] if outcome.grade.correct else [outcome.grade.feedback]
        return StageResult(stage.id, stage_title(stage), score, points,
                           feedback, getattr(stage, "study", None), outcome.response)  # fmt: skip

