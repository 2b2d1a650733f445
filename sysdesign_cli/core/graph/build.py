"""Blocks and edges as a design names them, turned into a graph: every name given its
kind (what the name says, or the kind in brackets), copies and zones merged, edges merged,
and every problem kept with its line. The text reader and the Mermaid reader share it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sysdesign_cli.core.graph import kinds
from sysdesign_cli.core.graph.model import REPLICATION, Block, Edge, Graph
from sysdesign_cli.core.safe_text import quoted, visible_path

MAX_BLOCKS = 200
MAX_EDGES = 1_000
MAX_COPIES = 1_000
_FLOW = re.compile(r"^[a-z][a-z0-9\-]{0,39}$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a design: where, what, and how to fix it."""

    line: int | None
    message: str
    fix: str = ""

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        return f"{where}{self.message}" + (f" {self.fix}" if self.fix else "")


class GraphError(ValueError):
    """A design that cannot be read; `problems` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        problems = sorted(problems, key=lambda problem: problem.line or 0)
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


class LineError(Exception):
    """What is wrong with one line, and the fix."""

    def __init__(self, message: str, fix: str = "") -> None:
        super().__init__(message)
        self.message, self.fix = message, fix


def shown(text: str, limit: int = 40) -> str:
    """Text from a file, safe to quote in a message: short, on one line, a control
    character shown as what it is (`\\x1b`), never as a `?` that hides which it was."""
    return visible_path(text if len(text) <= limit else text[: limit - 3] + "...")


def slug(name: str) -> str:
    """A block name as the graph keeps it: lowercase words joined by `-`."""
    return "-".join(kinds.words(name).split())


@dataclass(frozen=True)
class Ref:
    """A block as written on a line: `each app server (app) x2 shards 4 @a,b`."""

    name: str
    kind: str | None = None
    count: int | None = None
    shards: int | None = None
    zones: tuple[str, ...] | None = None
    each: bool = False


def parse_flows(text: str) -> tuple[str, ...]:
    """`read, write` -> ("read", "write")."""
    flows: list[str] = []
    for word in re.split(r"[,\s]+", text.strip().lower()):
        if not word:
            continue
        if not _FLOW.match(word):
            raise LineError(
                f"{quoted(shown(word))} is not a flow name.",
                "Flows are words such as read, write, upload, view, send.",
            )
        if word not in flows:
            flows.append(word)
    if not flows:
        raise LineError("nothing after ':'.", "Name the flows the edge carries: `: read, write`.")
    return tuple(flows)


@dataclass
class Draft:
    """Blocks and edges as the lines name them, before kinds are resolved."""

    refs: list[tuple[int, Ref]] = field(default_factory=list)
    edges: list[tuple[int, str, str, str, tuple[str, ...], bool]] = field(default_factory=list)


def _kinds(draft: Draft, problems: list[Problem]) -> tuple[dict[str, kinds.Resolved], set[str]]:
    """Each name's kind: the kind given in brackets anywhere, else what the name says."""
    given: dict[str, tuple[int, kinds.Resolved]] = {}
    unknown: set[str] = set()
    for number, ref in draft.refs:
        if ref.kind is None:
            continue
        found = kinds.resolve(ref.kind)
        if found is None:
            unknown.add(ref.name)
            close = kinds.suggest(ref.kind)
            hint = f" Did you mean {quoted(close)}?" if close else ""
            problems.append(
                Problem(
                    number,
                    f"unknown kind {quoted(shown(ref.kind))}.{hint}",
                    f"Kinds: {', '.join(kinds.KIND_IDS)}.",
                )
            )
        elif ref.name in given and given[ref.name][1].kind != found.kind:
            first = given[ref.name][0]
            problems.append(
                Problem(
                    number,
                    f"{ref.name} was given the kind {given[ref.name][1].kind} on line {first}.",
                    "Give one kind per block, or use another name.",
                )
            )
        else:
            given.setdefault(ref.name, (number, found))
    resolved = {name: found for name, (_, found) in given.items()}
    resolved.update({name: kinds.Resolved("app", False) for name in unknown})
    known = list(dict.fromkeys(ref.name for _, ref in draft.refs))
    # A typo is matched against names of a known kind, never another unknown name; past the
    # size a design may have (reported on its own), no match is tried: each costs a scan.
    suggesting = len(known) <= MAX_BLOCKS
    for number, ref in draft.refs:
        if ref.name in resolved:
            continue
        found = kinds.resolve(ref.name)
        if found is None:
            typed = [name for name in known if name in resolved and name not in unknown]
            close = kinds.suggest(ref.name, typed) if suggesting else None
            hint = f" Did you mean {quoted(close)}?" if close else ""
            # The example names the kind the typo looks like: `ap (app)`, not `ap (cache)`.
            looks = kinds.resolve(close) if close else None
            problems.append(
                Problem(
                    number,
                    f"{quoted(ref.name)} is not a block kind I know.{hint}",
                    f"Use a kind ({', '.join(kinds.KIND_IDS)}) or say which it is: "
                    f"`{ref.name} ({looks.kind if looks else 'cache'})`.",
                )
            )
            resolved[ref.name] = kinds.Resolved("app", False)  # keep reading the rest
            unknown.add(ref.name)
            continue
        resolved[ref.name] = found
    return resolved, unknown


