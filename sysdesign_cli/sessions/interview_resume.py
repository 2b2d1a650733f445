"""What of a saved interview round still fits its scenario, once the scenario's YAML has
changed since the round was stopped (a question reworded, a figure or a rubric point
renamed, a step's id changed): the parts up to the first that no longer fits are kept,
that part and every one after it are asked again, and the learner is told so in one line.

A part fits when what was saved about it can still be read against the scenario as it is
now: the clarifying questions picked are still asked, the step's id and points are the
same, each figure estimated is still asked, each rubric point found or ticked still
exists. The clock keeps the time already used (it was spent); the learner's design lines
are kept only while the design step is kept or is where the round goes on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sysdesign_cli.core import interview_score as scoring

if TYPE_CHECKING:
    from sysdesign_cli.core.interviews import Interview

EXERCISE_PARTS = scoring.PARTS[1:]
RUBRIC_FIELDS = ("points_found", "points_contradicted", "points_confirmed")


def _clarify_fits(interview: Interview, saved: Any) -> bool:
    if saved is None:
        return True
    if not isinstance(saved, dict):
        return False
    step = interview.clarify
    asks = {q.ask for q in step.questions}
    abouts = {q.about for q in step.mattering()}
    asked, missed = saved.get("asked", []), saved.get("missed", [])
    return (isinstance(asked, list) and isinstance(missed, list)
            and set(map(str, asked)) <= asks and set(map(str, missed)) <= abouts
            and saved.get("points") == step.points)  # fmt: skip


def _stage_fits(stage: Any, saved: Any) -> bool:
    if not isinstance(saved, dict) or saved.get("stage_id") != stage.id:
        return False
    if saved.get("points") != stage.points:
        return False
    rubric = getattr(stage, "rubric", None)
    if rubric is not None:
        known = {point.id for point in rubric.points}
        for name in RUBRIC_FIELDS:
            if not set(map(str, saved.get(name) or [])) <= known:
                return False
    figures = getattr(stage, "figures", None)
    answer = saved.get("answer")
    if figures is not None and isinstance(answer, dict):
        return set(answer) <= set(figures)
    return True


def fitting(interview: Interview, data: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """`data` cut to the parts that still fit the scenario, and the line that says what
    is asked again (None when everything fits)."""
    exercise = data.get("exercise")
    if not isinstance(exercise, dict) or not isinstance(exercise.get("stages", []), list):
        raise ValueError("the saved round has no exercise parts")
    saved_stages = list(exercise.get("stages", []))
    if not _clarify_fits(interview, data.get("clarify")):
        kept = -1
    else:
        kept = 0
        for part, saved in zip(EXERCISE_PARTS, saved_stages, strict=False):
            if not _stage_fits(interview.stage(part), saved):
                break
            kept += 1
        if kept == len(saved_stages):
            return data, None
    trimmed = dict(data)
    trimmed["finished"] = False
    stages = [] if kept < 0 else saved_stages[:kept]
    design_at = EXERCISE_PARTS.index("design")
    lines = exercise.get("design", []) if len(stages) >= design_at else []
    trimmed["exercise"] = {**exercise, "stages": stages, "next_stage": len(stages),
                           "finished": False, "design": lines,
                           "loop_rounds": []}  # fmt: skip
    if kept < 0:
        trimmed["clarify"] = None
        return trimmed, ("The scenario changed since you stopped (its clarifying questions): "
                         "the round starts over, with the time already used.")  # fmt: skip
    title = interview.stage(EXERCISE_PARTS[kept]).title
    return trimmed, (f"The scenario changed since you stopped: {title} and what follows are "
                     "asked again; the parts before it are kept.")  # fmt: skip
