"""`sysdesign exercise`: list the exercises, or run one, resumable stage by stage, and
export an attempt as Markdown."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from sysdesign_cli.cli.console import Kept, fail, make_asker, make_console, stopping
from sysdesign_cli.cli.context import capacity_of, load_lessons, open_store
from sysdesign_cli.cli.export import export_again, export_target, write_export
from sysdesign_cli.cli.lessons import meant, unknown_name
from sysdesign_cli.cli.paths import user_path
from sysdesign_cli.core.safe_text import visible_path
from sysdesign_cli.render.markup import escape

if TYPE_CHECKING:
    from sysdesign_cli.core.exercise_schema import Exercise
    from sysdesign_cli.core.loader import Curriculum
    from sysdesign_cli.store import Store

KIND = "exercise"  # the attempts' kind in the store (an interview is another)


def _design_file(design: str | None) -> Any:
    """The graph in --design FILE, or one clear error before any stage."""
    if design is None:
        return None
    from sysdesign_cli.cli.design import BAD_FILE, DesignFileError, print_error, read_design

    try:
        return read_design(user_path(design, "--design"))
    except DesignFileError as error:
        print_error(error.lines)
        raise typer.Exit(BAD_FILE) from None


def exercises_under_way(store: Store, exercises: list[Exercise]) -> dict[str, str]:
    """Where each attempt under way stands: exercise id -> `stage 2 of 10`."""
    from sysdesign_cli.core.resume_fit import fit_run

    known = {item.id: item for item in exercises}
    going = {}
    for item_id, state in store.attempts_in_progress(KIND).items():
        exercise = known.get(item_id)
        if exercise is None:
            continue
        try:  # where the resume starts: what no longer fits the exercise is asked again
            data, _ = fit_run(exercise, json.loads(state))
            at = len(data["stages"])
        except (ValueError, TypeError, KeyError, AttributeError):
            continue
        total = len(exercise.stages)
        going[item_id] = f"stage {min(at + 1, total)} of {total}"
    return going


def _list(store: Store, exercises: list[Exercise]) -> None:
    from sysdesign_cli.render.progress import exercise_table

    console = make_console()
    going = exercises_under_way(store, exercises)
    titles = {item.id: item.title for item in exercises}
    console.print(exercise_table(store.best_exercise_scores(), titles, going))
    console.print("Start one with [bold]sysdesign exercise NAME[/bold], "
                  "e.g. sysdesign exercise pastebin.")  # fmt: skip


def run_exercise(
    name: str | None, *, export: str | None, force: bool, plain: bool, curriculum: str | None,
    design: str | None = None, restart: bool = False,
) -> None:  # fmt: skip
    """Without a name, list exercises with best scores and attempts under way; with one,
    run it (going on with a saved attempt), or export the last finished attempt."""
    lessons = load_lessons(curriculum)
    exercises = lessons.ordered_exercises()
    if name is not None:
        found = meant(name, [e.id for e in exercises])
        if found is None:
            raise unknown_name("exercise", name, [e.id for e in exercises], "sysdesign exercise")
        name = found
    target = export_target(export, "--export", force) if export is not None else None
    graph = _design_file(design)
    with open_store() as store:
        if name is None:
            _list(store, exercises)
            return
        exercise = lessons.exercises[name]
        if restart:
            store.drop_attempt(KIND, exercise.id)
        saved = store.attempt(KIND, exercise.id)
        if target is not None and saved is None and not restart and graph is None:
            done = store.finished_attempt(KIND, exercise.id)
            if done is not None:
                _export_finished(exercise, done, target, force, capacity_of(lessons))
                return
        _play(store, exercise, saved, graph, target, force, plain, lessons)


def _export_finished(
    exercise: Exercise, state: str, target: Path, force: bool, table: Any
) -> None:
    from sysdesign_cli.core.exercise_run import ExerciseRun
    from sysdesign_cli.render.exercise_export import markdown_report

    try:
        run = ExerciseRun.from_json(exercise, json.loads(state))
    except (ValueError, TypeError, KeyError):
        fail(f"your last finished attempt at {exercise.id} no longer fits the exercise; run "
             f"`sysdesign exercise {exercise.id} --restart --export {target}` for a new one")
    write_export(target, markdown_report(run, table), force)
    make_console().print(f"Your last finished attempt at {escape(exercise.title)} is written "
                         f"to {escape(visible_path(target))}.")  # fmt: skip


def _play(store: Store, exercise: Exercise, saved: str | None, graph: Any,
          target: Path | None, force: bool, plain: bool, lessons: Curriculum) -> None:  # fmt: skip
    from sysdesign_cli.core.exercise_run import ExerciseRun
    from sysdesign_cli.sessions.exercise import ExerciseSession

    console = make_console()
    run = None
    if saved is not None:
        from sysdesign_cli.core.resume_fit import fit_exercise

        try:
            data, changed = fit_exercise(exercise, json.loads(saved))
            run = ExerciseRun.from_json(exercise, data)
        except (ValueError, TypeError, KeyError, AttributeError):
            console.print("[yellow]Your saved attempt no longer fits this exercise; starting "
                          "over.[/yellow]")  # fmt: skip
            store.drop_attempt(KIND, exercise.id)
        else:
            if changed:
                console.print(f"[yellow]{escape(changed)}[/yellow]")
    if run is not None and graph is not None and run.lines:
        console.print("[yellow]You have drawn this attempt's design already; --design is not "
                      "used (--restart starts over with it).[/yellow]")  # fmt: skip
    console.rule(f"[bold]{escape(exercise.title)}[/bold]")
    console.print(escape(exercise.summary), style="italic")

    kept = Kept(run is not None)

    def keep(data: dict[str, Any]) -> None:
        store.save_attempt(KIND, exercise.id, json.dumps(data))
        kept.saved = True

    table = capacity_of(lessons)
    session = ExerciseSession(exercise, make_asker(console, plain), console, run=run,
                              design=graph, save=keep, table=table)  # fmt: skip
    again = f"sysdesign exercise {exercise.id}{export_again(target, force)}"
    with stopping(console, kept.resume(again), kept.said):
        finished = session.play()
    state = json.dumps(finished.to_json())
    store.finish_attempt(KIND, exercise.id, state)
    store.save_exercise_result(exercise.id, finished.score, finished.max_score, state)
    from sysdesign_cli.render.exercise import summary  # the report's modules, once finished

    console.print()
    for part in summary(finished):
        console.print(part)
    if target is not None:
        from sysdesign_cli.render.exercise_export import markdown_report

        # Checked again as it is written: a file made meanwhile is not clobbered either.
        write_export(target, markdown_report(finished, table), force)
        console.print(f"Written to {escape(visible_path(target))}.")
