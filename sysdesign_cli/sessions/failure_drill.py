"""The failure drill: a block (or a zone) dies; the learner predicts which flows keep
working; the tutor answers from the graph, with each flow's availability before and after,
the independence it assumes, and the case where every copy shares one zone."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape

from sysdesign_cli.core.graph.availability import availabilities
from sysdesign_cli.core.graph.drills import DEGRADED, Drill, Kill, drill
from sysdesign_cli.core.graph.model import Graph
from sysdesign_cli.render.design_report import availability_view, drill_view
from sysdesign_cli.sessions.ask import asking_seed, shuffled
from sysdesign_cli.sessions.asker import Asker
from sysdesign_cli.sessions.predict import with_hints

if TYPE_CHECKING:
    from sysdesign_cli.core.graph.capacity import CapacityTable


def right_prediction(result: Drill, picked: Sequence[str]) -> bool:
    """Every flow said rightly: survivors ticked, the dead not; a flow that serves only
    what the cache holds is right either way (it works for some requests)."""
    survivors = set(result.survivors())
    either = {o.flow for o in result.outcomes if o.status == DEGRADED}
    chosen = set(picked)
    return all(
        outcome.flow in either or ((outcome.flow in chosen) == (outcome.flow in survivors))
        for outcome in result.outcomes
    )


def run_drill(
    graph: Graph,
    kill: Kill,
    table: CapacityTable,
    asker: Asker,
    console: Console,
    *,
    flows: tuple[str, ...] | None = None,
    hints: Sequence[str] = (),
    key: str = "drill",
) -> dict[str, Any]:
    """Ask, reveal, and return what happened as plain data (`fraction`: the score share).
    The flows come shuffled (stable for `key` under SYSDESIGN_SEED)."""
    flows = flows or graph.flows()
    result = drill(graph, kill, table, flows)
    prompt = (f"Suppose {kill.describe()}. Which flows keep working? Tick each one that "
              "still serves its users (none is an answer).")  # fmt: skip
    shown = shuffled(list(flows), asking_seed(key))
    tried = with_hints(
        lambda: asker.checkbox(prompt, shown, allow_none=True),
        lambda picked: right_prediction(result, picked),
        hints,
        console,
        wrong=lambda picked: "Not quite: at least one flow does otherwise.",
    )
    mark = "[green]✓[/green]" if tried.right else "[red]✗[/red]"
    survivors = ", ".join(result.survivors()) or "none"
    # A flow that serves only cache hits is right either way: said apart, so that a
    # learner who ticked it is not told "none" under a check mark.
    partly = [o.flow for o in result.outcomes if o.status == DEGRADED]
    part = (f"; in part: [bold]{escape(', '.join(partly))}[/bold] (only what the cache "
            "holds: either answer counts)") if partly else ""  # fmt: skip
    console.print(f"{mark} Still working: [bold]{escape(survivors)}[/bold]{part}.")
    console.print(drill_view(result))
    before = "Availability per flow before the failure, with every block up"
    console.print(availability_view(availabilities(graph, table, flows), title=before))
    return {
        "kill": kill.describe(),
        "target": kill.block or f"@{kill.zone}",
        "survivors": list(result.survivors()),
        "outcomes": [
            {"flow": o.flow, "status": o.status, "before": o.before, "after": o.after,
             "note": o.note}
            for o in result.outcomes
        ],  # fmt: skip
        "predicted": [list(answer) for answer in tried.answers],
        "right": tried.right,
        "hints_used": tried.hints_used,
        "fraction": tried.fraction,
    }
