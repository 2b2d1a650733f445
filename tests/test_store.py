"""Tests for the progress store: round trips, durability, damaged files, concurrency, export."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from sysdesign_cli.core.progress_records import LessonProgress, TopicStats
from sysdesign_cli.store import SCHEMA_VERSION, Store, StoreError, home_dir

REPO = Path(__file__).resolve().parents[1]
T0 = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own SYSDESIGN_HOME; nothing touches the real one."""
    path = tmp_path / "home"
    monkeypatch.setenv("SYSDESIGN_HOME", str(path))
    return path


@pytest.fixture
def store(home: Path):
    with Store.open() as s:
        yield s


def run_python(code: str, **kwargs) -> subprocess.Popen:
    """Start a python child that can import the package and sees the test's SYSDESIGN_HOME."""
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])
    )
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)], env=env, text=True, **kwargs
    )


def export_without_stamp(s: Store) -> dict:
    data = s.export_data()
    data.pop("exported_at")
    return data


# A review card as fsrs writes it: the store checks cards it imports or opens.
CARD = (
    '{"card_id": 7, "state": 2, "step": null, "stability": 1.5, "difficulty": 5.0, '
    '"due": "2024-05-01T12:00:00+00:00", "last_review": "2024-04-30T12:00:00+00:00"}'
)


def fill(s: Store) -> None:
    s.save_lesson_step("caching", 3, 10)
    s.save_lesson_step("cdn", 5, 5)
    s.record_answer(
        "q1", "caching", True, "lesson", response="LRU", hints_used=1, lesson_id="caching"
    )
    s.record_answer("q2", "caching", False, "quiz")
    s.put_card("q2", CARD, T0)
    s.save_exercise_result("pastebin", 7, 10, '{"checks": []}')


# -- home and opening -------------------------------------------------------------------
def test_home_dir_honours_sysdesign_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("SYSDESIGN_HOME", "~/progress-here")
    assert home_dir() == tmp_path / "progress-here"


def test_home_dir_defaults_to_user_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv("SYSDESIGN_HOME")
    assert home_dir() == Path(platformdirs.user_data_dir("sysdesign", appauthor=False))


def test_open_creates_the_home_and_the_file(home: Path) -> None:
    with Store.open() as s:
        assert s.path == home / "progress.db"
        assert s.notices == []
    assert (home / "progress.db").is_file()


