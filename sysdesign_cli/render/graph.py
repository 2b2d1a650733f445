"""A design drawn as text: each flow as a tree from the client, readable at 80 columns,
in plain mode and without colour. Tags say what each hop is:

    read
    client
    +-- [lookup] dns
    +-- lb
        +-- app x2
            +-- [hit] cache
            +-- [miss] db ~> replica

`[lookup]` is asked beside the path (DNS), `[hit]` is a cache asked first that answers
hits, `[miss]` is where the rest go, `[or]` marks alternatives (one of them serves each
request), `[later]` is work after a queue, `[each]` reaches every copy. Two designs are
drawn side by side when there is room, one above the other when not.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from sysdesign_cli.core.graph import kinds
from sysdesign_cli.core.graph.flows import ALTERNATIVE, DEAD_END, LOOKUP, OPTIONAL, Route, route
from sysdesign_cli.core.graph.model import (
    ASYNC,
    IMPLICIT_FLOW,
    REPLICATION,
    Block,
    Graph,
    flow_kind,
)
from sysdesign_cli.core.graph.text import ref_text

TAG_STYLE = {"hit": "green", "miss": "yellow", "lookup": "cyan", "later": "magenta",
             "each": "magenta", "or": "blue", "dead end": "dim"}  # fmt: skip
GAP = 4


@dataclass(frozen=True)
class Line:
    """One line of a drawing: guides, tags, the block, a note."""

    guide: str
    tags: tuple[str, ...]
    label: str
    note: str = ""
    heading: bool = False

    def plain(self) -> str:
        """The line as plain text."""
        tags = "".join(f"[{tag}] " for tag in self.tags)
        note = f"  ({self.note})" if self.note else ""
        return f"{self.guide}{tags}{self.label}{note}"

    def styled(self) -> Text:
        """The line with its tags coloured (the words still say it all)."""
        text = Text(self.guide, style="dim")
        for tag in self.tags:
            text.append(f"[{tag}] ", style=TAG_STYLE.get(tag, ""))
        text.append(self.label, style="bold")
        if self.note:
            text.append(f"  ({self.note})", style="dim")
        return text


def block_label(block: Block, graph: Graph | None = None) -> str:
    """`app x2`, `redis (cache)`, `db shards 4 @a`, `db ~> replica`."""
    text = ref_text(block)
    if graph is not None:
        copies = [e.target for e in graph.edges if e.kind == REPLICATION and e.source == block.name]
        text += "".join(f" ~> {name}" for name in copies)
    return text


def _tags(
    r: Route, parent: str, branch_kind: str, edge_kind: str, each: bool, alternatives: int
) -> list[str]:
    read = flow_kind(r.flow) == "read"
    tags = []
    if branch_kind == LOOKUP:
        tags.append("lookup")
    elif branch_kind == OPTIONAL:
        tags.append("hit" if read else "aside")
    elif read and any(b.kind == OPTIONAL for b in r.branches(parent)):
        tags.append("miss")
    if branch_kind == ALTERNATIVE and alternatives > 1:
        tags.append("or")
    if branch_kind == DEAD_END:
        tags.append("dead end")
    if edge_kind == ASYNC:
        tags.append("later")
    if each:
        tags.append("each")
    return tags


def _after_dns(graph: Graph, caller: str, target: str) -> str:
    """A note where the tree moved traffic typed after DNS back to the caller, so the
    drawing does not look right while the checks say it is not."""
    if any(e.source == caller and e.target == target for e in graph.edges):
        return ""
    for edge in graph.edges:
        if edge.target == target and graph.block(edge.source).role == kinds.LOOKUP:
            return f"you drew {edge.source} -> {target}: DNS is a lookup, not a hop"
    return ""


def flow_lines(graph: Graph, flow: str) -> list[Line]:
    """One flow as a tree of lines from each client."""
    r = route(graph, flow)
    lines: list[Line] = []
    shown: set[str] = set()

    def grow(name: str, indent: str) -> None:
        children = []
        for branch in r.branches(name):
            for target in branch.targets:
                edge = next(e for e in r.onward(name) if e.target == target)
                tags = _tags(r, name, branch.kind, branch.edge_kind, edge.each, len(branch.targets))
                children.append((target, tags))
        for edge in r.back:
            if edge.source == name:
                tags = ["later"] if edge.kind == ASYNC else []
                children.append((edge.target, [*tags, *(["each"] if edge.each else [])]))
        for index, (target, tags) in enumerate(children):
            last = index == len(children) - 1
            back = any(e.source == name and e.target == target for e in r.back)
            note = "back to it: delivered, no further" if back else _after_dns(graph, name, target)
            if not back and target in shown and r.onward(target):
                note = "as above"
            lines.append(Line(indent + "+-- ", tuple(tags),
                              block_label(graph.block(target), graph), note))  # fmt: skip
            if not back and target not in shown:
                shown.add(target)
                grow(target, indent + ("    " if last else "|   "))

    for entry in r.entries:
        lines.append(Line("", (), block_label(graph.block(entry), graph)))
        shown.add(entry)
        grow(entry, "")
    return lines


def sections(graph: Graph, flows: tuple[str, ...] | None = None) -> list[tuple[str, list[Line]]]:
    """Each flow's heading and tree, then the blocks on no flow (if any)."""
    found: list[tuple[str, list[Line]]] = []
    on_a_flow: set[str] = set()
    for flow in flows or graph.flows():
        plain = flow in ("read", "write", IMPLICIT_FLOW)  # the implicit flow is every request
        heading = flow if plain else f"{flow} (a {flow_kind(flow)})"
        drawn = flow_lines(graph, flow) or [Line("    ", (), "(no edge carries it)")]
        found.append((flow, [Line("", (), heading, heading=True), *drawn]))
        r = route(graph, flow)
        groups = {r.groups[name] for name in r.blocks}
        on_a_flow |= {name for name, group in r.groups.items() if group in groups}
    rest = [b for b in graph.blocks if b.name not in on_a_flow]
    if rest:
        lines = [Line("", (), "on no flow", heading=True)]
        found.append(("", lines + [Line("    ", (), block_label(b, graph)) for b in rest]))
    return found


