"""One mock interview round as plain data (`InterviewRound.to_json`): the clarify step's
result, the exercise run the other parts are played on (estimate, design, deep dive,
wrap-up, on the exercises' components), and the seconds spent on each part; its scores,
what to study next and the review cards it leaves."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from sysdesign_cli.core import interview_score as scoring
from sysdesign_cli.core.exercise_run import ExerciseRun

if TYPE_CHECKING:
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
