"""The fault battery: Ctrl-C and end of input at every prompt, a killed process, broken
progress files, an unusable home, missing lessons, a full disk, four sessions at once,
hostile answers and a 20-column terminal. Nothing a learner does loses their progress,
and nothing ends in a traceback."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from curriculum_answers import plain_line, plain_script, right_answer
from fault_asker import AnyAsker
from typer.testing import CliRunner

from sysdesign_cli.cli.app import app
from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.sessions.asker import MAX_TYPED_ANSWER, EndOfInput
from sysdesign_cli.store import Store

SYSDESIGN = Path(sys.executable).parent / "sysdesign"
CURRICULUM = load_curriculum()
LESSONS = CURRICULUM.lessons
LIFECYCLE = LESSONS["request-lifecycle"]
runner = CliRunner()


def questions_before(lesson: Any, index: int) -> int:
    return sum(step.kind in ("question", "estimate") for step in lesson.steps[:index])


def progress() -> dict[str, Any]:
    result = runner.invoke(app, ["progress", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def steps_done(lesson_id: str) -> int:
    return next(item["steps_done"] for item in progress()["lessons"] if item["id"] == lesson_id)


def sysdesign(*args: str, input: bytes | str = b"", env: dict[str, str] | None = None,
              timeout: float = 60) -> subprocess.CompletedProcess[str]:  # fmt: skip
    """The installed command; bytes in, text out (undecodable output shows as U+FFFD)."""
    data = input.encode() if isinstance(input, str) else input
    done = subprocess.run([str(SYSDESIGN), *args], input=data, capture_output=True,
                          env=env, timeout=timeout, check=False)  # fmt: skip
    return subprocess.CompletedProcess(done.args, done.returncode,
                                       done.stdout.decode("utf-8", "replace"),
                                       done.stderr.decode("utf-8", "replace"))  # fmt: skip


def resume_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(("Stopped.", "End of input."))]


def assert_clean_stop(output: str, resume: str) -> None:
    """Exactly one line on how to go on, naming the way back, and no traceback."""
    lines = resume_lines(output)
    assert len(lines) == 1, output[-2000:]
    assert resume in lines[0], lines[0]
    assert "Traceback" not in output


def seed_progress() -> None:
    """Some progress to lose: one lesson half done, two answers."""
    with Store.open() as store:
        store.save_lesson_step("what-is-a-system", 3, 12)
        store.record_answer("wis-q1", "basics", True, "learn", lesson_id="what-is-a-system")
        store.record_answer("wis-q2", "basics", False, "learn", lesson_id="what-is-a-system")


class Live:
    """A plain-mode session in a subprocess, its output read as it comes."""

    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen([str(SYSDESIGN), *args], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
        self.out = bytearray()
        self.pump = threading.Thread(target=self._read, daemon=True)
        self.pump.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for chunk in iter(lambda: self.proc.stdout.read1(65536), b""):  # type: ignore[union-attr]
            self.out += chunk

    @property
    def text(self) -> str:
        return self.out.decode("utf-8", "replace")

    def send(self, text: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(text.encode())
        self.proc.stdin.flush()

    def wait_for(self, ready: Callable[[str], bool], timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not ready(self.text):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.proc.kill()
                raise AssertionError(f"never got there; output ends:\n{self.text[-1500:]}")
            time.sleep(0.01)

    def at_prompt(self, after: str = "") -> None:
        """Wait until the session sits at `> ` (after `after` was shown)."""
        self.wait_for(lambda text: after in text and text.rstrip(" ").endswith(">")
                      and (not after or text.rfind(after) < text.rfind(">")))  # fmt: skip

    def finish(self, timeout: float = 30) -> tuple[int, str, str]:
        code = self.proc.wait(timeout=timeout)
        self.pump.join(timeout=5)
        assert self.proc.stderr is not None
        errors = self.proc.stderr.read().decode("utf-8", "replace")
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()
        return code, self.text, errors


# ---------------------------------------------------------------- Ctrl-C and end of input


def first_step(kind: str) -> tuple[Any, int]:
    """The first lesson (in teaching order) with a step of this kind, and the step's index."""
    for lesson in CURRICULUM.ordered_lessons():
        for index, step in enumerate(lesson.steps):
            if step.kind == "estimate" and kind == "estimate":
                return lesson, index
            if step.kind == "question" and step.type == kind:
                return lesson, index
    raise AssertionError(kind)


