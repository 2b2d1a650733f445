"""`sysdesign learn`, `sysdesign numbers` and `sysdesign validate`."""

from __future__ import annotations

from pathlib import Path

import typer

from sysdesign_cli.cli.console import Refused, fail, make_asker, make_console, stopping
from sysdesign_cli.cli.context import load_lessons, open_store
from sysdesign_cli.core.safe_text import SHORT, quoted, visible_path
from sysdesign_cli.render.markup import escape


def unknown_name(kind: str, name: str, known: list[str], listing: str) -> Refused:
    import difflib

    close = difflib.get_close_matches(name, known, n=1)
    hint = f" Did you mean {quoted(close[0])}?" if close else ""
    return Refused(
        f"no {kind} {quoted(name, SHORT)}.{hint} Known: {', '.join(known)}. See `{listing}`."
    )


def meant(name: str, known: list[str], numbered: bool = False) -> str | None:
    """The id a learner meant: the id in any case (`Pastebin`), or where the list shows
    numbers (`learn --list`), the number beside it (`4`); None if it names none."""
    typed = name.strip()
    by_case = {each.casefold(): each for each in known}
    if typed.casefold() in by_case:
        return by_case[typed.casefold()]
    if numbered and typed.isascii() and typed.isdigit() and 1 <= int(typed[:4]) <= len(known):
        return known[int(typed) - 1]
    return None


def run_learn(
    lesson_id: str | None, *, list_: bool, restart: bool, plain: bool, curriculum: str | None
) -> None:
    """List lessons, or teach one (resuming where the learner stopped)."""
    from sysdesign_cli.sessions.learn import next_lesson, resume_target, run_lesson, summary_lines

    lessons = load_lessons(curriculum)
    console = make_console()
    with open_store() as store:
        if list_:
            from sysdesign_cli.render.progress import lesson_table

            console.print(lesson_table(lessons.ordered_lessons(), store.lesson_progress()))
            return
        if lesson_id is not None:
            listed = [each.id for each in lessons.ordered_lessons()]
            found = meant(lesson_id, listed, numbered=True)
            if found is None:
                raise unknown_name("lesson", lesson_id, listed, "sysdesign learn --list")
            lesson = lessons.lessons[found]
        else:
            lesson = resume_target(lessons, store)
            if lesson is None:
                console.print(
                    "Every lesson is complete. [bold]sysdesign quiz[/bold] keeps it fresh; "
                    "[bold]sysdesign learn LESSON --restart[/bold] goes through one again."
                )
                return
        start = store.lesson_position(lesson.id)
        if restart:
            store.reset_lesson(lesson.id)
            start = 0
        elif start >= len(lesson.steps):
            # A finished lesson opened again is gone through from the top, and stays finished.
            start = 0
        done = {key for key, value in store.lesson_progress().items() if value.completed}
        missing = [need for need in lesson.prerequisites if need not in done]
        if missing and start == 0:
            names = ", ".join(
                f"{lessons.lessons[need].title} ({need})" for need in missing
                if need in lessons.lessons
            )  # fmt: skip
            console.print(
                f"[dim]This lesson builds on {escape(names)}; carry on, or take those first.[/dim]"
            )
        asker = make_asker(console, plain)
        with stopping(console, f"run `sysdesign learn {lesson.id}` to continue from this step"):
            run = run_lesson(lesson, store, asker, console, start=start)
        console.print()
        for line in summary_lines(run, next_lesson(lessons, store, after=lesson.id)):
            console.print(line)


def run_numbers(curriculum: str | None) -> None:
    """Every reference table from the lessons, on one screen."""
    from sysdesign_cli.render.lesson import table_step

    lessons = load_lessons(curriculum)
    console = make_console()
    tables = [
        step
        for lesson in lessons.ordered_lessons()
        for step in lesson.steps
        if step.kind == "table" and step.reference
    ]
    if not tables and not lessons.references:
        fail("no reference tables in the lessons (a table step with `reference:` set)")
    console.print("[bold]Numbers every engineer should know[/bold]")
    heading = None
    for step in tables:
        if step.reference != heading:
            heading = step.reference
            console.print()
            console.rule(f"[bold]{escape(heading)}[/bold]")
        console.print(table_step(step))
    if lessons.references:
        from sysdesign_cli.render.design_report import capacity_view

        for reference in lessons.references.values():
            console.print()
            console.rule("[bold]Capacity per block[/bold]")
            console.print(capacity_view(reference))


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # a link that loops, a name too long: validate has said so
        return False


def run_validate(path: str | None, *, strict: bool = False, stats: bool = False) -> None:
    """Check a curriculum folder or file and lint its questions; list every problem; exit 1
    on any error (and, with `strict`, on any warning)."""
    from sysdesign_cli.cli.lint import lint_report
    from sysdesign_cli.cli.paths import user_path
    from sysdesign_cli.core.loader import builtin_dir
    from sysdesign_cli.core.validation import validate

    target = user_path(path, "PATH") if path is not None else None
    problems = validate(target)
    report = lint_report(target) if target is None or _exists(target) else None
    errors = problems + (report.errors if report else [])
    warnings = report.warnings if report else []
    console = make_console()
    where = visible_path(target) if target else f"the built-in curriculum ({builtin_dir()})"
    for problem in sorted(errors + warnings, key=lambda p: (str(p.path), p.line or 0)):
        # One problem per line, never wrapped: editors and grep read `file:line:`.
        console.print(escape(str(problem)), highlight=False, soft_wrap=True)
    if report is not None and stats:
        from sysdesign_cli.core.curriculum_stats import stats as figures
        from sysdesign_cli.render.stats import bots_table, stats_table

        found = figures(report.linted)
        console.print(stats_table(found))
        console.print(bots_table("Test-wise guessers: lessons and exercises", found.bots))
        if found.card_bots:
            console.print(bots_table("Test-wise guessers: interview review cards",
                                     found.card_bots))  # fmt: skip
    failing = errors + (warnings if strict else [])
    if not errors and not warnings:
        console.print(f"[green]OK[/green]: no problems in {escape(where)}.")
    elif not failing:
        console.print(f"[green]OK[/green]: no errors in {escape(where)}; {len(warnings)} "
                      "warning(s) (--strict fails on them).", soft_wrap=True)  # fmt: skip
    if failing:
        files = len({problem.path for problem in failing})
        console.print(f"[red]{len(failing)} problem(s) in {files} file(s).[/red]")
        raise typer.Exit(1)
