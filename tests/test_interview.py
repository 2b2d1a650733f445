"""Scripted learners through mock interviews: each step, whole rounds per scenario, the
clock, stop and resume, and the review cards a round leaves.

Every answer is derived from the scenario YAML and the engine (tests/interview_answers.py)."""

from __future__ import annotations

import io
import json
import random
from typing import Any

import pytest
from exercise_answers import TABLE, load_answer, spec
from interview_answers import INTERVIEWS, good_questions, round_script
from rich.console import Console

from sysdesign_cli.core import interview_score as scoring
from sysdesign_cli.core.graph.text import parse_text
from sysdesign_cli.sessions.asker import EndOfInput
from sysdesign_cli.sessions.interview import InterviewRound, InterviewSession
from sysdesign_cli.sessions.scripted_asker import ScriptedAsker

PASTEBIN = INTERVIEWS["pastebin"]


class Ticks:
    """A fake clock: each reading moves time on by `step` seconds."""

    def __init__(self, step: float = 1.0) -> None:
        self.at, self.step = 0.0, step

    def __call__(self) -> float:
        self.at += self.step
        return self.at


def play(interview: Any, answers: list[Any], *, round: InterviewRound | None = None,
         minutes: int = 45, tick: float = 1.0,
         saved: list[dict[str, Any]] | None = None,
         ) -> tuple[InterviewRound, str, ScriptedAsker]:  # fmt: skip
    out = io.StringIO()
    console = Console(file=out, width=120, color_system=None)
    asker = ScriptedAsker(answers)
    session = InterviewSession(interview, asker, console, minutes=minutes, round=round,
                               save=saved.append if saved is not None else None, table=TABLE,
                               now=Ticks(tick), rng=random.Random(7))  # fmt: skip
    finished = session.play()
    assert asker.answers == [], "the script gave more answers than the round asked for"
    return finished, " ".join(out.getvalue().split()), asker


@pytest.mark.parametrize("name", sorted(INTERVIEWS))
def test_a_learner_who_does_everything_right_gets_full_marks(name: str) -> None:
    interview = INTERVIEWS[name]
    finished, out, _ = play(interview, round_script(interview))
    assert finished.finished
    assert finished.max_score == sum(points for _, _, points, _ in finished.step_scores())
    assert finished.score == finished.max_score
    assert [title for title, *_ in finished.step_scores()] == [t for _, t, _ in scoring.STEPS]
    assert all(share == 1.0 for _, share in scoring.behaviours(finished.fractions()))
    assert finished.cards() == []
    # Every step is followed by its model answer.
    for part in ("estimate", "design", "bottleneck", "drill", "trade_off", "wrap_up"):
        assert " ".join(interview.stage(part).explanation.split()) in out
    assert " ".join(interview.clarify.explanation.split()) in out


class ReadingAsker(ScriptedAsker):
    """A scripted learner that notes, at each pause, what had been printed by then."""

    def __init__(self, answers: list[Any], out: io.StringIO) -> None:
        super().__init__(answers)
        self.out = out
        self.pauses: list[tuple[str, str]] = []

    def pause(self, prompt: str = "Press Enter to continue") -> None:
        super().pause(prompt)
        self.pauses.append((prompt, " ".join(self.out.getvalue().split())))


