"""The study commands: `learn` (a lesson step by step), `quiz` (questions and spaced
repetition) and `progress` (what is done, export, import, reset): their options and help."""

from __future__ import annotations

from typing import Optional

import typer

from sysdesign_cli.cli.options import bounded_option, curriculum_option, plain_option


def learn(
    lesson: Optional[str] = typer.Argument(
        None, metavar="[LESSON]", help="Lesson id, or its number in --list."
    ),
    list_: bool = typer.Option(False, "--list", "-l", help="List lessons with progress."),
    restart: bool = typer.Option(False, "--restart", help="Start the lesson from step one."),
    plain: bool = plain_option(),
    curriculum: Optional[str] = curriculum_option(),
) -> None:
    """Walk through a lesson step by step, with a question after every idea.

    Without LESSON, continues where you stopped (or starts at the first lesson).

    \b
    Examples:
      sysdesign learn
      sysdesign learn --list
      sysdesign learn request-lifecycle --restart
      printf '\\n\\n1\\n' | sysdesign learn --plain
    """
    from sysdesign_cli.cli.lessons import run_learn

    run_learn(lesson, list_=list_, restart=restart, plain=plain, curriculum=curriculum)


def quiz(
    topic: Optional[str] = typer.Option(None, "--topic", "-t", metavar="TOPIC",
                                        help="Only this topic."),
    count: int = bounded_option(10, "--count", "-n", low=1, high=500, example="10",
                                metavar="N", help="How many questions (1 to 500)."),
    due: bool = typer.Option(False, "--due", help="Only reviews that are due now."),
    everything: bool = typer.Option(
        False, "--all", "-a", help="Draw from every lesson, started or not."
    ),
    plain: bool = plain_option(),
    curriculum: Optional[str] = curriculum_option(),
) -> None:
    """Questions from the lessons you have started, graded and explained, with spaced
    repetition: due reviews first, then new questions, then your weakest topics.

    Before you start a lesson, the quiz asks the first lesson's questions; --all draws
    from every lesson.

    \b
    Examples:
      sysdesign quiz
      sysdesign quiz --all --topic availability --count 5
      sysdesign quiz --due
      sysdesign quiz --all
    """
    from sysdesign_cli.cli.quiz import run_quiz

    run_quiz(
        topic=topic, count=count, due=due, plain=plain, curriculum=curriculum,
        everything=everything,
    )  # fmt: skip


def progress(
    as_json: bool = typer.Option(False, "--json", help="Print progress as JSON."),
    reset: bool = typer.Option(False, "--reset", help="Erase all progress (asks first)."),
    yes: bool = typer.Option(
        False, "--yes", "-y", help="With --reset or --import: do not ask first."
    ),
    export: Optional[str] = typer.Option(None, "--export", metavar="FILE",
                                         help="Write progress to FILE."),
    import_: Optional[str] = typer.Option(None, "--import", metavar="FILE",
                                          help="Replace progress from FILE."),
    force: bool = typer.Option(False, "--force", help="With --export: overwrite FILE."),
    plain: bool = plain_option(),
    curriculum: Optional[str] = curriculum_option(),
) -> None:
    """What is done, accuracy by topic, reviews due, exercise scores.

    \b
    Examples:
      sysdesign progress
      sysdesign progress --json
      sysdesign progress --export progress.json
      sysdesign progress --import progress.json
      sysdesign progress --reset --yes
    """
    from sysdesign_cli.cli.progress import run_progress

    run_progress(
        as_json=as_json,
        reset=reset,
        yes=yes,
        export=export,
        import_=import_,
        force=force,
        plain=plain,
        curriculum=curriculum,
    )
