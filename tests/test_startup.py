"""The start-up guard: `--help` and a piped `estimate` load none of the heavy modules.

Like typer's tests/test_rich_import.py: a fresh interpreter runs the command, then
reports which modules it imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

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


def loaded_modules(*args: str) -> tuple[str, list[str]]:
    """Run the app in a fresh interpreter with stdout a pipe; its output and its modules."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, *args],
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
