"""What of a saved attempt still fits, once the exercise's or the scenario's YAML has
changed since it was stopped: one rule for an exercise and an interview round.

A saved stage fits when it was saved against the stage as it is now: the same id and the
same shape, a digest of everything that decides its grade (its kind, points, figures and
their inputs, choices, answers, rubric, loop target, drill, and for the design stages the
exercise's `design:` rules and blocks), not its wording (title, prompt, hints, the
explanation). A stage saved before shapes were kept fits when its points, its figures,
the rubric points it names and the options picked are still there. The stages up to the
first that does not fit are kept; that one and every one after it are asked again, and
the learner is told so in one line. What was under way in the next stage (the design
lines typed, the loop's rounds) is kept only while that stage's shape is the one it was
typed against.
"""

from __future__ import annotations

import json
from typing import Any

from sysdesign_cli.core.cache_file import digest
from sysdesign_cli.core.exercise_run import stage_title
from sysdesign_cli.core.records import to_plain

# What a stage (or a part of it: a rubric point, a design rule) says, not what decides its
# grade: rewording it keeps the saved answer. `why` and `wrong` are the review cards' text.
WORDING = frozenset({"title", "prompt", "explanation", "hints", "study", "reason_prompt",
                     "example", "context", "point", "why", "wrong"})  # fmt: skip
DESIGN_KINDS = ("design", "load", "drill", "loop")  # graded against the `design:` rules
RUBRIC_FIELDS = ("points_found", "points_contradicted", "points_confirmed")


def _graded(value: Any) -> Any:
    """The plain data of a model without its wording, at every level."""
    return _unworded(to_plain(value))


def _unworded(value: Any) -> Any:
    if type(value) is tuple:  # a model: (class name, its fields)
        return {key: _unworded(item) for key, item in value[1].items() if key not in WORDING}
    if type(value) is list:
        return [_unworded(item) for item in value]
    if type(value) is dict:
        return {key: _unworded(item) for key, item in value.items()}
    return value


def stage_shape(exercise: Any, stage: Any) -> str:
    """A short digest of what decides `stage`'s grade in `exercise` (see the module)."""
    parts: list[Any] = [_graded(stage)]
    kind = getattr(stage, "kind", None)
    if kind in DESIGN_KINDS and exercise.design is not None:
        parts.append(_graded(exercise.design))
    if kind in ("load", "loop"):
        estimate = exercise.estimate_for(stage)
        parts.append(_graded(estimate) if estimate is not None else None)
    data = json.dumps(parts, sort_keys=True, separators=(",", ":"), default=str).encode()
    return digest(data).hex()[:16]


def _legacy_fits(stage: Any, saved: dict[str, Any]) -> bool:
    """A stage saved before shapes: its points, rubric points, figures and the options
    picked still there."""
    if saved.get("points") != getattr(stage, "points", saved.get("points")):
        return False
    rubric = getattr(stage, "rubric", None)
    if rubric is not None:
        known = {point.id for point in rubric.points}
        if any(not set(map(str, saved.get(name) or [])) <= known for name in RUBRIC_FIELDS):
            return False
    figures = getattr(stage, "figures", None)
    answer = saved.get("answer")
    if figures is not None and isinstance(answer, dict):
        return set(answer) == set(figures)
    choices = getattr(stage, "choices", None)
    if isinstance(answer, dict) and choices is not None:  # the option picked still offered
        return answer.get("choice") in choices
    if getattr(stage, "type", None) == "choice":
        return answer in choices
    return True


def stage_fits(exercise: Any, stage: Any, saved: Any) -> bool:
    """Whether a saved stage result can stand for `stage` as it is now."""
    if not isinstance(saved, dict) or saved.get("stage_id") != stage.id:
        return False
    shape = saved.get("shape")
    if shape:
        return shape == stage_shape(exercise, stage)
    return _legacy_fits(stage, saved)


