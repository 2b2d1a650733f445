"""`sysdesign learn`: one lesson, step by step, saved after every step."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sysdesign_cli.core.loader import Curriculum
from sysdesign_cli.render.markup import escape

if TYPE_CHECKING:
    from rich.console import Console

    from sysdesign_cli.core.curriculum import Lesson
    from sysdesign_cli.sessions.ask import Outcome
    from sysdesign_cli.sessions.asker import Asker
    from sysdesign_cli.store import Store


@dataclass
class LessonRun:
    """What happened in one sitting of a lesson."""

    lesson: Lesson
    started_at: int
    finished: bool = False
    outcomes: list[Outcome] = field(default_factory=list)
    # Questions answered before a resume: question id -> right on the first try.
    earlier: dict[str, bool] = field(default_factory=dict)


def next_lesson(curriculum: Curriculum, store: Store, after: str | None = None) -> Lesson | None:
    """The lesson to do next: the one after `after`, else the first not completed."""
    lessons = curriculum.ordered_lessons()
    done = {key for key, value in store.lesson_progress().items() if value.completed}
    if after is not None:
        ids = [lesson.id for lesson in lessons]
        if after in ids:
            rest = lessons[ids.index(after) + 1 :]
            return next((lesson for lesson in rest if lesson.id not in done), None)
    return next((lesson for lesson in lessons if lesson.id not in done), None)


def resume_target(curriculum: Curriculum, store: Store) -> Lesson | None:
    """The lesson `sysdesign learn` continues: the last one touched and unfinished, else next."""
    last = store.last_lesson()
    if last and last in curriculum.lessons:
        return curriculum.lessons[last]
    # After finishing a lesson, go on from it (as its summary promises), not back to lesson 1.
    finished = [item for item in store.lesson_progress().values()
                if item.completed and item.lesson_id in curriculum.lessons]  # fmt: skip
    if finished:
        latest = max(finished, key=lambda item: item.updated_at)
        following = next_lesson(curriculum, store, after=latest.lesson_id)
        if following is not None:
            return following
    return next_lesson(curriculum, store)


def run_lesson(
    lesson: Lesson, store: Store, asker: Asker, console: Console, *, start: int = 0
) -> LessonRun:
    """Teach from step `start`; every step is saved the moment it is done."""
    from sysdesign_cli.render.lesson import render_step  # not for the home screen
    from sysdesign_cli.sessions.ask import ask

    total = len(lesson.steps)
    run = LessonRun(lesson, started_at=start)
    start = min(max(start, 0), total)
    if start:
        # The score at the end is the whole lesson's, not only this sitting's.
        answered = store.lesson_answers(lesson.id)
        asked = [step.id for step in lesson.steps[:start] if step.kind in ("question", "estimate")]
        run.earlier = {qid: answered[qid] for qid in asked if qid in answered}
    if start == 0:
        console.rule(f"[bold]{escape(lesson.title)}[/bold]")
        console.print(escape(lesson.summary), style="italic")
    else:
        console.rule(f"[bold]{escape(lesson.title)}[/bold] (resuming at step {start + 1})")
    for index in range(start, total):
        step = lesson.steps[index]
        label = f"Step {index + 1}/{total}"
        console.print()
        if step.kind in ("question", "estimate"):
            outcome = ask(step, asker, console, number=label)
            from sysdesign_cli.sessions.review import record  # FSRS: after the first answer

            record(store, outcome, "learn", lesson_id=lesson.id)
            run.outcomes.append(outcome)
        else:
            console.print(f"[dim]{label}[/dim]")
            console.print(render_step(step))
        store.save_lesson_step(lesson.id, index + 1, total)
        if step.kind not in ("question", "estimate") and index + 1 < total:
            asker.pause()
    run.finished = True
    return run


def summary_lines(run: LessonRun, following: Lesson | None) -> list[str]:
    """What to say at the end of a lesson: the score and the next thing to do."""
    asked = len(run.earlier) + len(run.outcomes)
    right = sum(run.earlier.values()) + sum(outcome.first_try for outcome in run.outcomes)
    lines = [f"[bold green]Lesson complete:[/bold green] {escape(run.lesson.title)}"]
    if asked:
        lines.append(f"{right} of {asked} questions right on the first try.")
        if right < asked:
            lines.append("Missed ones come back in [bold]sysdesign quiz[/bold].")
    if following is not None:
        lines.append(
            f"Next: [bold]{escape(following.title)}[/bold] - "
            f"run [bold]sysdesign learn {following.id}[/bold] (or just sysdesign learn)."
        )
    else:
        lines.append("That was the last lesson. Try [bold]sysdesign exercise pastebin[/bold].")
    return lines
