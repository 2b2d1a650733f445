"""Each review card a mock interview leaves has wrong options of its own: a learner who has
seen the other cards of a scenario (or of every scenario) can rule nothing out on this one.
The elimination guesser measures it; `validate` names a scenario that breaks it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from exercise_answers import TABLE
from interview_answers import INTERVIEWS
from typer.testing import CliRunner

from sysdesign_cli.cli.app import app
from sysdesign_cli.core import interview_score as scoring
from sysdesign_cli.core.curriculum_stats import BOT_MARGIN, _asked, asked_questions, bot_scores
from sysdesign_cli.core.drill_card import drill_cards
from sysdesign_cli.core.guess_scores import elimination_try, multi_chance
from sysdesign_cli.core.guessers import ELIMINATION, Asked, ruled_out
from sysdesign_cli.core.interview_cards import review_questions
from sysdesign_cli.core.loader import builtin_dir, load_curriculum
from sysdesign_cli.core.rubric import whole_points
from sysdesign_cli.core.validation import validate

SCENARIOS = sorted(INTERVIEWS)


def authored_ids(interview: Any) -> set[str]:
    """The cards whose wrong options an author writes: clarify, trade-off, wrap-up."""
    ids = {scoring.ask_card_id(interview, q.about) for q in interview.clarify.mattering()}
    for part in ("trade_off", "wrap_up"):
        stage = interview.stage(part)
        ids |= {scoring.point_card_id(interview, stage, p.id) for p in whole_points(stage.rubric)}
    return ids


def every_card() -> dict[str, tuple[str, Any]]:
    """Every card of every scenario, the deep dive's too, by id: (scenario, question)."""
    return {qid: (name, card) for name in SCENARIOS
            for qid, card in review_questions(INTERVIEWS[name], None, TABLE).items()}  # fmt: skip


def options(card: Any) -> tuple[list[str], list[str]]:
    """A choice or multi card's right and wrong options."""
    right = list(card.answers) if card.type == "multi" else [card.answer]
    return right, [choice for choice in card.choices if choice not in right]


# ---------------------------------------------------------------- the shipped scenarios


def test_no_wrong_option_is_shown_on_two_cards_nor_right_on_any() -> None:
    cards = every_card()
    authored = set().union(*(authored_ids(INTERVIEWS[name]) for name in SCENARIOS))
    assert authored <= set(cards)
    shown: Counter[str] = Counter()  # every option of every card, case aside
    for _, card in cards.values():
        if card.type in ("choice", "multi"):
            shown.update({choice.casefold() for choice in card.choices})
    right_anywhere = {r.casefold() for _, card in cards.values() if card.type != "number"
                      for r in options(card)[0]}  # fmt: skip
    for qid in sorted(authored):
        _, card = cards[qid]
        _, wrong = options(card)
        assert len(wrong) >= 3, qid
        # On this card only, and never the answer to another card of any scenario.
        assert [w for w in wrong if shown[w.casefold()] != 1] == [], qid
        assert [w for w in wrong if w.casefold() in right_anywhere] == [], qid


@pytest.mark.parametrize("name", SCENARIOS)
def test_the_eliminator_rules_out_nothing_on_a_scenarios_authored_cards(name: str) -> None:
    interview = INTERVIEWS[name]
    cards = review_questions(interview, None, TABLE)
    asked = [one for card in cards.values() if (one := _asked(f"interview:{name}", card))]
    out = ruled_out(asked)
    for qid in authored_ids(interview):
        assert out[(f"interview:{name}", qid)] == frozenset(), qid


def test_the_elimination_guesser_scores_within_chance_on_every_card() -> None:
    asked = [one for qid, (name, card) in every_card().items()
             if (one := _asked(f"interview:{name}", card))]  # fmt: skip
    kinds = Counter(one.kind for one in asked)
    drills = sum(len(drill_cards(INTERVIEWS[name], TABLE)) for name in SCENARIOS)
    assert kinds["choice"] > 100 + drills and drills > len(SCENARIOS)  # the drills too
    scores = {bot.kind: bot for bot in bot_scores(asked) if bot.strategy == ELIMINATION}
    # It plays every card (a guess at random where it rules out nothing).
    assert scores["all"].questions == len(asked)
    for kind in ("all", "choice"):
        assert scores[kind].score - scores[kind].chance <= BOT_MARGIN + 1e-9, scores[kind]
    # Scenario by scenario too: what one scenario's cards show never helps on another's.
    for name in SCENARIOS:
        mine = [one for one in asked if one.source == f"interview:{name}"]
        overall = next(bot for bot in bot_scores(mine)
                       if bot.strategy == ELIMINATION and bot.kind == "all")  # fmt: skip
        assert overall.score - overall.chance <= BOT_MARGIN + 1e-9, (name, overall)