def fit_run(exercise: Any, data: dict[str, Any]) -> tuple[dict[str, Any], int | None]:
    """A saved exercise run (`ExerciseRun.to_json`) cut to the stages that still fit, and
    the index of the first stage asked again (None when everything fits)."""
    saved = data.get("stages", [])
    if not isinstance(saved, list):
        raise ValueError("the saved attempt has no stages")
    stages = list(exercise.stages)
    kept = 0
    for stage, result in zip(stages, saved, strict=False):
        if not stage_fits(exercise, stage, result):
            break
        kept += 1
    kinds = [getattr(stage, "kind", None) for stage in stages]
    design_at = kinds.index("design") if "design" in kinds else len(stages)
    lines = list(data.get("design") or [])
    rounds = list(data.get("loop_rounds") or [])
    # What was typed in the stage under way fits while that stage keeps the shape it had
    # when saved (a save from before shapes has none to compare: it is kept).
    next_fits = False
    if kept == len(saved) < len(stages):
        now = stage_shape(exercise, stages[kept])
        next_fits = data.get("next_shape", now) == now
    drop_lines = kept < design_at or (kept == design_at and lines and not next_fits)
    drop_rounds = bool(rounds) and not (next_fits and kinds[kept] == "loop")
    if kept == len(saved) and not (drop_lines and lines) and not drop_rounds:
        return data, None
    trimmed = {**data, "stages": saved[:kept], "next_stage": kept, "finished": False,
               "design": [] if drop_lines else lines, "loop_rounds": [] if drop_rounds else rounds}
    trimmed.pop("next_shape", None)
    return trimmed, kept


def changed_line(what: str, stages: list[Any], again: int, kept_before: bool = False) -> str:
    """The one line that tells the learner what is asked again (`what`: `exercise`,
    `scenario`; `again`: the index in `stages` of the first stage asked again;
    `kept_before`: a part before the stages is kept, as a round's clarify step)."""
    said = f"The {what} changed since you stopped:"
    if again == 0 and not kept_before:
        return f"{said} it starts over."
    if again >= len(stages):
        return f"{said} the parts it no longer has are dropped; the parts before them are kept."
    return (f"{said} {stage_title(stages[again])} and what follows are asked again; the parts "
            "before it are kept.")


def fit_exercise(exercise: Any, data: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """A saved exercise run cut to what still fits, and the line that says what is asked
    again (None when everything fits)."""
    trimmed, again = fit_run(exercise, data)
    if again is None:
        return trimmed, None
    return trimmed, changed_line("exercise", list(exercise.stages), again)



def _clarified(interview: Any, saved: Any) -> dict[str, Any] | None:
    """The saved clarify step graded again against the scenario as it is now (so a
    question that came to matter, or points that changed, count as they are now); None
    when a question it picked is no longer asked."""
    from dataclasses import asdict

    from sysdesign_cli.core.interview_score import START, grade_clarify

    if not isinstance(saved, dict) or not isinstance(saved.get("asked"), list):
        return None
    step = interview.clarify
    asked = [str(item) for item in saved["asked"]]
    if not set(asked) <= {question.ask for question in step.questions}:
        return None
    picked = [*asked, START] if saved.get("jumped") and asked else asked
    return asdict(grade_clarify(step, picked))


def fit_round(interview: Any, data: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """A saved interview round cut to the parts that still fit the scenario, and the line
    that says what is asked again (None when everything fits). The clock keeps the time
    already used: it was spent."""
    run = data.get("exercise")
    if not isinstance(run, dict):
        raise ValueError("the saved round has no exercise parts")
    exercise = interview.exercise()
    clarify = data.get("clarify")
    if clarify is None:
        regraded = None
    else:
        regraded = _clarified(interview, clarify)
        if regraded is None:
            empty = {**run, "stages": [], "next_stage": 0, "finished": False, "design": [],
                     "loop_rounds": []}  # fmt: skip
            empty.pop("next_shape", None)
            return ({**data, "finished": False, "clarify": None, "exercise": empty},
                    "The scenario changed since you stopped (its clarifying questions): the "
                    "round starts over, with the time already used.")  # fmt: skip
    trimmed, again = fit_run(exercise, run)
    fitted = {**data, "clarify": regraded, "exercise": trimmed}
    if again is None:
        return fitted, None
    fitted["finished"] = False
    return fitted, changed_line("scenario", list(exercise.stages), again,
                                kept_before=regraded is not None)  # fmt: skip
