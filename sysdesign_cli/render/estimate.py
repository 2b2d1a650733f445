"""An estimate on screen: the figures, the derivation, average against peak.

Each piece comes as a rich renderable for a terminal and as plain text for a pipe;
both are built from the same rows so they always say the same thing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from sysdesign_cli.core.estimate import Estimate
from sysdesign_cli.core.estimate_figures import LABELS, format_figure
from sysdesign_cli.core.estimate_grading import Check
from sysdesign_cli.core.quantity_format import format_rate

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, Group, RenderResult
    from rich.table import Table
    from rich.text import Text

TITLE = "Back-of-the-envelope estimate"
DERIVATION = "How it is worked out (a day is 86,400 s; a month is 30 days):"
BAND_STYLE = {"good": "green", "right order of magnitude": "yellow", "off": "red"}


def figure_rows(result: Estimate) -> list[tuple[str, str]]:
    """(label, value) for every figure the inputs give."""
    return [
        (LABELS[key], format_figure(key, value))
        for key, value in result.figures().items()
        if value is not None
    ]


def derivation_lines(result: Estimate) -> list[tuple[str, str]]:
    """(label, working) for each step, in order."""
    return [(step.label, step.working) for step in result.steps]


def bars(result: Estimate, width: int) -> list[tuple[str, int, str]]:
    """(label, bar length, value) for the average and the peak."""
    peak = result.peak_qps or 1.0
    return [
        (label, max(1, round(width * value / peak)), format_rate(value))
        for label, value in (("average", result.avg_qps), ("peak", result.peak_qps))
    ]


def more_hint(result: Estimate) -> str | None:
    """Which options would fill in the figures these inputs leave out."""
    wants = []
    if result.writes_per_second is None:
        wants.append("--reads-per-write (the read/write split)")
    if result.inputs.payload_bytes is None:
        wants.append("--payload (storage, bandwidth, cache)")
    elif result.inputs.retention_seconds is None and result.writes_per_second is not None:
        wants.append("--retention (total storage)")
    if result.inputs.server_capacity_qps is None:
        wants.append("--server-capacity (servers at peak)")
    return "For more figures add " + ", ".join(wants) + "." if wants else None


def as_text(result: Estimate) -> str:
    """The whole estimate as plain text."""
    from sysdesign_cli.render.text import columns

    parts = [TITLE, columns(["Figure", "Value"], figure_rows(result), right={1}), ""]
    parts.append(DERIVATION)
    parts += [f"{n}. {label}: {working}" for n, (label, working) in
              enumerate(derivation_lines(result), 1)]  # fmt: skip
    parts.append("")
    parts += [f"{label:>8} {'#' * length} {value}" for label, length, value in bars(result, 40)]
    hint = more_hint(result)
    if hint:
        parts += ["", hint]
    return "\n".join(parts)


def figures_table(result: Estimate) -> Table:
    """Every figure the inputs give, rounded the way an engineer says it."""

    from sysdesign_cli.render.tables import FitTable, fit_columns

    table = FitTable(title=TITLE, title_justify="left")
    table.add_column("Figure")
    table.add_column("Value", justify="right", style="bold")
    for row in figure_rows(result):
        table.add_row(*row)
    return fit_columns(table)


# A figure and the word after it, its unit or what it counts: `86,400 s`, `~91 GB`,
# `10 requests`, `5 (peak factor)` is not one.
_FIGURE_UNIT = re.compile(r"(\d[\d,.]*(?:[kKMBT]\b|%)?) (?=[A-Za-z/])")
_KEEP = "\u00a0"  # joins a figure to its unit while the line is wrapped


class KeptTogether:
    """A line of working that wraps at its spaces but never between a figure and its
    unit (`91 GB` stays on one line); continuation lines are indented by `hang`."""

    def __init__(self, text: Text, hang: int = 0) -> None:
        self.text = text
        self.hang = hang

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        import textwrap

        plain = self.text.plain
        joined = _FIGURE_UNIT.sub(lambda m: m.group(1) + _KEEP, plain)
        width = max(options.max_width, self.hang + 10)
        # textwrap breaks only at ASCII whitespace: the joining space holds.
        lines = textwrap.wrap(joined, width=width, subsequent_indent=" " * self.hang,
                              break_long_words=False, break_on_hyphens=False)  # fmt: skip
        starts, at = [], 0
        for number, line in enumerate(lines):
            body = line[self.hang:] if number else line
            at = joined.index(body, at)
            starts.append(at)
            at += len(body)
        for number, piece in enumerate(self.text.divide(starts[1:])):
            piece.rstrip()
            piece.no_wrap = True
            if number:
                piece = type(piece)(" " * self.hang) + piece
            yield piece


def working_line(text: str, indent: int = 0, label: str = "") -> Any:
    """One line of working as a renderable that keeps figures with their units."""
    from rich.text import Text

    line = Text(" " * indent)
    if label:
        line.append(label, style="bold")
    line.append(text)
    return KeptTogether(line, hang=indent + 2)


def derivation(result: Estimate) -> Group:
    """The worked steps, numbered, one line each (wrapped, never between a figure and
    its unit)."""
    from rich.console import Group
    from rich.text import Text

    lines: list[Any] = [KeptTogether(Text(DERIVATION, style="bold"))]
    for number, (label, working) in enumerate(derivation_lines(result), 1):
        line = Text(f"{number}. ")
        line.append(f"{label}: ", style="bold")
        line.append(working)
        lines.append(KeptTogether(line, hang=len(f"{number}. ")))
    return Group(*lines)


def peak_picture(result: Estimate, width: int = 40, ascii_only: bool = False) -> Group:
    """Average against peak as two bars, so the peak factor is seen, not just read."""
    from rich.console import Group
    from rich.text import Text

    block = "#" if ascii_only else "█"
    rows = []
    for (label, length, value), style in zip(bars(result, width), ("cyan", "magenta")):
        row = Text(f"{label:>8} ")
        row.append(block * length, style=style)
        row.append(f" {value}")
        rows.append(row)
    return Group(*rows)


def check_line(check: Check) -> Text:
    """One graded answer: the band in colour, the worked figure, the likely slip."""
    from rich.text import Text

    line = Text(f"{LABELS[check.key]}: you said {format_figure(check.key, check.answer)}, ")
    line.append(f"worked figure {format_figure(check.key, check.truth)} -> ")
    line.append(check.band.value, style=BAND_STYLE[check.band.value])
    if check.diagnosis:
        line.append(f" ({check.diagnosis})")
    return line
