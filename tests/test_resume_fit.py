"""A saved exercise resumed after its YAML changed keeps exactly the stages that still fit
(the rule of `core.resume_fit`, the same one an interview round is held to): a stage whose
options, figures, rubric, kind or loop target changed is asked again with every stage
after it, in one line; what was under way (design lines, loop rounds) is dropped when its
stage changed; and the lists that name an attempt under way agree with the resume.
Three ways: scripted (here, top), the installed command in plain mode, and a terminal."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from exercise_answers import max_points, plain_lines, script
from interview_answers import INTERVIEWS, round_script
from test_exercise import play
from test_interview import play as play_round
from typer.testing import CliRunner

from sysdesign_cli.cli.app import app
from sysdesign_cli.core.exercise_run import ExerciseRun, stage_title
from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.core.records import Record
from sysdesign_cli.core.resume_fit import fit_exercise, fit_round, stage_shape
from sysdesign_cli.sessions.interview import InterviewRound
from sysdesign_cli.store import Store

ROOT = Path(__file__).resolve().parent.parent / "curricula"
SOURCE = ROOT / "exercises" / "pastebin.yaml"
PASTEBIN = load_curriculum().exercises["pastebin"]
IDS = [stage.id for stage in PASTEBIN.stages]
ANSWERS = script(PASTEBIN)

NEW_POINT = """        - id: cost
          point: A database row costs less to run than a second store
          shows: [cheaper, cost, costs less]
