"""`sysdesign exercise`: list the exercises, or run one and save the result."""

from __future__ import annotations

import json
from pathlib import Path

from rich.markup import escape

from sysdesign_cli.cli.console import fail, make_asker, make_console, stopping
from sysdesign_cli.cli.context import load_lessons, open_store
from sysdesign_cli.cli.lessons import unknown_name


def run_exercise(
    name: str | None, *, export: str | None, force: bool, plain: bool, curriculum: str | None
) -> None:
    """Without a name, list exercises with best scores; with one, run it."""
    lessons = load_lessons(curriculum)
    exercises = lessons.ordered_exercises()
    console = make_console()
    target = Path(export).expanduser() if export else None
    if target is not None and target.exists() and not force:
        fail(f"{target} already exists; pass --force to overwrite it")
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
            try:
                # "x": a file made while the exercise ran is not clobbered either.
                with open(target, "w" if force else "x", encoding="utf-8") as out:
                    out.write(markdown_report(run, reference))
            except FileExistsError:
                fail(f"{target} appeared while you worked; your result is saved, "
                     "run again with --force to overwrite it")  # fmt: skip
            except OSError as error:
                fail(f"cannot write {target}: {error.strerror or error}")
            console.print(f"Written to {escape(str(target))}.")
