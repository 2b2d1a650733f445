"""Fuzzing with hypothesis: the curriculum loader only ever reports Problems, the quantities
parser only ever raises QuantityError, and no grader raises on anything a learner types."""

from __future__ import annotations

import copy
import math
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sysdesign_cli.core.curriculum import Lesson
from sysdesign_cli.core.exercise_schema import Exercise
from sysdesign_cli.core.grading import Grade, grade_question, text_matches
from sysdesign_cli.core.loader import load_curriculum, load_file
from sysdesign_cli.core.problems import Problem
from sysdesign_cli.core.quantities import Dim, Quantity, QuantityError, parse, parse_as
from sysdesign_cli.core.rubric import assess
from sysdesign_cli.sessions.ask import figure_validator, grade_any

CURRICULUM = load_curriculum()
QUESTIONS = [step for step, _ in CURRICULUM.questions().values()]
BY_KIND = {kind: [q for q in QUESTIONS if q.kind == "question" and q.type == kind]
           for kind in ("choice", "multi", "order", "number", "text")}  # fmt: skip
ESTIMATES = [q for q in QUESTIONS if q.kind == "estimate"]
RUBRICS = [stage.rubric for exercise in CURRICULUM.exercises.values()
           for stage in exercise.stages if hasattr(stage, "rubric")]  # fmt: skip
LESSON_SOURCE = yaml.safe_load(CURRICULUM.sources["lesson:request-lifecycle"].read_text("utf-8"))
EXERCISE_SOURCE = yaml.safe_load(CURRICULUM.sources["exercise:pastebin"].read_text("utf-8"))

SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large]
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=SLOW)


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        for sub in ("lessons", "exercises", "other"):
            (Path(name) / sub).mkdir()
        yield Path(name)


def loads_cleanly(path: Path) -> tuple[Any, list[Problem]]:
    """load_file's contract: a model and no problems (but control characters, shown as
    text), or None and at least one Problem."""
    item, problems = load_file(path)
    assert all(isinstance(problem, Problem) for problem in problems)
    assert all(isinstance(str(problem), str) for problem in problems)
    if item is None:
        assert problems, "nothing loaded and no problem said why"
    else:
        assert isinstance(item, (Lesson, Exercise))
        assert all("control character" in problem.message for problem in problems)
    return item, problems


# ---------------------------------------------------------------- the loader

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["kind", "text", "question", "choice", "estimate", "id", "steps", "x-1"]),
)
KEYS = st.one_of(
    st.sampled_from(["id", "title", "summary", "topics", "order", "steps", "kind", "type", "body",
                     "prompt", "choices", "answer", "answers", "items", "accept", "stages",
                     "blocks", "explanation", "hints", "root", "children", "inputs", "figure"]),
    st.text(max_size=12),
    st.integers(min_value=-5, max_value=5),
    st.booleans(),
)  # fmt: skip
DOCUMENTS = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(KEYS, inner, max_size=6)),
    max_leaves=25,
)


@FUZZ
@given(document=DOCUMENTS, where=st.sampled_from(["lessons", "exercises", "other"]))
def test_loader_on_generated_documents_only_reports_problems(
    folder: Path, document: Any, where: str
) -> None:
    path = folder / where / "fuzz.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    loads_cleanly(path)


@FUZZ
@given(text=st.one_of(
    st.text(max_size=200),
    st.text(alphabet="-:[]{},&*!|>'\"#?%@` \n\tabc01", max_size=120),
))  # fmt: skip
def test_loader_on_any_text_only_reports_problems(folder: Path, text: str) -> None:
    path = folder / "lessons" / "text.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    loads_cleanly(path)


@FUZZ
@given(raw=st.binary(max_size=200))
def test_loader_on_any_bytes_only_reports_problems(folder: Path, raw: bytes) -> None:
    path = folder / "lessons" / "bytes.yaml"
    path.write_bytes(raw)
    loads_cleanly(path)


