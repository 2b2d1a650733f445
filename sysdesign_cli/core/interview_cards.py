"""Review cards from mock interviews: a missed point becomes a question the quiz can ask
on its own, away from the round.

A clarifying question that matters and was not asked comes back as a choice between it
and its own questions that do not matter (its `decoys`); an estimate figure not within
2x, as a number question with the interviewer's numbers in its prompt, graded in the same
bands; a missed rubric point of the trade-off or the wrap-up, as a choice between the
point and its own claims a fair expert rejects (the step's `wrong` under the point's id).
No two of those cards share a wrong option, so one card seen rules out nothing on
another. A fault of the learner's design,
as the reference broken that way (`fault_cards`); a wrong bottleneck prediction, as
the reference's load at the scenario's peak and the same question, and again on
designs where the block that filled first is given room or another block fewer machines
(`bottleneck_card`); a wrong failure drill, as the same block dying in the reference, and
other blocks of it lost, each asked as one outcome of every flow among four
(`drill_card`).

Only the cards asked for are built: those of the design's faults and the deep dive run
the design engine.
"""

from __future__ import annotations

import random
from collections.abc import Collection
from typing import Any

from sysdesign_cli.core.interview_score import (
    BOTTLENECK_CARD,
    DRILL_CARD,
    ask_card_id,
    point_card_id,
)
from sysdesign_cli.core.question_schema import ChoiceQuestion, NumberQuestion
from sysdesign_cli.core.rubric import whole_points

TOPIC = "interviews"
# The families of cards, each held to chance on its own (`curriculum_stats.card_scores`).
FAMILIES = ("clarify", "estimate", "design fault", "bottleneck", "drill", "trade-off",
            "wrap-up")  # fmt: skip


def _choice(**fields: Any) -> ChoiceQuestion:
    # Built with the answer first; written in an order drawn from the card's id, so that
    # where the answer sits says nothing (the quiz shuffles them again when it asks).
    choices = list(fields.pop("choices"))
    random.Random(fields["id"]).shuffle(choices)
    return ChoiceQuestion(kind="question", type="choice", topic=TOPIC, choices=choices,
                          **fields)  # fmt: skip


def card_family(interview: Any, qid: str) -> str:
    """Which of `FAMILIES` the card `qid` of `interview` belongs to."""
    if qid.startswith(ask_card_id(interview, "")):
        return "clarify"
    parts = zip(("estimate", "design", "bottleneck", "drill", "trade_off", "wrap_up"), FAMILIES[1:])
    for part, family in parts:
        if qid.startswith(point_card_id(interview, interview.stage(part), "")):
            return family
    raise ValueError(f"{qid} is not a review card of {interview.id}")


def review_questions(interview: Any, wanted: Collection[str] | None = None,
                     table: Any = None) -> dict[str, Any]:  # fmt: skip
    """The review cards a round of `interview` can leave, by card id: those `wanted`
    (every one when None). `table`: the capacity table the deep dive's cards need (those
    are left out without it)."""
    found: dict[str, Any] = {}
    clarify = interview.clarify
    for question in clarify.mattering():
        qid = ask_card_id(interview, question.about)
        found[qid] = _choice(
            id=qid,
            context=interview.title,
            prompt=(f"{interview.opening.strip()}\n\nBefore designing, which of these "
                    "questions to the interviewer changes the design?"),
            choices=[question.ask, *question.decoys],
            answer=question.ask,
            # Its own point, not the step's model answer, which names every other card's.
            explanation=(f"{question.ask} The interviewer's answer: {question.answer} "
                         f"{question.why.strip()} Why not the others: "
                         f"{question.decoys_why.strip()}"),
            study=clarify.study,
        )  # fmt: skip
    found.update(_figure_cards(interview))
    for part in ("trade_off", "wrap_up"):
        stage = interview.stage(part)
        for point in whole_points(stage.rubric):  # a half answer is no strong answer
            qid = point_card_id(interview, stage, point.id)
            found[qid] = _choice(
                id=qid,
                context=interview.title,
                prompt=(f"{stage.prompt.strip()}\n\nWhich of these does a strong answer "
                        "say?"),
                choices=[point.point, *stage.wrong[point.id]],
                answer=point.point,
                explanation=f"{point.point.rstrip('.')}. {stage.why[point.id].strip()}",
                study=stage.study,
            )  # fmt: skip
    found.update(_design_cards(interview, wanted))
    if table is not None:
        found.update(_deep_dive_cards(interview, wanted, table))
    return found if wanted is None else {k: v for k, v in found.items() if k in wanted}


