"""Every interactive command in a real terminal: a pseudo-terminal at 80x24 and at 120x40,
real keys into the real questionary widgets, and what the screen shows checked at each step;
then Ctrl-C and Ctrl-D at every kind of prompt, TERM=dumb (plain numbered prompts) and
NO_COLOR=1 (no colour codes).

Rich and prompt_toolkit both wrap long lines at the terminal's edge, and prompt_toolkit draws
with cursor moves, so `shows()` turns a text into a pattern that lets escape codes and line
breaks sit between any two characters: the tests wait on the words a learner reads, never on
escape codes. The 120x40 runs set NO_COLOR=1 (one run checks both) and the 80x24 runs keep
colour on, which shows the NO_COLOR check can fail.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from curriculum_answers import right_answer, wrong_answer
from exercise_answers import TABLE, reference_lines, right_answers, spec
from fsrs import Rating

from sysdesign_cli.core.estimate_figures import LABELS, format_figure
from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.core.scheduling import review
from sysdesign_cli.sessions.ask import shuffled
from sysdesign_cli.sessions.terminal_asker import NOTHING_TICKED
from sysdesign_cli.store import Store

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.pty

SYSDESIGN = Path(sys.executable).parent / "sysdesign"
CURRICULUM = load_curriculum()
FIRST = CURRICULUM.ordered_lessons()[0]  # what `sysdesign learn` starts with
WIDGETS = CURRICULUM.lessons["request-lifecycle"]  # has every kind of question
PASTEBIN = CURRICULUM.exercises["pastebin"]
UP, DOWN, SPACE, ENTER, BACKSPACE = "\x1b[A", "\x1b[B", " ", "\r", "\x7f"
CTRL_C, CTRL_D = "\x03", "\x04"
TIMEOUT = 10

ESCAPE = r"(?:\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][A-Z0-9]|\x1b[=>])"
ANY_ESCAPE = re.compile(ESCAPE)
SGR = re.compile(r"\x1b\[([0-9;:]*)m")

SIZES = [
    pytest.param((24, 80), {}, id="80x24"),
    pytest.param((40, 120), {"NO_COLOR": "1"}, id="120x40-no-color"),
]


def shows(text: str) -> re.Pattern[str]:
    """`text` as the terminal draws it: escape codes, line breaks and the indent of a wrapped
    line may fall anywhere (rich wraps at a space, prompt_toolkit at the edge)."""
    gap = rf"(?:{ESCAPE}|\s)"
    return re.compile("".join(
        gap + "+" if char.isspace() else re.escape(char) + gap + "*" for char in text
    ))  # fmt: skip


class Term:
    """One command in a pseudo-terminal, with everything it printed kept."""

    def __init__(self, args: tuple[str, ...], size: tuple[int, int], env: dict[str, str]):
        full = dict(os.environ, TERM="xterm-256color", PROMPT_TOOLKIT_NO_CPR="1")
        # The terminal's own size decides the width, and colour is on unless asked off.
        for name in ("COLUMNS", "LINES", "NO_COLOR"):
            full.pop(name, None)
        full.update(env)
        self.rows, self.cols = size
        self.log = io.StringIO()
        self.child = pexpect.spawn(str(SYSDESIGN), list(args), env=full, dimensions=size,
                                   encoding="utf-8", timeout=TIMEOUT)  # fmt: skip
        self.child.logfile_read = self.log

    def see(self, text: str) -> None:
        """Wait until `text` is on the screen (after whatever was seen before)."""
        self.child.expect(shows(text))

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def type(self, text: str) -> None:
        self.child.send(text + ENTER)

    def ends(self, status: int) -> None:
        """The command exits with `status`, and never shows a traceback."""
        self.child.expect(pexpect.EOF)
        self.child.close()
        assert self.child.exitstatus == status, self.screen[-2000:]
        assert "Traceback" not in self.raw
        assert "Error:" not in self.screen

    @property
    def raw(self) -> str:
        return self.log.getvalue()

    @property
    def screen(self) -> str:
        """What was printed with the escape codes taken out."""
        return ANY_ESCAPE.sub("", self.raw).replace("\r", "")


@pytest.fixture
def run() -> Iterator[Callable[..., Term]]:
    """Start `sysdesign ARGS` in a pseudo-terminal; any left running is killed after."""
    started: list[Term] = []

    def start(*args: str, size: tuple[int, int] = (24, 80), **env: str) -> Term:
        term = Term(args, size, env)
        started.append(term)
        return term

    yield start
    for term in started:
        if term.child.isalive():
            term.child.close(force=True)


def progress_json() -> dict[str, Any]:
    """`sysdesign progress --json`, as a learner would check it."""
    done = subprocess.run([str(SYSDESIGN), "progress", "--json"], capture_output=True,
                          text=True, timeout=TIMEOUT, check=True)  # fmt: skip
    return json.loads(done.stdout)


def lesson_done(lesson_id: str) -> dict[str, Any]:
    return next(item for item in progress_json()["lessons"] if item["id"] == lesson_id)


def colours(raw: str) -> list[str]:
    """The SGR sequences that set a foreground or background colour."""
    found = []
    for match in SGR.finditer(raw):
        # 30-49 and 90-107 set (or reset) a colour; 38/48 start an indexed or RGB one.
        values = [int(p) for p in re.split("[;:]", match.group(1)) if p]
        if any(30 <= value <= 49 or 90 <= value <= 107 for value in values):
            found.append(match.group(0))
    return found


def check_colour(term: Term, env: dict[str, str]) -> None:
    """With NO_COLOR nothing sets a colour (bold, dim, italic and reverse are fine);
    without it, colour is there, so this check can fail."""
    if env.get("NO_COLOR"):
        assert colours(term.raw) == []
    else:
        assert colours(term.raw)


def check_width(term: Term) -> None:
    """A rich rule spans exactly the terminal's width."""
    rules = [line for line in term.screen.split("\n") if line.startswith("────")]
    assert rules, "no rule drawn"
    assert all(len(line.rstrip()) == term.cols for line in rules), rules


