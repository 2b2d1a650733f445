"""Checks on a design: the generic ones, a scenario's rules, and the one verdict."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from sysdesign_cli.core.graph.checks import check
from sysdesign_cli.core.graph.findings import DNS, MISSING, ORDER, PATH, SPOF, UNNEEDED, UNUSED
from sysdesign_cli.core.graph.rules import DesignRules
from sysdesign_cli.core.graph.text import parse_text

DESIGNS = Path(__file__).parent / "fixtures" / "designs"


def design(name: str) -> str:
    return (DESIGNS / f"{name}.txt").read_text(encoding="utf-8")


def kinds_found(text: str, rules: DesignRules | None = None) -> list[tuple[str, tuple[str, ...]]]:
    return [(f.kind, f.blocks) for f in check(parse_text(text), rules).findings]


@pytest.mark.parametrize(
    "name",
    ["pastebin", "url-shortener", "photo-sharing", "stock-trading", "video-delivery"],
)
def test_each_reference_design_as_the_source_draws_it_has_no_finding(name: str) -> None:
    verdict = check(parse_text(design(name)))
    assert (verdict.findings, verdict.spofs) == ((), ())


def test_the_chat_design_as_the_source_draws_it_has_one_true_finding() -> None:
    # The source draws one database: history stops without it, and sent messages wait
    # in Kafka until it is back. That is a real single point of failure, not a false one.
    verdict = check(parse_text(design("chat")))
    assert [(f.kind, f.blocks, f.flows) for f in verdict.findings] == [
        (SPOF, ("db",), ("history", "send")),
    ]
    assert verdict.findings[0].message == (
        "db exists once: if it dies, history stops; send is still accepted but the work "
        "after the queue waits until it is back."
    )


def test_pastebin_with_a_single_database_says_so_once_and_everywhere() -> None:
    text = design("pastebin").replace("db ~> replica\n", "")
    verdict = check(parse_text(text))
    assert [(f.kind, f.blocks) for f in verdict.findings] == [(SPOF, ("db",))]
    assert (verdict.spofs, verdict.is_spof("db"), verdict.is_spof("app")) == (("db",), True, False)
    assert verdict.about("db")[0].fix.startswith("Add a replica that can take over")


def test_the_url_shortener_drawn_with_two_named_app_servers_has_no_false_finding() -> None:
    text = (
        "client -> lb\nlb -> app1\nlb -> app2\n"
        "app1 -> primary-db : shorten\napp1 -> redis : shorten\n"
        "app2 -> redis : redirect\napp2 -> read-replica : redirect\n"
        "primary-db ~> read-replica\n"
    )
    verdict = check(parse_text(text))
    # Each flow has one app server, so each server is a single point for its flow: true.
    assert [(f.kind, f.blocks, f.flows) for f in verdict.findings] == [
        (SPOF, ("app1",), ("shorten",)),
        (SPOF, ("app2",), ("redirect",)),
    ]


def test_copies_replicas_and_managed_services_are_never_single_points() -> None:
    verdict = check(parse_text("client -> dns\nclient -> lb -> app x2 -> db\ndb ~> replica\n"))
    assert verdict.spofs == ()


def test_dns_drawn_as_a_hop_is_one_finding_and_the_rest_is_read_as_meant() -> None:
    found = kinds_found("client -> dns -> lb -> app x2 -> db x2\n")
    assert found == [(DNS, ("dns", "lb"))]


def test_a_database_read_before_the_cache_is_out_of_order() -> None:
    found = kinds_found("client -> lb -> app x2\napp -> db x2 : read\ndb -> cache x2 : read\n")
    assert found == [(ORDER, ("db",))]


def test_a_read_through_cache_is_a_legal_order_but_on_the_path() -> None:
    verdict = check(parse_text("client -> lb -> app x2\napp -> cache -> db x2 : read\n"))
    # The cache is asked first (fine), but every read now needs it: losing it stops reads.
    assert [(f.kind, f.blocks) for f in verdict.findings] == [(SPOF, ("cache",))]


def test_pixels_through_the_app_servers_are_found() -> None:
    found = kinds_found("client -> lb -> app x2\napp -> s3 : upload\napp -> db x2 : upload\n")
    assert found == [(PATH, ("s3",))]


def test_a_flow_that_reaches_no_store_and_a_block_on_no_flow() -> None:
    found = kinds_found("client -> lb -> app x2\nworker x2\n")
    assert found == [(MISSING, ("app",)), (UNUSED, ("worker",))]


def test_a_design_with_no_client_is_told_where_flows_start() -> None:
    found = kinds_found("lb -> app x2 -> db x2\n")
    assert found == [(MISSING, ())]


# ---------------------------------------------------------------- a scenario's rules

PASTEBIN_RULES = DesignRules.model_validate(
    {
        "flows": [{"name": "read", "kind": "read"}, {"name": "write", "kind": "write"}],
        "rules": [
            {"rule": "reach", "flow": "read", "block": "db", "why": "the source of truth"},
            {"rule": "order", "flow": "read", "first": "redis", "then": "db",
             "why": "a hit spares the database"},
            {"rule": "through", "to": "db", "via": "app", "why": "only the app talks to it"},
            {"rule": "unneeded", "block": "cdn", "why": "pastes are small text"},
            {"rule": "unneeded", "block": "queue", "why": "nothing slow to defer"},
        ],
    }
)  # fmt: skip


def test_rules_pass_on_the_reference_pastebin() -> None:
    assert check(parse_text(design("pastebin")), PASTEBIN_RULES).findings == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "client -> lb -> app x2\napp -> cache : read, write\napp -> db : write\n"
            "db ~> replica\n",
            [(MISSING, ())], id="read-never-reaches-db",
        ),
        pytest.param(
            "client -> lb -> app x2\napp -> db : read, write\ndb ~> replica\n",
            [(MISSING, ("db",))], id="no-cache-at-all",
        ),
        pytest.param(
            "client -> lb -> app x2\napp -> cache : read, write\napp -> db : read, write\n"
            "lb -> db : write\ndb ~> replica\n",
            [(PATH, ("db",))], id="db-behind-the-lb-only",
        ),
        pytest.param(
            "client -> lb -> app x2\napp -> cache : read, write\napp -> db : read, write\n"
            "db ~> replica\nclient -> cdn\ncdn -> s3\napp -> queue x2 : write\n",
            [(UNNEEDED, ("cdn",)), (UNNEEDED, ("queue",))], id="unneeded-cdn-and-queue",
        ),
    ],
)  # fmt: skip
def test_each_rule_fails_where_the_design_breaks_it(text: str, expected: list) -> None:
    assert kinds_found(text, PASTEBIN_RULES) == expected


def test_a_rule_and_a_generic_check_on_the_same_thing_are_said_once_with_the_why() -> None:
    text = "client -> lb -> app x2\napp -> db x2 : read\ndb -> cache x2 : read\napp -> db : write\n"
    verdict = check(parse_text(text), PASTEBIN_RULES)
    orders = verdict.of_kind(ORDER)
    assert (len(orders), orders[0].message.endswith("a hit spares the database")) == (1, True)


def test_the_user_must_not_wait_for_a_resize() -> None:
    rules = DesignRules.model_validate({"rules": [
        {"rule": "reach", "flow": "post", "block": "worker", "wait": False,
         "why": "nobody waits for a resize"},
        {"rule": "avoid", "flow": "upload", "to": "storage", "via": "app",
         "why": "pixels never pass through the app servers"},
    ]})  # fmt: skip
    good = check(parse_text(design("photo-sharing")), rules)
    bad = check(parse_text(
        "client -> lb -> app x2 : post, upload\napp -> worker x2 : post\nworker -> db x2 : post\n"
        "app -> s3 : upload\napp -> db : upload\n"
    ), rules)  # fmt: skip
    assert good.findings == ()
    assert [(f.kind, f.blocks, f.flows) for f in bad.findings] == [
        (PATH, ("worker",), ("post",)), (PATH, ("s3",), ("upload",)),
    ]  # fmt: skip


def test_the_trade_must_be_in_the_log_before_the_trader_is_answered() -> None:
    rules = DesignRules.model_validate({"rules": [
        {"rule": "reach", "flow": "trade", "block": "kafka", "wait": True,
         "why": "no trade may be lost"},
    ]})  # fmt: skip
    assert check(parse_text(design("stock-trading")), rules).findings == ()
    late = "trader -> lb -> app x2 : trade\napp -> db x2 : trade\ndb => queue x3 : trade\n"
    assert kinds_found(late, rules) == [(PATH, ("queue",))]


def test_a_flow_the_rules_name_but_no_edge_carries_is_missing() -> None:
    found = kinds_found("client -> lb -> app x2 -> db x2 : write\n", PASTEBIN_RULES)
    assert found[0] == (MISSING, ())


@pytest.mark.parametrize(
    ("rule", "says"),
    [
        pytest.param({"rule": "reach", "block": "dbb", "why": "x"}, "did you mean 'db'?",
                     id="unknown-kind"),
        pytest.param({"rule": "orders", "why": "x"}, "does not match any of the expected tags",
                     id="unknown-rule"),
        pytest.param({"rule": "reach", "block": "db"}, "Field required", id="no-why"),
        pytest.param({"rule": "reach", "block": "db", "why": "x", "flow": "Read!"},
                     "should match pattern", id="bad-flow"),
    ],
)  # fmt: skip
def test_bad_rules_are_refused_with_the_reason(rule: dict, says: str) -> None:
    with pytest.raises(ValidationError, match=says):
        DesignRules.model_validate({"rules": [rule]})


def test_the_url_shortener_typed_without_flow_names_has_no_false_finding() -> None:
    # As the source draws it: server 1 takes the writes to the primary, server 2 the
    # reads from Redis and the replica. Without flow names nothing says which path reads,
    # so the write server is not told to ask the cache first.
    text = (
        "client -> lb\nlb -> app1\nlb -> app2\napp1 -> primary-db\napp1 -> redis\n"
        "app2 -> redis\napp2 -> read-replica\nprimary-db ~> read-replica\n"
    )
    assert check(parse_text(text)).findings == ()


def test_an_untagged_edge_carries_the_flows_no_tag_names() -> None:
    # Tagging only the cache as a read leaves `app -> db` carrying reads and writes:
    # the writes reach the database, and nothing is missing.
    typed = "client -> dns\nclient -> lb -> app x2\napp -> cache : read\napp -> db\ndb ~> replica\n"
    assert kinds_found(typed, PASTEBIN_RULES) == []


def test_a_design_with_no_cache_is_told_so_once() -> None:
    # The shipped Pastebin asks reads to reach a cache and to consult it before the
    # database: with no cache at all, that is one missing block, not two findings.
    from sysdesign_cli.core.loader import load_curriculum

    rules = load_curriculum().exercises["pastebin"].design
    typed = "client -> dns\nclient -> lb -> app x2\napp -> db\ndb ~> replica\n"
    found = check(parse_text(typed), rules).findings
    assert [(f.kind, f.flows) for f in found] == [(MISSING, ("read",))]
    assert "never reaches a cache" in found[0].message


@pytest.mark.parametrize("where", ["exercises", "interviews"])
def test_chat_messages_published_to_kafka_must_be_delivered_back_to_a_websocket_server(
    where: str,
) -> None:
    from sysdesign_cli.core.loader import load_curriculum

    rules = getattr(load_curriculum(), where)["chat"].design
    model = rules.reference
    assert [f for f in check(parse_text(model), rules).findings if f.kind == PATH] == []
    broken = model.replace("kafka => ws : send\n", "")
    assert broken != model
    delivery = [f for f in check(parse_text(broken), rules).findings if f.kind == PATH]
    assert [(f.blocks, f.flows) for f in delivery] == [(("kafka",), ("send",))]
    assert delivery[0].message.startswith("on send, nothing goes from kafka on to a WebSocket")
    assert delivery[0].fix == "Deliver it: `kafka => ws : send`."


def test_a_sharded_store_without_copies_is_said_of_its_shards_not_as_existing_once() -> None:
    graph = parse_text("client -> lb -> app x2 -> db shards 16 : read, write\n")
    [finding] = [f for f in check(graph).findings if f.kind == SPOF and f.blocks == ("db",)]
    assert finding.message == ("db holds each of its 16 shards on one machine: if one dies, "
                               "read and write stop for the data it holds.")  # fmt: skip
    assert "exists once" not in finding.message
    # One machine is still said to exist once.
    single = parse_text("client -> lb -> app x2 -> db : read, write\n")
    assert "db exists once: if it dies" in " ".join(f.message for f in check(single).findings)
