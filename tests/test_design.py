"""The design checks of core/design.py on a small exercise built here, not on a shipped one."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from sysdesign_cli.core import nines
from sysdesign_cli.core.curriculum import Exercise
from sysdesign_cli.core.design import (
    MISSING,
    ORDER,
    PENALTY,
    SPOF,
    UNNEEDED,
    Design,
    Finding,
    availability,
    check_path,
    mermaid,
    path_score,
    reference_design,
    single_points,
)


def small_exercise(**changes: Any) -> Exercise:
    """A read path with a cache, a primary with a replica, and a queue nobody needs."""
    data: dict[str, Any] = {
        "id": "tiny",
        "title": "Tiny",
        "summary": "A small exercise for the checks.",
        "blocks": [
            {"id": "client", "label": "Client"},
            {"id": "lb", "label": "Load balancer", "availability": 99.99, "managed": True},
            {"id": "app", "label": "App server", "availability": 99.9,
             "spof": "run two app servers"},
            {"id": "cache", "label": "Cache (Redis)", "availability": 99.9, "critical": False},
            {"id": "db", "label": "Database", "availability": 99.95},
            {"id": "replica", "label": "Read replica", "availability": 99.5, "replica_of": "db"},
            {"id": "queue", "label": "Message queue", "availability": 99.9},
            {"id": "object-storage", "label": "Object storage", "availability": 99.99,
             "managed": True},
        ],
        "stages": [
            {
                "kind": "path", "id": "tiny-read", "title": "Read", "name": "read path",
                "prompt": "Lay it out.", "explanation": "Like this.", "points": 10,
                "reference": ["client", "lb", "app", "cache", "db"],
                "required": [
                    {"block": "app", "why": "the app looks it up"},
                    {"block": "cache", "why": "hot reads come from memory"},
                    {"block": "db", "why": "the database is the source of truth"},
                ],
                "unneeded": [{"block": "queue", "why": "a read must answer now"}],
                "order": [{"before": "cache", "after": "db", "why": "cache first, DB on a miss"}],
            },
            {
                "kind": "redundancy", "id": "tiny-redundancy", "title": "More than one",
                "prompt": "Which?", "explanation": "The app.", "reference": ["app"],
            },
        ],
    }  # fmt: skip
    data.update(changes)
    return Exercise.model_validate(data)


EXERCISE = small_exercise()
STAGE = EXERCISE.stages[0]
REFERENCE = list(STAGE.reference)


def fraction(block_id: str) -> float:
    return EXERCISE.block(block_id).availability / 100


def why(flags: list[Any], block: str) -> str:
    return next(flag.why for flag in flags if flag.block == block)


# ---------------------------------------------------------------- check_path


def test_the_reference_path_has_no_findings() -> None:
    assert check_path(STAGE, REFERENCE) == []


def test_a_missing_block_is_named_with_its_why() -> None:
    path = [block for block in REFERENCE if block != "cache"]
    assert check_path(STAGE, path) == [Finding(MISSING, "cache", why(STAGE.required, "cache"))]


def test_an_unneeded_block_is_over_engineering_with_its_why() -> None:
    path = [*REFERENCE, "queue"]
    assert check_path(STAGE, path) == [Finding(UNNEEDED, "queue", why(STAGE.unneeded, "queue"))]


def test_a_block_the_yaml_does_not_mention_is_not_flagged() -> None:
    assert check_path(STAGE, [*REFERENCE, "object-storage"]) == []


def test_database_before_cache_is_out_of_order() -> None:
    path = ["client", "lb", "app", "db", "cache"]
    rule = STAGE.order[0]
    assert check_path(STAGE, path) == [Finding(ORDER, rule.after, rule.why)]


def test_an_order_rule_needs_both_blocks_on_the_path() -> None:
    path = ["client", "lb", "app", "db"]  # no cache: missing, but not out of order
    assert [finding.kind for finding in check_path(STAGE, path)] == [MISSING]


def test_every_kind_of_finding_at_once_in_yaml_order() -> None:
    path = ["client", "queue", "db", "cache"]  # no app, a queue, the DB before the cache
    found = check_path(STAGE, path)
    assert [(finding.kind, finding.block) for finding in found] == [
        (MISSING, "app"), (UNNEEDED, "queue"), (ORDER, "db"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(REFERENCE, id="clean"),
        pytest.param(["client", "lb", "app", "db"], id="missing"),
        pytest.param([*REFERENCE, "queue"], id="unneeded"),
        pytest.param(["client", "queue", "db", "cache"], id="three-findings"),
        pytest.param(["queue"], id="almost-nothing"),
    ],
)
def test_path_score_loses_the_penalty_of_each_finding(path: list[str]) -> None:
    found = check_path(STAGE, path)
    lost = sum(PENALTY[finding.kind] for finding in found) * STAGE.points / 10
    assert path_score(STAGE, found) == max(0.0, STAGE.points - lost)


def test_path_score_never_goes_below_zero() -> None:
    many = [Finding(MISSING, "app", "x")] * 10
    assert path_score(STAGE, many) == 0.0


# ---------------------------------------------------------------- designs


def test_blocks_are_listed_once_in_first_seen_order() -> None:
    design = Design({"write": ["client", "lb", "app", "db"], "read": ["client", "cache", "app"]})
    assert design.blocks() == ["client", "lb", "app", "db", "cache"]


def test_reference_design_comes_from_the_stages() -> None:
    design = reference_design(EXERCISE)
    assert (design.paths, design.replicated) == ({"read path": REFERENCE}, {"app"})


# ---------------------------------------------------------------- single points of failure


def spof_blocks(design: Design) -> list[str]:
    found = single_points(EXERCISE, design)
    assert all(finding.kind == SPOF for finding in found)
    return [finding.block for finding in found]


def test_everything_once_leaves_the_app_and_the_database_as_single_points() -> None:
    # The client has no availability, the LB is managed, the cache is not critical.
    assert spof_blocks(Design({"read": REFERENCE})) == ["app", "db"]


def test_a_replicated_app_leaves_the_database_alone() -> None:
    assert spof_blocks(Design({"read": REFERENCE}, {"app"})) == ["db"]


def test_a_read_replica_on_a_path_covers_the_database_and_is_not_one_itself() -> None:
    design = Design({"write": ["client", "lb", "app", "db"],
                     "read": ["client", "lb", "app", "cache", "replica"]}, {"app"})  # fmt: skip
    assert spof_blocks(design) == []


def test_a_replica_without_its_primary_is_a_block_like_any_other() -> None:
    assert spof_blocks(Design({"read": ["client", "lb", "app", "replica"]}, {"app"})) == ["replica"]


def test_the_spof_message_carries_the_yaml_fix() -> None:
    (app, _db) = single_points(EXERCISE, Design({"read": REFERENCE}))
    assert EXERCISE.block("app").spof in app.message


def test_a_block_without_a_fix_gets_a_generic_one() -> None:
    (_app, db) = single_points(EXERCISE, Design({"read": REFERENCE}))
    assert "run more than one database" in db.message


# ---------------------------------------------------------------- availability


def test_availability_multiplies_the_critical_blocks_in_series() -> None:
    expected = nines.series([fraction("lb"), fraction("app"), fraction("db")])
    assert availability(EXERCISE, Design({"read": REFERENCE})) == pytest.approx(expected)


def test_a_replicated_block_counts_as_two_in_parallel() -> None:
    expected = nines.series([fraction("lb"), nines.parallel([fraction("app")] * 2), fraction("db")])
    assert availability(EXERCISE, Design({"read": REFERENCE}, {"app"})) == pytest.approx(expected)


def test_a_primary_and_its_replica_count_in_parallel() -> None:
    design = Design({"write": ["client", "lb", "app", "db"],
                     "read": ["client", "lb", "app", "cache", "replica"]})  # fmt: skip
    expected = nines.series(
        [fraction("lb"), fraction("app"), nines.parallel([fraction("db"), fraction("replica")])]
    )
    assert availability(EXERCISE, design) == pytest.approx(expected)


def test_a_replica_raises_availability_instead_of_lowering_it() -> None:
    alone = availability(EXERCISE, Design({"path": ["client", "lb", "app", "db"]}))
    with_replica = availability(EXERCISE, Design({"path": ["client", "lb", "app", "db"],
                                                  "read": ["replica"]}))  # fmt: skip
    assert with_replica > alone


def test_a_replicated_primary_with_a_replica_counts_three_copies() -> None:
    design = Design({"p": ["db", "replica"]}, {"db"})
    expected = nines.parallel([fraction("db"), fraction("db"), fraction("replica")])
    assert availability(EXERCISE, design) == pytest.approx(expected)


def test_a_design_of_uncounted_blocks_is_always_up() -> None:
    assert availability(EXERCISE, Design({"p": ["client", "cache"]})) == 1.0


def test_replica_of_must_name_another_block() -> None:
    blocks = [block.model_dump() for block in EXERCISE.blocks]
    blocks[-1]["replica_of"] = "nowhere"
    with pytest.raises(ValidationError, match="replica_of 'nowhere'"):
        small_exercise(blocks=blocks)


# ---------------------------------------------------------------- mermaid


def test_mermaid_of_a_small_design_is_exact() -> None:
    design = Design(
        {"write path": ["client", "app", "object-storage"], "read (hot)": ["client", "cache"]},
        {"app"},
    )
    assert mermaid(EXERCISE, design) == "\n".join([
        "flowchart LR",
        '    client["Client"]',
        '    app["App server x2+"]',
        '    object_storage["Object storage"]',
        '    cache["Cache (Redis)"]',
        "    client -->|write path| app",
        "    app -->|write path| object_storage",
        "    client -->|read hot| cache",
    ])  # fmt: skip


def test_mermaid_strips_characters_that_would_break_a_label() -> None:
    blocks = [block.model_dump() for block in EXERCISE.blocks]
    blocks[0]["label"] = 'Client "web" [beta] {x} <y> |z|'
    exercise = small_exercise(blocks=blocks)
    assert '    client["Client web beta x y z"]' in mermaid(exercise, Design({"p": ["client"]}))
