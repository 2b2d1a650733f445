"""An exercise's design stages on the shared components: the design typed and checked
(every finding at once, the reference beside it), the load, the failure drill and the
design loop. Each takes the session and its stage, and returns the stage's result."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from rich.markup import escape
from rich.text import Text

from sysdesign_cli.core.exercise_run import StageResult
from sysdesign_cli.core.graph.checks import check
from sysdesign_cli.core.graph.drills import choose_kill
from sysdesign_cli.core.graph.findings import area_hint
from sysdesign_cli.core.graph.loop_judge import TITLES
from sysdesign_cli.core.graph.text import to_text
from sysdesign_cli.render.design_report import findings_view
from sysdesign_cli.render.graph import drawing, side_by_side
from sysdesign_cli.sessions.bottleneck import predict_bottleneck
from sysdesign_cli.sessions.design_entry import DesignEntry
from sysdesign_cli.sessions.failure_drill import run_drill
from sysdesign_cli.sessions.fix_loop import run_loop

if TYPE_CHECKING:
    from sysdesign_cli.core.exercise_schema import DesignStage, DrillStage, LoadStage, LoopStage
    from sysdesign_cli.sessions.exercise import ExerciseSession

FINDING_COST = 0.2  # the share of the design stage's points each finding costs
HINT_COST = 1.0  # points a change made after a hint costs
AGAIN = ("Change your design if you like: each change after a hint costs a point; `done` "
         "keeps it as it is.")  # fmt: skip


def design_score(points: int, findings: int, hints_used: int) -> float:
    """The design stage's score: every finding costs a share, every change after a hint
    a point."""
    return round(max(0.0, points * max(0.0, 1 - FINDING_COST * findings) - HINT_COST * hints_used),
                 2)  # fmt: skip


def _enter(session: ExerciseSession, guide: bool) -> None:
    def keep(lines: tuple[str, ...]) -> None:
        session.run.lines = list(lines)
        session.save()

    rules = session.exercise.design
    DesignEntry(session.asker, session.console, names=rules.blocks if rules else (),
                lines=session.run.lines, on_change=keep, guide=guide,
                flows=rules.checked_flows() if rules else None).run()  # fmt: skip


def design_stage(session: ExerciseSession, stage: DesignStage) -> StageResult:
    """Typed (or read from a file), checked against the rules, every finding at once;
    while findings remain, a hint and a chance to change it; then the reference beside it."""
    console, run, rules = session.console, session.run, session.exercise.design
    assert rules is not None
    session.say(stage.prompt)
    from_file = session.design_file is not None and not run.lines
    if from_file:
        run.lines = to_text(session.design_file).splitlines()
        session.save()
        console.print(drawing(run.graph, rules.checked_flows(), title="Your design, from the file"))
    else:
        _enter(session, guide=True)  # a resumed attempt goes on from its saved lines
    verdict = check(run.graph, rules)
    used = 0
    shown = False  # every finding is said once for each version of the design
    # The first hint points at the design's own first finding (where, not what to do);
    # the exercise's hints follow, vague first.
    hints = [area_hint(verdict.findings[0]), *stage.hints] if verdict.findings else []
    while verdict.findings and used < len(hints) and not from_file:
        console.print(findings_view(verdict))
        shown = True
        console.print(f"[cyan]Hint:[/cyan] {escape(hints[used])}")
        console.print(escape(AGAIN))
        before = list(run.lines)
        _enter(session, guide=False)
        if run.lines == before:
            break
        used += 1
        verdict = check(run.graph, rules)
        shown = False
    if not shown:
        console.print(findings_view(verdict))
    console.print()
    console.print(side_by_side(("Your design", run.graph), ("Reference design", rules.graph()),
                               console.width, rules.checked_flows()))  # fmt: skip
    session.explain(stage)
    feedback = [f"{finding.kind}: {finding.message}" for finding in verdict.findings]
    return StageResult(stage.id, stage.title, design_score(stage.points, len(verdict.findings),
                       used), stage.points, feedback, stage.study, list(run.lines),
                       data={"findings": [asdict(f) for f in verdict.findings],
                             "hints_used": used, "from_file": from_file})  # fmt: skip


def _spec(session: ExerciseSession, stage: LoadStage | LoopStage) -> Any:
    estimate = session.exercise.estimate_for(stage)
    assert estimate is not None and session.exercise.design is not None
    return session.exercise.design.load_spec(estimate.result())


def load_stage(session: ExerciseSession, stage: LoadStage) -> StageResult:
    """The learner's design under the estimate's peak: predict what gives way first."""
    session.say(stage.prompt)
    found = predict_bottleneck(session.run.graph, _spec(session, stage), session.table,
                               session.asker, session.console, hints=stage.hints,
                               factors=stage.factors, key=stage.id)  # fmt: skip
    session.explain(stage)
    feedback = [] if found["right"] else [f"first past 100%: {found['answer']}"]
    return StageResult(stage.id, stage.title, round(stage.points * found["fraction"], 2),
                       stage.points, feedback, stage.study, found["predicted"],
                       data=found)  # fmt: skip


def drill_stage(session: ExerciseSession, stage: DrillStage) -> StageResult:
    """The stage's block (or zone) dies in the learner's design: predict what survives."""
    rules = session.exercise.design
    assert rules is not None
    graph = session.run.graph
    kill = choose_kill(graph, stage.kill)
    on = "your design"
    if kill is None:
        graph, on = rules.graph(), "the reference design"
        kill = choose_kill(graph, stage.kill)
        session.console.print(f"Your design has nothing that {escape(stage.kill)} names, so "
                              "this drill runs on the reference design.")  # fmt: skip
    assert kill is not None
    session.say(stage.prompt)
    found = run_drill(graph, kill, session.table, session.asker, session.console,
                      flows=rules.checked_flows(), hints=stage.hints,
                      key=stage.id)  # fmt: skip
    found["on"] = on
    session.explain(stage)
    survivors = ", ".join(found["survivors"]) or "none"
    feedback = [] if found["right"] else [f"still working: {survivors}"]
    return StageResult(stage.id, stage.title, round(stage.points * found["fraction"], 2),
                       stage.points, feedback, stage.study, found["predicted"][-1],
                       data=found)  # fmt: skip


def loop_stage(session: ExerciseSession, stage: LoopStage) -> StageResult:
    """Traffic grows to the stage's target; fix what buckles, each round judged at once."""
    rules = session.exercise.design
    assert rules is not None

    def keep(item: dict[str, Any]) -> None:
        session.run.loop_rounds.append(item)
        session.save()

    session.say(stage.prompt)
    found = run_loop(session.run.graph, _spec(session, stage), session.table, session.asker,
                     session.console, target=stage.target, names=rules.blocks,
                     flows=rules.checked_flows(),
                     hints=stage.hints, on_round=keep,
                     rounds=session.run.loop_rounds, key=stage.id)  # fmt: skip
    session.run.loop_rounds = []
    session.explain(stage)
    feedback = []
    if not found["meets"]:
        feedback.append(f"{found['buckling']} block(s) still past 100% at {stage.target:g}x")
    for number, item in enumerate(found["rounds"], 1):
        if item.get("mistake"):
            title = TITLES.get(item["mistake"], item["mistake"])
            feedback.append(f"round {number}, {title}: {item['why']}")
    session.console.print(Text(f"Loop score: {stage.points * found['fraction']:.3g} / "
                               f"{stage.points}.", style="bold"))  # fmt: skip
    return StageResult(stage.id, stage.title, round(stage.points * found["fraction"], 2),
                       stage.points, feedback, stage.study, [r["choice"] for r in found["rounds"]],
                       data=found)  # fmt: skip
