"""A second hostile-input battery, tried as an attacker would: odd option values, paths
that are folders or FIFOs, odd environment variables, an output that is closed or full.
Every case: one clear message naming the problem and the fix, a non-zero exit where it
failed, no traceback, no raw control byte, nothing on disk lost."""

from __future__ import annotations

import os
import sqlite3
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


def sysdesign(*args: str, env: dict[str, str] | None = None, input: str = "",
              **streams: object) -> subprocess.CompletedProcess[str]:  # fmt: skip
    merged = {**os.environ, **(env or {})}
    out = streams.pop("stdout", subprocess.PIPE)
    return subprocess.run([str(SYSDESIGN), *args], input=input, stdout=out,
                          stderr=subprocess.PIPE, text=True, env=merged, timeout=120,
                          **streams)  # type: ignore[call-overload]  # fmt: skip


def assert_one_clear_error(output: str, says: str) -> None:
    assert "Traceback" not in output
    assert_no_raw_control(output)
    assert says in output, output


# ------------------------------------------------------------ odd option values


@pytest.mark.parametrize(("args", "says"), [
    # 1e-320 QPS a server is a float so small that the server count overflows.
    pytest.param(["estimate", "--dau", "1M", "--server-capacity", "1e-320"],
                 "--server-capacity is too small to count servers by", id="capacity-tiny"),
    pytest.param(["estimate", "--dau", "1M", "--server-capacity", "1e-320", "--json"],
                 "--server-capacity is too small to count servers by", id="capacity-json"),
    # 5,000 digits is past what Python's int() reads.
    pytest.param(["design", "check", DESIGN, "--kill", "app:" + "9" * 5000],
                 "app runs 2 copies; kill 1 to 2 of them", id="kill-5000-digits"),
    pytest.param(["progress", "--json", "--reset"], "--json prints progress as data",
                 id="json-reset"),
    pytest.param(["progress", "--json", "--export", "x.json"], "--json prints progress as data",
                 id="json-export"),
    pytest.param(["estimate", "--dau", "1M", "--check", "--json"],
                 "--check asks questions and --json prints data", id="check-json"),
    pytest.param(["estimate", "--dau", "nan"], "'nan' does not start with a number",
                 id="dau-nan"),
    pytest.param(["estimate", "--dau", "1e999"], "'1e999' is too large", id="dau-huge"),
    pytest.param(["estimate", "--dau", "-5"], "'-5' is negative", id="dau-negative"),
    pytest.param(["estimate", "--dau", "0.5"], "--dau counts users", id="dau-half"),
    pytest.param(["estimate", "--dau", ""], "'--dau': it is empty; expected a number",
                 id="dau-empty"),
    pytest.param(["nines", "inf"], "'inf' does not start with a number", id="nines-inf"),
    pytest.param(["nines", "100.5"], "'100.5' is not between 0 and 100 percent",
                 id="nines-over"),
    pytest.param(["nines", "13 nines"], "'13 nines': say between one and twelve nines",
                 id="nines-thirteen"),
    pytest.param(["nines", "--per", ""], "'' is not one of year", id="per-empty"),
    pytest.param(["quiz", "--topic", "x" * 10_000], "no topic 'xxxx", id="topic-huge"),
    pytest.param(["design", "check", DESIGN, "--qps", "1e300"], "'1e300' is too large",
                 id="qps-huge"),
    pytest.param(["design", "check", DESIGN, "--kill", "@"], "no zone '' in the design",
                 id="kill-bare-at"),
    pytest.param(["learn", "--", "--list"], "no lesson '--list'", id="dash-dash-lesson"),
])  # fmt: skip
def test_an_odd_option_value_is_one_clear_error(args: list[str], says: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert_one_clear_error(result.output, says)


def test_a_huge_value_is_named_by_its_start_only() -> None:
    result = runner.invoke(app, ["quiz", "--topic", "x" * 10_000])
    assert result.exit_code == 2
    assert "'" + "x" * 60 + "...'" in result.output
    assert len(result.output) < 2_000


# ------------------------------------------------------------ paths that are not files


@pytest.fixture
def odd_paths(tmp_path: Path) -> dict[str, str]:
    folder = tmp_path / "folder"
    folder.mkdir()
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    return {"folder": str(folder), "fifo": str(fifo), "dev": "/dev/zero"}


@pytest.mark.parametrize("kind", ["folder", "fifo", "dev"])
@pytest.mark.parametrize(("args", "says"), [
    pytest.param(["progress", "--import"], "only regular files are read", id="import"),
    pytest.param(["progress", "--export"], "is not a regular file; export to a file",
                 id="export"),
    pytest.param(["design", "check"], "only regular files are read", id="design-check"),
    pytest.param(["exercise", "pastebin", "--plain", "--design"],
                 "only regular files are read", id="exercise-design"),
    pytest.param(["interview", "pastebin", "--plain", "--export"],
                 "is not a regular file; export to a file", id="interview-export"),
])  # fmt: skip
def test_a_path_that_is_no_regular_file_is_refused_at_once(
    odd_paths: dict[str, str], kind: str, args: list[str], says: str
) -> None:
    """A FIFO is never opened (it would hang), /dev/zero never read (it never ends)."""
    extra = ["--force"] if "--export" in args else []
    result = sysdesign(*args, odd_paths[kind], *extra)
    assert result.returncode != 0
    assert_one_clear_error(result.stderr, says)


# ------------------------------------------------------------ the environment


def test_a_home_of_spaces_is_refused_and_no_folder_is_made(tmp_path: Path) -> None:
    result = sysdesign("progress", env={"SYSDESIGN_HOME": "  "}, cwd=tmp_path)
    assert result.returncode == 1
    assert_one_clear_error(result.stderr, "SYSDESIGN_HOME is '  ', only spaces; set it to a "
                           "folder you can write, or unset it.")  # fmt: skip
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("env", "says"), [
    pytest.param({"SYSDESIGN_HOME": "/dev/null"}, "/dev/null is a file, not a folder",
                 id="home-dev-null"),
    pytest.param({"SYSDESIGN_HOME": "/proc/1"}, "Cannot write in the folder /proc/1",
                 id="home-proc"),
    pytest.param({"SYSDESIGN_HOME": "~nosuchuser/x"},
                 "SYSDESIGN_HOME is '~nosuchuser/x', but there is no such user's home",
                 id="home-no-user"),
    pytest.param({"SYSDESIGN_HOME": "", "XDG_DATA_HOME": "/dev/null"},
                 "Cannot create /dev/null/sysdesign", id="xdg-data-dev-null"),
])  # fmt: skip
def test_an_odd_home_is_one_clear_error(env: dict[str, str], says: str) -> None:
    result = sysdesign("learn", "--plain", env=env)
    assert result.returncode == 1
    assert_one_clear_error(result.stderr, says)
    assert "SYSDESIGN_HOME" in result.stderr  # the fix: where to point it


