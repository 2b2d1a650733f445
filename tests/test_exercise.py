"""Scripted learners through whole exercises on the design engine.

Every answer and every expected figure is derived from the exercise YAML and the engine
(tests/exercise_answers.py), so a changed exercise changes the tests with it.
"""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from exercise_answers import (
    TABLE,
    drill_answer,
    load_answer,
    loop_fixes,
    max_points,
    reference_lines,
    script,
)
from exercise_answers import spec as loop_spec
from rich.console import Console

from sysdesign_cli.core.estimate_figures import LABELS
from sysdesign_cli.core.exercise_run import ExerciseRun
from sysdesign_cli.core.exercise_schema import Exercise
from sysdesign_cli.core.graph.checks import check
from sysdesign_cli.core.graph.design_loop import loop_step
from sysdesign_cli.core.graph.drills import choose_kill
from sysdesign_cli.core.graph.findings import DNS, MISSING, ORDER, SPOF, UNNEEDED
from sysdesign_cli.core.graph.load import growth
from sysdesign_cli.core.graph.loop_judge import UNIT
from sysdesign_cli.core.graph.mermaid import to_mermaid
from sysdesign_cli.core.graph.text import parse_text
from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.render.exercise import summary
from sysdesign_cli.render.exercise_export import markdown_report
from sysdesign_cli.sessions.asker import EndOfInput
from sysdesign_cli.sessions.bottleneck import none_choice
from sysdesign_cli.sessions.exercise import ExerciseSession
from sysdesign_cli.sessions.exercise_design import FINDING_COST, design_score
from sysdesign_cli.sessions.scripted_asker import ScriptedAsker

CURRICULUM = load_curriculum()
EXERCISES = CURRICULUM.exercises
PASTEBIN = EXERCISES["pastebin"]
SHORTENER = EXERCISES["url-shortener"]
CHAT = EXERCISES["chat"]
WIDTH = 120


def stage(exercise: Exercise, kind: str) -> Any:
    """The exercise's first stage of this kind."""
    return next(item for item in exercise.stages if item.kind == kind)


def flat(text: str) -> str:
    """Output with the console's line wrapping undone, for finding whole sentences."""
    return " ".join(text.split())


def play(
    exercise: Exercise, answers: list[Any], run: ExerciseRun | None = None,
    saved: list[dict[str, Any]] | None = None, width: int = WIDTH,
) -> tuple[ExerciseRun, str]:  # fmt: skip
    """Run the whole exercise with these answers; the run and everything printed."""
    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None)
    asker = ScriptedAsker(answers)
    keep = saved.append if saved is not None else None
    finished = ExerciseSession(exercise, asker, console, run=run, save=keep, table=TABLE).play()
    assert asker.answers == [], "the script gave more answers than the exercise asked for"
    for part in summary(finished):
        console.print(part)
    return finished, out.getvalue()


def result_of(run: ExerciseRun, item: Any) -> Any:
    return next(r for r in run.results if r.stage_id == item.id)


def typed(lines: list[str]) -> list[str]:
    return [*lines, "done"]


def design_key(exercise: Exercise) -> str:
    return stage(exercise, "design").id.replace("-", "_")


PASTEBIN_LINES = reference_lines(PASTEBIN)
SINGLE_DB = [line for line in PASTEBIN_LINES if "~>" not in line]
SPOF_SENTENCE = "db exists once: if it dies, write and read stop."
NOTHING = ["client -> app -> db"]


