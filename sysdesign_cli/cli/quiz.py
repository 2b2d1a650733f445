"""`sysdesign quiz`: graded questions with spaced repetition."""

from __future__ import annotations

import difflib
from datetime import datetime, timezone

import typer

from sysdesign_cli.cli.console import make_asker, make_console, stopping
from sysdesign_cli.cli.context import load_lessons, open_store


def run_quiz(
    *, topic: str | None, count: int, due: bool, plain: bool, curriculum: str | None
) -> None:
    """Plan the quiz, ask it, and sum it up."""
    from sysdesign_cli.sessions.quiz import next_reviews, plan, run_quiz, summary_lines

    lessons = load_lessons(curriculum)
    topics = lessons.topics()
    if topic is not None:
        topic = topic.strip().lower()
    if topic is not None and topic not in topics:
        close = difflib.get_close_matches(topic, topics, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise typer.BadParameter(
            f"no topic {topic!r}.{hint} Topics: {', '.join(topics)}", param_hint="--topic"
        )
    console = make_console()
    with open_store() as store:
        picks = plan(lessons, store, topic=topic, count=count, due_only=due)
        if not picks:
            console.print("Nothing is due for review right now.")
            console.print(next_reviews(store, datetime.now(timezone.utc)))
            return
        asker = make_asker(console, plain)
        with stopping(console, "run `sysdesign quiz` to go on (recent misses come first)"):
            run = run_quiz(picks, store, asker, console)
        console.print()
        for line in summary_lines(run, store):
            console.print(line)