def _design_cards(interview: Any, wanted: Collection[str] | None) -> dict[str, ChoiceQuestion]:
    """A choice for each fault of the design asked for: the reference broken that way,
    what is wrong with it."""
    from sysdesign_cli.core.fault_cards import fault_cards

    stage = interview.high_level
    found = {}
    for key, card in fault_cards(interview).items():
        qid = point_card_id(interview, stage, key)
        if wanted is not None and qid not in wanted:
            continue
        design = "\n".join(f"    {line}" for line in card.lines)
        message = card.finding.message
        found[qid] = _choice(
            id=qid,
            context=interview.title,
            prompt=(f"{interview.opening.strip()}\n\nA candidate draws this design, one "
                    f"edge a line:\n\n{design}\n\nWhat is wrong with it?"),
            choices=[card.claim, *card.wrong],
            answer=card.claim,
            # The fault and its fix only: the step's model answer names every fault.
            explanation=(f"The design check says: {message.rstrip('.')}. The fix: "
                         f"{card.finding.fix}"),
            study=stage.study,
        )  # fmt: skip
    return found


def _deep_dive_cards(interview: Any, wanted: Collection[str] | None,
                     table: Any) -> dict[str, ChoiceQuestion]:  # fmt: skip
    """The bottleneck and the failure drill on designs of the scenario, each standing
    alone: the design and its figures in the prompt."""
    from sysdesign_cli.core.bottleneck_card import bottleneck_cards
    from sysdesign_cli.core.drill_card import drill_cards
    from sysdesign_cli.core.graph.design_breaks import design_lines

    found: dict[str, ChoiceQuestion] = {}
    for part, key, build in (("bottleneck", BOTTLENECK_CARD, bottleneck_cards),
                             ("drill", DRILL_CARD, drill_cards)):  # fmt: skip
        stage = interview.stage(part)
        prefix = point_card_id(interview, stage, "")
        if wanted is not None and not any(
                qid.startswith(prefix) and qid.endswith(key) for qid in wanted):  # fmt: skip
            continue
        for which, card in build(interview, table).items():
            qid = point_card_id(interview, stage, f"{which}-{key}" if which else key)
            graph, prompt, choices, answer, told = card
            design = "\n".join(f"    {line}" for line in design_lines(graph))
            found[qid] = ChoiceQuestion(
                kind="question", type="choice", id=qid, topic=TOPIC, context=interview.title,
                prompt=(f"{interview.opening.strip()}\n\nA design for it, one edge a line:"
                        f"\n\n{design}\n\n{prompt}"),
                choices=choices, answer=answer, explanation=told, study=stage.study,
                hints=list(stage.hints),
            )  # fmt: skip
    return found


def deep_dive_ids(interview: Any, part: str, table: Any) -> list[str]:
    """The ids of the cards a missed `part` (`bottleneck` or `drill`) of the deep dive
    leaves: every card of it the scenario's designs make."""
    return [qid for qid in _deep_dive_cards(interview, None, table)
            if card_family(interview, qid) == part]


def _figure_cards(interview: Any) -> dict[str, NumberQuestion]:
    """A number question for each figure of the estimate step: the interviewer's numbers,
    then the figure; the answer the worked one as an engineer says it."""
    from sysdesign_cli.core.estimate_figures import LABELS, format_figure
    from sysdesign_cli.core.estimate_grading import worked_until

    stage = interview.estimate
    result = stage.result()
    found = {}
    for figure in stage.figures:
        qid = point_card_id(interview, stage, figure.replace("_", "-"))
        keys = {step.key for step in result.steps}
        cut = figure if figure in keys else figure.removeprefix("peak_")
        working = "; ".join(step.working for step in worked_until(result, cut))
        found[qid] = NumberQuestion(
            kind="question", type="number", id=qid, topic=stage.topic,
            context=interview.title,
            prompt=f"{stage.prompt.strip()}\n\nYour figure for {LABELS[figure].lower()}?",
            answer=format_figure(figure, getattr(result, figure)).lstrip("~"),
            hints=list(stage.hints),
            explanation=f"Worked out: {working}.",
            study=stage.study,
        )  # fmt: skip
    return found