# ---------------------------------------------------------------- every exercise


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_every_reference_design_passes_its_own_checks(exercise_id: str) -> None:
    design = EXERCISES[exercise_id].design
    assert design is not None
    verdict = check(design.graph(), design)
    assert (verdict.findings, verdict.spofs) == ((), ())


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_a_learner_who_knows_every_answer_gets_full_marks(exercise_id: str) -> None:
    exercise = EXERCISES[exercise_id]
    run, output = play(exercise, script(exercise))
    assert (run.score, run.max_score) == (max_points(exercise), max_points(exercise))
    assert f"{exercise.title}: {max_points(exercise)} / {max_points(exercise)}" in output
    assert "Checks: no findings." in output


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_a_learner_who_knows_nothing_is_sent_to_study(exercise_id: str) -> None:
    exercise = EXERCISES[exercise_id]
    overrides: dict[str, list[Any]] = {}
    for item in exercise.stages:
        key = item.id.replace("-", "_")
        if item.kind == "free":
            overrides[key] = ["no idea"] * (len(item.hints) + 1) + [[]]
        elif item.kind == "estimate":
            result = item.result()
            overrides[key] = [f"{getattr(result, f) * 1000:g}" for f in item.figures
                              for _ in range(len(item.hints) + 1)]  # fmt: skip
        elif item.kind == "design":
            # One app server talking to one database: every flow's rules go unmet.
            overrides[key] = [*NOTHING, "done", "done"]
        elif item.kind == "load":
            overrides[key] = [none_choice(item.factors)] * (len(item.hints) + 1)
        elif item.kind == "drill":
            graph = parse_text("\n".join(NOTHING))
            if choose_kill(graph, item.kill) is None:
                graph = exercise.design.graph()  # type: ignore[union-attr]
            right = drill_answer(exercise, item, graph)
            wrong = [f for f in exercise.design.checked_flows() if f not in right]  # type: ignore[union-attr]
            overrides[key] = [wrong] * (len(item.hints) + 1)
        elif item.kind == "loop":
            overrides[key] = ["Stop here"]
    run, output = play(exercise, script(exercise, **overrides), width=200)
    lost = [r for r in run.results if r.score < r.points]
    assert lost and run.score < run.max_score
    studied = {r.study for r in lost if r.study}
    assert studied and all(f"sysdesign learn {lesson}" in output for lesson in studied)
    assert studied <= set(CURRICULUM.lessons)


def test_every_stage_but_a_question_has_two_or_three_hints() -> None:
    for exercise in EXERCISES.values():
        for item in exercise.stages:
            assert 2 <= len(item.hints) <= 3, f"{exercise.id}: {item.id}"


# ---------------------------------------------------------------- the design stage


def test_the_url_shortener_typed_as_the_source_draws_it_gives_no_false_finding() -> None:
    source = "client -> lb -> app x2\napp -> redis : shorten, redirect\n" \
             "app -> primary-db : shorten\napp -> read-replica : redirect\n" \
             "primary-db ~> read-replica"  # fmt: skip
    run, output = play(SHORTENER, script(SHORTENER, us_design=typed(source.splitlines())))
    result = result_of(run, stage(SHORTENER, "design"))
    assert (result.score, result.feedback, result.data["findings"]) == (result.points, [], [])
    assert output.count("Checks: no findings.") == 2  # the design stage, and the end


def test_a_single_database_is_told_once_and_the_same_way_everywhere() -> None:
    run, output = play(PASTEBIN, script(PASTEBIN, SINGLE_DB))
    said = flat(output)
    # At the design stage (once), and in the summary at the end: the same sentence.
    assert said.count(SPOF_SENTENCE) == 2
    design_part = said.partition("4. Under load")[0]
    assert design_part.count(SPOF_SENTENCE) == 1
    assert said.count("[single point of failure]") == 2  # no other block is said to be one
    # The drill agrees: with the one database gone, writes stop.
    assert "write: down (stops: db had no copy to take over)" in said
    assert "no single point of failure" not in said.lower()
    verdict = run.verdict()
    assert [(f.kind, f.blocks) for f in verdict.findings] == [(SPOF, ("db",))]
    result = result_of(run, stage(PASTEBIN, "design"))
    assert result.score == design_score(result.points, 1, 0) == result.points * (1 - FINDING_COST)
    report = markdown_report(run, TABLE)
    assert report.count(SPOF_SENTENCE) == 2  # the checks, and the design stage's notes
    assert "| write | down |" in report


