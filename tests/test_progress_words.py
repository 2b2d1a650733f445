"""What the home screen and `progress` say: the home screen's accuracy is the share of questions
right the first time (a question asked again counts once); the table counts every answer;
an import stopped at its question says how to go on."""

from __future__ import annotations

from typer.testing import CliRunner

from sysdesign_cli.cli.app import app
from sysdesign_cli.store import Store

runner = CliRunner()


def home_line() -> str:
    result = runner.invoke(app, [])
    assert result.exit_code == 0, result.output
    return next(line for line in result.stdout.splitlines() if "Questions:" in line)


def test_a_miss_asked_again_and_then_right_counts_once_and_as_a_miss() -> None:
    with Store.open() as store:
        store.record_answer("q1", "caching", False, source="quiz")
        store.record_answer("q1", "caching", True, source="quiz")  # the re-ask
        store.record_answer("q2", "caching", True, source="quiz")
        store.record_answer("q2", "caching", True, source="quiz")  # a later review
    assert "Questions: 2 answered, 50% right first time" in home_line()


def test_first_answers_counts_questions_and_first_answers_right() -> None:
    with Store.open() as store:
        for qid, correct in [("a", True), ("b", False), ("b", True), ("c", False), ("a", False)]:
            store.record_answer(qid, "t", correct, source="learn")
        assert store.first_answers() == (3, 1)


def test_the_progress_table_says_it_counts_every_answer() -> None:
    with Store.open() as store:
        store.record_answer("q1", "caching", False, source="quiz")
        store.record_answer("q1", "caching", True, source="quiz")  # the re-ask
    shown = runner.invoke(app, ["progress"]).stdout
    assert "Accuracy by topic (every answer)" in shown
    row = next(line for line in shown.splitlines() if line.startswith("caching"))
    assert row.split()[1:] == ["2", "1", "50%"]
    header = shown.splitlines()[shown.splitlines().index(row) - 2]
    assert header.split()[:2] == ["Topic", "Answers"]


def test_an_import_ended_at_its_question_says_how_to_go_on(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with Store.open() as store:
        store.record_answer("q1", "caching", True, source="quiz")
    target = tmp_path / "p.json"
    assert runner.invoke(app, ["progress", "--export", str(target)]).exit_code == 0
    ended = runner.invoke(app, ["progress", "--import", str(target)], input="")
    assert ended.exit_code == 0
    said = " ".join(ended.stdout.split())
    assert "End of input. Nothing changed; add --yes to replace without asking." in said
