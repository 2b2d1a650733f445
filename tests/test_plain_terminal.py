"""`--plain` in a terminal: numbered choices that wrap keep their text clear of the numbers
(a wrapped line started at the left edge, under the number, and read as a new item)."""

from __future__ import annotations

import io

from rich.console import Console

from sysdesign_cli.render.plain import PlainConsole
from sysdesign_cli.sessions.plain_asker import PlainAsker

LONG = [
    "Long polling: the app asks, and the server holds the request open until a message arrives",
    "WebSocket: one persistent two-way connection, and the server pushes each message",
]


def shown(width: int, terminal: bool, ask: str) -> str:
    out = io.StringIO()
    screen = (Console(file=out, width=width, color_system=None, force_terminal=True)
              if terminal else PlainConsole(out))  # fmt: skip
    asker = PlainAsker(screen, io.StringIO("2\n" if ask == "select" else "y\nn\n"))  # type: ignore[arg-type]
    if ask == "select":
        assert asker.select("How does his app hear about it?", LONG) == LONG[1]
    else:
        assert asker.checklist("Tick the points your answer made:", LONG) == [LONG[0]]
    return out.getvalue()


def test_a_wrapped_choice_hangs_under_its_text_in_a_terminal() -> None:
    lines = shown(60, True, "select").splitlines()
    first = lines.index(next(line for line in lines if line.startswith("  1) Long polling")))
    assert lines[first + 1].startswith("     ") and lines[first + 1].strip()
    assert all(len(line) <= 60 for line in lines)
    assert not any(line.startswith(("message", "arrives")) for line in lines)


def test_a_wrapped_point_of_a_checklist_hangs_too() -> None:
    lines = shown(50, True, "checklist").splitlines()
    # After the `> ` of the question before it: a terminal does not echo what is typed.
    first = lines.index(next(line for line in lines if "  2) WebSocket" in line))
    assert lines[first + 1].startswith("     ") and lines[first + 1].strip()


def test_piped_each_choice_stays_one_line() -> None:
    text = shown(60, False, "select")
    assert f"  1) {LONG[0]}\n" in text
