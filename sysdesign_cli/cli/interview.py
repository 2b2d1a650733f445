"""`sysdesign interview`: list the scenarios, or run a mock interview round, resumable
part by part; the result is kept with progress and its misses come back in the quiz."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sysdesign_cli.cli.console import Kept, fail, make_asker, make_console, stopping
from sysdesign_cli.cli.context import capacity_of, load_lessons, open_store
from sysdesign_cli.cli.export import export_again, export_target, write_export
from sysdesign_cli.cli.lessons import unknown_name
from sysdesign_cli.core.interview_score import DEFAULT_MINUTES
from sysdesign_cli.core.safe_text import visible, visible_path
from sysdesign_cli.render.markup import escape

if TYPE_CHECKING:
    from sysdesign_cli.store import Store

KIND = "interview"  # the attempts' kind in the store
MAX_MINUTES = 600


def finished_rounds(store: Store) -> list[tuple[str, dict[str, Any]]]:
    """Every finished round, as (scenario id, data), oldest first."""
    rounds = []
    for item_id, state in store.interview_results():
        try:
            data = json.loads(state)
        except ValueError:
            continue
        if isinstance(data, dict):
            rounds.append((item_id, data))
    return rounds


def rounds_under_way(store: Store, interviews: list[Any]) -> dict[str, str]:
    """Where each round under way stands, by the step headings the round shows and resumes
    at: scenario id -> `at 4. Deep dive`."""
    from sysdesign_cli.core.interview_score import PARTS, STEP_OF, STEPS
    from sysdesign_cli.core.resume_fit import fit_round

    headings = {step: heading for step, heading, _ in STEPS}
    known = {item.id: item for item in interviews}
    going = {}
    for item_id, state in store.attempts_in_progress(KIND).items():
        if item_id not in known:
            continue
        try:  # where the resume starts: what no longer fits the scenario is asked again
            data, _ = fit_round(known[item_id], json.loads(state))
            at = 0 if data["clarify"] is None else 1 + len(data["exercise"]["stages"])
        except (ValueError, TypeError, KeyError, AttributeError):
            continue
        going[item_id] = f"at {headings[STEP_OF[PARTS[min(at, len(PARTS) - 1)]]]}"
    return going


def _list(store: Store, interviews: list[Any]) -> None:
    from sysdesign_cli.render.interview import best_rounds, interview_table

    titles = {item.id: item.title for item in interviews}
    console = make_console()
    console.print(interview_table(best_rounds(finished_rounds(store)), titles,
                                  rounds_under_way(store, interviews)))  # fmt: skip
    console.print("Start one with [bold]sysdesign interview NAME[/bold], "
                  "e.g. sysdesign interview pastebin.")  # fmt: skip


def run_interview(name: str | None, *, minutes: int | None, export: str | None, force: bool,
                  plain: bool, curriculum: str | None, restart: bool = False) -> None:  # fmt: skip
    """Without a name, list the scenarios with best scores and rounds under way; with
    one, run a round (going on with a saved one)."""
    if minutes is not None and not 1 <= minutes <= MAX_MINUTES:
        fail(f"--minutes must be between 1 and {MAX_MINUTES}, e.g. --minutes 45", code=2)
    lessons = load_lessons(curriculum)
    interviews = lessons.ordered_interviews()
    if name is not None and name not in lessons.interviews:
        raise unknown_name("scenario", name, [i.id for i in interviews], "sysdesign interview")
    target = export_target(export, "--export", force) if export is not None else None
    with open_store() as store:
        if name is None:
            _list(store, interviews)
            return
        interview = lessons.interviews[name]
        if restart:
            store.drop_attempt(KIND, interview.id)
        _play(store, interview, store.attempt(KIND, interview.id), minutes, target, force,
              plain, capacity_of(lessons))  # fmt: skip


def _play(store: Store, interview: Any, saved: str | None, minutes: int | None,
          target: Path | None, force: bool, plain: bool, table: Any) -> None:  # fmt: skip
    from sysdesign_cli.core.resume_fit import fit_round
    from sysdesign_cli.sessions.interview import InterviewRound, InterviewSession

    console = make_console()
    round = None
    if saved is not None:
        try:
            data, changed = fit_round(interview, json.loads(saved))
            round = InterviewRound.from_json(interview, data)
        except (ValueError, TypeError, KeyError, AttributeError):
            console.print("[yellow]Your saved round no longer fits this scenario; starting "
                          "over.[/yellow]")  # fmt: skip
            store.drop_attempt(KIND, interview.id)
        else:
            if changed:
                console.print(f"[yellow]{escape(changed)}[/yellow]")
    if round is not None and minutes is not None and round.minutes != minutes:
        # The saved clock wins: the round's steps were timed against its own minutes.
        console.print(f"This round started with {round.minutes} minutes and keeps them; "
                      f"--minutes {minutes} is for a new round (add --restart).")  # fmt: skip
    console.rule(f"[bold]{escape(interview.title)}[/bold]")
    console.print(escape(interview.summary), style="italic")

    kept = Kept(round is not None)

    def keep(data: dict[str, Any]) -> None:
        store.save_attempt(KIND, interview.id, json.dumps(data))
        kept.saved = True

    session = InterviewSession(interview, make_asker(console, plain), console,
                               minutes=minutes or DEFAULT_MINUTES, round=round, save=keep,
                               table=table)  # fmt: skip
    again = f"sysdesign interview {interview.id}{export_again(target, force)}"
    with stopping(console, kept.resume(again, " (the clock waits)"), kept.said):
        finished = session.play()
    data = finished.to_json()
    if finished.max_score > 0:  # the result kept for good, the attempt finished with it
        store.finish_interview(interview.id, data["score"], finished.max_score,
                               json.dumps(data))  # fmt: skip
    else:
        store.finish_attempt(KIND, interview.id, json.dumps(data))
    from sysdesign_cli.render.interview import markdown_transcript, result_view
    from sysdesign_cli.sessions.interview_cards import leave_cards  # FSRS: at the end

    cards = leave_cards(store, finished.cards())
    console.print()
    for part in result_view(data, interview.title):
        console.print(part)
    if cards:
        from sysdesign_cli.core.scheduling import LEARNING_STEPS

        # It counts cards, not points: a missed bottleneck leaves one card per design.
        said = ("1 review card of what you missed comes" if cards == 1
                else f"{cards} review cards of what you missed come")  # fmt: skip
        # A miss is due after the first learning step: `quiz --due` at once finds none.
        minutes = max(1, int(LEARNING_STEPS[0].total_seconds() // 60))
        when = "a minute" if minutes == 1 else f"{minutes} minutes"
        console.print(f"{said} back in [bold]sysdesign quiz --due[/bold] from {when} now.")
    if target is not None:
        write_export(target, visible(markdown_transcript(interview, data)), force)
        console.print(f"Written to {escape(visible_path(target))}.")
