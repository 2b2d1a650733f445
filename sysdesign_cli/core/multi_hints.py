"""The hint after a wrong multi-select: about the learner's own mistake.

A question's hints come in the order its author wrote them, whatever was picked; after a
wrong tick the useful hint is about that tick, and after a short list about what is left
out. Neither may give the whole answer away: a wrong tick is named (it is the learner's
own pick, and one of several options), a missing one never is; the hint for it is the
author's hint nearest in words to what was left unticked.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sysdesign_cli.core.guessers import content_stems

STILL_SHORT = ("Every tick is right: read the options you left unticked again, against the "
               "question, one by one.")  # fmt: skip


def wrong_tick(choice: str) -> str:
    """The hint naming one ticked option that does not belong."""
    return f'"{choice}" is not one of them; weigh each other option against the question too.'


def multi_hint(
    answers: Collection[str],
    picked: Sequence[str],
    hints: Sequence[str],
    shown: Collection[str],
) -> str | None:
    """The hint for this wrong try, or None when none is left to give: a ticked option
    that is not right, named (one not named yet, first in the order shown); else, all
    ticks right but some missing, the first of the author's hints not yet shown (in their
    order, vague first) that shares a word with the options left unticked, else the next
    of them, or a nudge to read those options again."""
    wrong = [choice for choice in picked if choice not in answers]
    if wrong:
        fresh = [choice for choice in wrong if wrong_tick(choice) not in shown]
        return wrong_tick((fresh or wrong)[0])
    missed = content_stems(" ".join(choice for choice in answers if choice not in picked))
    left = [hint for hint in hints if hint not in shown]
    if not left:
        return STILL_SHORT if STILL_SHORT not in shown else None
    return next((hint for hint in left if content_stems(hint) & missed), left[0])
