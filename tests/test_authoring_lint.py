"""The author's lint (`sysdesign validate`): each rule on a small bad curriculum and its fixed
twin, the curriculum's figures (`--stats`), and the command's exit codes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from sysdesign_cli.cli.app import app
from sysdesign_cli.core import lint_findings as rules
from sysdesign_cli.core.curriculum_stats import RECALL_AIM, TWO_HINTS_AIM, stats
from sysdesign_cli.core.lint import Finding, lint
from sysdesign_cli.core.loader import Curriculum, load_curriculum
from sysdesign_cli.core.quantities import Dim
from sysdesign_cli.core.text_numbers import Target, answer_targets, mentions, restates
from sysdesign_cli.core.wording import contains_phrase, near_duplicate

# ---------------------------------------------------------------- fixtures


def choice(qid: str, answer: str, *wrong: str, **extra: Any) -> dict[str, Any]:
    return {"kind": "question", "id": qid, "type": "choice", "topic": "basics",
            "prompt": extra.pop("prompt", f"Which one is right for {qid}?"),
            "choices": [answer, *wrong], "answer": answer,
            "explanation": extra.pop("explanation", "Because that is how it works here."),
            **extra}  # fmt: skip


def multi(qid: str, right: list[str], wrong: list[str], **extra: Any) -> dict[str, Any]:
    return {"kind": "question", "id": qid, "type": "multi", "topic": "basics",
            "prompt": extra.pop("prompt", f"Which apply to {qid}? Select all that apply."),
            "choices": [*right, *wrong], "answers": right,
            "explanation": "Because that is how it works here.", **extra}  # fmt: skip


def text(qid: str, accept: list[str], **extra: Any) -> dict[str, Any]:
    return {"kind": "question", "id": qid, "type": "text", "topic": "basics",
            "prompt": extra.pop("prompt", f"Name the thing {qid} asks about."),
            "accept": accept, "explanation": "Because that is how it works here.",
            **extra}  # fmt: skip


def number(qid: str, answer: Any, **extra: Any) -> dict[str, Any]:
    return {"kind": "question", "id": qid, "type": "number", "topic": "basics",
            "prompt": extra.pop("prompt", f"How much for {qid}?"), "answer": answer,
            "explanation": extra.pop("explanation", "Because that is how it works here."),
            **extra}  # fmt: skip


def estimate(qid: str, figure: str, **extra: Any) -> dict[str, Any]:
    return {"kind": "estimate", "id": qid, "topic": "basics",
            "prompt": "1,000,000 users load the feed 10 times a day each.",
            "inputs": {"dau": 1_000_000, "requests_per_user": 10}, "figure": figure,
            "explanation": "A day's requests over a day's seconds.", **extra}  # fmt: skip


def lesson(lesson_id: str, *questions: dict[str, Any], order: int = 10,
           topics: tuple[str, ...] = ("basics",)) -> dict[str, Any]:  # fmt: skip
    steps = [{"kind": "text", "body": "One idea."}, *questions]
    return {"id": lesson_id, "title": lesson_id.title(), "summary": "A lesson.",
            "topics": list(topics), "order": order, "steps": steps}  # fmt: skip


def exercise(*stages: dict[str, Any]) -> dict[str, Any]:
    # A question stage carries the short title its score table names it by.
    titled = [{"title": f"Stage {stage['id']}", **stage} if stage.get("kind") == "question"
              else stage for stage in stages]  # fmt: skip
    return {"id": "drill", "title": "Drill", "summary": "An exercise.", "stages": titled}


def folder_with(root: Path, *lessons: dict[str, Any], exercises: tuple[Any, ...] = ()) -> Path:
    for index, item in enumerate(lessons):
        path = root / "lessons" / f"{index + 1:02d}-{item['id']}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(item, sort_keys=False), encoding="utf-8")
    for item in exercises:
        path = root / "exercises" / f"{item['id']}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(item, sort_keys=False), encoding="utf-8")
    (root / "lessons").mkdir(exist_ok=True)
    return root


def curriculum_of(root: Path, *lessons: dict[str, Any], exercises: tuple[Any, ...] = ()) -> Any:
    found = load_curriculum([folder_with(root, *lessons, exercises=exercises)], builtin=False)
    assert found.problems == [], found.problems
    return found


def found(curriculum: Curriculum, rule: str) -> list[Finding]:
    return [finding for finding in lint(curriculum) if finding.rule == rule]


def places(curriculum: Curriculum, rule: str) -> list[tuple[str, tuple[Any, ...]]]:
    return [(finding.source, finding.loc) for finding in found(curriculum, rule)]


# ---------------------------------------------------------------- topic (an error)


def test_a_topic_outside_the_lessons_topics_is_an_error(tmp_path: Path) -> None:
    stray = choice("q-stray", "red", "blue", topic="colours")
    bad = curriculum_of(tmp_path / "bad", lesson("alpha", stray, choice("q-ok", "red", "blue")))
    (finding,) = found(bad, rules.TOPIC)
    assert (finding.source, finding.loc, finding.error) == ("lesson:alpha", ("steps", 1, "topic"),
                                                            True)  # fmt: skip
    assert "'colours'" in finding.message and "basics" in finding.message
    good = curriculum_of(tmp_path / "good", lesson("alpha", stray, topics=("basics", "colours")))
    assert found(good, rules.TOPIC) == []


def test_an_exercise_question_needs_a_topic_some_lesson_teaches(tmp_path: Path) -> None:
    question = choice("ex-q", "red", "blue", topic="nowhere")
    bad = curriculum_of(tmp_path / "bad", lesson("alpha"), exercises=(exercise(question),))
    assert places(bad, rules.TOPIC) == [("exercise:drill", ("stages", 0, "topic"))]
    question["topic"] = "basics"
    good = curriculum_of(tmp_path / "good", lesson("alpha"), exercises=(exercise(question),))
    assert found(good, rules.TOPIC) == []


# ---------------------------------------------- a tolerance that takes in a given (an error)

BASE62_PROMPT = ("A shortener hands out codes from a counter, written in base 62. Six "
                 "characters give about 56.8 billion codes, and it makes 1 billion new links "
                 "a year. For roughly how many years do 6-character codes last?")  # fmt: skip


@pytest.mark.parametrize(("tolerance", "held"), [(0.1, True), (0.08, False)])
def test_a_tolerance_that_takes_in_a_figure_of_the_prompt_is_an_error(
    tmp_path: Path, tolerance: float, held: bool,
) -> None:  # fmt: skip
    """62 (the base) is 9% from 56.8: typed back, a 10% tolerance would grade it right."""
    asked = number("q-years", "56.8 years", unit="years", tolerance=tolerance,
                   prompt=BASE62_PROMPT)  # fmt: skip
    curriculum = curriculum_of(tmp_path, lesson("alpha", asked))
    findings = found(curriculum, rules.TOLERANCE_GIVEN)
    assert [(f.source, f.loc, f.error) for f in findings] == (
        [("lesson:alpha", ("steps", 1, "tolerance"), True)] if held else [])  # fmt: skip
    if held:
        assert findings[0].message == (
            "the tolerance (0.1) takes in '62', a figure the prompt gives, so typing it back "
            "is graded right: make the tolerance smaller than 0.0915, or give that figure "
            "another value")  # fmt: skip


def test_validate_fails_an_authors_folder_whose_tolerance_takes_in_a_given(
    tmp_path: Path,
) -> None:  # fmt: skip
    asked = number("q-years", "56.8 years", unit="years", tolerance=0.1, prompt=BASE62_PROMPT)
    root = folder_with(tmp_path, lesson("alpha", asked))
    result = CliRunner().invoke(app, ["validate", str(root)])
    assert result.exit_code == 1
    assert ("steps[1].tolerance: error: the tolerance (0.1) takes in '62', a figure the "
            "prompt gives") in " ".join(result.output.split())  # fmt: skip
    assert "[tolerance-takes-a-given]" in result.output


# ---------------------------------------------------------------- the longest option


LONG = "Many processes on many machines, cooperating over a network to serve one product"


@pytest.mark.parametrize(
    ("answer", "wrong", "flagged"),
    [
        pytest.param(LONG, ["One big program on one server", "A set of classes"], True,
                     id="answer-far-longest"),
        pytest.param("Milliseconds, about a million times slower",
                     ["Microseconds, a bit slower", "Nanoseconds, the same"], True,
                     id="two-words-and-a-third-longer"),
        pytest.param("Keep serving from the other servers",
                     ["Stop every server until it is fixed", "Restart all of them at once"],
                     False, id="about-as-long"),
        pytest.param("Zero", ["About one a minute", "A million a minute"], False,
                     id="answer-shortest"),
        pytest.param("The message queue", ["The load balancer", "The cache"], False,
                     id="longest-by-a-hair"),
    ],
)  # fmt: skip
def test_right_option_conspicuously_longest(
    tmp_path: Path, answer: str, wrong: list[str], flagged: bool
) -> None:
    curriculum = curriculum_of(tmp_path, lesson("alpha", choice("q-long", answer, *wrong)))
    expected = [("lesson:alpha", ("steps", 1, "answer"))] if flagged else []
    assert places(curriculum, rules.LONGEST) == expected


def test_multi_whose_right_options_are_the_long_ones(tmp_path: Path) -> None:
    right = ["It is dropped and never arrives at all", "It arrives much later than usual"]
    bad = curriculum_of(tmp_path / "bad", lesson("alpha", multi("q-m", right, ["Lost", "Late"])))
    assert places(bad, rules.LONGEST) == [("lesson:alpha", ("steps", 1, "answers"))]
    even = ["It is delivered twice to the same server", "It always arrives in order, exactly once"]
    good = curriculum_of(tmp_path / "good", lesson("alpha", multi("q-m", right, even)))
    assert found(good, rules.LONGEST) == []


# ---------------------------------------------------------------- hints


@pytest.mark.parametrize(
    ("question", "flagged"),
    [
        pytest.param(text("q-spof", ["single point of failure", "SPOF"],
                          hints=["Think about what exists once.", "Abbreviated SPOF."]), True,
                     id="text-accepted-answer"),
        pytest.param(text("q-spof", ["single point of failure"],
                          hints=["Think about what exists once.", "Often written SPOF."]), True,
                     id="text-abbreviation-of-the-answer"),
        pytest.param(text("q-rel", ["reliability"],
                          hints=["Not availability.", "It begins with 'reli'."]), True,
                     id="text-spelt-out"),
        pytest.param(text("q-rel", ["reliability"], hints=["Not availability.", "'Reli...'"]),
                     True, id="text-quoted-first-letters"),
        pytest.param(text("q-rel", ["reliability"],
                          hints=["Not availability.", "Working correctly when parts fail."]),
                     False, id="text-points-towards-it"),
        pytest.param(choice("q-zero", "Zero", "One", "A thousand",
                            hints=["Where do the bytes live?", "Zero reads reach the DB."]),
                     True, id="choice-right-option"),
        pytest.param(choice("q-zero", "Zero", "One", "A thousand",
                            hints=["Where do the bytes live?", "The CDN serves them."]),
                     False, id="choice-no-option"),
        pytest.param(number("q-w", "12/s", hints=["Divide by a day.",
                                                 "1,000,000 / 86,400 is about 12."]),
                     True, id="number-worked-answer"),
        pytest.param(number("q-w", "12/s", hints=["Divide by a day.",
                                                 "A day has 86,400 seconds."]),
                     False, id="number-a-given-only"),
        pytest.param(number("q-h", "8.76 h", unit="h",
                            hints=["A year has 8,760 hours.", "Take 0.1% of it: 8.76."]),
                     True, id="number-in-its-own-unit"),
        pytest.param(number("q-pct", "99.8", unit="%",
                            hints=["Multiply the two.", "99.9% x 99.9%."]),
                     False, id="percent-a-nine-apart"),
    ],
)  # fmt: skip
def test_hint_that_gives_the_answer(
    tmp_path: Path, question: dict[str, Any], flagged: bool
) -> None:
    curriculum = curriculum_of(tmp_path, lesson("alpha", question))
    expected = [("lesson:alpha", ("steps", 1, "hints", 1))] if flagged else []
    assert places(curriculum, rules.HINT_ANSWER) == expected


@pytest.mark.parametrize(
    ("hint", "flagged"),
    [
        pytest.param("Three of these are the classic tools of scale.", True, id="three-of-these"),
        pytest.param("Two things happen, and neither is a failure.", True, id="two-things"),
        pytest.param("Only one of these is a promise the network does not make.", True,
                     id="only-one-of-these"),
        pytest.param("All of them apply.", True, id="all-apply"),
        pytest.param("Think about what the load balancer checks.", False, id="no-count"),
        pytest.param("One slow disk can stall a whole request.", False, id="a-number-not-a-count"),
    ],
)  # fmt: skip
def test_multi_hint_that_counts_the_right_options(tmp_path: Path, hint: str, flagged: bool) -> None:
    question = multi("q-m", ["Dropped", "Reordered"], ["Exactly once", "Encrypted"], hints=[hint])
    curriculum = curriculum_of(tmp_path, lesson("alpha", question))
    expected = [("lesson:alpha", ("steps", 1, "hints", 0))] if flagged else []
    assert places(curriculum, rules.HINT_COUNT) == expected


def test_a_count_in_a_single_choice_hint_tells_nothing(tmp_path: Path) -> None:
    question = choice("q-c", "red", "blue", "green", hints=["Two of these are cold colours."])
    assert found(curriculum_of(tmp_path, lesson("alpha", question)), rules.HINT_COUNT) == []


# ---------------------------------------------------------------- context


@pytest.mark.parametrize(
    ("prompt", "flagged"),
    [
        pytest.param("In the system design above, how many DB reads?", True, id="above"),
        pytest.param("In this example, how long does the answer live?", True, id="this-example"),
        pytest.param("What did the previous step add?", True, id="previous-step"),
        pytest.param("A feed is cached for 30 s. How long does an answer live?", False,
                     id="stands-alone"),
        pytest.param("What does the tree show between the browser and the app?", True,
                     id="the-tree"),
        pytest.param("In the picture of a system as a city, what are buses?", False,
                     id="the-picture-of-something"),
    ],
)  # fmt: skip
def test_prompt_that_leans_on_its_lesson(tmp_path: Path, prompt: str, flagged: bool) -> None:
    question = choice("q-ctx", "red", "blue", prompt=prompt)
    curriculum = curriculum_of(tmp_path, lesson("alpha", question))
    expected = [("lesson:alpha", ("steps", 1, "prompt"))] if flagged else []
    assert places(curriculum, rules.CONTEXT) == expected


def test_a_context_or_an_exercise_carries_what_the_prompt_leans_on(tmp_path: Path) -> None:
    prompt = "In the design above, what holds the backlog?"
    context = "A design: app servers hand slow jobs to a worker pool."
    with_context = choice("q-ctx", "A queue", "A cache", prompt=prompt, context=context)
    in_exercise = choice("ex-ctx", "A queue", "A cache", prompt=prompt)
    curriculum = curriculum_of(
        tmp_path, lesson("alpha", with_context), exercises=(exercise(in_exercise),)
    )
    assert found(curriculum, rules.CONTEXT) == []
    assert curriculum.lessons["alpha"].steps[1].context.startswith("A design")


# ---------------------------------------------------------------- near-duplicates


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        pytest.param("Each paste is written once and read 10 times. How do you describe this "
                     "workload?", "A pastebin: each paste is written once and read 10 times. "
                     "What is the workload called?", True, id="reworded"),
        pytest.param("Which requirement matters above all when you start a design?",
                     "Which requirement matters most when you start a design?", True,
                     id="one-word-changed"),
        pytest.param("At 99.9% availability, how many hours of downtime a year?",
                     "At 99.99% availability, how many hours of downtime a year?", False,
                     id="other-numbers"),
        pytest.param("At 99.99% availability, how many minutes of downtime per year?",
                     "At 99.99% availability, how many seconds of downtime per day?", False,
                     id="other-units"),
        pytest.param("What do stateless app servers make possible?",
                     "What makes an app server stateless?", False, id="short-and-different"),
        pytest.param("Which of these improve latency? Select all that apply.",
                     "Which of these improve availability? Select all that apply.", False,
                     id="template-other-subject"),
    ],
)  # fmt: skip
def test_near_duplicate_prompts(first: str, second: str, same: bool) -> None:
    assert near_duplicate(first, second) is same
    assert near_duplicate(second, first) is same


def asked_twice(root: Path) -> Curriculum:
    """Two lessons that ask whether a pastebin is read-heavy, in other words."""
    first = text("q-read-heavy", ["read-heavy"], prompt="Each paste is written once and read "
                 "10 times. How do you describe this workload?")  # fmt: skip
    again = text("q-read-again", ["read-heavy"], prompt="A pastebin: each paste is written once"
                 " and read 10 times. What is the workload called?")  # fmt: skip
    return curriculum_of(root, lesson("alpha", first), lesson("beta", again, order=20))


def test_near_duplicate_is_reported_at_the_later_question(tmp_path: Path) -> None:
    (finding,) = found(asked_twice(tmp_path), rules.DUPLICATE)
    assert (finding.source, finding.loc) == ("lesson:beta", ("steps", 1, "prompt"))
    assert "'q-read-heavy'" in finding.message


def test_near_duplicate_in_scope_is_reported_in_scope(tmp_path: Path) -> None:
    in_scope = lint(asked_twice(tmp_path), scope={"lesson:alpha"})
    (finding,) = [f for f in in_scope if f.rule == rules.DUPLICATE]
    assert finding.source == "lesson:alpha" and "'q-read-again'" in finding.message


# ---------------------------------------------------------------- numbers given away


def test_format_example_equal_to_the_answer(tmp_path: Path) -> None:
    shows = number("q-day", 86400, prompt="How many seconds are in a day? (e.g. 86,400)")
    bad = curriculum_of(tmp_path / "bad", lesson("alpha", shows))
    (finding,) = found(bad, rules.PROMPT_ANSWER)
    assert finding.loc == ("steps", 1, "prompt")
    assert "format example" in finding.message and "'86,400'" in finding.message
    other = number("q-day", 86400, prompt="How many seconds are in a day? (e.g. 3,600)")
    good = curriculum_of(tmp_path / "good", lesson("alpha", other))
    assert found(good, rules.PROMPT_ANSWER) == []


def test_prompt_that_states_the_answer_as_a_given(tmp_path: Path) -> None:
    given = number("q-ttl", "30 s", unit="s", prompt="Answers are cached for 30 seconds. How long "
                   "does one live?")  # fmt: skip
    (finding,) = found(curriculum_of(tmp_path, lesson("alpha", given)), rules.PROMPT_ANSWER)
    assert "format example" not in finding.message


def test_explanation_that_answers_the_next_question(tmp_path: Path) -> None:
    leaks = number("q-avg", "116/s", explanation="About 116 QPS on average, 580 QPS at peak.")
    peak = number("q-peak", "580/s", prompt="With a peak of 5x the average, what is the peak?")
    bad = curriculum_of(tmp_path / "bad", lesson("alpha", leaks, peak))
    (finding,) = found(bad, rules.LEAK_AHEAD)
    assert finding.loc == ("steps", 1, "explanation") and "q-peak" in finding.message
    quiet = number("q-avg", "116/s", explanation="About 116 QPS on average; the peak is next.")
    good = curriculum_of(tmp_path / "good", lesson("alpha", quiet, peak))
    assert found(good, rules.LEAK_AHEAD) == []


def test_an_estimates_working_stops_at_its_own_figure(tmp_path: Path) -> None:
    """The average's derivation goes on to the peak; what is shown stops at the average."""
    peak = number("q-peak", "580/s", prompt="With a peak of 5x the average, what is the peak?")
    curriculum = curriculum_of(tmp_path, lesson("alpha", estimate("q-avg", "avg_qps"), peak))
    assert found(curriculum, rules.LEAK_AHEAD) == []
    after_peak = number("q-next", "580/s", prompt="And the peak rounded to tens?")
    curriculum = curriculum_of(tmp_path / "peak", lesson(
        "alpha", estimate("q-peak-est", "peak_qps"), after_peak))  # fmt: skip
    assert places(curriculum, rules.LEAK_AHEAD) == [("lesson:alpha", ("steps", 1, "explanation"))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("about 580 QPS at peak", [(580.0, Dim.RATE)], id="rate"),
        pytest.param("1,000,000 / 86,400 is about 12", [(1e6, Dim.COUNT), (86400.0, Dim.COUNT),
                                                        (12.0, Dim.COUNT)], id="working"),
        pytest.param("12 writes/s and 10 KB each", [(12.0, Dim.RATE), (10_000.0, Dim.BYTES)],
                     id="units"),
        pytest.param("0.876 h x 60", [(0.876 * 3600, Dim.DURATION), (60.0, Dim.COUNT)],
                     id="duration"),
        pytest.param("p99 of 2 s; 99.9%", [(2.0, Dim.DURATION), (99.9, Dim.PERCENT)],
                     id="p99-is-a-name"),
        pytest.param("3 nines, 1M users", [(3.0, Dim.COUNT), (1e6, Dim.COUNT)], id="nouns"),
    ],
)  # fmt: skip
def test_numbers_are_read_from_prose(text: str, expected: list[tuple[float, Dim]]) -> None:
    assert [(pytest.approx(m.value), m.dim) for m in mentions(text)] == expected