# question type -> the asker method that asks it
ASKED_WITH = {"choice": "select", "multi": "checkbox", "order": "order", "number": "text",
              "text": "text", "estimate": "text"}  # fmt: skip
FAULTS = [pytest.param(KeyboardInterrupt, 130, "Stopped.", id="ctrl-c"),
          pytest.param(EndOfInput, 0, "End of input.", id="end-of-input")]  # fmt: skip


def use_asker(monkeypatch: pytest.MonkeyPatch, module: str, asker: AnyAsker) -> None:
    monkeypatch.setattr(f"sysdesign_cli.cli.{module}.make_asker", lambda console, plain: asker)


@pytest.mark.parametrize(("fault", "code", "said"), FAULTS)
@pytest.mark.parametrize("kind", list(ASKED_WITH))
def test_learn_stops_cleanly_at_every_question_kind(
    monkeypatch: pytest.MonkeyPatch, kind: str, fault: type[BaseException], code: int, said: str
) -> None:
    lesson, index = first_step(kind)
    step = lesson.steps[index]
    prompt = "Your figure for" if kind == "estimate" else step.prompt.strip()
    asker = AnyAsker(ASKED_WITH[kind], fault, when=lambda shown: shown.startswith(prompt))
    use_asker(monkeypatch, "lessons", asker)
    result = runner.invoke(app, ["learn", lesson.id])
    assert asker.fired
    assert result.exit_code == code, result.output
    assert_clean_stop(result.output, f"sysdesign learn {lesson.id}")
    assert said in resume_lines(result.output)[0]
    # Every step before the one asked is kept; the one asked comes back on resume.
    assert steps_done(lesson.id) == index
    assert progress()["answers"] == questions_before(lesson, index)


@pytest.mark.parametrize(("fault", "code", "said"), FAULTS)
def test_learn_stops_cleanly_at_a_pause(
    monkeypatch: pytest.MonkeyPatch, fault: type[BaseException], code: int, said: str
) -> None:
    asker = AnyAsker("pause", fault)
    use_asker(monkeypatch, "lessons", asker)
    result = runner.invoke(app, ["learn", LIFECYCLE.id])
    assert asker.fired
    assert result.exit_code == code
    assert_clean_stop(result.output, f"sysdesign learn {LIFECYCLE.id}")
    assert steps_done(LIFECYCLE.id) == 1  # the text step read before the pause is kept


