"""`sysdesign interview`: a scripted mock design interview, resumable part by part.

The round is plain data (`InterviewRound.to_json`): the clarify step's result, the
exercise run the other parts are played on (estimate, design, deep dive, wrap-up, on the
exercises' components), and the seconds spent on each part. The session hands it to
`save` after every part and every design line, and picks a saved round up where it
stopped, its clock where it was.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from sysdesign_cli.core import interview_score as scoring
from sysdesign_cli.core.exercise_run import ExerciseRun
from sysdesign_cli.render.items import item
from sysdesign_cli.render.markdown import LessonMarkdown
from sysdesign_cli.render.markup import escape
from sysdesign_cli.render.text import points_text
from sysdesign_cli.sessions.ask import asking_seed, shuffled
from sysdesign_cli.sessions.asker import Asker
from sysdesign_cli.sessions.exercise import ExerciseSession
from sysdesign_cli.sessions.interview_clock import Clock, TimedAsker, clock_text

if TYPE_CHECKING:
    from rich.console import Console

    from sysdesign_cli.core.interviews import Interview

STATE_VERSION = 1
EXERCISE_PARTS = scoring.PARTS[1:]  # played as exercise stages, in this order


@dataclass
class InterviewRound:
    """One round of a scenario: what each part gave, the clock, the design."""

    interview: Interview
    minutes: int = scoring.DEFAULT_MINUTES
    clarified: scoring.Clarified | None = None
    run: ExerciseRun = field(default=None)  # type: ignore[assignment]
    seconds: dict[str, float] = field(default_factory=dict)
    finished: bool = False

    def __post_init__(self) -> None:
        if self.run is None:
            self.run = ExerciseRun(self.interview.exercise())

    @property
    def next_part(self) -> int:
        """The index in `scoring.PARTS` of the part to play next."""
        return 0 if self.clarified is None else 1 + len(self.run.results)

    def results(self) -> dict[str, Any]:
        """Each exercise part's StageResult, by part."""
        return dict(zip(EXERCISE_PARTS, self.run.results, strict=False))

    def fractions(self) -> dict[str, float]:
        """Each part played, as the share of its points earned."""
        found = {part: r.score / r.points for part, r in self.results().items() if r.points}
        if self.clarified is not None:
            found["clarify"] = self.clarified.score / self.clarified.points
        return found

    def step_scores(self) -> list[tuple[str, float, int, float]]:
        """(title, score, points, seconds) of each step reached."""
        rows = []
        results = self.results()
        for _, title, parts in scoring.STEPS:
            score, points, reached = 0.0, 0, False
            for part in parts:
                if part == "clarify" and self.clarified is not None:
                    score, points, reached = self.clarified.score, self.clarified.points, True
                elif part in results:
                    score += results[part].score
                    points += results[part].points
                    reached = True
            if reached:
                seconds = sum(self.seconds.get(part, 0.0) for part in parts)
                rows.append((title, round(score, 2), points, seconds))
        return rows

    @property
    def max_score(self) -> int:
        """Points available in the parts played."""
        return sum(points for _, _, points, _ in self.step_scores())

    @property
    def overtime(self) -> float:
        """Points that running past the minutes cost."""
        over = sum(self.seconds.values()) > self.minutes * 60
        return scoring.overtime_cost(self.max_score, over)

    @property
    def score(self) -> float:
        """Points earned, less the over-time cost."""
        earned = sum(score for _, score, _, _ in self.step_scores())
        return round(max(0.0, earned - self.overtime), 2)

    def study_next(self) -> list[str]:
        """The lessons behind the parts that lost points, in the round's order."""
        lessons: list[str] = []
        fractions = self.fractions()
        for part in scoring.PARTS:
            stage = self.interview.clarify if part == "clarify" else self.interview.stage(part)
            if fractions.get(part, 1.0) < 1 and stage.study and stage.study not in lessons:
                lessons.append(stage.study)
        return lessons

    def cards(self) -> list[str]:
        """The review cards the round leaves (see `interview_score.card_ids`)."""
        return scoring.card_ids(self.interview, self.clarified, self.results())

    def to_json(self) -> dict[str, Any]:
        """Everything worth keeping, as plain data (what is saved and exported)."""
        return {
            "version": STATE_VERSION,
            "interview": self.interview.id,
            "minutes": self.minutes,
            "next_part": self.next_part,
            "finished": self.finished,
            "score": self.score,
            "max_score": self.max_score,
            "overtime": self.overtime,
            "clarify": asdict(self.clarified) if self.clarified is not None else None,
            "seconds": dict(self.seconds),
            "steps": [list(row) for row in self.step_scores()],
            "behaviours": [list(row) for row in scoring.behaviours(self.fractions())],
            "study": list(self.interview.study),
            "study_next": self.study_next(),
            "exercise": self.run.to_json(),
        }

    @classmethod
    def from_json(cls, interview: Interview, data: dict[str, Any]) -> InterviewRound:
        """A saved round picked up again (ValueError if it does not fit the scenario)."""
        if data.get("version") != STATE_VERSION or data.get("interview") != interview.id:
            raise ValueError("the saved round is of another scenario or version")
        clarify = data.get("clarify")
        clarified = scoring.Clarified(**clarify) if clarify is not None else None
        run = ExerciseRun.from_json(interview.exercise(), data["exercise"])
        seconds = {str(k): float(v) for k, v in dict(data.get("seconds", {})).items()
                   if k in scoring.PARTS}  # fmt: skip
        minutes = int(data.get("minutes", scoring.DEFAULT_MINUTES))
        return cls(interview, minutes, clarified, run, seconds,
                   bool(data.get("finished")))  # fmt: skip


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