"""
CHANGES = {
    # what changed: (old text, new text), and the stage asked again first
    "an option replaced": (("      - In the cache only, keyed by the paste's short ID\n",
                            "      - In a file on the app server's own disk\n"), "pb-where-text"),
    "a figure dropped": (("  figures: [writes_per_second, reads_per_second, peak_reads_per_second]",
                          "  figures: [writes_per_second, peak_reads_per_second]"), "pb-scale"),
    "a rubric point added": (("          contradicts: [cache is durable, cache never loses, "
                              "cache is the source of truth, cache is enough]\n",
                              "          contradicts: [cache is durable, cache never loses, "
                              "cache is the source of truth, cache is enough]\n" + NEW_POINT),
                             "pb-where-text"),
    "a question's kind changed": (("    type: choice\n    topic: estimation\n    prompt: With 10",
                                   "    type: multi\n    topic: estimation\n    prompt: With 10"
                                   ), "pb-read-heavy"),
    "the loop's target raised": (("    target: 10\n", "    target: 20\n"), "pb-loop"),
    "a rule changed": (("{rule: through, to: db, via: app,", "{rule: through, to: db, via: lb,"),
                       "pb-design"),
    "only a rule's why reworded": (("only the app server talks to the database",
                                    "the app server alone talks to the database"), None),
    "only a point's text reworded": (("point: The text needs a durable home;",
                                      "point: The paste needs a durable home;"), None),
    "only a hint reworded": (("- Divide a day's count by the seconds in a day.",
                              "- Divide a day's count by the 86,400 seconds in a day."), None),
}


def changed(folder: Path, what: str) -> Any:
    """Pastebin with one change, loaded from a folder of its own."""
    (old, new), _ = CHANGES[what]
    text = SOURCE.read_text(encoding="utf-8")
    assert text.count(old) == 1, what
    text = text.replace(old, new)
    if what == "a question's kind changed":  # a multi question lists its answers
        text = text.replace("    answer: Read-heavy\n", "    answers: [Read-heavy]\n", 1)
    (folder / "exercises").mkdir(parents=True, exist_ok=True)
    (folder / "exercises" / "pastebin.yaml").write_text(text, encoding="utf-8")
    return load_curriculum([folder], grade_with=False).exercises["pastebin"]


def saves() -> list[dict[str, Any]]:
    """Every state saved through a whole Pastebin, as the store keeps them."""
    saved: list[dict[str, Any]] = []
    play(PASTEBIN, ANSWERS, saved=saved)
    return [json.loads(json.dumps(item)) for item in saved]


SAVES = saves()


def stopped_before(stage_id: str) -> dict[str, Any]:
    """The attempt as saved when `stage_id` was reached, nothing of it typed yet."""
    at = IDS.index(stage_id)
    return copy.deepcopy(next(item for item in SAVES if item["next_stage"] == at))


# ---------------------------------------------------------------- scripted


def test_an_unchanged_exercise_is_resumed_whole() -> None:
    state = stopped_before("pb-self-check")
    assert fit_exercise(PASTEBIN, state) == (state, None)


@pytest.mark.parametrize("what", sorted(CHANGES))
def test_the_stages_that_still_fit_are_kept_and_the_rest_asked_again(
    tmp_path: Path, what: str
) -> None:
    state = stopped_before("pb-self-check")  # everything up to the loop answered
    exercise = changed(tmp_path, what)
    data, note = fit_exercise(exercise, state)
    again = CHANGES[what][1]
    if again is None:
        assert (data, note) == (state, None)
        return
    at = IDS.index(again)
    title = stage_title(exercise.stages[at])
    assert note == ("The exercise changed since you stopped: it starts over." if at == 0 else
                    f"The exercise changed since you stopped: {title} and what follows "
                    "are asked again; the parts before it are kept.")  # fmt: skip
    assert [item["stage_id"] for item in data["stages"]] == IDS[:at]
    assert data["stages"] == state["stages"][:at]
    run = ExerciseRun.from_json(exercise, data)
    assert run.next_stage == at
    # The design typed stays while its stage is kept; it is asked again with the rest.
    assert run.lines == (state["design"] if at > IDS.index("pb-design") else [])


def test_a_grown_rubric_asks_the_stage_again_and_scores_it_out_of_the_new_total(
    tmp_path: Path,
) -> None:
    exercise = changed(tmp_path, "a rubric point added")
    data, _ = fit_exercise(exercise, stopped_before("pb-design"))
    run = ExerciseRun.from_json(exercise, data)
    at = IDS.index("pb-where-text")
    finished, output = play(exercise, _from(exercise, at), run=run)
    choose = finished.results[at]
    saved = stopped_before("pb-design")["stages"][at]
    assert "Your pick:" in output, "the choose stage is asked again"
    assert choose.shape == stage_shape(exercise, exercise.stages[at]) != saved["shape"]
    assert (choose.score, choose.points) == (exercise.stages[at].points,) * 2
    assert finished.score == max_points(exercise)


def _from(exercise: Any, at: int) -> list[Any]:
    """The right answers from stage `at` on."""
    before = script(exercise, **{s.id.replace("-", "_"): [] for s in exercise.stages[at:]})
    return script(exercise)[len(before):]


def test_a_stage_saved_before_shapes_is_held_to_its_points_figures_and_rubric(
    tmp_path: Path,
) -> None:
    state = stopped_before("pb-self-check")
    for item in state["stages"]:
        item.pop("shape")
    state.pop("next_shape")
    assert fit_exercise(PASTEBIN, state) == (state, None)
    data, note = fit_exercise(changed(tmp_path, "a figure dropped"), state)
    assert data["stages"] == [] and note is not None and "it starts over" in note


def test_a_loop_under_way_is_dropped_when_its_stage_changed(tmp_path: Path) -> None:
    # A round into the loop.
    state = copy.deepcopy(next(item for item in SAVES if item["loop_rounds"]))
    assert fit_exercise(PASTEBIN, state) == (state, None)
    exercise = changed(tmp_path, "the loop's target raised")
    data, note = fit_exercise(exercise, state)
    assert data["loop_rounds"] == [] and data["design"] == state["design"]
    assert data["stages"] == state["stages"]
    assert note is not None and "6. Ten times the traffic and what follows" in note


def test_design_lines_under_way_are_dropped_when_the_rules_changed(tmp_path: Path) -> None:
    state = next(item for item in SAVES if len(item["design"]) == 2
                 and item["next_stage"] == IDS.index("pb-design"))  # fmt: skip
    assert fit_exercise(PASTEBIN, state) == (state, None)
    data, note = fit_exercise(changed(tmp_path, "a rule changed"), state)
    assert data["design"] == [] and note is not None and "3. Draw it" in note


def test_a_shape_is_the_same_from_the_schema_and_from_the_cache() -> None:
    # A stage saved by a run on validated models is resumed by one on cached records.
    read = load_curriculum()
    load_curriculum(cached=True)  # fills the cache
    warm = load_curriculum(cached=True)
    cached, scenario = warm.exercises["pastebin"], warm.interviews["pastebin"]
    assert isinstance(cached.stages[0], Record) and isinstance(scenario.clarify, Record)
    assert [stage_shape(cached, stage) for stage in cached.stages] == [
        stage_shape(PASTEBIN, stage) for stage in read.exercises["pastebin"].stages]
    model = read.interviews["pastebin"].exercise()
    record = scenario.exercise()
    assert [stage_shape(record, stage) for stage in record.stages] == [
        stage_shape(model, stage) for stage in model.stages]


# ---------------------------------------------------------------- interview rounds

INTERVIEW = INTERVIEWS["pastebin"]
IV_SOURCE = ROOT / "interviews" / "pastebin.yaml"
IV_ANSWERS = round_script(INTERVIEW)


def round_saves() -> list[dict[str, Any]]:
    saved: list[dict[str, Any]] = []
    play_round(INTERVIEW, IV_ANSWERS, saved=saved)
    return [json.loads(json.dumps(item)) for item in saved]


def changed_scenario(folder: Path, *pairs: str) -> Any:
    """Pastebin's scenario with each (old, new) of `pairs` replaced, from a folder of its own."""
    text = IV_SOURCE.read_text(encoding="utf-8")
    for old, new in zip(pairs[::2], pairs[1::2], strict=True):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    (folder / "interviews").mkdir(parents=True, exist_ok=True)
    (folder / "interviews" / "pastebin.yaml").write_text(text, encoding="utf-8")
    return load_curriculum([folder], grade_with=False).interviews["pastebin"]


