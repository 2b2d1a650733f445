"""Exercises on screen: paths as trees, the learner's design beside the reference,
the score per stage, and the Markdown export."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from sysdesign_cli.core.design import Design, availability, mermaid
from sysdesign_cli.core.quantities import format_percent
from sysdesign_cli.render.tables import FitTable, fit_columns

if TYPE_CHECKING:
    from sysdesign_cli.core.curriculum import Exercise
    from sysdesign_cli.sessions.exercise import ExerciseRun


def _label(exercise: Exercise, block_id: str, replicated: set[str]) -> Text:
    label = Text(exercise.block(block_id).label, style="bold")
    if block_id in replicated:
        label.append(" x2+", style="green")
    return label


def path_tree(
    exercise: Exercise, title: str, path: list[str], replicated: set[str] | None = None
) -> Tree:
    """One path as a chain: each block hands the request to the next."""
    replicated = replicated or set()
    tree = Tree(Text(title, style="underline"), guide_style="dim")
    branch = tree
    for block_id in path:
        branch = branch.add(_label(exercise, block_id, replicated))
    return tree


def design_tree(exercise: Exercise, title: str, design: Design) -> Tree:
    """Every path of a design under one root, with each path's chain."""
    tree = Tree(Text(title, style="bold"), guide_style="dim")
    for name, path in design.paths.items():
        branch = tree.add(Text(name, style="underline"))
        for block_id in path:
            branch = branch.add(_label(exercise, block_id, design.replicated))
    tree.add(Text(f"availability {format_percent(availability(exercise, design))}", style="cyan"))
    return tree


def side_by_side(exercise: Exercise, mine: Design, reference: Design, width: int) -> RenderableType:
    """The two designs next to each other, or one above the other on a narrow terminal."""
    left = design_tree(exercise, "Your design", mine)
    right = design_tree(exercise, "Reference design", reference)
    if width < 100:
        return Group(left, Text(""), right)
    grid = Table.grid(padding=(0, 4))
    grid.add_column()
    grid.add_column()
    grid.add_row(left, right)
    return grid


def score_table(run: ExerciseRun) -> Table:
    """Score per stage, and what to study where points were lost."""
    table = FitTable(title=f"{run.exercise.title}: {run.score:g} / {run.max_score}",
                  title_justify="left")  # fmt: skip
    table.add_column("Stage")
    table.add_column("Score", justify="right")
    table.add_column("To study")
    for result in run.results:
        lost = result.score < result.points
        study = f"sysdesign learn {result.study}" if lost and result.study else ""
        table.add_row(escape(result.title), _score(result), study)
    if any(getattr(result, "self_assessed", False) for result in run.results):
        table.caption = "self-assessed: the points you confirmed in your own answer"
    return fit_columns(table)


def _score(result: Any) -> str:
    """`7 / 10`, and `(self-assessed)` where the learner confirmed the points."""
    mark = " (self-assessed)" if getattr(result, "self_assessed", False) else ""
    return f"{result.score:g} / {result.points}{mark}"


def availability_lines(exercise: Exercise, mine: Design, reference: Design) -> list[str]:
    """Both designs' composite availability, with how it was worked out."""
    return [
        f"Your design: {format_percent(availability(exercise, mine))} available; "
        f"reference: {format_percent(availability(exercise, reference))}.",
        "Every block in series; a block you run more than once counts as two in parallel: "
        "1 - (1 - A)^2."
        + (
            " A database with a read replica on a path counts in parallel with its replica."
            if any(block.replica_of for block in exercise.blocks)
            else ""
        ),
    ]


def markdown_report(run: ExerciseRun, reference: Design) -> str:
    """The result as Markdown with a Mermaid diagram of the learner's design."""
    exercise = run.exercise
    lines = [f"# {exercise.title}", "", exercise.summary, "",
             f"Score: **{run.score:g} / {run.max_score}**"]  # fmt: skip
    drawn = bool(run.design.paths or reference.paths)  # open scenarios draw no paths
    if drawn:
        lines += ["", "## Your design", "", "```mermaid", mermaid(exercise, run.design), "```",
                  ""]  # fmt: skip
        lines += availability_lines(exercise, run.design, reference)
    lines += ["", "## Stages", "", "| stage | score | notes |", "|---|---|---|"]
    for result in run.results:
        notes = "; ".join(result.feedback).replace("|", "/") or "-"
        lines.append(f"| {result.title} | {_score(result)} | {notes} |")
    if run.findings:
        lines += ["", "## Design checks", ""]
        lines += [f"- **{f.kind}** ({f.block}): {f.message}" for f in run.findings]
    answers = [r for r in run.results if isinstance(r.answer, str) and r.answer.strip()]
    if answers:
        lines += ["", "## Your answers", ""]
        lines += [f"- {r.title}: {r.answer}" for r in answers]
    if drawn:
        lines += ["", "## Reference design", "", "```mermaid", mermaid(exercise, reference),
                  "```"]  # fmt: skip
    lines.append("")
    return "\n".join(lines)


def summary(run: ExerciseRun, reference: Design, width: int) -> list[Any]:
    """Everything shown at the end of an exercise, in order."""
    parts: list[Any] = []
    if run.design.paths or reference.paths:  # open scenarios draw no paths
        parts += [side_by_side(run.exercise, run.design, reference, width), Text("")]
        parts += [Text(line) for line in availability_lines(run.exercise, run.design, reference)]
    if run.findings:
        parts.append(Text("Design checks:", style="bold"))
        for finding in run.findings:
            label = run.exercise.block(finding.block).label
            parts.append(Text(f"  {finding.kind}: {label} - {finding.message}"))
    free = {stage.id for stage in run.exercise.stages if stage.kind == "free"}
    named = [r for r in run.results if r.stage_id in free and str(r.answer or "").strip()]
    if named:
        parts.append(Text("What you wrote:", style="bold"))
        parts += [Text(f"  {result.title}: {result.answer}") for result in named]
    parts.append(score_table(run))
    return parts