def test_every_finding_is_reported_at_once() -> None:
    lines = ["client -> dns -> lb -> app x2", "app -> db : read, write", "app -> cdn : read",
             "app -> queue : write", "queue => worker : write", "worker -> db : write"]
    run, output = play(PASTEBIN, script(PASTEBIN, lines), width=200)
    kinds = {(f.kind, f.blocks[0] if f.blocks else "") for f in run.verdict().findings}
    assert {(DNS, "dns"), (MISSING, ""), (UNNEEDED, "cdn"), (UNNEEDED, "queue"),
            (SPOF, "db")} <= kinds  # fmt: skip
    rules = PASTEBIN.design
    assert rules is not None
    for rule in rules.rules:
        if rule.rule == "unneeded" and rule.block in ("cdn", "queue"):
            assert flat(rule.why) in flat(output)
    # All of them in the one report the stage prints first.
    first = output.partition("Hint:")[0]
    assert first.count("[") >= len(run.verdict().findings)


def test_reading_the_database_before_the_cache_is_out_of_order() -> None:
    lines = ["client -> lb -> app x2", "app -> db : read, write", "db -> cache : read",
             "db ~> replica"]
    run, output = play(PASTEBIN, script(PASTEBIN, lines), width=200)
    assert ORDER in {f.kind for f in run.verdict().findings}
    assert "db is reached before any cache is consulted" in flat(output)
    why = next(r.why for r in PASTEBIN.design.rules if r.rule == "order")  # type: ignore[union-attr]
    assert flat(why) in flat(output)


def test_a_change_after_a_hint_costs_a_point_and_is_checked_again() -> None:
    item = stage(PASTEBIN, "design")
    answers = [*typed(SINGLE_DB), "db ~> replica", "done"]
    run, output = play(PASTEBIN, script(PASTEBIN, PASTEBIN_LINES, pb_design=answers))
    result = result_of(run, item)
    assert (result.score, result.data["hints_used"], result.feedback) == (item.points - 1, 1, [])
    assert "Hint: Start with the first finding, the single point of failure one: look " \
        "again at db" in flat(output)
    assert item.hints[0] not in flat(output), "the exercise's hints follow the finding's"
    assert run.lines == PASTEBIN_LINES


def test_the_first_design_hint_names_the_first_finding_s_area_not_its_fix() -> None:
    item = stage(PASTEBIN, "design")
    verdict = check(parse_text("\n".join(SINGLE_DB)), PASTEBIN.design)
    first = verdict.findings[0]
    # A change that leaves the finding after the first hint, the fix after the second:
    # the exercise's first hint comes second.
    answers = [*typed(SINGLE_DB), "lb -> app x3", "done", "db ~> replica", "done"]
    run, output = play(PASTEBIN, script(PASTEBIN, PASTEBIN_LINES, pb_design=answers), width=200)
    said = flat(output)
    hints = re.findall(r"Hint: (.*?)(?= Change your design)", said)
    assert hints[:2] == [
        f"Start with the first finding, the {first.kind} one: look again at "
        f"{' and '.join(first.blocks)}, on the write and read flows.",
        flat(item.hints[0]),
    ]
    assert flat(first.fix) not in hints[0]
    assert result_of(run, item).data["hints_used"] == 2


def test_the_reference_is_drawn_beside_the_learner_s_design() -> None:
    _, output = play(PASTEBIN, script(PASTEBIN))
    header = next(line for line in output.splitlines() if "Your design" in line
                  and "Reference design" in line)  # fmt: skip
    assert header.index("Your design") < header.index("Reference design")


def test_on_a_narrow_terminal_the_two_designs_are_stacked() -> None:
    _, output = play(PASTEBIN, script(PASTEBIN), width=60)
    lines = output.splitlines()
    mine = lines.index("Your design")
    assert "Reference design" in lines[mine + 1:] and "Reference design" not in lines[mine]


def test_a_design_from_a_file_is_checked_without_typing() -> None:
    out = io.StringIO()
    console = Console(file=out, width=WIDTH, color_system=None)
    graph = parse_text("\n".join(SINGLE_DB))
    asker = ScriptedAsker(script(PASTEBIN, SINGLE_DB, pb_design=[]))
    run = ExerciseSession(PASTEBIN, asker, console, design=graph, table=TABLE).play()
    assert asker.answers == []
    result = result_of(run, stage(PASTEBIN, "design"))
    assert result.data["from_file"] and run.graph == graph
    assert "Your design, from the file" in out.getvalue()
    assert flat(out.getvalue()).count(SPOF_SENTENCE) == 1


