"""Two names for one block: `lb` and `load balancer` in one design.

Each name is a block of its own, so a design that says `client -> lb` on one line and
`load balancer -> app` on another draws two load balancers, neither on the whole path.
Two blocks of one kind are fine when the design means two (`web -> api`, `users-db` and
`links-db`); two of the kind's own words for it, never joined to each other, are almost
always one block said two ways.
"""

from __future__ import annotations

from dataclasses import dataclass

from sysdesign_cli.core.graph import kinds
from sysdesign_cli.core.graph.findings import said
from sysdesign_cli.core.graph.model import Graph


@dataclass(frozen=True)
class Twins:
    """Blocks whose names are each a plain word for the same kind."""

    kind: str
    names: tuple[str, ...]

    def message(self) -> str:
        """What to tell the learner: what happened, and the fix."""
        first = self.names[0]
        label = kinds.label(self.kind).lower()
        return (f"{said(self.names)} are names for the same kind ({label}), so they are "
                f"drawn as {len(self.names)} separate blocks. If you meant one {label}, "
                f"write it with one name everywhere (e.g. {first}).")  # fmt: skip


def _plain_word(name: str) -> kinds.Resolved | None:
    """The kind a name is a plain word for (`load-balancer`, `lb`), not a name that only
    ends in one (`users-db`) or carries a number (`db2`)."""
    found = kinds.resolve(name)
    if found is None or kinds.words(name) not in kinds.BY_ID[found.kind].aliases:
        return None
    return found


def twins(graph: Graph) -> list[Twins]:
    """Each set of two or more blocks named by plain words for one kind (and one way of
    being run: `lb` is managed, `nginx` is not), no two of them joined by an edge."""
    by_kind: dict[kinds.Resolved, list[str]] = {}
    for block in graph.blocks:
        found = _plain_word(block.name)
        # Clients are many by nature (a viewer and an uploader): never twins.
        if found is not None and found.kind == block.kind and block.role != kinds.ENTRY:
            by_kind.setdefault(found, []).append(block.name)
    joined = {frozenset((edge.source, edge.target)) for edge in graph.edges}
    found_twins = []
    for resolved, names in by_kind.items():
        if len(names) < 2:
            continue
        if any(frozenset((a, b)) in joined for a in names for b in names if a != b):
            continue
        found_twins.append(Twins(resolved.kind, tuple(names)))
    return found_twins
