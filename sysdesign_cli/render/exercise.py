"""An exercise's end on screen: the checks of the learner's design (the one verdict every
stage used), what they wrote, and the score per stage with what to study."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.markup import escape
from rich.table import Table
from rich.text import Text

from sysdesign_cli.render.design_report import findings_view
from sysdesign_cli.render.tables import FitTable, fit_columns
from sysdesign_cli.render.text import points_text

if TYPE_CHECKING:
    from sysdesign_cli.core.exercise_run import ExerciseRun


def score_table(run: ExerciseRun) -> Table:
    """Score per stage, and what to study where points were lost."""
    table = FitTable(title=f"{run.exercise.title}: {points_text(run.score, run.max_score)}",
                  title_justify="left")  # fmt: skip
    table.add_column("Stage")
    table.add_column("Score", justify="right")
    table.add_column("To study")
    for result in run.results:
        lost = result.score < result.points
        study = f"sysdesign learn {result.study}" if lost and result.study else ""
        table.add_row(escape(result.title), score_text(result), study)
    if any(result.self_assessed for result in run.results):
        table.caption = "self-assessed: the points you confirmed in your own answer"
    return fit_columns(table)


def score_text(result: Any) -> str:
    """`7 / 10`, and `(self-assessed)` where the learner confirmed the points."""
    mark = " (self-assessed)" if getattr(result, "self_assessed", False) else ""
    return f"{points_text(result.score, result.points)}{mark}"


def summary(run: ExerciseRun) -> list[Any]:
    """Everything shown at the end of an exercise, in order."""
    parts: list[Any] = []
    verdict = run.verdict()
    if verdict is not None:
        parts += [Text("Your design, checked:", style="bold"), findings_view(verdict), Text("")]
    free = {stage.id for stage in run.exercise.stages if stage.kind == "free"}
    named = [r for r in run.results if r.stage_id in free and str(r.answer or "").strip()]
    if named:
        parts.append(Text("What you wrote:", style="bold"))
        parts += [Text(f"  {result.title}: {result.answer}") for result in named]
    parts.append(score_table(run))
    return parts