def test_each_part_waits_for_the_learner_after_its_model_answer() -> None:
    # At 80x24 a part's verdict and model answer scrolled away under the next question
    # before they could be read: the round now waits after each part, saying what is next.
    out = io.StringIO()
    asker = ReadingAsker(round_script(PASTEBIN), out)
    InterviewSession(PASTEBIN, asker, Console(file=out, width=80, color_system=None),
                     table=TABLE, now=Ticks(), rng=random.Random(7)).play()  # fmt: skip
    assert [prompt.split("] ", 1)[1] for prompt, _ in asker.pauses] == [
        "Press Enter to go on to 2. Estimate",
        "Press Enter to go on to 3. High-level design",
        "Press Enter to go on to 4. Deep dive",
        "Press Enter for the next question",
        "Press Enter for the next question",
        "Press Enter to go on to 5. Wrap-up",
        "Press Enter for your result",
    ]
    assert all(prompt.startswith("[step ") for prompt, _ in asker.pauses)  # the clock too
    answers = [PASTEBIN.clarify.explanation,
               *(PASTEBIN.stage(part).explanation for part in scoring.PARTS[1:])]
    following = [PASTEBIN.stage(part).prompt for part in scoring.PARTS[1:]]
    for index, (_, shown) in enumerate(asker.pauses):
        assert " ".join(answers[index].split()) in shown  # the model answer is out...
        if index < len(following):  # ... and the next part comes only after the pause
            start = " ".join(following[index].replace("*", "").split())[:30]
            assert start not in shown
            assert start in " ".join(out.getvalue().split()) + " ".join(asker.prompts)
    assert f"{PASTEBIN.title}: " not in asker.pauses[-1][1]  # the result after the last


def test_clarify_the_interviewer_answers_each_question_asked() -> None:
    clarify = PASTEBIN.clarify
    asked = clarify.mattering()[:2]
    finished, out, _asker = play(PASTEBIN, round_script(PASTEBIN, [q.ask for q in asked]))
    for q in asked:
        assert f"You: {q.ask} Interviewer: {q.answer}" in out
    # The ones that matter and were not asked are told afterwards, with the answers.
    for q in clarify.mattering()[2:]:
        assert f"{q.ask} {q.answer}" in out
    assert finished.clarified is not None
    assert finished.clarified.missed == [q.about for q in clarify.mattering()[2:]]
    assert finished.clarified.score == clarify.points * 2 / len(clarify.mattering())


class Seeing(ScriptedAsker):
    """A scripted asker that keeps the choices of every checkbox."""

    def checkbox(self, prompt: str, choices: Any, allow_none: bool = False) -> list[str]:
        self.seen = list(choices)
        return super().checkbox(prompt, choices, allow_none)


def test_clarify_choices_are_shuffled_anew_each_round() -> None:
    orders = []
    for seed in range(5):
        asker = Seeing([EndOfInput])
        session = InterviewSession(PASTEBIN, asker, Console(file=io.StringIO()),
                                   rng=random.Random(seed))  # fmt: skip
        with pytest.raises(EndOfInput):
            session.play()
        assert sorted(asker.seen[:-1]) == sorted(q.ask for q in PASTEBIN.clarify.questions)
        assert asker.seen[-1] == scoring.START  # "start drawing" always last
        orders.append(tuple(asker.seen))
    assert len(set(orders)) > 1


@pytest.mark.parametrize(("picks", "expected"), [
    ([scoring.START], 0.0),  # straight to the design
    ([], 0.0),  # asked nothing
    ("all-and-start", 10 * (1 - scoring.JUMP_COST)),  # asked, but started drawing too
    ("all-and-idle", 10 * (1 - scoring.IDLE_COST / 3)),  # one idle question of three
])
def test_jumping_to_the_design_or_asking_what_does_not_matter_costs(
    picks: Any, expected: float
) -> None:
    step = PASTEBIN.clarify
    good = good_questions(PASTEBIN)
    if picks == "all-and-start":
        picks = [*good, scoring.START]
    elif picks == "all-and-idle":
        picks = [*good, step.idle()[0].ask]
    result = scoring.grade_clarify(step, picks)
    assert result.score == pytest.approx(expected, abs=0.01)
    assert result.jumped == (not picks or scoring.START in picks)


def test_a_jump_is_said_out_loud() -> None:
    finished, out, _ = play(PASTEBIN, round_script(PASTEBIN, [scoring.START]))
    assert "You went to the design before the requirements were clear" in out
    assert finished.clarified is not None and finished.clarified.score == 0
    assert finished.fractions()["clarify"] == 0
    behaviours = dict(scoring.behaviours(finished.fractions()))
    assert behaviours["Clarify requirements and scale first"] == 0.0
    assert set(finished.cards()) == {f"iv-pastebin-ask-{q.about}"
                                     for q in PASTEBIN.clarify.mattering()}  # fmt: skip


