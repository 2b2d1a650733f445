"""Every example in every `--help` works when pasted, in order, into a shell in an empty
folder on a fresh install: no example names a file the learner does not have (each such
example is preceded by the line that makes it), none fails or prints an error."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sysdesign_cli.cli.app import app

BIN = Path(sys.executable).parent
COMMANDS = [[], ["learn"], ["quiz"], ["estimate"], ["nines"], ["exercise"], ["interview"],
            ["numbers"], ["progress"], ["validate"], ["design"], ["design", "check"]]  # fmt: skip
# What an example says of itself after it, in the help's own column: not part of the command.
_REMARK = re.compile(r"\s{3,}(?:\([^']*\)|[a-z][^'|<>]*)$")


def examples(command: list[str]) -> list[str]:
    """The example lines of `command`'s help, a line ending in `\\` joined to the next."""
    shown = CliRunner().invoke(app, [*command, "--help"]).output
    block = shown.split("Examples:", 1)[1].split("\n\n", 1)[0]
    lines: list[str] = []
    for line in block.strip().splitlines():
        line = _REMARK.sub("", line.strip())
        if lines and lines[-1].endswith("\\"):
            lines[-1] = lines[-1][:-1] + " " + line
        else:
            lines.append(line)
    return lines


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: "-".join(c) or "home")
def test_every_example_works_when_pasted_into_an_empty_folder(
    command: list[str], tmp_path: Path
) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
           "SYSDESIGN_HOME": str(tmp_path / "home")}  # fmt: skip
    lines = examples(command)
    assert len(lines) >= 2
    for line in lines:
        if "--watch" in line:  # runs until Ctrl-C: tested in test_design_cli
            continue
        if " | " in line and not shutil.which(line.rsplit(" | ", 1)[1].split()[0]):
            continue  # a pager this machine does not have
        done = subprocess.run(["bash", "-c", line], cwd=folder, env=env, capture_output=True,
                              text=True, timeout=120, stdin=subprocess.DEVNULL)  # fmt: skip
        # 1 from `design check`: the design has findings, which is what it shows.
        allowed = (0, 1) if "design check" in line else (0,)
        assert done.returncode in allowed, (line, done.stderr)
        assert "Error" not in done.stderr and "Traceback" not in done.stderr, (line, done.stderr)
        assert done.stdout.strip() or line.startswith(("printf", "mkdir")), line


def test_the_lesson_an_author_example_writes_is_a_valid_lesson(tmp_path: Path) -> None:
    lines = examples(["validate"])
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    for line in lines:
        done = subprocess.run(["bash", "-c", line], cwd=tmp_path, env=env, capture_output=True,
                              text=True, timeout=120)  # fmt: skip
    lesson = tmp_path / "my-lessons" / "lessons" / "01-intro.yaml"
    assert lesson.is_file()
    assert done.stdout.startswith("OK: no problems in my-lessons/lessons/01-intro.yaml")
