"""What the design engine found, on screen: findings with their fixes, availability per
flow, the load table, growth, drills and the design loop. Pure: data in, renderables out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.padding import Padding
from rich.text import Text

from sysdesign_cli.core.graph import kinds
from sysdesign_cli.core.graph.availability import FlowAvailability
from sysdesign_cli.core.graph.design_loop import LoopStep
from sysdesign_cli.core.graph.drills import DELAYED, DOWN, WORKS, Drill
from sysdesign_cli.core.graph.findings import Verdict
from sysdesign_cli.core.graph.kinds import PSEUDO, WHATS
from sysdesign_cli.core.graph.load import Growth, LoadReport
from sysdesign_cli.core.nines import budget
from sysdesign_cli.core.quantity_format import (
    format_bytes,
    format_duration,
    format_number,
    format_percent,
    format_rate,
)
from sysdesign_cli.render.prediction import LOOKUP_NOTE
from sysdesign_cli.render.tables import FitTable, fit_columns

if TYPE_CHECKING:
    from sysdesign_cli.core.graph.capacity import CapacityTable

STATUS_STYLE = {WORKS: "green", DELAYED: "yellow", DOWN: "red"}


def _percent(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value * 100:.0f}%" if value >= 0.01 else f"{value * 100:.1g}%"


def _ms(milliseconds: float) -> str:
    """A latency to two figures, in the unit that suits it: `58 ms`, `500 µs`, `1.2 s`."""
    return format_duration(milliseconds / 1000, sig=2, mark=False)


def findings_view(verdict: Verdict) -> Group:
    """Every finding with its fix, or a line saying there are none."""
    if verdict.ok:
        return Group(Text("Checks: no findings.", style="green"))
    count = len(verdict.findings)
    parts: list[RenderableType] = [
        Text(f"Checks: {count} finding{'s' if count != 1 else ''}", style="bold")
    ]
    for finding in verdict.findings:
        parts.append(Padding(Whole(f"[{finding.kind}] {finding.message}",
                                   (len(finding.kind) + 3, "yellow")), (0, 0, 0, 2), expand=False))
        parts.append(Padding(Whole(f"fix: {finding.fix}", style="dim"), (0, 0, 0, 6),
                             expand=False))  # fmt: skip
    return Group(*parts)


class Whole:
    """A paragraph broken between words at the width it is drawn in, an example in
    backticks (`db x2`) never split; `lead`: how many of its first characters take
    which style."""

    def __init__(self, text: str, lead: tuple[int, str] = (0, ""), style: str = "") -> None:
        self.text, self.lead, self.style = text, lead, style

    def _text(self, width: int) -> Text:
        from sysdesign_cli.render.text import fill_words

        text = Text(fill_words(self.text, width), style=self.style)
        if self.lead[0]:
            text.stylize(self.lead[1], 0, self.lead[0])
        return text

    def __rich_console__(self, console: Any, options: Any) -> Any:
        yield self._text(options.max_width)

    def __rich_measure__(self, console: Any, options: Any) -> Any:
        # As wide as its longest line: no padding after it to the edge.
        from rich.measure import Measurement

        return Measurement.get(console, options, self._text(options.max_width))


def availability_view(
    results: tuple[FlowAvailability, ...], title: str = "Availability per flow"
) -> Group:
    """Each flow's availability, downtime a year, and the one-zone case beside it."""
    table = FitTable(title=escape(title), title_justify="left")
    table.add_column("Flow", style="bold")
    table.add_column("Available", justify="right")
    table.add_column("Down a year", justify="right")
    table.add_column("All in one zone", justify="right")
    for item in results:
        table.add_row(
            escape(item.flow),
            format_percent(item.availability),
            format_duration(budget(item.availability).downtime_seconds["year"], mark=False),
            format_percent(item.one_zone),
        )
    notes = []
    if results:
        first = results[0]
        notes.append(f"Assumes {first.assumptions[0]}, and {first.assumptions[1]}.")
        notes.append(
            f"All in one zone: every copy you run in a single zone, which is up "
            f"{format_percent(first.zone_availability)} of the time: copies that share a "
            "zone fail together, so a second copy in the same zone adds little."
        )
        if not all(item.exact for item in results):
            notes.append("Sampled, not exact: the design is too large to sum every state.")
        later = [item.flow for item in results if item.complete < item.availability - 1e-12]
        if later:
            notes.append(
                f"The work after a queue on {', '.join(later)} completes less often than "
                "the flow is accepted: a queue lets the user go on while what is behind it "
                "is down."
            )
    return Group(fit_columns(table), *(Text(note, style="dim") for note in notes))


def load_view(report: LoadReport) -> Group:
    """Every block's load at peak, its utilisation, and each flow's latency."""
    table = FitTable(title="Load at peak", title_justify="left")
    table.add_column("Block", style="bold")
    table.add_column("Copies", justify="right")
    table.add_column("Requests/s", justify="right")
    table.add_column("Per copy", justify="right")
    table.add_column("Busy", justify="right")
    heavy = any(block.bytes_per_second for block in report.blocks)
    if heavy:
        table.add_column("Bytes/s", justify="right")
    for block in report.blocks:
        if kinds.role(block.kind) == kinds.LOOKUP:
            # Browsers and resolvers cache the answer: a lookup is not made per request.
            cells = [escape(block.name), str(block.instances), "-", "-", LOOKUP_NOTE]
            table.add_row(*cells, *(["-"] if heavy else []))
            continue
        busy = "scales itself" if block.utilisation is None else _percent(block.utilisation)
        style = "red" if (block.utilisation or 0) > 1 else ""
        cells = [
            escape(block.name),
            str(block.instances),
            format_number(block.load),
            format_number(block.per_instance),
            Text(busy, style=style),
        ]
        if heavy:
            cells.append(format_bytes(block.bytes_per_second) if block.bytes_per_second else "-")
        table.add_row(*cells)
    entered = ", ".join(f"{flow} {format_rate(rate)}" for flow, rate in report.entered)
    lines = [Text(f"Traffic at peak: {entered}.", style="dim")]
    for latency in report.latencies:
        text = f"Latency of {latency.flow}: ~{_ms(latency.miss_ms)}"
        if latency.hit_ms is not None:
            text += f" on a miss, ~{_ms(latency.hit_ms)} on a hit"
        lines.append(Text(text + "."))
    top = report.bottleneck
    if top is not None and top.utilisation is not None:
        lines.append(Text(f"Busiest: {top.name} at {_percent(top.utilisation)} of what it "
                          "handles.", style="bold"))  # fmt: skip
    return Group(fit_columns(table), *lines)


