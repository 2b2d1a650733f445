"""`sysdesign learn`, `progress`, the home screen, `validate` and `numbers`: scripted learners,
CliRunner in plain mode, and the installed command with piped answers."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from curriculum_answers import plain_script, right_answer, wrong_answer
from rich.console import Console
from typer.testing import CliRunner

from sysdesign_cli.cli.app import app
from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.sessions.asker import EndOfInput
from sysdesign_cli.sessions.learn import next_lesson, resume_target, run_lesson, summary_lines
from sysdesign_cli.sessions.scripted_asker import ScriptedAsker
from sysdesign_cli.store import Store

CURRICULUM = load_curriculum()
LIFECYCLE = CURRICULUM.lessons["request-lifecycle"]
ESTIMATION = CURRICULUM.lessons["estimation"]
SYSDESIGN = Path(sys.executable).parent / "sysdesign"
runner = CliRunner()


def console() -> Console:
    return Console(file=io.StringIO(), width=100, color_system=None)


def text_of(out: Console) -> str:
    return out.file.getvalue()  # type: ignore[attr-defined]


def answers(lesson: Any, right: bool = True, start: int = 0) -> list[Any]:
    found: list[Any] = []
    for step in lesson.steps[start:]:
        if step.kind in ("question", "estimate"):
            found += [right_answer(step)] if right else [wrong_answer(step)] * (len(step.hints) + 1)
    return found


def first_question_index(lesson: Any, after: int = 0) -> int:
    return next(i for i, step in enumerate(lesson.steps) if i >= after
                and step.kind in ("question", "estimate"))  # fmt: skip


def run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=input)


# ---------------------------------------------------------------- sessions


def test_all_right_through_a_whole_lesson() -> None:
    out = console()
    asker = ScriptedAsker(answers(LIFECYCLE))
    with Store.open() as store:
        result = run_lesson(LIFECYCLE, store, asker, out)
        progress = store.lesson_progress()["request-lifecycle"]
        assert (progress.next_step, progress.completed) == (len(LIFECYCLE.steps), True)
        stats = store.answers_by_topic()
    assert result.finished and asker.answers == []
    assert len(result.outcomes) == len(LIFECYCLE.questions())
    assert all(outcome.first_try for outcome in result.outcomes)
    assert sum(s.answered for s in stats.values()) == len(LIFECYCLE.questions())
    assert sum(s.correct for s in stats.values()) == len(LIFECYCLE.questions())
    text = text_of(out)
    assert text.count("✓") == len(LIFECYCLE.questions()) and "✗" not in text
    assert f"Step {len(LIFECYCLE.steps)}/{len(LIFECYCLE.steps)}" in text
    # Every teaching step but the last waits for the learner.
    teaching = [i for i, s in enumerate(LIFECYCLE.steps) if s.kind in ("text", "table", "tree")]
    assert len(asker.prompts) == len(LIFECYCLE.questions()) + len(teaching)


def test_all_wrong_shows_every_hint_in_order() -> None:
    out = console()
    with Store.open() as store:
        result = run_lesson(LIFECYCLE, store, ScriptedAsker(answers(LIFECYCLE, right=False)), out)
        stats = store.answers_by_topic()
    assert result.finished
    assert not any(outcome.grade.correct for outcome in result.outcomes)
    assert [o.hints_used for o in result.outcomes] == [len(q.hints) for q in LIFECYCLE.questions()]
    assert sum(s.correct for s in stats.values()) == 0
    text = " ".join(text_of(out).split())
    # A short multi-select gets its hints nearest what it left out first (test_asker):
    # every one of them, in the order that fits the mistake.
    multi = [step for step in LIFECYCLE.questions() if getattr(step, "type", "") == "multi"]
    hints = [" ".join(hint.split()) for step in LIFECYCLE.questions() for hint in step.hints
             if step not in multi]  # fmt: skip
    positions = [text.index(f"Hint: {hint}") for hint in hints]
    assert positions == sorted(positions)
    assert multi and all(f"Hint: {' '.join(hint.split())}" in text
                         for step in multi for hint in step.hints)  # fmt: skip
    assert text.count("The answer:") == len(LIFECYCLE.questions())
    count = len(result.outcomes)
    assert summary_lines(result, None)[1] == f"0 of {count} questions right on the first try."


def test_estimate_step_is_graded_in_bands_with_the_derivation() -> None:
    index = first_question_index(ESTIMATION, after=next(
        i for i, s in enumerate(ESTIMATION.steps) if s.kind == "estimate"))  # fmt: skip
    step = ESTIMATION.steps[index]
    assert (step.id, step.figure) == ("es-feed-avg-qps", "avg_qps")
    lesson = ESTIMATION.model_copy(update={"steps": [step]})
    out = console()
    with Store.open() as store:
        # 300 is within 10x of ~116 but not 2x: wrong, hint; then 100 (the 10^5 shortcut): good.
        asker = ScriptedAsker(["300", "100"])
        result = run_lesson(lesson, store, asker, out)
    outcome = result.outcomes[0]
    assert outcome.grade.correct and outcome.hints_used == 1
    # The format example is never the answer (~116) nor within 10x of it.
    assert asker.prompts == ["Your figure for average QPS? (a rate, e.g. 2,500 QPS)"] * 2
    text = text_of(out)
    assert "Right order of magnitude, but too high: within 10x, not yet within 2x." in text
    assert "2.6x" not in text and "Likely slip" not in text, "300 and 2.6x too high give ~116"
    assert f"Hint: {step.hints[0]}" in text
    assert (
        "Worked out:\n  Requests per day: 1,000,000 users x 10 requests each = 10,000,000"
    ) in text
    assert "Average QPS: 10,000,000 requests / 86,400 s ~= 116 QPS" in text


def test_estimate_off_by_far_names_the_likely_slip() -> None:
    step = next(s for s in ESTIMATION.steps if s.kind == "estimate" and s.figure == "avg_qps")
    lesson = ESTIMATION.model_copy(update={"steps": [step]})
    out = console()
    with Store.open() as store:
        run_lesson(lesson, store, ScriptedAsker(["10M"] * (len(step.hints) + 1)), out)
    text = " ".join(text_of(out).split())
    assert "Off: more than 10x too high, which is a different design." in text
    assert "Likely slip: forgot to divide by 86,400 seconds per day." in text
    assert "The answer: ~116 QPS" in text


class WatchingAsker(ScriptedAsker):
    """Reads the saved position through a second connection each time it is asked."""

    def __init__(self, answers: list[Any], lesson_id: str) -> None:
        super().__init__(answers)
        self.lesson_id = lesson_id
        self.seen: list[int] = []

    def _look(self) -> None:
        with Store.open() as other:
            self.seen.append(other.lesson_position(self.lesson_id))

    def _next(self, prompt: str) -> object:
        self._look()
        return super()._next(prompt)

    def pause(self, prompt: str = "Press Enter to continue") -> None:
        self._look()
        super().pause(prompt)


def test_progress_is_committed_after_every_step() -> None:
    asker = WatchingAsker(answers(LIFECYCLE), LIFECYCLE.id)
    with Store.open() as store:
        run_lesson(LIFECYCLE, store, asker, console())
    expected = []
    for index, step in enumerate(LIFECYCLE.steps):
        if step.kind in ("question", "estimate"):
            expected.append(index)  # asked with every earlier step saved
        elif index + 1 < len(LIFECYCLE.steps):
            expected.append(index + 1)  # paused after this step was saved
    assert asker.seen == expected


def test_end_of_input_mid_lesson_keeps_progress_and_resumes() -> None:
    right = answers(LIFECYCLE)
    with Store.open() as store, pytest.raises(EndOfInput):
        run_lesson(LIFECYCLE, store, ScriptedAsker(right[:3]), console())
    stopped_at = [i for i, s in enumerate(LIFECYCLE.steps) if s.kind == "question"][3]
    with Store.open() as reopened:
        assert reopened.lesson_position(LIFECYCLE.id) == stopped_at
        assert reopened.answer_count() == 3
        assert resume_target(CURRICULUM, reopened).id == LIFECYCLE.id
        out = console()
        result = run_lesson(LIFECYCLE, reopened, ScriptedAsker(right[3:]), out,
                            start=reopened.lesson_position(LIFECYCLE.id))  # fmt: skip
        assert result.finished and len(result.outcomes) == len(right) - 3
        assert reopened.lesson_progress()[LIFECYCLE.id].completed
    first_line = text_of(out).splitlines()[0]
    assert f"The life of a request (resuming at step {stopped_at + 1})" in first_line


def test_keyboard_interrupt_mid_question_keeps_earlier_steps() -> None:
    with Store.open() as store, pytest.raises(KeyboardInterrupt):
        run_lesson(
            LIFECYCLE,
            store,
            ScriptedAsker([right_answer(LIFECYCLE.questions()[0]), KeyboardInterrupt]),
            console(),
        )
    with Store.open() as reopened:
        assert reopened.lesson_position(LIFECYCLE.id) == first_question_index(LIFECYCLE, 3)


def test_summary_suggests_the_next_lesson() -> None:
    with Store.open() as store:
        result = run_lesson(LIFECYCLE, store, ScriptedAsker(answers(LIFECYCLE)), console())
        following = next_lesson(CURRICULUM, store, after=LIFECYCLE.id)
        assert following is not None and following.id == "building-blocks"
        # `sysdesign learn` with no lesson goes on from the finished one, as the summary says.
        assert resume_target(CURRICULUM, store).id == "building-blocks"
    lines = summary_lines(result, following)
    assert lines[0] == "[bold green]Lesson complete:[/bold green] The life of a request"
    count = len(result.outcomes)
    assert lines[1] == f"{count} of {count} questions right on the first try."
    assert lines[-1] == (
        "Next: [bold]The standard building blocks[/bold] - run "
        "[bold]sysdesign learn building-blocks[/bold] (or just sysdesign learn)."
    )


def test_last_lesson_summary_points_at_the_exercise() -> None:
    last = CURRICULUM.ordered_lessons()[-1]
    with Store.open() as store:
        result = run_lesson(last, store, ScriptedAsker(answers(last)), console())
    assert "sysdesign exercise pastebin" in summary_lines(result, None)[-1]


# ---------------------------------------------------------------- learn through the CLI


def test_learn_without_lesson_starts_at_the_first() -> None:
    first = CURRICULUM.ordered_lessons()[0]
    result = run("learn", input=plain_script(first))
    assert result.exit_code == 0, result.output
    assert first.title in result.stdout.splitlines()[0]
    assert f"Lesson complete: {first.title}" in result.stdout


@pytest.mark.parametrize("right", [pytest.param(True, id="right"), pytest.param(False, id="wrong")])
@pytest.mark.parametrize(
    "lesson", [pytest.param(lesson, id=lesson.id) for lesson in CURRICULUM.ordered_lessons()]
)
def test_every_lesson_through_the_plain_asker(lesson: Any, right: bool) -> None:
    """Numbered choices, comma lists and typed figures, as a pipe gives them."""
    result = run("learn", lesson.id, input=plain_script(lesson, right=right))
    assert result.exit_code == 0, result.output
    assert "Answer with a number" not in result.stdout and "Give all" not in result.stdout
    count = len(lesson.questions())
    first_try = count if right else 0
    assert f"{first_try} of {count} questions right on the first try." in result.stdout
    assert result.stdout.count("✗") == (0 if right else count)
    with Store.open() as store:
        assert store.lesson_progress()[lesson.id].completed


def test_plain_multi_prompt_says_select_all_once() -> None:
    step = next(s for s in LIFECYCLE.questions() if s.type == "multi")
    assert "Select all that apply." in step.prompt
    result = run("learn", "request-lifecycle", input=plain_script(LIFECYCLE))
    text = " ".join(result.stdout.split())
    assert f"{step.prompt} (numbers or texts separated by commas, e.g. 1,3)" in text


def test_learn_plain_whole_lesson_then_next() -> None:
    result = run("learn", "request-lifecycle", input=plain_script(LIFECYCLE))
    assert result.exit_code == 0, result.output
    assert "Lesson complete: The life of a request" in result.stdout
    count = len(LIFECYCLE.questions())
    assert f"{count} of {count} questions right" in result.stdout
    assert "Next: The standard building blocks - run sysdesign learn building-blocks" in " ".join(
        result.stdout.split()
    )
    again = run("learn", input="")
    assert "The standard building blocks" in again.stdout.splitlines()[0]


def test_learn_plain_wrong_answers_show_hints() -> None:
    result = run("learn", "request-lifecycle", input=plain_script(LIFECYCLE, right=False))
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    for step in LIFECYCLE.questions():
        for hint in step.hints:
            assert f"Hint: {' '.join(hint.split())}" in text
    assert f"0 of {len(LIFECYCLE.questions())} questions right on the first try." in text
    assert "Missed ones come back in sysdesign quiz." in text


def test_learn_cut_short_then_resumed_and_restarted() -> None:
    script = plain_script(LIFECYCLE).splitlines(keepends=True)
    cut = run("learn", "request-lifecycle", input="".join(script[:2]))
    assert cut.exit_code == 0
    assert (
        "End of input. Your progress is saved; run `sysdesign learn request-lifecycle` to "
        "continue from this step."
    ) in " ".join(cut.stdout.split())
    with Store.open() as store:
        position = store.lesson_position(LIFECYCLE.id)
    assert position == [i for i, s in enumerate(LIFECYCLE.steps) if s.kind == "question"][2]
    resumed = run("learn", "request-lifecycle", input=plain_script(LIFECYCLE, start=position))
    assert resumed.exit_code == 0, resumed.output
    assert f"(resuming at step {position + 1})" in resumed.stdout.splitlines()[0]
    assert "Lesson complete" in resumed.stdout
    # A finished lesson named again starts over; --restart does so mid-lesson too.
    run("learn", "request-lifecycle", input="".join(script[:1]))
    restarted = run("learn", "request-lifecycle", "--restart", input="")
    assert "resuming" not in restarted.stdout
    assert "Step 1/" in restarted.stdout


def test_learn_unknown_lesson_is_a_clean_error() -> None:
    result = run("learn", "request-lifecyle")
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "no lesson 'request-lifecyle'. Did you mean 'request-lifecycle'?" in result.output
    for lesson in CURRICULUM.ordered_lessons():
        assert lesson.id in result.output
    assert "sysdesign learn --list" in result.output


def test_learn_list_shows_lessons_in_order_with_progress() -> None:
    run("learn", "request-lifecycle", input="".join(plain_script(LIFECYCLE).splitlines(True)[:2]))
    run("learn", "what-is-a-system", input=plain_script(CURRICULUM.lessons["what-is-a-system"]))
    result = run("learn", "--list")
    assert result.exit_code == 0
    text = result.stdout
    ids = [lesson.id for lesson in CURRICULUM.ordered_lessons()]
    where = [text.index(f"({lesson_id})") for lesson_id in ids]
    assert where == sorted(where)
    with Store.open() as store:
        position = store.lesson_position(LIFECYCLE.id)
    row = next(line for line in text.splitlines() if "(request-lifecycle)" in line)
    assert f"step {position + 1} of {len(LIFECYCLE.steps)}" in row
    row = next(line for line in text.splitlines() if "(what-is-a-system)" in line)
    assert "done" in row
    assert text.count("not started") == len(ids) - 2


def test_home_screen_names_every_command_a_learner_uses() -> None:
    import typer

    from sysdesign_cli.cli.app import app

    also = next(line for line in run().stdout.splitlines() if "Also:" in line)
    # `validate` is for lesson authors; every other command is offered to the learner.
    for name in sorted(set(typer.main.get_command(app).commands) - {"validate"}):
        assert name in also, name


def test_home_screen_shows_the_next_thing() -> None:
    first = CURRICULUM.ordered_lessons()[0]
    assert f"Next: sysdesign learn   (start: {first.title})" in run().stdout
    run("learn", "request-lifecycle", input="".join(plain_script(LIFECYCLE).splitlines(True)[:1]))
    with Store.open() as store:
        position = store.lesson_position(LIFECYCLE.id)
    home = run()
    assert home.exit_code == 0
    assert (
        f"Next: sysdesign learn   (continue at step {position + 1}: The life of a request)"
    ) in home.stdout
    assert "Questions: 1 answered, 100% right first time" in home.stdout
    run("learn", "request-lifecycle", input=plain_script(LIFECYCLE, start=position))
    home = run().stdout
    assert f"Lessons: 1 of {len(CURRICULUM.lessons)} complete" in home
    assert "Next: sysdesign learn   (start: The standard building blocks)" in home


# ---------------------------------------------------------------- progress


def test_progress_json_shape() -> None:
    run("learn", "request-lifecycle", input=plain_script(LIFECYCLE))
    run(
        "learn",
        "what-is-a-system",
        input="".join(plain_script(CURRICULUM.lessons["what-is-a-system"]).splitlines(True)[:1]),
    )
    result = run("progress", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert {"lessons", "answers_by_topic", "answers", "reviews_due", "exercises"} <= set(data)
    lessons = {item["id"]: item for item in data["lessons"]}
    assert list(lessons) == [lesson.id for lesson in CURRICULUM.ordered_lessons()]
    total = len(LIFECYCLE.steps)
    assert lessons["request-lifecycle"] == {
        "id": "request-lifecycle", "title": "The life of a request",
        "steps_done": total, "steps_total": total, "completed": True,
    }  # fmt: skip
    assert lessons["what-is-a-system"]["completed"] is False
    started = lessons["what-is-a-system"]
    assert 0 < started["steps_done"] < started["steps_total"]
    assert lessons["glossary"]["steps_done"] == 0
    topics = data["answers_by_topic"]
    assert set(topics) == {step.topic for step in LIFECYCLE.questions()} | {
        CURRICULUM.lessons["what-is-a-system"].questions()[0].topic
    }
    assert topics["request-lifecycle"]["answered"] == topics["request-lifecycle"]["correct"] > 0
    assert topics["request-lifecycle"]["accuracy"] == 1.0
    assert data["answers"] == len(LIFECYCLE.questions()) + 1


def test_progress_table_shows_accuracy_by_topic() -> None:
    assert "No questions answered yet." in run("progress").stdout
    run("learn", "request-lifecycle", input=plain_script(LIFECYCLE, right=False))
    text = run("progress").stdout
    assert "Accuracy by topic" in text
    caching = sum(step.topic == "caching" for step in LIFECYCLE.questions())
    # Not a terminal: the table comes as plain aligned columns.
    row = next(line for line in text.splitlines() if line.startswith("caching "))
    assert row.split()[1:4] == [str(caching), "0", "0%"]


def test_progress_reset_asks_first() -> None:
    run("learn", "request-lifecycle", input=plain_script(LIFECYCLE))
    declined = run("progress", "--reset", input="n\n")
    assert declined.exit_code == 0
    assert "Erase all progress" in declined.stdout and "Nothing erased." in declined.stdout
    with Store.open() as store:
        assert store.answer_count() > 0
    ended = run("progress", "--reset", input="")
    assert ended.exit_code == 0 and "nothing was erased" in ended.stdout
    with Store.open() as store:
        assert store.answer_count() > 0
    agreed = run("progress", "--reset", input="y\n")
    assert "All progress erased." in agreed.stdout
    with Store.open() as store:
        assert store.answer_count() == 0 and store.lesson_progress() == {}


def test_progress_reset_yes_does_not_ask() -> None:
    run("learn", "request-lifecycle", input=plain_script(LIFECYCLE))
    result = run("progress", "--reset", "--yes")
    assert result.exit_code == 0
    assert "Erase all progress" not in result.stdout and "All progress erased." in result.stdout
    with Store.open() as store:
        assert store.answer_count() == 0


def test_progress_export_import_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run("learn", "request-lifecycle", input=plain_script(LIFECYCLE))
    before = json.loads(run("progress", "--json").stdout)
    target = tmp_path / "progress.json"
    exported = run("progress", "--export", str(target))
    assert exported.exit_code == 0 and target.exists()
    assert json.loads(target.read_text())["format"] == "sysdesign-progress"
    # Another machine: a fresh home.
    monkeypatch.setenv("SYSDESIGN_HOME", str(tmp_path / "other-home"))
    assert json.loads(run("progress", "--json").stdout)["answers"] == 0
    imported = run("progress", "--import", str(target))
    assert imported.exit_code == 0, imported.output
    after = json.loads(run("progress", "--json").stdout)
    assert after["lessons"] == before["lessons"]
    assert after["answers_by_topic"] == before["answers_by_topic"]


def test_progress_export_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "progress.json"
    target.write_text("keep me")
    refused = run("progress", "--export", str(target))
    assert refused.exit_code == 1
    assert f"Error: {target} already exists; pass --force to overwrite it" in " ".join(
        refused.output.split()
    )
    assert target.read_text() == "keep me"
    forced = run("progress", "--export", str(target), "--force")
    assert forced.exit_code == 0
    assert json.loads(target.read_text())["format"] == "sysdesign-progress"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(None, "cannot read {f}: No such file or directory", id="missing"),
        pytest.param(
            "{not json", "{f} is not a progress export (bad JSON at line 1)", id="bad-json"
        ),
        pytest.param(
            '{"format": "other"}',
            "{f}: Cannot import progress: its format is 'other'",
            id="wrong-format",
        ),
    ],
)
def test_progress_import_bad_file_is_a_clean_error(
    tmp_path: Path, content: str | None, message: str
) -> None:
    source = tmp_path / "in.json"
    if content is not None:
        source.write_text(content)
    run("learn", "request-lifecycle", input=plain_script(LIFECYCLE))
    result = run("progress", "--import", str(source))
    assert result.exit_code == 1
    assert "Error: " + message.format(f=source) in " ".join(result.output.split())
    with Store.open() as store:
        assert store.answer_count() > 0  # nothing replaced


def test_progress_one_action_at_a_time(tmp_path: Path) -> None:
    result = run("progress", "--reset", "--export", str(tmp_path / "x.json"))
    assert result.exit_code != 0
    assert "use one of --reset, --export and --import at a time" in result.output


# ---------------------------------------------------------------- validate and numbers


def test_validate_builtin_is_clean() -> None:
    result = run("validate")
    assert result.exit_code == 0 and result.stdout.startswith("OK: no problems")


def test_validate_broken_folder_exits_1_with_file_line_field(tmp_path: Path) -> None:
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    source = (Path(CURRICULUM.sources["lesson:request-lifecycle"])).read_text()
    (lessons / "01-broken.yaml").write_text(
        source.replace("id: request-lifecycle", "id: my-lifecycle", 1)
        .replace("id: rl-", "id: my-")
        .replace("answer: Yes; DNS only answered", "answer: Yes; DNS only answerd")
        .replace("    tolerance: 0.01", "    tolerence: 0.01")
    )
    result = run("validate", str(tmp_path))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[-1] == "2 problem(s) in 1 file(s)."
    assert lines[0].startswith(f"{lessons / '01-broken.yaml'}:")
    assert lines[0].endswith(
        ": steps[6].answer: answer 'Yes; DNS only answerd the lookup, and the request goes to "
        "the IP it gave' is not one of the choices"
    )
    assert lines[1].endswith(
        ": steps[13].tolerence: unknown key 'tolerence' (did you mean 'tolerance'?)"
    )
    for line in lines[:2]:
        path, line_number, _field, _message = line.split(":", 3)
        assert path.endswith("01-broken.yaml") and line_number.isdigit()


def test_numbers_shows_the_latency_ladder_with_source_and_year() -> None:
    result = run("numbers")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    for heading in ("Time", "Powers of two", "Latency ladder", "Availability in nines"):
        assert f" {heading} " in text
    assert "L1 cache reference" in text and "~0.5 ns" in text and "~150 ms" in text
    assert 'Source: Jeff Dean, "Numbers Everyone Should Know" (2009)' in text
    ladder = next(step for step in CURRICULUM.lessons["numbers"].steps
                  if getattr(step, "reference", None) == "Latency ladder")  # fmt: skip
    assert str(ladder.year) in text.split("L1 cache reference", 1)[1]


# ---------------------------------------------------------------- the installed command


def installed(*args: str, input: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, COLUMNS="100")
    return subprocess.run(
        [str(SYSDESIGN), *args], input=input, capture_output=True, text=True, env=env,
        timeout=60,
    )  # fmt: skip


def test_installed_command_whole_lesson_from_a_pipe() -> None:
    assert SYSDESIGN.exists()
    result = installed("learn", "request-lifecycle", input=plain_script(LIFECYCLE))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "Lesson complete: The life of a request" in result.stdout
    assert "\x1b[" not in result.stdout  # a pipe gets no colour codes
    assert result.stdout.count("✓") == len(LIFECYCLE.questions())


def test_installed_command_cut_short_then_resumed() -> None:
    script = plain_script(LIFECYCLE).splitlines(keepends=True)
    cut = installed("learn", "request-lifecycle", "--plain", input="".join(script[:4]))
    assert cut.returncode == 0, cut.stderr
    assert "Traceback" not in cut.stderr
    assert "End of input. Your progress is saved" in cut.stdout
    with Store.open() as store:
        position = store.lesson_position(LIFECYCLE.id)
    assert position == [i for i, s in enumerate(LIFECYCLE.steps) if s.kind == "question"][4]
    resumed = installed("learn", input=plain_script(LIFECYCLE, start=position))
    assert resumed.returncode == 0, resumed.stderr
    assert f"The life of a request (resuming at step {position + 1})" in resumed.stdout
    assert "Lesson complete: The life of a request" in resumed.stdout


def test_progress_import_asks_before_replacing_progress(tmp_path: Path) -> None:
    with Store.open() as store:
        store.save_lesson_step("request-lifecycle", 3, 14)
        exported = store.export_data()
    exported["lessons"] = []
    source = tmp_path / "empty.json"
    source.write_text(json.dumps(exported), encoding="utf-8")

    refused = runner.invoke(app, ["progress", "--import", str(source)], input="n\n")
    assert refused.exit_code == 0 and "Nothing replaced." in refused.output
    with Store.open() as store:
        assert store.lesson_position("request-lifecycle") == 3

    agreed = runner.invoke(app, ["progress", "--import", str(source), "--yes"])
    assert agreed.exit_code == 0 and "Progress replaced" in agreed.output
    with Store.open() as store:
        assert store.lesson_position("request-lifecycle") == 0
