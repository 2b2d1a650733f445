"""Scripted learners through whole exercises, and `sysdesign exercise` from the outside.

Every answer and every expected figure is derived from the exercise YAML and the core,
so a changed exercise changes the tests with it.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from sysdesign_cli.cli.app import app
from sysdesign_cli.core import nines
from sysdesign_cli.core.curriculum import Exercise
from sysdesign_cli.core.design import (
    MISSING,
    SPOF,
    UNNEEDED,
    Design,
    availability,
    check_path,
    mermaid,
    path_score,
    reference_design,
)
from sysdesign_cli.core.estimate import LABELS, format_figure
from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.core.quantities import format_percent
from sysdesign_cli.render.exercise import markdown_report, summary
from sysdesign_cli.sessions.asker import ScriptedAsker
from sysdesign_cli.sessions.exercise import DONE, ExerciseRun, ExerciseSession

CURRICULUM = load_curriculum()
EXERCISES = CURRICULUM.exercises
PASTEBIN = EXERCISES["pastebin"]
WIDTH = 120


def stage(exercise: Exercise, kind: str, name: str | None = None) -> Any:
    """The exercise's stage of this kind (and path name)."""
    for item in exercise.stages:
        if item.kind == kind and (name is None or getattr(item, "name", None) == name):
            return item
    raise LookupError(f"no {kind} stage {name or ''}")


def labels(exercise: Exercise, block_ids: list[str]) -> list[str]:
    return [exercise.block(block_id).label for block_id in block_ids]


def flat(text: str) -> str:
    """Output with the console's line wrapping undone, for finding whole sentences."""
    return " ".join(text.split())


# ---------------------------------------------------------------- scripted learners


class Keep(str):
    """The self-assessment answered by keeping the tutor's ticks: `keep` to the scripted
    asker, an Enter per key point in plain mode."""

    def __new__(cls, points: int) -> Keep:
        keep = super().__new__(cls, ScriptedAsker.KEEP)
        keep.points = points  # type: ignore[attr-defined]
        return keep


def right_answers(exercise: Exercise, item: Any) -> list[Any]:
    """What a learner who knows the answer to one stage gives, widget by widget."""
    if item.kind == "estimate":
        result = item.result()
        return [format_figure(figure, getattr(result, figure)) for figure in item.figures]
    if item.kind == "path":
        return [*labels(exercise, item.reference), DONE]
    if item.kind == "redundancy":
        return [labels(exercise, item.reference)]
    if item.kind == "choose":
        return [item.answers[0], item.example, Keep(len(item.rubric.points))]
    if item.kind == "free":
        # The YAML's own model answer must be read as complete and earn full marks.
        return [item.example, Keep(len(item.rubric.points))]
    if item.type == "choice":
        return [item.answer]
    if item.type == "multi":
        return [list(item.answers)]
    if item.type == "order":
        return [list(item.items)]
    if item.type == "number":
        return [str(item.answer)]
    return [item.accept[0]]


def script(exercise: Exercise, **overrides: list[Any]) -> list[Any]:
    """Right answers for every stage, with some stages (by id, `-` as `_`) answered otherwise."""
    answers: list[Any] = []
    for item in exercise.stages:
        answers += overrides.get(item.id.replace("-", "_"), right_answers(exercise, item))
    return answers


def play(exercise: Exercise, answers: list[Any]) -> tuple[ExerciseRun, str]:
    """Run the whole exercise with these answers; the run and everything printed."""
    out = io.StringIO()
    console = Console(file=out, width=WIDTH, color_system=None)
    asker = ScriptedAsker(answers)
    run = ExerciseSession(exercise, asker, console).play()
    assert asker.answers == [], "the script gave more answers than the exercise asked for"
    for part in summary(run, reference_design(exercise), WIDTH):
        console.print(part)
    return run, out.getvalue()


def laid_out(exercise: Exercise, item: Any, path: list[str], tries: int | None = None) -> list[Any]:
    """The same path laid out on every try the stage allows (one plus a try per hint)."""
    tries = len(item.hints) + 1 if tries is None else tries
    return [*labels(exercise, path), DONE] * tries


def max_points(exercise: Exercise) -> int:
    # Question stages have no `points` field: the session gives them 10.
    return sum(getattr(item, "points", 10) for item in exercise.stages)


def score_line(exercise: Exercise, score: float) -> str:
    return f"{exercise.title}: {score:g} / {max_points(exercise)}"