def stop_lines(term: Term) -> list[str]:
    """Each line that says how to go on, joined again where the terminal's width broke it
    between words."""
    lines = term.screen.split("\n")
    found = []
    for index, line in enumerate(lines):
        if line.startswith(("Stopped.", "End of")):
            said = [line.rstrip()]
            for more in lines[index + 1 :]:
                if not more.strip() or more.startswith(("Stopped.", "End of")):
                    break
                said.append(more.strip())
            found.append(" ".join(said))
    return found


# ------------------------------------------------------------------ keys for questions


def wait_for(term: Term, step: Any) -> None:
    """Wait until the step's widget is drawn and reading keys."""
    if step.kind == "estimate":
        term.see("Your figure for")
    elif step.type in ("choice", "multi"):
        term.see(shuffled(step.choices, step.id)[-1])  # the whole list is drawn
    elif step.type == "order":
        term.see(shuffled(step.items, step.id, avoid_same=True)[-1])
    else:
        term.see(step.prompt.strip().splitlines()[0][:40])


def answer(term: Term, step: Any, right: bool = True, up: bool = False) -> None:
    """Key in the right (or a wrong) answer to question `step`, one widget at a time;
    `up` reaches a choice with the up arrow, round from the top of the list."""
    value = right_answer(step) if right else wrong_answer(step)
    kind = "estimate" if step.kind == "estimate" else step.type
    wait_for(term, step)
    if kind == "choice":
        shown = shuffled(step.choices, step.id)
        index = shown.index(value)
        term.send((UP * ((len(shown) - index) % len(shown)) if up else DOWN * index) + ENTER)
    elif kind == "multi":
        shown = shuffled(step.choices, step.id)
        term.send("".join((SPACE if choice in value else "") + DOWN for choice in shown) + ENTER)
    elif kind == "order":
        remaining = shuffled(step.items, step.id, avoid_same=True)
        for number, item in enumerate(value[:-1]):
            if number:
                term.see(remaining[-1])
            term.send(DOWN * remaining.index(item) + ENTER)
            remaining.remove(item)
    else:
        term.type(str(value))


def wrong_then_right(term: Term, step: Any) -> None:
    """A wrong answer, the hint and "Try again.", then the right one."""
    assert step.hints, step.id
    answer(term, step, right=False)
    term.see("Hint:")
    term.see(step.hints[0][:30])
    term.see("Try again.")
    answer(term, step)


