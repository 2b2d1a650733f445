"""`sysdesign interview` in a real pseudo-terminal, one round per kind of scenario: a
worked system (Pastebin: a database behind a cache), an open practice scenario (video
delivery: the CDN lane) and one behind a log (stock trading: orders queued for the
matching engines). The clarifying questions ticked in the checkbox, the figures typed,
the design typed with a Tab completion, the deep dive and the wrap-up; Pastebin is
stopped with Ctrl-C in the middle and the same command goes on where it stopped; what
the stock-trading round missed comes back in `quiz --due` the next day.

Every key is worked out from the scenario YAML and the engine; before each key the test
waits for the widget's own instruction text, since keys sent before a widget is drawn are
lost under load.
"""

from __future__ import annotations

from typing import Any

import pytest
from exercise_answers import TABLE, reference_lines, right_answers, spec
from interview_answers import INTERVIEWS, good_questions

from sysdesign_cli.core import interview_score as scoring
from sysdesign_cli.core.estimate_figures import LABELS, format_figure
from sysdesign_cli.core.graph.load import load
from sysdesign_cli.core.interviews import Interview
from sysdesign_cli.sessions.ask import shuffled
from sysdesign_cli.sessions.bottleneck import none_choice

pexpect = pytest.importorskip("pexpect")

import pty_session  # noqa: E402
from pty_session import CTRL_C, DOWN, ENTER, SPACE, pick, see, tick  # noqa: E402

pytestmark = pytest.mark.pty

EDGE = "Next edge (or undo, show, help, done)"
KEEP = "Tick the key points your answer made (self-assessed)"


def spawn(*args: str) -> Any:
    return pty_session.spawn(*args, dimensions=(40, 120))


def go_on(child: Any, to: str) -> None:
    """Enter at the pause after a part, once it is drawn (`to`: what it leads to)."""
    see(child, f"Press Enter {to}; q to stop")
    child.send(ENTER)


def clarify(child: Any, interview: Interview, asked: list[str] | None = None) -> None:
    asks = [q.ask for q in interview.clarify.questions]
    order = [*shuffled(asks, f"iv-{interview.id}-clarify"), scoring.START]
    tick(child, order, good_questions(interview) if asked is None else asked)
    if asked is None:
        matter = len(interview.clarify.mattering())
        see(child, f"Clarify: {interview.clarify.points} / {interview.clarify.points} "
                   f"({matter} of the {matter} questions that matter).")  # fmt: skip
    else:
        see(child, "Clarify: ")
    go_on(child, "to go on to 2. Estimate")


def estimate(child: Any, interview: Interview) -> None:
    stage = interview.estimate
    result = stage.result()
    for figure in stage.figures:
        label = LABELS[figure]
        see(child, f"Your figure for {label[:1].lower()}{label[1:]}?")  # "peak QPS" kept
        child.send(format_figure(figure, getattr(result, figure)) + ENTER)
        child.expect_exact("Good: within 2x.")
    go_on(child, "to go on to 3. High-level design")


def design(child: Any, interview: Interview) -> None:
    """The reference typed line by line, its first block completed by Tab."""
    first, *rest = reference_lines(interview.exercise())
    name = first.split()[0]
    child.expect_exact(EDGE)
    child.send(name[:3] + "\t" + first[len(name):] + ENTER)
    child.expect_exact("Your design so far")
    for line in rest:
        child.expect_exact(EDGE)
        child.send(line + ENTER)
        child.expect_exact("Your design so far")
    child.expect_exact(EDGE)
    child.send("done" + ENTER)
    see(child, "Checks: no findings.")
    go_on(child, "to go on to 4. Deep dive")


def say(child: Any, stage: Any, to: str) -> None:
    """A spoken answer (the model answer itself), the tutor's ticks kept."""
    see(child, stage.prompt.strip()[:30])
    child.send(stage.example + ENTER)
    see(child, KEEP)
    child.send(ENTER)
    child.expect_exact("Your points (self-assessed)")
    go_on(child, to)