# ---------------------------------------------------------------- every exercise


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_a_learner_who_knows_every_answer_gets_full_marks(exercise_id: str) -> None:
    exercise = EXERCISES[exercise_id]
    run, output = play(exercise, script(exercise))
    assert (run.score, run.max_score) == (max_points(exercise), max_points(exercise))
    assert score_line(exercise, max_points(exercise)) in output


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_a_learner_who_knows_nothing_is_sent_to_study(exercise_id: str) -> None:
    exercise = EXERCISES[exercise_id]
    overrides = {}
    for item in exercise.stages:
        key = item.id.replace("-", "_")
        if item.kind == "free":
            overrides[key] = ["no idea"] * (len(item.hints) + 1) + [[]]
        elif item.kind == "estimate":
            result = item.result()
            overrides[key] = [f"{getattr(result, f) * 1000:g}" for f in item.figures
                              for _ in range(len(item.hints) + 1)]  # fmt: skip
    run, output = play(exercise, script(exercise, **overrides))
    lost = [r for r in run.results if r.score < r.points]
    assert lost and run.score < run.max_score
    studied = {r.study for r in lost if r.study}
    assert studied and all(f"sysdesign learn {lesson}" in output for lesson in studied)
    assert studied <= set(CURRICULUM.lessons)


# ---------------------------------------------------------------- Pastebin


WRITE = stage(PASTEBIN, "path", "write path")
READ = stage(PASTEBIN, "path", "read path")
REDUNDANCY = stage(PASTEBIN, "redundancy")


def test_pastebin_good_learner_full_marks_and_both_designs_match() -> None:
    run, output = play(PASTEBIN, script(PASTEBIN))
    assert run.score == max_points(PASTEBIN)
    assert run.design.paths == reference_design(PASTEBIN).paths
    assert output.count("✓ Every block it needs, nothing it does not, in order.") == 2
    # the improvement they named is shown at the end
    improvement = stage(PASTEBIN, "free")
    assert f"{improvement.title}: {improvement.example}" in flat(output)


def test_pastebin_good_learner_sees_the_estimates_graded_with_the_derivation() -> None:
    estimate = stage(PASTEBIN, "estimate")
    _run, output = play(PASTEBIN, script(PASTEBIN))
    result = estimate.result()
    assert output.count("✓ Good: within 2x.") >= len(estimate.figures)
    assert all(step.working in output for step in result.steps)


def test_estimate_working_does_not_give_away_the_figures_still_to_ask() -> None:
    estimate = stage(PASTEBIN, "estimate")
    result = estimate.result()
    first, *later = estimate.figures
    last_shown = {step.key: step.working for step in result.steps}
    _run, output = play(PASTEBIN, script(PASTEBIN))
    before_second, found, _rest = output.partition(f"Estimate: {LABELS[later[0]]}")
    assert found
    assert last_shown[first] in before_second
    assert last_shown[later[-1]] not in before_second


def test_pastebin_over_engineer_is_told_why_a_cdn_and_a_queue_are_not_needed() -> None:
    write = ["client", "dns", "cdn", "lb", "app", "queue", "db"]
    read = ["client", "dns", "cdn", "lb", "app", "cache", "queue", "db"]
    answers = script(PASTEBIN, pb_write_path=laid_out(PASTEBIN, WRITE, write),
                     pb_read_path=laid_out(PASTEBIN, READ, read))  # fmt: skip
    run, output = play(PASTEBIN, answers)
    for item in (WRITE, READ):
        for flag in item.unneeded:
            if flag.block in ("cdn", "queue"):
                assert flat(flag.why) in flat(output)
    flagged = {(f.kind, f.block) for f in run.findings}
    assert {(UNNEEDED, "cdn"), (UNNEEDED, "queue")} <= flagged
    for item, path in ((WRITE, write), (READ, read)):
        result = next(r for r in run.results if r.stage_id == item.id)
        expected = max(0.0, path_score(item, check_path(item, path)) - len(item.hints))
        assert (result.score, result.score < item.points) == (expected, True)
        assert f"sysdesign learn {item.study}" in output
    assert run.score < max_points(PASTEBIN)


def test_pastebin_read_path_without_a_cache_is_flagged_missing() -> None:
    no_cache = [block for block in READ.reference if block != "cache"]
    run, output = play(PASTEBIN, script(PASTEBIN, pb_read_path=laid_out(PASTEBIN, READ, no_cache)))
    why = next(flag.why for flag in READ.required if flag.block == "cache")
    assert (MISSING, "cache", why) in {(f.kind, f.block, f.message) for f in run.findings}
    assert f"Missing: {PASTEBIN.block('cache').label} - {why}" in flat(output)
    assert all(hint in flat(output) for hint in READ.hints)
    assert run.design.paths["read path"] == no_cache


