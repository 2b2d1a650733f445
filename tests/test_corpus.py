"""The grading corpus: answers typed the way engineers type them, each labelled as a fair
expert would grade it, run through the graders. Reports and asserts the agreement.

The labels were written before the grader was run on them and are never changed to match
it: a miss here is a grader to fix, or an accepted failure counted in the figures.

`corpus/heldout/` holds answers to the shipped questions themselves (named by id), written
before the graders were read; its figures are reported apart, since the graders were never
tuned on the answers of the folder beside it.

`corpus/sixth/` (2,062 answers; 2,222 cases with the review cards the interview figures
leave) was committed before its first run, which graded 99.4% as labelled (14 misses),
accepted 0.7% of the wrong answers (8: a count typed per second for one asked a day, a
rate for streams at one moment, a total typed per day, `12 an hour` read as 12 a second,
`PUT or POST`, a factor-2 slip) and refused 0.5% of the right ones (6: four free answers
in wordings the rubrics lacked, a spare server added in words, `not a single one`). The
general rules that fixed them are in the commits after it; it now grades 99.9% as
labelled with 0.1% of wrong answers accepted.

`corpus/seventh/` (1,999 answers; 2,159 cases with the interview figures' review cards),
committed before its first run, which graded 99.4% as labelled (13 misses), accepted 0.3%
of the wrong answers (3: 10 for a peak factor of 5, 10 and 40 servers for 20, all taken in
the 2x band) and refused 1.0% of the right ones (10: eight free answers, six in wordings
the rubrics lacked, one with `pub/sub` spelt as the rubric did not, one whose `nothing is
lost` was read as negated by the `not` before it; `horizontal scaling` for scalability; a
fraction `0.998` for 99.8%). The general rules that fixed
them are in the commits after it; it now grades 100.0% as labelled with 0.0% of wrong
answers accepted: `horizontal scaling` names the word asked for (a description of the
prompt, `more servers`, does not), and a bare fraction for a percentage over 50% is read
as that percentage (`0.998` for 99.8%), as the first held-out sets now label it too.

`corpus/eighth/` (2,022 answers; 2,182 cases with the interview figures' review cards),
committed before its first run, which graded 99.5% as labelled (10 misses), accepted 0.4%
of the wrong answers (4: `not 8760` and `not 10` read as the figure they deny, a long
answer whose `nothing is stored` was outweighed by `keeps it in memory`, and 193 for 386
new links a second, the clicks figure, exactly 2x off and so in the good band) and refused
0.6% of the right ones (6: `10 out of 1000` for how many of 1,000 requests, a remark in
brackets holding an arrow, the ranges `about 0.5-1 ns` and `10k-13k`, and `about a
thousand orders a second` as asked and as a review card, read as a sentence). The general
rules that fixed them are in the commit after it; it now grades 100.0% as labelled (one
miss: the 193, which the bands accept by design) with 0.1% of wrong answers accepted.

`corpus/ninth/` (2,082 answers; 2,242 cases with the interview figures' review cards),
committed before its first run, which graded 99.2% as labelled (18 misses), accepted 0.3%
of the wrong answers (3: `not one` read as the 1 it denies, `8640` hours in a 365-day year,
a 360-day year inside the question's 5% tolerance, and the 193 above) and refused 1.4% of
the right ones (15: `strong` for strong consistency, `packet loss`, `persistent store`,
`gets there twice`, `three orders of magnitude`, `about a terabyte`, `would rather reject
orders ... than` read as denying the rejecting, two terse or differently worded free
answers, and six interview wrap-ups naming the one load balancer with its fix, which the
wrap-ups credit at half by design). The general rules that fixed most of them are in the
commits after it; it now grades 99.5% as labelled with 0.2% of wrong answers accepted.
A right figure in another unit than a conversion question asks for (`525600 minutes` for
hours) is asked for in that unit at no cost, as the tutor does: counted as agreeing with
an answer labelled right, never as accepting one labelled wrong.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from sysdesign_cli.core.exercise_schema import Rubric
from sysdesign_cli.core.grading import grade_multi, grade_order, grade_question
from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.core.question_schema import NumberQuestion, TextQuestion
from sysdesign_cli.core.rubric import CONTRADICTED, assess, found_fraction
from sysdesign_cli.sessions.picking import pick_many

CORPUS = Path(__file__).parent / "corpus"
HELDOUT = CORPUS / "heldout"
FRESH = CORPUS / "fresh"  # a second held-out set, written after the graders were fixed
THIRD = CORPUS / "third"  # a third, written after the second was fixed
FOURTH = CORPUS / "fourth"  # a fourth, one file per lesson group, written before a run
FIFTH = CORPUS / "fifth"  # a fifth, likewise, committed before its first run
SIXTH = CORPUS / "sixth"  # a sixth, likewise (its first run: see the module's docstring)
SEVENTH = CORPUS / "seventh"  # a seventh, likewise (its first run: see the module's docstring)
EIGHTH = CORPUS / "eighth"  # an eighth, likewise (its first run: see the module's docstring)
NINTH = CORPUS / "ninth"  # a ninth, likewise (its first run: see the module's docstring)
KINDS = ("text", "number", "estimate", "card", "list", "free")
ACCURACY = 0.95  # the share of answers graded as the expert labelled them
WRONG_ACCEPTED = 0.01  # the share of wrong answers the grader accepts, at most
# The held-out sets, on answers nobody tuned the graders for, are held higher.
HELD_OUT_ACCURACY = 0.99
HELD_OUT_WRONG_ACCEPTED = 0.005


@dataclass(frozen=True)
class Case:
    kind: str  # text, number, list, free
    where: str  # the question, shortly
    answer: str
    right: bool  # the expert's label
    accepted: bool  # the grader's verdict


# What each corpus holds: a file a set is meant to have and lacks fails its tests (read
# below) instead of quietly dropping its answers.
HOLDS = {
    CORPUS: {"free.yaml", "lists.yaml", "number.yaml", "text.yaml"},
    HELDOUT: {"estimate.yaml", "free.yaml", "number.yaml", "text.yaml"},
    FRESH: {"estimate.yaml", "free.yaml", "lists.yaml", "number.yaml", "text.yaml"},
    THIRD: {"number.yaml", "text.yaml"},
    FOURTH: {"foundations.yaml", "blocks.yaml", "numbers.yaml", "systems.yaml",
             "practice.yaml", "exercises.yaml", "interviews.yaml"},
    FIFTH: {"foundations.yaml", "blocks.yaml", "numbers.yaml", "systems.yaml",
            "practice.yaml", "exercises.yaml", "interviews.yaml"},
    SIXTH: {"foundations.yaml", "blocks.yaml", "numbers.yaml", "systems.yaml",
            "practice.yaml", "exercises.yaml", "interviews.yaml"},
    SEVENTH: {"foundations.yaml", "blocks.yaml", "numbers.yaml", "systems.yaml",
              "practice.yaml", "exercises.yaml", "interviews.yaml"},
    EIGHTH: {"foundations.yaml", "blocks.yaml", "numbers.yaml", "systems.yaml",
             "practice.yaml", "exercises.yaml", "interviews.yaml"},
    NINTH: {"foundations.yaml", "blocks.yaml", "numbers.yaml", "systems.yaml",
            "practice.yaml", "exercises.yaml", "interviews.yaml"},
}


def _load(name: str, folder: Path = CORPUS) -> list[dict[str, Any]]:
    if name not in HOLDS[folder]:
        return []
    return yaml.safe_load((folder / name).read_text(encoding="utf-8"))


def test_each_corpus_holds_the_files_it_is_read_from() -> None:
    for folder, names in HOLDS.items():
        assert {path.name for path in folder.glob("*.yaml")} == names, folder


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
                 _typed_verdict(question, answer, right))
            for answer, right in _labelled(entry)]  # fmt: skip


def _typed_verdict(question: Any, answer: str, right: bool) -> bool:
    """Whether the tutor's verdict on a typed answer agrees with the answer taken as right:
    graded right; or, for an answer labelled right, a right figure typed in another unit
    than the one a conversion question asks for (`525600 minutes` for the hours in a
    year), which the tutor asks for again in that unit at no cost: the learner is told the
    unit, not refused. Asked again is never accepted: a wrong answer asked again for its
    unit (`24 hours` for the seconds in a day) is not taken."""
    grade = grade_question(question, answer)
    if grade.correct or not right or not grade.retry or (
            "give the figure in" not in grade.feedback):  # fmt: skip
        return grade.correct
    from sysdesign_cli.core.givens import givens_of
    from sysdesign_cli.core.reading import read_figure

    reading = read_figure(answer, question.dim, question.unit_value)
    if any(math.isclose(given.raw, reading.raw) for given in givens_of(question.prompt)):
        return False  # `365 days` for the hours in a year: the question's own figure
    tolerance = question.tolerance if question.tolerance is not None else 0.05
    return abs(reading.value - question.value) <= tolerance * abs(question.value)


def text_cases(entries: list[dict[str, Any]] | None = None) -> list[Case]:
    entries = _load("text.yaml") if entries is None else entries
    return [case for entry in entries for case in _graded(
        "text", entry, _question(TextQuestion, entry, type="text", accept=entry["accept"]))]


def number_cases(entries: list[dict[str, Any]] | None = None) -> list[Case]:
    cases = []
    for entry in _load("number.yaml") if entries is None else entries:
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


@cache
def _shipped() -> Any:
    return load_curriculum()


def _stages() -> dict[str, Any]:
    curriculum = _shipped()
    stages = {stage.id: stage for exercise in curriculum.exercises.values()
              for stage in exercise.stages}  # fmt: skip
    for interview in curriculum.interviews.values():
        for part in ("estimate", "trade_off", "wrap_up"):
            stages[interview.stage(part).id] = interview.stage(part)
    return stages


def _questions() -> dict[str, Any]:
    """Every shipped lesson question and estimate step, and exercise question, by id."""
    steps = [step for lesson in _shipped().lessons.values() for step in lesson.steps]
    steps += [stage for exercise in _shipped().exercises.values() for stage in exercise.stages]
    return {step.id: step for step in steps if step.kind in ("question", "estimate")}


def free_cases(folder: Path = CORPUS, entries: list[dict[str, Any]] | None = None) -> list[Case]:
    stages = _stages()
    cases = []
    for entry in _load("free.yaml", folder) if entries is None else entries:
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


def _accepts_figure(question: Any, answer: str) -> bool:
    """An estimate figure as the tutor takes it: asked again (not accepted) when the check
    before grading refuses it, else graded in the bands."""
    from sysdesign_cli.sessions.ask import figure_validator, grade_any

    if figure_validator(question.figure, question)(answer) is not None:
        return False
    return grade_any(question, answer)[0].correct


def _figure_question(stage: Any, figure: str) -> Any:
    from sysdesign_cli.sessions.exercise import FigureQuestion

    return FigureQuestion(id=f"{stage.id}-{figure}", topic=stage.topic, prompt=figure,
                          figure=figure, hints=list(stage.hints), stage=stage)  # fmt: skip


def _cards() -> dict[str, Any]:
    """The review cards an interview's estimate figures leave, by stage id and figure."""
    from sysdesign_cli.core.interview_cards import review_questions
    from sysdesign_cli.core.interview_score import point_card_id

    cards = {}
    for interview in _shipped().interviews.values():
        found = review_questions(interview)
        for figure in interview.estimate.figures:
            qid = point_card_id(interview, interview.estimate, figure.replace("_", "-"))
            cards[(interview.estimate.id, figure)] = found[qid]
    return cards


