"""`sysdesign interview`: a scripted mock design interview, resumable part by part.

The round is plain data (`interview_round.InterviewRound`). The session hands it to
`save` after every part and every design line, and picks a saved round up where it
stopped, its clock where it was.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sysdesign_cli.core import interview_score as scoring
from sysdesign_cli.render.items import item
from sysdesign_cli.render.markdown import LessonMarkdown
from sysdesign_cli.render.markup import escape
from sysdesign_cli.render.text import points_text
from sysdesign_cli.sessions.ask import asking_seed, shuffled
from sysdesign_cli.sessions.asker import Asker
from sysdesign_cli.sessions.exercise import ExerciseSession
from sysdesign_cli.sessions.interview_clock import Clock, TimedAsker, clock_text
from sysdesign_cli.sessions.interview_round import InterviewRound

__all__ = ["InterviewRound", "InterviewSession"]  # the round's data is imported from here too

if TYPE_CHECKING:
    from rich.console import Console

    from sysdesign_cli.core.interviews import Interview


class InterviewSession:
    """Runs a round through an asker, printing as it goes, the clock at every prompt.

    `round`: a saved round to go on with; `save`: called with the round's data after each
    change; `now`: the clock's time source; `rng`: shuffles the clarifying questions.
    """

    def __init__(
        self,
        interview: Interview,
        asker: Asker,
        console: Console,
        *,
        minutes: int = scoring.DEFAULT_MINUTES,
        round: InterviewRound | None = None,
        save: Callable[[dict[str, Any]], None] | None = None,
        table: Any = None,
        now: Callable[[], float] | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.interview = interview
        self.console = console
        self.round = round if round is not None else InterviewRound(interview, minutes)
        self._save = save
        self.clock = Clock(self.round.minutes, self.round.seconds,
                           **({"now": now} if now is not None else {}))  # fmt: skip
        self.asker = TimedAsker(asker, self.clock, self._step_parts)
        self.rng = rng
        self.inner = ExerciseSession(interview.exercise(), self.asker, console,  # type: ignore[arg-type]
                                     run=self.round.run, save=lambda _: self.save(),
                                     table=table)  # fmt: skip

    def _step_parts(self) -> tuple[str, ...]:
        step = self.clock.step
        return next((parts for key, _, parts in scoring.STEPS if key == step), ())

    def save(self) -> None:
        """Hand the round's data on to be kept (the part under way's time included)."""
        self.round.seconds = dict(self.clock.spent)
        if self.clock.part is not None:
            part = self.clock.part
            self.round.seconds[part] = self.round.seconds.get(part, 0.0) + self.clock.running()
        if self._save is not None:
            self._save(self.round.to_json())

    def play(self) -> InterviewRound:
        """Every part from where the round stands, saving after each."""
        start = self.round.next_part
        if 0 < start < len(scoring.PARTS):
            self.console.print(f"[dim]Resuming at {escape(self._title(start))}, "
                               f"{clock_text(self.clock.total())} used.[/dim]")  # fmt: skip
        else:
            self.console.print(LessonMarkdown(self.interview.opening.strip()))
        for index in range(start, len(scoring.PARTS)):
            part = scoring.PARTS[index]
            step = scoring.STEP_OF[part]
            if index == 0 or scoring.STEP_OF[scoring.PARTS[index - 1]] != step or index == start:
                self._step_header(index)
            self.clock.start(part, step)
            if part == "clarify":
                self.round.clarified = self._clarify()
            else:
                stage = self.interview.stage(part)
                self._subject(stage)
                self.round.run.record(stage, self.inner.play_stage(stage))
            self.clock.stop()
            self.round.seconds = dict(self.clock.spent)
            self._part_footer(index)
            self.save()
            self.asker.pause(self._next_prompt(index))
        self.round.finished = True
        self.round.run.finished = True
        self.save()
        return self.round

    def _subject(self, stage: Any) -> None:
        """A question that speaks of what the learner's design lacks (`speaks_of`) is
        asked of the reference design, drawn first, and said so; a drill still runs on
        the learner's design, and the round says its model answer is the reference's."""
        from sysdesign_cli.core.design_subject import lacking

        missing = lacking(self.round.run.graph, getattr(stage, "speaks_of", ()))
        if not missing:
            return
        if stage.kind == "drill":  # run on the learner's design: only its model answer is not
            self.console.print(f"[yellow]Your design has no {escape(' and no '.join(missing))}; "
                               "the drill runs on your design, and its model answer after it "
                               "speaks of the reference design, which has one.[/yellow]")
            return
        self.console.print(f"[yellow]Your design has no {escape(' and no '.join(missing))}; "
                           "this question speaks of one, so it is asked of the reference "
                           "design (read \"your\" as the reference's):[/yellow]")  # fmt: skip
        for line in self.interview.design.reference.strip().splitlines():
            self.console.print(f"  {escape(line)}", highlight=False)

    def _next_prompt(self, index: int) -> str:
        """What the pause after part `index` leads to. A part's verdict and model answer
        are longer than a terminal of 24 lines once the next question is drawn under them:
        the learner reads them before going on."""
        following = index + 1
        if following == len(scoring.PARTS):
            return "Press Enter for your result"
        if scoring.STEP_OF[scoring.PARTS[following]] != scoring.STEP_OF[scoring.PARTS[index]]:
            return f"Press Enter to go on to {self._title(following)}"
        return "Press Enter for the next question"

    def _title(self, index: int) -> str:
        step = scoring.STEP_OF[scoring.PARTS[index]]
        return next(title for key, title, _ in scoring.STEPS if key == step)

    def _step_header(self, index: int) -> None:
        step = scoring.STEP_OF[scoring.PARTS[index]]
        budget = clock_text(self.clock.budget(step))
        self.console.print()
        self.console.rule(f"[bold]{escape(self._title(index))}[/bold] [dim](about {budget}; "
                          f"{clock_text(self.clock.total())} of {self.clock.minutes}:00 "
                          "used)[/dim]")  # fmt: skip

    def _part_footer(self, index: int) -> None:
        part = scoring.PARTS[index]
        step = scoring.STEP_OF[part]
        last = index + 1 == len(scoring.PARTS) or scoring.STEP_OF[scoring.PARTS[index + 1]] != step
        if not last:
            return
        parts = next(parts for key, _, parts in scoring.STEPS if key == step)
        spent = self.clock.step_seconds(parts)
        note = " (over its share)" if spent > self.clock.budget(step) else ""
        self.console.print(f"[dim]Time on this step: {clock_text(spent)}{note}; round: "
                           f"{clock_text(self.clock.total())} of "
                           f"{self.clock.minutes}:00.[/dim]")  # fmt: skip
        if self.clock.over():
            self.console.print("[yellow]You are over time: a real interviewer would move you "
                               "on. It costs a little; the round goes on.[/yellow]")  # fmt: skip

    def _clarify(self) -> scoring.Clarified:
        step = self.interview.clarify
        asks = [q.ask for q in step.questions]
        if self.rng is not None:
            self.rng.shuffle(asks)
        else:  # anew every round, or stable under SYSDESIGN_SEED for scripts
            asks = shuffled(asks, asking_seed(f"iv-{self.interview.id}-clarify"))
        # Nothing picked is no answer (an Enter pressed to select, in a terminal): asking
        # nothing is "Start drawing", a choice of its own.
        picked = self.asker.checkbox(step.prompt.strip(), [*asks, scoring.START])
        result = scoring.grade_clarify(step, picked)
        by_ask = {q.ask: q for q in step.questions}
        for ask in result.asked:
            self.console.print(f"[bold]You:[/bold] {escape(ask)}")
            self.console.print(f"[bold]Interviewer:[/bold] {escape(by_ask[ask].answer)}")
        if result.jumped:
            self.console.print("[yellow]You went to the design before the requirements were "
                               "clear: interviewers mark that down.[/yellow]")  # fmt: skip
        unasked = [q for q in step.mattering() if q.ask not in result.asked]
        if unasked:
            self.console.print("[bold]What you did not ask, and would have been told:[/bold]")
            for q in unasked:
                self.console.print(item(f"{escape(q.ask)} [dim]{escape(q.answer)}[/dim]"))
        self.console.print(escape(step.explanation.strip()), style="italic")
        self.console.print(f"Clarify: {points_text(result.score, result.points)} "
                           f"({escape(_clarify_why(len(step.mattering()), result))}).")
        return result


def _clarify_why(matter: int, result: scoring.Clarified) -> str:
    """How a clarify score came about: how many of the `matter` questions that matter
    were asked, those that do not (each costs a little), a jump to the design."""
    why = f"{matter - len(result.missed)} of the {matter} questions that matter"
    if result.idle:
        why += f"; {result.idle} that {'does' if result.idle == 1 else 'do'} not, at a cost"
    if result.jumped:
        why += "; going to the design first costs"
    return why
