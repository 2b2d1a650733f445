"""The home screen: what is here, progress at a glance, the one next thing to do."""

from __future__ import annotations

from datetime import datetime, timezone

from sysdesign_cli.cli.console import make_console
from sysdesign_cli.cli.context import load_lessons, open_store
from sysdesign_cli.render.markup import escape


def home_screen(curriculum: str | None) -> None:
    """Print the home screen."""
    from sysdesign_cli.sessions.learn import resume_target

    lessons = load_lessons(curriculum)
    console = make_console()
    with open_store() as store:
        progress = store.lesson_progress()
        ordered = lessons.ordered_lessons()
        done = sum(1 for lesson in ordered if progress.get(lesson.id, None)
                   and progress[lesson.id].completed)  # fmt: skip
        answered, right = store.first_answers()
        due = store.due_count(datetime.now(timezone.utc))
        target = resume_target(lessons, store)
        going = _under_way(store, lessons)
        if target is not None:
            position = store.lesson_position(target.id)
            verb = f"continue at step {position + 1}" if position else "start"
            next_thing = f"sysdesign learn   ({verb}: {escape(target.title)})"
        elif due:
            next_thing = f"sysdesign quiz --due   ({due} reviews due)"
        else:
            next_thing = "sysdesign exercise pastebin   (design a whole system)"

    lines = [
        "[bold]sysdesign[/bold] - learn system design in your terminal.",
        "",
        f"Lessons: [bold]{done}[/bold] of {len(ordered)} complete",
    ]
    if answered:
        lines.append(f"Questions: {answered} answered, {right / answered:.0%} right first time")
    lines.append(f"Reviews due now: {due}")
    if going:  # stopped mid-way: said here, or only the lists would ever tell
        lines.append("Under way: " + ", ".join(going))
    lines += ["", f"Next: [bold cyan]{next_thing}[/bold cyan]", ""]
    lines.append(
        "Also: learn --list, quiz, estimate --dau 1M, nines 99.99, numbers, exercise, interview, "
        "design check FILE, progress"
    )
    from sysdesign_cli.render.plain import PlainConsole

    if isinstance(console, PlainConsole):  # a panel unboxed is its text: no rich to load
        console.print("\n".join(lines))
        return
    from rich.panel import Panel

    console.print(Panel("\n".join(lines), expand=False))


def _under_way(store, lessons) -> list[str]:  # type: ignore[no-untyped-def]
    """Each exercise and mock interview stopped mid-way, as the command that goes on."""
    from sysdesign_cli.cli.exercise import exercises_under_way
    from sysdesign_cli.cli.interview import rounds_under_way

    exercises = exercises_under_way(store, lessons.ordered_exercises())
    rounds = rounds_under_way(store, lessons.ordered_interviews())
    return [f"sysdesign exercise {escape(key)} ({where})" for key, where in exercises.items()] + [
        f"sysdesign interview {escape(key)} ({where})" for key, where in rounds.items()
    ]