def drawing_lines(graph: Graph, flows: tuple[str, ...] | None = None) -> list[Line]:
    """Every flow's tree under its name, a blank line between."""
    lines: list[Line] = []
    for _, section in sections(graph, flows):
        lines += ([Line("", (), "")] if lines else []) + section
    return lines


def drawing_text(graph: Graph, flows: tuple[str, ...] | None = None) -> str:
    """The drawing as plain text (plain mode, Markdown, files)."""
    return "\n".join(line.plain() for line in drawing_lines(graph, flows))


def _styled(lines: list[Line]) -> list[Text]:
    return [Text(line.label, style="underline") if line.heading else line.styled()
            for line in lines]  # fmt: skip


def drawing(graph: Graph, flows: tuple[str, ...] | None = None, title: str = "") -> Group:
    """The drawing as a rich renderable, flow names underlined."""
    parts: list[RenderableType] = [Text(title, style="bold")] if title else []
    return Group(*parts, *_styled(drawing_lines(graph, flows)))


def _paired(
    left: Graph, right: Graph, flows: tuple[str, ...] | None
) -> list[tuple[list[Line], list[Line]]]:
    """The two drawings cut into rows, one per flow, so each flow lines up with its pair."""
    a, b = dict(sections(left, flows)), dict(sections(right, flows))
    names = list(dict.fromkeys([*a, *b]))
    names = [name for name in names if name] + ([""] if "" in names else [])
    missing = [Line("", (), "(not drawn)")]
    return [(a.get(name, missing if name else []), b.get(name, missing if name else []))
            for name in names]  # fmt: skip


def _width(lines: list[str]) -> int:
    return max((len(line) for line in lines), default=0)


def side_by_side_text(
    left: tuple[str, Graph], right: tuple[str, Graph], width: int,
    flows: tuple[str, ...] | None = None,
) -> str:  # fmt: skip
    """Two designs next to each other, flow by flow, or one above the other when `width`
    is too narrow for both."""
    rows = _paired(left[1], right[1], flows)
    first = _width([left[0], *(line.plain() for pair in rows for line in pair[0])])
    second = _width([right[0], *(line.plain() for pair in rows for line in pair[1])])
    if first + GAP + second > width:
        parts = [left[0], "=" * len(left[0]), drawing_text(left[1], flows), ""]
        parts += [right[0], "=" * len(right[0]), drawing_text(right[1], flows)]
        return "\n".join(parts)
    out = [left[0].ljust(first + GAP) + right[0], ("=" * len(left[0])).ljust(first + GAP)
           + "=" * len(right[0])]  # fmt: skip
    for index, (mine, theirs) in enumerate(rows):
        if index:
            out.append("")
        for row in range(max(len(mine), len(theirs))):
            a = mine[row].plain() if row < len(mine) else ""
            b = theirs[row].plain() if row < len(theirs) else ""
            out.append((a.ljust(first + GAP) + b).rstrip())
    return "\n".join(out)


def side_by_side(
    left: tuple[str, Graph], right: tuple[str, Graph], width: int,
    flows: tuple[str, ...] | None = None,
) -> RenderableType:  # fmt: skip
    """Two designs as rich renderables, flow by flow side by side when they fit in `width`."""
    rows = _paired(left[1], right[1], flows)
    first = _width([left[0], *(line.plain() for pair in rows for line in pair[0])])
    second = _width([right[0], *(line.plain() for pair in rows for line in pair[1])])
    if first + GAP + second > width:
        return Group(drawing(left[1], flows, left[0]), Text(""), drawing(right[1], flows, right[0]))
    grid = Table.grid(padding=(0, GAP))
    grid.add_column(min_width=first)
    grid.add_column()
    grid.add_row(Text(left[0], style="bold"), Text(right[0], style="bold"))
    for index, (mine, theirs) in enumerate(rows):
        gap = [Text("")] if index < len(rows) - 1 else []
        grid.add_row(Group(*_styled(mine), *gap), Group(*_styled(theirs), *gap))
    return grid