def _shipped_lists(folder: Path, entries: list[dict[str, Any]] | None = None) -> list[Case]:
    """Plain-mode list answers to shipped multi and order questions."""
    questions = _questions()
    cases = []
    for entry in _load("lists.yaml", folder) if entries is None else entries:
        question, shown = questions[entry["question"]], entry["shown"]
        choices = question.items if question.type == "order" else question.choices
        assert sorted(shown) == sorted(choices), entry["question"]
        for answer, right in _labelled(entry):
            picked = pick_many(answer, shown)
            if picked is None:
                accepted = False
            elif question.type == "order":
                accepted = len(picked) == len(shown) and grade_order(picked, question.items).correct
            else:
                accepted = bool(picked) and grade_multi(picked, question.answers).correct
            cases.append(Case("list", question.id, answer, right, accepted))
    return cases


def _part(entry: dict[str, Any]) -> str:
    """What an entry of a held-out file answers: a list, an estimate figure, a free
    answer, or a typed question."""
    if "shown" in entry:
        return "lists"
    if "figure" in entry or "estimate" in entry:
        return "estimate"
    if "stage" in entry or "rubric" in entry:
        return "free"
    return "typed"


def _held_out_entries(folder: Path) -> dict[str, list[dict[str, Any]]]:
    """A held-out folder's entries by part: from the files named by kind (text.yaml,
    number.yaml, ...) or, in a folder of one file per lesson group, from every file."""
    parts: dict[str, list[dict[str, Any]]] = {"typed": [], "estimate": [], "free": [], "lists": []}
    for name in sorted(HOLDS[folder]):
        for entry in _load(name, folder) or []:
            part = _part(entry)
            if part == "typed" and "question" not in entry:  # a question of its own
                entry = {**entry, "own": name.removesuffix(".yaml")}
            parts[part].append(entry)
    return parts