def build(draft: Draft, problems: list[Problem]) -> Graph:
    resolved, unknown = _kinds(draft, problems)
    blocks: dict[str, Block] = {}
    for _, ref in draft.refs:
        found = resolved[ref.name]
        block = blocks.get(ref.name) or Block(ref.name, found.kind, managed=found.managed)
        blocks[ref.name] = Block(
            ref.name,
            block.kind,
            count=ref.count if ref.count is not None else block.count,
            shards=ref.shards if ref.shards is not None else block.shards,
            zones=ref.zones if ref.zones is not None else block.zones,
            managed=block.managed,
        )
    edges: dict[tuple[str, str, str], Edge] = {}
    for number, source, target, arrow, flows, each in draft.edges:
        if arrow == REPLICATION:
            cannot = [
                n
                for n in (source, target)
                if n not in unknown and not kinds.BY_ID[blocks[n].kind].replicates
            ]
            groups = {kinds.BY_ID[blocks[n].kind].group for n in (source, target)}
            if not cannot and len(groups) > 1 and not unknown & {source, target}:
                problems.append(
                    Problem(
                        number,
                        f"{source} and {target} are different kinds of block: "
                        "replication copies data to another block of the same kind.",
                        f"Write `{source} ~> {source}-copy` or `db ~> replica`.",
                    )
                )
            if cannot:
                what = ", ".join(f"{n} ({kinds.noun(blocks[n].kind)})" for n in cannot)
                problems.append(
                    Problem(
                        number,
                        f"only stores replicate (db, replica, cache, storage, queue), not {what}.",
                        f"To run more copies write `{cannot[0]} x2`.",
                    )
                )
        key = (source, target, arrow)
        old = edges.get(key)
        if old is not None:
            merged = (
                ()
                if not old.flows or not flows
                else (*old.flows, *(flow for flow in flows if flow not in old.flows))
            )
            flows, each = merged, old.each or each
        edges[key] = Edge(source, target, arrow, flows, each)
    if len(blocks) > MAX_BLOCKS or len(edges) > MAX_EDGES:
        problems.append(
            Problem(
                None,
                f"{len(blocks)} blocks and {len(edges)} edges is more "
                "than a design this tool checks.",
                f"Keep it under {MAX_BLOCKS} blocks and {MAX_EDGES} edges: "
                "draw one box per kind of server, with `xN` for copies.",
            )
        )
    return Graph(tuple(blocks.values()), tuple(edges.values()))
