"""Review cards from mock interviews: a missed point becomes a question the quiz can ask
on its own, away from the round.

A clarifying question that matters and was not asked comes back as a choice between it
and the scenario's questions that do not matter; an estimate figure not within 2x, as a
number question with the interviewer's numbers in its prompt, graded in the same bands;
a missed rubric point of the trade-off or the wrap-up, as a choice between the point and
three claims a fair expert rejects (the step's `wrong`).
"""

from __future__ import annotations

from typing import Any

from sysdesign_cli.core.curriculum import ChoiceQuestion, NumberQuestion
from sysdesign_cli.core.interview_score import ask_card_id, point_card_id

TOPIC = "interviews"


def _choice(**fields: Any) -> ChoiceQuestion:
    return ChoiceQuestion(kind="question", type="choice", topic=TOPIC, **fields)


def review_questions(interview: Any) -> dict[str, ChoiceQuestion]:
    """Every review card a round of `interview` can leave, by card id."""
    found: dict[str, ChoiceQuestion] = {}
    clarify = interview.clarify
    idle = [q.ask for q in clarify.idle()][:3]
    for question in clarify.mattering():
        qid = ask_card_id(interview, question.about)
        found[qid] = _choice(
            id=qid,
            context=interview.title,
            prompt=(f"{interview.opening.strip()}\n\nBefore designing, which of these "
                    "questions to the interviewer changes the design?"),
            choices=[question.ask, *idle],
            answer=question.ask,
            explanation=(f"{question.ask} The interviewer's answer: {question.answer} "
                         f"{clarify.explanation.strip()}"),
            study=clarify.study,
        )  # fmt: skip
    found.update(_figure_cards(interview))
    for part in ("trade_off", "wrap_up"):
        stage = interview.stage(part)
        for point in stage.rubric.points:
            qid = point_card_id(interview, stage, point.id)
            found[qid] = _choice(
                id=qid,
                context=interview.title,
                prompt=(f"{stage.prompt.strip()}\n\nWhich of these does a strong answer "
                        "say?"),
                choices=[point.point, *stage.wrong[:3]],
                answer=point.point,
                explanation=f"A model answer: {stage.example} {stage.explanation.strip()}",
                study=stage.study,
            )  # fmt: skip
    return found


def _figure_cards(interview: Any) -> dict[str, NumberQuestion]:
    """A number question for each figure of the estimate step: the interviewer's numbers,
    then the figure; the answer the worked one as an engineer says it."""
    from sysdesign_cli.core.estimate import LABELS, format_figure
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
            explanation=f"Worked out: {working}. {stage.explanation.strip()}",
            study=stage.study,
        )  # fmt: skip
    return found
