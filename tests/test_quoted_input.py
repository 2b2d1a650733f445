"""A value typed at the command line or at a prompt is named once, in quotes, in the message
that refuses it: a quote, a backslash, an escape sequence and a non-ASCII letter shown as
typed (the escape as the text `\\x1b`), never a backslash written twice as `repr` writes it,
never a raw control byte."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_hostile import assert_no_raw_control
from typer.testing import CliRunner

from sysdesign_cli.cli.app import app

SYSDESIGN = Path(sys.executable).parent / "sysdesign"
DESIGN = str(Path(__file__).parent / "fixtures" / "designs" / "pastebin.txt")
runner = CliRunner()

# A quote, a backslash, an escape sequence (colour red) and a non-ASCII letter.
VALUE = "a'b\\c\x1b[31m\u00e9"
# As every message names it: in double quotes (it holds a single one), ESC as `\x1b`.
QUOTED = "\"a'b\\c\\x1b[31m\u00e9\""


def assert_quoted_once(output: str) -> None:
    assert_no_raw_control(output)
    assert output.count(QUOTED) == 1, output
    assert "\\\\" not in output  # the backslash typed once, shown once


@pytest.mark.parametrize("args", [
    pytest.param(["estimate", "--dau", VALUE], id="estimate-dau"),
    pytest.param(["estimate", "--dau", "1M", "--payload", VALUE], id="estimate-payload"),
    pytest.param(["estimate", "--dau", "1M", "--retention", VALUE], id="estimate-retention"),
    pytest.param(["nines", VALUE], id="nines-percent"),
    pytest.param(["nines", "--per", VALUE], id="nines-per"),
    pytest.param(["nines", "--downtime", VALUE], id="nines-downtime"),
    pytest.param(["learn", VALUE], id="learn-lesson"),
    pytest.param(["quiz", "--topic", VALUE], id="quiz-topic"),
    pytest.param(["quiz", "--count", VALUE], id="quiz-count"),
    pytest.param(["exercise", VALUE], id="exercise-name"),
    pytest.param(["interview", VALUE], id="interview-name"),
    pytest.param(["interview", "pastebin", "--minutes", VALUE], id="interview-minutes"),
    pytest.param(["design", "check", DESIGN, "--qps", f"{VALUE}=5"], id="design-qps-flow"),
    pytest.param(["design", "check", DESIGN, "--qps", f"read={VALUE}"], id="design-qps-rate"),
    pytest.param(["design", "check", DESIGN, "--flows", VALUE], id="design-flows"),
    pytest.param(["design", "check", DESIGN, "--kill", VALUE], id="design-kill"),
    pytest.param(["design", "check", DESIGN, "--grow", VALUE], id="design-grow"),
])  # fmt: skip
def test_a_typed_value_is_named_once_in_quotes(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert_quoted_once(result.output)
    assert "Traceback" not in result.output


def test_a_close_name_is_offered_in_the_same_quotes() -> None:
    result = runner.invoke(app, ["quiz", "--topic", "cachng\\"])
    assert result.exit_code == 2
    assert "no topic 'cachng\\'. Did you mean 'caching'?" in result.output


@pytest.mark.parametrize("args", [
    pytest.param(["--count", "nan"], id="count-nan"),
    pytest.param(["--count", "0"], id="count-zero"),
    pytest.param(["--count", "501"], id="count-over"),
    pytest.param(["--count", "2.5"], id="count-fraction"),
])  # fmt: skip
def test_a_count_out_of_range_says_the_range(args: list[str]) -> None:
    result = runner.invoke(app, ["quiz", *args])
    assert result.exit_code == 2
    assert f"'{args[1]}' is not a whole number from 1 to 500; give one such as 10" in (
        result.output
    )


@pytest.mark.parametrize("grow", ["nan", "inf", "-inf", "0.5", "1001"])
def test_a_growth_out_of_range_is_refused_nan_included(grow: str) -> None:
    result = runner.invoke(app, ["design", "check", DESIGN, "--grow", grow])
    assert result.exit_code == 2
    assert f"'{grow}' is not a number from 1 to 1000; give one such as 10" in result.output


def test_a_value_typed_at_a_prompt_is_echoed_once_and_its_refusal_names_it() -> None:
    """Piped, the answer is echoed for the transcript, as text; the refusal names the part
    it could not read in the same quotes, the escape shown once as `\\x1b`."""
    result = subprocess.run(
        [str(SYSDESIGN), "estimate", "--dau", "1M", "--check", "--plain"],
        input="12 parsecs'\x1b[2J\u00e9\n", capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    said = result.stdout + result.stderr
    assert_no_raw_control(said)
    assert said.count("> 12 parsecs'\\x1b[2J\u00e9\n") == 1
    assert "\"parsecs'\\x1b[2J\u00e9\" is not a unit I know" in said, said
    assert "\\\\" not in said


def test_a_refusal_never_sends_a_control_character_whatever_its_message_holds() -> None:
    """Every refusal of an option is shown as `fail` shows an error: a value that reached
    its message unquoted still shows its escape as text."""
    from sysdesign_cli.cli.console import Refused

    said = Refused("no flow \x1b[2J\u202e here", param_hint="--flows").format_message()
    assert said == "Invalid value for --flows: no flow \\x1b[2J\\u202e here"