ROUND_SAVES = round_saves()
GROWN = (
    "    needed: 2\n    points:\n      - id: lag\n",
    "    needed: 2\n    points:\n      - id: cost\n        point: A second copy costs money\n"
    "        shows: [costs money, twice the cost]\n      - id: lag\n",
    "  wrong:\n    lag:\n",
    "  wrong:\n    cost:\n      - \"A second copy is free of charge\"\n"
    "      - \"A second copy halves the bill\"\n      - \"A second copy pays for itself\"\n"
    "    lag:\n",
    "  why:\n    lag:",
    "  why:\n    cost: \"A replica is a second machine, paid for as the first is.\"\n    lag:",
)


def test_a_grown_trade_off_rubric_asks_it_again(tmp_path: Path) -> None:
    state = next(item for item in ROUND_SAVES if item["next_part"] == 6)  # at the wrap-up
    scenario = changed_scenario(tmp_path, *GROWN)
    data, note = fit_round(scenario, state)
    assert note is not None and "4c. Deep dive: a trade-off and what follows" in note
    resumed = InterviewRound.from_json(scenario, data)
    assert resumed.next_part == 5
    assert "trade_off" not in resumed.results()


def test_design_lines_under_way_in_a_round_are_dropped_when_the_blocks_changed(
    tmp_path: Path,
) -> None:
    state = next(item for item in ROUND_SAVES
                 if item["next_part"] == 2 and len(item["exercise"]["design"]) == 2)  # fmt: skip
    assert fit_round(INTERVIEW, state) == (state, None)
    scenario = changed_scenario(tmp_path, "worker, storage]", "worker, blob-store]")
    data, note = fit_round(scenario, state)
    assert data["exercise"]["design"] == [] and data["clarify"] == state["clarify"]
    assert note is not None and "3. High-level design and what follows" in note


def test_a_clarify_step_whose_points_changed_is_scored_as_it_is_now(tmp_path: Path) -> None:
    state = next(item for item in ROUND_SAVES if item["next_part"] == 2)
    scenario = changed_scenario(tmp_path, "    answer: \"Yes, but that is the page's markup; it "
                                "does not change the system.\"\n  explanation:",
                                "    answer: \"Yes, but that is the page's markup; it "
                                "does not change the system.\"\n  points: 20\n  explanation:")
    data, note = fit_round(scenario, state)
    assert note is None and data["clarify"]["points"] == 20
    assert data["clarify"]["score"] == state["clarify"]["score"] * 2


