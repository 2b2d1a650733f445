"""The curriculum's figures for authors (`sysdesign validate --stats`): what kinds of
question it asks, how much is recall, where right answers sit, whether a test-wise guesser
(the longest option, the words of the prompt, hedges, the odd one out... see `guessers` and
`guess_scores`) beats chance, and how many hint levels learners get.

Pure: a loaded `Curriculum` in, a `Stats` out; rendering is elsewhere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from sysdesign_cli.core.guess_learned import held_out_tries
from sysdesign_cli.core.guess_positions import PLACE_STRATEGIES, place_tries
from sysdesign_cli.core.guess_reading import TEACHING_STRATEGIES
from sysdesign_cli.core.guess_scores import (
    MULTI_STRATEGIES,
    ORDER_STRATEGIES,
    READERS,
    Try,
    elimination_try,
    pick_try,
)
from sysdesign_cli.core.guess_seen import asked_questions
from sysdesign_cli.core.guessers import ELIMINATION, Asked, ruled_out
from sysdesign_cli.core.lint import graded_items
from sysdesign_cli.core.loader import Curriculum

# What the curriculum aims for.
RECALL_AIM = 0.45  # typed questions as a share of questions
TWO_HINTS_AIM = 0.80  # graded items with two or three hint levels
BOT_MARGIN = 0.10  # a test-wise guesser beats chance by at most this
# A row of review cards is judged on at least this many cards: on fewer, one card moves
# it by 20 points or more (one bottleneck card of six scenarios took a row to 50%).
CARDS_JUDGED = 5
LEARNED = "learned (held-out lessons)"  # the logistic-regression guesser's row

RECALL_KINDS = ("text", "number", "estimate")  # typed from memory
RECOGNITION_KINDS = ("choice", "multi", "order")  # picked from what is shown


@dataclass(frozen=True)
class BotScore:
    """A test-wise strategy's mean first-try score over the questions of one kind where it
    has an opinion, beside chance's over the same questions."""

    strategy: str
    kind: str  # "choice", "multi", "order", or "all" (every kind it plays)
    questions: int  # questions where it favoured some options over others
    score: float
    chance: float
    wins: tuple[str, ...] = ()  # ids of the questions it got right for certain
    held: bool = True  # held within chance plus the margin (False: reported, e.g. teaching)
    family: str = ""  # of review cards: the family played (`interview_cards.FAMILIES`)
    judged: bool = True  # False: too few review cards to tell a tell from luck

    @property
    def too_few(self) -> bool:
        """Held, but on too few review cards to be judged."""
        return self.held and not self.judged

    @property
    def over_chance(self) -> float:
        """Points (as a fraction) above chance; negative below it."""
        return self.score - self.chance

    @property
    def within_margin(self) -> bool:
        """No more than chance plus the margin (always, for a strategy not held to it)."""
        return not self.held or not self.judged or self.over_chance <= BOT_MARGIN + 1e-9