def test_every_prompt_carries_the_clock_and_each_step_its_time() -> None:
    _, out, asker = play(PASTEBIN, round_script(PASTEBIN))
    asked = [p for p in asker.prompts if p != "Press Enter to continue"]
    assert asked and all(p.startswith("[step ") and " of 45:00" in p for p in asked)
    assert out.count("Time on this step:") == len(scoring.STEPS)
    assert "2. Estimate (about 6:45;" in out  # 15% of 45 minutes


def test_over_time_is_noted_costs_a_little_and_never_stops_the_round() -> None:
    answers = round_script(PASTEBIN)
    finished, out, asker = play(PASTEBIN, answers, minutes=1, tick=5.0)
    assert finished.finished  # every part played
    assert "You are over time" in out
    assert " over time] " in asker.prompts[-1]
    earned = sum(score for _, score, _, _ in finished.step_scores())
    assert finished.overtime == round(scoring.OVERTIME_COST * finished.max_score, 2)
    assert finished.score == round(earned - finished.overtime, 2)
    assert 0 < finished.overtime < 0.1 * finished.max_score


def test_a_missed_trade_off_point_becomes_a_card_and_the_rest_do_not() -> None:
    stage = PASTEBIN.trade_off
    lag = next(p.point for p in stage.rubric.points if p.id == "lag")
    answers = round_script(PASTEBIN, iv_pb_trade_off=["It lags a little behind.", "", [lag]])
    finished, _, _ = play(PASTEBIN, answers)
    cards = finished.cards()
    assert "iv-pastebin-iv-pb-trade-off-lag" not in cards
    assert {"iv-pastebin-iv-pb-trade-off-fast-available",
            "iv-pastebin-iv-pb-trade-off-acceptable"} <= set(cards)  # fmt: skip
    result = finished.results()["trade_off"]
    assert result.score < result.points
    behaviours = dict(scoring.behaviours(finished.fractions()))
    assert behaviours["Name trade-offs out loud"] == round(result.score / result.points, 2)


def test_a_complete_wrap_up_leaves_no_card_for_the_other_right_answers() -> None:
    rubric = PASTEBIN.wrap_up.rubric
    assert scoring.missed_points(rubric, ["spof", "replica"], []) == []
    assert scoring.missed_points(rubric, ["spof"], []) == ["replica"]
    # A contradicted point is missed however it was ticked.
    assert scoring.missed_points(rubric, ["spof", "replica"], ["replica"]) == ["replica"]


def test_stop_mid_round_and_resume_where_it_stopped_with_its_clock() -> None:
    answers = round_script(PASTEBIN)
    saved: list[dict[str, Any]] = []
    cut = 1 + len(PASTEBIN.estimate.figures)  # clarify and the estimate, then gone
    with pytest.raises(EndOfInput):
        play(PASTEBIN, [*answers[:cut], EndOfInput], saved=saved)
    state = saved[-1]
    assert state["next_part"] == 2 and not state["finished"]
    assert state["seconds"]["clarify"] > 0 and state["seconds"]["estimate"] > 0
    again = InterviewRound.from_json(PASTEBIN, json.loads(json.dumps(state)))
    finished, out, _asker = play(PASTEBIN, answers[cut:], round=again)
    assert "Resuming at 3. High-level design" in out
    assert finished.score == finished.max_score
    assert finished.seconds["clarify"] == state["seconds"]["clarify"]


def test_a_saved_round_of_another_scenario_is_refused() -> None:
    finished, _, _ = play(PASTEBIN, round_script(PASTEBIN))
    with pytest.raises(ValueError):
        InterviewRound.from_json(INTERVIEWS["photo-sharing"], finished.to_json())


