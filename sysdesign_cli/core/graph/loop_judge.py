"""Each round of the design loop judged as a fair expert would: the right fix makes the
block that buckles first fit the target, with the fewest machines any one fix needs, give
or take some headroom (a tenth of the copies, or one copy, whichever is more). Three kinds
of mistake:

- `short`: the block that buckles is still past 100% after the fix (too few copies, a
  cache that leaves it past full);
- `over`: it fits, with more machines than the fewest one-step fix plus its headroom
  (far too many copies, a queue and workers where a shard does);
- `elsewhere`: the fix leaves the block that buckles as it was (a fix for a block that
  was not giving way first: the load never reaches that block while this one buckles).

Each mistaken round costs UNIT (a quarter) of the stage, and a fix far past the fewest
costs more as the waste grows (`over_cost`: beyond twice what is allowed, two; beyond
four times, three); stopping while a block buckles is a mistaken round too; each block
still past 100% when the loop ends (stopped, or out of rounds) costs LEFT (half): the
design does not carry the target.

The margin, headroom in proportion: a fix that adds at most a tenth more copies of the
block than the fewest fix, or one copy where a tenth is less, is right (x4 where x3 fits
at 93%; x24 where x22 fits, not x25); capacity is planned with spare room, and a tenth is
what a fair expert accepts without asking why. For a sharded store a copy is one machine
per shard, and one more shard is one machine per copy (a tenth more shards, or one).

When none of the engine's fixes makes the block fit in one step, a fix that lowers it is
no mistake (the loop goes on to the next round); one that leaves it as it was still is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sysdesign_cli.core.graph.design_loop import Fix, LoopStep, loop_step

if TYPE_CHECKING:
    from sysdesign_cli.core.graph.capacity import CapacityTable
    from sysdesign_cli.core.graph.load import LoadReport, LoadSpec
    from sysdesign_cli.core.graph.model import Graph

RIGHT, SHORT, OVER, ELSEWHERE = "right", "short", "over", "elsewhere"
STOPPED = "stopped"  # stopping while a block buckles
MISTAKES = (SHORT, OVER, ELSEWHERE)
TITLES = {SHORT: "not enough", OVER: "more than it takes", ELSEWHERE: "not the block that buckles",
          STOPPED: "stopped with a block past full"}
SPARE = 0.10  # the headroom a right fix may keep, as a share of the copies (or shards)
UNIT = 0.25  # what one mistaken round costs
LEFT = 2 * UNIT  # what each block still past 100% when the loop ends costs: the design
# does not carry the target, worse than a mistake put right (else stopping at once on a
# one-round loop would keep three quarters of the points)


@dataclass(frozen=True)
class Judgement:
    """One round: what the learner's fix did to the block that buckled, and what the
    fewest one-step fix would have done."""

    kind: str  # RIGHT or one of MISTAKES
    top: str
    before: float  # the block's utilisation before the fix
    after: float | None  # and after it (None: the block is gone)
    added: int
    best: Fix | None  # the fewest-machine engine fix that makes it fit (None: none does)
    allowed: int  # the most machines a right fix adds (the best's plus its headroom)
    why: str

    @property
    def title(self) -> str:
        """The kind of mistake in words (`right` when none)."""
        return TITLES.get(self.kind, RIGHT)

    @property
    def mistake(self) -> bool:
        """Whether the round costs a unit."""
        return self.kind != RIGHT


def _fits(value: float | None) -> bool:
    return value is None or value <= 1.0


def best_fix(step: LoopStep) -> Fix | None:
    """The engine's fix that makes the block that buckles fit with the fewest machines
    (the first listed of equals); None when no one fix makes it fit."""
    fitting = [fix for fix in step.fixes if _fits(fix.utilisation)]
    return min(fitting, key=lambda fix: fix.additions) if fitting else None


def spare(number: int) -> int:
    """The copies (or shards) of headroom beside `number` of them: a tenth, at least one."""
    return max(1, math.floor(SPARE * number + 1e-9))


def headroom(graph: Graph, fix: Fix, top: str) -> int:
    """The headroom beside the block `top` as `fix` leaves it, in machines: a tenth of its
    copies (at least one) times its shards when the fix adds copies, a tenth of its shards
    (at least one) times its copies when it adds shards, else one."""
    if not fix.graph.has(top):
        return 1
    block = fix.graph.block(top)
    if fix.name == "scale":
        return spare(block.count) * block.shards
    if fix.name == "shard":
        return spare(block.shards) * block.count
    return 1


def _pct(value: float | None) -> str:
    return "gone" if value is None else f"{value * 100:.0f}%"


def _what(graph: Graph, changed: Graph, top: str, label: str) -> str:
    """`x4` for a change of the block's copies and nothing else, the label otherwise."""
    if graph.has(top) and changed.has(top):
        count = changed.block(top).count
        if count != graph.block(top).count and changed == graph.with_count(top, count):
            return f"x{count}"
    return label