def take_step(term: Term, lesson: Any, index: int, wrong_first: bool = False) -> None:
    """Do step `index` of `lesson`, right (after one wrong try if asked)."""
    step = lesson.steps[index]
    term.see(f"Step {index + 1}/{len(lesson.steps)}")
    if step.kind not in ("question", "estimate"):
        if index + 1 < len(lesson.steps):
            term.see("Press Enter to continue")
            term.send(ENTER)
        return
    if wrong_first:
        wrong_then_right(term, step)
    else:
        answer(term, step)
    term.see("✓ Right")


# ------------------------------------------------------------------ learn


@pytest.mark.parametrize(("size", "env"), SIZES)
def test_learn_teaches_stops_at_a_checkbox_and_resumes(
    run: Callable[..., Term], size: tuple[int, int], env: dict[str, str]
) -> None:
    steps = FIRST.steps
    first_question = next(i for i, step in enumerate(steps) if step.kind == "question")
    stop = next(i for i, step in enumerate(steps) if getattr(step, "type", "") == "multi")
    asked_before = sum(step.kind == "question" for step in steps[:stop])

    term = run("learn", size=size, **env)
    term.see(FIRST.title)
    for index in range(stop):
        take_step(term, FIRST, index, wrong_first=index == first_question)
    term.see(f"Step {stop + 1}/{len(steps)}")
    wait_for(term, steps[stop])
    # Enter with nothing ticked is refused, not graded, and says why under the list.
    term.send(ENTER)
    term.see(NOTHING_TICKED)
    term.send(SPACE)
    term.see(f"● {shuffled(steps[stop].choices, steps[stop].id)[0]}")  # the same list, ticked
    term.send(DOWN)
    term.send(CTRL_C)
    term.see(f"Stopped. Your progress is saved; run `sysdesign learn {FIRST.id}` to continue")
    term.ends(130)
    assert stop_lines(term) == [
        f"Stopped. Your progress is saved; run `sysdesign learn {FIRST.id}` to continue from "
        "this step."
    ]
    check_width(term)
    check_colour(term, env)
    assert "Not quite." in term.screen
    assert "right answers picked" not in term.screen

    assert lesson_done(FIRST.id)["steps_done"] == stop
    assert progress_json()["answers"] == asked_before

    again = run("learn", size=size, **env)
    again.see(f"(resuming at step {stop + 1})")
    for index in range(stop, len(steps)):
        take_step(again, FIRST, index)
    # The score is the whole lesson's: the questions before the stop count too, and the
    # first of them was answered wrong first.
    asked = len(FIRST.questions())
    again.see(f"Lesson complete: {FIRST.title}")
    again.see(f"{asked - 1} of {asked} questions right on the first try.")
    following = CURRICULUM.ordered_lessons()[1]
    again.see(f"Next: {following.title}")
    again.ends(0)
    check_colour(again, env)

    data = progress_json()
    assert lesson_done(FIRST.id)["completed"]
    assert data["answers"] == len(FIRST.questions())


# ------------------------------------------------------------------ quiz


def short_question(kind: str) -> Any:
    """The first question of type `kind` with a one-line prompt (its hints, however many,
    are shown one per wrong try)."""
    return next(
        question for question, _ in CURRICULUM.questions().values()
        if question.kind == "question" and question.type == kind
        and len(question.prompt.strip()) < 70 and "\n" not in question.prompt.strip()
    )  # fmt: skip


def seed_due(questions: list[Any]) -> None:
    """Review cards for `questions`, missed a day ago and due now, in this order."""
    now = datetime.now(timezone.utc)
    with Store.open() as store:
        for number, question in enumerate(questions):
            card, _ = review(None, question.id, Rating.Again, now - timedelta(days=1))
            store.put_card(question.id, card, now - timedelta(hours=len(questions) - number))