def test_a_learner_who_adds_the_cache_after_a_hint_loses_a_point() -> None:
    no_cache = [block for block in READ.reference if block != "cache"]
    tries = laid_out(PASTEBIN, READ, no_cache, 1) + laid_out(PASTEBIN, READ, READ.reference, 1)
    run, output = play(PASTEBIN, script(PASTEBIN, pb_read_path=tries))
    result = next(r for r in run.results if r.stage_id == READ.id)
    assert (result.score, result.answer) == (READ.points - 1, READ.reference)
    assert READ.hints[0] in output and READ.hints[1] not in output
    assert "Lay the path out again." in output


def test_database_before_cache_is_flagged_out_of_order() -> None:
    swapped = ["client", "dns", "lb", "app", "db", "cache"]
    run, output = play(PASTEBIN, script(PASTEBIN, pb_read_path=laid_out(PASTEBIN, READ, swapped)))
    rule = next(rule for rule in READ.order if (rule.before, rule.after) == ("cache", "db"))
    assert ("order", "db") in {(f.kind, f.block) for f in run.findings}
    assert flat(rule.why) in flat(output)


def test_pastebin_single_database_is_a_single_point_of_failure() -> None:
    run, output = play(PASTEBIN, script(PASTEBIN))  # replicates what the reference does
    assert "db" not in REDUNDANCY.reference
    spofs = [f for f in run.findings if f.kind == SPOF]
    assert [f.block for f in spofs] == ["db"]
    assert PASTEBIN.block("db").spof in spofs[0].message
    assert f"Single point of failure: {flat(spofs[0].message)}" in flat(output)


def test_replicating_the_database_too_leaves_no_single_point() -> None:
    both = labels(PASTEBIN, [*REDUNDANCY.reference, "db"])
    run, output = play(PASTEBIN, script(PASTEBIN, pb_redundancy=[both]))
    assert [f for f in run.findings if f.kind == SPOF] == []
    assert "No single point of failure left on your paths." in output


def test_replicating_nothing_leaves_app_and_database_as_single_points() -> None:
    run, _output = play(PASTEBIN, script(PASTEBIN, pb_redundancy=[[]]))
    assert [f.block for f in run.findings if f.kind == SPOF] == ["app", "db"]
    result = next(r for r in run.results if r.stage_id == REDUNDANCY.id)
    assert result.score == 0


def test_pastebin_availability_of_both_designs_matches_the_nines_core() -> None:
    run, output = play(PASTEBIN, script(PASTEBIN, pb_redundancy=[[]]))
    a = {block.id: block.availability / 100 for block in PASTEBIN.blocks if block.availability}
    # The cache is not critical: when it dies reads fall through to the database.
    assert not PASTEBIN.block("cache").critical
    mine = nines.series([a["dns"], a["lb"], a["app"], a["db"]])
    reference = nines.series([a["dns"], a["lb"], nines.parallel([a["app"], a["app"]]), a["db"]])
    assert availability(PASTEBIN, run.design) == pytest.approx(mine)
    assert availability(PASTEBIN, reference_design(PASTEBIN)) == pytest.approx(reference)
    assert (f"Your design: {format_percent(mine)} available; "
            f"reference: {format_percent(reference)}.") in output  # fmt: skip
    assert mine < reference


def test_the_ending_draws_both_designs_side_by_side_on_a_wide_terminal() -> None:
    _run, output = play(PASTEBIN, script(PASTEBIN))
    header = next(line for line in output.splitlines() if "Your design" in line)
    assert "Reference design" in header


def test_the_markdown_report_has_the_learners_design_as_mermaid() -> None:
    write = ["client", "dns", "lb", "app", "queue", "db"]
    run, _output = play(PASTEBIN, script(PASTEBIN, pb_write_path=laid_out(PASTEBIN, WRITE, write)))
    report = markdown_report(run, reference_design(PASTEBIN))
    design = Design({"write path": write, "read path": list(READ.reference)},
                    set(REDUNDANCY.reference))  # fmt: skip
    assert f"```mermaid\n{mermaid(PASTEBIN, design)}\n```" in report
    assert f"```mermaid\n{mermaid(PASTEBIN, reference_design(PASTEBIN))}\n```" in report
    assert f"Score: **{run.score:g} / {max_points(PASTEBIN)}**" in report
    assert f"**{UNNEEDED}** (queue)" in report