# ---------------------------------------------------------------- load, drill, loop


def test_the_learner_s_own_pastebin_design_shows_its_first_bottleneck_at_10x() -> None:
    # One app server and no cache: every read reaches the database.
    own = ["client -> lb -> app", "app -> db : read, write", "db ~> replica"]
    graph = parse_text("\n".join(own))
    load_stage = stage(PASTEBIN, "load")
    first = load_answer(PASTEBIN, load_stage, graph)
    run, output = play(PASTEBIN, script(PASTEBIN, own), width=200)
    from exercise_answers import spec

    grown = growth(graph, spec(PASTEBIN, load_stage), TABLE, tuple(load_stage.factors))
    assert grown.first == first and grown.at is not None and grown.at <= 10
    assert f"First past 100%: {first}, at about {grown.at:.2g}x today's traffic" in flat(output)
    result = result_of(run, load_stage)
    assert (result.score, result.data["answer"]) == (result.points, first)


def test_killing_the_primary_and_predicting_what_survives() -> None:
    drill_stage = stage(SHORTENER, "drill")
    survivors = drill_answer(SHORTENER, drill_stage)
    assert survivors == ["shorten", "redirect"]  # the replica takes over
    wrong = script(SHORTENER, us_drill=[["shorten"], ["redirect"], survivors])
    run, output = play(SHORTENER, wrong)
    result = result_of(run, drill_stage)
    assert (result.data["right"], result.data["hints_used"]) == (True, 2)
    assert result.score == result.points / 2
    assert "Drill: primary-db dies" in output
    assert "read-replica takes over from primary-db" in output
    assert "Assumes copies fail independently" in flat(output)


def test_a_drill_on_a_design_without_the_block_runs_on_the_reference() -> None:
    no_queue = ["client -> lb -> ws x3 : send, history", "ws -> db : send, history",
                "ws -> cache : history", "db ~> replica"]  # fmt: skip
    item = stage(CHAT, "drill")
    run, output = play(CHAT, script(CHAT, no_queue), width=200)
    assert "so this drill runs on the reference design" in flat(output)
    assert result_of(run, item).data["on"] == "the reference design"


def test_the_loop_scores_each_round_and_over_engineering_is_a_mistake() -> None:
    item = stage(PASTEBIN, "loop")
    right = [fix.label for fix in loop_fixes(PASTEBIN, item)]
    run, _ = play(PASTEBIN, script(PASTEBIN))
    assert result_of(run, item).score == item.points
    assert result_of(run, item).answer == right == ["run app x7"]
    assert result_of(run, item).data["mistakes"] == 0
    # Twice the app servers ten times the traffic needs: one mistaken round, named in
    # the feedback with its load figures.
    fewest_added = result_of(run, item).data["fewest"]
    count = 2 + 2 * fewest_added
    over = script(PASTEBIN, pb_loop=["Change the design myself (type edges)", f"app x{count}",
                                     "done"])  # fmt: skip
    run, _output = play(PASTEBIN, over)
    result = result_of(run, item)
    assert result.score == item.points * (1 - UNIT)
    assert [line.split(":")[0] for line in result.feedback] == ["round 1, more than it takes"]
    assert f"with x{count}: fits, but +{count - 2} is more than" in result.feedback[0]


# ---------------------------------------------------------------- stop and resume


