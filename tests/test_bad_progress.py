"""Bad progress files (issue 11, items 4 and 5): an import is checked whole against bounds
before it touches the store, and a store holding values no command could read is kept
aside with a notice, like a corrupted one. Nothing ends in a traceback; nothing is lost."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sysdesign_cli.cli.app import app
from sysdesign_cli.core.safe_text import RAW_CONTROL
from sysdesign_cli.store import Store

SYSDESIGN = Path(sys.executable).parent / "sysdesign"
runner = CliRunner()


def sysdesign(*args: str, input: str = "", timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([str(SYSDESIGN), *args], input=input, capture_output=True, text=True,
                          timeout=timeout)  # fmt: skip


@pytest.fixture
def export(isolated_env: Path) -> dict[str, Any]:
    """A real export: a lesson, answers, a review card and an exercise result; then the
    store holds one answer of its own, which a refused import must leave alone."""
    from fsrs import Rating

    from sysdesign_cli.core.scheduling import review

    with Store.open() as store:
        store.save_lesson_step("what-is-a-system", 3, 12)
        store.record_answer("ws-network-cost", "basics", False, "learn",
                            lesson_id="what-is-a-system")  # fmt: skip
        card, due = review(None, "ws-network-cost", Rating.Again)
        store.put_card("ws-network-cost", card, due)
        store.save_exercise_result("pastebin", 7, 10, '{"stages": []}')
        data = store.export_data()
        store.reset()
        store.record_answer("kept", "basics", True, "quiz")
    return data


def import_(data: Any, tmp_path: Path) -> Any:
    source = tmp_path / "in.json"
    source.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return runner.invoke(app, ["progress", "--import", str(source), "--yes"])


def only_kept() -> bool:
    with Store.open() as store:
        return store.export_data()["answers"][0]["question_id"] == "kept" and (
            store.answer_count() == 1)  # fmt: skip


def card(data: dict[str, Any], value: Any) -> None:
    data["cards"][0]["card_json"] = value


def card_field(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        parsed = json.loads(data["cards"][0]["card_json"])
        parsed[key] = value
        data["cards"][0]["card_json"] = json.dumps(parsed)

    return change


BAD = [
    pytest.param(lambda d: card(d, "{}"), "card_json is not a review card", id="card-empty"),
    pytest.param(lambda d: card(d, "[]"), "card_json is not a review card", id="card-list"),
    pytest.param(lambda d: card(d, "{not json"), "card_json is not JSON", id="card-bad-json"),
    pytest.param(card_field("state", 9), "bad state", id="card-unknown-state"),
    pytest.param(card_field("due", "soon"), "bad due", id="card-bad-due"),
    pytest.param(card_field("difficulty", 1e308), "bad difficulty", id="card-huge"),
    pytest.param(lambda d: d["answers"][0].update(id=2**63), "not between", id="int-2-63"),
    pytest.param(lambda d: d["answers"][0].update(hints_used=-1), "not between", id="negative"),
    pytest.param(lambda d: d["answers"][0].update(correct=True), "not a whole", id="bool"),
    pytest.param(lambda d: d["lessons"][0].update(next_step=2**64), "not between", id="int-2-64"),
    pytest.param(lambda d: d["lessons"][0].update(updated_at="9999-12-31T23:59:59-14:00"),
                 "out of range", id="date-overflow"),  # fmt: skip
    pytest.param(lambda d: d["lessons"][0].update(updated_at="0001-01-01T00:00:00+14:00"),
                 "out of range", id="date-underflow"),  # fmt: skip
    pytest.param(lambda d: d["lessons"][0].update(updated_at="2024-01-01T00:00:00"),
                 "no time zone", id="date-naive"),  # fmt: skip
    pytest.param(lambda d: d["lessons"][0].update(updated_at="1900-01-01T00:00:00+00:00"),
                 "not between 1970", id="date-too-early"),  # fmt: skip
    pytest.param(lambda d: d["exercise_results"][0].update(score=1e300), "not between",
                 id="score-huge"),  # fmt: skip
    pytest.param(lambda d: d["exercise_results"][0].update(result_json="{x"), "not JSON",
                 id="result-not-json"),  # fmt: skip
    pytest.param(lambda d: d["answers"][0].update(response="x" * 1_000_000), "characters long",
                 id="field-1mb"),  # fmt: skip
    pytest.param(lambda d: d["answers"].append(dict(d["answers"][0])), "appears twice",
                 id="duplicate-id"),  # fmt: skip
]


@pytest.mark.parametrize(("change", "says"), BAD)
def test_a_bad_import_is_refused_whole_and_changes_nothing(
    export: dict[str, Any], tmp_path: Path, change: Callable[[dict], None], says: str
) -> None:
    change(export)
    result = import_(export, tmp_path)
    assert result.exit_code == 1, result.output
    assert says in result.stderr
    assert len(result.stderr) < 400  # one line, never the value whole
    assert isinstance(result.exception, SystemExit)
    assert only_kept()


@pytest.mark.parametrize(
    ("text", "says"),
    [
        pytest.param('{"format": NaN}', "NaN, which is not a number", id="nan"),
        pytest.param('{"x": Infinity}', "Infinity, which is not a number", id="infinity"),
        pytest.param("[" * 100_000 + "]" * 100_000, "nested too deep", id="deep"),
        pytest.param('{"schema_version": ' + "9" * 5000 + "}", "a number is too long",
                     id="5000-digits"),  # fmt: skip
        pytest.param('{"format": "' + "x" * 10_000_000 + '"}', "its format is 'xxxx",
                     id="10mb-field"),  # fmt: skip
    ],
)
def test_hostile_json_is_one_short_error(
    export: dict[str, Any], tmp_path: Path, text: str, says: str
) -> None:
    result = import_(text, tmp_path)
    assert result.exit_code == 1
    assert says in result.stderr
    assert len(result.stderr) < 400
    assert only_kept()


def test_an_import_over_the_size_cap_is_refused_unread(tmp_path: Path) -> None:
    from sysdesign_cli.cli.progress import MAX_IMPORT_BYTES

    source = tmp_path / "huge.json"
    with open(source, "wb") as out:
        out.truncate(MAX_IMPORT_BYTES + 1)  # sparse: no time spent writing it
    result = runner.invoke(app, ["progress", "--import", str(source), "--yes"])
    assert result.exit_code == 1
    assert f"the limit is {MAX_IMPORT_BYTES:,}" in result.stderr


@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "folder", "dev-urandom"])
def test_an_import_that_is_not_a_regular_file_is_refused_at_once(
    tmp_path: Path, kind: str
) -> None:
    source = {"dev-zero": Path("/dev/zero"), "dev-urandom": Path("/dev/urandom"),
              "fifo": tmp_path / "pipe", "folder": tmp_path}[kind]  # fmt: skip
    if kind == "fifo":
        os.mkfifo(source)
    started = time.monotonic()
    result = sysdesign("progress", "--import", str(source), "--yes", timeout=20)
    assert time.monotonic() - started < 10
    assert result.returncode == 1
    assert "only regular files are read" in result.stderr
    assert "Traceback" not in result.stderr


def test_imported_text_is_made_safe_to_print(export: dict[str, Any], tmp_path: Path) -> None:
    export["answers"][0]["topic"] = "evil\x1b]0;pwned\x07\x9b2J"
    export["lessons"][0]["lesson_id"] = "what-is-a-system"
    result = import_(export, tmp_path)
    assert result.exit_code == 0, result.output
    shown = runner.invoke(app, ["progress"])
    assert shown.exit_code == 0
    assert RAW_CONTROL.search(shown.output) is None
    assert "evil\\x1b]0;pwned\\x07\\x9b2J" in shown.output


def test_after_a_refused_card_the_quiz_and_learn_still_run(
    export: dict[str, Any], tmp_path: Path
) -> None:
    """Found by the issue: `{}` as a card imported fine, then crashed quiz and learn for good."""
    card(export, "{}")
    assert import_(export, tmp_path).exit_code == 1
    quiz = sysdesign("quiz", "--plain", "--count", "2", input="1\n1\n")
    learn = sysdesign("learn", "what-is-a-system", "--plain", input="1\n")
    for result in (quiz, learn):
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr


def test_an_export_of_schema_1_still_imports(export: dict[str, Any], tmp_path: Path) -> None:
    export["schema_version"] = 1
    for row in export["lessons"]:
        del row["completed_at"]
    export["lessons"].append({"lesson_id": "design-loop", "next_step": 10, "steps_total": 10,
                              "updated_at": "2024-05-01T12:00:00+00:00"})  # fmt: skip
    result = import_(export, tmp_path)
    assert result.exit_code == 0, result.output
    with Store.open() as store:
        progress = store.lesson_progress()
    assert progress["design-loop"].completed and not progress["what-is-a-system"].completed


# ---------------------------------------------------------------- stores with bad values


def _set(sql: str) -> Callable[[Path], None]:
    def change(db: Path) -> None:
        conn = sqlite3.connect(db)
        conn.execute(sql)
        conn.commit()
        conn.close()

    return change


BAD_STORES = [
    pytest.param(_set("UPDATE lessons SET updated_at = 'garbage'"), "lessons.updated_at",
                 id="garbage-date"),  # fmt: skip
    pytest.param(_set("UPDATE lessons SET next_step = 'three'"), "lessons.next_step",
                 id="text-in-next-step"),  # fmt: skip
    pytest.param(_set("UPDATE cards SET card_json = '{}'"), "cards.card_json", id="card-empty"),
    pytest.param(_set("UPDATE cards SET card_json = 'not json'"), "cards.card_json",
                 id="card-not-json"),  # fmt: skip
    pytest.param(_set("""UPDATE cards SET card_json = json_set(card_json, '$.state', 7)"""),
                 "cards.card_json", id="card-unknown-state"),  # fmt: skip
    pytest.param(_set("UPDATE answers SET response = x'00ff'"), "answers.response",
                 id="blob-answer"),  # fmt: skip
    pytest.param(_set("UPDATE answers SET topic = 'a' || char(27) || '[2J'"), "answers.topic",
                 id="escape-in-topic"),  # fmt: skip
    pytest.param(_set("UPDATE exercise_results SET max_score = 'ten'"),
                 "exercise_results.max_score", id="text-max-score"),  # fmt: skip
    pytest.param(_set("UPDATE cards SET due = '2024-02-30T00:00:00.000000+00:00'"), "cards.due",
                 id="no-such-day"),  # fmt: skip
]


@pytest.fixture
def filled_store(isolated_env: Path) -> Path:
    from fsrs import Rating

    from sysdesign_cli.core.scheduling import review

    with Store.open() as store:
        store.save_lesson_step("what-is-a-system", 3, 12)
        store.record_answer("ws-network-cost", "basics", True, "learn", response="typed")
        card_json, due = review(None, "ws-network-cost", Rating.Good)
        store.put_card("ws-network-cost", card_json, due)
        store.save_exercise_result("pastebin", 7, 10, "{}")
    return isolated_env / "progress.db"


@pytest.mark.parametrize(("change", "column"), BAD_STORES)
def test_a_store_with_bad_values_is_kept_aside_with_a_notice(
    filled_store: Path, change: Callable[[Path], None], column: str
) -> None:
    change(filled_store)
    original = filled_store.read_bytes()
    result = runner.invoke(app, ["progress"])
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stderr.splitlines() if line.startswith("Note:")]
    assert len(notes) == 1, result.stderr
    assert "values sysdesign cannot use" in notes[0] and column in notes[0]
    (kept,) = filled_store.parent.glob("progress.db.invalid-*[0-9]")
    assert kept.read_bytes() == original and str(kept) in notes[0]
    again = runner.invoke(app, ["progress"])
    assert (again.exit_code, again.stderr) == (0, "")


@pytest.mark.parametrize("args", [["learn", "--list"], ["quiz", "--plain"], []],
                         ids=["learn-list", "quiz", "home"])  # fmt: skip
def test_every_command_copes_with_a_store_holding_bad_values(
    filled_store: Path, args: list[str]
) -> None:
    """Found by the issue: text in next_step or a bad card crashed every command."""
    _set("UPDATE lessons SET next_step = 'three'")(filled_store)
    _set("UPDATE cards SET card_json = '{}'")(filled_store)
    result = sysdesign(*args, input="1\n" * 20)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "values sysdesign cannot use (lessons.next_step in row 1)" in result.stderr


@pytest.mark.parametrize("content", [b"x", b"S", b"SQLite format 3"], ids=["x", "S", "prefix"])
def test_a_tiny_store_is_kept_aside_not_replaced(isolated_env: Path, content: bytes) -> None:
    isolated_env.mkdir()
    (isolated_env / "progress.db").write_bytes(content)
    result = sysdesign("progress")
    assert result.returncode == 0
    assert "unreadable" in result.stderr
    (kept,) = isolated_env.glob("progress.db.corrupt-*[0-9]")
    assert kept.read_bytes() == content


def test_a_store_that_is_a_fifo_is_kept_aside_without_hanging(isolated_env: Path) -> None:
    isolated_env.mkdir()
    os.mkfifo(isolated_env / "progress.db")
    result = sysdesign("progress", timeout=20)
    assert result.returncode == 0, result.stderr
    assert "unreadable" in result.stderr
    assert len(list(isolated_env.glob("progress.db.corrupt-*"))) == 1


def test_an_export_saved_again_with_a_byte_order_mark_imports(
    export: dict[str, Any], tmp_path: Path
) -> None:
    # Opened and saved in an editor that writes a BOM first, it was "bad JSON at line 1".
    source = tmp_path / "bom.json"
    source.write_bytes(b"\xef\xbb\xbf" + json.dumps(export).encode("utf-8"))
    result = runner.invoke(app, ["progress", "--import", str(source), "--yes"])
    assert result.exit_code == 0, result.output
    with Store.open() as store:
        assert store.lesson_position("what-is-a-system") == 3


def test_a_progress_database_given_as_an_import_says_what_to_do_with_it(
    isolated_env: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.db"
    with Store.open() as store:
        store.record_answer("kept", "basics", True, "quiz")
        live = store.path
    other.write_bytes(live.read_bytes())
    result = runner.invoke(app, ["progress", "--import", str(other), "--yes"])
    assert result.exit_code == 1
    assert "is a progress database, not an export: to use it, copy it over " in result.stderr
    assert str(live) in "".join(result.stderr.splitlines())
    assert only_kept()
