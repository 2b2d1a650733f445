"""An exercise attempt as Markdown: the estimate, both designs as Mermaid with their real
edges, the checks, the load table, the drills, the loop and the learner's reasons (their
rubric points marked self-assessed). Pure: the run, the capacity table in, text out."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from sysdesign_cli.core.estimate_figures import LABELS, format_figure
from sysdesign_cli.core.graph.load import load
from sysdesign_cli.core.graph.loop_judge import TITLES
from sysdesign_cli.core.graph.mermaid import to_mermaid
from sysdesign_cli.core.quantity_format import format_number, format_percent
from sysdesign_cli.render.exercise import score_text
from sysdesign_cli.render.text import points_text

if TYPE_CHECKING:
    from sysdesign_cli.core.exercise_run import ExerciseRun

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: object) -> str:
    """Text from a learner or a file, safe in a Markdown file: no control characters."""
    return _CONTROL.sub("?", str(text))


def cell(text: object) -> str:
    """Text safe in a Markdown table cell."""
    return clean(text).replace("|", "/").replace("\n", " ")


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.0f}%"


def _mermaid(graph: Any) -> list[str]:
    return ["```mermaid", to_mermaid(graph).rstrip("\n"), "```"]


def _estimate(stage: Any, result: Any) -> list[str]:
    worked = stage.result()
    lines = ["| figure | you said | worked out |", "|---|---|---|"]
    for figure in stage.figures:
        said = (result.answer or {}).get(figure, "-")
        lines.append(f"| {LABELS.get(figure, figure)} | {cell(said)} | "
                     f"{format_figure(figure, getattr(worked, figure))} |")  # fmt: skip
    return lines


def _design(run: ExerciseRun) -> list[str]:
    verdict = run.verdict()
    lines = ["## Your design", "", *_mermaid(run.graph), "", "### Checks", ""]
    if verdict is None or verdict.ok:
        lines.append("No findings.")
    for finding in verdict.findings if verdict is not None else ():
        lines.append(f"- **{finding.kind}**: {clean(finding.message)} Fix: {clean(finding.fix)}")
    assert run.exercise.design is not None
    return [*lines, "", "## Reference design", "", *_mermaid(run.exercise.design.graph())]


def _load(run: ExerciseRun, stage: Any, result: Any, table: Any) -> list[str]:
    data = result.data
    said = ", then ".join(cell(p) for p in data.get("predicted", [])) or "-"
    lines = [f"You predicted: {said}. The engine: **{cell(data.get('answer'))}**"
             + (f", first past 100% at about {data['at']:.2g}x today's peak." if data.get("at")
                else ".")]  # fmt: skip
    estimate = run.exercise.estimate_for(stage)
    if run.graph is not None and estimate is not None and run.exercise.design is not None:
        spec = run.exercise.design.load_spec(estimate.result())
        report = load(run.graph, spec, table)
        lines += ["", "| block | copies | requests/s | per copy | busy at peak |",
                  "|---|---|---|---|---|"]  # fmt: skip
        for block in report.blocks:
            busy = "scales itself" if block.utilisation is None else _percent(block.utilisation)
            lines.append(f"| {cell(block.name)} | {block.instances} | "
                         f"{format_number(block.load)} | {format_number(block.per_instance)} | "
                         f"{busy} |")  # fmt: skip
    return lines


def _drill(result: Any) -> list[str]:
    data = result.data
    said = ", ".join(cell(flow) for flow in result.answer or []) or "none"
    lines = [f"The drill: {cell(data['kill'])} (on {data.get('on', 'your design')}). You said "
             f"still working: {said}. Still working: "
             f"**{', '.join(cell(f) for f in data['survivors']) or 'none'}**.", "",
             "| flow | after | available before | after | note |",
             "|---|---|---|---|---|"]  # fmt: skip
    for outcome in data["outcomes"]:
        lines.append(f"| {cell(outcome['flow'])} | {outcome['status']} | "
                     f"{format_percent(outcome['before'])} | {format_percent(outcome['after'])} "
                     f"| {cell(outcome['note'])} |")  # fmt: skip
    lines += ["", "Assumes copies fail independently and failover works; copies that share "
              "a zone fail together."]  # fmt: skip
    return lines


def _loop(result: Any) -> list[str]:
    data = result.data
    lines = [f"Target: {data['target']:g}x today's peak."]
    for number, item in enumerate(data["rounds"], 1):
        busy = f" ({_percent(item.get('utilisation'))})" if item.get("utilisation") else ""
        judged = ""
        if item.get("why"):
            judged = (f" Mistake, {TITLES.get(item['mistake'], cell(item['mistake']))}: "
                      f"{cell(item['why'])}" if item.get("mistake")
                      else f" Right: {cell(item['why'])}")  # fmt: skip
        lines.append(f"{number}. {cell(item['bottleneck'])} buckled{busy}: "
                     f"{cell(item['choice'])} (+{item['additions']}).{judged}")  # fmt: skip
    outcome = ("carries the target" if data["meets"]
               else f"{data['buckling']} block(s) still past 100%")  # fmt: skip
    mistakes = data.get("mistakes", 0)
    lines += ["", f"Result: {outcome}, {data['added']} machines added, {mistakes} "
              f"mistake{'s' if mistakes != 1 else ''}."]  # fmt: skip
    if data.get("fewest") is not None:
        lines.append(f"The fewest that carry it: {data['fewest']} "
                     f"({cell('; '.join(data['fewest_fixes'])) or 'none needed'}).")  # fmt: skip
    return [*lines, "", "```", clean(data["design"]).rstrip("\n"), "```"]


def _reason(stage: Any, result: Any) -> list[str]:
    answer = result.answer
    if isinstance(answer, dict):
        answer = f"{answer.get('choice', '')}. {answer.get('reason', '')}"
    lines = [f"### {clean(result.title)}", "", f"> {clean(answer)}", ""]
    ids = {point.id: point.point for point in stage.rubric.points}
    confirmed = [ids[p] for p in result.points_confirmed if p in ids]
    lines.append("Points you confirmed (self-assessed): "
                 + ("; ".join(clean(p) for p in confirmed) or "none") + ".")  # fmt: skip
    return lines


def markdown_report(run: ExerciseRun, table: Any) -> str:
    """The attempt as Markdown."""
    exercise = run.exercise
    out = [f"# {clean(exercise.title)}", "", clean(exercise.summary), "",
           f"Score: **{points_text(run.score, run.max_score)}**"]  # fmt: skip
    stages = {stage.id: stage for stage in exercise.stages}
    reasons: list[str] = []
    for result in run.results:
        stage = stages.get(result.stage_id)
        if stage is None:
            continue
        heading = ["", f"## {clean(result.title)}", ""]
        if stage.kind == "estimate":
            out += heading + _estimate(stage, result)
        elif stage.kind == "design" and run.graph is not None:
            out += ["", *_design(run)]
        elif stage.kind == "load" and result.data:
            out += heading + _load(run, stage, result, table)
        elif stage.kind == "drill" and result.data:
            out += heading + _drill(result)
        elif stage.kind == "loop" and result.data:
            out += heading + _loop(result)
        elif stage.kind in ("choose", "free"):
            reasons += ["", *_reason(stage, result)]
    if reasons:
        out += ["", "## Your reasons", *reasons]
    out += ["", "## Stages", "", "| stage | score | notes |", "|---|---|---|"]
    for result in run.results:
        out.append(f"| {cell(result.title)} | {score_text(result)} | "
                   f"{cell('; '.join(result.feedback)) or '-'} |")  # fmt: skip
    return "\n".join(out) + "\n"
