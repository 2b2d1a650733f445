"""The store's attempts: one under way per kind and item, saved over and over; finished
ones kept (the last few) for export; export and import carry them."""

from __future__ import annotations

import json
from pathlib import Path

from sysdesign_cli.store import Store
from sysdesign_cli.store.attempts import KEEP_FINISHED


def state(stage: int) -> str:
    return json.dumps({"next_stage": stage})


def test_one_attempt_under_way_per_kind_and_item(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        assert store.attempt("exercise", "pastebin") is None
        store.save_attempt("exercise", "pastebin", state(1))
        store.save_attempt("exercise", "pastebin", state(2))  # the same attempt, later
        store.save_attempt("interview", "pastebin", state(7))  # another kind: its own
        assert store.attempt("exercise", "pastebin") == state(2)
        assert store.attempt("interview", "pastebin") == state(7)
        assert store.attempts_in_progress("exercise") == {"pastebin": state(2)}


def test_a_finished_attempt_is_kept_and_no_longer_under_way(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        store.save_attempt("exercise", "chat", state(3))
        store.finish_attempt("exercise", "chat", state(9))
        assert store.attempt("exercise", "chat") is None
        assert store.finished_attempt("exercise", "chat") == state(9)
        store.save_attempt("exercise", "chat", state(1))  # a new one starts
        assert (store.attempt("exercise", "chat"), store.finished_attempt("exercise", "chat")) == (
            state(1), state(9))  # fmt: skip


def test_drop_forgets_only_the_attempt_under_way(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        store.finish_attempt("exercise", "chat", state(9))
        store.save_attempt("exercise", "chat", state(2))
        store.drop_attempt("exercise", "chat")
        assert store.attempt("exercise", "chat") is None
        assert store.finished_attempt("exercise", "chat") == state(9)


def test_only_the_last_finished_attempts_are_kept(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        for number in range(KEEP_FINISHED + 5):
            store.finish_attempt("exercise", "chat", state(number))
        store.finish_attempt("exercise", "pastebin", state(1))
        count = store._rows("SELECT COUNT(*) FROM attempts WHERE item_id = 'chat'")[0][0]
        assert count == KEEP_FINISHED
        assert store.finished_attempt("exercise", "chat") == state(KEEP_FINISHED + 4)
        assert store.finished_attempt("exercise", "pastebin") == state(1)


def test_export_and_import_carry_the_attempts(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a") as store:
        store.save_attempt("exercise", "pastebin", state(4))
        store.finish_attempt("exercise", "chat", state(9))
        data = store.export_data()
    assert [row["item_id"] for row in data["attempts"]] == ["pastebin", "chat"]
    with Store.open(tmp_path / "b") as other:
        other.import_data(json.loads(json.dumps(data)))
        assert other.attempt("exercise", "pastebin") == state(4)
        assert other.finished_attempt("exercise", "chat") == state(9)
        other.reset()
        assert other.attempts_in_progress("exercise") == {}