def test_stop_mid_exercise_and_resume_where_it_stopped() -> None:
    answers = script(PASTEBIN)
    design_at = next(i for i, a in enumerate(answers) if a == PASTEBIN_LINES[0])
    saved: list[dict[str, Any]] = []
    out = io.StringIO()
    console = Console(file=out, width=WIDTH, color_system=None)
    asker = ScriptedAsker([*answers[: design_at + 2], EndOfInput])  # two lines typed, then gone
    with pytest.raises(EndOfInput):
        ExerciseSession(PASTEBIN, asker, console, save=saved.append, table=TABLE).play()
    last = saved[-1]
    assert last["next_stage"] == 3 and last["design"] == PASTEBIN_LINES[:2]
    resumed = ExerciseRun.from_json(PASTEBIN, last)
    run, output = play(PASTEBIN, answers[design_at + 2:], run=resumed)
    assert f"Resuming where you stopped: 3 of {len(PASTEBIN.stages)} stages done." in output
    assert run.score == max_points(PASTEBIN) and run.lines == PASTEBIN_LINES
    assert [r.stage_id for r in run.results] == [s.id for s in PASTEBIN.stages]


def test_a_saved_attempt_from_other_stages_is_refused() -> None:
    run, _ = play(PASTEBIN, script(PASTEBIN))
    data = run.to_json()
    with pytest.raises(ValueError, match="another exercise"):
        ExerciseRun.from_json(SHORTENER, data)
    data["stages"][0]["stage_id"] = "renamed"
    with pytest.raises(ValueError, match="stages changed"):
        ExerciseRun.from_json(PASTEBIN, data)


def test_every_stage_and_every_design_line_is_saved() -> None:
    saved: list[dict[str, Any]] = []
    play(PASTEBIN, script(PASTEBIN), saved=saved)
    lines_saved = [tuple(s["design"]) for s in saved if s["next_stage"] == 3]
    assert lines_saved == [tuple(PASTEBIN_LINES[:n]) for n in range(len(PASTEBIN_LINES) + 1)]
    assert saved[-1]["finished"] and saved[-1]["next_stage"] == len(PASTEBIN.stages)


# ---------------------------------------------------------------- other stages


def test_estimate_working_does_not_give_away_the_figures_still_to_ask() -> None:
    estimate = stage(PASTEBIN, "estimate")
    result = estimate.result()
    first, *later = estimate.figures
    last_shown = {step.key: step.working for step in result.steps}
    _run, output = play(PASTEBIN, script(PASTEBIN))
    after_first = output.split("Worked out:")[1]  # the working shown after the first figure
    assert last_shown[first] in after_first
    assert last_shown[later[-1]] not in after_first


def test_an_estimate_figure_is_named_once_not_as_a_heading_and_again_in_its_prompt() -> None:
    estimate = stage(PASTEBIN, "estimate")
    out = io.StringIO()
    asker = ScriptedAsker(script(PASTEBIN))
    console = Console(file=out, width=WIDTH, color_system=None)
    ExerciseSession(PASTEBIN, asker, console, table=TABLE).play()
    for figure in estimate.figures:
        label = LABELS[figure]
        asked = f"Your figure for {label[:1].lower()}{label[1:]}?"
        assert any(prompt.startswith(asked) for prompt in asker.prompts)
        assert label not in out.getvalue().split("Worked out:")[0]  # not also as a heading


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
    result = result_of(run, choose)
    assert (result.score < choose.points) is lost
    assert result.self_assessed


def test_chat_short_polling_loses_the_choice_points() -> None:
    choose = stage(CHAT, "choose")
    wrong = next(choice for choice in choose.choices if choice not in choose.answers)
    run, output = play(CHAT, script(CHAT, ch_connection=[wrong, choose.example,
                                                         ScriptedAsker.KEEP]))  # fmt: skip
    result = result_of(run, choose)
    assert 0 < result.score < choose.points
    assert f"✗ {wrong}" in output


