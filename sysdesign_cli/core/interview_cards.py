"""Review cards from mock interviews: a missed point becomes a question the quiz can ask
on its own, away from the round.

A clarifying question that matters and was not asked comes back as a choice between it
and the scenario's questions that do not matter; a missed rubric point of the trade-off
or the wrap-up, as a choice between the point and three claims a fair expert rejects
(the step's `wrong`).
"""

from __future__ import annotations

from typing import Any

from sysdesign_cli.core.curriculum import ChoiceQuestion
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
            context=f"Mock interview: {interview.title}",
            prompt=(f"{interview.opening.strip()}\n\nBefore designing, which of these "
                    "questions to the interviewer changes the design?"),
            choices=[question.ask, *idle],
            answer=question.ask,
            explanation=(f"{question.ask} The interviewer's answer: {question.answer} "
                         f"{clarify.explanation.strip()}"),
            study=clarify.study,
        )  # fmt: skip
    for part in ("trade_off", "wrap_up"):
        stage = interview.stage(part)
        for point in stage.rubric.points:
            qid = point_card_id(interview, stage, point.id)
            found[qid] = _choice(
                id=qid,
                context=f"Mock interview: {interview.title}",
                prompt=(f"{stage.prompt.strip()}\n\nWhich of these does a strong answer "
                        "say?"),
                choices=[point.point, *stage.wrong[:3]],
                answer=point.point,
                explanation=f"A model answer: {stage.example} {stage.explanation.strip()}",
                study=stage.study,
            )  # fmt: skip
    return found
