"""Interview scenarios as data: the shipped ones load, and `validate` names a broken
one's file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from sysdesign_cli.cli.app import app
from sysdesign_cli.core.interviews import Interview
from sysdesign_cli.core.loader import builtin_dir, load_curriculum, load_file
from sysdesign_cli.core.rubric import whole_points
from sysdesign_cli.core.validation import validate

SHIPPED = sorted((builtin_dir() / "interviews").glob("*.yaml"))


def test_shipped_interviews_load_without_problems() -> None:
    found = load_curriculum()
    assert not [p for p in found.problems if "interviews" in str(p.path)]
    assert {"pastebin", "photo-sharing"} <= set(found.interviews)
    assert found.ordered_interviews()[0].id == "pastebin"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_each_scenario_mixes_questions_and_runs_as_an_exercise(path: Path) -> None:
    interview, problems = load_file(path)
    assert problems == []
    assert isinstance(interview, Interview)
    clarify = interview.clarify
    assert len(clarify.mattering()) >= 2 and len(clarify.idle()) >= 2
    stages = [stage.kind for stage in interview.exercise().stages]
    assert stages == ["estimate", "design", "load", "drill", "free", "free"]
    # Every point of a free answer has its own wrong claims (they make its review card),
    # none of them a point; every question that matters has its own decoys.
    for part in (interview.trade_off, interview.wrap_up):
        # (a point only of an answer worth half comes back as no card: it has none)
        points = {p.point.casefold() for p in whole_points(part.rubric)}
        assert set(part.wrong) == {p.id for p in whole_points(part.rubric)}
        claims = [claim.casefold() for listed in part.wrong.values() for claim in listed]
        assert len(claims) >= 3 * len(points) and not points & set(claims)
    assert all(len(q.decoys) >= 3 for q in clarify.mattering())
    assert all(q.decoys == [] for q in clarify.idle())


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = (builtin_dir() / "interviews" / "pastebin.yaml").read_text()
    assert old in text
    folder = tmp_path / "extra" / "interviews"
    folder.mkdir(parents=True)
    path = folder / "pastebin.yaml"
    path.write_text(text.replace(old, new, 1))
    return path


def test_unknown_key_is_named_with_file_line_and_field(tmp_path: Path) -> None:
    path = _broken(tmp_path, "  kill: db\n", "  kill: db\n  colour: red\n")
    problems = validate(path)
    assert len(problems) == 1
    text = str(problems[0])
    line = path.read_text().splitlines().index("  colour: red") + 1
    assert text.startswith(f"{path}:{line}: drill.colour:")


def test_clarify_without_idle_questions_is_refused(tmp_path: Path) -> None:
    text = (builtin_dir() / "interviews" / "pastebin.yaml").read_text()
    start = text.index("    - ask: Which programming language")
    end = text.index("  explanation: >-\n    Scale, the read/write")
    path = _broken(tmp_path, text[start:end], "")
    messages = [str(p) for p in validate(path)]
    assert len(messages) == 1
    assert "clarify.questions" in messages[0] and "two that do not" in messages[0]


def test_a_dangling_study_lesson_is_named(tmp_path: Path) -> None:
    path = _broken(tmp_path, "study: [pastebin-on-paper,", "study: [pastebin-on-papr,")
    messages = [str(p) for p in validate(path.parent.parent)]
    assert any("study[0]" in m and "unknown lesson 'pastebin-on-papr'" in m
               and "did you mean 'pastebin-on-paper'" in m for m in messages)  # fmt: skip


def test_a_drill_the_reference_cannot_run_is_refused(tmp_path: Path) -> None:
    path = _broken(tmp_path, "  kill: db\n", "  kill: queue\n")
    messages = [str(p) for p in validate(path)]
    assert any("kills 'queue'" in m for m in messages), messages


def test_validate_command_fails_on_a_broken_interview(tmp_path: Path) -> None:
    path = _broken(tmp_path, "  kill: db\n", "  kill: db\n  colour: red\n")
    result = CliRunner().invoke(app, ["validate", str(path.parent.parent)])
    assert result.exit_code == 1
    assert "drill.colour" in result.output


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_the_bottleneck_loads_every_flow_of_the_scenario(path: Path) -> None:
    # Writes must be loaded as writes and reads as reads: an estimate that counts only
    # one kind leaves the other flows idle in the bottleneck step.
    from sysdesign_cli.core.graph.traffic import from_estimate

    interview, _ = load_file(path)
    assert isinstance(interview, Interview)
    loaded = from_estimate(interview.estimate.result(), interview.design.checked_flows())
    idle = [flow.flow for flow in loaded.flows if not flow.rate > 0]
    assert idle == []


def test_each_clarifying_question_is_tagged_by_what_it_decides() -> None:
    trading = load_curriculum().interviews["stock-trading"]
    about = {q.ask: q.about for q in trading.clarify.questions}
    assert about["How big are the spikes?"] == "scale"


@pytest.mark.parametrize("interview", load_curriculum().ordered_interviews(), ids=lambda i: i.id)
def test_questions_that_do_not_matter_read_like_those_that_do(interview: object) -> None:
    """Telling them apart takes knowing what shapes a design: the ones that do not matter
    open the way the ones that matter do ("How many...", "Must..."), and are as long."""
    matter, idle = interview.clarify.mattering(), interview.clarify.idle()
    openers = {question.ask.split()[0] for question in matter}
    assert sum(question.ask.split()[0] in openers for question in idle) >= 2
    mean = lambda questions: sum(len(q.ask) for q in questions) / len(questions)  # noqa: E731
    assert 0.75 <= mean(idle) / mean(matter) <= 1.33


def test_a_flows_own_payload_loads_it_instead_of_the_estimates() -> None:
    from exercise_answers import TABLE

    from sysdesign_cli.core.graph.load import load

    video = load_curriculum().interviews["video-delivery"]
    spec = video.design.load_spec(video.estimate.result())
    payload = {flow.flow: flow.payload for flow in spec.flows}
    # The upload carries the film (the estimate's 1 GB); the publish call only names it.
    assert payload == {"watch": 2e6, "upload": 1e9, "publish": 2e3}
    report = load(video.design.graph(), spec, TABLE)
    publish = next(flow.rate for flow in spec.flows if flow.flow == "publish")
    assert report.block("app").bytes_per_second == pytest.approx(publish * 2e3)
    assert report.block("app").bytes_per_second < 1e6  # not the 15 GB/s of whole films
    # The model answer: the blocks you run carry only publishing and give way last.
    from sysdesign_cli.core.graph.load import growth

    grown = growth(video.design.graph(), spec, TABLE, tuple(video.bottleneck.factors))
    assert grown.at is not None and grown.at > max(video.bottleneck.factors)


@pytest.mark.parametrize("payload", ["2 seconds", "fast", "0 KB"])
def test_a_payload_that_is_not_a_size_is_named(tmp_path: Path, payload: str) -> None:
    path = _broken(tmp_path, "    - {name: write, kind: write}\n",
                   f"    - {{name: write, kind: write, payload: {payload}}}\n")  # fmt: skip
    problems = validate(path)
    assert len(problems) == 1
    written = f"    - {{name: write, kind: write, payload: {payload}}}"
    line = path.read_text().splitlines().index(written) + 1
    assert str(problems[0]).startswith(f"{path}:{line}: design.flows[0].payload: payload ")
    assert "is not a" in str(problems[0])


def test_the_matcher_is_sized_as_a_matching_engine_and_the_model_answer_agrees() -> None:
    from exercise_answers import TABLE

    from sysdesign_cli.core.graph.load import load
    from sysdesign_cli.core.graph.model import Block

    trading = load_curriculum().interviews["stock-trading"]
    graph = trading.design.graph()
    assert graph.block("matcher").kind == "matcher"
    assert TABLE.capacity(Block("m", "matcher")) == (100_000, 100_000)
    assert TABLE.capacity(Block("w", "worker")) == (50, 50)  # other workers unchanged
    # A rule about workers still covers it: the reference passes its own checks.
    from sysdesign_cli.core.graph.checks import check

    assert check(graph, trading.design).findings == ()
    report = load(graph, trading.design.load_spec(trading.estimate.result()), TABLE)
    busy = {block.name: block.utilisation for block in report.blocks}
    # What the model answer says: the quote cache fills first as traffic grows, clearly
    # ahead; the ledger, split into shards, takes every fill at the bell's rate (the log
    # may not hold the opening rush) with room, its standbys beside it; the order servers
    # carry the bell at about half busy; the matchers have room to spare.
    assert report.bottleneck is not None and report.bottleneck.name == "cache"
    assert 0.65 <= busy["cache"] <= 0.72
    assert graph.block("ledger").shards == 32 and 0.35 <= busy["ledger"] <= 0.45
    assert busy["standby"] < busy["ledger"] and busy["matcher"] < 0.1
    assert 0.45 <= busy["app"] <= 0.55 and graph.block("app").count == 140
    assert max(v or 0 for k, v in busy.items() if k != "cache") <= 0.75 * busy["cache"]
    said = " ".join(trading.bottleneck.explanation.split())
    assert "thirty-two shards at about 40%" in said and "the model design's 140" in said
    assert "The first to fill as traffic grows is the quote cache" in said
    assert "at about 70% it is full at about 1.4 times the bell" in said
    assert "matchers are not the problem" in said
    built = " ".join(trading.high_level.explanation.split())
    assert "140 order servers carry it at about half busy" in built


def test_an_unknown_subject_of_a_question_is_named(tmp_path: Path) -> None:
    path = _broken(tmp_path, "  speaks_of: [replica]", "  speaks_of: [replicas]")
    messages = [str(p) for p in validate(path)]
    assert len(messages) == 1
    assert "trade_off.speaks_of" in messages[0] and "'replicas'" in messages[0]


def test_an_answer_worth_half_names_points_of_the_rubric(tmp_path: Path) -> None:
    path = _broken(tmp_path, "    half: [[lone-lb, second-lb]]", "    half: [[lone-lb, third-lb]]")
    messages = [str(p) for p in validate(path)]
    assert len(messages) == 1
    assert "wrap_up.rubric" in messages[0] and "['third-lb']" in messages[0]


def test_a_point_of_a_whole_answer_still_needs_its_wrong_claims(tmp_path: Path) -> None:
    text = (builtin_dir() / "interviews" / "pastebin.yaml").read_text()
    start = text.index("    abuse:\n", text.index("\n  wrong:\n", text.index("\nwrap_up:")))
    end = text.index("    rate-limit:\n", start)
    path = _broken(tmp_path, text[start:end], "")
    messages = [str(p) for p in validate(path)]
    assert any("'abuse' has no wrong claims" in m for m in messages), messages