@pytest.mark.parametrize("cache", ["/dev/null", "/proc/1", "off", ""])
def test_an_odd_cache_folder_only_costs_speed(cache: str) -> None:
    result = sysdesign("learn", "--list", env={"SYSDESIGN_CACHE": cache})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "Glossary (glossary)" in result.stdout


@pytest.mark.parametrize("value", ["/no/such/folder\x1b[2J", "/dev/null", "::"])
def test_an_odd_curriculum_variable_is_named_and_the_built_ins_still_teach(value: str) -> None:
    result = sysdesign("learn", "--list", env={"SYSDESIGN_CURRICULUM": value})
    assert result.returncode == 0
    assert_no_raw_control(result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert "Glossary (glossary)" in result.stdout


@pytest.mark.parametrize("seed", ["abc", "-1", "9" * 5000, "nan"])
def test_an_odd_seed_still_asks(seed: str) -> None:
    result = sysdesign("quiz", "--plain", "--count", "1", env={"SYSDESIGN_SEED": seed})
    assert result.returncode == 0, result.stderr
    assert "Question 1/1" in result.stdout


@pytest.mark.parametrize("env", [
    pytest.param({"COLUMNS": "5"}, id="columns-5"),
    pytest.param({"COLUMNS": "0"}, id="columns-0"),
    pytest.param({"COLUMNS": "abc"}, id="columns-abc"),
    pytest.param({"TERM": "dumb"}, id="term-dumb"),
    pytest.param({"NO_COLOR": "1", "FORCE_COLOR": "1"}, id="no-and-force-colour"),
])  # fmt: skip
def test_odd_terminal_settings_still_print_plain_text(env: dict[str, str]) -> None:
    result = sysdesign("nines", "99.9", env=env)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert "99.9%" in result.stdout and "8.76 h" in result.stdout


# ------------------------------------------------------------ standard streams


@pytest.mark.parametrize("args", [
    pytest.param([], id="home"),
    pytest.param(["--help"], id="help"),
    pytest.param(["learn", "--plain"], id="learn"),
    pytest.param(["progress", "--json"], id="progress-json"),
    pytest.param(["estimate", "--dau", "1M"], id="estimate"),
    pytest.param(["numbers"], id="numbers"),
])  # fmt: skip
@pytest.mark.parametrize(("output", "says"), [
    pytest.param("closed", "standard output is closed; give the command somewhere to write, "
                 "e.g. `> out.txt`", id="closed"),
    pytest.param("/dev/full", "could not write the output (No space left on device); free "
                 "some space where it goes, or send it elsewhere", id="full"),
])  # fmt: skip
def test_an_output_that_cannot_be_written_is_one_line(
    args: list[str], output: str, says: str
) -> None:
    if output == "closed":
        result = sysdesign(*args, stdout=None, preexec_fn=lambda: os.close(1))
    else:
        with open(output, "w") as full:
            result = sysdesign(*args, stdout=full)
    assert result.returncode == 1
    assert result.stderr == f"Error: {says}\n"


def _steps_done(lesson: str) -> int:
    import json

    data = json.loads(sysdesign("progress", "--json").stdout)
    return next(entry["steps_done"] for entry in data["lessons"] if entry["id"] == lesson)


def test_a_full_output_mid_lesson_loses_nothing_saved(isolated_env: Path) -> None:
    lesson = "what-is-a-system"
    sysdesign("learn", lesson, "--plain", input="\n\n")
    before = _steps_done(lesson)
    assert before >= 1
    with open("/dev/full", "w") as full:
        failed = sysdesign("learn", lesson, "--plain", input="\n\n", stdout=full)
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    assert _steps_done(lesson) >= before
    with sqlite3.connect(isolated_env / "progress.db") as db:
        assert db.execute("pragma integrity_check").fetchone() == ("ok",)


def test_a_closed_stdin_ends_a_session_cleanly() -> None:
    result = sysdesign("quiz", "--plain", stdin=None, preexec_fn=lambda: os.close(0))
    assert result.returncode == 0, result.stderr
    assert "End of input. Your progress is saved" in result.stdout


def test_a_closed_stderr_still_gives_the_exit_code() -> None:
    result = subprocess.run([str(SYSDESIGN), "learn", "no-such-lesson"], capture_output=False,
                            stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL, timeout=120,
                            preexec_fn=lambda: os.close(2))  # fmt: skip
    assert result.returncode == 2


# ------------------------------------------------------------ the progress database


def _right_number(lesson: str) -> int:
    """The number the lesson's first question's right answer is shown under."""
    from sysdesign_cli.core.loader import load_curriculum
    from sysdesign_cli.sessions.ask import shuffled

    step = next(s for s in load_curriculum().lessons[lesson].steps if s.kind == "question")
    return shuffled(step.choices, step.id).index(step.answer) + 1


def test_a_database_locked_by_another_program_is_named_and_nothing_is_lost(
    isolated_env: Path,
) -> None:
    """Another program holds the write lock through the whole session: the step cannot be
    saved, which is said in one line; what was saved before is all still there after."""
    lesson = "what-is-a-system"
    sysdesign("learn", lesson, "--plain", input="\n\n")
    before = _steps_done(lesson)
    holder = sqlite3.connect(isolated_env / "progress.db", isolation_level=None)
    try:
        holder.execute("begin exclusive")
        locked = sysdesign("learn", lesson, "--plain", input=f"{_right_number(lesson)}\n")
    finally:
        holder.close()
    assert locked.returncode == 1
    assert_one_clear_error(locked.stderr, "progress.db stayed locked by another sysdesign; "
                           "close it and try again.")  # fmt: skip
    assert _steps_done(lesson) == before
