"""One word-wrapper, measuring terminal cells: lines that a terminal shows whole, at the
width the terminal really has."""

from __future__ import annotations

import io

import pytest
from rich.cells import cell_len
from rich.console import Console

from sysdesign_cli.render.text import fill_words, hanging, points_text


def test_wide_characters_count_as_two_cells() -> None:
    line = "東京 大阪 京都 札幌 福岡 横浜"  # each word is 4 cells, 2 characters
    lines = fill_words(line, 10).split("\n")
    assert all(cell_len(each) <= 10 for each in lines)
    assert lines == ["東京 大阪", "京都 札幌", "福岡 横浜"]


def test_inline_code_is_never_split() -> None:
    lines = fill_words("Type `a -> b x2` or `a -> b : read` to add an edge.", 18).split("\n")
    assert "`a -> b x2`" in lines[0] + lines[1]
    assert any(line.startswith("`a -> b : read`") or line.endswith("`a -> b : read`")
               for line in lines)  # fmt: skip
    assert all(line.count("`") % 2 == 0 for line in lines)


def test_hanging_lines_start_under_the_text_and_measure_cells() -> None:
    terminal = Console(file=io.StringIO(), width=16, force_terminal=True)
    said = hanging(terminal, "  1) ", "東京 大阪 京都 札幌")
    assert said.split("\n") == ["  1) 東京 大阪", "     京都 札幌"]


def test_hanging_is_one_line_when_piped() -> None:
    piped = Console(file=io.StringIO(), width=16)
    assert hanging(piped, "  1) ", "a b c d e f g h i j k l") == "  1) a b c d e f g h i j k l"


def test_a_picked_answer_wraps_at_the_width_of_the_widgets_own_terminal(monkeypatch) -> None:
    """The list's prompt line (with the answer once picked) breaks at the width of the
    output prompt_toolkit draws on, not this process's stdout."""
    import questionary
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.application.current import set_app
    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.formatted_text import to_formatted_text
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.layout import Window
    from prompt_toolkit.layout.controls import FormattedTextControl
    from prompt_toolkit.output import DummyOutput

    from sysdesign_cli.sessions.widget_wrap import answer_wrapped

    class Narrow(DummyOutput):
        def get_size(self) -> Size:
            return Size(rows=24, columns=30)

    monkeypatch.setenv("COLUMNS", "200")  # what shutil would say
    prompt = "Which block buckles first when the traffic grows ten times over?"
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=Narrow()):
        with answer_wrapped():
            question = questionary.select(prompt, choices=["Database", "Cache"])
        app = question.application
        with set_app(app):
            texts = [
                "".join(text for _s, text, *_ in to_formatted_text(window.content.text()))
                for window in app.layout.walk()
                if isinstance(window, Window) and isinstance(window.content, FormattedTextControl)
                and "Which block" in "".join(
                    t for _s, t, *_ in to_formatted_text(window.content.text()))
            ]  # fmt: skip
    assert texts
    assert all(len(line) <= 29 for line in texts[0].split("\n"))
    assert "buckles" in texts[0]


@pytest.mark.parametrize(
    ("score", "points", "said"),
    [
        pytest.param(8.333, 10, "8.3 / 10", id="one-decimal"),
        pytest.param(0.83, 10, "0.8 / 10", id="under-one"),
        pytest.param(7.0, 10, "7 / 10", id="whole"),
        pytest.param(9.97, 10, "9.9 / 10", id="never-rounded-up-to-full"),
        pytest.param(0.02, 10, "0.1 / 10", id="never-rounded-down-to-none"),
        pytest.param(0.0, 5, "0 / 5", id="none"),
        pytest.param(43.26, 60, "43.3 / 60", id="total"),
    ],
)
def test_points_as_a_learner_reads_them(score: float, points: int, said: str) -> None:
    assert points_text(score, points) == said


@pytest.mark.parametrize("width", [80, 60, 44])
def test_a_findings_fix_never_breaks_inside_its_example(width: int) -> None:
    """`db x2` in a fix is one thing to type: at 80 columns it was cut as `db` / `x2`."""
    from sysdesign_cli.core.graph.checks import check
    from sysdesign_cli.core.graph.text import parse_text
    from sysdesign_cli.core.loader import load_curriculum
    from sysdesign_cli.render.design_report import findings_view

    chat = load_curriculum().exercises["chat"]
    graph = parse_text("client -> lb -> ws x7 : send, history\nws -> kafka x3 : send\n"
                       "kafka => ws : send\nkafka => db shards 36 : send\n"
                       "ws -> cache : history\nws -> db : history\n")  # fmt: skip
    out = io.StringIO()
    Console(file=out, width=width, force_terminal=True, color_system=None).print(
        findings_view(check(graph, chat.design)))
    lines = out.getvalue().splitlines()
    assert any("`db x2`" in line for line in lines)
    assert all(line.count("`") % 2 == 0 for line in lines)
    assert all(cell_len(line.rstrip()) <= width for line in lines)
    assert "[single point of failure] db holds each of" in lines[1]
