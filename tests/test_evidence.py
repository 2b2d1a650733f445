"""A finding quotes the learner's own words, not the rubric's phrase they matched."""

from __future__ import annotations

import pytest

from sysdesign_cli.core.evidence import own_words
from sysdesign_cli.core.loader import load_curriculum
from sysdesign_cli.core.rubric import FOUND, assess

STAGES = {stage.id: stage for exercise in load_curriculum().exercises.values()
          for stage in exercise.stages}  # fmt: skip


@pytest.mark.parametrize(
    ("answer", "phrase", "quoted"),
    [("the single db is a spof; add a replica", "single database", "single db"),
     ("Put an L.B. in front", "load balancer", "L.B."),
     ("the databse is one box.", "database", "databse"),
     ("reply at once, then write it to the log later.", "reply ... later",
      "reply at once, then write it to the log later"),
     ("no replica needed, honestly", "not replica", "no replica"),
     ("pastes never expire", "object storage", "object storage")],
)  # fmt: skip
def test_the_shortest_stretch_of_the_answer_that_says_the_phrase(
    answer: str, phrase: str, quoted: str
) -> None:
    assert own_words(answer, phrase) == quoted


def test_a_finding_shows_back_what_the_learner_typed() -> None:
    rubric = STAGES["pb-improvement"].rubric
    findings = {f.point_id: f for f in assess("the single db is a SPOF, so add a standby db",
                                              rubric)}  # fmt: skip
    assert findings["spof"].status == FOUND
    assert findings["spof"].evidence in ("single db", "SPOF")
    assert "database" not in " ".join(f.evidence for f in findings.values())


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every reading `own_words` makes, recorded."""
    import sysdesign_cli.core.evidence as evidence

    calls: list[str] = []
    real = evidence.saying

    def counting(text: object, phrase: str, **kw: object) -> object:
        calls.append(str(text))
        return real(text, phrase, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(evidence, "saying", counting)
    return calls


FILLER_SENTENCE = "the team met on monday and talked about the plan for the next quarter. "


def test_a_long_answer_costs_a_few_readings_not_one_per_stretch(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """About 2,000 words with the phrase in its first lines (the part that is graded): a
    few dozen readings of the answer, where trying every stretch took tens of thousands."""
    answer = (FILLER_SENTENCE * 8 + "so the single db is the weak point of it all. "
              + FILLER_SENTENCE * 150)  # fmt: skip
    assert len(answer.split()) > 2_000
    calls = _counted(monkeypatch)
    assert own_words(answer, "single database") == "single db"
    assert len(calls) < 150
    assert sum(len(text) for text in calls) < 60 * len(answer)


def test_a_phrase_said_only_in_a_reading_is_given_up_after_one_reading(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A pronoun fix (`replicate it`) is said only in the resolved reading: the answer as
    typed is read once, and the rubric's phrase is quoted."""
    answer = (FILLER_SENTENCE * 8 + "the load balancer is one box: replicate it. "
              + FILLER_SENTENCE * 150)  # fmt: skip
    calls = _counted(monkeypatch)
    assert own_words(answer, "replicate the load balancer") == "replicate the load balancer"
    assert len(calls) == 1


def test_a_long_answer_with_a_pronoun_fix_is_assessed_in_bounded_work(
        monkeypatch: pytest.MonkeyPatch) -> None:
    stage = STAGES["pb-improve"] if "pb-improve" in STAGES else next(
        s for s in STAGES.values() if getattr(s, "rubric", None) is not None)
    answer = (FILLER_SENTENCE * 8 + "the database is a single point of failure; replicate "
              "it. " + FILLER_SENTENCE * 150)  # fmt: skip
    calls = _counted(monkeypatch)
    assess(answer, stage.rubric)
    assert len(calls) < 400
