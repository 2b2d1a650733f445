"""Plain output without rich: text, markup and lesson Markdown printed by PlainConsole
come out exactly as rich prints them on a plain console, and anything else is handed to
rich on the same stream, in order."""

from __future__ import annotations

import io
from typing import Any

import pytest
from rich.errors import MarkupError
from rich.table import Table

from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.core.markdown_check import drawn_texts
from sysdesign_cli.render.lesson import render_step
from sysdesign_cli.render.markdown import LessonMarkdown
from sysdesign_cli.render.markup import escape, plain_markup
from sysdesign_cli.render.plain import PLAIN_WIDTH, PlainConsole, _TrimmedLines
from sysdesign_cli.render.plain_rich import RichPlainConsole


def both(*calls: tuple[str, tuple[Any, ...], dict[str, Any]]) -> tuple[str, str]:
    """What PlainConsole and rich's plain console write for the same calls."""
    ours, theirs = io.StringIO(), io.StringIO()
    light, rich = PlainConsole(ours), RichPlainConsole(_TrimmedLines(theirs))  # type: ignore[arg-type]
    for method, args, kwargs in calls:
        getattr(light, method)(*args, **kwargs)
        getattr(rich, method)(*args, **kwargs)
    return ours.getvalue(), theirs.getvalue()


def printed(*args: Any, **kwargs: Any) -> tuple[str, str]:
    return both(("print", args, kwargs))


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        pytest.param(("[bold]Lesson complete:[/bold] Caches",), {}, id="tags"),
        pytest.param(("[bold cyan]Next[/bold cyan] and [dim]more[/]",), {}, id="implicit-close"),
        pytest.param((escape("[hit] a [/b] \\ [3 of 4] c\\"),), {}, id="escaped"),
        pytest.param(("a [3 of 4] and \\[x] left",), {}, id="not-tags"),
        pytest.param(("bell\x07 cr\r bs\x08 ff\x0c",), {}, id="control-codes"),
        pytest.param(("> ",), {"end": ""}, id="prompt"),
        pytest.param(("one", "two", "[red]three[/red]"), {"sep": "|"}, id="several"),
        pytest.param(("[bold]kept[/bold]",), {"markup": False}, id="markup-off"),
        pytest.param(("a\tb\tc",), {}, id="tabs"),
        pytest.param(("word " * 3000,), {}, id="longer-than-the-width"),
        pytest.param(("  spaces at the end  ",), {"style": "italic"}, id="trailing-spaces"),
        pytest.param((), {}, id="blank-line"),
    ],
)
def test_text_is_printed_as_rich_prints_it(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    ours, theirs = printed(*args, **kwargs)
    assert ours == theirs


def test_markup_rich_refuses_is_refused_the_same_way() -> None:
    with pytest.raises(MarkupError):
        PlainConsole(io.StringIO()).print("a [/bold] stray closing tag")


def test_plain_markup_hands_unmatched_closing_tags_to_rich() -> None:
    assert (plain_markup("[b]x[/b]"), plain_markup("x[/b]"), plain_markup("[/]")) == (
        "x", None, None)  # fmt: skip


def test_a_rule_is_its_title() -> None:
    ours, theirs = both(("rule", ("[bold]Caches[/bold] (resuming at step 3)",), {}))
    assert (ours, theirs) == ("Caches (resuming at step 3)\n",) * 2


def test_tables_go_through_rich_in_order() -> None:
    table = Table("Name", "Value", title="Figures")
    table.add_row("seconds a day", "86,400")
    ours, theirs = both(("print", ("before",), {}), ("print", (table,), {}),
                        ("print", ("after",), {}))  # fmt: skip
    assert (ours, ours.splitlines()[0], ours.splitlines()[-1]) == (theirs, "before", "after")


def test_text_needs_no_rich_console() -> None:
    console = PlainConsole(io.StringIO())
    console.print("[bold]plain[/bold]")
    console.print(LessonMarkdown("- a **point**", title="Title"))
    assert (console._rich, console.file._stream.getvalue()) == (  # type: ignore[attr-defined]
        None, "plain\nTitle\n\n • a point\n")  # fmt: skip


def test_what_it_cannot_print_itself_is_asked_of_rich() -> None:
    console = PlainConsole(io.StringIO())
    assert (console.width, console.is_terminal, console._rich is not None) == (
        PLAIN_WIDTH, False, True)  # fmt: skip


SHIPPED = [text for _, _, text in drawn_texts(load_curriculum())]


def test_every_shipped_text_prints_plain_as_rich_prints_it() -> None:
    different = [text[:40] for text in SHIPPED if printed(LessonMarkdown(text))[0]
                 != printed(LessonMarkdown(text))[1]]  # fmt: skip
    assert (len(SHIPPED) > 100, different) == (True, [])


def test_every_shipped_text_step_prints_as_before() -> None:
    # Titled text steps: a bold title line over the Markdown, as a Group of the two drew it.
    steps = [step for lesson in load_curriculum().ordered_lessons() for step in lesson.steps
             if step.kind == "text"]  # fmt: skip
    titled = [step for step in steps if step.title]
    different = [step.title for step in titled if printed(render_step(step))[0]
                 != printed(render_step(step))[1]]  # fmt: skip
    assert (len(titled) > 50, different) == (True, [])


@pytest.mark.parametrize(
    "text",
    ["1. one\n2. two\n\n   more of two\n3. three", "- \n- b", "a  \nhard break",
     "x\n\n9. nine\n10. ten", "`code` with\ttab"],
)  # fmt: skip
def test_odd_markdown_prints_as_rich_prints_it(text: str) -> None:
    ours, theirs = printed(LessonMarkdown(text))
    assert ours == theirs
