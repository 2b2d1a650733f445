"""The lint rules on hints: a hint points towards the answer without giving it or counting
the right options, and an exercise stage, worked at alone, has enough of them."""

from __future__ import annotations

from typing import Any

from sysdesign_cli.core.exercise_schema import Exercise
from sysdesign_cli.core.lint_findings import (
    HINT_ANSWER,
    HINT_COUNT,
    STAGE_HINTS,
    Finding,
    Item,
    finding,
    options,
)
from sysdesign_cli.core.safe_text import quoted
from sysdesign_cli.core.text_numbers import answer_targets, mentions, restates
from sysdesign_cli.core.wording import contains_phrase, counts_options, spells_answer

STAGE_MIN_HINTS = 2  # every exercise stage: vague, then specific


def _accepted(step: Any) -> list[str]:
    """The phrases a hint must not contain: accepted answers and short right options."""
    if step.kind == "question" and step.type == "text":
        return list(step.accept)
    shown = options(step)
    if shown is None:
        return []
    choices, right = shown
    wrong = [choice for choice in choices if choice not in right]
    # A right option that is also inside a wrong one tells nothing when a hint says it.
    return [answer for answer in right if not any(contains_phrase(w, answer) for w in wrong)]


def hints(item: Item) -> list[Finding]:
    step = item.step
    found: list[Finding] = []
    accepted = _accepted(step)
    targets = answer_targets(step)
    many = options(step) is not None and (
        (step.kind == "question" and step.type == "multi") or step.kind == "choose"
    )
    for index, hint in enumerate(step.hints):
        given = next((phrase for phrase in accepted if contains_phrase(hint, phrase)), None)
        if given is None:
            given = next((m.text for m in mentions(hint) if restates(m, targets)), None)
        if given is None and accepted:
            given = spells_answer(hint, accepted)
        if given is not None:
            found.append(finding(item, HINT_ANSWER, f"the hint gives the answer away "
                                 f"({quoted(given)}): point towards it instead", "hints",
                                 index))  # fmt: skip
        if many and (counted := counts_options(hint)):
            found.append(finding(item, HINT_COUNT, f"the hint tells how many options are "
                                 f"right ({quoted(counted)}): that turns recall into counting",
                                 "hints", index))  # fmt: skip
    return found


def stage_hints(item: Item) -> list[Finding]:
    """An exercise stage is worked at alone: it gets hints, vague first, specific last."""
    if not isinstance(item.owner, Exercise) or len(item.step.hints) >= STAGE_MIN_HINTS:
        return []
    return [finding(item, STAGE_HINTS, f"an exercise stage has {len(item.step.hints)} hint"
                    f"{'s' if len(item.step.hints) != 1 else ''}: give it {STAGE_MIN_HINTS} or "
                    "3, the vague one first, none stating the answer", "hints")]  # fmt: skip
