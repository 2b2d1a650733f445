"""`validate` quotes a value from a file once: an escape already shown as text (`\\x1b`)
or an author's backslash keeps one backslash, where `repr` wrote two (`'\\\\x1b'`), and a
control character still never reaches the terminal."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_hostile import assert_no_raw_control
from typer.testing import CliRunner

from sysdesign_cli.cli.app import app
from sysdesign_cli.core.safe_text import quoted

LESSON = r'''id: quoting
title: Quoting
summary: A lesson whose values need quoting.
topics: [caching]
order: 10
"key \e]0;x\a": 1
steps:
  - kind: question
    id: quoting-choice
    type: choice
    topic: caching
    prompt: Which of these two is the first one?
    choices: ["Right one", "Wrong one"]
    answer: "Right \e[2J"
    explanation: The first one is right.
  - kind: question
    id: quoting-number
    type: number
    topic: caching
    prompt: How many milliseconds does one read take?
    answer: "\\5 ms"
    explanation: About five.
  - kind: question
    id: Quoting\Choice
    type: choice
    topic: caching
    prompt: Which of these two is the second one?
    choices: ["Right one", "Wrong one"]
    answer: "Wrong one"
    explanation: The second one is right.
'''


@pytest.mark.parametrize(("value", "shown"), [
    pytest.param("a\x1b[2Jb", r"'a\x1b[2Jb'", id="control"),
    pytest.param(r"a\x1b[2Jb", r"'a\x1b[2Jb'", id="already-shown"),
    pytest.param("C:\\data", r"'C:\data'", id="backslash"),
    pytest.param("it's", '"it\'s"', id="apostrophe"),
    pytest.param("two\nlines\tand a tab", r"'two\nlines\tand a tab'", id="breaks"),
    pytest.param("\u202eevil", r"'\u202eevil'", id="bidi"),
    pytest.param(5, "5", id="number"),
])  # fmt: skip
def test_a_value_is_quoted_once(value: object, shown: str) -> None:
    assert quoted(value) == shown


def test_validate_quotes_a_value_from_a_file_once(tmp_path: Path) -> None:
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "10-quoting.yaml").write_text(LESSON, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert_no_raw_control(result.output)
    said = result.output
    assert r"unknown key 'key \x1b]0;x\x07'" in said
    assert r"answer 'Right \x1b[2J' is not one of the choices" in said
    assert r"answer '\5 ms' is not a quantity: '\5 ms' does not start with a number" in said
    assert r"'Quoting\Choice' is not an id" in said
    assert "\\\\" not in said  # no backslash written twice anywhere