@pytest.mark.parametrize(("size", "env"), SIZES)
def test_quiz_grades_stops_at_a_number_and_goes_on(
    run: Callable[..., Term], size: tuple[int, int], env: dict[str, str]
) -> None:
    choice, multi, number = (short_question(kind) for kind in ("choice", "multi", "number"))
    seed_due([choice, multi, number])

    term = run("quiz", "--due", size=size, **env)
    term.see(f"Question 1/3 [{choice.topic}, due]")
    answer(term, choice, up=True)
    term.see("✓ Right.")
    term.see(" ".join(choice.explanation.split()[:4]))

    term.see(f"Question 2/3 [{multi.topic}, due]")
    for attempt in range(len(multi.hints) + 1):
        answer(term, multi, right=False)
        if attempt < len(multi.hints):
            term.see("Hint:")
            term.see("Try again.")
    term.see("✗ ")
    term.see("The answer:")

    term.see(f"Question 3/3 [{number.topic}, due]")
    wait_for(term, number)
    term.send("87")  # half typed, then the learner stops
    term.send(CTRL_C)
    term.see("Stopped. Your progress is saved; run `sysdesign quiz")
    term.ends(130)
    assert len(stop_lines(term)) == 1
    check_colour(term, env)

    data = progress_json()
    assert data["answers"] == 2
    assert data["answers_by_topic"][choice.topic]["correct"] >= 1

    # The one left unanswered is still due, ahead of anything new.
    again = run("quiz", "--count", "1", size=size, **env)
    again.see(f"Question 1/1 [{number.topic}, due]")
    answer(again, number)
    again.see("✓ Right.")
    again.see("Score: 1 / 1")
    again.see(f"{number.topic}: 1 / 1")
    again.see("Next reviews:")
    again.ends(0)
    check_colour(again, env)
    assert progress_json()["answers"] == 3


# ------------------------------------------------------------------ exercise


EDGE = "Next edge (or undo, show, help, done)"


def stage(kind: str) -> Any:
    return next(item for item in PASTEBIN.stages if item.kind == kind)


def figure_answers() -> list[tuple[str, str, str]]:
    """(label, right, 100x off) for each figure of the estimate stage."""
    scale = stage("estimate")
    result = scale.result()
    return [
        (LABELS[figure].lower(), format_figure(figure, getattr(result, figure)),
         f"{getattr(result, figure) * 100:g}")
        for figure in scale.figures
    ]  # fmt: skip


def load_choices() -> list[str]:
    """The load stage's choices for the reference design, in the order shown (shuffled,
    stable under SYSDESIGN_SEED)."""
    from sysdesign_cli.core.graph.load import load
    from sysdesign_cli.sessions.bottleneck import none_choice

    item = stage("load")
    report = load(PASTEBIN.design.graph(), spec(PASTEBIN, item), TABLE)  # type: ignore[union-attr]
    return shuffled([*(b.name for b in report.blocks if b.utilisation is not None),
                     none_choice(item.factors)], item.id)  # fmt: skip


def loop_choices() -> tuple[list[str], str, str]:
    """The loop's choices at its first round on the reference, the right one and the
    number of copies to type."""
    from sysdesign_cli.core.graph.design_loop import loop_step
    from sysdesign_cli.sessions.fix_loop import STOP, TYPE

    item = stage("loop")
    fix, number = right_answers(PASTEBIN, item)
    step = loop_step(PASTEBIN.design.graph(), spec(PASTEBIN, item), TABLE,  # type: ignore[union-attr]
                     item.target)  # fmt: skip
    from sysdesign_cli.core.graph.loop_offers import offers

    labels = [f.label for f in offers(PASTEBIN.design.graph(), step,  # type: ignore[union-attr]
                                      spec(PASTEBIN, item), TABLE)]  # fmt: skip
    return [*shuffled(labels, f"{item.id}-0"), TYPE, STOP], fix, number


