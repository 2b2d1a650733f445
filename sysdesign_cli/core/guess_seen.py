"""Every recognition question a learner meets, as a guesser sees it: the question, the
lesson text shown before it, and the other questions of the same lesson (exercise, mock
interview) with the feedback a learner read after answering them.

Pure: a loaded `Curriculum` in, `Asked` records out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sysdesign_cli.core.guessers import Asked, Neighbour
from sysdesign_cli.core.lint import graded_items
from sysdesign_cli.core.loader import Curriculum


def _node_text(node: Any) -> Iterable[str]:
    yield node.label
    if node.note:
        yield node.note
    for child in node.children:
        yield from _node_text(child)


def shown_text(step: Any) -> str:
    """What a lesson step that teaches (text, table, tree, drawn design) puts on screen."""
    parts: list[str] = []
    if step.kind == "text":
        parts += [step.title or "", step.body]
    elif step.kind == "table":
        parts += [step.title, " | ".join(step.columns), step.caption or ""]
        parts += [" | ".join(str(cell) for cell in row) for row in step.rows]
    elif step.kind == "tree":
        parts += [step.title, step.caption or "", *_node_text(step.root)]
    elif step.kind == "graph":
        parts += [step.title, step.caption or ""]
    return "\n".join(part for part in parts if part)


def _answers(step: Any) -> list[str]:
    """The right answers a question's feedback shows."""
    kind = getattr(step, "type", None)
    if step.kind == "choose" or kind == "multi":
        return list(step.answers)
    if kind == "order":
        return list(step.items)
    if kind == "text":
        return list(step.accept[:1])
    answer = getattr(step, "answer", None)
    return [str(answer)] if answer is not None else []


def neighbour(step: Any) -> Neighbour:
    """A question as a learner who has answered it read it: its words, its feedback (the
    explanation and the right answer), its options."""
    answers = _answers(step)
    parts = [getattr(step, "context", None) or "", getattr(step, "prompt", "") or "",
             getattr(step, "explanation", "") or "", *answers]  # fmt: skip
    options = getattr(step, "choices", None) or getattr(step, "items", None) or []
    return Neighbour("\n".join(part for part in parts if part), tuple(options), tuple(answers))


def _asked(source: str, step: Any, taught: str, others: Sequence[Any]) -> Asked | None:
    """A choice, multi or order question (or a choose stage) as a guesser sees it."""
    kind = "choice" if step.kind == "choose" else getattr(step, "type", None)
    if step.kind not in ("question", "choose") or kind not in ("choice", "multi", "order"):
        return None
    context = getattr(step, "context", None)
    prompt = f"{context}\n{step.prompt}" if context else step.prompt
    around = tuple(neighbour(other) for other in others if other is not step)
    if kind == "order":
        return Asked(source, step.id, kind, prompt, tuple(step.items), frozenset(step.items),
                     taught, around)  # fmt: skip
    right = [step.answer] if kind == "choice" and step.kind == "question" else step.answers
    return Asked(source, step.id, kind, prompt, tuple(step.choices), frozenset(right),
                 taught, around)  # fmt: skip


def _questions(steps: Sequence[Any]) -> list[Any]:
    return [step for step in steps if step.kind in ("question", "choose")]


def asked_questions(curriculum: Curriculum, table: Any = None) -> list[Asked]:
    """Every recognition question a learner meets: lessons, exercises' choice stages, and
    the choice and multi cards mock interviews leave for review, the deep dive's (built on
    the capacity table: `table`, else the curriculum's own, else the built-in one) too,
    each with what is read around it."""
    from sysdesign_cli.core.interview_cards import review_questions

    found: list[Asked | None] = []
    for item in graded_items(curriculum):
        steps = list(getattr(item.owner, "steps", None) or item.owner.stages)
        index = item.loc[1] if isinstance(item.loc[1], int) else 0
        taught = "\n\n".join(shown_text(step) for step in steps[:index])
        found.append(_asked(item.source, item.step, taught, _questions(steps)))
    interviews = curriculum.ordered_interviews()
    if interviews and table is None:
        table = curriculum.references.get("capacity")
    if interviews and table is None:
        from sysdesign_cli.core.loader import load_reference

        table = load_reference()[0]
    for interview in interviews:
        cards = list(review_questions(interview, None, table).values())
        found += [_asked(f"interview:{interview.id}", card, "", cards) for card in cards]
    return [asked for asked in found if asked is not None]
