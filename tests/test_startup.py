"""The start-up guard: every command loads only the modules it uses.

`--help` and a piped `estimate` load none of the heavy modules; a command that reads
lessons, once their cache is filled, loads neither YAML nor pydantic, and one that runs
piped or `--plain` loads no prompt_toolkit (the full-screen prompts).

Like typer's tests/test_rich_import.py: a fresh interpreter runs the command, then
reports which modules it imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DESIGN = Path(__file__).parent / "fixtures" / "designs" / "pastebin.txt"
MARKER = "--modules--"
SCRIPT = f"""
import json, sys
from sysdesign_cli.cli.app import app
try:
    app(sys.argv[1:], prog_name="sysdesign", standalone_mode=False)
except SystemExit:
    pass
print({MARKER!r} + json.dumps(sorted(sys.modules)))
"""

HEAVY = ("questionary", "prompt_toolkit", "yaml", "pydantic", "sqlite3", "_sqlite3")
RICH = ("rich.console", "rich.table")


def loaded_modules(*args: str, typed: str | None = None) -> tuple[str, list[str]]:
    """Run the app in a fresh interpreter with stdout a pipe and stdin at its end (so an
    interactive command stops at its first prompt), or holding `typed` (answers, then the
    end); its output and its modules."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, *args], input=typed or "",
        capture_output=True, text=True, env=env, timeout=60, check=True,
    )  # fmt: skip
    output, _, modules = result.stdout.rpartition(MARKER)
    return output, json.loads(modules)


def _hits(modules: list[str], banned: tuple[str, ...]) -> list[str]:
    return [m for m in modules if any(m == b or m.startswith(b + ".") for b in banned)]


@pytest.mark.parametrize(
    ("args", "banned"),
    [
        pytest.param(["--help"], HEAVY + RICH, id="help"),
        pytest.param(["estimate", "--help"], HEAVY + RICH, id="estimate-help"),
        pytest.param(["estimate", "--dau", "1000000"], HEAVY + RICH, id="estimate-piped"),
        pytest.param(["estimate", "--dau", "1M", "--json"], HEAVY + RICH, id="estimate-json"),
        pytest.param(["nines", "99.9"], HEAVY, id="nines"),
        # Asks for figures (plain, piped): no prompts, no store, no matching or scheduling.
        pytest.param(["estimate", "--dau", "1M", "--check"],
                     (*HEAVY, "rapidfuzz", "snowballstemmer", "fsrs"), id="estimate-check"),
    ],
)
def test_start_up_loads_no_heavy_modules(args: list[str], banned: tuple[str, ...]) -> None:
    _, modules = loaded_modules(*args)
    assert _hits(modules, banned) == []


def test_guard_really_ran_the_command() -> None:
    # Without this, a script that failed before running the app would pass the guard.
    output, modules = loaded_modules("estimate", "--dau", "1000000")
    assert ("~580 QPS" in output, "sysdesign_cli.core.estimate" in modules) == (True, True)


def test_guard_sees_heavy_imports() -> None:
    # The guard can fail: `rich.table` does load for the nines table.
    _, modules = loaded_modules("nines", "99.9")
    assert _hits(modules, RICH) == list(RICH)


SCHEMA = ("yaml", "pydantic", "pydantic_core")
PROMPTS = ("questionary", "prompt_toolkit")
GRADERS = ("sysdesign_cli.core.grading", "rapidfuzz", "snowballstemmer", "fsrs")
REPORT = ("sysdesign_cli.sessions.exercise_design", "sysdesign_cli.core.graph.availability",
          "sysdesign_cli.render.exercise", "sysdesign_cli.render.exercise_export", "hashlib")
# Plain output prints text and markup itself: rich loads only for what it must draw (a
# table, a tree), and markdown-it never (the lessons' Markdown has its own renderer).
NO_RICH = ("rich", "markdown_it", "pygments")
STORE = ("sqlite3", "_sqlite3")


