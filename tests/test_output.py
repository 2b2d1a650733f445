"""One rule for output (issue 11, items 15 and 16): a terminal gets tables that fit its
width, prose wrapping at words and figures kept whole; a pipe or TERM=dumb gets plain
aligned text; NO_COLOR only takes the colour away. (Piped output is also checked across
every command in test_faults.)"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from exercise_answers import TABLE, spec
from rich.console import Console
from rich.text import Text

from sysdesign_cli.core.curriculum import TableStep
from sysdesign_cli.core.graph.load import load
from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.core.nines import Calendar, budget, parse_availability
from sysdesign_cli.render.design_report import capacity_view, load_view
from sysdesign_cli.render.lesson import table_step
from sysdesign_cli.render.nines import budget_table
from sysdesign_cli.render.plain import PlainConsole
from sysdesign_cli.render.prediction import prediction_view
from sysdesign_cli.render.progress import lesson_table
from sysdesign_cli.sessions.terminal_asker import _wrapped

CURRICULUM = load_curriculum()
TABLES = [step for lesson in CURRICULUM.ordered_lessons() for step in lesson.steps
          if step.kind == "table"]  # fmt: skip
SYSDESIGN = Path(sys.executable).parent / "sysdesign"
BOX_CORNERS = set("┏┓┗┛┡┩┃━╇┳┻╋┌┐┘┬┴┼")
# A foreground or background colour (30-38, 40-48, 90-97, 100-107), not bold or italic.
SGR_COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")
POWERS = TableStep.model_validate({
    "kind": "table", "title": "Powers of two",
    "columns": ["power", "exact value", "roughly", "size name"],
    "rows": [["2^10", "1,024", "a thousand (10^3)", "KiB"],
             ["2^40", "1,099,511,627,776", "a trillion (10^12)", "TiB"]],
})  # fmt: skip


def rendered(renderable: object, width: int) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined]


def design_tables() -> list[object]:
    """The capacity table on `sysdesign numbers`, and Pastebin's load at its peak as the
    exercise and `design check` show it."""
    pastebin = CURRICULUM.exercises["pastebin"]
    stage = next(item for item in pastebin.stages if item.kind == "load")
    graph = pastebin.design.graph()
    report = load(graph, spec(pastebin, stage), TABLE)
    return [capacity_view(CURRICULUM.references["capacity"]), load_view(report),
            prediction_view(report, graph, TABLE)]  # fmt: skip


def all_tables() -> list[object]:
    calendar = Calendar()
    budgets = [budget(parse_availability(p), calendar) for p in ("99", "99.95", "99.999")]
    return [*(table_step(step) for step in TABLES), budget_table(budgets, calendar),
            lesson_table(CURRICULUM.ordered_lessons(), {}), *design_tables()]  # fmt: skip


@pytest.mark.parametrize("width", [60, 40])
def test_narrow_tables_wrap_cells_instead_of_cutting_them(width: int) -> None:
    for table in all_tables():
        text = rendered(table, width)
        assert "…" not in text, text
        assert max(len(line) for line in text.splitlines()) <= width


def test_a_long_word_is_folded_not_cut() -> None:
    # The longest word in any cell of a four-column table: at 60 columns its column is
    # narrower than it, so it must be folded over lines, every letter kept.
    word, step, column = max(
        ((word, step, index) for step in TABLES if len(step.columns) >= 4
         for row in step.rows for index, cell in enumerate(row) for word in str(cell).split()),
        key=lambda found: len(found[0]),
    )  # fmt: skip
    assert len(word) >= 12
    text = rendered(table_step(step), 60)
    cells = [line.split("│")[column + 1].strip() for line in text.splitlines()
             if line.startswith("│")]  # fmt: skip
    assert word in "".join(cells)


def test_figures_keep_their_units_at_60_columns() -> None:
    calendar = Calendar()
    budgets = [budget(parse_availability(p), calendar) for p in ("99.9", "99.99")]
    text = rendered(budget_table(budgets, calendar), 60)
    for figure in ("8.76 h", "43.2 min", "1.44 min", "52.6 min", "8.64 s"):
        assert figure in text, figure


def test_prose_cells_are_left_aligned_and_figures_right_aligned() -> None:
    table = table_step(POWERS)
    justify = {column.header.plain if isinstance(column.header, Text) else column.header:
               column.justify for column in table.columns}  # fmt: skip
    assert justify == {"power": "left", "exact value": "right", "roughly": "left",
                       "size name": "left"}  # fmt: skip


def test_plain_console_prints_a_table_as_aligned_text_without_trailing_spaces() -> None:
    out = io.StringIO()
    PlainConsole(out).print(table_step(POWERS))
    lines = out.getvalue().splitlines()
    assert lines[0] == "Powers of two"
    assert lines[1].split() == ["power", "exact", "value", "roughly", "size", "name"]
    assert set(lines[2]) == {"-", " "}
    assert all(line == line.rstrip() for line in lines)
    assert not BOX_CORNERS & set(out.getvalue())


def test_plain_console_never_wraps() -> None:
    out = io.StringIO()
    long = "word " * 400
    PlainConsole(out).print(long)
    assert out.getvalue() == long.rstrip() + "\n"


@pytest.fixture
def terminal_of() -> Any:
    """A prompt_toolkit session drawing on an output `width` columns wide (COLUMNS says
    another width: the widget's own output is what counts)."""
    from contextlib import contextmanager

    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.output import DummyOutput

    @contextmanager
    def session(width: int) -> Any:
        class Sized(DummyOutput):
            def get_size(self) -> Size:
                return Size(rows=24, columns=width)

        with create_app_session(output=Sized()):
            yield

    return session


@pytest.mark.parametrize("width", [40, 60, 80])
def test_long_prompts_wrap_at_words(monkeypatch: pytest.MonkeyPatch, width: int,
                                    terminal_of: Any) -> None:  # fmt: skip
    monkeypatch.setenv("COLUMNS", "200")
    prompt = ("Put the stages of GET https://example.com/feed in order, for a cache miss. "
              "- which comes first?")  # fmt: skip
    with terminal_of(width):
        lines = _wrapped(prompt).splitlines()
    assert len(lines) > 1
    assert all(len(line) + 2 <= width - 1 for line in lines[:-1])  # "? " on the first
    assert " ".join(line.strip() for line in lines) == prompt


@pytest.mark.parametrize("width", [60, 80, 100])
def test_a_long_instruction_has_room_on_the_prompt_s_last_line(
    monkeypatch: pytest.MonkeyPatch, width: int, terminal_of: Any
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    instruction = "(space to tick or untick, Enter when done)"
    prompt = "Tick the key points your answer made (self-assessed):"
    with terminal_of(width):
        wrapped = _wrapped(prompt, instruction)
        too_wide = _wrapped(prompt, instruction * 3)
    lines = wrapped.split("\n")
    last = len(lines[-1]) + (2 if len(lines) == 1 else 0)  # "? " before a lone line
    assert last + 1 + len(instruction) <= width - 1  # the instruction is never broken
    assert " ".join(line.strip() for line in lines).strip() == prompt
    assert "\0" not in too_wide  # wider than the terminal


# ---------------------------------------------------------------- in a real terminal


def screen(*args: str, size: tuple[int, int], **env: str) -> str:
    pexpect = pytest.importorskip("pexpect")
    from pty_session import spawn, transcript

    child = spawn(*args, dimensions=size, **env)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    return transcript(child)


@pytest.mark.pty
@pytest.mark.parametrize("args", [["nines"], ["numbers"], ["learn", "--list"]],
                         ids=lambda a: " ".join(a))  # fmt: skip
def test_term_dumb_is_plain_and_no_color_only_removes_colour(
    monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.delenv("NO_COLOR")  # set for every test; here each run says what it wants
    dumb = screen(*args, size=(24, 60), TERM="dumb")
    assert not BOX_CORNERS & set(dumb)
    assert "\x1b" not in dumb
    no_colour = screen(*args, size=(40, 120), NO_COLOR="1")
    assert BOX_CORNERS & set(no_colour)  # still a table in a terminal
    assert not SGR_COLOUR.search(no_colour)


@pytest.mark.pty
def test_a_long_question_prompt_breaks_between_words_in_a_terminal() -> None:
    pexpect = pytest.importorskip("pexpect")
    from pty_session import screen_text, spawn

    # The first lesson whose first question is a single choice with a prompt over 60 columns.
    lesson, asked = next(
        (lesson, index) for lesson in CURRICULUM.ordered_lessons()
        for index in [next((i for i, step in enumerate(lesson.steps) if step.kind == "question"),
                           -1)]
        if index >= 0 and lesson.steps[index].type == "choice"
        and len(lesson.steps[index].prompt.strip()) > 60
    )  # fmt: skip
    prompt = lesson.steps[asked].prompt.strip()
    child = spawn("learn", lesson.id, dimensions=(24, 60))
    for index in range(asked):
        child.expect(f"Step {index + 1}/")
        child.expect("Press Enter")
        child.send("\r")
    child.expect(f"Step {asked + 1}/")
    last = lesson.steps[asked].choices[-1]
    child.expect(re.escape(last[:20]))
    child.send("\x03")
    child.expect(pexpect.EOF)
    child.close()
    shown = screen_text(child)
    for word in prompt.split():
        assert word in shown, word  # no word broken across two lines