@pytest.mark.parametrize(("size", "env"), SIZES)
def test_exercise_pastebin_start_to_finish(
    run: Callable[..., Term], size: tuple[int, int], env: dict[str, str]
) -> None:
    scale, choose, free = stage("estimate"), stage("choose"), stage("free")
    questions = [item for item in PASTEBIN.stages if item.kind == "question"]
    flows = shuffled(list(PASTEBIN.design.checked_flows()),  # type: ignore[union-attr]
                     stage("drill").id)  # fmt: skip

    term = run("exercise", "pastebin", size=size, **env)
    term.see(PASTEBIN.title)
    for number, (label, right, off) in enumerate(figure_answers()):
        term.see(f"Your figure for {label}?")
        if number == 0:
            term.type(off)
            term.see("Off: more than 10x too high, which is a different design")
            term.see(f"Hint: {scale.hints[0][:30]}")
            term.see("Try again.")
            term.see(f"Your figure for {label}?")
        term.type(right)
        term.see("Good: within 2x.")

    answer(term, questions[0])
    term.see("✓ Right.")

    shown_choices = shuffled(choose.choices, choose.id)  # SYSDESIGN_SEED: the test order
    term.see(shown_choices[-1])
    term.send(DOWN * shown_choices.index(choose.answers[-1]) + ENTER)
    term.see(f"Your pick: {choose.answers[-1]}")
    term.see(choose.reason_prompt)
    term.type("megabyte pastes are big blobs")
    term.see(f"✓ {choose.answers[-1]}")  # the verdict after the reason
    term.see("Tick the key points your answer made (self-assessed)")
    term.send(ENTER)  # keep what the tutor found
    term.see("Your points (self-assessed)")

    # The design with one database first: the check says once that it is the SPOF.
    lines = reference_lines(PASTEBIN)
    single = [line for line in lines if "~>" not in line]
    for line in single:
        term.see(EDGE)
        term.type(line)
        term.see("Your design so far")
    term.see(EDGE)
    term.type("show")
    term.see(f"{len(single)}  {single[-1]}")
    term.see(EDGE)
    term.type("done")
    term.see("[single point of failure] db exists once: if it dies, write and read stop.")
    term.see("Hint: Start with the first finding, the single point of failure one")
    term.see(EDGE)
    term.type("db ~> replica")
    term.see("Your design so far")
    term.see(EDGE)
    term.type("done")
    term.see("Checks: no findings.")
    term.see("Reference design")

    choices = load_choices()
    (first,) = right_answers(PASTEBIN, stage("load"))
    term.see(choices[-1])
    term.send(DOWN * choices.index(first) + ENTER)
    term.see(f"✓ The engine's answer: {first}.")
    term.see("First past 100%:")

    (survivors,) = right_answers(PASTEBIN, stage("drill"))
    term.see("Which flows keep working?")
    term.see(flows[-1])
    term.send("".join((SPACE if flow in survivors else "") + DOWN for flow in flows) + ENTER)
    term.see("✓ Still working:")
    term.see("All in one zone")

    answer(term, questions[1])
    term.see("✓ Right")

    fixes, fix, number = loop_choices()
    term.see(fixes[-1])
    term.send(DOWN * fixes.index(fix) + ENTER)
    term.see("How many copies of app in all? (now 2)")
    term.type(number)
    term.see(f"The design carries {stage('loop').target:g}x")

    answer(term, questions[2])
    term.see("✓ Right")

    term.see(free.prompt.strip()[:40])
    # A weakness of the design drawn (it has `db ~> replica`: the lone database is none).
    term.type("Pastes never expire, so storage grows without end; add a TTL and a cleanup job.")
    term.see("What the tutor found in your answer:")
    term.see("Tick the key points your answer made (self-assessed)")
    term.send(ENTER)  # keep what the tutor found
    term.see("Your points (self-assessed): 2 of 2 needed")
    term.see("Your design, checked:")
    term.see(f"{PASTEBIN.title}: ")
    term.ends(0)
    check_colour(term, env)
    check_width(term)

    shown = re.search(rf"{re.escape(PASTEBIN.title)}: ([0-9.]+) / ([0-9]+)", term.screen)
    assert shown, term.screen[-1500:]
    saved = progress_json()["exercises"]["pastebin"]
    assert (saved["best_score"], saved["max_score"]) == (float(shown[1]), float(shown[2]))
    design = stage("design")
    with Store.open() as store:
        finished = json.loads(store.finished_attempt("exercise", PASTEBIN.id) or "{}")
    scored = {item["stage_id"]: item["score"] for item in finished["stages"]}
    # The change after the hint cost a point; the one database cost nothing once fixed.
    assert scored[design.id] == design.points - 1


