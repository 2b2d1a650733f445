"""Whether a flow still works when blocks die: the engine behind single points of
failure, availability and drills.

A flow works when every call that leads to a store still happens (a load balancer's
targets and copies of the data being alternatives, a cache consulted aside being
optional) and every store it needs is still reached, if need be later through a queue.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sysdesign_cli.core.graph import kinds
from sysdesign_cli.core.graph.flows import DEAD_END, OPTIONAL
from sysdesign_cli.core.graph.model import ASYNC

if TYPE_CHECKING:
    from sysdesign_cli.core.graph.flows import Route


def works(r: Route, dead: frozenset[str], *, complete: bool, hits: bool) -> bool:
    """See `Route.works` (which keeps the answers)."""
    entries = [entry for entry in r.entries if entry not in dead]
    if not entries or len(entries) != len(r.entries):
        return False
    memo: dict[str, bool] = {}

    def ok(name: str) -> bool:
        if name in memo:
            return memo[name]
        memo[name] = False  # a cycle never proves itself
        if hits and r.graph.block(name).role in (kinds.CACHE, kinds.EDGE):
            memo[name] = True
            return True
        result = True
        for branch in r.branches(name):
            if branch.kind == DEAD_END or (branch.edge_kind == ASYNC and not complete):
                continue
            candidates = [c for t in branch.targets for c in r.alive_copies(t, dead)]
            if branch.kind == OPTIONAL:
                if hits and candidates:
                    memo[name] = True
                    return True
                continue
            if not any(t in r.leads for t in branch.targets):
                continue  # side work that keeps nothing: it does not stop the flow
            if not any(ok(candidate) for candidate in candidates):
                result = False
        memo[name] = result
        return result

    if not all(map(ok, entries)):
        return False
    if hits:
        return True
    # The stores must still be reached, if need be later (another server may take the
    # request and queue what this one wrote at once).
    ends = r.ends(complete=complete)
    reached = {r.groups[name] for name in reach(r, dead)}
    return all(r.groups[name] in reached for name in ends)


def reach(r: Route, dead: frozenset[str], *, complete: bool = True) -> set[str]:
    """Blocks the flow still reaches with the `dead` ones gone (copies take over)."""
    seen = {entry for entry in r.entries if entry not in dead}
    queue = list(seen)
    while queue:
        name = queue.pop()
        for edge in r.onward(name):
            if edge.kind == ASYNC and not complete:
                continue
            for target in r.alive_copies(edge.target, dead):
                if target not in seen:
                    seen.add(target)
                    queue.append(target)
    return seen