def test_stats_count_the_deep_dives_cards_and_the_eliminator() -> None:
    asked = asked_questions(load_curriculum())
    ids = {one.id for one in asked if one.source.startswith("interview:")}
    for interview in INTERVIEWS.values():
        for part, key in (("bottleneck", scoring.BOTTLENECK_CARD), ("drill", scoring.DRILL_CARD)):
            assert scoring.point_card_id(interview, interview.stage(part), key) in ids
    # `validate --stats` prints the eliminator's rows, cards and lessons alike.
    out = " ".join(CliRunner().invoke(app, ["validate", "--stats"]).output.split())
    cards = out[out.index("Test-wise guessers: interview review cards"):]
    assert f"{ELIMINATION} clarify choice" in cards and f"{ELIMINATION} drill choice" in cards
    assert f"{ELIMINATION} all" in out[: out.index("Test-wise guessers: interview review cards")]


# ---------------------------------------------------------------- the guesser itself


def card(qid: str, options: list[str], right: list[str], source: str = "interview:x",
         kind: str = "choice") -> Asked:  # fmt: skip
    return Asked(source, qid, kind, "Which one?", tuple(options), frozenset(right))


def test_shared_distractors_give_the_answer_away_to_the_eliminator() -> None:
    # Two clarify cards sharing their unimportant questions, as they once did.
    first = card("a", ["Scale?", "Font?", "Logo?", "Colour?"], ["Scale?"])
    second = card("b", ["Latency?", "Font?", "Logo?", "Colour?"], ["Latency?"])
    other = card("c", ["Scale?", "Latency?", "Durability?"], ["Durability?"], "interview:y")
    out = ruled_out([first, second, other])
    assert out[("interview:x", "a")] == {"Font?", "Logo?", "Colour?"}
    assert out[("interview:y", "c")] == frozenset()  # another scenario's cards are not seen
    won = elimination_try(first, out[("interview:x", "a")])
    assert won is not None and (won.score, won.chance) == (1.0, 0.25)


def test_the_eliminator_guesses_at_random_among_what_is_left() -> None:
    asked = card("a", ["w", "x", "y", "z"], ["w"])
    one = elimination_try(asked, frozenset({"x"}))
    assert one is not None and one.score == pytest.approx(1 / 3)
    # A right answer seen on another card is ruled out as well: it then loses.
    one = elimination_try(asked, frozenset({"w", "x"}))
    assert one is not None and one.score == 0.0
    # Nothing or everything ruled out: chance.
    for out in (frozenset(), frozenset(asked.options)):
        one = elimination_try(asked, out)
        assert one is not None and one.score == one.chance == 0.25


def test_the_eliminator_on_a_multi_ticks_what_is_left() -> None:
    asked = card("m", ["read", "write", "None of them"], ["read", "write"], kind="multi")
    one = elimination_try(asked, frozenset({"None of them"}))
    assert one is not None and one.score == 1.0
    one = elimination_try(asked, frozenset())
    assert one is not None and one.score == one.chance == pytest.approx(multi_chance(asked))
    assert elimination_try(card("o", ["a", "b"], ["a", "b"], kind="order"), frozenset()) is None


# ---------------------------------------------------------------- authors' mistakes


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = (builtin_dir() / "interviews" / "pastebin.yaml").read_text()
    assert text.count(old) == 1, old
    folder = tmp_path / "extra" / "interviews"
    folder.mkdir(parents=True)
    path = folder / "pastebin.yaml"
    path.write_text(text.replace(old, new))
    return path