def bottleneck_choices(interview: Interview) -> list[str]:
    exercise = interview.exercise()
    report = load(interview.design.graph(), spec(exercise, interview.bottleneck), TABLE)
    rated = [block.name for block in report.blocks if block.utilisation is not None]
    # Shuffled as every choice is, in the order SYSDESIGN_SEED fixes for the stage.
    return shuffled([*rated, none_choice(interview.bottleneck.factors)], interview.bottleneck.id)


def deep_dive_and_wrap_up(child: Any, interview: Interview, guess: str | None = None) -> None:
    """The deep dive and the wrap-up answered right; with `guess`, the bottleneck is
    guessed so at every try."""
    exercise = interview.exercise()
    (first,) = right_answers(exercise, interview.bottleneck)
    if guess is None:
        pick(child, bottleneck_choices(interview), first)
        see(child, f"✓ The engine's answer: {first}.")
    else:
        for _ in range(len(interview.bottleneck.hints) + 1):
            pick(child, bottleneck_choices(interview), guess)
        see(child, f"✗ The engine's answer: {first}.")
    go_on(child, "for the next question")
    (survivors,) = right_answers(exercise, interview.drill)
    tick(child, shuffled(list(interview.design.checked_flows()), interview.drill.id), survivors)
    see(child, "✓ Still working:")
    go_on(child, "for the next question")
    say(child, interview.trade_off, "to go on to 5. Wrap-up")
    say(child, interview.wrap_up, "for your result")


def finish(child: Any, interview: Interview) -> str:
    child.expect_exact(f"{interview.title}: ")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    shown = " ".join(pty_session.screen_text(child).split())
    assert "Traceback" not in shown
    return shown


def full_marks(interview: Interview) -> int:
    parts = [interview.stage(part).points for part in scoring.PARTS[1:]]
    return interview.clarify.points + sum(parts)


def test_an_open_scenario_played_whole_in_a_terminal() -> None:
    video = INTERVIEWS["video-delivery"]
    child = spawn("interview", "video-delivery")
    clarify(child, video)
    estimate(child, video)
    design(child, video)
    deep_dive_and_wrap_up(child, video)
    shown = finish(child, video)
    total = full_marks(video)
    assert f"{video.title}: {total:g} / {total}" in shown
    assert "[step 0:" in shown and "of 45:00]" in shown  # the clock at the prompts
    for part in ("estimate", "trade_off", "wrap_up"):  # each model answer, in its turn
        assert " ".join(video.stage(part).explanation.split()) in shown


def test_a_worked_system_stopped_with_ctrl_c_and_resumed() -> None:
    pastebin = INTERVIEWS["pastebin"]
    child = spawn("interview", "pastebin")
    clarify(child, pastebin)
    estimate(child, pastebin)
    design(child, pastebin)
    child.expect_exact("Traffic grows to")
    child.expect_exact(bottleneck_choices(pastebin)[-1])
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    stopped = " ".join(pty_session.screen_text(child).split())
    assert "run `sysdesign interview pastebin` to go on" in stopped
    assert "Traceback" not in stopped

    again = spawn("interview", "pastebin")
    again.expect_exact("Resuming at 4. Deep dive")
    deep_dive_and_wrap_up(again, pastebin)
    shown = finish(again, pastebin)
    total = full_marks(pastebin)
    assert f"{pastebin.title}: {total:g} / {total}" in shown

    listed = spawn("interview")
    listed.expect(pexpect.EOF)
    assert f"{total:g} / {total}" in pty_session.screen_text(listed)


