"""A progress folder that cannot be written still gives its progress: an export and the
progress screen only read."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sysdesign_cli.cli.app import app
from sysdesign_cli.store import Store, StoreError
from sysdesign_cli.store import file as store_file

runner = CliRunner()


def _learner_home(home: Path) -> None:
    """A home with one answer in it, then closed as any command leaves it."""
    with Store.open(home) as store:
        store.record_answer("q1", "caching", True, source="quiz", response="a")


@pytest.fixture
def unwritable(monkeypatch: pytest.MonkeyPatch, isolated_env: Path) -> Path:
    """The home as a user who cannot write it sees it: chmod where that binds, and the
    access check answering no for root, who writes through chmod."""
    _learner_home(isolated_env)
    real_access = os.access
    home = str(isolated_env)

    def access(path, mode, **kw):  # type: ignore[no-untyped-def]
        if str(path) == home and mode & os.W_OK:
            return False
        return real_access(path, mode, **kw)

    monkeypatch.setattr(store_file.os, "access", access)
    isolated_env.chmod(0o555)
    (isolated_env / store_file.DB_NAME).chmod(0o444)
    yield isolated_env
    isolated_env.chmod(0o755)


def test_export_from_an_unwritable_home_writes_the_progress(unwritable: Path,
                                                            tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    result = runner.invoke(app, ["progress", "--export", str(target)])
    assert result.exit_code == 0, result.output
    data = json.loads(target.read_text())
    assert [row["question_id"] for row in data["answers"]] == ["q1"]


def test_the_progress_screen_reads_an_unwritable_home(unwritable: Path) -> None:
    result = runner.invoke(app, ["progress", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["answers"] == 1


def test_reset_in_an_unwritable_home_still_says_what_to_do(unwritable: Path) -> None:
    result = runner.invoke(app, ["progress", "--reset", "--yes"])
    assert result.exit_code == 1
    assert "SYSDESIGN_HOME" in result.output


def test_reading_only_leaves_the_file_as_it_was(isolated_env: Path) -> None:
    _learner_home(isolated_env)
    db = isolated_env / store_file.DB_NAME
    before = db.read_bytes()
    with Store.open_read_only(isolated_env) as store:
        assert store.answer_count() == 1
        with pytest.raises(StoreError):
            store.reset()
    assert db.read_bytes() == before


def test_reading_only_a_missing_file_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="Cannot read"):
        Store.open_read_only(tmp_path / "nowhere")


def test_reading_only_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    os.mkfifo(home / store_file.DB_NAME)
    with pytest.raises(StoreError, match="not a progress file"):
        Store.open_read_only(home)
