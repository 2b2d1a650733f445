"""A test-wise guesser against the exercises' choice stages: with the choices shuffled at
every asking (SYSDESIGN_SEED unset), the right answer moves, and a bot that always picks
the first, the last or the longest choice does no better than chance plus 10 points. The
same holds at every round of the design loop, for bots that pick by position, length or
the number in `run X xN` or `split X into N shards` (of any block, or of the block that
buckles)."""

from __future__ import annotations

import io
import random
import re
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from exercise_answers import TABLE, load_answer, reference_lines, spec
from rich.console import Console

from sysdesign_cli.core.curriculum import Exercise
from sysdesign_cli.core.design_loop import loop_step
from sysdesign_cli.core.load import load
from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.core.loop_judge import RIGHT, judge, right_path
from sysdesign_cli.core.loop_offers import offers
from sysdesign_cli.sessions import fix_loop
from sysdesign_cli.sessions.exercise import ExerciseRun, ExerciseSession
from sysdesign_cli.sessions.fix_loop import STOP, TYPE, run_loop

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


def _judged_right(graph: Any, step: Any, load_spec: Any, fixes: Sequence[Any]) -> set[str]:
    """The labels among `fixes` a fair expert accepts at `step`: the block that buckles
    made to fit with the fewest machines, give or take one copy (`loop_judge`)."""
    target = load_spec.scaled(step.factor)
    return {fix.label for fix in fixes
            if judge(graph, step, fix.graph, fix.label, load(fix.graph, target, TABLE),
                     fix.additions).kind == RIGHT}  # fmt: skip


def _loop_right(exercise: Exercise, item: Any) -> set[str]:
    """The first-round fixes a fair expert accepts (the wrong counts and the fixes
    elsewhere on the list are never among them: tests/test_design_loop.py)."""
    graph = exercise.design.graph()  # type: ignore[union-attr]
    load_spec = spec(exercise, item)
    step = loop_step(graph, load_spec, TABLE, item.target)
    return _judged_right(graph, step, load_spec, step.fixes)


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


# ---------------------------------------------------------------- every round of the loop
#
# The measure: each round of a loop stage is a question ("How do you fix X?"). A learner
# right at every round takes the judge's path (`right_path`) and scores the whole stage;
# at each round of that path, over LOOP_RUNS askings with the offers and their order
# drawn afresh, a bot's pick is right or not, and chance is the share of right fixes among
# those listed. A bot is held within chance + 10 points of that first-try share, the
# right learner's being 100%.

LOOP_RUNS = 200
NUMBERED = re.compile(r"^(?:run (\S+) x(\d+)|split (\S+) into (\d+) shards)$")


def _numbers(choices: Sequence[str], block: str | None = None) -> list[tuple[int, str]]:
    """The choices that carry a number (`run X xN`, `split X into N shards`), of every
    block or of `block`, by their number; equal numbers in the order shown."""
    found = []
    for choice in choices:
        if m := NUMBERED.match(choice):
            name, number = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
            if block is None or name == block:
                found.append((int(number), choice))
    return sorted(found, key=lambda item: item[0])


def _by_number(rank: Callable[[int], int], own: bool) -> Callable[[str, list[str]], str]:
    """The numbered choice at `rank(len)` by its number (of every block's, or of the block
    the prompt names), or the first choice when there is none."""

    def pick(prompt: str, choices: list[str]) -> str:
        block = prompt.removeprefix("How do you fix ").removesuffix("?") if own else None
        found = _numbers(choices, block)
        return found[rank(len(found))][1] if found else choices[0]

    return pick


