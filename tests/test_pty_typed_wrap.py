"""A long typed answer wraps between words in a terminal 80 columns wide, as the prompt
and the choices do: prompt_toolkit's own wrapping breaks the word at the edge ("the
replic" / "a"). The answer kept is what was typed, and the cursor still edits it."""

from __future__ import annotations

import pytest

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.pty

PROMPT = "Why do reads scale out with read replicas?"
TYPED = ("Reads go to the replicas, which copy everything the primary writes, so each "
         "replica added takes a share of the reads while every write still goes to the "
         "primary alone, which stays the limit for writes.")  # fmt: skip
SCRIPT = f"""
from sysdesign_cli.sessions.terminal_asker import TerminalAsker
print("ANSWER=" + repr(TerminalAsker().text({PROMPT!r})))
"""


def drawn_rows(child: object) -> list[str]:
    """The rows showing the prompt and the answer, as the terminal shows them now."""
    from pty_session import screen_rows, transcript

    rows = screen_rows(transcript(child), 80)
    first = max(i for i, row in enumerate(rows) if row.startswith("? Why do reads"))
    return [row for row in rows[first:] if row.strip()]


def words_whole(rows: list[str], text: str) -> bool:
    """Whether the rows, read one after the other, hold the words of `text` each whole:
    a word broken at the edge reads as two ("replic", "a")."""
    return " ".join(rows).split() == text.split() and all(len(row) <= 80 for row in rows)


def test_a_long_typed_answer_wraps_between_words_at_80_columns() -> None:
    from pty_session import see, spawn_python

    child = spawn_python(SCRIPT)
    child.expect_exact("Why do reads scale out")
    child.send(TYPED)
    see(child, "for writes.")
    rows = drawn_rows(child)
    assert len(rows) >= 3, rows
    assert words_whole(rows, f"? {PROMPT} {TYPED}"), rows
    # The cursor moves through the answer as typed, not as drawn: edit the word that was
    # moved to the last row, then take the answer.
    assert rows[-1] == "for writes."
    child.send("\x1b[D" * len("for writes."))
    child.send("X")
    child.expect_exact("X")
    child.send("\r")
    child.expect("ANSWER=(.*)\r\n")
    edited = TYPED.replace("for writes", "Xfor writes")
    assert child.match.group(1) == repr(edited)
    child.expect(pexpect.EOF)
    assert words_whole(drawn_rows(child)[:-1], f"? {PROMPT} {edited}")  # the answer, kept
