"""Lesson rendering as exact text at a fixed width with colour off, and learner text that
looks like rich markup printed as typed."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from sysdesign_cli.core.curriculum import Lesson, TableStep, TreeStep
from sysdesign_cli.core.grading import grade_question
from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.core.question_schema import NumberQuestion, TextQuestion
from sysdesign_cli.render.lesson import render_step, request_tree, table_step, tree_step
from sysdesign_cli.sessions.ask import ask
from sysdesign_cli.sessions.plain_asker import PlainAsker


def console(width: int = 100) -> Console:
    return Console(file=io.StringIO(), width=width, color_system=None)


def rendered(renderable: object, width: int = 100) -> str:
    out = console(width)
    out.print(renderable)
    return out.file.getvalue()  # type: ignore[attr-defined]


def lifecycle_tree() -> TreeStep:
    lesson = load_curriculum().lessons["request-lifecycle"]
    return next(step for step in lesson.steps if step.kind == "tree")


REQUEST_LIFECYCLE = """\
GET https://example.com/feed
Browser  (GET https://example.com/feed)
├── DNS  (lookup beside the path: name -> IP, heavily cached)
└── Load balancer  (TCP + TLS to its IP; forwards to a healthy app server)
    └── App server  (runs the feed code, checks the cache first)
        ├── [hit] Cache  (answer returned; the DB is not touched)
        └── [miss] Cache  (go to the database)
            └── Database  (source of truth; answer written back to cache, expires in 30 s)
DNS is a lookup, not a hop. The response returns: app server -> load balancer -> browser.
"""


def test_request_lifecycle_tree_exact_text() -> None:
    assert rendered(tree_step(lifecycle_tree())) == REQUEST_LIFECYCLE


def test_render_step_draws_a_tree_step() -> None:
    assert rendered(render_step(lifecycle_tree())) == REQUEST_LIFECYCLE


def test_tree_wraps_notes_under_their_box_when_narrow() -> None:
    lines = rendered(request_tree(lifecycle_tree()), width=40).splitlines()
    assert max(len(line) for line in lines) <= 40
    assert [line.rstrip() for line in lines[:5]] == [
        "Browser  (GET https://example.com/feed)",
        "├── DNS  (lookup beside the path: name",
        "│   -> IP, heavily cached)",
        "└── Load balancer  (TCP + TLS to its IP;",
        "    forwards to a healthy app server)",
    ]


def test_tree_labels_are_not_markup() -> None:
    step = TreeStep.model_validate({
        "kind": "tree", "title": "[bold]GET /x",
        "root": {"label": "[red]Browser", "note": "[/]", "children": [
            {"label": "Cache", "branch": "hit"}, {"label": "Cache", "branch": "miss"}]},
    })  # fmt: skip
    assert rendered(tree_step(step)) == (
        "[bold]GET /x\n[red]Browser  ([/])\n├── [hit] Cache\n└── [miss] Cache\n"
    )


TABLE = TableStep.model_validate({
    "kind": "table",
    "title": "Latency [ladder]",
    "columns": ["operation", "latency"],
    "rows": [["L1 cache reference", "~0.5 ns"], ["disk seek", 10]],
    "caption": "Each rung is a different world.",
    "source": "Jeff Dean, Numbers Everyone Should Know",
    "year": 2009,
    "reference": "Latency ladder",
})  # fmt: skip


def test_table_with_source_and_year_exact_text() -> None:
    assert rendered(table_step(TABLE)) == (
        "Latency [ladder]                \n"
        "┏━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━┓\n"
        "┃ operation          ┃ latency ┃\n"
        "┡━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━┩\n"
        "│ L1 cache reference │ ~0.5 ns │\n"
        "│ disk seek          │      10 │\n"
        "└────────────────────┴─────────┘\n"
        "Each rung is a different world. \n"
        "Source: Jeff Dean, Numbers      \n"
        "Everyone Should Know (2009)     \n"
    )


def test_source_that_names_its_year_is_not_given_it_twice() -> None:
    step = TABLE.model_copy(update={"source": "Jeff Dean (2009), collected by Jonas Bonér (2012)",
                                    "year": 2012})  # fmt: skip
    text = " ".join(rendered(table_step(step)).split())
    assert "Source: Jeff Dean (2009), collected by Jonas Bonér (2012)" in text
    assert "(2012) (2012)" not in text


def test_table_without_source_has_no_source_line() -> None:
    step = TABLE.model_copy(update={"source": None, "year": None, "caption": None})
    assert "Source" not in rendered(table_step(step))


def test_text_step_renders_markdown_with_title() -> None:
    lesson = load_curriculum().lessons["request-lifecycle"]
    text = rendered(render_step(lesson.steps[0]))
    assert text.splitlines()[0] == "Follow one request"
    assert "GET https://example.com/feed" in text and "**" not in text and "`" not in text


def test_question_is_not_a_teaching_step() -> None:
    lesson = load_curriculum().lessons["request-lifecycle"]
    with pytest.raises(ValueError, match="not a teaching step"):
        render_step(lesson.questions()[0])


def test_every_shipped_teaching_step_renders_within_width() -> None:
    for lesson in load_curriculum().ordered_lessons():
        for step in lesson.steps:
            if step.kind in ("text", "table", "tree"):
                lines = rendered(render_step(step), width=80).splitlines()
                assert lines and max(len(line) for line in lines) <= 80, (lesson.id, step)


# ---------------------------------------------------------------- learner text is not markup

MARKUP = ["[/bold]", "[red]x", "[bold]hi[/]", "\\[x]", "[link=http://x]y"]


@pytest.mark.parametrize("typed", MARKUP)
def test_plain_echo_prints_learner_text_as_typed(typed: str) -> None:
    out = console()
    asker = PlainAsker(out, io.StringIO(f"{typed}\n"))
    assert asker.text("Your answer?") == typed
    assert out.file.getvalue() == f"Your answer?\n> {typed}\n"


@pytest.mark.parametrize("typed", MARKUP)
def test_plain_choice_warning_after_markup_answer(typed: str) -> None:
    out = console()
    asker = PlainAsker(out, io.StringIO(f"{typed}\n2\n"))
    assert asker.select("Pick [b]one[/b]", ["[red]x", "plain"]) in ("[red]x", "plain")
    text = out.file.getvalue()
    assert text.startswith("Pick [b]one[/b]\n  1) [red]x\n  2) plain\n")
    assert f"> {typed}\n" in text


def _question(kind: str) -> object:
    base = {
        "kind": "question",
        "id": "q",
        "topic": "t",
        "prompt": "How long [is] it?",
        "explanation": "Because [bold]reasons[/bold].",
        "hints": ["Think [red]harder"],
    }
    if kind == "number":
        return NumberQuestion.model_validate({**base, "type": "number", "answer": "30 s",
                                              "unit": "s"})  # fmt: skip
    return TextQuestion.model_validate({**base, "type": "text", "accept": ["TLS"]})


@pytest.mark.parametrize("typed", MARKUP)
def test_number_feedback_quotes_learner_text_literally(typed: str) -> None:
    out = console()
    asker = PlainAsker(out, io.StringIO(f"{typed}\n30\n"))
    outcome = ask(_question("number"), asker, out)
    assert outcome.grade.correct
    text = out.file.getvalue()
    assert f"> {typed}\n" in text
    # The validator's complaint names what was typed, unrendered.
    assert repr(typed) in text or typed in text
    assert "How long [is] it? (in s)" in text
    assert "Because [bold]reasons[/bold]." in text


@pytest.mark.parametrize("typed", MARKUP)
def test_text_answer_with_markup_is_graded_and_printed_literally(typed: str) -> None:
    out = console()
    asker = PlainAsker(out, io.StringIO(f"{typed}\n{typed}\n"))
    outcome = ask(_question("text"), asker, out)
    assert not outcome.grade.correct and outcome.response == typed
    text = out.file.getvalue()
    assert text.count(f"> {typed}\n") == 2
    assert "Hint: Think [red]harder" in text
    assert "The answer: TLS" in text


def test_grade_feedback_for_unreadable_number_keeps_brackets() -> None:
    grade = grade_question(_question("number"), "[red]x")
    out = console()
    from rich.markup import escape

    out.print(escape(grade.feedback))
    assert "[red]x" in out.file.getvalue()


def test_lesson_title_with_brackets_renders(tmp_path: object) -> None:
    from sysdesign_cli.sessions.learn import run_lesson
    from sysdesign_cli.sessions.scripted_asker import ScriptedAsker
    from sysdesign_cli.store import Store

    lesson = Lesson.model_validate({
        "id": "brackets", "title": "Arrays [0] and [/b]", "summary": "About [x].",
        "topics": ["t"], "order": 1,
        "steps": [{"kind": "text", "body": "Hi."}, _question("text").model_dump()],
    })  # fmt: skip
    out = console()
    with Store.open() as store:
        run_lesson(lesson, store, ScriptedAsker(["TLS"]), out)
    text = out.file.getvalue()
    assert "Arrays [0] and [/b]" in text and "About [x]." in text


@pytest.mark.parametrize(
    ("typed", "picked"),
    [
        pytest.param("1,3", ["a", "c"], id="commas"),
        pytest.param("1 3", ["a", "c"], id="spaces"),
        pytest.param(" 3 , 1 ", ["c", "a"], id="padded-in-order-typed"),
        pytest.param("a, c", ["a", "c"], id="texts"),
        pytest.param("1 x", None, id="a-word-among-numbers"),
        pytest.param("4", None, id="out-of-range"),
    ],
)
def test_plain_multi_answers_take_commas_or_spaces(typed: str, picked: list[str] | None) -> None:
    from sysdesign_cli.sessions.picking import pick_many

    assert pick_many(typed, ["a", "b", "c"]) == picked


@pytest.mark.parametrize(("allow_none", "picked"), [(True, []), (False, ["b"])])
def test_plain_checkbox_takes_none_only_where_nothing_is_an_answer(
    allow_none: bool, picked: list[str]
) -> None:
    out = io.StringIO()
    asker = PlainAsker(Console(file=out, width=100, color_system=None), io.StringIO("none\n2\n"))
    assert asker.checkbox("Which?", ["a", "b"], allow_none=allow_none) == picked