# ---------------------------------------------------------------- URL shortener and chat


SHORTENER = EXERCISES["url-shortener"]
CHAT = EXERCISES["chat"]


def test_url_shortener_reads_from_the_replica_and_writes_to_the_primary() -> None:
    run, output = play(SHORTENER, script(SHORTENER))
    assert "replica" in run.design.paths["read path"]
    assert "db" in run.design.paths["write path"]
    assert run.score == max_points(SHORTENER)
    assert "No single point of failure left on your paths." in output


def test_url_shortener_availability_counts_the_replica_with_its_primary() -> None:
    run, output = play(SHORTENER, script(SHORTENER))
    a = {block.id: block.availability / 100 for block in SHORTENER.blocks if block.availability}
    assert SHORTENER.block("replica").replica_of == "db"
    expected = nines.series([a["dns"], a["lb"], nines.parallel([a["app"]] * 2),
                             nines.parallel([a["db"], a["replica"]])])  # fmt: skip
    assert availability(SHORTENER, run.design) == pytest.approx(expected)
    assert f"Your design: {format_percent(expected)} available" in output


def test_url_shortener_reading_the_primary_instead_of_the_replica_is_flagged() -> None:
    read = stage(SHORTENER, "path", "read path")
    path = [block if block != "replica" else "db" for block in read.reference]
    run, output = play(SHORTENER, script(SHORTENER, us_read_path=laid_out(SHORTENER, read, path)))
    why = next(flag.why for flag in read.required if flag.block == "replica")
    assert (MISSING, "replica") in {(f.kind, f.block) for f in run.findings}
    assert flat(why) in flat(output)


def test_url_shortener_redirects_through_a_queue_or_a_cdn_are_over_engineering() -> None:
    read = stage(SHORTENER, "path", "read path")
    path = ["client", "dns", "cdn", "lb", "app", "queue", "cache", "replica"]
    run, output = play(SHORTENER, script(SHORTENER, us_read_path=laid_out(SHORTENER, read, path)))
    assert all(flat(flag.why) in flat(output) for flag in read.unneeded)
    assert {(UNNEEDED, "cdn"), (UNNEEDED, "queue")} <= {(f.kind, f.block) for f in run.findings}


@pytest.mark.parametrize(
    "reason, more, lost",
    [
        pytest.param("random codes cannot be guessed but can collide, so I check", [], False,
                     id="two-points"),
        pytest.param("it is the one I like", [""], True, id="no-point"),
    ],
)  # fmt: skip
def test_url_shortener_code_generation_is_graded_on_the_reason(
    reason: str, more: list[str], lost: bool
) -> None:
    choose = stage(SHORTENER, "choose")
    answers = [choose.choices[1], reason, *more, ScriptedAsker.KEEP]
    run, _ = play(SHORTENER, script(SHORTENER, us_code_generation=answers))
    result = next(r for r in run.results if r.stage_id == choose.id)
    assert (result.score < choose.points) is lost
    assert result.self_assessed


def test_chat_joins_websocket_servers_through_the_queue() -> None:
    run, _ = play(CHAT, script(CHAT))
    assert run.score == max_points(CHAT)
    deliver = run.design.paths["deliver path"]
    assert deliver.index("queue") < deliver.index("ws") < deliver.index("client")
    assert "queue" in run.design.paths["send path"]


def test_chat_short_polling_loses_the_choice_points() -> None:
    choose = stage(CHAT, "choose")
    wrong = next(choice for choice in choose.choices if choice not in choose.answers)
    answers = [wrong, choose.example, ScriptedAsker.KEEP]
    run, output = play(CHAT, script(CHAT, ch_connection=answers))
    result = next(r for r in run.results if r.stage_id == choose.id)
    assert 0 < result.score < choose.points
    assert f"✗ {wrong}" in output


# ---------------------------------------------------------------- the command


runner = CliRunner()


def plain_answers(exercise: Exercise, **overrides: list[Any]) -> str:
    """The script as lines of plain-mode input: lists become comma-separated picks."""
    lines: list[str] = []
    for answer in script(exercise, **overrides):
        if isinstance(answer, Keep):
            lines += [""] * answer.points  # type: ignore[attr-defined]
        else:
            lines.append(",".join(answer) if isinstance(answer, list) else str(answer))
    return "\n".join(lines) + "\n"