# ------------------------------------------------------------------ estimate --check


@pytest.mark.parametrize(("size", "env"), SIZES)
def test_estimate_check_grades_typed_figures(
    run: Callable[..., Term], size: tuple[int, int], env: dict[str, str]
) -> None:
    term = run("estimate", "--dau", "1000000", "--check", size=size, **env)
    term.see("Work out each figure yourself first")
    term.see("Requests per day?")
    term.type("10M")
    term.see("Average QPS?")
    term.type("lots")
    term.see("does not start with a number")  # said under the prompt, which stays open
    term.send(BACKSPACE * len("lots"))
    term.type("1e2")
    term.see("Peak QPS?")
    term.type("5")
    term.see("Requests per day: you said 10M, worked figure 10M -> good")
    term.see("Average QPS: you said 100 QPS, worked figure ~116 QPS -> good")
    term.see("Peak QPS: you said 5 QPS, worked figure ~580 QPS -> off")
    term.see("2 of 3 good (within 2x).")
    term.see("Peak QPS")  # the worked figures follow
    term.see("How it is worked out")
    term.ends(0)
    check_colour(term, env)


# ------------------------------------------------------------------ progress --reset


@pytest.mark.parametrize(("size", "env"), SIZES)
def test_progress_reset_asks_first(
    run: Callable[..., Term], size: tuple[int, int], env: dict[str, str]
) -> None:
    with Store.open() as store:
        store.save_lesson_step(FIRST.id, 3, len(FIRST.steps))
        store.record_answer("ws-system-definition", "fundamentals", True, "learn")

    term = run("progress", "--reset", size=size, **env)
    term.see("Erase all progress: lessons, answers, reviews, scores? (y/N)")
    term.send(ENTER)  # the default is no
    term.see("Nothing erased.")
    term.ends(0)
    check_colour(term, env)
    assert lesson_done(FIRST.id)["steps_done"] == 3

    again = run("progress", "--reset", size=size, **env)
    again.see("(y/N)")
    again.send("y")
    again.see("All progress erased.")
    again.ends(0)
    data = progress_json()
    assert data["answers"] == 0
    assert lesson_done(FIRST.id)["steps_done"] == 0


# ------------------------------------------------------------------ Ctrl-C and Ctrl-D


def reach(run: Callable[..., Term], widget: str) -> tuple[Term, str, int]:
    """Start a command and wait at a prompt of kind `widget`; return the terminal, the stop
    line's tail, and the lesson position expected after stopping there."""
    if widget == "confirm":
        with Store.open() as store:
            store.save_lesson_step(WIDGETS.id, 2, len(WIDGETS.steps))
        term = run("progress", "--reset")
        term.see("(y/N)")
        return term, "Your progress is saved; nothing was erased.", 2
    steps = list(enumerate(WIDGETS.steps))
    if widget == "pause":  # a text step past the first, so that the run shows it resumed
        index = next(i for i, step in steps if i and step.kind == "text")
    else:
        kind = {"select": "choice", "checkbox": "multi", "text": "text"}[widget]
        index = next(i for i, step in steps if getattr(step, "type", None) == kind)
    with Store.open() as store:
        store.save_lesson_step(WIDGETS.id, index, len(WIDGETS.steps))
    term = run("learn", WIDGETS.id)
    term.see(f"(resuming at step {index + 1})")
    term.see(f"Step {index + 1}/{len(WIDGETS.steps)}")
    if widget == "pause":
        term.see("Press Enter to continue")
        index += 1  # the text step was shown whole: it counts as read
    else:
        wait_for(term, WIDGETS.steps[index])
    resume = f"run `sysdesign learn {WIDGETS.id}` to continue from this step."
    return term, f"Your progress is saved; {resume}", index