def counting_answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every answer the store accepted, in order."""
    kept: list[str] = []
    record = Store.record_answer

    def counted(self: Store, question_id: str, *args: Any, **kwargs: Any) -> None:
        record(self, question_id, *args, **kwargs)
        kept.append(question_id)

    monkeypatch.setattr(Store, "record_answer", counted)
    return kept


@pytest.mark.parametrize(("fault", "code", "said"), FAULTS)
@pytest.mark.parametrize("kind", ["select", "checkbox", "order", "text"])
def test_quiz_stops_cleanly_at_every_prompt_kind(
    monkeypatch: pytest.MonkeyPatch, kind: str, fault: type[BaseException], code: int, said: str
) -> None:
    asker = AnyAsker(kind, fault)
    use_asker(monkeypatch, "quiz", asker)
    kept = counting_answers(monkeypatch)
    result = runner.invoke(app, ["quiz", "--all", "--count", "500"])
    assert asker.fired
    assert result.exit_code == code, result.output
    assert_clean_stop(result.output, "sysdesign quiz")
    assert progress()["answers"] == len(kept)


@pytest.mark.parametrize(("fault", "code", "said"), FAULTS)
@pytest.mark.parametrize("kind", ["select", "checkbox", "checklist", "text"])
def test_exercise_stops_cleanly_at_every_prompt_kind(
    monkeypatch: pytest.MonkeyPatch, kind: str, fault: type[BaseException], code: int, said: str
) -> None:
    seed_progress()
    asker = AnyAsker(kind, fault)
    use_asker(monkeypatch, "exercise", asker)
    result = runner.invoke(app, ["exercise", "pastebin"])
    assert asker.fired
    assert result.exit_code == code, result.output
    assert_clean_stop(result.output, "sysdesign exercise pastebin")
    after = progress()
    assert after["exercises"] == {}  # an exercise is saved when finished: not half of one
    assert after["answers"] == 2  # what was there before is untouched


@pytest.mark.parametrize(("fault", "code", "said"), FAULTS)
def test_estimate_check_stops_cleanly(
    monkeypatch: pytest.MonkeyPatch, fault: type[BaseException], code: int, said: str
) -> None:
    asker = AnyAsker("text", fault)
    monkeypatch.setattr("sysdesign_cli.cli.console.make_asker", lambda console, plain: asker)
    result = runner.invoke(app, ["estimate", "--dau", "1M", "--check"])
    assert asker.fired
    assert result.exit_code == code
    assert_clean_stop(result.output, "run the same command again")


@pytest.mark.parametrize(("fault", "code", "said"), FAULTS)
def test_progress_reset_stops_cleanly_and_erases_nothing(
    monkeypatch: pytest.MonkeyPatch, fault: type[BaseException], code: int, said: str
) -> None:
    seed_progress()
    asker = AnyAsker("confirm", fault)
    use_asker(monkeypatch, "progress", asker)
    result = runner.invoke(app, ["progress", "--reset"])
    assert asker.fired
    assert result.exit_code == code
    assert_clean_stop(result.output, "nothing was erased")
    assert progress()["answers"] == 2
    assert steps_done("what-is-a-system") == 3


def test_the_resume_line_is_one_line_even_when_long(monkeypatch: pytest.MonkeyPatch) -> None:
    """Found by this battery: at 80 columns the resume hint wrapped onto a second line,
    splitting the command to type."""
    monkeypatch.setenv("COLUMNS", "40")
    result = runner.invoke(app, ["learn", LIFECYCLE.id, "--plain"], input="")
    assert_clean_stop(result.output, f"run `sysdesign learn {LIFECYCLE.id}` to continue")


# The same in the installed command: SIGINT while it waits at a plain prompt.
SIGINT_CASES = [
    pytest.param(["learn", LIFECYCLE.id], f"sysdesign learn {LIFECYCLE.id}", id="learn"),
    pytest.param(["quiz", "--count", "3"], "sysdesign quiz", id="quiz"),
    pytest.param(["exercise", "pastebin"], "sysdesign exercise pastebin", id="exercise"),
    pytest.param(["estimate", "--dau", "1M", "--check"], "run the same command", id="estimate"),
    pytest.param(["progress", "--reset"], "nothing was erased", id="progress-reset"),
]


@pytest.mark.parametrize(("args", "resume"), SIGINT_CASES)
def test_sigint_at_a_plain_prompt(args: list[str], resume: str) -> None:
    seed_progress()
    session = Live(*args, "--plain")
    if args[0] == "learn":  # answer two questions first: they must be kept
        for index in (2, 4):
            session.at_prompt(f"Step {index + 1}/")
            step = LIFECYCLE.steps[index]
            session.send(plain_line(step, right_answer(step)) + "\n")
    session.at_prompt("Step 6/" if args[0] == "learn" else "")
    session.proc.send_signal(signal.SIGINT)
    code, out, errors = session.finish()
    assert code == 130
    assert_clean_stop(out, resume)
    assert "Traceback" not in errors and "KeyboardInterrupt" not in errors
    after = progress()
    if args[0] == "learn":
        assert (steps_done(LIFECYCLE.id), after["answers"]) == (5, 4)
    else:
        assert after["answers"] == 2 and steps_done("what-is-a-system") == 3


# ---------------------------------------------------------------- killed mid-lesson


@pytest.mark.parametrize("wait", [True, False], ids=["at-a-prompt", "just-after-an-answer"])
def test_sigkill_mid_lesson_loses_at_most_the_current_step(wait: bool) -> None:
    lesson = LIFECYCLE
    session = Live("learn", lesson.id, "--plain")
    for index in (2, 4):
        session.at_prompt(f"Step {index + 1}/")
        session.send(plain_line(lesson.steps[index], right_answer(lesson.steps[index])) + "\n")
    session.at_prompt("Step 6/")
    if not wait:  # killed while it grades and saves step 6
        session.send(plain_line(lesson.steps[5], right_answer(lesson.steps[5])) + "\n")
    session.proc.kill()
    code, _, _ = session.finish()
    assert code == -signal.SIGKILL

    done, answers = steps_done(lesson.id), progress()["answers"]
    if wait:
        assert (done, answers) == (5, 2)
    else:
        # The step in flight is either kept (and the teaching steps after it, up to the next
        # question at index 9, may follow) or asked again; nothing before it is lost.
        assert (answers, done) == (2, 5) or (answers == 3 and 5 <= done <= 9), (answers, done)

    resumed = sysdesign("learn", lesson.id, "--plain", input=plain_script(lesson, start=done))
    assert resumed.returncode == 0, resumed.stderr
    assert f"(resuming at step {done + 1})" in resumed.stdout
    assert "Lesson complete" in resumed.stdout
    assert resumed.stderr == ""  # the store came back without a notice: nothing was corrupted
    assert steps_done(lesson.id) == len(lesson.steps)


# ---------------------------------------------------------------- broken progress files


def _garbage(home: Path) -> None:
    (home / "progress.db").write_bytes(bytes(range(256)) * 16)


def _truncated(home: Path) -> None:
    runner.invoke(app, ["learn", LIFECYCLE.id, "--plain"], input="1\n" * 3)
    db = home / "progress.db"
    data = db.read_bytes()
    assert len(data) > 8192
    db.write_bytes(data[: len(data) // 2])


def _truncated_header(home: Path) -> None:
    runner.invoke(app, ["learn", LIFECYCLE.id, "--plain"], input="1\n" * 3)
    db = home / "progress.db"
    db.write_bytes(db.read_bytes()[:60])


def _newer(home: Path) -> None:
    runner.invoke(app, ["learn", LIFECYCLE.id, "--plain"], input="1\n" * 3)
    conn = sqlite3.connect(home / "progress.db")
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("make", "kind", "says"),
    [
        pytest.param(_garbage, "corrupt", "unreadable", id="garbage"),
        pytest.param(_truncated, "corrupt", "unreadable", id="truncated"),
        pytest.param(_truncated_header, "corrupt", "unreadable", id="truncated-header"),
        pytest.param(_newer, "newer", "newer sysdesign", id="newer-schema"),
    ],
)
def test_a_bad_progress_file_is_kept_aside_and_the_tutor_starts(
    isolated_env: Path, make: Callable[[Path], None], kind: str, says: str
) -> None:
    isolated_env.mkdir(exist_ok=True)
    make(isolated_env)
    original = (isolated_env / "progress.db").read_bytes()

    first = sysdesign("progress")
    assert first.returncode == 0
    notes = [line for line in first.stderr.splitlines() if line.strip()]
    assert len(notes) == 1, first.stderr  # one clear message, on one line
    assert says in notes[0] and "Traceback" not in first.stderr
    kept = [p for p in isolated_env.glob(f"progress.db.{kind}-*") if p.name.count("-") == 2]
    assert len(kept) == 1
    assert str(kept[0]) in notes[0]
    assert kept[0].read_bytes() == original  # kept byte for byte, for the learner to rescue
    assert "Lessons" in first.stdout

    again = sysdesign("progress")
    assert (again.returncode, again.stderr) == (0, "")  # the fresh file is fine
    assert progress()["answers"] == 0


def test_an_empty_progress_file_is_simply_a_new_one(isolated_env: Path) -> None:
    isolated_env.mkdir()
    (isolated_env / "progress.db").write_bytes(b"")
    result = sysdesign("progress")
    assert (result.returncode, result.stderr) == (0, "")
    assert not list(isolated_env.glob("progress.db.*-*"))


# ---------------------------------------------------------------- an unusable home

NEEDS_THE_STORE = [["progress"], ["learn", "--list"], ["quiz", "--plain"], ["exercise"], []]
NEEDS_NO_STORE = [["estimate", "--dau", "1M"], ["nines", "99.9"], ["numbers"], ["validate"]]


@pytest.mark.parametrize("args", NEEDS_THE_STORE, ids=lambda a: " ".join(a) or "home")
def test_a_home_that_is_a_file_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("mine", encoding="utf-8")
    monkeypatch.setenv("SYSDESIGN_HOME", str(blocker))
    result = runner.invoke(app, args, input="")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error:") and str(blocker) in result.stderr
    assert "SYSDESIGN_HOME" in result.stderr
    assert isinstance(result.exception, SystemExit)
    assert blocker.read_text(encoding="utf-8") == "mine"


def test_a_home_below_a_file_is_one_clear_error_in_the_installed_command(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    env = dict(os.environ, SYSDESIGN_HOME=str(blocker / "home"))
    result = sysdesign("learn", "--list", env=env)
    assert result.returncode == 1
    assert result.stderr.startswith("Error: Cannot create") and "Traceback" not in result.stderr


@pytest.mark.parametrize("args", NEEDS_NO_STORE, ids=lambda a: a[0])
def test_commands_that_need_no_progress_work_without_a_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("mine", encoding="utf-8")
    monkeypatch.setenv("SYSDESIGN_HOME", str(blocker))
    assert runner.invoke(app, args).exit_code == 0


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through chmod")
def test_a_read_only_home_is_one_clear_error(isolated_env: Path) -> None:
    isolated_env.mkdir()
    isolated_env.chmod(0o500)
    try:
        result = runner.invoke(app, ["progress"])
    finally:
        isolated_env.chmod(0o700)
    assert result.exit_code == 1
    assert "writable" in result.stderr


# ---------------------------------------------------------------- missing lessons


def test_a_missing_extra_folder_is_named_and_the_built_ins_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "no-such-lessons"
    monkeypatch.setenv("SYSDESIGN_CURRICULUM", str(missing))
    result = runner.invoke(app, ["learn", "--list"])
    assert result.exit_code == 0
    assert f"{missing}: no such curriculum folder" in result.stderr
    assert "request-lifecycle" in result.stdout


@pytest.mark.parametrize("before", [True, False], ids=["global-option", "command-option"])
def test_a_missing_curriculum_option_is_named_wherever_it_is_given(
    tmp_path: Path, before: bool
) -> None:
    """Found by this battery: `sysdesign --curriculum DIR learn` ignored DIR without a word.

    A folder named on the command line that is not there is a usage error (exit 2), named.
    """
    missing = str(tmp_path / "nope")
    args = ["--curriculum", missing, "learn", "--list"] if before else [
        "learn", "--list", "--curriculum", missing]  # fmt: skip
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert f"--curriculum {missing}: no such folder" in result.stderr
    assert "Traceback" not in result.output


def test_the_global_curriculum_option_adds_lessons_to_a_command(tmp_path: Path) -> None:
    source = CURRICULUM.sources["lesson:request-lifecycle"].read_text(encoding="utf-8")
    extra = tmp_path / "extra" / "lessons"
    extra.mkdir(parents=True)
    (extra / "x.yaml").write_text(source.replace("id: request-lifecycle", "id: my-copy", 1)
                                  .replace("id: rl-", "id: my-rl-"), encoding="utf-8")  # fmt: skip
    result = runner.invoke(app, ["--curriculum", str(tmp_path / "extra"), "learn", "--list"])
    assert result.exit_code == 0 and "my-copy" in result.stdout, result.output


@pytest.mark.parametrize("args", [["learn"], ["quiz"], ["progress"], ["numbers"], []],
                         ids=lambda a: a[0] if a else "home")  # fmt: skip
def test_missing_built_in_lessons_are_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """Found by this battery: a broken install said to run `validate` on a folder, in two
    messages; now one line says the lessons are missing and to reinstall."""
    gone = tmp_path / "site-packages" / "curricula"
    monkeypatch.setattr("sysdesign_cli.core.loader.builtin_dir", lambda: gone)
    result = runner.invoke(app, args, input="")
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert str(gone) in lines[0] and "reinstall" in lines[0]
    assert isinstance(result.exception, SystemExit)


def test_missing_built_ins_still_teach_an_extra_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sysdesign_cli.core.loader.builtin_dir", lambda: tmp_path / "gone")
    extra = tmp_path / "extra" / "lessons"
    extra.mkdir(parents=True)
    (extra / "x.yaml").write_text(
        CURRICULUM.sources["lesson:what-is-a-system"].read_text(encoding="utf-8"), "utf-8"
    )
    result = runner.invoke(app, ["learn", "--list", "--curriculum", str(tmp_path / "extra")])
    assert result.exit_code == 0
    assert "what-is-a-system" in result.stdout
    assert "no such curriculum folder" in result.stderr


# ---------------------------------------------------------------- a full disk


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every store opened can grow no further: SQLite says SQLITE_FULL, as on a full disk."""
    opened = Store.open.__func__  # type: ignore[attr-defined]

    def capped(cls: type[Store], home: Path | None = None) -> Store:
        store = opened(cls, home)
        pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
        store._conn.execute(f"PRAGMA max_page_count = {pages}")
        return store

    monkeypatch.setattr(Store, "open", classmethod(capped))