def judge(
    graph: Graph, step: LoopStep, changed: Graph, label: str, after: LoadReport, added: int
) -> Judgement:
    """Judge the change from `graph` to `changed` (called `label`, adding `added`
    machines) at `step`'s target; `after` is the load on `changed` at that target."""
    top = step.bottleneck
    assert top is not None, "a round is judged only when a block buckles"
    before = top.utilisation or 0.0
    now = after.block(top.name).utilisation if changed.has(top.name) else None
    best = best_fix(step)
    allowed = best.additions + headroom(graph, best, top.name) if best else added
    what = _what(graph, changed, top.name, label)
    if best is not None:
        fix = _what(graph, best.graph, top.name, best.label)
        # Said after another block's figures, a count names its block: "app x7".
        fix = f"{top.name} {fix}" if fix[1:].isdigit() and fix[0] == "x" else fix
        cure = (f"{fix} brings it to "
                f"{_pct(best.utilisation)} (+{best.additions})")  # fmt: skip
    else:
        cure = "no one fix makes it fit: lower it, then fix what buckles next"
    if _fits(now):
        if added <= allowed:
            kind, why = RIGHT, f"{top.name} at {_pct(now)} with {what}: fits (+{added})."
        else:
            kind = OVER
            why = (f"{top.name} at {_pct(now)} with {what}: fits, but +{added} is more than the "
                   f"fewest and its headroom (+{allowed}); {cure}.")  # fmt: skip
    elif now is not None and now < before - 1e-9:
        kind = SHORT if best is not None else RIGHT
        why = f"{top.name} at {_pct(now)} with {what}: still past full; {cure}."
    else:
        kind = ELSEWHERE
        why = (f"{top.name} still at {_pct(now)}: {what} leaves it as it was, and it buckles "
               f"first; {cure}.")  # fmt: skip
    return Judgement(kind, top.name, before, now, added, best, allowed, why)


def over_cost(added: int, allowed: int) -> int:
    """The mistaken rounds a fix of `added` machines counts as, where `allowed` is right:
    one, two beyond twice the allowed, three beyond four times (typing x1000 where x9
    fits is no cheaper than typing x10)."""
    return 1 + (added > 2 * allowed) + (added > 4 * allowed)


def loop_score(mistakes: float, buckling: int) -> float:
    """The loop's share of its points: every mistaken round costs UNIT (a wasteful one
    more, `over_cost`), every block still past 100% at the target when the loop ends LEFT."""
    return max(0.0, 1.0 - UNIT * mistakes - LEFT * buckling)


def right_path(
    graph: Graph, spec: LoadSpec, table: CapacityTable, factor: float, rounds: int = 8
) -> tuple[Fix, ...]:
    """The fixes of a learner right at every round: the fewest one-step fix for the block
    that buckles, round after round, until the design carries `factor` times the traffic
    (or no one fix makes the block fit, or `rounds` run out)."""
    path: list[Fix] = []
    for _ in range(rounds):
        step = loop_step(graph, spec, table, factor)
        best = best_fix(step)
        if step.meets or best is None:
            break
        path.append(best)
        graph = best.graph
    return tuple(path)