def test_a_choose_stage_asks_the_reason_for_the_learner_s_own_pick_before_any_verdict() -> None:
    choose = stage(CHAT, "choose")
    wrong = next(choice for choice in choose.choices if choice not in choose.answers)
    out = io.StringIO()
    seen: dict[str, str] = {}

    class Watching(ScriptedAsker):
        def text(self, prompt: str, validate: Any = None, complete: Any = None) -> str:
            seen.setdefault(prompt, out.getvalue())  # the screen when the reason is asked
            return super().text(prompt, validate, complete)

    asker = Watching([wrong, choose.example, ScriptedAsker.KEEP])
    session = ExerciseSession(CHAT, asker, Console(file=out, width=400, color_system=None),
                              table=TABLE)  # fmt: skip
    session.play_stage(choose)
    before = seen[choose.reason_prompt]
    assert f"Your pick: {wrong}" in before
    # Nothing says the pick is wrong, or which are right, before the reason is asked.
    assert "✗" not in before and "defensible" not in before
    assert all(answer not in before for answer in choose.answers)
    after = out.getvalue()[len(before):]
    assert after.index(f"✗ {wrong}") < after.index("defensible:") < after.index(
        "What the tutor found in your answer")


# ---------------------------------------------------------------- the export


def test_the_export_has_every_part_of_the_attempt() -> None:
    run, _ = play(PASTEBIN, script(PASTEBIN, SINGLE_DB))
    report = markdown_report(run, TABLE)
    assert report.startswith(f"# {PASTEBIN.title}\n")
    assert f"Score: **{run.score:g} / {max_points(PASTEBIN)}**" in report
    design = PASTEBIN.design
    assert design is not None
    mine, reference = to_mermaid(run.graph).rstrip(), to_mermaid(design.graph()).rstrip()
    assert f"## Your design\n\n```mermaid\n{mine}\n```" in report
    assert f"## Reference design\n\n```mermaid\n{reference}\n```" in report
    assert "app -->|read| cache" in report and "db -.->|replication| replica" in report
    estimate = stage(PASTEBIN, "estimate")
    assert all(f"| {LABELS[f]} |" in report for f in estimate.figures)
    assert "| app | 2 |" in report and "busy at peak" in report  # the load table
    assert "The drill: db dies (on your design)." in report
    assert "Target: 10x today's peak." in report and "The fewest that carry it:" in report
    assert "## Your reasons" in report and "(self-assessed)" in report
    free = stage(PASTEBIN, "free")
    assert f"> {free.example}" in report


def test_the_export_and_the_feedback_say_which_loop_rounds_were_mistakes_and_why() -> None:
    item = stage(PASTEBIN, "loop")
    answers = script(PASTEBIN, pb_loop=["more copies of app", "4", "more copies of app", "7"])
    run, _ = play(PASTEBIN, answers)
    result = result_of(run, item)
    assert result.score == item.points * (1 - UNIT)
    # The app tier at 10x on the reference design: its two copies' load spread over 4, 7.
    busy = loop_step(PASTEBIN.design.graph(), loop_spec(PASTEBIN, item), TABLE,  # type: ignore[union-attr]
                     item.target).bottleneck.utilisation  # type: ignore[union-attr]  # fmt: skip
    at = {n: f"{busy * 2 / n * 100:.0f}%" for n in (2, 4, 7)}
    assert at[7] == "91%"
    why = f"app at {at[4]} with x4: still past full; app x7 brings it to {at[7]} (+5)."
    assert result.feedback == [f"round 1, not enough: {why}"]
    report = markdown_report(run, TABLE)
    assert f"1. app buckled ({at[2]}): run app x4 (+2). Mistake, not enough: {why}" in report
    assert (f"2. app buckled ({at[4]}): run app x7 (+3). Right: app at {at[7]} with x7: fits "
            "(+3).") in report  # fmt: skip
    assert "Result: carries the target, 5 machines added, 1 mistake." in report


def test_the_export_never_carries_a_control_character() -> None:
    free = stage(PASTEBIN, "free")
    answers = script(PASTEBIN, pb_improvement=["one \x1b[2J database\x07", "", []])
    run, _ = play(PASTEBIN, answers)
    report = markdown_report(run, TABLE)
    assert "\x1b" not in report and "\x07" not in report
    assert "one ?[2J database?" in report
    assert result_of(run, free).answer.startswith("one \x1b")  # kept as typed in the attempt


