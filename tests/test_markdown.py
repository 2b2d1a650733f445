"""Lesson Markdown without a Markdown library: drawn exactly as rich's Markdown draws the
shipped lessons, each construct of the subset on its own, and `validate` refusing what
the renderer does not draw."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
from rich.console import Console
from rich.markdown import Markdown
from typer.testing import CliRunner

from sysdesign_cli.cli.app import app
from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.core.markdown import Block, Span, parse
from sysdesign_cli.core.markdown_check import drawn_texts, markdown_problems
from sysdesign_cli.render.markdown import LessonMarkdown

BOLD, ITALIC, CODE, OFF = "\x1b[1m", "\x1b[3m", "\x1b[1;36;40m", "\x1b[0m"


def drawn(renderable: object, width: int = 60, colour: bool = False) -> str:
    system = "truecolor" if colour else None
    console = Console(file=io.StringIO(), width=width, legacy_windows=False, no_color=False,
                      force_terminal=colour, color_system=system)  # fmt: skip
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined]


def trimmed(text: str) -> str:
    """The lines without the spaces rich pads them with to the width."""
    return "".join(line.rstrip(" ") + "\n" for line in text.splitlines())


SHIPPED = list(drawn_texts(load_curriculum()))


def test_the_shipped_curriculum_has_markdown_of_every_kind() -> None:
    kinds = {source.split(":")[0] for source, _, _ in SHIPPED}
    assert (len(SHIPPED) > 100, kinds) == (True, {"lesson", "exercise", "interview"})


@pytest.mark.parametrize("width", [20, 41, 100])
def test_every_shipped_text_is_drawn_as_rich_draws_it(width: int) -> None:
    different = [
        (source, loc) for source, loc, text in SHIPPED
        if drawn(LessonMarkdown(text), width, True) != drawn(Markdown(text), width, True)
    ]  # fmt: skip
    assert different == []


def test_the_shipped_curriculum_has_no_markdown_outside_the_subset() -> None:
    assert [(source, loc) for source, loc, text in SHIPPED if markdown_problems(text)] == []


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        pytest.param("a **bold** word", f"a {BOLD}bold{OFF} word\n", id="bold"),
        pytest.param("an *italic* word", f"an {ITALIC}italic{OFF} word\n", id="italics"),
        pytest.param("an _italic_ word", f"an {ITALIC}italic{OFF} word\n", id="underscores"),
        pytest.param("run `ls -l` here", f"run {CODE}ls -l{OFF} here\n", id="code"),
        pytest.param("**`GET`** it", f"{CODE}GET{OFF} it\n", id="code-in-bold"),
        pytest.param(r"\*not\* **it**", f"*not* {BOLD}it{OFF}\n", id="escapes"),
        pytest.param("2 * 3 * 4 and a_b_c", "2 * 3 * 4 and a_b_c\n", id="lone-marks"),
        pytest.param("an **open mark", "an **open mark\n", id="unclosed"),
        pytest.param("one\ntwo", "one two\n", id="soft-break"),
        pytest.param("one  \ntwo", "one\ntwo\n", id="hard-break"),
    ],
)
def test_inline_styles(text: str, shown: str) -> None:
    assert trimmed(drawn(LessonMarkdown(text), colour=True)) == shown


def test_bold_and_italics_nest() -> None:
    assert parse("***both** then italic*") == [Block("paragraph", paragraph=(
        Span("both", ("em", "strong")), Span(" then italic", ("em",))))]  # fmt: skip


def test_paragraphs_and_lists_are_a_blank_line_apart() -> None:
    text = "Intro line\ncontinued.\n\n- first point\n- second point\n\nAfter."
    assert trimmed(drawn(LessonMarkdown(text))) == (
        "Intro line continued.\n\n • first point\n • second point\n\nAfter.\n"
    )


def test_a_list_item_wraps_under_its_text_when_narrow() -> None:
    text = "- a long point that does not fit\n  on one narrow line"
    assert drawn(LessonMarkdown(text), width=20) == (
        "\n • a long point that\n   does not fit on  \n   one narrow line  \n"
    )


def test_numbers_keep_their_start_and_align() -> None:
    # As rich draws a numbered list: right-aligned numbers, no dot.
    text = "9. nine\n10. ten"
    assert trimmed(drawn(LessonMarkdown(text))) == "\n  9 nine\n 10 ten\n"


def test_a_numbered_line_inside_a_paragraph_stays_text() -> None:
    # Only a list starting at 1 may interrupt a paragraph (CommonMark), as rich reads it.
    assert trimmed(drawn(LessonMarkdown("in\n3. words"))) == "in 3. words\n"


def test_paragraphs_wrap_at_narrow_widths() -> None:
    lines = trimmed(drawn(LessonMarkdown("word " * 30), width=23)).splitlines()
    assert lines == ["word word word word"] * 7 + ["word word"]


def test_control_sequences_are_shown_not_sent() -> None:
    out = trimmed(drawn(LessonMarkdown("red \x1b[31m**now**\x07"), colour=True))
    assert (out, "\x07" in out) == (f"red \\x1b[31m{BOLD}now{OFF}\\x07\n", False)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        pytest.param("# Title\n\nText.", "a heading", id="heading"),
        pytest.param("Title\n=====", "a heading", id="underlined-heading"),
        pytest.param("See [docs](https://example.com).", "a link", id="link"),
        pytest.param("See <https://example.com>.", "a link", id="autolink"),
        pytest.param("```\ncode\n```", "a code block", id="fence"),
        pytest.param("> quoted", "a quote", id="quote"),
        pytest.param("a\n\n---\n\nb", "a rule", id="rule"),
        pytest.param("| a | b |\n|---|---|\n| 1 | 2 |", "a table", id="table"),
        pytest.param("![x](y.png)", "an image", id="image"),
        pytest.param("a <b>c</b>", "HTML", id="html"),
        pytest.param("~~gone~~", "strikethrough", id="strike"),
        pytest.param("- a\n  - b", "a list inside a list", id="nested-list"),
        pytest.param("AT&amp;T", "reads differently", id="entity"),
    ],
)
def test_validate_refuses_markdown_that_is_not_drawn(text: str, problem: str) -> None:
    found = markdown_problems(text)
    assert (len(found), found[0].startswith(problem)) == (1, True)


@pytest.mark.parametrize(
    "text",
    ["Plain text.", "**Bold**, *italics*, `code`.\n\n- one\n- two\n\n1. first\n2. second",
     r"Escaped \# and \*marks\*.", "A & B < C"],
)  # fmt: skip
def test_the_subset_passes(text: str) -> None:
    assert markdown_problems(text) == []


def test_validate_names_the_file_line_and_field(tmp_path: Path) -> None:
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    steps = [{"kind": "text", "body": "Fine."}, {"kind": "text", "body": "## A heading\n\nText."}]
    lesson = {"id": "marks", "title": "Marks", "summary": "Marks.", "topics": ["basics"],
              "order": 50, "steps": steps}  # fmt: skip
    source = yaml.safe_dump(lesson, sort_keys=False)
    (lessons / "marks.yaml").write_text(source, "utf-8")
    line = next(number for number, text in enumerate(source.splitlines(), 1) if "##" in text)
    result = CliRunner().invoke(app, ["validate", str(tmp_path)])
    wanted = f"{lessons / 'marks.yaml'}:{line}: steps[1].body: error: Markdown not drawn: a heading"
    assert (result.exit_code, wanted in result.output) == (1, True), result.output
