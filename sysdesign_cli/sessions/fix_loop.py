"""The design loop as a stage: traffic grows to a target; the learner fixes the block that
buckles (a fix the engine offers, or edges typed by hand), sees the next one, and stops
when the design carries the target. Each round is judged at once (`loop_judge`): the fix
that makes the buckling block fit with the fewest machines, give or take a tenth (or one
copy), is right; too few, too many (more as the waste grows), a fix elsewhere and
stopping while a block buckles are mistakes.

Each round shows every block's load at the target, in the design's order, and asks what to
change without naming the block that buckles: finding it is the loop's first lesson, and
a menu that fixes other blocks beside a prompt naming it would let the name rule them
out. The figures name it to a learner who reads them (the highest load past 100%)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape

from sysdesign_cli.core.graph.design_loop import Fix, LoopStep, additions, loop_step
from sysdesign_cli.core.graph.load import LoadSpec
from sysdesign_cli.core.graph.loop_judge import (
    LEFT,
    OVER,
    STOPPED,
    TITLES,
    UNIT,
    judge,
    loop_score,
    over_cost,
)
from sysdesign_cli.core.graph.loop_offers import COPIES, number_problem, offers, with_number
from sysdesign_cli.core.graph.loop_search import fewest_additions
from sysdesign_cli.core.graph.model import Graph
from sysdesign_cli.core.graph.text import to_text
from sysdesign_cli.core.quantity_format import format_rate
from sysdesign_cli.sessions.ask import asking_seed, shuffled
from sysdesign_cli.sessions.asker import Asker
from sysdesign_cli.sessions.design_entry import DesignEntry

if TYPE_CHECKING:
    from sysdesign_cli.core.graph.capacity import CapacityTable

TYPE = "Change the design myself (type edges)"
TYPED = "your change"
STOP = "Stop here"
PROMPT = "Which block do you fix, and how?"
MAX_ROUNDS = 8
UNIT_SHARE = f"{UNIT:.0%} of the stage"
LEFT_SHARE = f"{LEFT:.0%} of the stage"


def _percent(value: float | None, places: int = 0) -> str:
    return "-" if value is None else f"{value * 100:.{places}f}%"


def loads_line(graph: Graph, step: LoopStep) -> str:
    """Each block's load at the step's target, in the design's order: `app x2 318%, ...`
    (blocks with no capacity to fill, such as DNS, left out)."""
    loads = {b.name: b.utilisation for b in step.report.blocks}
    # The block that buckles first is the one at the highest load: where another shows
    # the same whole percent, a decimal tells them apart (the round names neither).
    top = step.bottleneck.utilisation if step.bottleneck else None
    places = 1 if top is not None and any(
        other != top and _percent(other) == _percent(top) for other in loads.values()
    ) else 0  # fmt: skip
    shown = []
    for block in graph.blocks:
        utilisation = loads.get(block.name)
        if utilisation is None:
            continue
        copies = f" x{block.count}" if block.count > 1 else ""
        shards = f" ({block.shards} shards)" if block.shards > 1 else ""
        shown.append(f"{block.name}{copies}{shards} {_percent(utilisation, places)}")
    return ", ".join(shown)


def _number(asker: Asker, graph: Graph, entry: Fix) -> int:
    """The copies or shards in all the learner types for a fix by a number."""
    block = graph.block(entry.block)
    if entry.asks == COPIES:
        prompt = f"How many copies of {entry.block} in all? (now {block.count})"
    else:
        prompt = f"How many shards for {entry.block} in all? (now {block.shards})"
    return int(asker.text(prompt, validate=lambda text: number_problem(graph, entry, text)))


def run_loop(
    graph: Graph,
    spec: LoadSpec,
    table: CapacityTable,
    asker: Asker,
    console: Console,
    *,
    target: float,
    names: Sequence[str] = (),
    hints: Sequence[str] = (),
    on_round: Callable[[dict[str, Any]], None] | None = None,
    rounds: Sequence[dict[str, Any]] = (),
    flows: tuple[str, ...] | None = None,
    key: str = "loop",
) -> dict[str, Any]:
    """Run the loop from `graph` (or, resumed, from the last of `rounds`); return what
    happened as plain data (`fraction`: the score share, `design`: the final design)."""
    start = graph
    history = [dict(item) for item in rounds]
    if history:
        from sysdesign_cli.core.graph.text import parse_text

        graph = parse_text(history[-1]["design"])
    fewest = fewest_additions(start, spec, table, target)
    peak = sum(flow.rate for flow in spec.flows) * target
    console.print(f"Traffic grows to {target:g}x today's peak ({format_rate(peak)}). Each "
                  "round, fix the block that buckles first (the highest load past 100%), with "
                  "as little as it takes. Each fix is judged at once: too few, too many "
                  "(beyond the fewest and a tenth, or one copy, of headroom) or the wrong "
                  f"block costs {UNIT_SHARE}; a block left past 100% {LEFT_SHARE}.")  # fmt: skip
    hint = 0
    stopped = False
    seeds: dict[str, object] = {}
    for _ in range(len(history), MAX_ROUNDS):
        step = loop_step(graph, spec, table, target)
        if step.meets:
            break
        top = step.bottleneck
        assert top is not None
        console.print(f"Load at {target:g}x: {escape(loads_line(graph, step))}.")
        # The engine's fixes beside plausible mistakes, shuffled as a lesson's choices
        # are; typing and stopping stay last.
        offered_fixes = offers(graph, step, spec, table)
        labels = [fix.label for fix in offered_fixes]
        # A round that leaves the same block buckling asks the same question again: its
        # fixes keep the order they were shown in (one seed a block, as a retry's choices).
        seed = seeds.setdefault(top.name, asking_seed(f"{key}-{top.name}"))
        offered = shuffled(labels, seed)
        choice = asker.select(PROMPT, [*offered, TYPE, STOP])
        if choice == STOP:
            stopped = True
            history.append({"bottleneck": top.name, "choice": STOP, "additions": 0,
                            "design": to_text(graph), "mistake": STOPPED, "cost": 1,
                            "why": f"stopped with {top.name} past 100% at {target:g}x."})
            if on_round:
                on_round(history[-1])
            break
        if choice == TYPE:
            base = to_text(graph).splitlines()
            entered = DesignEntry(asker, console, names=names, lines=base, floor=len(base),
                                  title="Your design now", flows=flows).run()  # fmt: skip
            changed, label = entered.graph, TYPED
        else:
            entry = offered_fixes[labels.index(choice)]
            changed, label = entry.graph, choice
            if entry.asks:
                number = _number(asker, graph, entry)
                changed, label = with_number(graph, entry, number)
        added = additions(graph, changed)
        after = loop_step(changed, spec, table, target)
        verdict = judge(graph, step, changed, label, after.report, added)
        if verdict.mistake:
            console.print(f"[yellow]Mistake, {verdict.title}:[/yellow] {escape(verdict.why)}")
        else:
            console.print(f"[green]Right:[/green] {escape(verdict.why)}")
        if after.meets:
            console.print(f"[green]+{added}: every block now stays under 100% at "
                          f"{target:g}x.[/green]")  # fmt: skip
        if verdict.mistake and hint < len(hints):
            console.print(f"[cyan]Hint:[/cyan] {escape(hints[hint])}")
            hint += 1
        graph = changed
        history.append({"bottleneck": top.name, "utilisation": top.utilisation,
                        "choice": TYPE if choice == TYPE else label,
                        "additions": added, "design": to_text(graph),
                        "mistake": verdict.kind if verdict.mistake else None,
                        "cost": (over_cost(verdict.added, verdict.allowed)
                                 if verdict.kind == OVER else int(verdict.mistake)),
                        "why": verdict.why})  # fmt: skip
        if on_round:
            on_round(history[-1])
    final = loop_step(graph, spec, table, target)
    buckling = len(final.report.over)
    added = additions(start, graph)
    mistakes = [(number, item) for number, item in enumerate(history, 1) if item.get("mistake")]
    fraction = loop_score(sum(item.get("cost", 1) for _, item in mistakes), buckling)
    if final.meets:
        console.print(f"[green]The design carries {target:g}x[/green] with {added} "
                      f"machine{'s' if added != 1 else ''} added.")  # fmt: skip
    else:
        reason = "You stopped" if stopped else "The loop ended"
        console.print(f"[yellow]{reason} with {buckling} block"
                      f"{'s' if buckling != 1 else ''} still past 100% at {target:g}x[/yellow] "
                      f"(each costs {LEFT_SHARE}).")  # fmt: skip
    if mistakes:
        console.print(f"Mistakes, each costing {UNIT_SHARE}:")
        for number, item in mistakes:
            title = TITLES.get(item["mistake"], item["mistake"])
            console.print(f"  round {number}, {escape(title)}: {escape(item['why'])}")
    else:
        console.print("No mistakes: each fix made the block that buckled fit, with the "
                      "fewest machines.")  # fmt: skip
    if fewest is not None:
        console.print(f"The fewest additions that carry it: {fewest.additions} "
                      f"({escape('; '.join(fewest.fixes)) or 'none needed'}).")  # fmt: skip
    return {
        "target": target,
        "rounds": history,
        "added": added,
        "fewest": fewest.additions if fewest else None,
        "fewest_fixes": list(fewest.fixes) if fewest else [],
        "meets": final.meets,
        "buckling": buckling,
        "mistakes": len(mistakes),
        "hints_used": hint,
        "fraction": fraction,
        "design": to_text(graph),
    }
