"""Free answers in wordings the rubrics first missed: each point is shown by how engineers
say it, and the contradicting answers still fail."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from sysdesign_cli.core.rubric import CONTRADICTED, assess, found_fraction

sys.path.insert(0, str(Path(__file__).parent))
from test_corpus import _stages


def _passes(stage: str, answer: str) -> bool:
    rubric = _stages()[stage].rubric
    findings = assess(answer, rubric)
    return found_fraction(rubric, findings) >= 1 and not any(
        f.status == CONTRADICTED for f in findings)  # fmt: skip


RIGHT = {
    "st-no-lost-trades": ["we keep it on disk on two machines and only then reply accepted",
                          "write it to more than one server, then tell the trader"],
    "st-spike-queue": ["orders queue up and the workers catch up at their own pace",
                       "the consumers go at a steady rate while orders wait their turn",
                       "Kafka keeps the order of trades; none is dropped",
                       "the queue keeps the order and stores every order durably"],
    "iv-ch-trade-off": ["the server pushes at once; polling phones get nothing new most times"],
    "iv-ch-wrap-up": ["one database takes every write; split the data by conversation"],
    "iv-pb-trade-off": ["a new paste may not appear on the replica right away, fine here"],
    "iv-st-trade-off": ["consistency: refuse orders in the split rather than risk a double fill"],
    "ch-connection": ["his phone keeps a websocket open and gets each message as soon as it lands"],
    "st-consistency": ["strong for the ledger; eventual for the charts",
                       "orders need ACID transactions. Watchlists can lag a bit."],
    "st-prices": ["prices go through pub-sub to servers that push them over websockets",
                  "a pub sub topic fans prices out; open connections push each update"],
    "us-code-generation": ["a distributed id generator like snowflake, in base62 so codes stay "
                           "short"],
    "vd-trade-offs": ["begin with small low-bitrate segments, then step up; keep only the "
                      "popular titles at the edges, the rest costs too much"],
    "iv-vd-trade-off": ["start small and low, then switch up the bitrate; the long tail stays at "
                        "the origin"],
    "iv-pb-wrap-up": ["a script can flood it with pastes; rate limit by IP"],
}
# A claim with its own negator after a negated one: "not overwhelmed and nothing is lost".
RIGHT["st-spike-queue"] += ["processing is not overwhelmed and nothing is lost, the consumers "
                            "work through it"]
RIGHT["iv-pb-trade-off"] += ["writes are fast, but a reader may not see a new paste for a "
                             "moment; fine for pastes"]
RIGHT["iv-st-trade-off"] += ["consistency: it stops taking orders on the minority side rather "
                             "than risk a wrong fill"]
WRONG = {
    "st-no-lost-trades": ["reply accepted immediately and write it to two machines later"],
    "st-spike-queue": ["the queue makes processing faster, so workers drop the excess orders"],
    "iv-ch-trade-off": ["polling every few seconds is fine and pushes nothing"],
    "iv-pb-trade-off": ["the replica is never behind, so it is fine"],
    "iv-st-trade-off": ["choose availability and accept orders on both sides"],
    "st-consistency": ["balances can be eventual, and charts strong",
                       "strong consistency for news; balances eventual"],
}


@pytest.mark.parametrize(
    ("stage", "answer", "right"),
    [(stage, answer, True) for stage, answers in RIGHT.items() for answer in answers]
    + [(stage, answer, False) for stage, answers in WRONG.items() for answer in answers],
)
def test_a_free_answer_in_other_words_is_graded_as_an_expert_would(
    stage: str, answer: str, right: bool
) -> None:
    assert _passes(stage, answer) is right
