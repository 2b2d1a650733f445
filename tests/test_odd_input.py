"""Odd paths, odd encodings and JSON figures (issue 11, items 7, 8 and 14): one clear line
for a path no file system takes, ASCII marks where the output cannot encode ours, and
`--json` figures without floating-point noise."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sysdesign_cli.cli.app import app

SYSDESIGN = Path(sys.executable).parent / "sysdesign"
runner = CliRunner()
LONG = "x" * 300  # one name of a path longer than any file system allows


def sysdesign(*args: str, input: str = "", env: dict[str, str] | None = None
              ) -> subprocess.CompletedProcess[str]:  # fmt: skip
    return subprocess.run([str(SYSDESIGN), *args], input=input, capture_output=True,
                          text=True, env=env, timeout=60)  # fmt: skip


def one_clear_line(result: Any, code: int, *words: str) -> None:
    assert result.exit_code == code, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error:"), result.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])


# ---------------------------------------------------------------- item 7: paths


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["learn", "--list", "--curriculum", "{p}"], id="curriculum"),
        pytest.param(["--curriculum", "{p}", "learn", "--list"], id="global-curriculum"),
        pytest.param(["validate", "{p}"], id="validate"),
        pytest.param(["progress", "--export", "{p}"], id="export"),
        pytest.param(["progress", "--import", "{p}"], id="import"),
        pytest.param(["exercise", "pastebin", "--export", "{p}"], id="exercise-export"),
    ],
)
@pytest.mark.parametrize(
    ("path", "words"),
    [
        pytest.param(f"/tmp/{LONG}/x", ("longer than 255 bytes",), id="long-name"),
        pytest.param("~nosuchuser-sd/lessons", ("no user 'nosuchuser-sd'",), id="no-such-user"),
        pytest.param("", ("is empty",), id="empty"),
        pytest.param("   ", ("is empty",), id="blank"),
    ],
)
def test_a_path_that_cannot_be_one_is_refused(args: list[str], path: str, words: tuple) -> None:
    result = runner.invoke(app, [arg.replace("{p}", path) for arg in args], input="")
    one_clear_line(result, 2, *words)


def test_a_link_that_loops_is_one_clear_line(tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    validated = runner.invoke(app, ["validate", str(loop)])
    assert validated.exit_code == 1
    assert "symbolic link that loops" in validated.output
    imported = runner.invoke(app, ["progress", "--import", str(loop)])
    one_clear_line(imported, 1, "symbolic link that loops")
    listed = runner.invoke(app, ["learn", "--list", "--curriculum", str(loop)])
    one_clear_line(listed, 2, "no such folder")


@pytest.mark.parametrize("value", [f"/tmp/{LONG}", "~nosuchuser-sd/x"], ids=["long", "user"])
def test_odd_environment_paths_are_one_clear_line(value: str) -> None:
    env = dict(os.environ, SYSDESIGN_HOME=value)
    home = sysdesign("progress", env=env)
    assert home.returncode == 1 and "Traceback" not in home.stderr
    assert home.stderr.startswith("Error:") and len(home.stderr.splitlines()) == 1
    env = dict(os.environ, SYSDESIGN_CURRICULUM=value)
    listed = sysdesign("learn", "--list", env=env)
    assert listed.returncode == 0 and "Traceback" not in listed.stderr
    assert "no such curriculum folder" in listed.stderr


# ---------------------------------------------------------------- item 8: encodings


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
@pytest.mark.parametrize(
    ("args", "typed", "mark"),
    [
        pytest.param(["learn", "request-lifecycle", "--plain"], "1\n" * 40, "x ", id="learn"),
        pytest.param(["exercise", "pastebin", "--plain"], "1\n" * 40, "", id="exercise"),
        pytest.param(["numbers"], "", "", id="numbers"),
        pytest.param(["estimate", "--dau", "1M"], "", "", id="estimate"),
        pytest.param(["learn", "--list"], "", "", id="learn-list"),
    ],
)
def test_an_output_that_cannot_encode_the_marks_gets_ascii_ones(
    encoding: str, args: list[str], typed: str, mark: str
) -> None:
    env = dict(os.environ, PYTHONIOENCODING=encoding)
    result = subprocess.run([str(SYSDESIGN), *args], input=typed.encode(), capture_output=True,
                            env=env, timeout=60)  # fmt: skip
    errors = result.stderr.decode(encoding, "replace")
    assert result.returncode == 0, errors
    assert "Traceback" not in errors
    out = result.stdout.decode(encoding)  # strictly: every byte is the stream's encoding
    assert out.strip()
    assert "✓" not in out and "✗" not in out
    if mark:
        assert re.search(r"^x Not quite", out, re.M) or re.search(r"^x ", out, re.M), out[-800:]


# ---------------------------------------------------------------- item 14: --json figures


def floats(data: Any) -> list[float]:
    if isinstance(data, float):
        return [data]
    if isinstance(data, dict):
        return [f for value in data.values() for f in floats(value)]
    if isinstance(data, list):
        return [f for value in data for f in floats(value)]
    return []


@pytest.mark.parametrize(
    "args",
    [
        ["nines", "99.99"],
        ["nines"],
        ["nines", "--series", "99.9", "99.95", "99.99"],
        ["nines", "--parallel", "99.9", "99.5"],
        ["nines", "--downtime", "52 min", "--gregorian"],
        ["estimate", "--dau", "1M"],
        ["estimate", "--writes", "1M/day", "--reads-per-write", "10", "--payload", "10 KB",
         "--retention", "3y", "--server-capacity", "300"],
        ["progress"],
    ],
    ids=lambda args: " ".join(args),
)
def test_json_figures_carry_no_float_noise(args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    for value in floats(json.loads(result.stdout)):
        assert len(repr(value).replace("-", "").lstrip("0.").split("e")[0].replace(".", "")) <= 12
        assert not re.search(r"(0{6,}|9{6,})\d$", repr(value)), value


@pytest.mark.parametrize(
    ("percent", "share", "year", "day"),
    [("99.99", 0.9999, 3153.6, 8.64), ("99.999", 0.99999, 315.36, 0.864),
     ("99.99999", 0.9999999, 3.1536, 0.00864)],
)  # fmt: skip
def test_json_downtime_is_the_figure_itself(
    percent: str, share: float, year: float, day: float
) -> None:
    data = json.loads(runner.invoke(app, ["nines", percent, "--json"]).stdout)
    assert (data["downtime_seconds"]["year"], data["downtime_seconds"]["day"]) == (year, day)
    assert data["availability"] == share


# ---------------------------------------------------------------- very long answers

HUGE = "x" * 2_000_000  # a paste gone wrong: more than the store keeps of a whole attempt


def test_a_huge_typed_answer_is_refused_and_the_round_still_saved_and_finished() -> None:
    # It once reached the store whole: the attempt's state passed its bound and the round
    # ended in a traceback without saving the part.
    sys.path.insert(0, str(Path(__file__).parent))
    from exercise_answers import plain_lines
    from interview_answers import INTERVIEWS, round_script

    answers = round_script(INTERVIEWS["pastebin"])
    at = answers.index("done") + 3  # the trade-off, written in the learner's own words
    lines = plain_lines(answers).split("\n")
    before = len(plain_lines(answers[:at]).rstrip("\n").split("\n"))
    assert lines[before].startswith("Asynchronous replication")
    piped = "\n".join([*lines[:before], HUGE, *lines[before:]])
    env = {**os.environ, "SYSDESIGN_SEED": "1"}
    done = sysdesign("interview", "pastebin", "--plain", input=piped, env=env)
    assert "Traceback" not in done.stderr
    assert done.returncode == 0, done.stderr[-2000:]
    said = " ".join(done.stdout.split())
    assert ("That answer is 2,000,000 characters long; keep it under 5,000 (a few sentences "
            "are plenty). Type it again.") in said  # fmt: skip
    assert "Mock interview: Pastebin: 70 / 70" in said
    listed = sysdesign("interview", env=env)
    assert "70 / 70" in listed.stdout


def test_a_huge_paste_into_a_terminal_prompt_is_refused_at_enter(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from pty_session import ENTER, see, spawn

    child = spawn("estimate", "--dau", "1000000", "--check", SYSDESIGN_HOME=str(tmp_path))
    see(child, "Requests per day")
    child.send("\x1b[200~" + "7" * 6_000 + "\x1b[201~" + ENTER)  # bracketed, as terminals paste
    see(child, "That answer is 6,000 characters long; keep it under 5,000")
    child.sendcontrol("c")
    child.expect(r"Stopped|\$|$")
    child.close()
