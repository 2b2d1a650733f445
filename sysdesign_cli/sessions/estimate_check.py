"""`estimate --check`: the learner gives each headline figure first, then is graded."""

from __future__ import annotations

from rich.console import Console

from sysdesign_cli.core.bands import Band
from sysdesign_cli.core.estimate import Estimate
from sysdesign_cli.core.estimate_figures import LABELS
from sysdesign_cli.core.estimate_grading import Check, check, headline_keys
from sysdesign_cli.core.estimate_inputs import figure_hint, parse_figure
from sysdesign_cli.render.estimate import check_line
from sysdesign_cli.sessions.ask import figure_validator
from sysdesign_cli.sessions.asker import Asker


def check_session(result: Estimate, asker: Asker, console: Console) -> list[Check]:
    """Ask for every headline figure, then grade them all in the 2x / 10x bands."""
    console.print("Work out each figure yourself first; rough is fine (10^5 s/day counts).")
    checks = []
    for key in headline_keys(result):
        truth = getattr(result, key)
        hint = figure_hint(key, truth)  # its example is never near the figure
        answer = asker.text(f"{LABELS[key]}? ({hint})", validate=figure_validator(key, truth=truth))
        checks.append(check(result, key, parse_figure(key, answer)))
    console.print()
    for graded in checks:
        console.print(check_line(graded))
    good = sum(graded.band is Band.GOOD for graded in checks)
    console.print(f"[bold]{good} of {len(checks)} {Band.GOOD.value} ({Band.GOOD.rule}).[/bold] "
                  "The worked figures follow.")  # fmt: skip
    console.print()
    return checks