def _paths(node: Any, here: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in a document: mapping keys and list indexes."""
    yield here
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*here, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*here, index))


def _parent(document: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        document = document[part]
    return document


OTHER_TYPES = st.one_of(SCALARS, st.lists(SCALARS, max_size=3),
                        st.dictionaries(st.text(max_size=5), SCALARS, max_size=3))  # fmt: skip


@st.composite
def mutations(draw: st.DrawFn, source: dict[str, Any]) -> dict[str, Any]:
    """A real file with one to four things broken: a key dropped or renamed, a value swapped
    for one of another type, a list item duplicated or dropped."""
    document = copy.deepcopy(source)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        places = [p for p in _paths(document) if p]
        if not places:
            break
        place = draw(st.sampled_from(places))
        parent, last = _parent(document, place), place[-1]
        action = draw(st.sampled_from(["drop", "rename", "replace", "duplicate"]))
        if action == "drop":
            del parent[last]
        elif action == "rename" and isinstance(parent, dict):
            taken = set(parent)
            parent[draw(KEYS.filter(lambda k, taken=taken: k not in taken))] = parent.pop(last)
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[last]))
        else:
            parent[last] = draw(OTHER_TYPES)
    return document


@FUZZ
@given(document=mutations(LESSON_SOURCE))
def test_loader_on_a_broken_real_lesson_only_reports_problems(
    folder: Path, document: dict[str, Any]
) -> None:
    path = folder / "lessons" / "mutant.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), "utf-8")
    _, problems = loads_cleanly(path)
    lines = len(path.read_text("utf-8").splitlines())
    for problem in problems:  # located: a line in the file, when there is one
        assert problem.line is None or 1 <= problem.line <= lines + 1


@FUZZ
@given(document=mutations(EXERCISE_SOURCE))
def test_loader_on_a_broken_real_exercise_only_reports_problems(
    folder: Path, document: dict[str, Any]
) -> None:
    path = folder / "exercises" / "mutant.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), "utf-8")
    loads_cleanly(path)


def test_the_unbroken_sources_load(folder: Path) -> None:
    """The mutation tests start from files that load: a failure there is the mutation's."""
    for name, source in (("lessons", LESSON_SOURCE), ("exercises", EXERCISE_SOURCE)):
        path = folder / name / "whole.yaml"
        path.write_text(yaml.safe_dump(source, allow_unicode=True, sort_keys=False), "utf-8")
        item, problems = loads_cleanly(path)
        assert item is not None, problems


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("a: &a [*a]\n", id="self-referencing-alias"),
        pytest.param("&a {id: x, steps: *a}\n", id="recursive-mapping"),
        pytest.param(
            "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 10))
            .replace("[*l0", "[x")
            .replace("*l0", "x"),
            id="billion-laughs",
        ),  # fmt: skip
        pytest.param("id: x\ntitle: " + "[" * 2_000 + "]" * 2_000 + "\n", id="deep-2k"),
        pytest.param("id: x\ntitle: " + "[" * 200_000 + "]" * 200_000 + "\n", id="deep-200k"),
        pytest.param("- " * 5_000 + "x\n", id="deep-block-list"),
        pytest.param("? [a, b]\n: c\n", id="unhashable-key"),
        pytest.param("id: x\n---\nid: y\n", id="two-documents"),
        pytest.param("\ufeffid: x\n", id="bom"),
        pytest.param("id: !!binary aGVsbG8=\n", id="binary-tag"),
        pytest.param("id: !!set {a, b}\n", id="set-tag"),
        pytest.param("id: 2001-12-14t21:59:43.10-05:00\n", id="timestamp"),
        pytest.param("id: .nan\norder: .inf\n", id="nan-and-inf"),
        pytest.param("<<: {id: x}\n", id="merge-key"),
    ],
)
def test_loader_on_hostile_yaml_reports_a_problem(folder: Path, text: str) -> None:
    """Found by the fuzzing above: aliases made cycles (RecursionError) and nesting beyond
    ~50,000 levels crashed libyaml's composer (a segfault); both are now a Problem."""
    path = folder / "lessons" / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    item, _ = loads_cleanly(path)
    assert item is None


# ---------------------------------------------------------------- the quantities parser

NUMBERISH = st.from_regex(
    r"[~≈ ]{0,2}[0-9]{0,6}[.,]?[0-9]{0,4}([eE][+-]?[0-9]{1,4}|\^-?[0-9]{1,4})? ?"
    r"(k|K|M|G|T|bn|million|billion|%|KB|MiB|GB|ms|s|h|min|d|mo|y|QPS|users)?"
    r"( ?/ ?(s|sec|day|month|m|h|[0-9]{1,3} days))?",
    fullmatch=True,
)
ANY_TEXT = st.one_of(
    st.text(max_size=80),
    NUMBERISH,
    st.binary(max_size=60).map(lambda raw: raw.decode("utf-8", "replace")),
)


@settings(max_examples=400, deadline=None)
@given(text=ANY_TEXT, expect=st.one_of(st.none(), st.sampled_from(list(Dim))))
def test_parse_returns_a_finite_quantity_or_a_quantity_error(text: str, expect: Dim | None) -> None:
    try:
        quantity = parse(text, expect=expect)
    except QuantityError as error:
        assert str(error)
        assert len(str(error)) < 200  # a pasted essay is not echoed back whole
        return
    assert isinstance(quantity, Quantity)
    assert math.isfinite(quantity.value) and quantity.value >= 0