@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_the_numbered_headings_count_on_without_a_gap(name: str) -> None:
    # A learner who sees "5." then "7." looks for the step they missed.
    exercise = EXERCISES[name]
    titles = [getattr(item, "title", None) or "" for item in exercise.stages]
    numbers = [int(t.split(".")[0]) for t in titles if t[:1].isdigit()]
    assert numbers == list(range(1, len(numbers) + 1))
    words = {"Five": 5, "Six": 6, "Seven": 7, "Eight": 8, "Nine": 9}
    said = [n for word, n in words.items() if f"{word} steps" in exercise.summary]
    assert all(n == len(numbers) for n in said), exercise.summary


# ---------------------------------------------------------------- the design's own points

SPOF_POINT = "The single database is a single point of failure"
LONE_BOX = "Another block runs as one box"
EXPIRY_ONLY = "Pastes never expire, so storage grows without end."


def improvement(lines: list[str], answer: str = EXPIRY_ONLY) -> tuple[Any, str]:
    """Pastebin on the design `lines`, the weakness named without its fix."""
    run, output = play(PASTEBIN, script(PASTEBIN, lines,
                                        pb_improvement=[answer, "", ScriptedAsker.KEEP]))
    return result_of(run, stage(PASTEBIN, "free")), flat(output)


def test_a_weakness_the_design_does_not_have_is_not_listed_as_missed() -> None:
    result, said = improvement(PASTEBIN_LINES)  # db ~> replica, lb, app x2
    assert result.score < result.points  # the expiry's fix is still missing
    missing = " ".join(result.feedback)
    assert "Fix: an expiry (TTL) and a cleanup job" in missing
    assert SPOF_POINT not in missing
    assert f"not a weakness of your design, which has db ~> replica: {SPOF_POINT}" in said
    assert "not made: " in said and SPOF_POINT not in said.partition("not made: ")[2]
    # A managed load balancer and two app servers: no block runs as one box.
    assert LONE_BOX not in missing
    assert ("not a weakness of your design, which has lb, a managed load balancer redundant "
            f"within its provider, app x2: {LONE_BOX}") in said


def test_two_load_balancers_and_two_app_servers_settle_the_lone_box() -> None:
    lines = [line.replace("lb ->", "lb x2 ->") for line in PASTEBIN_LINES]
    assert lines != PASTEBIN_LINES
    result, said = improvement(lines)
    assert LONE_BOX not in " ".join(result.feedback)
    assert f"not a weakness of your design, which has lb x2, app x2: {LONE_BOX}" in said


def test_a_weakness_the_design_has_is_still_missed() -> None:
    result, said = improvement(SINGLE_DB, "It might break somehow.")
    assert SPOF_POINT in " ".join(result.feedback)  # among the answers open to it
    assert "which has db" not in said
    result, said = improvement(SINGLE_DB)  # the expiry named: its fix is what is missing
    assert result.feedback == ["self-assessed", "missing: Fix: an expiry (TTL) and a cleanup job"]


# ---------------------------------------------------------------- stage titles


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_the_score_table_names_a_question_stage_by_its_own_short_title(exercise_id: str) -> None:
    exercise = EXERCISES[exercise_id]
    run, output = play(exercise, script(exercise))
    questions = [item for item in exercise.stages if item.kind == "question"]
    assert questions, "every shipped exercise has a question stage"
    for item in questions:
        assert item.title and len(item.title) <= 40
        assert result_of(run, item).title == item.title
        assert item.title in output
        # Not the prompt cut short, as it was before stages had titles.
        assert not result_of(run, item).title.endswith("...")


def test_a_question_stage_without_a_title_is_refused_with_its_fix(tmp_path: Any) -> None:
    from sysdesign_cli.core.loader import builtin_dir
    from sysdesign_cli.core.validation import validate

    text = (builtin_dir() / "exercises" / "pastebin.yaml").read_text()
    line = '    title: "Read-heavy or write-heavy"\n'
    assert text.count(line) == 1
    folder = tmp_path / "extra" / "exercises"
    folder.mkdir(parents=True)
    path = folder / "pastebin.yaml"
    path.write_text(text.replace(line, ""))
    messages = [str(problem) for problem in validate(path)]
    assert len(messages) == 1, messages
    assert "question stage 'pb-read-heavy' needs a `title:`" in messages[0]
