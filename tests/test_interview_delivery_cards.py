"""A rule that a flow reach a block again from another (`after`: the queue delivers each
chat message on to the WebSocket server that holds the recipient) makes a design-fault
card of its own: its claim said in plain words, the reference broken by taking off only
the edges that deliver, and wrong claims of the same form read back by the independent
reader. Kinds are said inside a sentence with their own capitals (WebSocket, CDN)."""

from __future__ import annotations

import pytest
from fault_facts import is_false, read
from interview_answers import INTERVIEWS

from sysdesign_cli.core.fault_cards import fault_cards
from sysdesign_cli.core.graph import kinds
from sysdesign_cli.core.graph.checks import check
from sysdesign_cli.core.graph.design_breaks import design_lines, handed_on_broken
from sysdesign_cli.core.graph.rules import ReachRule
from sysdesign_cli.core.graph.text import parse_text
from sysdesign_cli.core.interview_faults import broken, faults, learner_faults

CHAT = INTERVIEWS["chat"]
DELIVERED = "The send flow is never passed on from the message queue to a WebSocket server"


def _deliver() -> object:
    return next(fault for fault in faults(CHAT) if fault.key == "deliver-send-ws")


def test_the_delivery_rule_is_a_fault_with_a_claim_in_plain_words() -> None:
    fault = _deliver()
    assert fault.claim == DELIVERED
    assert read(fault.claim) == ("after", {"flow": "send", "m": "message queue",
                                           "n": "WebSocket server"})  # fmt: skip


def test_the_broken_reference_loses_only_the_edges_that_deliver() -> None:
    reference = CHAT.design.graph()
    shown = broken(CHAT, _deliver())
    assert set(reference.edges) - set(shown.edges) == {
        e for e in reference.edges if (e.source, e.target) == ("kafka", "ws")}
    assert set(shown.edges) < set(reference.edges)
    assert "kafka => ws : send" in design_lines(reference)
    assert "kafka => ws : send" not in design_lines(shown)
    # The check finds that one fault on it, and only that rule's.
    messages = [f.message for f in check(shown, CHAT.design).findings]
    assert len(messages) == 1
    assert messages[0].startswith("on send, nothing goes from kafka on to a WebSocket server")


def test_an_edge_carrying_two_flows_keeps_the_other() -> None:
    graph = parse_text("client -> lb -> ws x2 : send, typing\nws -> kafka x3 : send, typing\n"
                       "kafka => ws : send, typing")  # fmt: skip
    rule = ReachRule(rule="reach", flow="send", block="ws", after="queue", why="delivered")
    shown = handed_on_broken(graph, rule)
    assert "kafka => ws : typing" in design_lines(shown)
    assert [line for line in design_lines(shown) if "send" in line and "kafka =>" in line] == []


def test_the_card_is_made_and_its_wrong_claims_are_false_by_the_independent_reader() -> None:
    card = fault_cards(CHAT)["deliver-send-ws"]
    assert card.claim == DELIVERED
    # The reader can tell: the claim is false of the reference and true of the design shown.
    assert is_false(DELIVERED, CHAT.design.graph(), CHAT.design)
    assert not is_false(DELIVERED, card.graph, CHAT.design)
    assert len(card.wrong) == 3
    for claim in card.wrong:
        assert is_false(claim, card.graph, CHAT.design), claim


def test_wrong_claims_of_the_form_are_offered_in_other_scenarios_and_are_false() -> None:
    offered = [(name, claim, card) for name in sorted(INTERVIEWS)
               for card in fault_cards(INTERVIEWS[name]).values() for claim in card.wrong
               if read(claim)[0] == "after"]  # fmt: skip
    assert {name for name, _, _ in offered} - {"chat"}, offered
    for name, claim, card in offered:
        assert is_false(claim, card.graph, INTERVIEWS[name].design), claim
    # The reader reads where a flow goes from the queue: a flow that never passes a queue
    # is never passed on from one, and the block it is handed to is what counts.
    pastebin = INTERVIEWS["pastebin"]
    graph = pastebin.design.graph()
    assert not is_false("The read flow is never passed on from the message queue to a "
                        "database", graph, pastebin.design)  # fmt: skip
    assert not is_false("The send flow is never passed on from the message queue to a "
                        "load balancer", CHAT.design.graph(), CHAT.design)  # fmt: skip