@pytest.mark.parametrize(
    ("args", "module"),
    [(["quiz", "--count", "500"], "quiz"), (["learn", "glossary"], "lessons")],
    ids=["quiz", "learn"],
)
def test_a_full_disk_mid_session_is_one_clear_error(
    monkeypatch: pytest.MonkeyPatch, full_disk: None, args: list[str], module: str
) -> None:
    """Found by this battery: the store's "disk is full" error escaped the session as a
    traceback; now it is one line and a non-zero exit, and what was saved stays saved."""
    kept = counting_answers(monkeypatch)
    # Long typed answers (kept up to 2,000 characters) fill the pages fast.
    use_asker(monkeypatch, module, AnyAsker(free_text="z" * 3000))
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert "is full; free some space" in result.stderr
    assert len([line for line in result.stderr.splitlines() if line.strip()]) == 1
    assert kept  # it got some way before the disk filled
    assert progress()["answers"] == len(kept)


# ---------------------------------------------------------------- four at once


def test_four_sessions_at_once_on_one_home() -> None:
    chosen = [LESSONS[name] for name in
              ("what-is-a-system", "three-altitudes", "design-loop", "interviews")]  # fmt: skip
    sessions = [
        subprocess.Popen(
            [str(SYSDESIGN), "learn", lesson.id, "--plain"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for lesson in chosen
    ]
    results = [s.communicate(plain_script(lesson), timeout=60)
               for s, lesson in zip(sessions, chosen)]  # fmt: skip
    for session, (out, errors) in zip(sessions, results):
        assert session.returncode == 0, errors
        assert errors == "" and "Lesson complete" in out
    asked = sum(questions_before(lesson, len(lesson.steps)) for lesson in chosen)
    after = progress()
    assert after["answers"] == asked
    assert sum(topic["correct"] for topic in after["answers_by_topic"].values()) == asked
    assert all(steps_done(lesson.id) == len(lesson.steps) for lesson in chosen)


# ---------------------------------------------------------------- hostile answers

PAYLOADS = [
    pytest.param(b"x" * 100_000, id="huge"),
    pytest.param(b"", id="empty"),
    pytest.param(b"a\x00b\x00\x00", id="nul"),
    pytest.param(b"\xff\xfe\xc3(\x80", id="not-utf8"),
    pytest.param(bytes(range(1, 256)).replace(b"\n", b"").replace(b"\r", b""), id="binary"),
    pytest.param(b"[bold]x[/] [/] [link=file:///etc/passwd]y[/link] [red", id="markup"),
]
TEXT_AT = 5  # request-lifecycle's first text question, after two choice questions


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_answers_in_a_lesson_are_graded_wrong(payload: bytes) -> None:
    step = LIFECYCLE.steps[TEXT_AT]
    assert step.type == "text"
    before = "".join(plain_line(s, right_answer(s)) + "\n" for s in LIFECYCLE.steps[:TEXT_AT]
                     if s.kind == "question")  # fmt: skip
    typed = before.encode() + (payload + b"\n") * (len(step.hints) + 1)
    result = sysdesign("learn", LIFECYCLE.id, "--plain", input=typed)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    if not payload.strip():
        # An empty line is asked again and costs no try: input ends at the question.
        assert result.stdout.count("✗") == 0 and "Type an answer first" in result.stdout
        assert progress()["answers"] == 2
        return
    if len(payload) > MAX_TYPED_ANSWER:
        # Refused for its length (it could not be saved) and asked again, at no cost.
        assert result.stdout.count("✗") == 0 and "characters long" in result.stdout
        assert progress()["answers"] == 2
        return
    assert result.stdout.count("✗") == 1  # the hostile answer, graded wrong
    if payload.startswith(b"["):
        assert payload.decode() in result.stdout  # markup printed as typed
    after = progress()
    assert after["answers"] == 3
    assert sum(topic["correct"] for topic in after["answers_by_topic"].values()) == 2
    # Saved through the teaching steps after it, up to the next question, where input ended.
    following = next(index for index, s in enumerate(LIFECYCLE.steps)
                     if index > TEXT_AT and s.kind == "question")  # fmt: skip
    assert steps_done(LIFECYCLE.id) == following
    assert sysdesign("progress").stderr == ""  # the store still opens, without a notice


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("args", [["quiz", "--count", "10"], ["exercise", "pastebin"]],
                         ids=["quiz", "exercise"])  # fmt: skip
def test_hostile_answers_are_never_right_and_never_crash(args: list[str], payload: bytes) -> None:
    # Fewer lines than the session asks for (ten wrong answers and their retries take at
    # least twenty), so input ends mid-session and the stop is checked too.
    result = sysdesign(*args, "--plain", input=(payload + b"\n") * 15)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "✓" not in result.stdout
    assert_clean_stop(result.stdout, "sysdesign")
    if payload.startswith(b"["):
        assert payload.decode() in result.stdout
    after = progress()
    assert sum(topic["correct"] for topic in after["answers_by_topic"].values()) == 0
    assert runner.invoke(app, ["progress"]).stderr == ""


# ---------------------------------------------------------------- 20 columns

NARROW = [
    pytest.param(["learn", LIFECYCLE.id, "--plain"], "1\n" * 30, True, id="learn"),
    pytest.param(["quiz", "--plain", "--count", "3"], "1\n" * 30, False, id="quiz"),
    pytest.param(["exercise", "pastebin", "--plain"], "1\n" * 30, True, id="exercise"),
    pytest.param(
        ["estimate", "--dau", "1M", "--check", "--plain"], "1\n" * 10, True, id="estimate-check"
    ),  # fmt: skip
    pytest.param(["estimate", "--dau", "1M"], "", True, id="estimate"),
    pytest.param(["nines"], "", True, id="nines"),
    pytest.param(["nines", "--series", "99.9", "99.95"], "", True, id="nines-series"),
    pytest.param(["progress"], "", True, id="progress"),
    pytest.param(["numbers"], "", True, id="numbers"),
    pytest.param(["learn", "--list"], "", True, id="learn-list"),
    pytest.param([], "", True, id="home"),
]
# The corners and joints of rich's table and panel boxes (a tree's ├── └── is no box).
BOX = set("┏┓┗┛┡┩┃━╇┳┻╋┌┐┘┬┴┼╭╮╰╯═║")


@pytest.mark.parametrize(("args", "typed", "same"), NARROW)
def test_piped_output_is_plain_whatever_the_width(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], typed: str, same: bool
) -> None:
    """Piped output is read by grep, less and scripts: plain text, no boxes, no trailing
    spaces, and not wrapped to COLUMNS (a 20-column setting changes nothing)."""
    runs = []
    for columns in ("20", "300"):  # each from the same progress, in a home of its own
        monkeypatch.setenv("SYSDESIGN_HOME", str(tmp_path / columns))
        seed_progress()
        runs.append(sysdesign(*args, input=typed, env=dict(os.environ, COLUMNS=columns)))
    narrow, wide = runs
    assert narrow.returncode == 0, narrow.stderr
    assert "Traceback" not in narrow.stderr
    assert narrow.stdout.strip()
    assert not BOX & set(narrow.stdout)
    assert [line for line in narrow.stdout.splitlines() if line != line.rstrip()] == []
    if same:  # (a quiz draws new questions each time)
        assert narrow.stdout == wide.stdout
