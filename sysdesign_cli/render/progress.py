"""Progress as tables and bars: lessons, accuracy by topic, reviews, exercises."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from rich.markup import escape
from rich.progress_bar import ProgressBar
from rich.table import Table

from sysdesign_cli.core.progress_records import LessonProgress, TopicStats
from sysdesign_cli.render.tables import FitTable, fit_columns
from sysdesign_cli.render.text import points_text

if TYPE_CHECKING:
    from sysdesign_cli.core.curriculum import Lesson


def _status(lesson: Lesson, progress: LessonProgress | None) -> str:
    total = len(lesson.steps)
    if progress is not None and progress.completed:
        return "[green]done[/green]"
    if progress is None or progress.next_step == 0:
        return "not started"
    return f"step {progress.next_step + 1} of {total}"


def steps_done(progress: LessonProgress | None, total: int) -> int:
    """How much of a lesson is done: all of it once finished, even while gone through again."""
    if progress is None:
        return 0
    return total if progress.completed else min(progress.next_step, total)


def lesson_table(lessons: Sequence[Lesson], progress: Mapping[str, LessonProgress]) -> Table:
    """Lessons in order with a bar and a status each."""
    table = FitTable(title="Lessons", title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("Lesson (id)")
    table.add_column("Progress", min_width=12)
    table.add_column("Status")
    for number, lesson in enumerate(lessons, 1):
        item = progress.get(lesson.id)
        done = steps_done(item, len(lesson.steps))
        table.add_row(
            str(number),
            f"{escape(lesson.title)} [dim]({lesson.id})[/dim]",
            ProgressBar(total=len(lesson.steps), completed=done, width=12),
            _status(lesson, item),
        )
    return fit_columns(table)


def topic_table(stats: Mapping[str, TopicStats]) -> Table:
    """Answers and accuracy per topic, weakest first."""
    # Every answer, a re-ask after a miss included: the home screen counts questions
    # (right the first time), so this table says it counts answers.
    table = FitTable(title="Accuracy by topic (every answer)", title_justify="left")
    table.add_column("Topic")
    table.add_column("Answers", justify="right")
    table.add_column("Right", justify="right")
    table.add_column("Accuracy", justify="right")
    for item in sorted(stats.values(), key=lambda s: (s.accuracy, s.topic)):
        style = "green" if item.accuracy >= 0.8 else "yellow" if item.accuracy >= 0.5 else "red"
        table.add_row(
            escape(item.topic),
            str(item.answered),
            str(item.correct),
            f"[{style}]{item.accuracy:.0%}[/{style}]",
        )
    return fit_columns(table)


def exercise_table(
    best: Mapping[str, tuple[float, float]], titles: Mapping[str, str],
    going: Mapping[str, str] | None = None, *, title: str = "Exercises",
    column: str = "Exercise",
) -> Table:  # fmt: skip
    """Best score per exercise (or interview scenario), and where an attempt under way
    stands (`going`)."""
    going = going or {}
    table = FitTable(title=title, title_justify="left")
    table.add_column(column)
    table.add_column("Best score", justify="right")
    if going:
        table.add_column("Under way")
    for key, title in titles.items():
        score = best.get(key)
        shown = points_text(score[0], score[1]) if score else "[dim]not tried[/dim]"
        row = [f"{escape(title)} [dim]({key})[/dim]", shown]
        if going:
            row.append(escape(going.get(key, "")))
        table.add_row(*row)
    return fit_columns(table)
