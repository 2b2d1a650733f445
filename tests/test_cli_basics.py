"""`sysdesign estimate` and `sysdesign nines` through CliRunner and the installed command."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sysdesign_cli import __version__
from sysdesign_cli.cli.app import app

DAY = 86_400
runner = CliRunner()


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("Error:")]


# ---------------------------------------------------------------- estimate


def test_estimate_shows_average_qps() -> None:
    result = run("estimate", "--dau", "1000000")
    assert (result.exit_code, "~116 QPS" in result.output) == (0, True)


def test_estimate_shows_peak_qps() -> None:
    assert "~580 QPS" in run("estimate", "--dau", "1000000").output


def test_estimate_shows_the_derivation() -> None:
    output = run("estimate", "--dau", "1000000").output
    assert "10,000,000 requests / 86,400 s ~= 116 QPS" in output


def test_estimate_says_a_month_is_30_days() -> None:
    assert "a month is 30 days" in run("estimate", "--dau", "1M", "--payload", "1KB").output


@pytest.mark.parametrize(
    "dau",
    [
        pytest.param("1000000", id="plain"),
        pytest.param("1,000,000", id="commas"),
        pytest.param("1e6", id="e-notation"),
        pytest.param("10^6", id="power"),
        pytest.param("1M", id="suffix"),
        pytest.param("1 million", id="words"),
    ],
)
def test_estimate_reads_dau_as_typed(dau: str) -> None:
    data = json.loads(run("estimate", "--dau", dau, "--json").output)
    assert data["inputs"]["dau"] == 1_000_000


JSON_KEYS = {
    "requests_per_day", "avg_qps", "peak_qps", "writes_per_second", "reads_per_second",
    "storage_per_day_bytes", "storage_per_month_bytes", "storage_total_bytes",
    "bandwidth_in_bytes_per_second", "bandwidth_out_bytes_per_second", "servers_needed",
    "cache_bytes", "inputs",
}  # fmt: skip


def test_estimate_json_has_the_issue_keys() -> None:
    data = json.loads(run("estimate", "--dau", "1000000", "--json").output)
    assert set(data) >= JSON_KEYS


def test_estimate_json_values_are_exact_to_a_part_in_a_billion() -> None:
    """Exact to a part in a billion, far past what any input is known to, and no more:
    the figures carry no binary noise (issue 11, item 14)."""
    data = json.loads(run("estimate", "--dau", "1000000", "--json").output)
    assert (data["requests_per_day"], data["avg_qps"], data["peak_qps"]) == (
        10_000_000,
        pytest.approx(10_000_000 / DAY, rel=1e-9),
        pytest.approx(10_000_000 / DAY * 5, rel=1e-9),
    )


def test_estimate_json_inputs_as_read() -> None:
    data = json.loads(run("estimate", "--dau", "1M", "--peak-factor", "3", "--json").output)
    assert (data["inputs"]["requests_per_user"], data["inputs"]["peak_factor"]) == (10, 3)


def test_estimate_json_pastebin_figures() -> None:
    args = ["--writes", "1M/day", "--reads-per-write", "10", "--payload", "10 KB",
            "--retention", "3y", "--server-capacity", "100", "--json"]  # fmt: skip
    data = json.loads(run("estimate", *args).output)
    writes = 1_000_000 / DAY
    assert {
        key: data[key]
        for key in ("writes_per_second", "reads_per_second", "storage_per_day_bytes",
                    "storage_total_bytes", "servers_needed", "cache_bytes")
    } == {
        "writes_per_second": pytest.approx(writes),
        "reads_per_second": pytest.approx(writes * 10),
        "storage_per_day_bytes": pytest.approx(1_000_000 * 10_000),
        "storage_total_bytes": pytest.approx(1_000_000 * 10_000 * 3 * 365),
        "servers_needed": -(-writes * 11 * 5 // 100),
        "cache_bytes": pytest.approx(1_000_000 * 30 * 0.2 * 10_000),  # a month of items, 20% hot
    }  # fmt: skip


@pytest.mark.parametrize(
    ("flag", "value", "per_second"),
    [
        pytest.param("--writes", "12/s", 12, id="per-second"),
        pytest.param("--writes", "1M/day", 1e6 / DAY, id="per-day"),
        pytest.param("--writes", "10M/month", 1e7 / (30 * DAY), id="per-month"),
        pytest.param("--reads", "580 QPS", 580, id="qps"),
        pytest.param("--reads", "116", 116, id="bare-is-per-second"),
    ],
)
def test_estimate_rate_options(flag: str, value: str, per_second: float) -> None:
    data = json.loads(run("estimate", flag, value, "--json").output)
    key = "writes_per_second" if flag == "--writes" else "reads_per_second"
    assert data[key] == pytest.approx(per_second)


def test_estimate_bare_retention_is_years() -> None:
    args = ["--writes", "1/s", "--payload", "1KB", "--retention", "2", "--json"]
    assert json.loads(run("estimate", *args).output)["inputs"]["retention_seconds"] == (
        2 * 365 * DAY
    )


@pytest.mark.parametrize(
    "graded",
    [
        pytest.param("Requests per day: you said 10M, worked figure 10M -> good", id="count"),
        pytest.param(
            "Average QPS: you said 100 QPS, worked figure ~116 QPS -> good", id="shortcut-is-good"
        ),  # fmt: skip
        pytest.param(
            "Peak QPS: you said 116 QPS, worked figure ~580 QPS -> right order of magnitude "
            "(forgot the peak factor: that is the average)",
            id="average-for-peak",
        ),
    ],
)
def test_estimate_check_grades_answers_from_stdin(graded: str) -> None:
    result = run("estimate", "--dau", "1M", "--check", input="10M\n100\n116\n")
    assert graded in " ".join(result.output.split())


def test_estimate_check_names_the_slip() -> None:
    result = run("estimate", "--dau", "1M", "--check", input="10M\n10000000\n580\n")
    assert "forgot to divide by 86,400" in " ".join(result.output.split())


def test_estimate_check_shows_figures_after_grading() -> None:
    output = run("estimate", "--dau", "1M", "--check", input="1e7\n116\n580\n").output
    assert output.index("3 of 3 good (within 2x)") < output.index("Back-of-the-envelope estimate")


def test_estimate_check_ends_cleanly_when_input_runs_out() -> None:
    result = run("estimate", "--dau", "1M", "--check", input="10M\n")
    assert (result.exit_code, "End of input" in result.output) == (0, True)


def test_estimate_check_and_json_together_is_an_error() -> None:
    result = run("estimate", "--dau", "1M", "--check", "--json")
    assert (result.exit_code, "--check" in error_lines(result.output)[0]) == (2, True)


# ---------------------------------------------------------------- nines


def test_nines_shows_year_downtime() -> None:
    result = run("nines", "99.9")
    assert (result.exit_code, "8.76 h" in result.output) == (0, True)


def test_nines_states_the_convention() -> None:
    assert "365-day year, 30-day month" in " ".join(run("nines", "99.9").output.split())


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["99.99"], id="bare"),
        pytest.param(["99.99%"], id="percent"),
        pytest.param(["four nines"], id="words-quoted"),
        pytest.param(["4", "nines"], id="unquoted-two-args"),
    ],
)
def test_nines_accepts_every_spelling(args: list[str]) -> None:
    data = json.loads(run("nines", *args, "--json").output)
    assert data["availability"] == pytest.approx(0.9999)


def test_nines_json_downtime_seconds() -> None:
    data = json.loads(run("nines", "99.9", "--json").output)
    assert data["downtime_seconds"] == {
        "year": pytest.approx(0.001 * 365 * DAY),
        "quarter": pytest.approx(0.001 * 365 / 4 * DAY),
        "month": pytest.approx(0.001 * 30 * DAY),
        "week": pytest.approx(0.001 * 7 * DAY),
        "day": pytest.approx(0.001 * DAY),
    }


def test_nines_without_percent_shows_the_classic_table() -> None:
    output = run("nines").output
    assert [percent in output for percent in ("99%", "99.9%", "99.95%", "99.99%", "99.999%")] == [
        True
    ] * 5


def test_nines_series_shows_formula_and_result() -> None:
    output = run("nines", "--series", "99.9", "99.9").output
    assert "A = 0.999 x 0.999 = 0.998001" in output and "99.8%" in output


def test_nines_parallel_shows_formula_and_result() -> None:
    output = run("nines", "--parallel", "99.9", "99.9").output
    assert "A = 1 - (1 - 0.999) x (1 - 0.999) = 0.999999" in output and "99.9999%" in output


@pytest.mark.parametrize(
    ("flag", "expected"),
    [
        pytest.param("--series", 0.998001, id="series"),
        pytest.param("--parallel", 0.999999, id="parallel"),
    ],
)
def test_nines_compose_json(flag: str, expected: float) -> None:
    data = json.loads(run("nines", flag, "99.9", "99.9", "--json").output)
    assert data[flag.lstrip("-")]["availability"] == pytest.approx(expected, rel=1e-12)


def test_nines_downtime_per_month() -> None:
    result = run("nines", "--downtime", "1h", "--per", "month")
    assert "1 h of downtime per month -> ~99.86% available" in result.output


def test_nines_downtime_json() -> None:
    data = json.loads(run("nines", "--downtime", "1h", "--per", "month", "--json").output)
    assert data["from_downtime"]["availability"] == pytest.approx(1 - 3600 / (30 * DAY))


def test_nines_gregorian_year() -> None:
    data = json.loads(run("nines", "99.9", "--gregorian", "--json").output)
    assert data["downtime_seconds"]["year"] == pytest.approx(0.001 * 365.2425 * DAY)


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("args", "flag"),
    [
        pytest.param(["estimate", "--dau=-5"], "--dau", id="dau-negative"),
        pytest.param(["estimate", "--dau", "-5"], "--dau", id="dau-negative-spaced"),
        pytest.param(["estimate", "--dau", "0"], "--dau", id="dau-zero"),
        pytest.param(["estimate", "--dau", "lots"], "--dau", id="dau-words"),
        pytest.param(["estimate", "--dau", "1e400"], "--dau", id="dau-overflow"),
        pytest.param(["estimate", "--dau", "nan"], "--dau", id="dau-nan"),
        pytest.param(["estimate", "--dau", ""], "--dau", id="dau-empty"),
        pytest.param(["estimate", "--writes", "0"], "--writes", id="writes-zero"),
        pytest.param(["estimate", "--writes", "5 KB"], "--writes", id="writes-a-size"),
        pytest.param(["estimate", "--writes", "1M/fortnight"], "--writes", id="writes-period"),
        pytest.param(
            ["estimate", "--dau", "1M", "--peak-factor", "0.5"],
            "--peak-factor",
            id="peak-below-one",
        ),  # fmt: skip
        pytest.param(
            ["estimate", "--dau", "1M", "--payload=-1KB"], "--payload", id="payload-negative"
        ),  # fmt: skip
        pytest.param(
            ["estimate", "--dau", "1M", "--retention", "forever"],
            "--retention",
            id="retention-words",
        ),  # fmt: skip
        pytest.param(
            ["estimate", "--dau", "1M", "--server-capacity", "0"],
            "--server-capacity",
            id="capacity-zero",
        ),  # fmt: skip
        pytest.param(["estimate"], "--dau", id="nothing-given"),
        pytest.param(["estimate", "--dau", "0.5"], "--dau counts users", id="half-a-user"),
        pytest.param(["estimate", "--dau", "1e30"], "--dau counts users", id="more-than-people"),
        pytest.param(["estimate", "--dau", "1M", "--writes", "1/s"], "--dau", id="dau-and-writes"),
        pytest.param(["nines", "101"], "PERCENT", id="nines-above-100"),
        pytest.param(["nines", "150%"], "PERCENT", id="nines-above-100-percent"),
        pytest.param(["nines", "0"], "PERCENT", id="nines-zero"),
        pytest.param(["nines", "lots"], "PERCENT", id="nines-words"),
        pytest.param(["nines", "1e400"], "PERCENT", id="nines-overflow"),
        pytest.param(["nines", "nan"], "PERCENT", id="nines-nan"),
        pytest.param(["nines", ""], "PERCENT", id="nines-empty"),
        pytest.param(["nines", "--", "-5"], "PERCENT", id="nines-negative"),
        pytest.param(["nines", "--downtime=-1h"], "--downtime", id="downtime-negative"),
        pytest.param(["nines", "--downtime", "-1h"], "--downtime", id="downtime-negative-spaced"),
        pytest.param(["nines", "--downtime", "soon"], "--downtime", id="downtime-words"),
        pytest.param(
            ["nines", "--downtime", "2mo", "--per", "month"],
            "--downtime",
            id="downtime-longer-than-period",
        ),  # fmt: skip
        pytest.param(["nines", "--per", "fortnight", "99.9"], "--per", id="per-unknown"),
        pytest.param(["nines", "--series", "99.9"], "--series", id="series-one-part"),
    ],
)
def test_bad_input_is_one_clear_line(args: list[str], flag: str) -> None:
    result = run(*args)
    errors = error_lines(result.output)
    assert (result.exit_code, len(errors), flag in errors[0], "Traceback" in result.output) == (
        2,
        1,
        True,
        False,
    )


@pytest.mark.parametrize(
    ("args", "accepted"),
    [
        pytest.param(["estimate", "--dau", "lots"], "such as 1000000", id="count"),
        pytest.param(["estimate", "--writes", "fast"], "such as 116/s", id="rate"),
        pytest.param(
            ["estimate", "--dau", "1M", "--payload", "big"], "such as 500 bytes", id="size"
        ),  # fmt: skip
        pytest.param(["nines", "--downtime", "soon"], "such as 8.76h", id="duration"),
        pytest.param(["nines", "lots"], "such as 99.9", id="percent"),
    ],
)
def test_bad_input_says_what_is_accepted(args: list[str], accepted: str) -> None:
    assert accepted in error_lines(run(*args).output)[0]


# ---------------------------------------------------------------- version and help


def test_version() -> None:
    result = run("--version")
    assert (result.exit_code, result.output) == (0, f"sysdesign {__version__}\n")


@pytest.mark.parametrize(
    "command",
    [
        pytest.param([], id="root"),
        *(
            pytest.param([name], id=name)
            for name in (
                "estimate",
                "nines",
                "learn",
                "quiz",
                "exercise",
                "numbers",
                "progress",
                "validate",
                "interview",
                "design",
            )
        ),  # fmt: skip
        pytest.param(["design", "check"], id="design-check"),
    ],
)
def test_help_has_examples(command: list[str]) -> None:
    result = run(*command, "--help")
    assert (result.exit_code, "Examples:" in result.output) == (0, True)


USAGE_PIECE = re.compile(r"\[OPTIONS\]|[A-Z]+|\[[A-Z]+\](?:\.\.\.)?|\[ARGS\]\.\.\.")


@pytest.mark.parametrize("command", [[name] for name in ("learn", "exercise", "interview",
                         "validate", "nines", "estimate")] + [["design", "check"], []])  # fmt: skip
def test_every_usage_line_names_its_arguments_alike(command: list[str]) -> None:
    # `{FILE}` and `[name]` beside `[PERCENT]...` and `--export FILE`: one convention,
    # the one Click and the rest of the help use (FILE required, [NAME] optional).
    for shown in (run(*command, "--help").output, run(*command, "--no-such-flag").output):
        usage = next(line for line in shown.splitlines() if line.startswith("Usage:"))
        pieces = usage.split()[2 + len(command):]
        assert pieces and all(USAGE_PIECE.fullmatch(piece) for piece in pieces), usage


# ---------------------------------------------------------------- the installed command


def _command() -> list[str]:
    installed = Path(sys.executable).with_name("sysdesign")
    if installed.exists():
        return [str(installed)]
    found = shutil.which("sysdesign")
    return [found] if found else [sys.executable, "-m", "sysdesign_cli"]


def shell(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    return subprocess.run(
        [*_command(), *args], capture_output=True, text=True, env=env, timeout=60, check=False
    )


def test_installed_estimate() -> None:
    result = shell("estimate", "--dau", "1000000")
    assert (result.returncode, "~116 QPS" in result.stdout, "~580 QPS" in result.stdout) == (
        0,
        True,
        True,
    )


def test_installed_nines() -> None:
    result = shell("nines", "99.9")
    assert (result.returncode, "8.76 h" in result.stdout) == (0, True)


def test_installed_bad_input_exits_2_without_traceback() -> None:
    result = shell("estimate", "--dau", "nan")
    assert (result.returncode, "--dau" in result.stderr, "Traceback" in result.stderr) == (
        2,
        True,
        False,
    )


def test_module_entry_point() -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "sysdesign_cli", "nines", "99.9", "--json"],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert json.loads(result.stdout)["availability"] == 0.999


@pytest.mark.parametrize("typed", ["0.999", "0.5", ".9999"])
def test_nines_refuses_a_fraction_and_names_the_percentage(typed: str) -> None:
    result = run("nines", typed)
    assert result.exit_code == 2
    expected = f"{float(typed) * 100:g}"
    assert f"write it as a percentage: {expected}" in result.output
    assert "Traceback" not in result.output


def test_nines_period_is_not_case_sensitive() -> None:
    lower = json.loads(run("nines", "--downtime", "1h", "--per", "month", "--json").output)
    upper = json.loads(run("nines", "--downtime", "1h", "--per", "Month", "--json").output)
    assert upper["from_downtime"] == lower["from_downtime"]


# ---------------------------------------------------------------- the README, as a learner reads it

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def test_the_readme_s_home_screen_is_what_a_new_learner_sees() -> None:
    box = README.split("### `sysdesign` - the home screen", 1)[1].split("```", 2)[1]
    shown = " ".join(line.strip("│ ").strip() for line in box.splitlines() if "│" in line)
    result = run()
    assert result.exit_code == 0
    assert " ".join(result.output.split()) == " ".join(shown.split())


def test_the_readme_s_extra_estimate_options_run_as_written() -> None:
    text = " ".join(README.split("### `sysdesign estimate`", 1)[1].split())
    extra = text.split("Add `", 1)[1].split("`", 1)[0]
    result = run("estimate", "--dau", "1000000", *extra.split())
    assert result.exit_code == 0, result.output
    assert "Storage over retention" in result.output and "Servers at peak" in result.output


@pytest.mark.parametrize("command", [["learn"], ["quiz"], ["exercise"], ["interview"],
                                     ["progress"], ["nines"], ["design", "check"]])  # fmt: skip
def test_help_names_what_each_option_takes_in_words(command: list[str]) -> None:
    # `--export <str>  Write ... to FILE` left a beginner to guess what a <str> is.
    shown = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "100"}).output
    assert re.findall(r"<[a-z ]+>", shown) == []
    for flag in ("--export", "--import", "--design"):
        if f"{flag} " in shown:
            assert f"{flag} FILE" in shown


def test_the_design_check_help_examples_work_when_pasted_in_an_empty_folder(
    tmp_path: Path,
) -> None:
    # Each one named a pastebin.txt that a beginner did not have: the first now makes it.
    shown = run("design", "check", "--help").output
    lines = shown.split("Examples:", 1)[1].split("\n\n", 1)[0].strip().splitlines()
    lines = [line.strip() for line in lines if "--watch" not in line and "README" not in line]
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    assert lines[0].startswith("printf ") and len(lines) >= 4
    for line in lines:
        done = subprocess.run(["bash", "-c", line], cwd=tmp_path, env=env, capture_output=True,
                              text=True, timeout=60)  # fmt: skip
        assert done.returncode in (0, 1), (line, done.stderr)  # 1: the design has findings
        assert done.stderr == "", (line, done.stderr)
    assert "single point of failure" in done.stdout


def test_the_readme_s_piped_lesson_runs_as_written() -> None:
    # It once answered `2` to a choice question the lesson no longer asks.
    block = README.split("Piped, a lesson is a transcript you can script:", 1)[1].split("```")[1]
    command = next(line for line in block.splitlines() if line.startswith("$ "))
    typed = command.split("printf '", 1)[1].split("'", 1)[0].replace("\\n", "\n")
    args = command.split("| sysdesign ", 1)[1].split()
    result = run(*args, input=typed)
    shown = " ".join(result.output.split())
    lines = [line for line in block.splitlines() if line and not line.startswith(("$", "..."))]
    for line in lines:
        assert " ".join(line.split()) in shown, line


def test_the_quiz_help_s_topic_example_asks_on_a_fresh_start() -> None:
    # `quiz --topic availability` on a fresh start said there were no such questions yet.
    shown = run("quiz", "--help").output
    example = next(line.strip() for line in shown.splitlines() if "--topic" in line
                   and line.strip().startswith("sysdesign quiz"))  # fmt: skip
    result = run(*example.split()[1:], input="")
    assert result.exit_code == 0
    assert "Question 1/" in result.output and "No questions" not in result.output
