"""`sysdesign exercise`: list the exercises, or run one and save the result."""

from __future__ import annotations

import json

from rich.markup import escape

from sysdesign_cli.cli.console import make_asker, make_console, stopping
from sysdesign_cli.cli.context import load_lessons, open_store
from sysdesign_cli.cli.export import export_target, write_export
from sysdesign_cli.cli.lessons import unknown_name
from sysdesign_cli.core.safe_text import visible


def run_exercise(
    name: str | None, *, export: str | None, force: bool, plain: bool, curriculum: str | None
) -> None:
    """Without a name, list exercises with best scores; with one, run it."""
    lessons = load_lessons(curriculum)
    exercises = lessons.ordered_exercises()
    console = make_console()
    target = export_target(export, "--export", force) if export is not None else None
    with open_store() as store:
        if name is None:
            from sysdesign_cli.render.progress import exercise_table

            titles = {item.id: item.title for item in exercises}
            console.print(exercise_table(store.best_exercise_scores(), titles))
            console.print("Start one with [bold]sysdesign exercise NAME[/bold], "
                          "e.g. sysdesign exercise pastebin.")  # fmt: skip
            return
        if name not in lessons.exercises:
            raise unknown_name("exercise", name, [e.id for e in exercises], "sysdesign exercise")
        exercise = lessons.exercises[name]

        from sysdesign_cli.core.design import reference_design
        from sysdesign_cli.render.exercise import markdown_report, summary
        from sysdesign_cli.sessions.exercise import ExerciseSession

        console.rule(f"[bold]{escape(exercise.title)}[/bold]")
        console.print(escape(exercise.summary), style="italic")
        session = ExerciseSession(exercise, make_asker(console, plain), console)
        with stopping(console, f"run `sysdesign exercise {exercise.id}` to start it again",
                      saved="An exercise is saved when it is finished"):  # fmt: skip
            run = session.play()
        reference = reference_design(exercise)
        console.print()
        for part in summary(run, reference, console.width):
            console.print(part)
        store.save_exercise_result(exercise.id, run.score, run.max_score, json.dumps(run.to_json()))
        if target is not None:
            # Checked again as it is written: a file made meanwhile is not clobbered either.
            write_export(target, markdown_report(run, reference), force)
            console.print(f"Written to {escape(visible(str(target)))}.")