# ---------------------------------------------------------------- the commands

runner = CliRunner()
NOTHING_YET = "Nothing is saved yet: each part is saved once it is answered"


def flat(text: str) -> str:
    return " ".join(text.split())


def in_store(kind: str, item_id: str, state: dict[str, Any]) -> None:
    with Store.open() as store:
        store.save_attempt(kind, item_id, json.dumps(state))


def test_every_list_names_the_stage_the_resume_starts_at(tmp_path: Path) -> None:
    changed(tmp_path / "curriculum", "an option replaced")
    changed_scenario(tmp_path / "curriculum", *GROWN)
    in_store("exercise", "pastebin", stopped_before("pb-self-check"))
    in_store("interview", "pastebin", next(s for s in ROUND_SAVES if s["next_part"] == 6))
    folder = ["--curriculum", str(tmp_path / "curriculum")]
    total = len(PASTEBIN.stages)
    at = IDS.index("pb-where-text") + 1  # not stage 9, where it was stopped
    listed = runner.invoke(app, ["exercise", *folder])
    progress = runner.invoke(app, ["progress", *folder])
    home = runner.invoke(app, folder)
    interviews = runner.invoke(app, ["interview", *folder])
    assert [r.exit_code for r in (listed, progress, home, interviews)] == [0] * 4
    assert f"stage {at} of {total}" in listed.output and "stage 9 of" not in listed.output
    assert f"stage {at} of {total}" in progress.output
    assert f"sysdesign exercise pastebin (stage {at} of {total})" in flat(home.output)
    # The round resumes at the trade-off (4c), inside the deep dive, not at the wrap-up.
    assert "sysdesign interview pastebin (at 4. Deep dive)" in flat(home.output)
    assert "at 4. Deep dive" in interviews.output and "at 5. Wrap-up" not in interviews.output
    assert "at 4. Deep dive" in flat(progress.output)
    resumed = runner.invoke(app, ["exercise", "pastebin", "--plain", *folder], input="")
    assert f"Resuming where you stopped: {at - 1} of {total} stages done." in flat(resumed.output)


def test_a_stop_before_anything_is_saved_says_so() -> None:
    first = runner.invoke(app, ["exercise", "pastebin", "--plain"], input="")
    assert first.exit_code == 0
    assert (f"End of input. {NOTHING_YET}; run `sysdesign exercise pastebin` to start "
            "again.") in flat(first.output)  # fmt: skip
    with Store.open() as store:
        assert store.attempt("exercise", "pastebin") is None
    estimate = len(PASTEBIN.stages[0].figures)
    second = runner.invoke(app, ["exercise", "pastebin", "--plain"],
                           input=plain_lines(ANSWERS[:estimate]))  # fmt: skip
    assert ("End of input. Your progress is saved; run `sysdesign exercise pastebin` to go on "
            "from where you stopped.") in flat(second.output)  # fmt: skip
    third = runner.invoke(app, ["interview", "pastebin", "--plain"], input="")
    assert (f"End of input. {NOTHING_YET}; run `sysdesign interview pastebin` to start "
            "again.") in flat(third.output)  # fmt: skip


def command(*args: str, input: str, home: Path) -> subprocess.CompletedProcess[str]:
    installed = Path(sys.executable).with_name("sysdesign")
    base = [str(installed)] if installed.exists() else [sys.executable, "-m", "sysdesign_cli"]
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "SYSDESIGN_HOME": str(home)}
    return subprocess.run([*base, *args], input=input, capture_output=True, text=True, env=env,
                          timeout=120, check=False)  # fmt: skip


