"""The load at peak without the verdict: what each copy serves and what one copy handles,
so the learner can work out which block gives way first before the tutor says."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.markup import escape
from rich.text import Text

from sysdesign_cli.core.graph import kinds
from sysdesign_cli.core.graph.load import LoadReport
from sysdesign_cli.core.graph.model import REPLICATION, Graph
from sysdesign_cli.core.quantity_format import format_number, format_rate
from sysdesign_cli.render.tables import FitTable, fit_columns

if TYPE_CHECKING:
    from sysdesign_cli.core.graph.capacity import CapacityTable

LOOKUP_NOTE = "cached lookups, not one a request"


def handles(graph: Graph, name: str, table: CapacityTable) -> str:
    """What one copy of `name` handles: `1,000/s`, `5,000 reads/s, 1,000 writes/s`."""
    capacity = table.capacity(graph.block(name))
    if capacity is None:
        return "scales itself"
    reads, writes = capacity
    if reads == writes:
        return f"{reads:,.0f}/s"
    return f"{reads:,.0f} reads/s, {writes:,.0f} writes/s"


def prediction_view(report: LoadReport, graph: Graph, table: CapacityTable) -> Group:
    """Each block's load per copy at today's peak beside what one copy handles; no verdict."""
    view = FitTable(title="Load at today's peak", title_justify="left")
    view.add_column("Block", style="bold")
    view.add_column("Copies", justify="right")
    view.add_column("Reads/s a copy", justify="right")
    view.add_column("Writes/s a copy", justify="right")
    view.add_column("One copy handles", justify="right")
    for block in report.blocks:
        if kinds.role(block.kind) == kinds.LOOKUP:
            # Browsers and resolvers cache the answer: a lookup is not made per request.
            view.add_row(escape(block.name), str(block.instances), "-", "-", LOOKUP_NOTE)
            continue
        view.add_row(
            escape(block.name),
            str(block.instances),
            format_number(block.read_per_instance),
            format_number(block.write_per_instance),
            escape(handles(graph, block.name, table)),
        )
    entered = ", ".join(f"{flow} {format_rate(rate)}" for flow, rate in report.entered)
    # A replica joined by `~>` takes only the reads an edge sends it: saying "copies share
    # the reads" beside a replica row of 0 reads contradicted the table.
    replica = ("; a replica (~>) applies every write and serves only the reads sent to it"
               if any(edge.kind == REPLICATION for edge in graph.edges) else "")  # fmt: skip
    note = (f"Traffic at peak: {entered}. Copies of a store (x2) share its reads but each "
            f"applies every write{replica}; a cache answers its hits and passes the misses "
            "on.")  # fmt: skip
    return Group(fit_columns(view), Text(note, style="dim"))
