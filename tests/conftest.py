"""Shared fixtures: every test runs with its own home, no colour and a fixed width."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point SYSDESIGN_HOME at a temp dir so no test touches the real progress."""
    home = tmp_path / "sysdesign-home"
    monkeypatch.setenv("SYSDESIGN_HOME", str(home))
    # The curriculum cache beside it, never in the real cache folder.
    monkeypatch.setenv("SYSDESIGN_CACHE", str(tmp_path / "sysdesign-cache"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    # Choices in the order of their question id, so scripts can answer by number; the
    # shuffle anew at every asking is tested with this unset.
    monkeypatch.setenv("SYSDESIGN_SEED", "1")
    return home
