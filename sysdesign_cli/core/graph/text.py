"""The text format of a design, one edge a line, and its reader.

    client -> dns                 # a lookup: DNS answers beside the path
    client -> lb -> app x2        # a chain; `x2`: two copies
    app -> cache : read           # tagged: this edge carries the read flow only
    app -> db : read, write
    db ~> replica                 # replication: a copy that can take over
    app -> queue : upload
    queue => worker x2            # async: the worker does it later
    kafka => each ws : send       # every copy of ws gets every message
    tokyo (cdn) @asia             # a block whose name does not say its kind; a zone
    db shards 4                   # four shards, each with its slice of the data

A Mermaid flowchart (`flowchart LR`) is read into the same graph (see `mermaid`).
Every problem is reported at once, each with its line and the fix.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sysdesign_cli.core.graph import kinds
from sysdesign_cli.core.graph.build import (
    MAX_COPIES,
    Draft,
    GraphError,
    LineError,
    Problem,
    Ref,
    build,
    parse_flows,
    shown,
    slug,
)
from sysdesign_cli.core.graph.model import ARROWS, ASYNC, REPLICATION, SYNC, Block, Edge, Graph
from sysdesign_cli.core.safe_text import quoted

__all__ = ["GraphError", "Problem", "graph_of", "parse_design", "parse_text", "to_text"]

MAX_BYTES = 64_000
MAX_LINES = 2_000
MAX_LINE = 300

_ARROW = re.compile(r"\s*(-{1,2}>|={1,2}>|~{1,2}>|→)\s*")
_ARROW_KIND = {"-": SYNC, "=": ASYNC, "~": REPLICATION, "→": SYNC}
_REF = re.compile(
    r"^(?P<each>each\s+)?(?P<name>[a-z0-9][a-z0-9_.\-/ ]*?)"
    r"(?:\s*\((?P<kind>[^()]*)\))?"
    r"(?:\s+[x\u00d7]\s*(?P<count>\d+))?"
    r"(?:\s+shards?\s*(?P<shards>\d+))?"
    r"(?:\s*@\s*(?P<zones>[a-z0-9_.\-]+(?:\s*,\s*[a-z0-9_.\-]+)*))?$"
)

# A copies or shards figure the name swallowed because it is no whole number.
_ODD_NUMBER = re.compile(r"\s([x\u00d7]|shards?)\s*([-+]?[0-9.,]*[0-9][0-9.,]*)$")


def parse_ref(text: str) -> Ref:
    """One block reference, or `LineError` saying what is wrong with it."""
    text = " ".join(text.strip().lower().split())
    if not text:
        raise LineError("an arrow with no block on one side.", "Write `a -> b`.")
    match = _REF.match(text)
    odd = _ODD_NUMBER.search(text if match is None else match.group("name"))
    if odd is not None and not odd.group(2).isdigit():  # `app x-1`, `db shards 2.5`
        what = "count" if odd.group(1) in "x\u00d7" else "shards"
        raise LineError(f"{what} {odd.group(2)} is not a whole number from 1 to {MAX_COPIES}.",
                        "Write `app x2` or `db shards 4`.")  # fmt: skip
    if match is None:
        letters = "" if text.replace("\u00d7", "").isascii() else (
            " A name is written with the letters a-z, digits, spaces and - _ . /.")
        raise LineError(
            f"cannot read the block {quoted(shown(text))}.{letters}",
            "Write a name, then optionally (kind), xN copies, shards N, @zone: "
            "`app x2`, `tokyo (cdn) @asia`.",
        )
    numbers = {}
    for key in ("count", "shards"):
        if match.group(key) is not None:
            value = int(match.group(key))
            if not 1 <= value <= MAX_COPIES:
                raise LineError(f"{key} {value} is out of range.", f"Use 1 to {MAX_COPIES}.")
            numbers[key] = value
    zones = match.group("zones")
    return Ref(
        name=slug(match.group("name")),
        kind=match.group("kind").strip() if match.group("kind") is not None else None,
        count=numbers.get("count"),
        shards=numbers.get("shards"),
        zones=tuple(zone.strip() for zone in zones.split(",")) if zones else None,
        each=bool(match.group("each")),
    )


def has_arrow(line: str) -> bool:
    """Whether a design line joins blocks (`->`, `=>`, `~>`, `→`)."""
    return bool(_ARROW.search(line.partition(":")[0]))


def _statement(draft: Draft, number: int, line: str) -> None:
    body, colon, tags = line.partition(":")
    flows = parse_flows(tags) if colon else ()
    parts = _ARROW.split(body)
    refs = [parse_ref(part) for part in parts[0::2]]
    arrows = [_ARROW_KIND[arrow[0]] for arrow in parts[1::2]]
    if not arrows and flows:
        raise LineError(
            "flows name what an edge carries, and this line has no edge.", "Write `a -> b : read`."
        )
    for ref in refs:
        draft.refs.append((number, ref))
    for left, arrow, right in zip(refs, arrows, refs[1:]):
        if left.name == right.name:
            raise LineError(
                f"an edge from {left.name} to itself.", "To run more copies write `name x2`."
            )
        if arrow == REPLICATION and flows:
            raise LineError(
                "a replication edge copies data; it carries no flows.",
                f"Write `{left.name} ~> {right.name}` without ': ...'.",
            )
        draft.edges.append((number, left.name, right.name, arrow, flows, right.each))


def _bounded(text: str) -> None:
    if len(text.encode("utf-8", "replace")) > MAX_BYTES:
        raise GraphError(
            [
                Problem(
                    None,
                    f"the design is larger than {MAX_BYTES // 1000} KB.",
                    "A design is a few dozen lines: one per edge.",
                )
            ]
        )
    if text.count("\n") >= MAX_LINES:
        raise GraphError(
            [
                Problem(
                    None,
                    f"the design has more than {MAX_LINES} lines.",
                    "A design is a few dozen lines: one per edge.",
                )
            ]
        )


def parse_text(text: str) -> Graph:
    """The text format into a graph, or GraphError with every problem."""
    _bounded(text)
    draft, problems = Draft(), []
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if len(line) > MAX_LINE:
            problems.append(
                Problem(
                    number,
                    f"the line is longer than {MAX_LINE} characters.",
                    "Put one edge on a line.",
                )
            )
            continue
        try:
            _statement(draft, number, line)
        except LineError as error:
            problems.append(Problem(number, error.message, error.fix))
    if not draft.refs and not problems:
        problems.append(
            Problem(
                None, "the design has no blocks.", "Write one edge a line, e.g. `client -> lb`."
            )
        )
    graph = build(draft, problems)
    if problems:
        raise GraphError(problems)
    return graph


def graph_of(lines: Sequence[str]) -> Graph | None:
    """The graph the lines make, or None when they make none yet."""
    if not any(line.split("#", 1)[0].strip() for line in lines):
        return None
    try:
        return parse_text("\n".join(lines))
    except GraphError:
        return None


def is_mermaid(text: str) -> bool:
    """Whether the text is a Mermaid flowchart (possibly inside a ```mermaid fence)."""
    for raw in text.lstrip("\ufeff").splitlines():
        line = raw.strip()
        if line and not line.startswith(("%%", "#")):
            return bool(re.match(r"^(```\s*mermaid|flowchart\b|graph\b)", line, re.IGNORECASE))
    return False


