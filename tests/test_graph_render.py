"""Designs on screen: flows as trees at 80 columns without colour, two designs side by
side or stacked, the report views, the graph step of a lesson and the capacity table."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from sysdesign_cli.core.graph.checks import check
from sysdesign_cli.core.graph.text import parse_text
from sysdesign_cli.core.loader import load_curriculum, load_file
from sysdesign_cli.render.graph import drawing, drawing_text, side_by_side, side_by_side_text

FIXTURES = Path(__file__).parent / "fixtures"
PASTEBIN = (FIXTURES / "designs" / "pastebin.txt").read_text(encoding="utf-8")
MINE = parse_text("client -> lb -> app\napp -> cache : read\napp -> db : read, write\n")


def shown(renderable: object, width: int = 80) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined]


def test_each_flow_is_a_tree_with_dns_beside_the_path_and_hit_and_miss() -> None:
    assert drawing_text(parse_text(PASTEBIN)) == (
        "read\n"
        "client\n"
        "+-- [lookup] dns\n"
        "+-- lb\n"
        "    +-- app x2\n"
        "        +-- [hit] cache\n"
        "        +-- [miss] db ~> replica\n"
        "\n"
        "write\n"
        "client\n"
        "+-- [lookup] dns\n"
        "+-- lb\n"
        "    +-- app x2\n"
        "        +-- [aside] cache\n"
        "        +-- db ~> replica"
    )


def test_async_fan_out_and_the_way_back_are_tagged() -> None:
    text = drawing_text(parse_text(
        "client -> lb -> ws x3 -> kafka x3 : send\nkafka => each ws : send\nkafka => db : send\n"
    ))  # fmt: skip
    assert text.splitlines()[3:] == [
        "    +-- ws x3",
        "        +-- kafka x3",
        "            +-- [later] db",
        "            +-- [later] [each] ws x3  (back to it: delivered, no further)",
    ]


def test_a_name_that_does_not_say_its_kind_is_drawn_with_it() -> None:
    text = drawing_text(parse_text("viewer -> tokyo (cdn) : watch\ntokyo -> s3 : watch\n"))
    assert "+-- tokyo (cdn)" in text.splitlines()


def test_the_rich_drawing_is_the_same_words_without_colour() -> None:
    out = shown(drawing(parse_text(PASTEBIN), ("read",), title="pastebin.txt"))
    assert out.splitlines() == ["pastebin.txt", *drawing_text(parse_text(PASTEBIN), ("read",))
                                .splitlines()]  # fmt: skip


def test_two_designs_side_by_side_line_up_flow_by_flow() -> None:
    text = side_by_side_text(("Your design", MINE), ("Reference", parse_text(PASTEBIN)), 80)
    lines = text.splitlines()
    assert lines[0] == "Your design                Reference"
    assert lines[2] == "read                       read"
    assert lines.index("write                      write") == 10
    assert max(len(line) for line in lines) <= 80


def test_two_designs_are_stacked_when_the_terminal_is_narrow() -> None:
    text = side_by_side_text(("Your design", MINE), ("Reference", parse_text(PASTEBIN)), 40)
    lines = text.splitlines()
    assert (lines[0], lines.count("Reference")) == ("Your design", 1)
    assert lines.index("Reference") > lines.index("Your design") + 5
    out = shown(side_by_side(("Your design", MINE), ("Reference", parse_text(PASTEBIN)), 40), 40)
    assert out.splitlines()[0].strip() == "Your design"


def test_findings_show_each_fix() -> None:
    from sysdesign_cli.render.design_report import findings_view

    graph = parse_text(PASTEBIN.replace("db ~> replica\n", ""))
    out = shown(findings_view(check(graph)))
    assert out.splitlines()[:2] == [
        "Checks: 1 finding",
        "  [single point of failure] db exists once: if it dies, read and write stop.",
    ]
    assert "fix: Add a replica that can take over" in out


def test_a_graph_step_loads_validates_and_draws() -> None:
    lesson, problems = load_file(FIXTURES / "graph-lesson" / "lessons" / "01-drawn-pastebin.yaml")
    assert problems == []
    from sysdesign_cli.render.lesson import render_step

    out = shown(render_step(lesson.steps[0]))
    assert out.splitlines() == [
        "Pastebin: every read asks the cache first",
        "read",
        "client",
        "+-- [lookup] dns",
        "+-- lb",
        "    +-- app x2",
        "        +-- [hit] cache",
        "        +-- [miss] db ~> replica",
        "DNS answers beside the path; the database is read only on a cache miss.",
    ]


def test_a_graph_step_with_a_bad_design_names_the_line(tmp_path: Path) -> None:
    bad = (FIXTURES / "graph-lesson" / "lessons" / "01-drawn-pastebin.yaml").read_text()
    bad = bad.replace("app -> db : read, write", "app -> dbb : read, write")
    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "01-bad.yaml").write_text(bad)
    _, problems = load_file(folder / "01-bad.yaml")
    assert [(p.line, p.field) for p in problems] == [(9, "steps[0].design")]
    assert "line 4: 'dbb' is not a block kind I know. Did you mean 'db'?" in problems[0].message


def test_a_graph_step_that_asks_for_a_flow_it_does_not_draw(tmp_path: Path) -> None:
    bad = (FIXTURES / "graph-lesson" / "lessons" / "01-drawn-pastebin.yaml").read_text()
    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "01-bad.yaml").write_text(bad.replace("flows: [read]", "flows: [upload]"))
    _, problems = load_file(folder / "01-bad.yaml")
    assert "flows ['upload'] are carried by no edge of the design" in problems[0].message


def test_the_capacity_table_is_on_the_numbers_screen() -> None:
    from typer.testing import CliRunner

    from sysdesign_cli.cli.app import app

    result = CliRunner().invoke(app, ["numbers"])
    out = result.output
    assert result.exit_code == 0
    assert "Capacity per block" in out
    assert "Redis documentation, \"How fast is Redis?\" (2011)" in out
    assert "~1,000/s" in out  # the app server: an order of magnitude
    assert load_curriculum().references["capacity"].value("app", "capacity") == 1000


def test_dns_drawn_as_a_hop_is_drawn_beside_the_path_with_what_was_typed() -> None:
    # The tree puts the traffic back on the client; the note keeps the drawing from
    # looking right while the check says it is wrong.
    assert drawing_text(parse_text("client -> dns -> lb -> app -> db\n")).splitlines() == [
        "request",
        "client",
        "+-- [lookup] dns",
        "+-- lb  (you drew dns -> lb: DNS is a lookup, not a hop)",
        "    +-- app",
        "        +-- db",
    ]


def test_the_load_note_does_not_say_a_standby_replica_shares_the_reads() -> None:
    from sysdesign_cli.core.graph.load import LoadSpec, load
    from sysdesign_cli.core.graph.traffic import FlowLoad
    from sysdesign_cli.core.loader import load_reference
    from sysdesign_cli.render.prediction import prediction_view

    table = load_reference()[0]
    graph = parse_text(PASTEBIN)
    spec = LoadSpec((FlowLoad("read", 580.0), FlowLoad("write", 58.0)))
    report = load(graph, spec, table)
    assert report.block("replica").read_per_instance == 0
    text = " ".join(shown(prediction_view(report, graph, table)).split())
    assert "a replica (~>) applies every write and serves only the reads sent to it" in text
    assert "A store's copies share the reads" not in text


def test_latencies_are_rounded_alike_in_the_unit_that_suits_them() -> None:
    from dataclasses import replace

    from sysdesign_cli.core.graph.latency import FlowLatency
    from sysdesign_cli.core.graph.load import LoadSpec, load
    from sysdesign_cli.core.graph.traffic import FlowLoad
    from sysdesign_cli.core.loader import load_reference
    from sysdesign_cli.render.design_report import load_view

    report = load(parse_text(PASTEBIN), LoadSpec((FlowLoad("read", 580.0),)), load_reference()[0])
    latencies = (FlowLatency("read", 0.5, 57.5), FlowLatency("write", None, 1234.0))
    report = replace(report, latencies=latencies)
    text = " ".join(shown(load_view(report)).split())
    assert "Latency of read: ~58 ms on a miss, ~500 µs on a hit." in text
    assert "Latency of write: ~1.2 s." in text


def test_the_load_tables_do_not_send_every_request_to_dns() -> None:
    from sysdesign_cli.core.graph.load import LoadSpec, load
    from sysdesign_cli.core.graph.traffic import FlowLoad
    from sysdesign_cli.core.loader import load_reference
    from sysdesign_cli.render.design_report import load_view
    from sysdesign_cli.render.prediction import prediction_view

    table = load_reference()[0]
    graph = parse_text(PASTEBIN)
    report = load(graph, LoadSpec((FlowLoad("read", 580.0), FlowLoad("write", 58.0))), table)
    for view in (prediction_view(report, graph, table), load_view(report)):
        rows = [line.replace("│", " ").split() for line in shown(view, 100).splitlines()]
        row = next(row for row in rows if row[:1] == ["dns"])
        assert row == ["dns", "1", "-", "-", "cached", "lookups,", "not", "one", "a",
                               "request"]  # fmt: skip
