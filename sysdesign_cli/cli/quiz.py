"""`sysdesign quiz`: graded questions with spaced repetition."""

from __future__ import annotations

import difflib
from datetime import datetime, timezone

from sysdesign_cli.cli.console import Refused, make_asker, make_console, stopping
from sysdesign_cli.cli.context import load_lessons, open_store
from sysdesign_cli.core.safe_text import SHORT, quoted
from sysdesign_cli.render.markup import escape


def run_quiz(
    *,
    topic: str | None,
    count: int,
    due: bool,
    plain: bool,
    curriculum: str | None,
    everything: bool = False,
) -> None:
    """Plan the quiz, ask it, and sum it up."""
    from sysdesign_cli.sessions.quiz import next_reviews, plan, quiz_scope, run_quiz, summary_lines

    lessons = load_lessons(curriculum)
    topics = lessons.topics()
    if topic is not None:
        topic = topic.strip().lower()
    if topic is not None and topic not in topics:
        close = difflib.get_close_matches(topic, topics, n=1)
        hint = f" Did you mean {quoted(close[0])}?" if close else ""
        raise Refused(
            f"no topic {quoted(topic, SHORT)}.{hint} Topics: {', '.join(topics)}",
            param_hint="--topic",
        )
    console = make_console()
    with open_store() as store:
        scope = quiz_scope(lessons, store, everything=everything)
        picks = plan(lessons, store, topic=topic, count=count, due_only=due, lessons=scope.lessons)
        if not picks and not due:
            started = "the first lesson" if scope.stand_in else "the lessons you have started"
            on = f" on {topic}" if topic else ""
            retry = f"sysdesign quiz --all --topic {topic}" if topic else "sysdesign quiz --all"
            console.print(
                f"No questions{escape(on)} in {started}. [bold]{escape(retry)}[/bold] asks "
                "them anyway; [bold]sysdesign learn --list[/bold] shows the lessons."
            )
            return
        if not picks:
            console.print("Nothing is due for review right now.")
            console.print(next_reviews(store, datetime.now(timezone.utc)))
            return
        stand_in = scope.stand_in
        first = {q.id for q in stand_in.questions()} if stand_in is not None else set()
        from_first = [pick for pick in picks if pick.question.id in first]
        if stand_in is not None and from_first and not due:
            # Said only of the questions that do come from it (not of an interview's cards).
            which = "these questions come" if len(from_first) == len(picks) else (
                "the new questions come" if len(from_first) > 1 else "the new question comes")
            console.print(
                f"[dim]You have not started a lesson yet, so {which} from the first one, "
                f"{escape(stand_in.title)} ({stand_in.id}). "
                "`sysdesign learn` teaches it; `sysdesign quiz --all` asks from every "
                "lesson.[/dim]"
            )
        asker = make_asker(console, plain)
        with stopping(console, "run `sysdesign quiz` to go on (recent misses come first)"):
            run = run_quiz(picks, store, asker, console)
        console.print()
        for line in summary_lines(run, store):
            console.print(line)