def test_a_power_is_a_sum_to_do_not_an_answer() -> None:
    (power,) = mentions("What is 2^10, roughly?")
    assert power.value == 1024 and power.worked
    assert not restates(power, [Target(1000.0, Dim.COUNT)])
    (plain,) = mentions("about 1,000")
    assert restates(plain, [Target(1024.0, Dim.COUNT)])


def test_answer_targets_of_an_estimate_are_its_figures(tmp_path: Path) -> None:
    curriculum = curriculum_of(tmp_path, lesson("alpha", estimate("q-avg", "avg_qps")))
    (target,) = answer_targets(curriculum.lessons["alpha"].steps[1])
    assert target.dim is Dim.RATE and target.value == pytest.approx(10_000_000 / 86_400)


def test_phrases_match_whole_words_only() -> None:
    assert contains_phrase("Think of the load balancer.", "load balancer")
    assert not contains_phrase("Think of the overload balancer.", "load balancer")
    assert contains_phrase("Put it behind an LB.", "load balancer")


# ---------------------------------------------------------------- figures


def test_stats_count_what_a_bot_and_an_author_need(tmp_path: Path) -> None:
    questions = [
        choice("c-long", "The long right answer here", "Short", "Also short",
               hints=["Vague.", "Specific."]),  # fmt: skip
        choice("c-tie", "Same", "Tied", "No"),  # the answer ties for longest: half a point
        choice("c-short", "No", "Longer one", "Longest of all", hints=["Vague."]),
        multi("m-one", ["Right"], ["Wrong", "Also wrong", "Not it"]),
        multi("m-three", ["A", "B", "C"], ["D"]),
        text("t-1", ["term"], hints=["One.", "Two.", "Three."]),
        number("n-1", 12),
    ]
    figures = stats(curriculum_of(tmp_path, lesson("alpha", *questions)))
    assert figures.kinds == {"choice": 3, "multi": 2, "text": 1, "number": 1}
    assert (figures.recall, figures.recognition) == (2, 5)
    assert figures.recall_share == pytest.approx(2 / 7)
    assert figures.positions == {1: 3}
    assert (figures.choice_questions, figures.longest_right) == (3, 1)
    assert figures.longest_bot == pytest.approx((1 + 0.5 + 0) / 3)
    assert figures.chance == pytest.approx(1 / 3)
    assert figures.multi_right == {1: 1, 3: 1}
    assert figures.multi_half_or_more == 1
    assert not figures.multi_counts_vary  # half of the multis have half or more right
    assert figures.hint_levels == {0: 4, 1: 1, 2: 1, 3: 1}
    assert figures.two_hints_share == pytest.approx(2 / 7)
    assert figures.shortest_bot == pytest.approx((0 + 0 + 1) / 3)
    assert figures.longest_bot - figures.chance == pytest.approx(1 / 6)
    assert not figures.bot_within_margin  # 17 points over chance: more than 10


