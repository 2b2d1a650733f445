"""`sysdesign nines`: downtime budgets, the reverse, and composed availability."""

from __future__ import annotations

import typer

from sysdesign_cli.cli.console import Refused
from sysdesign_cli.core import nines as core
from sysdesign_cli.core.nines import (
    GREGORIAN_YEAR_DAYS,
    PERIODS,
    Calendar,
    availability_from_downtime,
    budget,
    parse_availability,
)
from sysdesign_cli.core.quantities import QuantityError
from sysdesign_cli.core.safe_text import SHORT, quoted

CLASSIC = ("99", "99.9", "99.95", "99.99", "99.999")


def _join_nines(words: list[str]) -> list[str]:
    """`4 nines` typed without quotes arrives as two arguments: put them back together."""
    joined: list[str] = []
    for word in words:
        if word.lower() in ("nine", "nines") and joined:
            joined[-1] = f"{joined[-1]} {word}"
        else:
            joined.append(word)
    return joined


def run_nines(
    texts: list[str],
    *,
    downtime: float | None,
    per: str,
    series: bool,
    parallel: bool,
    gregorian: bool,
    as_json: bool,
) -> None:
    """Parse, compute and print (a table, or JSON)."""
    calendar = Calendar(year_days=GREGORIAN_YEAR_DAYS) if gregorian else Calendar()
    parts = []
    for text in _join_nines(texts):
        try:
            parts.append(parse_availability(text))
        except QuantityError as error:
            raise Refused(str(error), param_hint="PERCENT") from None
    per = per.strip().lower()
    if per not in PERIODS:
        raise Refused(f"{quoted(per, SHORT)} is not one of {', '.join(PERIODS)}",
                      param_hint="--per")  # fmt: skip
    if (series or parallel) and len(parts) < 2:
        flag = "--series" if series else "--parallel"
        raise Refused(
            "give at least two availabilities to compose, e.g. 99.9 99.9", param_hint=flag
        )

    data: dict[str, object] = {"year_days": calendar.year_days, "month_days": calendar.month_days}
    if downtime is not None:
        try:
            implied = availability_from_downtime(downtime, per, calendar)
        except QuantityError as error:
            raise Refused(str(error), param_hint="--downtime") from None
        data["from_downtime"] = {"downtime_seconds": downtime, "per": per, "availability": implied}
    composed = {}
    if series:
        composed["series"] = core.series(parts)
    if parallel:
        composed["parallel"] = core.parallel(parts)
    if not parts and downtime is None:
        parts = [parse_availability(text) for text in CLASSIC]
    budgets = [budget(part, calendar) for part in parts]
    budgets += [budget(value, calendar) for value in composed.values()]
    if downtime is not None:
        budgets.append(budget(implied, calendar))

    if as_json:
        data["availabilities"] = [
            {"availability": item.availability, "downtime_seconds": item.downtime_seconds}
            for item in budgets
        ]
        if len(budgets) == 1:
            data["availability"] = budgets[0].availability
            data["downtime_seconds"] = budgets[0].downtime_seconds
        for kind, value in composed.items():
            data[kind] = {"parts": parts, "availability": value}
        from sysdesign_cli.cli.jsonout import dumps

        typer.echo(dumps(data))
        return

    from sysdesign_cli.cli.console import make_console
    from sysdesign_cli.core.quantity_format import format_duration, format_percent
    from sysdesign_cli.render.nines import budget_table, composition

    console = make_console()
    if downtime is not None:
        implied = data["from_downtime"]["availability"]  # type: ignore[index]
        console.print(
            f"{format_duration(downtime)} of downtime per {per} -> "
            f"[bold]{format_percent(implied)}[/bold] available "
            f"(1 - {downtime:g} s / {calendar.seconds(per):,.0f} s in a {per})"
        )
    for kind, value in composed.items():
        console.print(composition(kind, parts, value))
    if budgets:
        console.print(budget_table(budgets, calendar))
