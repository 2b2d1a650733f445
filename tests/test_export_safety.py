"""Exports never harm progress (issue 11, item 2): the progress file and its companions are
refused as a target whatever the spelling, and a link at the target is never followed."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from fault_asker import AnyAsker
from typer.testing import CliRunner

from sysdesign_cli.cli.app import app
from sysdesign_cli.store import Store

runner = CliRunner()


@pytest.fixture
def progress_home(isolated_env: Path) -> Path:
    """Some progress to lose: a lesson half done and three answers."""
    with Store.open() as store:
        store.save_lesson_step("what-is-a-system", 3, 12)
        for qid in ("a", "b", "c"):
            store.record_answer(qid, "basics", True, "learn", lesson_id="what-is-a-system")
    return isolated_env


def answers() -> int:
    result = runner.invoke(app, ["progress", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["answers"]


def same_file(home: Path) -> str:
    return str(home / "progress.db")


def relative(home: Path) -> str:
    os.chdir(home)
    return "progress.db"


def dotted(home: Path) -> str:
    (home / "sub").mkdir()
    return str(home / "sub" / ".." / "progress.db")


def symlink(home: Path) -> str:
    link = home.parent / "innocent.json"
    link.symlink_to(home / "progress.db")
    return str(link)


def hard_link(home: Path) -> str:
    link = home.parent / "innocent.json"
    os.link(home / "progress.db", link)
    return str(link)


def sidecar(suffix: str) -> Callable[[Path], str]:
    return lambda home: str(home / f"progress.db{suffix}")


def kept_copy(home: Path) -> str:
    kept = home / "progress.db.corrupt-20240101-000000"
    kept.write_bytes(b"rescued progress")
    return str(kept)


SPELLINGS = [
    pytest.param(same_file, id="absolute"),
    pytest.param(relative, id="relative"),
    pytest.param(dotted, id="dot-dot"),
    pytest.param(symlink, id="symlink"),
    pytest.param(hard_link, id="hard-link"),
    pytest.param(sidecar("-wal"), id="wal"),
    pytest.param(sidecar("-shm"), id="shm"),
    pytest.param(sidecar("-journal"), id="journal-not-there"),
    pytest.param(kept_copy, id="kept-aside-copy"),
]


@pytest.mark.parametrize("command", ["progress", "exercise pastebin"])
@pytest.mark.parametrize("spell", SPELLINGS)
def test_an_export_onto_the_store_is_refused(
    progress_home: Path, spell: Callable[[Path], str], command: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.chdir(progress_home.parent)
    asker = AnyAsker()
    monkeypatch.setattr("sysdesign_cli.cli.exercise.make_asker", lambda console, plain: asker)
    result = runner.invoke(app, [*command.split(), "--export", spell(progress_home), "--force"])
    assert result.exit_code == 1
    assert "is your progress file" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert sum(asker.counts.values()) == 0  # an exercise is refused before its first question
    assert answers() == 3


def test_a_target_that_becomes_the_store_while_the_exercise_runs_is_refused(
    progress_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checked again when written: a link made during the exercise does not get through."""
    from sysdesign_cli.sessions.exercise import ExerciseSession

    target = progress_home.parent / "design.md"
    play = ExerciseSession.play

    def play_then_link(self):  # type: ignore[no-untyped-def]
        run = play(self)
        target.symlink_to(progress_home / "progress.db")
        return run

    monkeypatch.setattr(ExerciseSession, "play", play_then_link)
    monkeypatch.setattr("sysdesign_cli.cli.exercise.make_asker", lambda c, p: AnyAsker())
    result = runner.invoke(app, ["exercise", "pastebin", "--export", str(target), "--force"])
    assert result.exit_code == 1
    assert "is your progress file" in result.stderr
    assert answers() == 3


def test_a_dangling_link_is_never_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere" / "made-through-the-link.json"
    elsewhere.parent.mkdir()
    link = tmp_path / "export.json"
    link.symlink_to(elsewhere)
    refused = runner.invoke(app, ["progress", "--export", str(link)])
    assert refused.exit_code == 1 and "already exists" in refused.stderr
    assert not elsewhere.exists()
    forced = runner.invoke(app, ["progress", "--export", str(link), "--force"])
    assert forced.exit_code == 0, forced.output
    assert not elsewhere.exists()  # the link was replaced, not followed
    assert not link.is_symlink() and json.loads(link.read_text("utf-8"))["format"]


def test_force_replaces_the_link_not_the_file_it_points_to(tmp_path: Path) -> None:
    precious = tmp_path / "notes.txt"
    precious.write_text("keep me", encoding="utf-8")
    link = tmp_path / "export.json"
    link.symlink_to(precious)
    result = runner.invoke(app, ["progress", "--export", str(link), "--force"])
    assert result.exit_code == 0, result.output
    assert precious.read_text(encoding="utf-8") == "keep me"
    assert not link.is_symlink()


def test_force_replaces_a_file_whole_and_leaves_nothing_beside_it(tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    target.write_text("old" * 100_000, encoding="utf-8")
    result = runner.invoke(app, ["progress", "--export", str(target), "--force"])
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_text("utf-8"))["format"] == "sysdesign-progress"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "sysdesign-home") == [
        "export.json"
    ]


@pytest.mark.parametrize("force", [["--force"], []], ids=["force", "no-force"])
@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_a_target_that_is_not_a_file_is_refused(
    tmp_path: Path, kind: str, force: list[str]
) -> None:
    target = tmp_path / "target"
    if kind == "folder":
        target.mkdir()
    else:
        os.mkfifo(target)
    result = runner.invoke(app, ["progress", "--export", str(target), *force])
    assert result.exit_code == 1
    # Without --force too: "pass --force to overwrite it" would send the learner nowhere.
    assert "not a regular file" in result.stderr and "--force" not in result.stderr


def test_a_target_in_a_missing_folder_is_one_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["progress", "--export", str(tmp_path / "no" / "x.json")])
    assert result.exit_code == 1
    assert f"there is no folder {tmp_path / 'no'}" in result.stderr
