"""Grading a typed term: an accepted phrase as whole words inside a longer answer (read by
`textmatch`), never a negated or hedged one, never an opposite, a description of the
prompt (`prompt_words`) or a name followed by a claim that denies what makes it right
(`claims`); a percentage may be written as a fraction (`percent_text`)."""

from __future__ import annotations

from typing import Any

from sysdesign_cli.core.claims import denies_explanation
from sysdesign_cli.core.grade import Grade
from sysdesign_cli.core.percent_text import same_percentage
from sysdesign_cli.core.prompt_words import restates_prompt
from sysdesign_cli.core.textmatch import echoes_prompt, judge, saying

MAX_WORDS = 40  # a term is named in a few words; a paragraph naming everything is not an answer

_TEXT_FEEDBACK = {
    "empty": "No answer given.",
    "none": "Not what we were looking for.",
    "negated": "Your answer rules out the one we were looking for.",
    "hedged": "Name one answer: yours offers more than one.",
    "product": "That names one vendor's product: name the kind of thing it is.",
}


def grade_text(
    answer: str, accepted: list[str], prompt: str = "", alone: list[str] | tuple[str, ...] = (),
    explanation: str = "",
) -> Grade:
    """A typed answer against accepted answers and synonyms; those also in `alone` count
    only standing alone, never inside a longer phrase. The question's `explanation` tells
    a remark in brackets from a second answer (`remarks`)."""
    shown = " / ".join(accepted[:3])
    if echoes_prompt(answer, accepted, prompt):
        return Grade(False, 0.0, "That repeats the abbreviation; spell it out.", shown)
    if len(answer[:5_000].split()) > MAX_WORDS:
        return Grade(False, 0.0, f"Name it in a few words (at most {MAX_WORDS}).", shown)
    found = judge(answer, accepted, prompt, alone, explanation)
    if found.match is not None and restates_prompt(answer, found.match, prompt):
        return Grade(False, 0.0, "That says again what the question describes: name it.", shown)
    if found.match is not None and denies_explanation(
            answer, saying(answer, found.match, prose=True)[1], explanation, prompt):
        return Grade(False, 0.0, "You name it, then say something of it that is not so.", shown)
    if found.match is not None or (
            found.reason == "none" and same_percentage(answer, accepted) is not None):
        return Grade(True, 1.0, "Right.", accepted[0])
    return Grade(False, 0.0, _TEXT_FEEDBACK[found.reason], shown)


def text_problem(question: Any, answer: str) -> str | None:
    """Why a typed answer is asked again at no cost, or None: it names one vendor's product
    (`ELB`) where the question asks for the kind of thing. The learner knows the thing;
    the tutor wants its name in the field, which is not a wrong answer."""
    if len(answer[:5_000].split()) > MAX_WORDS:
        return None
    found = judge(answer, list(question.accept), question.prompt, question.alone,
                  question.explanation)  # fmt: skip
    if found.match is None and found.reason == "product":
        return f"{_TEXT_FEEDBACK['product']} (That costs no try.)"
    return None
