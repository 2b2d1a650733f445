"""`sysdesign design check FILE`: read a design file, print what the engine finds."""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from sysdesign_cli.cli.console import Refused, make_console
from sysdesign_cli.core.safe_text import SHORT, quoted, visible, visible_path

if TYPE_CHECKING:
    from rich.console import Console

    from sysdesign_cli.core.graph.capacity import CapacityTable
    from sysdesign_cli.core.graph.load import LoadSpec
    from sysdesign_cli.core.graph.model import Graph

BAD_FILE = 2  # exit code: the file cannot be read as a design (findings exit 1)


class DesignFileError(Exception):
    """A design file that cannot be used; the message says why and what to do."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def read_design(path: Path) -> Graph:
    """The graph in `path` (text format or Mermaid), or DesignFileError."""
    from sysdesign_cli.core.files import FileRefused, read_capped
    from sysdesign_cli.core.graph.text import MAX_BYTES, GraphError, parse_design

    shown = visible_path(path)
    try:
        text = read_capped(path, MAX_BYTES).decode("utf-8")
    except FileRefused as error:
        if not error.unreadable or os.path.lexists(path):  # a link that loops "exists"
            raise DesignFileError([f"{error.sentence(shown)}; give a design file, one edge a "
                                   "line."]) from None  # fmt: skip
        raise DesignFileError([f"{shown}: no such file."]) from None
    except UnicodeDecodeError:
        raise DesignFileError([f"{shown} is not UTF-8 text; save it as plain text."]) from None
    try:
        return parse_design(text)
    except GraphError as error:
        count = len(error.problems)
        head = f"{shown}: {count} problem{'s' if count != 1 else ''}:"
        problems = (f"  {visible(str(problem))}" for problem in error.problems)
        raise DesignFileError([head, *problems]) from None


def capacity_table() -> CapacityTable:
    """The built-in capacity table (and an override from SYSDESIGN_CURRICULUM)."""
    from sysdesign_cli.cli.console import fail
    from sysdesign_cli.core.loader import load_reference

    table, problems = load_reference(cached=True)
    if table is None:
        reasons = "; ".join(str(problem) for problem in problems) or "it is missing"
        fail(f"the capacity table cannot be loaded ({reasons}); reinstall sysdesign")
    return table


def _folder_table(option: str | None) -> CapacityTable | None:
    """The capacity table of the extra folders (`--curriculum`, SYSDESIGN_CURRICULUM), read
    as `numbers` and `exercise` read it: a folder's problems are named, not passed over.
    None without an extra folder: the built-in table is read when it is needed."""
    from sysdesign_cli.core.loader import extra_dirs

    if not extra_dirs(option):
        return None
    from sysdesign_cli.cli.context import capacity_of, load_lessons

    return capacity_of(load_lessons(option))  # type: ignore[no-any-return]


def parse_traffic(text: str, graph: Graph) -> LoadSpec:
    """`580`, `580/s`, `50M/day` (shared out, 10 reads a write) or `read=500,write=50`."""
    from sysdesign_cli.core.graph.load import FlowLoad, LoadSpec, split
    from sysdesign_cli.core.quantities import Dim, QuantityError, parse_as

    flows = graph.flows()
    if not text.strip():
        raise Refused("it is empty; give a rate such as 580 or read=500,write=50",
                                 param_hint="--qps")  # fmt: skip
    try:
        if "=" not in text:
            total = parse_as(text, Dim.RATE)
            if total <= 0:
                raise Refused("give a rate above zero, e.g. 580", param_hint="--qps")
            return split(total, flows)
        loads = []
        for part in filter(None, (p.strip() for p in text.split(","))):
            name, _, rate = part.partition("=")
            name = name.strip().lower()
            if name not in flows:
                raise Refused(
                    f"no flow {quoted(name, SHORT)} in the design; its flows: {', '.join(flows)}",
                    param_hint="--qps",
                )
            if any(load.flow == name for load in loads):
                raise Refused(f"{quoted(name)} is given twice; give each flow once",
                                         param_hint="--qps")  # fmt: skip
            loads.append(FlowLoad(name, parse_as(rate.strip(), Dim.RATE)))
    except QuantityError as error:
        raise Refused(str(error), param_hint="--qps") from None
    if not any(load.rate > 0 for load in loads):
        raise Refused("give a rate above zero, e.g. read=500,write=50",
                                 param_hint="--qps")  # fmt: skip
    return LoadSpec(tuple(loads))


def _factors(grow: float) -> tuple[float, ...]:
    steps = [f for f in (2.0, 5.0, 10.0, 20.0, 50.0, 100.0) if f < grow]
    return (*steps, grow)


def _flows(graph: Graph, only: str | None) -> tuple[str, ...]:
    flows = graph.flows()
    if only is None:  # not given: every flow
        return flows
    wanted = tuple(dict.fromkeys(w.strip().lower() for w in only.split(",") if w.strip()))
    if not wanted:  # `--flows ""` asks for none, not for all
        raise Refused(f"it names no flow; give one or more of {', '.join(flows)} (comma-"
                      "separated), or leave --flows out to check every flow",
                      param_hint="--flows")  # fmt: skip
    unknown = [w for w in wanted if w not in flows]
    if unknown:
        raise Refused(
            f"no flow {quoted(unknown[0], SHORT)} in the design; its flows: {', '.join(flows)}",
            param_hint="--flows",
        )
    return wanted


def _default_kill(graph: Graph) -> str | None:
    """The drill run when none is asked for: the primary database dies."""
    primary = [b.name for b in graph.blocks if b.kind == "db"]
    return primary[0] if primary else None


def analyse(graph: Graph, options: dict[str, Any]) -> dict[str, Any]:
    """Everything `design check` reports, as data (the same for screen and --json)."""
    from sysdesign_cli.core.graph.availability import availabilities
    from sysdesign_cli.core.graph.checks import check
    from sysdesign_cli.core.graph.drills import KillError, drill, parse_kill
    from sysdesign_cli.core.graph.load import growth, load

    table = options.get("table") or capacity_table()
    flows = _flows(graph, options.get("flows"))
    kills = options.get("kill") or []
    try:
        parsed = [parse_kill(text, graph) for text in kills]
    except KillError as error:
        raise Refused(str(error), param_hint="--kill") from None
    if not kills and _default_kill(graph):
        parsed = [parse_kill(_default_kill(graph) or "", graph)]
    result: dict[str, Any] = {
        "graph": graph,
        "flows": flows,
        "verdict": check(graph, flows=flows),
        "availability": availabilities(graph, table, flows),
        "drills": [drill(graph, kill, table, flows) for kill in parsed],
        "load": None,
        "growth": None,
        "peak": None,
    }
    grow = options.get("grow") or 10.0
    if not 1 <= grow <= 1000:  # typer's range lets `nan` through
        raise Refused("give a number from 1 to 1000, e.g. 10", param_hint="--grow")
    if options.get("qps") is not None:
        spec = parse_traffic(options["qps"], graph)
        result["load"] = load(graph, spec, table)
        result["growth"] = growth(graph, spec, table, _factors(grow))
        result["peak"] = sum(flow.rate for flow in spec.flows)
    return result


def _load_json(report: Any) -> dict[str, Any]:
    """The load report as data, DNS as the screen shows it: browsers and resolvers cache
    its answer, so it takes cached lookups, not one a request (no per-request figures)."""
    from sysdesign_cli.core.graph import kinds

    data = asdict(report)
    for block in data["blocks"]:
        if kinds.role(block["kind"]) == kinds.LOOKUP:
            for key in ("reads", "writes", "absorbed", "per_instance", "read_per_instance",
                        "write_per_instance"):  # fmt: skip
                block[key] = None
            block["note"] = "cached lookups, not one a request"
    return data


def _json(path: Path, result: dict[str, Any]) -> str:
    from sysdesign_cli.core.graph.text import to_text
    from sysdesign_cli.core.graph.twins import twins

    graph = result["graph"]
    data = {
        "file": str(path),
        "flows": list(result["flows"]),
        "design": to_text(graph),
        "blocks": [asdict(block) for block in graph.blocks],
        "edges": [asdict(edge) for edge in graph.edges],
        "findings": [asdict(finding) for finding in result["verdict"].findings],
        "single_points_of_failure": [asdict(p) for p in result["verdict"].single_points],
        "availability": [asdict(item) for item in result["availability"]],
        "load": _load_json(result["load"]) if result["load"] else None,
        "growth": asdict(result["growth"]) if result["growth"] else None,
        "drills": [asdict(item) for item in result["drills"]],
        "notes": [pair.message() for pair in twins(graph)],
    }
    return json.dumps(data, indent=2)


def show(console: Console, path: Path, result: dict[str, Any]) -> None:
    """The report on screen: drawing, checks, availability, load, growth, drills."""
    from sysdesign_cli.core.graph.model import IMPLICIT_FLOW
    from sysdesign_cli.render.design_report import (
        availability_view,
        drill_view,
        findings_view,
        growth_view,
        load_view,
    )
    from sysdesign_cli.render.graph import drawing

    graph = result["graph"]
    console.print(drawing(graph, result["flows"], title=visible_path(path)))
    if graph.flows() == (IMPLICIT_FLOW,):
        console.print(
            "[dim]No edge names a flow, so every edge carries one flow, `request`. Tag the "
            "edges (`app -> db : read, write`) to check reads and writes apart.[/dim]"
        )
    from rich.markup import escape

    from sysdesign_cli.core.graph.twins import twins

    for pair in twins(graph):
        console.print(f"[yellow]Note:[/yellow] {escape(pair.message())}")
    for part in (findings_view(result["verdict"]), availability_view(result["availability"])):
        console.print()
        console.print(part)
    if result["load"] is not None:
        console.print()
        console.print(load_view(result["load"]))
        console.print()
        console.print(growth_view(result["growth"], result["peak"]))
    for item in result["drills"]:
        console.print()
        console.print(drill_view(item))


def check_once(path: Path, options: dict[str, Any], console: Console,
               name: Path | None = None) -> int:  # fmt: skip
    """Check the design in `path` once, shown under `name` (the path if None)."""
    graph = read_design(path)
    result = analyse(graph, options)
    if options.get("as_json"):
        typer.echo(_json(name or path, result))
    else:
        show(console, name or path, result)
    return 0 if result["verdict"].ok else 1


def print_error(lines: list[str]) -> None:
    from rich.markup import escape

    errors = make_console(stderr=True)
    errors.print(f"[red]Error:[/red] {escape(lines[0])}", soft_wrap=True)
    for line in lines[1:]:
        errors.print(escape(line), soft_wrap=True, highlight=False)


def escape_path(path: Path) -> str:
    """A path safe to print inside rich markup."""
    from rich.markup import escape

    return escape(visible_path(path))


def run_check(file: str | None, options: dict[str, Any]) -> None:
    """Check a design file once, or on every save with --watch; with --example, the
    README's example design."""
    from sysdesign_cli.cli.design_source import design_source

    console = make_console()
    path, name = design_source(file, options, console)
    options = {**options, "table": _folder_table(options.get("curriculum"))}
    if options.get("watch"):
        from sysdesign_cli.cli.design_watch import watch

        watch(path, options, console)
        return
    try:
        code = check_once(path, options, console, name)
    except DesignFileError as error:
        print_error(error.lines)
        raise typer.Exit(BAD_FILE) from None
    raise typer.Exit(code)
