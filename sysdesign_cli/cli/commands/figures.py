"""The figures commands: `estimate` (back-of-the-envelope), `nines` (downtime budgets)
and `numbers` (the reference numbers): their options and help. Each runs its module in
`cli/` (`estimate`, `nines`, `lessons`), imported only when it runs."""

from __future__ import annotations

from typing import Optional

import typer

from sysdesign_cli.cli.options import (
    count_option,
    curriculum_option,
    duration_option,
    plain_option,
    quantity_option,
)


def estimate(
    dau: Optional[float] = count_option("--dau", "Daily active users, e.g. 1000000, 1M, 1e6."),
    requests_per_user: float = count_option(
        "--requests-per-user", "Requests each user makes a day.", default="10"
    ),
    peak_factor: float = count_option(
        "--peak-factor", "Peak traffic as a multiple of the average.", default="5"
    ),
    writes: Optional[float] = quantity_option(
        "--writes", "rate", "Writes per second, day or month: 12/s, 1M/day, 10M/month."
    ),
    reads: Optional[float] = quantity_option(
        "--reads", "rate", "Reads per second, day or month (or use --reads-per-write)."
    ),
    reads_per_write: Optional[float] = count_option(
        "--reads-per-write", "Reads for every write, e.g. 10 for a read-heavy service."
    ),
    payload: Optional[float] = quantity_option(
        "--payload", "bytes", "Bytes stored per write, e.g. 10 KB (KB = 1,000 bytes)."
    ),
    read_payload: Optional[float] = quantity_option(
        "--read-payload", "bytes", "Bytes sent per read, if not the same as --payload."
    ),
    retention: Optional[float] = duration_option(
        "--retention", "How long data is kept, e.g. 3y, 18mo, 90d (a bare number is years)."
    ),
    server_capacity: Optional[float] = quantity_option(
        "--server-capacity", "rate", "Requests per second one server handles, e.g. 1000."
    ),
    cache_fraction: float = count_option(
        "--cache-fraction", "Share of a day's reads worth caching (the hot set).", default="0.2"
    ),
    check: bool = typer.Option(
        False, "--check", help="Ask for your own figures first, then grade them."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print exact values as JSON."),
    plain: bool = plain_option(),
) -> None:
    """Back-of-the-envelope figures with the worked derivation.

    A day is 86,400 seconds and a month 30 days. Without a read/write split every
    request counts as a read.

    \b
    Examples:
      sysdesign estimate --dau 1000000
      sysdesign estimate --dau 1M --requests-per-user 20 --peak-factor 3
      sysdesign estimate --writes 1M/day --reads-per-write 10 --payload 10KB --retention 3y
      sysdesign estimate --dau 1M --server-capacity 500 --json
      sysdesign estimate --dau 1M --check
    """
    from sysdesign_cli.cli.estimate import run_estimate

    run_estimate(
        dict(
            dau=dau,
            requests_per_user=requests_per_user,
            peak_factor=peak_factor,
            writes_per_second=writes,
            reads_per_second=reads,
            reads_per_write=reads_per_write,
            payload_bytes=payload,
            read_payload_bytes=read_payload,
            retention_seconds=retention,
            server_capacity_qps=server_capacity,
            cache_fraction=cache_fraction,
        ),
        check=check,
        as_json=as_json,
        plain=plain,
    )


def nines(
    availability: Optional[list[str]] = typer.Argument(
        None,
        metavar="[PERCENT]...",
        help="One or more availabilities: 99.99, 99.99%, 'four nines', 4 nines.",
    ),
    downtime: Optional[float] = duration_option(
        "--downtime",
        "Downtime to turn into an availability, e.g. 1h, 52 min (bare number: seconds).",
        bare="s",
    ),
    per: str = typer.Option(
        "year", "--per", metavar="PERIOD",
        help="The period --downtime is per: year, quarter, month, week, day."
    ),
    series: bool = typer.Option(
        False, "--series", help="Compose the PERCENT parts in series (every part must work)."
    ),
    parallel: bool = typer.Option(
        False, "--parallel", help="Compose the PERCENT parts in parallel (any one suffices)."
    ),
    gregorian: bool = typer.Option(
        False, "--gregorian", help="Use a 365.2425-day year instead of 365 days."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print exact values as JSON."),
) -> None:
    """Availability in nines: downtime per year, quarter, month, week and day.

    Without PERCENT, shows the classic table from 99% to 99.999%.

    \b
    Examples:
      sysdesign nines 99.9
      sysdesign nines "four nines" 99.95%
      sysdesign nines --downtime 1h --per month
      sysdesign nines --series 99.9 99.9
      sysdesign nines --parallel 99.9 99.9 --json
    """
    from sysdesign_cli.cli.nines import run_nines

    run_nines(
        availability or [],
        downtime=downtime,
        per=per,
        series=series,
        parallel=parallel,
        gregorian=gregorian,
        as_json=as_json,
    )


def numbers(
    curriculum: Optional[str] = curriculum_option(),
) -> None:
    """The reference numbers on one screen, each with its source and year.

    \b
    Examples:
      sysdesign numbers
      sysdesign numbers | less -R
    """
    from sysdesign_cli.cli.lessons import run_numbers

    run_numbers(curriculum)
