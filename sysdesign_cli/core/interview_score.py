"""Scoring a mock interview: the clarify step, the steps and the rewarded behaviours, the
over-time cost, and which rubric points come back as review cards. Pure data in and out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sysdesign_cli.core.answer_credit import shortfall

START = "Start drawing: I have enough to design"
JUMP_COST = 0.3  # the share of the clarify points that jumping to the design costs
IDLE_COST = 0.5  # the share lost for asking every question that does not matter
DEFAULT_MINUTES = 45  # a round's length when --minutes is not given
OVERTIME_COST = 0.05  # the share of the round's points that running over time costs

# The five steps, each made of parts (the deep dive has three).
STEPS = (
    ("clarify", "1. Clarify", ("clarify",)),
    ("estimate", "2. Estimate", ("estimate",)),
    ("design", "3. High-level design", ("design",)),
    ("deep-dive", "4. Deep dive", ("bottleneck", "drill", "trade_off")),
    ("wrap-up", "5. Wrap-up", ("wrap_up",)),
)
PARTS = tuple(part for _, _, parts in STEPS for part in parts)
STEP_OF = {part: step for step, _, parts in STEPS for part in parts}

# What interviewers reward, in order, and the parts that show each.
BEHAVIOURS = (
    ("Clarify requirements and scale first", ("clarify",)),
    ("Start simple; justify each block", ("design",)),
    ("Name trade-offs out loud", ("trade_off",)),
    ("Find bottlenecks and single points of failure", ("bottleneck", "drill", "wrap_up")),
)


@dataclass(frozen=True)
class Clarified:
    """How the clarify step went."""

    asked: list[str]  # the questions picked, as worded
    missed: list[str]  # the `about` of each question that matters and was not asked
    idle: int  # questions asked that do not matter
    jumped: bool  # picked none, or "start drawing"
    score: float
    points: int


def grade_clarify(step: Any, picked: Sequence[str]) -> Clarified:
    """The clarify step's score: the share of the questions that matter asked, less a
    share for those that do not, less JUMP_COST for going to the design first."""
    asked = [item for item in picked if item != START]
    jumped = START in picked or not asked
    matter = step.mattering()
    hits = [q for q in matter if q.ask in asked]
    idle = [q for q in step.idle() if q.ask in asked]
    share = len(hits) / len(matter) - IDLE_COST * len(idle) / len(step.idle())
    share -= JUMP_COST if jumped else 0.0
    missed = [q.about for q in matter if q not in hits]
    return Clarified(asked, missed, len(idle), jumped,  # type: ignore[arg-type]
                     round(max(0.0, share) * step.points, 2), step.points)  # fmt: skip


def missed_points(rubric: Any, confirmed: Sequence[str], contradicted: Sequence[str],
                  settled: Sequence[str] = ()) -> list[str]:  # fmt: skip
    """The ids of the points a free answer missed: none when it is complete; else those
    not made of the right answer it came closest to, among those the learner's design
    leaves open (`settled`: points it already has, see `design_settled`), never a point
    it settles (`answer_credit.shortfall`)."""
    closest = shortfall(rubric, set(confirmed) - set(contradicted), settled)
    return list(closest[0]) if closest else []


BOTTLENECK_CARD = "first"  # the deep dive's bottleneck cards' ids end so
DRILL_CARD = "survivors"  # and its failure drills' ids
DEEP_DIVE_CARDS = (f"-{BOTTLENECK_CARD}", f"-{DRILL_CARD}")  # the cards the capacity table makes


def card_ids(interview: Any, clarified: Clarified | None, results: dict[str, Any]) -> list[str]:
    """The review cards a round leaves: a clarifying question that matters and was not
    asked, each estimate figure not within 2x, each fault the design check found, every
    card of a bottleneck or failure drill not predicted at once, and each rubric point
    missed in the trade-off and the wrap-up."""
    ids = []
    if clarified is not None:
        ids += [ask_card_id(interview, about) for about in clarified.missed]
    estimated = results.get("estimate")
    if estimated is not None and isinstance(estimated.answer, dict):
        stage = interview.estimate
        ids += [point_card_id(interview, stage, figure.replace("_", "-"))
                for figure in missed_figures(stage, estimated.answer)]  # fmt: skip
    designed = results.get("design")
    if designed is not None and isinstance(designed.answer, list):
        from sysdesign_cli.core.interview_faults import learner_faults

        ids += [point_card_id(interview, interview.high_level, key)
                for key in learner_faults(interview, designed.answer,
                                          designed.data.get("findings", []))]  # fmt: skip
    missed = [part for part in ("bottleneck", "drill")
              if (result := results.get(part)) is not None and result.score < result.points]
    if missed:
        # Every card of the part the scenario's designs make, on the table the quiz
        # builds them with (`Curriculum.review_questions`).
        from sysdesign_cli.core.interview_cards import deep_dive_ids
        from sysdesign_cli.core.loader import load_reference

        table = load_reference()[0]
        for part in missed:
            ids += deep_dive_ids(interview, part, table)
    for part in ("trade_off", "wrap_up"):
        result = results.get(part)
        if result is None:
            continue
        stage = interview.stage(part)
        for point in missed_points(stage.rubric, result.points_confirmed,
                                   result.points_contradicted,
                                   result.data.get("settled", ())):  # fmt: skip
            ids.append(point_card_id(interview, stage, point))
    return ids


def missed_figures(stage: Any, answers: dict[str, Any]) -> list[str]:
    """The figures of an estimate stage whose answer is not within 2x (or unreadable)."""
    from sysdesign_cli.core.bands import Band
    from sysdesign_cli.core.estimate_grading import check
    from sysdesign_cli.core.estimate_inputs import parse_figure
    from sysdesign_cli.core.quantities import QuantityError

    result = stage.result()
    missed = []
    for figure in stage.figures:
        try:
            value = parse_figure(figure, str(answers.get(figure, "")))
        except QuantityError:
            missed.append(figure)
            continue
        if check(result, figure, value).band is not Band.GOOD:
            missed.append(figure)
    return missed


CARD_PREFIX = "iv-"  # every review card a mock interview leaves


def ask_card_id(interview: Any, about: str) -> str:
    """The review card of a clarifying question."""
    return f"{CARD_PREFIX}{interview.id}-ask-{about}"


def point_card_id(interview: Any, stage: Any, point: str) -> str:
    """The review card of a rubric point."""
    return f"{CARD_PREFIX}{interview.id}-{stage.id}-{point}"


def behaviours(fractions: dict[str, float]) -> list[tuple[str, float]]:
    """Each rewarded behaviour and the share of it the round showed (parts averaged)."""
    shown = []
    for name, parts in BEHAVIOURS:
        values = [fractions[part] for part in parts if part in fractions]
        if values:
            shown.append((name, round(sum(values) / len(values), 2)))
    return shown


def overtime_cost(max_score: float, over: bool) -> float:
    """What running past the round's minutes costs: a little, never the round."""
    return round(OVERTIME_COST * max_score, 2) if over else 0.0
