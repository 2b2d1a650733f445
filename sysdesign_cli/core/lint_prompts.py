"""The lint rules on prompts as questions of their own: a lesson question asked in the
quiz, away from its lesson, must say what it refers to, and no question asks what another
already asks."""

from __future__ import annotations

from collections.abc import Collection

from sysdesign_cli.core.curriculum import Lesson
from sysdesign_cli.core.lint_findings import CONTEXT, DUPLICATE, Finding, Item, finding
from sysdesign_cli.core.safe_text import quoted
from sysdesign_cli.core.wording import leans_on_lesson, near_duplicate, shape


def context(item: Item) -> list[Finding]:
    """A lesson question is also asked in `sysdesign quiz`, away from the steps before it."""
    if not isinstance(item.owner, Lesson) or getattr(item.step, "context", None):
        return []
    leaning = leans_on_lesson(item.step.prompt)
    if leaning is None:
        return []
    return [finding(item, CONTEXT, f"the prompt leans on its lesson ({quoted(leaning)}) but "
                    "is also asked on its own in the quiz: say what it refers to, or add a "
                    "`context:`", "prompt")]  # fmt: skip


def duplicates(items: list[Item], scope: Collection[str] | None) -> list[Finding]:
    """Questions that ask the same thing twice, reported at the later one (or at the one in
    scope). Exercise stages other than questions follow a template on purpose and are asked
    only in their exercise."""
    asked = [item for item in items if item.step.kind in ("question", "estimate")]
    shapes = [shape(item.step.prompt) for item in asked]
    found: list[Finding] = []
    for later, item in enumerate(asked):
        for earlier, other in enumerate(asked[:later]):
            if not near_duplicate(shapes[earlier], shapes[later]):
                continue
            here, there = item, other
            if scope is not None and item.source not in scope:
                here, there = other, item
            found.append(finding(here, DUPLICATE, f"the prompt nearly repeats "
                                 f"{quoted(there.step.id)}: ask something else, or drop one",
                                 "prompt"))  # fmt: skip
            break
    return found
