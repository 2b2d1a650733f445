"""`sysdesign exercise`: a guided design, stage by stage, checked against the YAML."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markdown import Markdown
from rich.markup import escape

from sysdesign_cli.core import rubric as rubrics
from sysdesign_cli.core.bands import Band
from sysdesign_cli.core.design import Design, Finding, check_path, path_score, single_points
from sysdesign_cli.core.estimate import LABELS
from sysdesign_cli.render.exercise import path_tree
from sysdesign_cli.sessions.ask import ask, asking_seed, shuffled
from sysdesign_cli.sessions.asker import Asker

if TYPE_CHECKING:
    from sysdesign_cli.core.curriculum import (
        ChooseStage,
        EstimateStage,
        Exercise,
        FreeStage,
        PathStage,
        RedundancyStage,
    )

DONE = "(done: that is the whole path)"
BAND_SCORE = {Band.GOOD: 1.0, Band.ORDER: 0.5, Band.OFF: 0.0}


@dataclass
class StageResult:
    """How one stage went."""

    stage_id: str
    title: str
    score: float
    points: int
    feedback: list[str] = field(default_factory=list)
    study: str | None = None
    answer: Any = None
    # A free answer's score comes from the points the learner confirmed: self-assessed.
    self_assessed: bool = False
    points_found: list[str] = field(default_factory=list)  # what the tutor read in it
    points_contradicted: list[str] = field(default_factory=list)
    points_confirmed: list[str] = field(default_factory=list)  # what the learner ticked


@dataclass
class ExerciseRun:
    """A whole exercise: the learner's design and a result per stage."""

    exercise: Exercise
    design: Design = field(default_factory=Design)
    results: list[StageResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def score(self) -> float:
        """Points earned."""
        return sum(result.score for result in self.results)

    @property
    def max_score(self) -> int:
        """Points available."""
        return sum(result.points for result in self.results)

    def to_json(self) -> dict[str, Any]:
        """Everything worth keeping, as plain data."""
        return {
            "exercise": self.exercise.id,
            "score": self.score,
            "max_score": self.max_score,
            "paths": self.design.paths,
            "replicated": sorted(self.design.replicated),
            "stages": [asdict(result) for result in self.results],
            "findings": [asdict(finding) for finding in self.findings],
        }


@dataclass(frozen=True)
class FigureQuestion:
    """One figure of an estimate stage, asked like a lesson's estimate step."""

    id: str
    topic: str
    prompt: str
    figure: str
    hints: list[str]
    stage: EstimateStage
    kind: str = "estimate"
    explanation: str = ""

    def result(self) -> Any:
        """The worked estimate behind the figure, its derivation cut after this figure's
        step so that the working shown does not give away the figures still to ask."""
        from dataclasses import replace

        result = self.stage.result()
        keys = [step.key for step in result.steps]
        if self.figure not in keys:
            return result
        last = len(keys) - 1 - keys[::-1].index(self.figure)
        return replace(result, steps=result.steps[: last + 1])


def block_menu(exercise: Exercise) -> list[tuple[str, str]]:
    """(id, label) of every block, in the order the path menus list them.

    One stable shuffle per exercise: the menu never gives the reference order away, and a
    block keeps its number from pick to pick in plain mode.
    """
    order = shuffled([block.id for block in exercise.blocks], exercise.id)
    return [(block_id, exercise.block(block_id).label) for block_id in order]


class ExerciseSession:
    """Runs the stages of one exercise through an asker, printing as it goes."""

    def __init__(self, exercise: Exercise, asker: Asker, console: Console) -> None:
        self.exercise = exercise
        self.asker = asker
        self.console = console
        self.run = ExerciseRun(exercise)

    def play(self) -> ExerciseRun:
        """Every stage in order; then the single points of failure of the learner's design."""
        for stage in self.exercise.stages:
            title = getattr(stage, "title", None) or "Question"
            self.console.print()
            self.console.rule(f"[bold]{escape(title)}[/bold]")
            handler = getattr(self, f"_{stage.kind}")
            result = handler(stage)
            self.run.results.append(result)
        self.run.findings += single_points(self.exercise, self.run.design)
        return self.run

    def _say(self, text: str) -> None:
        self.console.print(Markdown(text.strip()))

    def _explain(self, stage: Any) -> None:
        self.console.print(escape(stage.explanation.strip()), style="italic")

    # ------------------------------------------------------------ stage kinds

    def _estimate(self, stage: EstimateStage) -> StageResult:
        self._say(stage.prompt)
        score = 0.0
        answers = {}
        for figure in stage.figures:
            question = FigureQuestion(
                id=f"{stage.id}-{figure}", topic=stage.topic, prompt=LABELS.get(figure, figure),
                figure=figure,
                hints=list(stage.hints), stage=stage,
            )  # fmt: skip
            outcome = ask(question, self.asker, self.console)
            score += BAND_SCORE[outcome.grade.band or Band.OFF] / len(stage.figures)
            answers[figure] = outcome.response
        self._explain(stage)
        return StageResult(stage.id, stage.title, round(score * stage.points, 2), stage.points,
                           study=stage.study, answer=answers)  # fmt: skip

    def _pick_path(self, stage: PathStage) -> list[str]:
        labels = {label: block_id for block_id, label in block_menu(self.exercise)}
        path: list[str] = []
        while len(path) < len(labels):
            which = "first" if not path else "next"
            choice = self.asker.select(
                f"Which block comes {which} on the {stage.name}?",
                [*labels, DONE] if path else list(labels),
            )
            if choice == DONE:
                break
            if labels[choice] in path:
                self.console.print(
                    f"[yellow]{escape(choice)} is already on the path; pick another, "
                    "or done.[/yellow]"
                )
                continue
            path.append(labels[choice])
            self.console.print(path_tree(self.exercise, f"Your {stage.name} so far", path))
        return path

    def _path(self, stage: PathStage) -> StageResult:
        self._say(stage.prompt)
        hints = list(stage.hints)
        used = 0
        while True:
            path = self._pick_path(stage)
            findings = check_path(stage, path)
            if not findings or used >= len(hints):
                break
            self._report(findings)
            self.console.print(f"[cyan]Hint:[/cyan] {escape(hints[used])}")
            self.console.print("Lay the path out again.")
            used += 1
        self.run.design.paths[stage.name] = path
        self.run.findings += findings
        score = max(0.0, path_score(stage, findings) - used)
        if findings:
            self._report(findings)
        else:
            self.console.print(
                "[green]✓ Every block it needs, nothing it does not, in order.[/green]"
            )
        self.console.print(path_tree(self.exercise, f"Reference {stage.name}", stage.reference))
        self._explain(stage)
        feedback = [f"{finding.kind}: {finding.block}: {finding.message}" for finding in findings]
        return StageResult(stage.id, stage.title, score, stage.points, feedback, stage.study, path)

    def _report(self, findings: list[Finding]) -> None:
        for finding in findings:
            label = self.exercise.block(finding.block).label
            self.console.print(
                f"[yellow]{escape(finding.kind.capitalize())}[/yellow]: "
                f"[bold]{escape(label)}[/bold] - {escape(finding.message)}"
            )

    def _redundancy(self, stage: RedundancyStage) -> StageResult:
        self._say(stage.prompt)
        candidates = [
            block for block in self.exercise.blocks
            if block.id in self.run.design.blocks() and not block.managed
            and block.availability is not None
        ]  # fmt: skip
        labels = [block.label for block in candidates]
        picked = (
            self.asker.checkbox("Blocks you run more than one of", labels, allow_none=True)
            if labels
            else []
        )
        chosen = {block.id for block in candidates if block.label in picked}
        self.run.design.replicated = chosen
        wanted = set(stage.reference) & {block.id for block in candidates} or set(stage.reference)
        covered = len(wanted & chosen) / len(wanted) if wanted else 1.0
        spofs = single_points(self.exercise, self.run.design)
        for finding in spofs:
            self.console.print(
                f"[yellow]Single point of failure[/yellow]: {escape(finding.message)}"
            )
        if not spofs:
            self.console.print("[green]No single point of failure left on your paths.[/green]")
        self._explain(stage)
        feedback = [finding.message for finding in spofs]
        return StageResult(stage.id, stage.title, round(covered * stage.points, 2), stage.points,
                           feedback, stage.study, sorted(chosen))  # fmt: skip

    def _choose(self, stage: ChooseStage) -> StageResult:
        choices = shuffled(list(stage.choices), asking_seed(stage.id))
        choice = self.asker.select(stage.prompt.strip(), choices)
        right_choice = choice in stage.answers
        mark = "[green]✓[/green]" if right_choice else "[red]✗[/red]"
        self.console.print(f"{mark} {escape(choice)}")
        feedback = [] if right_choice else [
            f"{choice!r} is hard to defend here; defensible: {', '.join(stage.answers)}"
        ]  # fmt: skip
        for line in feedback:
            self.console.print(f"[yellow]{escape(line)}[/yellow]")
        reason, used = self._written(stage.reason_prompt, stage)
        review = self._review(stage, reason, stage.example)
        part = review["fraction"]
        score = max(0.0, stage.points * (0.6 * right_choice + 0.4 * part) - used)
        self._explain(stage)
        return StageResult(stage.id, stage.title, round(score, 2), stage.points,
                           feedback + review["feedback"], stage.study,
                           {"choice": choice, "reason": reason},
                           **review["fields"])  # fmt: skip

    def _free(self, stage: FreeStage) -> StageResult:
        answer, used = self._written(stage.prompt.strip(), stage)
        review = self._review(stage, answer, stage.example)
        score = max(0.0, stage.points * review["fraction"] - used)
        self._explain(stage)
        return StageResult(stage.id, stage.title, round(score, 2), stage.points,
                           review["feedback"], stage.study, answer,
                           **review["fields"])  # fmt: skip

    def _written(self, prompt: str, stage: Any) -> tuple[str, int]:
        """A written answer; while the tutor finds it short of the rubric, the stage's hints
        one by one, each inviting more (an empty line keeps the answer). Returns the answer
        and how many hints led to more."""
        answer = self.asker.text(prompt, validate=_written_validator)
        used = 0
        hints = list(stage.hints)
        while used < len(hints):
            findings = rubrics.assess(answer, stage.rubric)
            if rubrics.found_fraction(stage.rubric, findings) >= 1:
                break
            self.console.print(f"[cyan]Hint:[/cyan] {escape(hints[used])}")
            more = self.asker.text("Add to your answer, or press Enter to keep it as it is")
            if not more.strip():
                break
            answer = f"{answer.rstrip()} {more.strip()}"
            used += 1
        return answer, used

    def _review(self, stage: Any, answer: str, example: str | None) -> dict[str, Any]:
        """What the tutor found, the model answer, then the learner ticks the key points
        their answer made (what was found is ticked already). Returns the self-assessed
        fraction, feedback lines and the result fields."""
        rubric = stage.rubric
        findings = rubrics.assess(answer, rubric)
        found = [f for f in findings if f.status == rubrics.FOUND]
        contradicted = [f for f in findings if f.status == rubrics.CONTRADICTED]
        self.console.print("[bold]What the tutor found in your answer:[/bold]")
        for finding in found:
            self.console.print(f"  [green]✓[/green] {escape(finding.point)} "
                               f"[dim](\"{escape(finding.evidence)}\")[/dim]")  # fmt: skip
        for finding in contradicted:
            self.console.print(f"  [red]✗[/red] {escape(finding.point)}: your answer seems to "
                               f"say the opposite [dim](\"{escape(finding.evidence)}\")[/dim]")
        if not found and not contradicted:
            self.console.print("  nothing it recognised; you may have said it in other words.")
        if example:
            self.console.print(f"A model answer: [bold]{escape(example)}[/bold]")
        ticked = self.asker.checklist(
            "Tick the key points your answer made (self-assessed):",
            [point.point for point in rubric.points],
            checked=[f.point for f in found], flagged=[f.point for f in contradicted],
        )  # fmt: skip
        ids = {point.point: point.id for point in rubric.points}
        confirmed = {ids[item] for item in ticked}
        part = rubrics.self_assessed(rubric, findings, confirmed)
        kept = confirmed - {f.point_id for f in contradicted}
        missing = [point.point for point in rubric.points if point.id not in kept]
        self.console.print(
            f"Your points (self-assessed): {len(kept)} of {rubric.needed} needed"
            + (f"; not made: {escape('; '.join(missing))}" if missing and part < 1 else "")
        )
        feedback = ["self-assessed"]
        if part < 1:
            feedback += [f"missing: {item}" for item in missing]
        if contradicted:
            feedback += [f"contradicted: {f.point}" for f in contradicted]
        fields = {
            "self_assessed": True,
            "points_found": [f.point_id for f in found],
            "points_contradicted": [f.point_id for f in contradicted],
            "points_confirmed": sorted(confirmed),
        }
        return {"fraction": part, "feedback": feedback, "fields": fields}

    def _question(self, stage: Any) -> StageResult:
        outcome = ask(stage, self.asker, self.console)
        points = 10
        score = points if outcome.first_try else points / 2 if outcome.grade.correct else 0
        feedback = [] if outcome.grade.correct else [outcome.grade.feedback]
        return StageResult(stage.id, _short(stage.prompt), score, points,
                           feedback, getattr(stage, "study", None), outcome.response)  # fmt: skip


def _written_validator(text: str) -> str | None:
    return "Write your answer first (an empty line costs nothing)." if not text.strip() else None


def _short(prompt: str, width: int = 50) -> str:
    """A question's first line, cut at a word, as its stage title."""
    line = prompt.strip().splitlines()[0]
    if len(line) <= width:
        return line
    return line[:width].rsplit(" ", 1)[0] + "..."
