"""`sysdesign progress`: what is done, accuracy, reviews due; reset, export, import."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import typer

from sysdesign_cli.cli.console import Refused, fail, make_asker, make_console, stopping
from sysdesign_cli.cli.context import load_lessons, open_store
from sysdesign_cli.cli.jsonout import dumps
from sysdesign_cli.cli.paths import user_path
from sysdesign_cli.core.safe_text import visible_path
from sysdesign_cli.render.markup import escape

MAX_IMPORT_BYTES = 32_000_000  # a heavy learner's years of answers fit in a few MB


def _no_constant(name: str) -> Any:
    raise ValueError(f"it holds {name}, which is not a number")


def read_export(source: Path) -> Any:
    """The JSON in a progress export: a regular file under the cap, parsed without NaN or
    Infinity; one clear error for anything else (a FIFO, /dev/zero, 100,000 levels deep)."""
    from sysdesign_cli.core.files import FileRefused, read_capped

    shown = visible_path(source)
    try:
        raw = read_capped(source, MAX_IMPORT_BYTES)
    except FileRefused as refused:
        fail(refused.sentence(shown))
    try:
        # utf-8-sig: an export opened and saved again in an editor that adds a BOM.
        return json.loads(raw.decode("utf-8-sig"), parse_constant=_no_constant)
    except UnicodeDecodeError:
        if raw.startswith(b"SQLite format 3\x00"):
            from sysdesign_cli.store.file import DB_NAME, home_dir

            live = visible_path(home_dir() / DB_NAME)
            fail(f"{shown} is a progress database, not an export: to use it, copy it over "
                 f"{live} (keep a copy of that one first)")  # fmt: skip
        fail(f"{shown} is not a progress export (not UTF-8 text)")
    except json.JSONDecodeError as error:
        fail(f"{shown} is not a progress export (bad JSON at line {error.lineno})")
    except RecursionError:
        fail(f"{shown} is not a progress export (nested too deep)")
    except ValueError as error:
        said = str(error) if "which is not a number" in str(error) else "a number is too long"
        fail(f"{shown} is not a progress export ({said})")


def progress_data(curriculum, store) -> dict:  # type: ignore[no-untyped-def]
    """Progress as plain data: the same for the JSON and the tables."""
    from sysdesign_cli.render.progress import steps_done

    now = datetime.now(timezone.utc)
    progress = store.lesson_progress()
    lessons = []
    for lesson in curriculum.ordered_lessons():
        item = progress.get(lesson.id)
        total = len(lesson.steps)
        done = steps_done(item, total)
        lessons.append(
            {
                "id": lesson.id,
                "title": lesson.title,
                "steps_done": done,
                "steps_total": total,
                "completed": bool(item and item.completed),
            }  # fmt: skip
        )
    end_of_day = now.replace(hour=23, minute=59, second=59)
    return {
        "lessons": lessons,
        "answers_by_topic": {
            topic: {"answered": s.answered, "correct": s.correct, "accuracy": s.accuracy}
            for topic, s in sorted(store.answers_by_topic().items())
        },
        "answers": store.answer_count(),
        "reviews_due": {
            "now": store.due_count(now),
            "today": store.due_count(end_of_day),
            "this_week": store.due_count(now + timedelta(days=7)),
        },
        "exercises": {
            key: {"best_score": score, "max_score": top}
            for key, (score, top) in sorted(store.best_exercise_scores().items())
        },
        "interviews": _interviews(store),
    }


def _interviews(store) -> dict:  # type: ignore[no-untyped-def]
    """Per scenario: the best round's score and the last round's steps, behaviours and
    what to study next."""
    from sysdesign_cli.cli.interview import finished_rounds
    from sysdesign_cli.render.interview import best_rounds

    rounds = finished_rounds(store)
    last = dict(rounds)
    found = {}
    for key, (score, top) in sorted(best_rounds(rounds).items()):
        data = last[key]
        found[key] = {"score": score, "max_score": top, "last": {
            name: data.get(name) for name in ("score", "max_score", "minutes", "steps",
                                              "behaviours", "study_next")}}  # fmt: skip
    return found


def run_progress(
    *,
    as_json: bool,
    reset: bool,
    yes: bool,
    export: str | None,
    import_: str | None,
    force: bool,
    plain: bool,
    curriculum: str | None,
) -> None:
    """Show, reset, export or import progress."""
    from sysdesign_cli.store import StoreError

    if sum(x is not None and x is not False for x in (reset, export, import_)) > 1:
        raise Refused("use one of --reset, --export and --import at a time")
    if as_json and (reset or export is not None or import_ is not None):
        # --export already writes the JSON; printed data and a question do not mix.
        raise Refused("--json prints progress as data: leave out --reset, --export and "
                      "--import, or --json")  # fmt: skip
    console = make_console()
    with open_store(reads_only=not reset and import_ is None) as store:
        if reset:
            if not yes:
                asker = make_asker(console, plain)
                with stopping(console, "nothing was erased"):
                    sure = asker.confirm("Erase all progress: lessons, answers, reviews, scores?")
                if not sure:
                    console.print("Nothing erased.")
                    return
            store.reset()
            console.print("All progress erased.")
            return
        if export is not None:
            from sysdesign_cli.cli.export import export_target, write_export

            target = export_target(export, "--export", force)
            write_export(target, json.dumps(store.export_data(), indent=2) + "\n", force)
            console.print(f"Progress written to {escape(visible_path(target))}.")
            return
        if import_ is not None:
            source = user_path(import_, "--import")
            data = read_export(source)
            try:
                store.check_import(data)
            except StoreError as error:
                fail(f"{source}: {error}")
            if not yes and store.answer_count() + len(store.lesson_progress()) > 0:
                asker = make_asker(console, plain)
                with stopping(console, "add --yes to replace without asking",
                              saved="Nothing changed"):  # fmt: skip
                    name = visible_path(source.name)
                    sure = asker.confirm(f"Replace all progress here with {name}?")
                if not sure:
                    console.print("Nothing replaced.")
                    return
            try:
                store.import_data(data)
            except StoreError as error:
                fail(f"{source}: {error}")
            console.print(f"Progress replaced from {escape(visible_path(source))}.")
            return

        lessons = load_lessons(curriculum)
        data = progress_data(lessons, store)
        if as_json:
            typer.echo(dumps(data))
            return
        from sysdesign_cli.render.progress import exercise_table, lesson_table, topic_table

        console.print(lesson_table(lessons.ordered_lessons(), store.lesson_progress()))
        stats = store.answers_by_topic()
        if stats:
            console.print(topic_table(stats))
        else:
            console.print("[dim]No questions answered yet.[/dim]")
        due = data["reviews_due"]
        console.print(
            f"Reviews due: [bold]{due['now']}[/bold] now, {due['today']} today, "
            f"{due['this_week']} this week."
        )
        from sysdesign_cli.cli.exercise import exercises_under_way
        from sysdesign_cli.cli.interview import rounds_under_way

        exercises = lessons.ordered_exercises()
        titles = {item.id: item.title for item in exercises}
        if titles:
            # Attempts under way as `sysdesign exercise` lists them, so the two agree.
            console.print(exercise_table(store.best_exercise_scores(), titles,
                                         exercises_under_way(store, exercises)))  # fmt: skip
        going = rounds_under_way(store, lessons.ordered_interviews())
        _show_interviews(console, lessons, data["interviews"], going)


def _show_interviews(console, lessons, found, going) -> None:  # type: ignore[no-untyped-def]
    """The scenarios' best scores and rounds under way, and the last round's result for
    each one tried."""
    if not found and not going:
        return
    from sysdesign_cli.render.interview import interview_table, result_view

    titles = {item.id: item.title for item in lessons.ordered_interviews()}
    best = {key: (item["score"], item["max_score"]) for key, item in found.items()}
    console.print(interview_table(best, titles, going))
    for key, item in found.items():
        if key not in titles:
            continue
        try:
            parts = result_view(item["last"], f"Last round, {titles[key]}")
        except (KeyError, TypeError, ValueError):
            continue  # a round saved by another version
        for part in parts:
            console.print(part)