@pytest.mark.parametrize("widget", ["select", "checkbox", "text", "confirm", "pause"])
@pytest.mark.parametrize(("key", "status", "said"), [
    pytest.param(CTRL_C, 130, "Stopped.", id="ctrl-c"),
    pytest.param(CTRL_D, 0, "End of input.", id="ctrl-d"),
])  # fmt: skip
def test_a_stop_at_every_prompt_kind_keeps_progress(
    run: Callable[..., Term], widget: str, key: str, status: int, said: str
) -> None:
    term, resume, position = reach(run, widget)
    if widget == "text" and key == CTRL_C:
        term.send("TLS hand")  # Ctrl-C stops even with an answer half typed
    term.send(key)
    term.see(said)
    term.ends(status)
    assert stop_lines(term) == [f"{said} {resume}"]
    with Store.open() as store:
        assert store.lesson_position(WIDGETS.id) == position


@pytest.mark.parametrize(("args", "key", "status", "line"), [
    pytest.param(("estimate", "--dau", "1000000", "--check"), CTRL_C, 130,
                 "Stopped. Nothing is graded until every figure is in; run the same command "
                 "again to retry.", id="estimate-ctrl-c"),
    pytest.param(("exercise", "pastebin"), CTRL_D, 0,
                 "End of input. Nothing is saved yet: each part is saved once it is answered; "
                 "run `sysdesign exercise pastebin` to start again.", id="exercise-ctrl-d"),
    pytest.param(("quiz", "--due"), CTRL_D, 0,
                 "End of input. Your progress is saved; run `sysdesign quiz` to go on",
                 id="quiz-ctrl-d"),
])  # fmt: skip
def test_a_stop_in_the_other_commands(
    run: Callable[..., Term], args: tuple[str, ...], key: str, status: int, line: str
) -> None:
    choice = short_question("choice")
    seed_due([choice])
    term = run(*args)
    if args[0] == "quiz":
        wait_for(term, choice)
    else:
        term.see("Requests per day?" if args[0] == "estimate" else "Your figure for")
    term.send(key)
    term.see(line)
    term.ends(status)
    assert len(stop_lines(term)) == 1
    assert progress_json()["exercises"] == {}


def test_a_second_enter_at_a_pause_does_not_answer_the_question(
    run: Callable[..., Term],
) -> None:
    question = FIRST.steps[1]
    term = run("learn")
    term.see("Press Enter to continue")
    term.send(ENTER + ENTER)  # a double tap: the second must not pick the top choice
    answer(term, question)
    term.see("✓ Right.")
    term.see("Press Enter to continue")
    term.send(CTRL_C)
    term.ends(130)
    assert "Not quite." not in term.screen
    assert progress_json()["answers_by_topic"][question.topic]["correct"] == 1


# ------------------------------------------------------------------ TERM=dumb


def dumb(run: Callable[..., Term], *args: str) -> Term:
    return run(*args, TERM="dumb")


def no_widgets(term: Term) -> None:
    """Plain lines only: no escape code at all, so no widget and no colour."""
    assert "\x1b" not in term.raw
    assert "Use arrow keys" not in term.raw


def plain_pick(question: Any, value: Any) -> str:
    shown = shuffled(question.choices, question.id)
    if isinstance(value, list):
        return ",".join(str(shown.index(item) + 1) for item in value)
    return str(shown.index(value) + 1)


def test_dumb_terminal_learn_is_numbered_lines(run: Callable[..., Term]) -> None:
    question = FIRST.steps[1]
    assert question.type == "choice"
    term = dumb(run, "learn")
    term.see("[Press Enter to continue; q to stop]")
    term.see("> ")
    term.send(ENTER)
    for number, choice in enumerate(shuffled(question.choices, question.id), 1):
        term.see(f"{number}) {choice}")
    term.see("> ")
    term.type("9")
    term.see(f"Answer with a number from 1 to {len(question.choices)}, or the text of a choice.")
    term.type(plain_pick(question, question.answer))
    term.see("✓ Right.")
    term.see("[Press Enter to continue; q to stop]")
    term.send(CTRL_D)
    term.see(f"End of input. Your progress is saved; run `sysdesign learn {FIRST.id}`")
    term.ends(0)
    no_widgets(term)

    again = dumb(run, "learn")
    again.see("(resuming at step 4)")
    again.see("> ")
    again.send(CTRL_C)
    again.see("Stopped. Your progress is saved;")
    again.ends(130)
    no_widgets(again)
    assert progress_json()["answers"] == 1