def heldout_cases(folder: Path = HELDOUT) -> list[Case]:
    """The held-out answers, graded through the shipped questions they name."""
    questions, stages, cards = _questions(), _stages(), _cards()
    parts = _held_out_entries(folder)
    cases = []
    for entry in parts["typed"]:
        if "own" in entry:  # a question of its own, as in the tuned corpus
            cases += text_cases([entry]) if entry["own"] == "text" else number_cases([entry])
            continue
        question = questions[entry["question"]]
        cases += [Case(question.type, question.id, answer, right,
                       _typed_verdict(question, answer, right))
                  for answer, right in _labelled(entry)]  # fmt: skip
    for entry in parts["estimate"]:
        if "estimate" in entry:
            question, card = questions[entry["estimate"]], None
            where = question.id
        else:
            question = _figure_question(stages[entry["stage"]], entry["figure"])
            card = cards.get((entry["stage"], entry["figure"]))
            where = f"{entry['stage']} {entry['figure']}"
        for answer, right in _labelled(entry):
            cases.append(Case("estimate", where, answer, right, _accepts_figure(question, answer)))
            if card is not None:
                cases.append(Case("card", card.id, answer, right,
                                  grade_question(card, answer).correct))  # fmt: skip
    return (cases + _shipped_lists(folder, parts["lists"])
            + free_cases(folder, parts["free"]))  # fmt: skip


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


