"""A test-wise guesser against the exercises' choice stages: with the choices shuffled at
every asking (SYSDESIGN_SEED unset), the right answer moves, and a bot that always picks
the first, the last or the longest choice does no better than chance plus 10 points."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from exercise_answers import TABLE, load_answer, reference_lines, spec
from rich.console import Console

from sysdesign_cli.core.curriculum import Exercise
from sysdesign_cli.core.design_loop import loop_step
from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.core.loop_search import fewest_additions
from sysdesign_cli.sessions.exercise import ExerciseRun, ExerciseSession

EXERCISES = load_curriculum().exercises
RUNS = 12
MARGIN = 0.10


class Asked(Exception):
    """The first choice list of a stage has been seen: the stage need go no further."""

    def __init__(self, choices: Sequence[str]) -> None:
        super().__init__()
        self.choices = list(choices)


class FirstSelect:
    """An asker that records the first choice list a stage offers, then stops the stage."""

    def select(self, prompt: str, choices: Sequence[str]) -> str:
        raise Asked(choices)

    def __getattr__(self, name: str) -> Any:  # every other widget: not before the choice
        raise AssertionError(f"{name} asked before the stage's choice")


def _loop_right(exercise: Exercise, item: Any) -> set[str]:
    """The first-round fixes that still carry the target with the fewest additions."""
    graph = exercise.design.graph()  # type: ignore[union-attr]
    load_spec = spec(exercise, item)
    best = fewest_additions(graph, load_spec, TABLE, item.target)
    assert best is not None
    right = set()
    for fix in loop_step(graph, load_spec, TABLE, item.target).fixes:
        rest = fewest_additions(fix.graph, load_spec, TABLE, item.target)
        if rest is not None and fix.additions + rest.additions == best.additions:
            right.add(fix.label)
    return right


def _right(exercise: Exercise, item: Any) -> set[str] | None:
    """The answers a fair expert accepts at the stage's first choice; None: no choice."""
    if item.kind == "load":
        return {load_answer(exercise, item)}
    if item.kind == "loop":
        return _loop_right(exercise, item)
    if item.kind == "choose":
        return set(item.answers)
    if item.kind == "question" and item.type == "choice":
        return {item.answer}
    return None


def asked_stages() -> list[tuple[Exercise, Any, set[str]]]:
    found = []
    for exercise_id in sorted(EXERCISES):
        exercise = EXERCISES[exercise_id]
        for item in exercise.stages:
            right = _right(exercise, item)
            if right is not None:
                found.append((exercise, item, right))
    return found


def shown(exercise: Exercise, item: Any) -> list[str]:
    """The choices the session lists at the stage's first choice, on the reference design."""
    run = ExerciseRun(exercise, lines=reference_lines(exercise))
    session = ExerciseSession(exercise, FirstSelect(), Console(file=io.StringIO()),  # type: ignore[arg-type]
                              run=run, table=TABLE)  # fmt: skip
    with pytest.raises(Asked) as asked:
        session.play_stage(item)
    return asked.value.choices


BOTS: dict[str, Callable[[list[str]], str]] = {
    "first": lambda choices: choices[0],
    "last": lambda choices: choices[-1],
    "longest": lambda choices: max(choices, key=len),
}


@pytest.fixture(scope="module")
def samples() -> list[tuple[str, set[str], list[list[str]]]]:
    """Each stage's id, its right answers and the choices shown in RUNS askings."""
    mp = pytest.MonkeyPatch()
    mp.delenv("SYSDESIGN_SEED", raising=False)
    try:
        return [(f"{exercise.id}/{item.id}", right, [shown(exercise, item) for _ in range(RUNS)])
                for exercise, item, right in asked_stages()]  # fmt: skip
    finally:
        mp.undo()


def test_every_exercise_has_choice_stages(samples: list[Any]) -> None:
    kinds = {stage_id.split("/")[0] for stage_id, _, _ in samples}
    assert kinds == set(EXERCISES)


def test_the_right_answer_is_not_always_at_one_position(samples: list[Any]) -> None:
    fixed = []
    for stage_id, right, lists in samples:
        positions = {min(i for i, choice in enumerate(choices) if choice in right)
                     for choices in lists}  # fmt: skip
        if len(right & set(lists[0])) < len(lists[0]) and len(positions) == 1:
            fixed.append(stage_id)
    assert fixed == []


def score(pick: Callable[[list[str]], str], samples: list[Any]) -> tuple[float, float]:
    """The bot's first-try share over every asking, and chance's."""
    hits = chance = 0.0
    count = 0
    for _, right, lists in samples:
        for choices in lists:
            hits += pick(choices) in right
            chance += len(right & set(choices)) / len(choices)
            count += 1
    return hits / count, chance / count


@pytest.mark.parametrize("bot", sorted(BOTS))
def test_a_guessing_bot_scores_no_more_than_chance_plus_ten_points(
    bot: str, samples: list[Any]
) -> None:
    got, chance = score(BOTS[bot], samples)
    assert got <= chance + MARGIN, f"{bot}: {got:.0%} against chance {chance:.0%}"