@settings(max_examples=200, deadline=None)
@given(text=ANY_TEXT, dim=st.sampled_from(list(Dim)), bare=st.sampled_from([1.0, 3600.0]))
def test_parse_as_returns_a_finite_number_or_a_quantity_error(
    text: str, dim: Dim, bare: float
) -> None:
    try:
        value = parse_as(text, dim, bare=bare)
    except QuantityError:
        return
    assert math.isfinite(value) and value >= 0


def test_parse_of_a_huge_paste_is_quick_and_short_spoken() -> None:
    for text in ("9" * 100_000, "1 " * 50_000, "1," * 50_000, "x" * 100_000, "~" * 100_000):
        with pytest.raises(QuantityError) as caught:
            parse(text)
        assert len(str(caught.value)) < 200


# ---------------------------------------------------------------- every grader

HUGE = st.text(min_size=1, max_size=20).map(lambda chunk: chunk * (100_000 // len(chunk)))


def _check(grade: Grade) -> None:
    assert isinstance(grade.correct, bool)
    assert 0.0 <= grade.score <= 1.0
    assert isinstance(grade.feedback, str) and isinstance(grade.expected, str)


@FUZZ
@given(data=st.data(), kind=st.sampled_from(sorted(BY_KIND)))
def test_grade_question_survives_any_answer(data: st.DataObject, kind: str) -> None:
    question = data.draw(st.sampled_from(BY_KIND[kind]))
    if kind in ("multi", "order"):
        options = list(question.choices if kind == "multi" else question.items)
        answer: Any = data.draw(st.lists(st.one_of(st.sampled_from(options), ANY_TEXT),
                                         max_size=len(options) + 2))  # fmt: skip
    else:
        answer = data.draw(ANY_TEXT)
    _check(grade_question(question, answer))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=HUGE, kind=st.sampled_from(["choice", "number", "text"]))
def test_grade_question_survives_a_huge_answer(answer: str, kind: str) -> None:
    for question in BY_KIND[kind][:5]:
        _check(grade_question(question, answer))


@FUZZ
@given(data=st.data(), answer=ANY_TEXT)
def test_an_estimate_the_validator_lets_through_is_graded(data: st.DataObject, answer: str) -> None:
    step = data.draw(st.sampled_from(ESTIMATES))
    if figure_validator(step.figure)(answer) is not None:
        return  # the asker asks again; the grader never sees it
    grade, working = grade_any(step, answer)
    _check(grade)
    assert working


@FUZZ
@given(answer=st.one_of(ANY_TEXT, HUGE), index=st.integers(min_value=0))
def test_rubric_assessment_survives_any_text(answer: str, index: int) -> None:
    rubric = RUBRICS[index % len(RUBRICS)]
    findings = assess(answer, rubric)
    assert [f.point_id for f in findings] == [point.id for point in rubric.points]
    assert {f.status for f in findings} <= {"found", "contradicted", "missing"}


@FUZZ
@given(answer=st.one_of(ANY_TEXT, HUGE), accepted=st.lists(ANY_TEXT, max_size=5))
def test_text_matches_survives_any_text(answer: str, accepted: list[str]) -> None:
    match = text_matches(answer, accepted)
    assert match is None or match in accepted


@FUZZ
@given(accepted=st.lists(st.text(min_size=1, max_size=30), min_size=1, max_size=4))
def test_an_accepted_answer_always_matches_itself(accepted: list[str]) -> None:
    for option in accepted:
        if text_matches(option, [option]) is None:
            # Only answers that fold to nothing (punctuation, symbols) match nothing.
            from sysdesign_cli.core.grading import fold

            assert not fold(option)


def test_a_choice_picked_twice_counts_once() -> None:
    """Found by the fuzzing above: four picks of one right answer scored 4/3, "4 of 3 right
    answers picked"."""
    question = next(q for q in BY_KIND["multi"] if len(q.answers) > 1)
    grade = grade_question(question, [question.answers[0]] * 4)
    assert grade.score == 1 / len(question.answers)
    assert grade.feedback.startswith(f"1 of {len(question.answers)} right")


@pytest.mark.parametrize("typed", ["20000000^-42", "1e-300", "1e30"])
def test_an_estimate_light_years_off_is_graded_not_crashed(typed: str) -> None:
    """Found by the fuzzing above: a figure like 2e-306 made the "x too low" ratio infinite
    and formatting it raised OverflowError in the middle of a lesson."""
    for step in ESTIMATES:
        grade, _ = grade_any(step, typed)
        assert not grade.correct and (" too high" in grade.feedback or " too low" in grade.feedback)