@dataclass(frozen=True)
class Stats:
    """Figures over every graded item of a curriculum (lessons and exercises)."""

    kinds: dict[str, int]  # question kinds and exercise stage kinds, by count
    lesson_questions: int  # graded items in lessons (what the quiz draws from)
    recall: int  # typed questions and estimates, lessons and exercises
    recognition: int  # choice, multi and order questions
    positions: dict[int, int]  # single choice: 1-based authored position of the answer
    choice_questions: int  # single-choice questions
    longest_right: int  # ... whose answer is strictly the longest option
    longest_bot: float  # expected first-try score of a bot picking the longest option
    shortest_bot: float  # ... and of one picking the shortest
    chance: float  # expected score of a bot picking at random
    multi_right: dict[int, int]  # multi: how many options are right, by count of questions
    multi_half_or_more: int  # multis with half or more of their options right
    hint_levels: dict[int, int]  # graded items by number of hints
    graded: int  # every graded item
    bots: tuple[BotScore, ...] = ()  # test-wise strategies on lessons and exercises
    card_bots: tuple[BotScore, ...] = ()  # ... on the review cards, family by family

    @property
    def recall_share(self) -> float:
        """Typed questions as a share of all questions (recall plus recognition)."""
        asked = self.recall + self.recognition
        return self.recall / asked if asked else 0.0

    @property
    def bot_within_margin(self) -> bool:
        """Neither the longest nor the shortest option gives away more than chance plus the
        margin."""
        return max(self.longest_bot, self.shortest_bot) - self.chance <= BOT_MARGIN + 1e-9

    @property
    def guessers_within_margin(self) -> bool:
        """No test-wise strategy scores more than chance plus the margin on the lessons' and
        exercises' questions, by kind or over every kind it plays."""
        return all(bot.within_margin for bot in self.bots)

    @property
    def multi_counts_vary(self) -> bool:
        """Multis differ in how many options are right, and most have fewer than half."""
        multis = sum(self.multi_right.values())
        return not multis or (len(self.multi_right) > 1 and 2 * self.multi_half_or_more < multis)

    @property
    def two_hints_share(self) -> float:
        """Share of graded items with two or three hint levels."""
        two = sum(count for levels, count in self.hint_levels.items() if levels >= 2)
        return two / self.graded if self.graded else 0.0


def kind_of(step: Any) -> str:
    """`choice`, `multi`, `order`, `number`, `text`, `estimate`, or an exercise stage kind."""
    return step.type if step.kind == "question" else step.kind


def _bot(choices: list[str], answer: str, pick: Any = max) -> float:
    """What always picking the longest option (`pick=min`: the shortest) scores on average,
    ties split evenly."""
    length = pick(len(choice) for choice in choices)
    tied = [choice for choice in choices if len(choice) == length]
    return 1 / len(tied) if answer in tied else 0.0


def stats(curriculum: Curriculum) -> Stats:
    """Count the curriculum's figures."""
    kinds: Counter[str] = Counter()
    positions: Counter[int] = Counter()
    multi_right: Counter[int] = Counter()
    hint_levels: Counter[int] = Counter()
    lesson_questions = longest_right = half_or_more = 0
    bot = short_bot = chance = 0.0
    for item in graded_items(curriculum):
        step = item.step
        kind = kind_of(step)
        kinds[kind] += 1
        hint_levels[len(step.hints)] += 1
        lesson_questions += item.source.startswith("lesson:")
        if kind == "choice":
            choices = list(step.choices)
            positions[choices.index(step.answer) + 1] += 1
            others = [len(choice) for choice in choices if choice != step.answer]
            longest_right += len(step.answer) > max(others)
            bot += _bot(choices, step.answer)
            short_bot += _bot(choices, step.answer, min)
            chance += 1 / len(choices)
        elif kind == "multi":
            multi_right[len(step.answers)] += 1
            half_or_more += 2 * len(step.answers) >= len(step.choices)
    count = kinds["choice"]
    asked = asked_questions(curriculum)
    learned = held_out_tries(asked)
    return Stats(
        kinds=dict(kinds.most_common()),
        lesson_questions=lesson_questions,
        recall=sum(kinds[kind] for kind in RECALL_KINDS),
        recognition=sum(kinds[kind] for kind in RECOGNITION_KINDS),
        positions=dict(sorted(positions.items())),
        choice_questions=count,
        longest_right=longest_right,
        longest_bot=bot / count if count else 0.0,
        shortest_bot=short_bot / count if count else 0.0,
        chance=chance / count if count else 0.0,
        multi_right=dict(sorted(multi_right.items())),
        multi_half_or_more=half_or_more,
        hint_levels=dict(sorted(hint_levels.items())),
        graded=sum(kinds.values()),
        bots=bot_scores([one for one in asked if not one.source.startswith("interview:")], learned),
        card_bots=card_scores(curriculum, asked, learned),
    )