@pytest.mark.parametrize(
    ("args", "banned", "shows"),
    [
        # The home screen draws no lesson: no Markdown renderer, no graders, no rich.
        pytest.param([], SCHEMA + PROMPTS + GRADERS + NO_RICH, "Next:", id="home"),
        # Up to the first question: nothing graded yet, no spaced repetition, no rich.
        pytest.param(["learn", "--plain"], SCHEMA + PROMPTS + GRADERS + NO_RICH, "1)", id="learn"),
        pytest.param(["learn", "--list"], SCHEMA + PROMPTS + GRADERS, "what-is-a-system",
                     id="learn-list"),  # fmt: skip
        pytest.param(["quiz", "--plain"], SCHEMA + PROMPTS + GRADERS + NO_RICH, "Question 1/",
                     id="quiz"),  # fmt: skip
        pytest.param(["quiz", "--due", "--plain"], SCHEMA + PROMPTS + GRADERS + NO_RICH,
                     "Nothing", id="quiz-due"),  # fmt: skip
        pytest.param(["exercise"], SCHEMA + PROMPTS + GRADERS, "pastebin", id="exercise-list"),
        # The capacity table comes from the lessons' cache too; the estimate's answer is
        # checked from the first keystroke on, nothing before. The design engine and the
        # final report load when a stage or the end needs them.
        pytest.param(["exercise", "pastebin", "--plain"],
                     SCHEMA + PROMPTS + GRADERS + REPORT + NO_RICH, "Your figure for",
                     id="exercise"),  # fmt: skip
        pytest.param(["interview"], SCHEMA + PROMPTS + GRADERS, "pastebin", id="interview-list"),
        # The round's capacity table from the cache; its review cards (FSRS) at its end.
        pytest.param(["interview", "pastebin", "--plain"], SCHEMA + PROMPTS + GRADERS + NO_RICH,
                     "Clarify", id="interview"),  # fmt: skip
        pytest.param(["numbers"], SCHEMA + PROMPTS + GRADERS, "Capacity per block", id="numbers"),
        pytest.param(["progress"], SCHEMA + PROMPTS + GRADERS, "Lessons", id="progress"),
        pytest.param(["progress", "--json"], SCHEMA + PROMPTS + GRADERS, '"lessons"',
                     id="progress-json"),  # fmt: skip
        # A design is checked against the cached capacity table, with no progress store.
        pytest.param(["design", "check", str(DESIGN)], SCHEMA + PROMPTS + GRADERS + STORE,
                     "[lookup] dns", id="design-check"),  # fmt: skip
        pytest.param(["design", "check", str(DESIGN), "--json"],
                     SCHEMA + PROMPTS + GRADERS + STORE + NO_RICH, '"flows"',
                     id="design-check-json"),  # fmt: skip
    ],
)
def test_a_warm_start_loads_no_schema_and_no_prompts(
    args: list[str], banned: tuple[str, ...], shows: str
) -> None:
    loaded_modules(*args)  # the first run fills the lessons' cache
    output, modules = loaded_modules(*args)
    assert (shows in output, _hits(modules, banned)) == (True, [])
    assert "sysdesign_cli.core.cached_read" in modules  # it really read the lessons


def test_validate_loads_the_schema_and_no_prompts() -> None:
    output, modules = loaded_modules("validate")
    assert ("OK" in output or "no problems" in output.lower(), _hits(modules, PROMPTS)) == (
        True, [])  # fmt: skip
    assert _hits(modules, ("yaml", "pydantic")) != []  # validate always reads in full


def test_guard_sees_the_schema_on_a_cold_start() -> None:
    # The guard can fail: with the cache empty the lessons are validated, with pydantic.
    _, modules = loaded_modules("learn", "--list")
    assert sorted({m.split(".")[0] for m in _hits(modules, SCHEMA)}) == sorted(SCHEMA)


def test_answers_read_in_plain_mode_load_no_rich() -> None:
    """Reading a piped answer asks whether the output is a terminal: plain output answers
    that itself, so a plain lesson goes on past its first pause without rich."""
    output, modules = loaded_modules("learn", "--plain", typed="\n")
    assert "Step 2/" in output
    assert _hits(modules, ("rich",)) == []
