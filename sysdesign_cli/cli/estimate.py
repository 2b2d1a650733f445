"""`sysdesign estimate`: the figures, the derivation, and `--check` grading."""

from __future__ import annotations

import sys

import typer

from sysdesign_cli.cli.console import Refused, is_plain
from sysdesign_cli.core.estimate import EstimateError, EstimateInputs, estimate


def run_estimate(values: dict, *, check: bool, as_json: bool, plain: bool) -> None:
    """Build the estimate from parsed options and print it (after grading with --check)."""
    try:
        result = estimate(EstimateInputs(**values))
    except EstimateError as error:
        raise Refused(str(error)) from None
    if as_json and check:
        raise Refused("--check asks questions and --json prints data: use one")
    if as_json:
        from sysdesign_cli.cli.jsonout import dumps

        typer.echo(dumps(result.to_json()))
        return
    if not check and is_plain(sys.stdout):
        from sysdesign_cli.render.estimate import as_text

        typer.echo(as_text(result))
        return

    from sysdesign_cli.cli.console import make_asker, make_console, stopping
    from sysdesign_cli.render.estimate import derivation, figures_table, more_hint, peak_picture

    console = make_console()
    if check:
        from sysdesign_cli.sessions.estimate_check import check_session

        # A check keeps no progress, so the stop line must not claim any was saved.
        with stopping(console, "run the same command again to retry",
                      saved="Nothing is graded until every figure is in"):  # fmt: skip
            check_session(result, make_asker(console, plain), console)
    console.print(figures_table(result))
    console.print(derivation(result))
    console.print()
    ascii_only = not console.encoding.lower().startswith("utf")
    console.print(peak_picture(result, width=min(40, console.width - 20), ascii_only=ascii_only))
    hint = more_hint(result)
    if hint:
        console.print()
        console.print(hint, style="dim")