def test_a_learners_design_that_never_delivers_leaves_the_card() -> None:
    lines = [line for line in design_lines(CHAT.design.graph())
             if not line.startswith("kafka => ws")]  # fmt: skip
    verdict = check(parse_text("\n".join(lines)), CHAT.design)
    found = [{"kind": f.kind, "blocks": list(f.blocks), "flows": list(f.flows),
              "message": f.message, "fix": f.fix} for f in verdict.findings]  # fmt: skip
    assert learner_faults(CHAT, lines, found) == ["deliver-send-ws"]


# ---------------------------------------------------------------- a kind in a sentence


@pytest.mark.parametrize(("kind", "said", "with_article"), [
    ("ws", "WebSocket server", "a WebSocket server"),
    ("cdn", "CDN", "a CDN"),
    ("dns", "DNS", "a DNS"),
    ("db", "database", "a database"),
    ("app", "app server", "an app server"),
    ("lb", "load balancer", "a load balancer"),
    ("storage", "object storage", "an object storage"),
])  # fmt: skip
def test_a_kind_keeps_its_names_capitals_and_lowercases_ordinary_words(
        kind: str, said: str, with_article: str) -> None:  # fmt: skip
    assert (kinds.noun(kind), kinds.a_noun(kind)) == (said, with_article)


def test_names_and_abbreviations_keep_their_capitals_in_any_label() -> None:
    assert kinds.in_sentence("Kafka cluster") == "Kafka cluster"
    assert kinds.in_sentence("S3 bucket") == "S3 bucket"
    assert kinds.in_sentence("Redis Cluster node") == "Redis cluster node"
    assert kinds.in_sentence("Message queue") == "message queue"
    assert all(name in kinds._ALIASES for name in kinds.PRODUCTS)


def test_the_checks_and_the_cards_say_a_kind_the_same_way() -> None:
    # A design with no WebSocket server on the send flow, and one with no app server.
    graph = parse_text("client -> lb -> kafka : send\nkafka => db : send")
    said = [f.message for f in check(graph, CHAT.design).findings]
    assert any("never reaches a WebSocket server" in m for m in said), said
    assert not [m for m in said if "websocket" in m]
    pastebin = INTERVIEWS["pastebin"]
    said = [f.message for f in check(parse_text("client -> lb -> db : read, write"),
                                     pastebin.design).findings]  # fmt: skip
    assert not [m for m in said if " a app" in m], said
    claims = [c for card in fault_cards(CHAT).values() for c in (card.claim, *card.wrong)]
    assert any("WebSocket server" in c for c in claims)
    assert not [c for c in claims if "websocket" in c]


def test_a_round_saved_with_the_old_wording_still_leaves_its_cards() -> None:
    # Findings a round saved before kinds kept their capitals ("a websocket server", "a
    # app server") are the same findings.
    lines = [line for line in design_lines(CHAT.design.graph())
             if not line.startswith("kafka => ws")]  # fmt: skip
    verdict = check(parse_text("\n".join(lines)), CHAT.design)
    old = [{"kind": f.kind, "blocks": list(f.blocks), "flows": list(f.flows),
            "message": f.message.replace("a WebSocket", "a websocket"), "fix": f.fix}
           for f in verdict.findings]  # fmt: skip
    assert "on to a websocket server" in old[0]["message"]
    assert learner_faults(CHAT, lines, old) == ["deliver-send-ws"]
    pastebin = INTERVIEWS["pastebin"]
    lines = ["client -> lb -> app x2", "app -> db x2 : read, write"]
    verdict = check(parse_text("\n".join(lines)), pastebin.design)
    said = [f.message for f in verdict.findings]
    assert any("never reaches a cache" in m for m in said), said
    old = [{"kind": f.kind, "blocks": list(f.blocks), "flows": list(f.flows),
            "message": f.message.replace("never reaches a cache", "never reaches an cache"),
            "fix": f.fix} for f in verdict.findings]  # fmt: skip
    assert "reach-read-cache" in learner_faults(pastebin, lines, old)
    # A finding of other words is another finding.
    other = [{**one, "message": one["message"].replace("never reaches", "always skips")}
             for one in old]  # fmt: skip
    assert "reach-read-cache" not in learner_faults(pastebin, lines, other)
