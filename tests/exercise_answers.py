"""What a learner who knows the answers types in an exercise, stage by stage, worked out
from the exercise YAML and the engine, for the scripted, plain and terminal tests."""

from __future__ import annotations

from typing import Any

from sysdesign_cli.core.estimate_figures import format_figure
from sysdesign_cli.core.exercise_schema import Exercise
from sysdesign_cli.core.graph.checks import check
from sysdesign_cli.core.graph.drills import DEGRADED, choose_kill, drill
from sysdesign_cli.core.graph.loop_judge import right_path
from sysdesign_cli.core.graph.loop_offers import COPIES, menu_entry
from sysdesign_cli.core.graph.text import parse_text
from sysdesign_cli.core.loader import load_reference
from sysdesign_cli.sessions.bottleneck import answer_of
from sysdesign_cli.sessions.scripted_asker import ScriptedAsker

TABLE = load_reference()[0]
assert TABLE is not None


class Keep(str):
    """The self-assessment answered by keeping the tutor's ticks: `keep` to the scripted
    asker, an Enter per key point in plain mode."""

    points: int

    def __new__(cls, points: int) -> Keep:
        keep = super().__new__(cls, ScriptedAsker.KEEP)
        keep.points = points
        return keep


def reference_lines(exercise: Exercise) -> list[str]:
    """The reference design's lines, as a learner would type them (no comments)."""
    assert exercise.design is not None
    lines = [line.split("#", 1)[0].strip() for line in exercise.design.reference.splitlines()]
    return [line for line in lines if line]


def spec(exercise: Exercise, item: Any) -> Any:
    estimate = exercise.estimate_for(item)
    assert estimate is not None and exercise.design is not None
    return exercise.design.load_spec(estimate.result())


def load_answer(exercise: Exercise, item: Any, graph: Any = None) -> str:
    """The block the engine says passes 100% first, in `graph` (the reference if None)."""
    assert exercise.design is not None
    graph = graph or exercise.design.graph()
    found = answer_of(graph, spec(exercise, item), TABLE, tuple(item.factors))
    assert found is not None
    return found


def drill_answer(exercise: Exercise, item: Any, graph: Any = None) -> list[str]:
    """The flows that keep working when the stage's block dies in `graph` (the reference)."""
    assert exercise.design is not None
    graph = graph or exercise.design.graph()
    kill = choose_kill(graph, item.kill)
    assert kill is not None
    result = drill(graph, kill, TABLE, exercise.design.checked_flows())
    return [o.flow for o in result.outcomes if o.flow in result.survivors() or o.status == DEGRADED]


def loop_fixes(exercise: Exercise, item: Any, graph: Any = None) -> list[Any]:
    """The fixes, in order, of a learner right at every round: the fewest one-step fix
    for the block that buckles."""
    assert exercise.design is not None
    graph = graph or exercise.design.graph()
    return list(right_path(graph, spec(exercise, item), TABLE, item.target))


def loop_answer(exercise: Exercise, item: Any, graph: Any = None) -> list[str]:
    """What that learner answers, round by round."""
    assert exercise.design is not None
    graph = graph or exercise.design.graph()
    return menu_answers(graph, loop_fixes(exercise, item, graph))


def menu_answers(graph: Any, path: Any) -> list[str]:
    """The loop's answers for the fixes `path` from `graph`: each fix as the menu lists
    it, and for copies or shards the number in all."""
    answers: list[str] = []
    for fix in path:
        entry = menu_entry(graph, fix)
        answers.append(entry.label)
        if entry.asks:
            block = fix.graph.block(entry.block)
            answers.append(str(block.count if entry.asks == COPIES else block.shards))
        graph = fix.graph
    return answers


def typed_design(exercise: Exercise, lines: list[str]) -> list[str]:
    """The lines, `done`, and with findings a second `done` that keeps the design as it is
    when the stage offers a hint and a change."""
    assert exercise.design is not None
    verdict = check(parse_text("\n".join(lines)), exercise.design)
    return [*lines, "done", *(["done"] if verdict.findings else [])]


def right_answers(exercise: Exercise, item: Any, lines: list[str] | None = None) -> list[Any]:
    """What a learner who knows the answer to one stage gives, widget by widget; the
    design stages on the learner's design `lines` (the reference's if None)."""
    graph = parse_text("\n".join(lines)) if lines else None
    if item.kind == "estimate":
        result = item.result()
        return [format_figure(figure, getattr(result, figure)) for figure in item.figures]
    if item.kind == "design":
        return typed_design(exercise, lines or reference_lines(exercise))
    if item.kind == "load":
        return [load_answer(exercise, item, graph)]
    if item.kind == "drill":
        if graph is not None and choose_kill(graph, item.kill) is None:
            graph = None  # the drill runs on the reference
        return [drill_answer(exercise, item, graph)]
    if item.kind == "loop":
        return loop_answer(exercise, item, graph) or ["Stop here"]
    if item.kind == "choose":
        return [item.answers[0], item.example, Keep(len(item.rubric.points))]
    if item.kind == "free":
        # The YAML's own model answer must be read as complete and earn full marks.
        return [item.example, Keep(len(item.rubric.points))]
    if item.type == "choice":
        return [item.answer]
    if item.type == "multi":
        return [list(item.answers)]
    if item.type == "order":
        return [list(item.items)]
    if item.type == "number":
        return [str(item.answer)]
    return [item.accept[0]]


def script(exercise: Exercise, design: list[str] | None = None,
           **overrides: list[Any]) -> list[Any]:  # fmt: skip
    """Right answers for every stage on the learner's `design` (the reference if None),
    some stages (by id, `-` as `_`) answered otherwise."""
    answers: list[Any] = []
    for item in exercise.stages:
        key = item.id.replace("-", "_")
        answers += overrides[key] if key in overrides else right_answers(exercise, item, design)
    return answers


def plain_lines(answers: list[Any]) -> str:
    """A script as lines of plain-mode input: lists become comma-separated picks (an empty
    one `none`), a kept self-assessment an Enter per point."""
    lines: list[str] = []
    for answer in answers:
        if isinstance(answer, Keep):
            lines += [""] * answer.points
        elif isinstance(answer, list):
            lines.append(",".join(answer) if answer else "none")
        else:
            lines.append(str(answer))
    return "\n".join(lines) + "\n"


def max_points(exercise: Exercise) -> int:
    # Question stages have no `points` field: the session gives them 10.
    return sum(getattr(item, "points", 10) for item in exercise.stages)