def test_a_round_behind_a_log_and_its_misses_the_next_day() -> None:
    from datetime import datetime, timedelta, timezone

    from sysdesign_cli.core.interview_cards import deep_dive_ids, review_questions
    from sysdesign_cli.store import Store
    from sysdesign_cli.store.schema import timestamp

    trading = INTERVIEWS["stock-trading"]
    matter = trading.clarify.mattering()
    skipped = matter[-1]
    child = spawn("interview", "stock-trading")
    clarify(child, trading, [q.ask for q in matter[:-1]])
    estimate(child, trading)
    design(child, trading)
    deep_dive_and_wrap_up(child, trading, guess="matcher")  # the fast one, never first
    shown = finish(child, trading)
    assert f"What you did not ask, and would have been told: {skipped.ask}" in shown
    # The missed bottleneck leaves every bottleneck card of the scenario's designs.
    bottleneck = deep_dive_ids(trading, "bottleneck", TABLE)
    cards = {scoring.ask_card_id(trading, skipped.about), *bottleneck}
    assert len(bottleneck) >= 2
    # Cards, not points: the one missed bottleneck left one card per design.
    assert (f"{len(cards)} review cards of what you missed come back in sysdesign quiz --due "
            "from a minute now.") in shown  # fmt: skip
    # The matcher is sized as a matching engine: far from full, as the model answer says.
    assert "100,000/s" in shown

    yesterday = datetime.now(timezone.utc) - timedelta(days=1)
    with Store.open() as store:
        assert store.card_ids() == cards
        with store._write() as conn:  # the next day: all are due at once
            conn.execute("UPDATE cards SET due = ?", (timestamp(yesterday),))
    questions = review_questions(trading, cards, TABLE)
    quiz = spawn("quiz", "--due")
    for qid in sorted(cards):  # due at one time: asked in the order of their ids
        question = questions[qid]
        quiz.expect_exact(question.prompt.strip().splitlines()[-1][-40:])
        pick(quiz, shuffled(list(question.choices), question.id), question.answer)
        see(quiz, "✓")
    see(quiz, f"Score: {len(cards)} / {len(cards)}")
    quiz.expect(pexpect.EOF)
    quiz.close()
    assert quiz.exitstatus == 0


def test_enter_on_the_untouched_clarify_list_says_why_and_keeps_the_pointer() -> None:
    """At 80x24, as a new learner: Enter with nothing ticked is refused with a line that says
    how to tick; two arrows down and space then tick the third question as drawn, and the
    saved round holds exactly that one."""
    import json

    from sysdesign_cli.sessions.ask import figure_validator
    from sysdesign_cli.sessions.terminal_asker import NOTHING_TICKED
    from sysdesign_cli.store import Store

    pastebin = INTERVIEWS["pastebin"]
    asks = [q.ask for q in pastebin.clarify.questions]
    order = [*shuffled(asks, f"iv-{pastebin.id}-clarify"), scoring.START]
    child = pty_session.spawn("interview", "pastebin", dimensions=(24, 80))
    see(child, "(space to pick)")
    child.expect_exact(order[-1])  # the whole list is drawn
    child.send(ENTER)
    see(child, NOTHING_TICKED)
    child.send(DOWN)
    child.send(DOWN)
    child.send(SPACE)
    child.expect_exact("●")  # the tick is drawn before Enter is pressed
    child.send(ENTER)
    see(child, f"You: {order[2]}")
    go_on(child, "to go on to 2. Estimate")  # what the interviewer said stays in view till then
    # A typed answer refused says why the same way, under the line typed.
    figure = pastebin.estimate.figures[0]
    truth = getattr(pastebin.estimate.result(), figure)
    see(child, "Your figure for")
    child.send("lots" + ENTER)
    see(child, figure_validator(figure, truth=truth)("lots") or "(accepted)")
    child.send(CTRL_C)  # the clarify step is saved: stop the round here
    child.expect(pexpect.EOF)
    child.close()
    with Store.open() as store:
        saved = json.loads(store.attempt("interview", "pastebin") or "{}")
    assert saved["clarify"]["asked"] == [order[2]]
    shown = pty_session.screen_text(child)
    assert shown.count(NOTHING_TICKED) == 1  # said once, on one line