# ---------------------------------------------------------------- the command


def run(*args: str) -> Any:
    return CliRunner().invoke(app, ["validate", *args])


def test_warnings_are_listed_and_fail_only_with_strict(tmp_path: Path) -> None:
    question = choice("q-long", LONG, "One big program on one server", "A set of classes")
    root = folder_with(tmp_path, lesson("alpha", question))
    result = run(str(root))
    assert result.exit_code == 0, result.output
    path = root / "lessons" / "01-alpha.yaml"
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1)
                if text.startswith("  answer:"))  # fmt: skip
    lines = result.output.splitlines()
    assert lines[0].startswith(f"{path}:{line}: steps[1].answer: warning: the right option is "
                               "conspicuously the longest")  # fmt: skip
    assert lines[0].endswith("[longest-option]")
    assert lines[-1].startswith("OK: no errors in") and "1 warning(s)" in lines[-1]
    strict = run(str(root), "--strict")
    assert strict.exit_code == 1
    assert strict.output.splitlines()[-1] == "1 problem(s) in 1 file(s)."


def test_a_lint_error_fails_without_strict(tmp_path: Path) -> None:
    root = folder_with(tmp_path, lesson("alpha", choice("q", "red", "blue", topic="colours")))
    result = run(str(root / "lessons" / "01-alpha.yaml"))
    assert result.exit_code == 1
    assert "steps[1].topic: error: topic 'colours' is not among" in result.output