def report(title: str, cases: list[Case]) -> str:
    """The figures overall and by kind, then every answer graded against its label."""
    agree, wrong_accepted = figures(cases)
    right = [case for case in cases if case.right]
    refused = sum(not case.accepted for case in right) / len(right)
    lines = [f"{title}: {len(cases)} answers, {agree:.1%} graded as labelled, "
             f"{wrong_accepted:.1%} of wrong answers accepted, {refused:.1%} of right "
             "answers refused"]  # fmt: skip
    for kind in KINDS:
        of_kind = [case for case in cases if case.kind == kind]
        if not of_kind:
            continue
        a, w = figures(of_kind)
        lines.append(f"  {kind}: {len(of_kind)} answers, {a:.1%} as labelled, "
                     f"{w:.1%} wrong accepted")  # fmt: skip
    misses = [case for case in cases if case.right != case.accepted]
    lines += [f"  {'accepted' if c.accepted else 'refused'} ({'right' if c.right else 'wrong'}): "
              f"[{c.kind}] {c.where!r}: {c.answer!r}" for c in misses]  # fmt: skip
    return "\n".join(lines)


def test_graders_agree_with_the_expert_labels(capsys: pytest.CaptureFixture[str]) -> None:
    cases = all_cases()
    agree, wrong_accepted = figures(cases)
    text = report("corpus", cases)
    with capsys.disabled():
        print("\n" + text)
    assert agree >= ACCURACY, text
    assert wrong_accepted <= WRONG_ACCEPTED, text


def test_the_held_out_answers_cover_every_typed_question() -> None:
    """A new typed question gets labelled answers in corpus/heldout/ (4-8, right and wrong,
    written before its grading is tried)."""
    graded = {case.where.split()[0] for case in heldout_cases()}
    shipped = {qid for qid, q in _questions().items()
               if q.kind == "estimate" or q.type in ("text", "number")}  # fmt: skip
    assert shipped <= graded, f"no held-out answers for {sorted(shipped - graded)}"


@pytest.mark.parametrize(
    ("title", "folder"),
    [("held-out corpus", HELDOUT), ("second held-out corpus", FRESH),
     ("third held-out corpus", THIRD), ("fourth held-out corpus", FOURTH),
     ("fifth held-out corpus", FIFTH), ("sixth held-out corpus", SIXTH),
     ("seventh held-out corpus", SEVENTH), ("eighth held-out corpus", EIGHTH),
     ("ninth held-out corpus", NINTH)],
    ids=["held-out", "second-held-out", "third-held-out", "fourth-held-out",
         "fifth-held-out", "sixth-held-out", "seventh-held-out", "eighth-held-out",
         "ninth-held-out"],
)
def test_graders_agree_with_the_held_out_labels(
    title: str, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = heldout_cases(folder)
    agree, wrong_accepted = figures(cases)
    text = report(title, cases)
    with capsys.disabled():
        print("\n" + text)
    assert agree >= HELD_OUT_ACCURACY, text
    assert wrong_accepted <= HELD_OUT_WRONG_ACCEPTED, text


@pytest.mark.parametrize(
    ("qid", "typed", "taken"),
    [("av-hours-per-year", "525600 minutes", True), ("av-hours-per-year", "8760", True),
     ("av-hours-per-year", "8760 minutes", False), ("av-hours-per-year", "365 days", False),
     ("es-seconds-per-day", "1440 minutes", True), ("es-seconds-per-day", "1 day", False)],
)
def test_a_right_figure_in_another_unit_is_asked_for_in_the_unit_not_refused(
    qid: str, typed: str, taken: bool
) -> None:
    question = _questions()[qid]
    grade = grade_question(question, typed)
    assert grade.correct or grade.retry  # never graded wrong: asked again, at no cost
    assert _typed_verdict(question, typed, right=True) is taken
    assert _typed_verdict(question, typed, right=False) is grade.correct
