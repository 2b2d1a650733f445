"""Bottleneck prediction: the learner sees each block's load at peak without the verdict,
predicts which block passes 100% first as traffic grows, then sees the engine's answer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape

from sysdesign_cli.core.graph.load import GROWTH, LoadSpec, growth, load
from sysdesign_cli.core.graph.model import Graph
from sysdesign_cli.render.design_report import growth_view, load_view
from sysdesign_cli.render.prediction import prediction_view
from sysdesign_cli.sessions.ask import asking_seed, shuffled
from sysdesign_cli.sessions.asker import Asker
from sysdesign_cli.sessions.predict import with_hints

if TYPE_CHECKING:
    from sysdesign_cli.core.graph.capacity import CapacityTable


def none_choice(factors: Sequence[float]) -> str:
    """The choice that says no block gives way within the growth asked about."""
    return f"None of them, even at {max(factors):g}x"


def answer_of(graph: Graph, spec: LoadSpec, table: CapacityTable,
              factors: Sequence[float] = GROWTH) -> str | None:  # fmt: skip
    """The block that passes 100% first within `factors`, the none choice if none does,
    or None when no block has a capacity to run out of."""
    grown = growth(graph, spec, table, tuple(factors))
    if grown.first is None or grown.at is None:
        return None
    return grown.first if grown.at <= max(factors) else none_choice(factors)


def predict_bottleneck(
    graph: Graph,
    spec: LoadSpec,
    table: CapacityTable,
    asker: Asker,
    console: Console,
    *,
    hints: Sequence[str] = (),
    factors: Sequence[float] = GROWTH,
    key: str = "bottleneck",
) -> dict[str, Any]:
    """Ask, reveal, and return what happened as plain data (`fraction`: the score share).
    The choices come shuffled, as a lesson's do (stable for `key` under SYSDESIGN_SEED):
    in path order the first block would be the answer more often than not."""
    factors = tuple(factors)
    report = load(graph, spec, table)
    grown = growth(graph, spec, table, factors)
    answer = answer_of(graph, spec, table, factors)
    peak = sum(flow.rate for flow in spec.flows)
    if answer is None:
        console.print("No block of this design has a capacity figure to run out of: "
                      "everything on it is a managed service that scales by itself.")  # fmt: skip
        return {"answer": None, "predicted": [], "right": True, "hints_used": 0,
                "fraction": 1.0, "at": None}  # fmt: skip
    console.print(prediction_view(report, graph, table))
    rated = [b.name for b in report.blocks if b.utilisation is not None]
    choices = shuffled([*rated, none_choice(factors)], asking_seed(key))
    steps = ", ".join(f"{factor:g}x" for factor in factors)
    prompt = (f"Traffic grows to {steps} today's peak. Which block passes 100% busy "
              "first?")  # fmt: skip
    tried = with_hints(
        lambda: asker.select(prompt, choices),
        lambda picked: picked == answer,
        hints,
        console,
        wrong=lambda picked: f"Not {picked}: another block gives way sooner.",
    )
    mark = "[green]✓[/green]" if tried.right else "[red]✗[/red]"
    console.print(f"{mark} The engine's answer: [bold]{escape(answer)}[/bold].")
    console.print(growth_view(grown, peak))
    console.print(load_view(report))
    return {
        "answer": answer,
        "predicted": list(tried.answers),
        "right": tried.right,
        "hints_used": tried.hints_used,
        "fraction": tried.fraction,
        "at": grown.at,
    }