def test_plain_resume_after_the_exercise_changed(tmp_path: Path) -> None:
    home, folder = tmp_path / "home", tmp_path / "curriculum"
    shutil.copytree(ROOT, folder)
    run = ["exercise", "pastebin", "--plain", "--curriculum", str(folder)]
    cut = len(script(PASTEBIN, **{s.id.replace("-", "_"): [] for s in PASTEBIN.stages[3:]}))
    first = command(*run, input=plain_lines(ANSWERS[:cut]), home=home)
    assert first.returncode == 0 and "Your progress is saved" in first.stdout
    exercise = changed(folder, "an option replaced")
    again = IDS.index("pb-where-text")
    second = command(*run, input=plain_lines(_from(exercise, again)), home=home)
    said = flat(second.stdout)
    assert (second.returncode, second.stderr) == (0, ""), said[-500:]
    assert said.count("The exercise changed since you stopped") == 1
    assert ("2. Where the text lives and what follows are asked again; the parts before it "
            "are kept.") in said  # fmt: skip
    assert "In a file on the app server's own disk" in said  # the stage as it is now
    assert f"{PASTEBIN.title}: {max_points(exercise)} / {max_points(exercise)}" in said


@pytest.mark.pty
def test_in_a_terminal_a_changed_exercise_and_a_stop_before_any_save(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    import pty_session
    from test_pty_exercise import EDGE, first_half

    folder = tmp_path / "curriculum"
    shutil.copytree(ROOT, folder)
    child = pty_session.spawn("exercise", "pastebin", "--curriculum", str(folder),
                              dimensions=(40, 120))  # fmt: skip
    child.expect_exact("Your figure for")
    child.send(pty_session.CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    shown = flat(pty_session.screen_text(child))
    assert child.exitstatus == 130
    assert (f"Stopped. {NOTHING_YET}; run `sysdesign exercise pastebin` to start "
            "again.") in shown  # fmt: skip

    child = pty_session.spawn("exercise", "pastebin", "--curriculum", str(folder),
                              dimensions=(40, 120))  # fmt: skip
    first_half(child)
    child.expect_exact(EDGE)
    child.send(pty_session.CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130

    exercise = changed(folder, "an option replaced")
    again = pty_session.spawn("exercise", "pastebin", "--curriculum", str(folder),
                              dimensions=(40, 120))  # fmt: skip
    again.expect_exact("2. Where the text lives and what follows are asked again")
    again.expect_exact("Resuming where you stopped: 2 of")
    again.expect_exact(exercise.stages[IDS.index("pb-where-text")].prompt.strip())
    again.expect_exact("In a file on the app server's own disk")
    again.send(pty_session.CTRL_C)
    again.expect(pexpect.EOF)
    again.close()
    shown = flat(pty_session.screen_text(again))
    assert again.exitstatus == 130 and "Traceback" not in shown
    assert "Stopped. Your progress is saved; run `sysdesign exercise pastebin` to go on" in shown


def test_an_exercise_that_lost_its_last_stages_keeps_the_rest(tmp_path: Path) -> None:
    state = stopped_before("pb-self-check")
    text = SOURCE.read_text(encoding="utf-8")
    cut = text[: text.index("  - kind: loop\n")]  # the loop and every stage after it gone
    (tmp_path / "exercises").mkdir()
    (tmp_path / "exercises" / "pastebin.yaml").write_text(cut, encoding="utf-8")
    shorter = load_curriculum([tmp_path], grade_with=False).exercises["pastebin"]
    longer = {**state, "stages": [*state["stages"], *state["stages"][-1:]]}
    data, note = fit_exercise(shorter, longer)
    assert note == ("The exercise changed since you stopped: the parts it no longer has are "
                    "dropped; the parts before them are kept.")  # fmt: skip
    assert [item["stage_id"] for item in data["stages"]] == [s.id for s in shorter.stages]
    assert ExerciseRun.from_json(shorter, data).next_stage == len(shorter.stages)


def test_a_reworded_why_in_a_round_keeps_every_part(tmp_path: Path) -> None:
    # A point's why is what its review card says, not what grades the part.
    state = next(item for item in ROUND_SAVES if item["next_part"] == 6)
    scenario = changed_scenario(tmp_path, "    lag: \"The copy is made after the primary",
                                "    lag: \"The copy is written after the primary")
    assert fit_round(scenario, state) == (state, None)