def parse_design(text: str) -> Graph:
    """A design in the text format or as a Mermaid flowchart; GraphError if unreadable."""
    if is_mermaid(text):
        from sysdesign_cli.core.graph.mermaid import parse_mermaid

        _bounded(text)
        return parse_mermaid(text)
    return parse_text(text)


def ref_text(block: Block, *, each: bool = False) -> str:
    """A block as written on a line: `tokyo (cdn) x2 @asia`."""
    found = kinds.resolve(block.name)
    text = ("each " if each else "") + block.name
    if found is None or found.kind != block.kind or found.managed != block.managed:
        text += f" ({_kind_name(block)})"
    if block.count != 1:
        text += f" x{block.count}"
    if block.shards != 1:
        text += f" shards {block.shards}"
    if block.zones:
        text += " @" + ",".join(block.zones)
    return text


def _kind_name(block: Block) -> str:
    """The name that gives a block's kind and who runs it (`sqs`: a managed queue)."""
    if block.managed == kinds.BY_ID[block.kind].managed:
        return block.kind
    return kinds.name_for(block.kind, block.managed) or block.kind


def edge_text(graph: Graph, edge: Edge) -> str:
    """An edge as a line: `app -> db : read, write`."""
    line = f"{edge.source} {ARROWS[edge.kind]} " + ("each " if edge.each else "") + edge.target
    return line + (f" : {', '.join(edge.flows)}" if edge.flows else "")


def to_text(graph: Graph) -> str:
    """The graph in the text format: every block declared, then every edge."""
    lines = [ref_text(block) for block in graph.blocks]
    lines += [edge_text(graph, edge) for edge in graph.edges]
    return "\n".join(lines) + "\n"