def test_the_saved_result_has_steps_behaviours_time_and_study() -> None:
    finished, _, _ = play(PASTEBIN, round_script(PASTEBIN, [scoring.START]))
    data = finished.to_json()
    assert [row[0] for row in data["steps"]] == [t for _, t, _ in scoring.STEPS]
    assert all(row[3] > 0 for row in data["steps"])  # time used per step
    assert [row[0] for row in data["behaviours"]] == [name for name, _ in scoring.BEHAVIOURS]
    assert data["study"] == list(PASTEBIN.study)
    assert data["score"] == finished.score < data["max_score"]


def test_the_design_step_counts_its_findings() -> None:
    lines = ["client -> lb -> app", "app -> db : read, write", "app -> cache : read"]
    finished, _out, _ = play(PASTEBIN, round_script(PASTEBIN, design=lines))
    result = finished.results()["design"]
    assert result.data["findings"]
    assert result.score < result.points
    behaviours = dict(scoring.behaviours(finished.fractions()))
    assert behaviours["Start simple; justify each block"] == round(result.score / result.points, 2)


VIDEO = INTERVIEWS["video-delivery"]


def test_video_bottleneck_is_loaded_with_the_estimates_evening_peak() -> None:
    result = VIDEO.estimate.result()
    loaded = {flow.flow: flow for flow in spec(VIDEO.exercise(), VIDEO.bottleneck).flows}
    # A billion hours a day in 4-second segments, 3x at the evening peak, 2 MB each.
    assert loaded["watch"].rate == pytest.approx(1e9 * 3600 / 4 / 86_400 * 3)
    assert loaded["watch"].payload == 2_000_000
    assert result.peak_bandwidth_out_bytes_per_second == pytest.approx(62.5e12, rel=0.01)
    # On the CDN the blocks you run carry only publishing: none gives way within 10x.
    assert load_answer(VIDEO.exercise(), VIDEO.bottleneck) == "None of them, even at 10x"
    # Segments through app servers make the app servers give way at once.
    through_app = ["viewer -> lb -> app x2 : watch", "app -> origin : watch",
                   "creator -> origin : upload", "creator -> lb : publish",
                   "app -> db : publish", "app -> queue : publish",
                   "queue => encoder : publish", "encoder -> origin : publish"]  # fmt: skip
    graph = parse_text("\n".join(through_app))
    assert load_answer(VIDEO.exercise(), VIDEO.bottleneck, graph) == "app"
    finished, out, _ = play(VIDEO, round_script(VIDEO, design=through_app))
    assert "The engine's answer: app." in out
    assert finished.results()["bottleneck"].score == finished.results()["bottleneck"].points
    assert finished.results()["design"].data["findings"]  # the CDN rule is broken


def test_video_trade_off_reads_quality_latency_and_cost() -> None:
    stage = VIDEO.trade_off
    quality_only = "Always send the highest quality, whatever it costs."
    finished, _, _ = play(VIDEO, round_script(VIDEO, iv_vd_trade_off=[quality_only, "", []]))
    result = finished.results()["trade_off"]
    assert result.score == 0
    missed = {f"iv-video-delivery-iv-vd-trade-off-{p.id}" for p in stage.rubric.points}
    assert missed <= set(finished.cards())


def test_clarify_points_are_said_to_one_decimal_as_a_learner_reads_them() -> None:
    picks = [*good_questions(PASTEBIN), PASTEBIN.clarify.idle()[0].ask]  # 8.33 of 10
    finished, out, _ = play(PASTEBIN, round_script(PASTEBIN, picks))
    assert finished.clarified is not None
    assert finished.clarified.score == pytest.approx(8.33)
    matter = len(PASTEBIN.clarify.mattering())
    assert (f"Clarify: 8.3 / 10 ({matter} of the {matter} questions that matter; 1 that does "
            "not, at a cost).") in out  # fmt: skip
    assert "8.33" not in out


def test_the_clarify_score_says_how_it_came_about() -> None:
    matter = len(PASTEBIN.clarify.mattering())
    _, out, _ = play(PASTEBIN, round_script(PASTEBIN, [scoring.START]))
    assert (f"Clarify: 0 / 10 (0 of the {matter} questions that matter; going to the design "
            "first costs).") in out  # fmt: skip
