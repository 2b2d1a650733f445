"""A bottleneck review card is made only where the block that fills first is clearly first
(`CLEAR_LEAD`): a fair reader of the rounded loads in its prompt can tell it from the
runner-up, and no plausible machine figure would reverse them."""

from __future__ import annotations

from typing import Any

import pytest
from exercise_answers import TABLE
from interview_answers import INTERVIEWS

from sysdesign_cli.core import interview_score as scoring
from sysdesign_cli.core.bottleneck_card import CLEAR_LEAD, NONE_GIVES
from sysdesign_cli.core.graph import kinds
from sysdesign_cli.core.graph.load import growth, load
from sysdesign_cli.core.interview_cards import review_questions

# Stock trading's model design before its ledger was given room: the ledger at 80% of
# what its machines apply, its standbys (the same writes) at 72%, the order servers and
# the quote cache at 69%.
CLOSE = """trader -> dns
trader -> lb -> app x100 : trade, quote
app -> kafka x3 : trade
kafka => matcher x2 : trade
matcher -> ledger shards 16 : trade
ledger ~> standby shards 16
matcher -> cache : trade
app -> cache : quote
app -> ledger : quote
"""


def _card(interview: Any) -> Any:
    qid = scoring.point_card_id(interview, interview.bottleneck, scoring.BOTTLENECK_CARD)
    return review_questions(interview, {qid}, TABLE).get(qid)


def _with_reference(interview: Any, reference: str) -> Any:
    design = interview.design.model_copy(update={"reference": reference})
    object.__setattr__(design, "_graph", None)
    return interview.model_copy(update={"design": design})


def _loads(interview: Any) -> list[tuple[str, float]]:
    graph = interview.design.graph()
    report = load(graph, interview.design.load_spec(interview.estimate.result()), TABLE)
    return sorted(((b.name, b.utilisation) for b in report.blocks if b.utilisation),
                  key=lambda pair: -pair[1])  # fmt: skip


@pytest.mark.parametrize("name", sorted(INTERVIEWS))
def test_every_scenario_has_a_bottleneck_card_with_a_clear_first(name: str) -> None:
    interview = INTERVIEWS[name]
    card = _card(interview)
    assert card is not None
    loads = _loads(interview)
    factors = tuple(interview.bottleneck.factors)
    if card.answer == NONE_GIVES:
        assert loads[0][1] * max(factors) <= CLEAR_LEAD
    else:
        (first, leader), (_, second) = loads[:2]
        # Named by its kind, shown beside its name in the prompt.
        kind = kinds.noun(interview.design.graph().block(first).kind)
        assert (card.answer == kind and f"  - {first} ({kind}): " in card.prompt) or \
            (card.answer == first == kind and f"  - {first}: " in card.prompt)  # fmt: skip
        assert second <= CLEAR_LEAD * leader, loads


def test_blocks_within_a_tenth_of_each_other_make_no_card() -> None:
    trading = INTERVIEWS["stock-trading"]
    close = _with_reference(trading, CLOSE)
    loads = dict(_loads(close))
    assert loads["ledger"] == pytest.approx(0.796, abs=0.005)
    assert loads["standby"] == pytest.approx(0.723, abs=0.005)
    assert _card(close) is None
    # The engine still has an answer; it is only too close to ask.
    graph = close.design.graph()
    spec = close.design.load_spec(close.estimate.result())
    assert growth(graph, spec, TABLE, (2.0, 5.0, 10.0)).first == "ledger"
    # With the ledger's room the quote cache is clearly first, and the card is made.
    shipped = _card(trading)
    assert shipped is not None and shipped.answer == "cache"