def test_the_list_shows_best_scores_after_an_exercise() -> None:
    before = runner.invoke(app, ["exercise"])
    done = runner.invoke(app, ["exercise", "pastebin", "--plain"], input=plain_answers(PASTEBIN))
    after = runner.invoke(app, ["exercise"])
    best = f"{max_points(PASTEBIN)} / {max_points(PASTEBIN)}"
    assert (before.exit_code, done.exit_code, after.exit_code) == (0, 0, 0)
    assert best not in before.output and best in after.output
    assert all(f"({exercise_id})" in after.output for exercise_id in EXERCISES)
    assert after.output.count("not tried") == len(EXERCISES) - 1


def test_an_unknown_exercise_is_a_clean_error_listing_the_names() -> None:
    result = runner.invoke(app, ["exercise", "pastebinn"])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert all(exercise_id in result.output for exercise_id in EXERCISES)
    assert "Did you mean 'pastebin'?" in result.output


def test_export_writes_markdown_with_a_mermaid_diagram(tmp_path: Path) -> None:
    target = tmp_path / "design.md"
    result = runner.invoke(app, ["exercise", "pastebin", "--plain", "--export", str(target)],
                           input=plain_answers(PASTEBIN))  # fmt: skip
    assert result.exit_code == 0
    text = target.read_text(encoding="utf-8")
    reference = reference_design(PASTEBIN)
    assert text.startswith(f"# {PASTEBIN.title}\n")
    assert f"## Your design\n\n```mermaid\n{mermaid(PASTEBIN, reference)}\n```" in text
    assert f"Written to {target}" in flat(result.output)


def test_export_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "design.md"
    target.write_text("my notes\n", encoding="utf-8")
    refused = runner.invoke(app, ["exercise", "pastebin", "--plain", "--export", str(target)],
                            input=plain_answers(PASTEBIN))  # fmt: skip
    assert refused.exit_code != 0 and "--force" in refused.output
    assert "Traceback" not in refused.output
    assert target.read_text(encoding="utf-8") == "my notes\n"
    forced = runner.invoke(app, ["exercise", "pastebin", "--plain", "--export", str(target),
                                 "--force"], input=plain_answers(PASTEBIN))  # fmt: skip
    assert forced.exit_code == 0 and "```mermaid" in target.read_text(encoding="utf-8")


def test_end_of_input_mid_exercise_stops_cleanly() -> None:
    first = right_answers(PASTEBIN, PASTEBIN.stages[0])
    result = runner.invoke(app, ["exercise", "pastebin", "--plain"],
                           input="\n".join(map(str, first)) + "\n")  # fmt: skip
    assert result.exit_code == 0
    assert "End of input." in result.output
    assert "run `sysdesign exercise pastebin` to start it again" in flat(result.output)
    assert "An exercise is saved when it is finished" in flat(result.output)


def _installed() -> list[str]:
    installed = Path(sys.executable).with_name("sysdesign")
    return [str(installed)] if installed.exists() else [sys.executable, "-m", "sysdesign_cli"]


def test_the_installed_command_runs_pastebin_from_a_pipe() -> None:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    done = subprocess.run([*_installed(), "exercise", "pastebin", "--plain"],
                          input=plain_answers(PASTEBIN), capture_output=True, text=True,
                          env=env, timeout=60, check=False)  # fmt: skip
    assert (done.returncode, done.stderr) == (0, "")
    assert re.search(re.escape(score_line(PASTEBIN, max_points(PASTEBIN))), done.stdout)
    assert "Traceback" not in done.stdout


def test_the_block_menu_does_not_give_the_reference_order_away() -> None:
    from sysdesign_cli.sessions.exercise import block_menu

    menu = [block_id for block_id, _ in block_menu(PASTEBIN)]
    assert sorted(menu) == sorted(block.id for block in PASTEBIN.blocks)
    for stage in PASTEBIN.stages:
        if stage.kind == "path":
            listed = [block_id for block_id in menu if block_id in stage.reference]
            assert listed != list(stage.reference), stage.name
    assert menu == [block_id for block_id, _ in block_menu(PASTEBIN)], "stable between calls"


def test_a_learner_may_run_nothing_twice_and_sees_every_single_point_of_failure() -> None:
    stage = next(item for item in PASTEBIN.stages if item.kind == "redundancy")
    run, output = play(PASTEBIN, script(PASTEBIN, **{stage.id.replace("-", "_"): [[]]}))
    assert run.design.replicated == set()
    result = next(r for r in run.results if r.stage_id == stage.id)
    assert result.score == 0
    assert "App server exists once" in " ".join(output.split())
