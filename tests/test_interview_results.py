"""Mock interview results are kept for good in their own table: the best round never drops
out with the finished attempts (only the last few of those are kept); a file or an export
from before the table gets it filled from the rounds it holds."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from sysdesign_cli.cli.app import app
from sysdesign_cli.store import SCHEMA_VERSION, Store
from sysdesign_cli.store.attempts import KEEP_FINISHED
from sysdesign_cli.store.migrations import MIGRATIONS

runner = CliRunner()
STAMP = "2026-05-01T12:00:00.000000+00:00"


def round_data(score: float, max_score: float = 70, name: str = "pastebin") -> dict[str, Any]:
    return {"version": 1, "interview": name, "score": score, "max_score": max_score,
            "minutes": 45, "steps": [["1. Clarify", score / 7, 10, 60.0]],
            "behaviours": [], "study_next": ["estimation"]}  # fmt: skip


def finish(store: Store, score: float, name: str = "pastebin") -> None:
    """What `sysdesign interview` keeps when a round ends."""
    data = round_data(score, name=name)
    store.save_attempt("interview", name, json.dumps({"next_part": 3}))
    store.finish_interview(name, score, data["max_score"], json.dumps(data))
    assert store.attempt("interview", name) is None  # finished with its result
    assert store.finished_attempt("interview", name) == json.dumps(data)


def test_the_best_round_stays_after_many_later_ones() -> None:
    with Store.open() as store:
        finish(store, 68)  # the best, first
        for _ in range(KEEP_FINISHED + 5):
            finish(store, 20)
        kept = store._rows("SELECT COUNT(*) FROM attempts WHERE finished = 1")[0][0]
        assert kept == KEEP_FINISHED  # the attempts have let the best one go...
    data = json.loads(runner.invoke(app, ["progress", "--json"]).output)
    best = data["interviews"]["pastebin"]
    assert (best["score"], best["max_score"]) == (68, 70)  # ...the results have not
    assert best["last"]["score"] == 20
    shown = " ".join(runner.invoke(app, ["progress"]).output.split())
    assert "68 / 70" in shown


def _version_3_file(home: Path, states: list[tuple[str, str]]) -> None:
    home.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(home / "progress.db")
    for version in (1, 2, 3):
        conn.executescript(MIGRATIONS[version])
    conn.executemany("INSERT INTO attempts (kind, item_id, finished, state_json, started_at, "
                     "updated_at) VALUES ('interview', ?, 1, ?, ?, ?)",
                     [(name, state, STAMP, STAMP) for name, state in states])  # fmt: skip
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()


def test_an_older_file_gets_its_rounds_results(tmp_path: Path) -> None:
    _version_3_file(tmp_path, [
        ("pastebin", json.dumps(round_data(50))),
        ("chat", json.dumps(round_data(33.5, 80, "chat"))),
        ("pastebin", json.dumps({"score": "high", "max_score": 70})),  # unreadable: left
        ("pastebin", json.dumps(round_data(10, 0))),  # no points to count: left
    ])  # fmt: skip
    with Store.open(tmp_path) as store:
        assert store.notices == []
        results = [(name, json.loads(data)["score"]) for name, data in store.interview_results()]
        version = store._rows("PRAGMA user_version")[0][0]
    assert results == [("pastebin", 50), ("chat", 33.5)]
    assert version == SCHEMA_VERSION == 4


def test_export_and_import_carry_the_results(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a") as store:
        finish(store, 61)
        data = store.export_data()
    assert [(row["interview_id"], row["score"]) for row in data["interview_results"]] == [
        ("pastebin", 61)]  # fmt: skip
    with Store.open(tmp_path / "b") as other:
        other.import_data(json.loads(json.dumps(data)))
        assert [name for name, _ in other.interview_results()] == ["pastebin"]
        other.reset()
        assert other.interview_results() == []


def test_an_older_export_gets_its_rounds_results_on_import(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a") as store:
        finish(store, 44)
        data = store.export_data()
    data["schema_version"] = 3
    del data["interview_results"]
    with Store.open(tmp_path / "b") as other:
        other.import_data(data)
        assert [(name, json.loads(state)["score"])
                for name, state in other.interview_results()] == [("pastebin", 44)]  # fmt: skip


def test_a_bad_result_in_an_export_is_refused_by_name(tmp_path: Path) -> None:
    from sysdesign_cli.store import StoreError

    with Store.open(tmp_path / "a") as store:
        finish(store, 44)
        data = store.export_data()
    data["interview_results"][0]["max_score"] = 0
    with Store.open(tmp_path / "b") as other:
        try:
            other.import_data(data)
        except StoreError as error:
            assert "interview_results[0].max_score" in str(error)
        else:
            raise AssertionError("a result with no points was imported")