def card_scores(
    curriculum: Curriculum, asked: list[Asked], learned: dict[tuple[str, str], Try] | None = None
) -> tuple[BotScore, ...]:
    """Each strategy's scores on the review cards, one family at a time (`family` set):
    pooled, a family's tell would hide among the others' cards. A row on fewer than
    `CARDS_JUDGED` cards is reported, not judged; the answer's place is not played, as
    the quiz shuffles a card's options at every asking (`sessions/ask.py`)."""
    from sysdesign_cli.core.interview_cards import FAMILIES, card_family

    by_id = {f"interview:{interview.id}": interview
             for interview in curriculum.ordered_interviews()}  # fmt: skip
    families: dict[str, list[Asked]] = {family: [] for family in FAMILIES}
    for one in asked:
        interview = by_id.get(one.source)
        if interview is not None:
            families[card_family(interview, one.id)].append(one)
    return tuple(replace(bot, family=family, judged=bot.questions >= CARDS_JUDGED)
                 for family, cards in families.items() if cards
                 for bot in bot_scores(cards, learned, places=False))  # fmt: skip


# ---------------------------------------------------------------- test-wise guessers


def _asked(source: str, step: Any) -> Asked | None:
    """A question alone, with nothing read around it (see `guess_seen` for the rest)."""
    from sysdesign_cli.core.guess_seen import _asked as seen

    return seen(source, step, "", ())


def _teaching_player(name: str) -> Callable[[Asked], Try | None]:
    return lambda asked: pick_try(TEACHING_STRATEGIES[name](asked), asked)


def _choice_player(name: str) -> Callable[[Asked], Try | None]:
    return lambda asked: pick_try(READERS[name](asked), asked)


def _score(strategy: str, kind: str, tries: list[tuple[Asked, Try]]) -> BotScore:
    count = len(tries)
    return BotScore(
        strategy, kind, count,
        score=sum(one.score for _, one in tries) / count if count else 0.0,
        chance=sum(one.chance for _, one in tries) / count if count else 0.0,
        wins=tuple(asked.id for asked, one in tries if one.score == 1.0),
        held=strategy not in TEACHING_STRATEGIES,
    )  # fmt: skip


def bot_scores(
    questions: list[Asked],
    learned: dict[tuple[str, str], Try] | None = None,
    places: bool = True,
) -> tuple[BotScore, ...]:
    """Each strategy's score by kind of question, then over every kind it plays. `learned`:
    the learned guesser's held-out tries (`guess_learned`), played as one more strategy;
    `places`: the strategies that read where earlier answers sat too."""

    def held_out(asked: Asked) -> Try | None:
        return (learned or {}).get((asked.source, asked.id))

    players: dict[str, dict[str, Callable[[Asked], Try | None]]] = {
        "choice": {
            **{name: _choice_player(name) for name in READERS},
            LEARNED: held_out,
            **{name: _teaching_player(name) for name in TEACHING_STRATEGIES},
        },
        "multi": {**MULTI_STRATEGIES, LEARNED: held_out},
        "order": ORDER_STRATEGIES,
    }
    by_kind: list[BotScore] = []
    played: dict[str, list[tuple[Asked, Try]]] = {}
    for kind, strategies in players.items():
        of_kind = [asked for asked in questions if asked.kind == kind]
        for name, play in strategies.items():
            tries = [(asked, one) for asked in of_kind if (one := play(asked)) is not None]
            by_kind.append(_score(name, kind, tries))
            played.setdefault(name, []).extend(tries)
    for name, place in PLACE_STRATEGIES.items() if places else ():
        tries = place_tries(place, questions)
        by_kind.append(_score(name, "choice", tries))
        played.setdefault(name, []).extend(tries)
    out = ruled_out(questions)
    for kind in ("choice", "multi"):
        tries = [(asked, one) for asked in questions if asked.kind == kind
                 and (one := elimination_try(asked, out[(asked.source, asked.id)]))]  # fmt: skip
        by_kind.append(_score(ELIMINATION, kind, tries))
        played.setdefault(ELIMINATION, []).extend(tries)
    overall = [_score(name, "all", tries) for name, tries in played.items()]
    return (*overall, *by_kind)