def growth_view(growth: Growth, peak: float | None = None) -> Group:
    """Utilisation as traffic grows, and the first block past 100%."""
    table = FitTable(title="As traffic grows", title_justify="left")
    table.add_column("Block", style="bold")
    for factor in growth.factors:
        table.add_column("now" if factor == 1 else f"{factor:g}x", justify="right")
    for name, values in growth.rows:
        if all(value is None for value in values):
            continue
        cells = [Text(_percent(v), style="red" if (v or 0) > 1 else "") for v in values]
        table.add_row(escape(name), *cells)
    if growth.first is None or growth.at is None:
        line = "No block has a capacity figure to run out of."
    else:
        rate = f" ({format_rate(peak * growth.at)})" if peak else ""
        if growth.at < 1:  # already over today: "0.001x today's traffic" reads as growth
            line = (f"Past 100% already: {growth.first} handles only about "
                    f"{_percent(growth.at)} of today's traffic{rate}.")  # fmt: skip
        else:
            line = (f"First past 100%: {growth.first}, at about {growth.at:.2g}x today's "
                    f"traffic{rate}.")  # fmt: skip
    return Group(fit_columns(table), Text(line, style="bold"))


def drill_view(drill: Drill) -> Group:
    """Which flows survive the kill, with availability before and after."""
    parts: list[RenderableType] = [Text(f"Drill: {drill.kill.describe()}", style="bold")]
    for outcome in drill.outcomes:
        line = Text(f"  {outcome.flow}: ")
        line.append(outcome.status, style=STATUS_STYLE.get(outcome.status, "yellow"))
        line.append(f" ({outcome.note}); available {format_percent(outcome.before)} -> "
                    f"{format_percent(outcome.after)}")  # fmt: skip
        parts.append(line)
    return Group(*parts)


def loop_view(step: LoopStep) -> Group:
    """At a target: the block that buckles and what each fix does."""
    if step.bottleneck is None:
        return Group(Text(f"At {step.factor:g}x every block stays under 100%.", style="green"))
    top = step.bottleneck
    parts: list[RenderableType] = [
        Text(
            f"At {step.factor:g}x, {top.name} buckles first ({_percent(top.utilisation)}).",
            style="bold",
        )  # fmt: skip
    ]
    for fix in step.fixes:
        after = f"{fix.next_bottleneck} at {_percent(fix.next_utilisation)}"
        verdict = "meets the target" if fix.meets else "not enough"
        parts.append(Text(f"  {fix.label} (+{fix.additions}): busiest then {after}; {verdict}"))
    return Group(*parts)


def capacity_view(table: CapacityTable) -> Group:
    """The capacity table for `sysdesign numbers`: one row per block, each figure marked
    with the number of its note and source, listed below."""
    view = FitTable(title=escape(table.title), title_justify="left")
    view.add_column("Block")
    view.add_column("One instance handles", justify="right")
    view.add_column("Available", justify="right")
    view.add_column("A call takes", justify="right")
    view.add_column("Hit ratio", justify="right")
    notes: list[str] = []

    def cell(block: str, what: str) -> str:
        figure = next((f for f in table.figures if f.block == block and f.what == what), None)
        if figure is None:
            return ""
        text = f"{figure.source} ({figure.year})"
        if text not in notes:
            notes.append(text)
        rough = figure.note and ("order of magnitude" in figure.note or "assumption" in figure.note)
        mark = f" [{notes.index(text) + 1}]"
        if what in ("capacity", "write_capacity"):
            word = "writes" if what == "write_capacity" else "reads"
            has_writes = any(f.block == block and f.what == "write_capacity" for f in table.figures)
            value = f"{figure.value:,.0f}/s" + (f" {word}" if has_writes else "")
        elif what == "availability":
            value = f"{figure.value:g}%"
        elif what == "latency":
            value = f"{figure.value:g} ms"
        else:
            value = f"{figure.value:.0%}"
        return ("~" if rough else "") + value + mark

    for block in (*kinds.KIND_IDS, *PSEUDO):
        cells = [cell(block, what) for what in WHATS]
        if not any(cells):
            continue
        handles = "\n".join(c for c in cells[:2] if c)
        view.add_row(escape(block), escape(handles), escape(cells[2]), escape(cells[3]),
                     escape(cells[4]))  # fmt: skip
    lines: list[RenderableType] = [fit_columns(view)]
    caption = (table.caption + " " if table.caption else "") + (
        "~: an order of magnitude or a planning assumption (the note on each figure is in "
        "curricula/reference/capacity.yaml)."
    )
    lines.append(Text(caption, style="italic"))
    lines += [Text(f"[{index}] {note}", style="dim") for index, note in enumerate(notes, 1)]
    return Group(*lines)
