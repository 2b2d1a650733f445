"""Rich renderables for availability: downtime budgets and composed parts."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from sysdesign_cli.core.nines import PERIODS, Budget, Calendar
from sysdesign_cli.core.quantity_format import format_duration, format_percent
from sysdesign_cli.render.tables import FitTable, fit_columns


def budget_table(budgets: list[Budget], calendar: Calendar) -> Table:
    """Downtime per year, quarter, month, week and day, one row per availability."""
    table = FitTable(
        title="Allowed downtime",
        title_justify="left",
        caption=calendar.describe() + "; 3 significant figures",
        caption_justify="left",  # centred, its second line floated mid-table
    )
    table.add_column("Availability", style="bold")
    for period in PERIODS:
        table.add_column(f"per {period}", justify="right")
    for item in budgets:
        cells = [format_duration(item.downtime_seconds[period], mark=False) for period in PERIODS]
        table.add_row(format_percent(item.availability), *cells)
    return fit_columns(table)


def composition(kind: str, parts: list[float], result: float) -> Group:
    """The formula with the numbers in it, then the answer."""
    shown = [f"{p:.10g}" for p in parts]
    if kind == "series":
        title = "In series (every part must work): A = A1 x A2 x ..."
        working = " x ".join(shown)
    else:
        title = "In parallel (any one part suffices): A = 1 - (1 - A1) x (1 - A2) x ..."
        working = "1 - " + " x ".join(f"(1 - {p})" for p in shown)
    line = Text(f"A = {working} = {result:.10g}  ->  ")
    line.append(format_percent(result), style="bold")
    return Group(Text(title, style="bold"), line)