def _line(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_a_point_with_too_few_wrong_claims_is_named_by_file_line_and_field(
        tmp_path: Path) -> None:  # fmt: skip
    claim = '      - "In exchange, pastes can never be lost, even if the primary dies"\n'
    path = _broken(tmp_path, claim, "")
    messages = [str(p) for p in validate(path)]
    line = _line(path, "    fast-available:")
    assert messages == [f"{path}:{line}: trade_off.wrong.fast-available: fast-available has 2 "
                        "wrong claim(s): list 3 to 5, each plainly wrong and in the point's "
                        "own shape"]  # fmt: skip


def test_a_point_without_wrong_claims_is_named(tmp_path: Path) -> None:
    text = (builtin_dir() / "interviews" / "pastebin.yaml").read_text()
    start = text.index("    abuse:\n      - ")
    end = text.index("    rate-limit:\n      - ")
    path = _broken(tmp_path, text[start:end], "")
    messages = [str(p) for p in validate(path)]
    lines = path.read_text().splitlines()
    line = max(n for n, text in enumerate(lines, 1) if text == "  wrong:")  # the wrap-up's
    assert len(messages) == 1
    assert messages[0].startswith(f"{path}:{line}: wrap_up.wrong: point 'abuse' has no wrong "
                                  "claims: list 3 to 5 under `abuse:`")  # fmt: skip


def test_wrong_claims_under_an_unknown_point_are_refused(tmp_path: Path) -> None:
    path = _broken(tmp_path, "    fast-available:\n", "    fast-availability:\n")
    messages = [str(p) for p in validate(path)]
    line = _line(path, "    fast-availability:")
    assert any(m.startswith(f"{path}:{line}: trade_off.wrong.fast-availability: ")
               and "fast-availability is not a point of the rubric" in m
               for m in messages), messages  # fmt: skip


def test_a_claim_offered_on_two_cards_is_refused(tmp_path: Path) -> None:
    # The trade-off's claim listed again under a wrap-up point.
    claim = "In exchange, reads skip the cache and the database stays small"
    path = _broken(tmp_path, '      - "Fix: a CDN edge for each new paste"\n',
                   f'      - "{claim}"\n')  # fmt: skip
    messages = [str(p) for p in validate(path)]
    assert len(messages) == 1
    assert messages[0].startswith(f"{path}:{_line(path, 'wrap_up:')}: wrap_up:")
    assert claim in messages[0] and "trade_off.wrong.fast-available" in messages[0]


def test_a_point_offered_as_a_wrong_claim_is_refused(tmp_path: Path) -> None:
    path = _broken(tmp_path, '      - "Fix: a CDN edge for each new paste"\n',
                   '      - "Fix: an expiry (TTL) and a cleanup job"\n')  # fmt: skip
    messages = [str(p) for p in validate(path)]
    assert any("which is a point of the rubric" in m for m in messages), messages


def test_a_question_that_matters_needs_decoys_of_its_own(tmp_path: Path) -> None:
    text = (builtin_dir() / "interviews" / "pastebin.yaml").read_text()
    asked = text.index("    - ask: How quickly must a link open for the reader?")
    start = text.index("      decoys:\n", asked)
    path = _broken(tmp_path, text[start:text.index("    - ask:", start)], "")
    messages = [str(p) for p in validate(path)]
    line = _line(path, "How quickly must a link open")
    assert len(messages) == 1 and messages[0].startswith(f"{path}:{line}: clarify.questions[2]")
    assert "needs 3 to 5 `decoys:` of its own (found 0)" in messages[0]


def test_decoys_belong_to_questions_that_matter_and_to_no_round(tmp_path: Path) -> None:
    path = _broken(tmp_path, "    - ask: Which programming language should the app servers use?\n",
                   "    - ask: Which programming language should the app servers use?\n"
                   "      decoys: [a, b, c]\n")  # fmt: skip
    messages = [str(p) for p in validate(path)]
    assert any("clarify.questions[4].decoys" in m and "only a question that matters" in m
               for m in messages), messages  # fmt: skip
    # A decoy that is one of the round's own questions (which the round answers).
    text = (builtin_dir() / "interviews" / "pastebin.yaml").read_text()
    decoy = text[text.index("      decoys:\n") + len("      decoys:\n"):].splitlines()[0]
    path = _broken(tmp_path / "again", decoy + "\n",
                   '        - "How often should the app servers\' log files be rotated?"\n')
    messages = [str(p) for p in validate(path)]
    assert any("is one of the round's questions" in m for m in messages), messages
