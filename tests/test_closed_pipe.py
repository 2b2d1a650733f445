"""A reader that goes away (`sysdesign progress | head -1`) is not an error: every command
that prints stops quietly with exit 0, as `git log | head` does; a real error still fails."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SYSDESIGN = Path(sys.executable).parent / "sysdesign"


def run_into_closed_pipe(*args: str) -> subprocess.CompletedProcess[bytes]:
    """Run with stdout a pipe whose reader is already gone: the first write breaks."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run([str(SYSDESIGN), *args], stdout=write, stderr=subprocess.PIPE,
                              stdin=subprocess.DEVNULL, timeout=120)  # fmt: skip
    finally:
        os.close(write)


@pytest.mark.parametrize(
    "args",
    [
        pytest.param([], id="home"),
        pytest.param(["--help"], id="help"),
        pytest.param(["progress"], id="progress"),
        pytest.param(["progress", "--json"], id="progress-json"),
        pytest.param(["numbers"], id="numbers"),
        pytest.param(["learn", "--list"], id="learn-list"),
        pytest.param(["nines", "99.9"], id="nines"),
        pytest.param(["estimate", "--dau", "1M"], id="estimate"),
        pytest.param(["validate", "--stats"], id="validate-stats"),
        pytest.param(["exercise"], id="exercise-list"),
        pytest.param(["interview"], id="interview-list"),
        pytest.param(["learn", "request-lifecycle", "--plain"], id="learn-plain"),
    ],
)
def test_a_closed_pipe_ends_the_command_quietly_with_0(args: list[str]) -> None:
    done = run_into_closed_pipe(*args)
    assert (done.returncode, done.stderr.decode()) == (0, "")


def test_a_real_error_into_a_closed_pipe_still_fails_and_says_why() -> None:
    done = run_into_closed_pipe("learn", "no-such-lesson")
    assert done.returncode != 0
    assert "no-such-lesson" in done.stderr.decode()
