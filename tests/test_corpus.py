"""The grading corpus: answers typed the way engineers type them, each labelled as a fair
expert would grade it, run through the graders. Reports and asserts the agreement.

The labels were written before the grader was run on them and are never changed to match
it: a miss here is a grader to fix, or an accepted failure counted in the figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from sysdesign_cli.core.curriculum import NumberQuestion, Rubric, TextQuestion
from sysdesign_cli.core.grading import grade_multi, grade_order, grade_question
from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.core.rubric import CONTRADICTED, assess, found_fraction
from sysdesign_cli.sessions.asker import pick_many

CORPUS = Path(__file__).parent / "corpus"
ACCURACY = 0.95  # the share of answers graded as the expert labelled them
WRONG_ACCEPTED = 0.01  # the share of wrong answers the grader accepts, at most


@dataclass(frozen=True)
class Case:
    kind: str  # text, number, list, free
    where: str  # the question, shortly
    answer: str
    right: bool  # the expert's label
    accepted: bool  # the grader's verdict


def _load(name: str) -> list[dict[str, Any]]:
    return yaml.safe_load((CORPUS / name).read_text(encoding="utf-8"))


def _question(model: type, entry: dict[str, Any], **fields: Any) -> Any:
    base = {"kind": "question", "id": "corpus", "topic": "corpus", "explanation": "-",
            "prompt": entry["prompt"]}  # fmt: skip
    return model.model_validate({**base, **fields})


def _labelled(entry: dict[str, Any]) -> list[tuple[str, bool]]:
    return [(str(a), True) for a in entry.get("right", [])] + [
        (str(a), False) for a in entry.get("wrong", [])
    ]


def _graded(kind: str, entry: dict[str, Any], question: Any) -> list[Case]:
    return [Case(kind, entry["prompt"][:50], answer, right,
                 grade_question(question, answer).correct)
            for answer, right in _labelled(entry)]  # fmt: skip


def text_cases() -> list[Case]:
    return [case for entry in _load("text.yaml") for case in _graded(
        "text", entry, _question(TextQuestion, entry, type="text", accept=entry["accept"]))]


def number_cases() -> list[Case]:
    cases = []
    for entry in _load("number.yaml"):
        fields = {"type": "number", "answer": entry["answer"]}
        fields.update({key: entry[key] for key in ("unit", "tolerance", "givens") if key in entry})
        cases += _graded("number", entry, _question(NumberQuestion, entry, **fields))
    return cases


def list_cases() -> list[Case]:
    cases = []
    for entry in _load("lists.yaml"):
        shown = entry["shown"]
        for answer, right in _labelled(entry):
            picked = pick_many(answer, shown)
            if picked is None:
                accepted = False
            elif entry["type"] == "order":
                accepted = len(picked) == len(shown) and grade_order(picked, entry["items"]).correct
            else:
                accepted = bool(picked) and grade_multi(picked, entry["answers"]).correct
            cases.append(Case("list", " / ".join(shown)[:50], answer, right, accepted))
    return cases


def _stages() -> dict[str, Any]:
    return {stage.id: stage for exercise in load_curriculum().exercises.values()
            for stage in exercise.stages}  # fmt: skip


def free_cases() -> list[Case]:
    stages = _stages()
    cases = []
    for entry in _load("free.yaml"):
        if "stage" in entry:
            rubric, where = stages[entry["stage"]].rubric, entry["stage"]
        else:
            rubric, where = Rubric.model_validate(entry["rubric"]), entry["prompt"][:50]
        for answer, right in _labelled(entry):
            findings = assess(answer, rubric)
            complete = found_fraction(rubric, findings) >= 1
            accepted = complete and not any(f.status == CONTRADICTED for f in findings)
            cases.append(Case("free", where, answer, right, accepted))
    return cases


@cache
def all_cases() -> list[Case]:
    return text_cases() + number_cases() + list_cases() + free_cases()


def figures(cases: list[Case]) -> tuple[float, float]:
    """(agreement with the labels, share of wrong answers accepted)."""
    agree = sum(case.right == case.accepted for case in cases) / len(cases)
    wrong = [case for case in cases if not case.right]
    return agree, sum(case.accepted for case in wrong) / len(wrong)


def test_the_corpus_is_large_and_balanced() -> None:
    cases = all_cases()
    assert len(cases) >= 300
    for kind in ("text", "number", "list", "free"):
        of_kind = [case for case in cases if case.kind == kind]
        assert sum(c.right for c in of_kind) >= 10 and sum(not c.right for c in of_kind) >= 10


def test_graders_agree_with_the_expert_labels(capsys: pytest.CaptureFixture[str]) -> None:
    cases = all_cases()
    agree, wrong_accepted = figures(cases)
    lines = [f"corpus: {len(cases)} answers, {agree:.1%} graded as labelled, "
             f"{wrong_accepted:.1%} of wrong answers accepted"]  # fmt: skip
    for kind in ("text", "number", "list", "free"):
        of_kind = [case for case in cases if case.kind == kind]
        a, w = figures(of_kind)
        lines.append(f"  {kind}: {len(of_kind)} answers, {a:.1%} as labelled, "
                     f"{w:.1%} wrong accepted")  # fmt: skip
    misses = [case for case in cases if case.right != case.accepted]
    lines += [f"  {'accepted' if c.accepted else 'refused'} ({'right' if c.right else 'wrong'}): "
              f"[{c.kind}] {c.where!r}: {c.answer!r}" for c in misses]  # fmt: skip
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert agree >= ACCURACY, "\n".join(lines)
    assert wrong_accepted <= WRONG_ACCEPTED, "\n".join(lines)