def test_stats_prints_the_figures_and_their_aims(tmp_path: Path) -> None:
    root = folder_with(tmp_path, lesson("alpha", choice("q-a", "red", "blue"), text("q-b", ["x"])))
    result = run(str(root), "--stats")
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "Curriculum figures" in out
    # Not a terminal: the table comes as plain aligned columns (one space once joined).
    assert "recall (typed) 1 of 2 (50%)" in out
    assert "longest / shortest-option bot 0% / 100% (chance: 50%)" in out
    assert "✗ each at most chance + 10 points" in out
    assert "✓ at least 45%" in out and "✗ two or three on 80%" in out


def test_a_clean_folder_is_ok(tmp_path: Path) -> None:
    root = folder_with(tmp_path, lesson("alpha", choice("q-a", "red", "blue")))
    result = run(str(root), "--strict")
    assert result.exit_code == 0
    assert result.output.startswith("OK: no problems in")


# ---------------------------------------------------------------- the shipped curriculum

SHIPPED = load_curriculum()


def test_the_shipped_curriculum_passes_the_lint() -> None:
    """What `sysdesign validate --strict` checks: no warning and no error anywhere."""
    assert [(f.source, f.loc, f.rule) for f in lint(SHIPPED)] == []


def test_the_shipped_curriculum_meets_its_aims() -> None:
    figures = stats(SHIPPED)
    assert figures.recall_share >= RECALL_AIM, "typed questions"
    assert figures.two_hints_share >= TWO_HINTS_AIM, "two or three hint levels"
    assert figures.bot_within_margin, (figures.longest_bot, figures.chance)
    assert figures.multi_counts_vary, figures.multi_right