DRAW = random.Random(5)
LOOP_BOTS: dict[str, Callable[[str, list[str]], str]] = {
    "at random": lambda prompt, choices: DRAW.choice(choices),
    "first": lambda prompt, choices: choices[0],
    "last": lambda prompt, choices: choices[-1],
    "longest": lambda prompt, choices: max(choices, key=len),
    "shortest": lambda prompt, choices: min(choices, key=len),
    "smallest number": _by_number(lambda n: 0, own=False),
    "largest number": _by_number(lambda n: -1, own=False),
    "smallest number for the block named": _by_number(lambda n: 0, own=True),
    "middle number for the block named": _by_number(lambda n: n // 2, own=True),
    "largest number for the block named": _by_number(lambda n: -1, own=True),
}


class RightEveryRound:
    """Answers each round with the judge's right fix and records what each round listed
    (its prompt and choices, typing and stopping left out)."""

    def __init__(self, path: Sequence[str]) -> None:
        self.path = list(path)
        self.asked: list[tuple[str, list[str]]] = []

    def select(self, prompt: str, choices: Sequence[str]) -> str:
        self.asked.append((prompt, [c for c in choices if c not in (TYPE, STOP)]))
        return self.path[len(self.asked) - 1]

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"{name} asked in a loop answered from its menu")


@pytest.fixture(scope="module")
def loop_samples() -> list[tuple[str, list[tuple[str, set[str], list[str]]]]]:
    """Each loop round's id and, per asking, its prompt, its right fixes and the list."""
    mp = pytest.MonkeyPatch()
    mp.delenv("SYSDESIGN_SEED", raising=False)
    offered: list[tuple[Any, Any, Any, tuple[Any, ...]]] = []

    def recording(graph: Any, step: Any, load_spec: Any, table: Any, seed: object = 0) -> Any:
        fixes = offers(graph, step, load_spec, table, seed)
        offered.append((graph, step, load_spec, fixes))
        return fixes

    mp.setattr(fix_loop, "offers", recording)
    rng = random.Random(12)
    mp.setattr(random, "random", rng.random)  # the askings' seeds, the same every run
    found: dict[str, list[tuple[str, set[str], list[str]]]] = {}
    try:
        for exercise, item in loop_stages():
            load_spec = spec(exercise, item)
            path = [fix.label for fix in right_path(exercise.design.graph(), load_spec,  # type: ignore[union-attr]
                                                    TABLE, item.target)]  # fmt: skip
            for _ in range(LOOP_RUNS):
                offered.clear()
                asker = RightEveryRound(path)
                result = run_loop(exercise.design.graph(), load_spec, TABLE, asker,  # type: ignore[arg-type, union-attr]
                                  Console(file=io.StringIO()), target=item.target,
                                  key=item.id)  # fmt: skip
                assert result["fraction"] == 1.0 and result["meets"]
                for number, ((prompt, choices), (graph, step, lspec, fixes)) in enumerate(
                    zip(asker.asked, offered, strict=True), 1
                ):
                    right = _judged_right(graph, step, lspec, fixes)
                    found.setdefault(f"{exercise.id}/{item.id} round {number}", []).append(
                        (prompt, right, choices))
    finally:
        mp.undo()
    return list(found.items())


def loop_stages() -> list[tuple[Exercise, Any]]:
    return [(exercise, item) for exercise in EXERCISES.values() for item in exercise.stages
            if item.kind == "loop"]  # fmt: skip


def loop_score_of(pick: Callable[[str, list[str]], str], samples: list[Any]) -> tuple[float, float]:
    """The bot's first-try share over every round of every asking, and chance's."""
    hits = chance = 0.0
    count = 0
    for _, askings in samples:
        for prompt, right, choices in askings:
            hits += pick(prompt, choices) in right
            chance += len(right & set(choices)) / len(choices)
            count += 1
    return hits / count, chance / count


def test_each_loop_round_lists_exactly_one_right_fix_or_a_few(loop_samples: list[Any]) -> None:
    assert loop_samples, "the shipped exercises have loop stages"
    for round_id, askings in loop_samples:
        for _, right, choices in askings:
            assert 1 <= len(right & set(choices)) < len(choices) / 2, round_id


@pytest.mark.parametrize("bot", sorted(LOOP_BOTS))
def test_a_guessing_bot_wins_no_loop_round_beyond_chance_plus_ten_points(
    bot: str, loop_samples: list[Any]
) -> None:
    got, chance = loop_score_of(LOOP_BOTS[bot], loop_samples)
    assert got <= chance + MARGIN, f"{bot}: {got:.0%} against chance {chance:.0%}"