def test_open_takes_an_explicit_home(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a" / "b") as s:
        assert s.path == tmp_path / "a" / "b" / "progress.db"


def test_schema_is_versioned_and_in_wal_mode(store: Store) -> None:
    conn = sqlite3.connect(store.path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()
    assert store._conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_closed_store_raises_store_error(home: Path) -> None:
    with Store.open() as s:
        pass
    with pytest.raises(StoreError):
        s.answer_count()


# -- lessons ----------------------------------------------------------------------------
def test_lesson_position_is_zero_when_never_started(store: Store) -> None:
    assert store.lesson_position("caching") == 0
    assert store.lesson_progress() == {}
    assert store.last_lesson() is None


def test_save_lesson_step_round_trip(store: Store) -> None:
    before = datetime.now(timezone.utc)
    store.save_lesson_step("caching", 3, 10)
    store.save_lesson_step("caching", 4, 10)
    assert store.lesson_position("caching") == 4
    progress = store.lesson_progress()["caching"]
    assert progress == LessonProgress("caching", 4, 10, False, progress.updated_at)
    assert progress.updated_at.utcoffset() == timedelta(0)
    assert before <= progress.updated_at <= datetime.now(timezone.utc)


def test_lesson_completed_when_next_step_reaches_total(store: Store) -> None:
    store.save_lesson_step("cdn", 5, 5)
    assert store.lesson_progress()["cdn"].completed is True


def test_reset_lesson_starts_it_over(store: Store) -> None:
    store.save_lesson_step("caching", 3, 10)
    store.save_lesson_step("cdn", 2, 5)
    store.reset_lesson("caching")
    assert store.lesson_position("caching") == 0
    assert set(store.lesson_progress()) == {"cdn"}


def test_last_lesson_is_most_recent_unfinished(store: Store) -> None:
    store.save_lesson_step("a", 1, 5)
    store.save_lesson_step("b", 1, 5)
    assert store.last_lesson() == "b"
    store.save_lesson_step("a", 2, 5)
    assert store.last_lesson() == "a"
    store.save_lesson_step("a", 5, 5)  # finishing a lesson hands "last" back to the other
    assert store.last_lesson() == "b"
    store.save_lesson_step("b", 5, 5)
    assert store.last_lesson() is None


# -- answers ----------------------------------------------------------------------------
def test_answers_by_topic_and_count(store: Store) -> None:
    store.record_answer("q1", "caching", True, "lesson")
    store.record_answer("q2", "caching", False, "quiz")
    store.record_answer("q3", "caching", True, "quiz")
    store.record_answer("q4", "sharding", False, "quiz")
    stats = store.answers_by_topic()
    assert stats == {
        "caching": TopicStats("caching", 3, 2),
        "sharding": TopicStats("sharding", 1, 0),
    }
    assert stats["caching"].accuracy == pytest.approx(2 / 3)
    assert store.answer_count() == 4


def test_accuracy_is_zero_with_no_answers() -> None:
    assert TopicStats("x", 0, 0).accuracy == 0.0


def test_missed_question_ids_follow_the_latest_answer(store: Store) -> None:
    store.record_answer("q1", "t", False, "quiz")
    store.record_answer("q2", "t", False, "quiz")
    store.record_answer("q3", "t", True, "quiz")
    store.record_answer("q1", "t", True, "review")  # fixed since
    store.record_answer("q3", "t", False, "review")  # slipped since
    assert store.missed_question_ids() == ["q3", "q2"]


def test_record_answer_keeps_every_field_with_a_utc_stamp(store: Store) -> None:
    store.record_answer(
        "q1", "caching", True, "lesson", response="LRU", hints_used=2, lesson_id="caching"
    )
    (row,) = store.export_data()["answers"]
    expected = {"question_id": "q1", "topic": "caching", "correct": 1, "source": "lesson"}
    expected |= {"response": "LRU", "hints_used": 2, "lesson_id": "caching"}
    assert {key: row[key] for key in expected} == expected
    stamp = datetime.fromisoformat(row["answered_at"])
    assert stamp.utcoffset() == timedelta(0)
    assert abs(datetime.now(timezone.utc) - stamp) < timedelta(minutes=1)


# -- review cards -----------------------------------------------------------------------
def test_cards_round_trip_and_replace(store: Store) -> None:
    assert store.get_card("q1") is None
    later = CARD.replace('"stability": 1.5', '"stability": 4.0')
    store.put_card("q1", CARD, T0)
    store.put_card("q1", later, T0 + timedelta(days=3))
    assert store.get_card("q1") == later
    assert store.card_ids() == {"q1"}
    assert store.due_cards(T0 + timedelta(days=2)) == []


def test_due_cards_earliest_first_and_inclusive(store: Store) -> None:
    store.put_card("late", CARD, T0 + timedelta(hours=2))
    store.put_card("early", CARD, T0 - timedelta(days=1))
    store.put_card("now", CARD, T0)
    store.put_card("future", CARD, T0 + timedelta(days=9))
    assert store.due_cards(T0) == ["early", "now"]
    assert store.due_cards(T0 + timedelta(hours=2)) == ["early", "now", "late"]
    assert store.due_count(T0 + timedelta(days=1)) == 3
    assert store.card_ids() == {"late", "early", "now", "future"}


def test_due_compares_instants_across_time_zones(store: Store) -> None:
    plus_two = timezone(timedelta(hours=2))
    store.put_card("q", CARD, datetime(2024, 5, 1, 13, 0, tzinfo=plus_two))  # 11:00 UTC
    assert store.due_cards(T0) == ["q"]


def test_naive_datetimes_are_refused(store: Store) -> None:
    with pytest.raises(ValueError):
        store.put_card("q", CARD, datetime(2024, 1, 1))


# -- exercises --------------------------------------------------------------------------
def test_exercise_results_and_best_scores(store: Store) -> None:
    store.save_exercise_result("pastebin", 6, 10, '{"try": 1}')
    store.save_exercise_result("pastebin", 9, 10, '{"try": 2}')
    store.save_exercise_result("pastebin", 7, 10, '{"try": 3}')
    store.save_exercise_result("chat", 4, 8, "{}")
    assert store.best_exercise_scores() == {"pastebin": (9.0, 10.0), "chat": (4.0, 8.0)}
    results = store.exercise_results("pastebin")
    assert [(r.score, r.max_score, r.result_json) for r in results] == [
        (6.0, 10.0, '{"try": 1}'),
        (9.0, 10.0, '{"try": 2}'),
        (7.0, 10.0, '{"try": 3}'),
    ]
    assert all(
        r.exercise_id == "pastebin" and r.created_at.utcoffset() == timedelta(0) for r in results
    )
    assert store.exercise_results("url-shortener") == []


# -- durability -------------------------------------------------------------------------
def test_progress_survives_close_and_reopen(home: Path) -> None:
    with Store.open() as s:
        fill(s)
        before = export_without_stamp(s)
    with Store.open() as s:
        assert export_without_stamp(s) == before
        assert s.lesson_position("caching") == 3
        assert s.missed_question_ids() == ["q2"]
        assert s.due_cards(T0) == ["q2"]
        assert s.best_exercise_scores() == {"pastebin": (7.0, 10.0)}


def test_reset_removes_all_progress(store: Store) -> None:
    fill(store)
    store.reset()
    assert (
        store.lesson_progress(),
        store.answer_count(),
        store.card_ids(),
        store.best_exercise_scores(),
    ) == (
        {},
        0,
        set(),
        {},
    )


def test_full_disk_is_reported_as_store_error(store: Store) -> None:
    # SQLite reports a capped file exactly like a full disk (SQLITE_FULL).
    page_count = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {page_count}")
    with pytest.raises(StoreError, match="full"):
        for i in range(200):
            store.record_answer(f"q{i}", "t", True, "quiz", response="x" * 2000)


def test_interrupted_write_leaves_nothing_behind(store: Store) -> None:
    store.record_answer("q1", "t", True, "quiz")
    with pytest.raises(KeyboardInterrupt), store._write() as conn:
        conn.execute("DELETE FROM answers")
        raise KeyboardInterrupt  # Ctrl-C in the middle of a step
    assert store.answer_count() == 1


def test_a_lock_held_too_long_is_a_store_error(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sysdesign_cli.store import transactions

    monkeypatch.setattr(transactions, "BUSY_TIMEOUT_S", 0.2)
    store._conn.execute("PRAGMA busy_timeout = 200")
    other = sqlite3.connect(store.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another process mid-write, holding the lock
        with pytest.raises(StoreError, match="locked"):
            store.record_answer("q1", "t", True, "quiz")
        other.execute("ROLLBACK")
        store.record_answer("q1", "t", True, "quiz")
        assert store.answer_count() == 1
    finally:
        other.close()


def test_killed_process_keeps_every_committed_step(home: Path) -> None:
    with run_python(
        """
        from sysdesign_cli.store import Store
        store = Store.open()
        step = 0
        while True:
            step += 1
            store.save_lesson_step("kill-me", step, 10**9)
            print(step, flush=True)
        """,
        stdout=subprocess.PIPE,
    ) as child:
        assert child.stdout is not None
        printed = [child.stdout.readline() for _ in range(20)]
        child.send_signal(signal.SIGKILL)
        printed += child.stdout.readlines()
    assert child.returncode == -signal.SIGKILL
    last = int([line for line in printed if line.strip()][-1])
    assert last >= 20
    with Store.open() as s:
        # The child may have committed one more step before it could print it.
        assert last <= s.lesson_position("kill-me") <= last + 1
        assert s.notices == []


def test_four_processes_write_at_once(home: Path) -> None:
    go = home.parent / "go"
    children = [
        run_python(
            f"""
            import os, time
            from sysdesign_cli.store import Store
            while not os.path.exists({str(go)!r}):
                time.sleep(0.001)
            with Store.open() as store:
                for i in range(25):
                    store.record_answer(f"w{n}-q{{i}}", "topic-{n}", i % 2 == 0, "quiz")
                    store.save_lesson_step("lesson-{n}", i + 1, 25)
            """,
            stderr=subprocess.PIPE,
        )
        for n in range(4)
    ]
    go.touch()  # start together, so even the schema creation races
    errors = [child.communicate(timeout=60)[1] for child in children]
    assert [child.returncode for child in children] == [0, 0, 0, 0], errors
    with Store.open() as s:
        assert s.answer_count() == 100
        answered = {row["question_id"] for row in s.export_data()["answers"]}
        assert answered == {f"w{n}-q{i}" for n in range(4) for i in range(25)}
        assert {t: (st.answered, st.correct) for t, st in s.answers_by_topic().items()} == {
            f"topic-{n}": (25, 13) for n in range(4)
        }
        assert {lid: p.next_step for lid, p in s.lesson_progress().items()} == {
            f"lesson-{n}": 25 for n in range(4)
        }


# -- damaged and foreign files ----------------------------------------------------------
def make_truncated(home: Path) -> bytes:
    with Store.open(home) as s:
        for i in range(100):
            s.record_answer(f"q{i}", "t", True, "quiz", response="x" * 500)
    data = (home / "progress.db").read_bytes()
    return data[: len(data) // 2]


@pytest.mark.parametrize(
    "make_bytes",
    [
        pytest.param(make_truncated, id="truncated"),
        pytest.param(
            lambda home: b"this is not a database, it is a shopping list\n" * 100, id="garbage"
        ),
        pytest.param(lambda home: b"SQLite format 3\x00" + b"\xff" * 84, id="bad-header"),
    ],
)
def test_unreadable_file_is_kept_aside_and_a_fresh_one_started(home: Path, make_bytes) -> None:
    home.mkdir(exist_ok=True)
    original = make_bytes(home)
    (home / "progress.db").write_bytes(original)
    with Store.open() as s:
        (kept,) = home.glob("progress.db.corrupt-*[0-9]")
        assert re.fullmatch(r"progress\.db\.corrupt-\d{8}-\d{6}", kept.name)
        assert kept.read_bytes() == original
        assert s.notices == [
            f"Your progress file was unreadable; it was kept as {kept} and a fresh one started."
        ]
        assert s.answer_count() == 0
        s.save_lesson_step("caching", 1, 4)
        assert s.lesson_position("caching") == 1


def test_sidecar_files_go_with_the_kept_file(home: Path) -> None:
    home.mkdir()
    (home / "progress.db").write_bytes(b"garbage" * 100)
    (home / "progress.db-wal").write_bytes(b"wal bytes")
    with Store.open() as s:
        (kept,) = home.glob("progress.db.corrupt-*[0-9]")
        assert Path(f"{kept}-wal").read_bytes() == b"wal bytes"
        assert s.answer_count() == 0


def test_a_kept_file_is_never_overwritten(home: Path) -> None:
    home.mkdir()
    for content in (b"first garbage" * 50, b"second garbage" * 50):
        (home / "progress.db").write_bytes(content)
        Store.open().close()
    kept = sorted(home.glob("progress.db.corrupt-*[0-9]"))
    assert sorted(p.read_bytes() for p in kept) == [b"first garbage" * 50, b"second garbage" * 50]


def test_newer_schema_is_kept_aside(home: Path) -> None:
    home.mkdir()
    conn = sqlite3.connect(home / "progress.db")
    conn.execute("CREATE TABLE future (x)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    original = (home / "progress.db").read_bytes()
    with Store.open() as s:
        (kept,) = home.glob("progress.db.newer-*")
        assert kept.read_bytes() == original
        assert (
            len(s.notices) == 1 and "newer sysdesign" in s.notices[0] and str(kept) in s.notices[0]
        )
        s.record_answer("q1", "t", True, "quiz")
        assert s.answer_count() == 1
    conn = sqlite3.connect(home / "progress.db")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes through chmod"
)
def test_unwritable_home_raises_store_error(home: Path) -> None:
    home.mkdir()
    home.chmod(0o500)
    try:
        with pytest.raises(StoreError, match="SYSDESIGN_HOME") as info:
            Store.open()
        assert str(home) in str(info.value)
    finally:
        home.chmod(0o700)


def test_home_that_is_a_file_raises_store_error(home: Path) -> None:
    home.write_text("not a folder")
    with pytest.raises(StoreError, match="SYSDESIGN_HOME") as info:
        Store.open()
    assert str(home) in str(info.value)
    assert home.read_text() == "not a folder"


def test_home_below_a_file_raises_store_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="SYSDESIGN_HOME") as info:
        Store.open(tmp_path / "file" / "home")
    assert str(tmp_path / "file" / "home") in str(info.value)


# -- export and import ------------------------------------------------------------------
def test_export_reset_import_round_trip(store: Store) -> None:
    fill(store)
    exported = store.export_data()
    assert (
        exported["format"] == "sysdesign-progress" and exported["schema_version"] == SCHEMA_VERSION
    )
    text = json.dumps(exported)  # plain JSON, as a file would carry it
    store.reset()
    assert store.answer_count() == 0
    store.import_data(json.loads(text))
    assert export_without_stamp(store) == {k: v for k, v in exported.items() if k != "exported_at"}
    assert store.lesson_position("caching") == 3
    assert store.missed_question_ids() == ["q2"]
    assert store.get_card("q2") == CARD


def test_import_replaces_what_was_there(store: Store) -> None:
    store.record_answer("old", "t", True, "quiz")
    data = store.export_data()
    store.record_answer("new", "t", True, "quiz")
    store.import_data(data)
    assert [row["question_id"] for row in store.export_data()["answers"]] == ["old"]


def test_import_of_a_non_object_raises(store: Store) -> None:
    with pytest.raises(StoreError, match="JSON object"):
        store.import_data(["not", "a", "dict"])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param(lambda d: d.update(format="something-else"), "format", id="wrong-format"),
        pytest.param(lambda d: d.update(schema_version=SCHEMA_VERSION + 1), "newer", id="newer"),
        pytest.param(lambda d: d.update(schema_version=0), "schema_version", id="old-version"),
        pytest.param(lambda d: d.update(schema_version=True), "schema_version", id="bool-version"),
        pytest.param(lambda d: d.pop("schema_version"), "schema_version", id="no-version"),
        pytest.param(lambda d: d.pop("cards"), "'cards'", id="missing-table"),
        pytest.param(lambda d: d.update(extra=[]), "unknown keys", id="unknown-key"),
        pytest.param(lambda d: d["answers"][0].pop("topic"), r"answers\[0\]", id="no-column"),
        pytest.param(lambda d: d["lessons"][0].update(next_step="3"), "next_step", id="bad-type"),
        pytest.param(lambda d: d["cards"][0].update(due="tomorrow"), "due", id="bad-time"),
        pytest.param(lambda d: d["lessons"].append(d["lessons"][0]), "twice", id="duplicate-id"),
    ],
)
def test_bad_import_raises_and_changes_nothing(store: Store, change, message: str) -> None:
    fill(store)
    data = store.export_data()
    store.reset()
    store.record_answer("kept", "t", False, "quiz")
    before = export_without_stamp(store)
    change(data)
    with pytest.raises(StoreError, match=message):
        store.import_data(data)
    assert export_without_stamp(store) == before