@pytest.mark.parametrize(("hints", "flagged"), [(0, True), (1, True), (2, False), (3, False)])
def test_an_exercise_stage_needs_two_or_three_hints(
    tmp_path: Path, hints: int, flagged: bool
) -> None:
    question = choice("ex-h", "red", "blue", hints=[f"Think of colour {n}." for n in range(hints)])
    found = curriculum_of(tmp_path, lesson("alpha"), exercises=(exercise(question),))
    expected = [("exercise:drill", ("stages", 0, "hints"))] if flagged else []
    assert places(found, rules.STAGE_HINTS) == expected
    # A lesson question is asked with a lesson around it: the rule is the exercises'.
    in_lesson = curriculum_of(tmp_path / "lesson", lesson("beta", choice("l-h", "red", "blue")))
    assert places(in_lesson, rules.STAGE_HINTS) == []


def test_a_reference_design_that_fails_its_own_checks_is_an_error(tmp_path: Path) -> None:
    design = {"flows": [{"name": "read"}], "reference": "client -> app x2 -> db : read\n",
              "rules": [{"rule": "reach", "flow": "read", "block": "cache", "why": "hot reads"}]}
    item = {**exercise(choice("ex-r", "red", "blue")), "design": design}
    found_here = found(curriculum_of(tmp_path / "bad", lesson("alpha"), exercises=(item,)),
                       rules.REFERENCE)  # fmt: skip
    assert [(f.loc, f.error) for f in found_here] == [(("design", "reference"), True)] * 2
    messages = " ".join(f.message for f in found_here)
    assert "hot reads" in messages and "db exists once" in messages
    design["reference"] = "client -> app x2 -> cache : read\napp -> db x2 : read\n"
    good = curriculum_of(tmp_path / "good", lesson("alpha"), exercises=(item,))
    assert found(good, rules.REFERENCE) == []