def test_the_margin_is_the_runner_ups_share_of_the_leaders_load() -> None:
    trading = INTERVIEWS["stock-trading"]
    # The order servers at 56% beside the cache's 69%: 0.80 of its load, not clear.
    near = _with_reference(trading, CLOSE.replace("app x100", "app x124").replace(
        "shards 16", "shards 32"))  # fmt: skip
    loads = dict(_loads(near))
    assert 0.75 < loads["app"] / loads["cache"] < 0.85
    assert _card(near) is None
    # At 50% (140 of them), 0.72 of it: clear.
    far = _with_reference(trading, CLOSE.replace("app x100", "app x140").replace(
        "shards 16", "shards 32"))  # fmt: skip
    loads = dict(_loads(far))
    assert loads["app"] / loads["cache"] <= CLEAR_LEAD
    assert _card(far) is not None and _card(far).answer == "cache"


def test_none_is_asked_only_when_the_busiest_stays_well_short_at_the_largest_growth() -> None:
    video = INTERVIEWS["video-delivery"]
    assert _card(video).answer == NONE_GIVES
    busiest = _loads(video)[0]
    assert busiest[0] == "encoder" and busiest[1] == pytest.approx(0.025, abs=0.001)

    def grown_to(most: float) -> Any:
        stage = video.bottleneck.model_copy(update={"factors": [2.0, 5.0, most]})
        return video.model_copy(update={"bottleneck": stage})

    # Up to 30x the encoders would be at most 75% busy: none is clearly the answer.
    assert _card(grown_to(30.0)).answer == NONE_GIVES
    # Up to 35x they would be at 88%, short of full but too close to call.
    assert _card(grown_to(35.0)) is None


def test_options_name_blocks_by_kind_unless_two_share_one() -> None:
    from sysdesign_cli.core.bottleneck_card import _said
    from sysdesign_cli.core.graph.text import parse_text

    graph = parse_text("client -> lb -> app x2\napp -> ledger\nledger ~> standby\napp -> redis")
    assert _said(graph, ["app", "ledger", "standby", "redis"]) == {
        "app": "app server", "ledger": "database", "standby": "read replica", "redis": "cache"}
    # Two databases: by name, or the options could not be told apart.
    graph = parse_text("client -> lb -> app x2\napp -> users-db\napp -> orders-db")
    assert _said(graph, ["app", "users-db", "orders-db"]) == {
        "app": "app", "users-db": "users-db", "orders-db": "orders-db"}


class _SameFigures:
    """A capacity table that gives every kind the same figures."""

    def capacity(self, block: Any) -> tuple[float, float]:
        return 1_000.0, 1_000.0


def _lead(graph: Any, loads: dict[str, tuple[float, float, float]]) -> bool:
    from types import SimpleNamespace

    from sysdesign_cli.core.bottleneck_card import _clear_lead

    blocks = [SimpleNamespace(name=name, utilisation=busy, read_per_instance=reads,
                              write_per_instance=writes)
              for name, (busy, reads, writes) in loads.items()]  # fmt: skip
    report = SimpleNamespace(blocks=blocks,
                             block=lambda name: next(b for b in blocks if b.name == name))
    grown = SimpleNamespace(first=blocks[0].name, at=1 / blocks[0].utilisation)
    return _clear_lead(report, grown, 10.0, _SameFigures(), graph)


def test_a_block_trails_for_certain_only_on_the_same_machines_not_the_same_figure() -> None:
    from sysdesign_cli.core.graph.text import parse_text

    graph = parse_text("client -> lb -> app x2\napp -> db\ndb ~> replica\napp -> worker x2")
    # The replica applies the database's writes and answers none of its reads: on the same
    # machines it trails for certain, however near their loads.
    assert _lead(graph, {"db": (0.5, 200.0, 400.0), "replica": (0.49, 0.0, 400.0),
                         "app": (0.1, 50.0, 50.0)})  # fmt: skip
    # The workers do less than the app servers on each machine, and the table gives the
    # two kinds one figure: yet they are other machines, whose figure can be off alone.
    assert not _lead(graph, {"app": (0.5, 250.0, 250.0), "worker": (0.49, 0.0, 240.0),
                             "db": (0.1, 50.0, 50.0)})  # fmt: skip
    # A third less load is a clear lead whatever the machines.
    assert _lead(graph, {"app": (0.5, 250.0, 250.0), "worker": (0.37, 0.0, 185.0),
                         "db": (0.1, 50.0, 50.0)})  # fmt: skip