def test_dumb_terminal_quiz(run: Callable[..., Term]) -> None:
    multi = short_question("multi")
    seed_due([multi])
    term = dumb(run, "quiz", "--due")
    term.see("Question 1/1")
    term.see("(numbers or texts separated by commas, e.g. 1,3)")
    term.see("> ")
    term.type(plain_pick(multi, list(multi.answers)))
    term.see("✓ Right: th")  # "those N apply, and no others" or "that is the one..."
    term.see("Score: 1 / 1")
    term.ends(0)
    no_widgets(term)


def test_dumb_terminal_exercise(run: Callable[..., Term]) -> None:
    choose, free = stage("choose"), stage("free")
    questions = [item for item in PASTEBIN.stages if item.kind == "question"]

    term = dumb(run, "exercise", "pastebin")
    for label, right, _ in figure_answers():
        term.see(f"Your figure for {label}?")
        term.see("> ")
        term.type(right)
        term.see("Good: within 2x.")
    term.see("> ")
    term.type(plain_pick(questions[0], questions[0].answer))
    term.see("✓ Right.")
    term.see("> ")
    term.type(choose.answers[0])  # a choice by its text
    term.see(f"Your pick: {choose.answers[0]}")
    term.see("> ")
    term.type("a paste is a few KB, small")
    term.see(f"✓ {choose.answers[0]}")  # the verdict after the reason
    for _ in choose.rubric.points:  # the self-assessment: Enter keeps each default
        term.see("Did your answer make this point?")
        term.see("> ")
        term.type("")
    for line in [*reference_lines(PASTEBIN), "done"]:
        term.see(EDGE)
        term.see("> ")
        term.type(line)
    term.see("Checks: no findings.")
    (first,) = right_answers(PASTEBIN, stage("load"))
    term.see(f"{len(load_choices())}) {load_choices()[-1]}")
    term.see("> ")
    term.type(first)  # a block by its name
    term.see(f"✓ The engine's answer: {first}.")
    (survivors,) = right_answers(PASTEBIN, stage("drill"))
    term.see("or none")
    term.see("> ")
    term.type(",".join(survivors))
    term.see("✓ Still working:")
    term.see("> ")
    term.type(plain_pick(questions[1], list(questions[1].answers)))
    term.see("✓ Right")
    fixes, fix, number = loop_choices()
    term.see(f"{len(fixes)}) {fixes[-1]}")
    term.see("> ")
    term.type(fix)  # a fix by its text
    term.see("How many copies of app in all? (now 2)")
    term.see("> ")
    term.type(number)
    term.see("The design carries")
    term.see("> ")
    term.type(plain_pick(questions[2], list(questions[2].answers)))
    term.see("✓ Right")
    term.see(free.prompt.strip()[:40])
    term.see("> ")
    term.type("Pastes never expire and the disk fills up: add a TTL with a cleanup job.")
    for _ in free.rubric.points:
        term.see("Did your answer make this point?")
        term.see("> ")
        term.type("")
    term.see("Your points (self-assessed): 2 of 2 needed")
    term.see(f"{PASTEBIN.title}: ")
    term.ends(0)
    no_widgets(term)
    assert "pastebin" in progress_json()["exercises"]


def test_dumb_terminal_estimate_check(run: Callable[..., Term]) -> None:
    term = dumb(run, "estimate", "--dau", "1000000", "--check")
    for prompt, typed in (("Requests per day?", "1e7"), ("Average QPS?", "116/s"),
                          ("Peak QPS?", "580 QPS")):  # fmt: skip
        term.see(prompt)
        term.see("> ")
        term.type(typed)
    term.see("3 of 3 good (within 2x).")
    term.ends(0)
    no_widgets(term)


def test_dumb_terminal_progress_reset(run: Callable[..., Term]) -> None:
    with Store.open() as store:
        store.save_lesson_step(FIRST.id, 3, len(FIRST.steps))
    term = dumb(run, "progress", "--reset")
    term.see("Erase all progress: lessons, answers, reviews, scores? [y/N]")
    term.see("> ")
    term.type("y")
    term.see("All progress erased.")
    term.ends(0)
    no_widgets(term)
    assert lesson_done(FIRST.id)["steps_done"] == 0
