"""Mermaid flowcharts in and out: a design drawn for a README is checked like any other.

Read: `flowchart LR` (or `graph TD`), nodes `A`, `A[Label]`, `B[(DB)]`, `C((x))`,
`D{x}`, links `-->`, `---`, `==>`, `-.->` (dotted: async, or replication when its label
says so), labels `-->|read, write|` and `-- read -->`, chains `A --> B --> C`, `A & B --> C`,
`subgraph` blocks as zones. A node's kind comes from its label, then its id, then its
shape (a cylinder `[( )]` is a database). Styling lines are skipped.

Written: `to_mermaid(graph)` draws the real edges, so cache-aside reads show
`app --> cache` and `app --> db`, never `cache --> db`.
"""

from __future__ import annotations

import re

from sysdesign_cli.core.graph import kinds
from sysdesign_cli.core.graph.build import (
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
from sysdesign_cli.core.graph.model import ASYNC, REPLICATION, SYNC, Edge, Graph
from sysdesign_cli.core.graph.text import parse_ref, ref_text
from sysdesign_cli.core.safe_text import quoted

_ID = re.compile(r"\s*([A-Za-z0-9_]+(?:-(?![-.>=])[A-Za-z0-9_]+)*)")
_SHAPES = (
    ("([", "])"),
    ("[(", ")]"),
    ("((", "))"),
    ("[[", "]]"),
    ("{{", "}}"),
    ("[/", "/]"),
    ("[\\", "\\]"),
    ("[/", "\\]"),
    ("[", "]"),
    ("(", ")"),
    ("{", "}"),
    (">", "]"),
)
_LABELLED = re.compile(r"\s*(<)?(--|==|-\.)\s*([^\s>|\-=.][^>|]*?)\s*(-{2,}>|={2,}>|\.-+>)")
_LINK = re.compile(r"\s*(<)?(-{2,}|={2,}|-\.+-)(>|o|x)?(?:\s*\|([^|]*)\|)?")
_SKIP = re.compile(r"^(classDef|class|style|linkStyle|click|direction|accTitle|accDescr)\b")
_RESERVED = {"end", "graph", "flowchart", "subgraph", "style", "class", "click", "default"}
_MODIFIERS = {
    "async": ASYNC,
    "later": ASYNC,
    "replication": REPLICATION,
    "replicates": REPLICATION,
    "replicate": REPLICATION,
    "replica": REPLICATION,
}


def _node(text: str, pos: int) -> tuple[str, str | None, str, int]:
    """Id, label (or None), shape opener and the position after one node."""
    match = _ID.match(text, pos)
    if match is None:
        raise LineError(
            f"expected a node at {quoted(shown(text[pos:].strip() or 'the end'))}.",
            "Write `A[Label] --> B[Label]`.",
        )
    key, pos = match.group(1), match.end()
    for opener, closer in _SHAPES:
        if text.startswith(opener, pos):
            start = pos + len(opener)
            if text.startswith('"', start):
                end_quote = text.find('"', start + 1)
                if end_quote < 0 or not text.startswith(closer, end_quote + 1):
                    raise LineError(
                        f"the label of {key} is not closed.",
                        f'Write `{key}{opener}"Label"{closer}`.',
                    )
                return key, text[start + 1 : end_quote], opener, end_quote + 1 + len(closer)
            end = text.find(closer, start)
            if end < 0:
                raise LineError(
                    f"the label of {key} is not closed with {quoted(closer)}.",
                    f"Write `{key}{opener}Label{closer}`.",
                )
            return key, text[start:end], opener, end + len(closer)
    return key, None, "", pos


def _label_parts(label: str | None, dotted: bool) -> tuple[str, tuple[str, ...], bool]:
    """Edge kind, flows and fan-out from a link's label (`async: upload`, `read, write`)."""
    kind = ASYNC if dotted else SYNC
    if not label or not label.strip():
        return kind, (), False
    head, colon, tail = label.partition(":")
    words = re.split(r"[,\s]+", head.strip().lower())
    modifiers = [word for word in words if word in _MODIFIERS or word == "each"]
    rest = [word for word in words if word and word not in modifiers]
    for word in modifiers:
        kind = _MODIFIERS.get(word, kind)
    flows_text = tail if colon else ",".join(rest)
    try:
        flows = parse_flows(flows_text) if flows_text.strip() else ()
    except LineError:
        flows = ()  # a label that is not a list of flows ("HTTPS", "cache miss") is a caption
    if kind == REPLICATION:
        flows = ()
    return kind, flows, "each" in modifiers


def _kind_from(key: str, label: str | None, shape: str) -> tuple[Ref | None, str | None]:
    """The block a node is: its label read as a block reference, else its words."""
    if label is not None:
        label = re.split(r"<br\s*/?>|\\n", label, flags=re.IGNORECASE)[0]
        try:
            ref = parse_ref(label)
        except LineError:
            ref = None
        if ref is not None and kinds.resolve(ref.kind if ref.kind is not None else ref.name):
            return ref, None
        words = re.sub(r"\([^)]*\)|<[^>]*>|[^\w\s\-]", " ", label)
        found = kinds.resolve(words) or kinds.resolve(key)
        if found is None and shape == "[(":
            found = kinds.Resolved("db", False)
        count = re.search(r"[x\u00d7]\s*(\d+)\b", label)
        if found is not None:
            name = slug(words) or slug(key)
            kind = kinds.name_for(found.kind, found.managed) or found.kind
            return Ref(name, kind=kind, count=int(count.group(1)) if count else None), None
        return None, label
    found = kinds.resolve(key)
    return (Ref(slug(key)) if found else None), None


def _statements(text: str) -> list[tuple[int, str]]:
    lines = text.lstrip("\ufeff").splitlines()
    fence = [i for i, line in enumerate(lines) if line.strip().startswith("```")]
    if fence and lines[fence[0]].strip().lower().startswith("```mermaid"):
        end = next((i for i in fence[1:]), len(lines))
        lines = [""] * (fence[0] + 1) + lines[fence[0] + 1 : end]
    found = []
    for number, raw in enumerate(lines, start=1):
        line = raw.split("%%", 1)[0].strip()
        found += [(number, part.strip()) for part in line.split(";") if part.strip()]
    return found


class _Reader:
    def __init__(self) -> None:
        self.draft = Draft()
        self.names: dict[str, str] = {}  # node id -> block name
        self.zones: list[str] = []
        self.problems: list[Problem] = []

    def name_of(self, number: int, key: str, label: str | None, shape: str) -> str:
        if key in self.names and label is None:
            return self.names[key]
        ref, unread = _kind_from(key, label, shape)
        if ref is None:
            what = f"{key}[{shown(unread)}]" if unread else key
            raise LineError(
                f"cannot tell what kind of block {what} is.",
                f"Name it by its kind: `{key}[Cache]`, `{key}[(Database)]`, `{key}[edge (cdn)]`.",
            )
        if ref.zones is None and self.zones:
            ref = Ref(ref.name, ref.kind, ref.count, ref.shards, (self.zones[-1],), ref.each)
        name = self.names.get(key, ref.name)
        if key not in self.names and name in self.names.values():
            name = f"{name}-{slug(key)}"
        self.names[key] = name
        self.draft.refs.append((number, Ref(name, ref.kind, ref.count, ref.shards, ref.zones)))
        return name

    def group(self, number: int, text: str, pos: int) -> tuple[list[str], int]:
        names = []
        while True:
            key, label, shape, pos = _node(text, pos)
            names.append(self.name_of(number, key, label, shape))
            amp = re.compile(r"\s*&").match(text, pos)
            if amp is None:
                return names, pos
            pos = amp.end()

    def statement(self, number: int, text: str) -> None:
        if _SKIP.match(text):
            return
        if text.lower().startswith("subgraph"):
            title = re.sub(r"^subgraph\s*", "", text, flags=re.IGNORECASE)
            inner = re.search(r"\[(.*)\]", title)
            self.zones.append(slug((inner.group(1) if inner else title).strip('" ')) or "zone")
            return
        if text.lower() == "end":
            if self.zones:
                self.zones.pop()
            return
        left, pos = self.group(number, text, 0)
        while pos < len(text):
            link = _LABELLED.match(text, pos) or _LINK.match(text, pos)
            if link is None:
                raise LineError(
                    f"cannot read {quoted(shown(text[pos:].strip()))}.",
                    "Links are `-->`, `-.->`, `==>` or `-->|label|`.",
                )
            labelled = link.re is _LABELLED
            dotted = "." in link.group(2) or (labelled and link.group(4).startswith("."))
            label = link.group(3) if labelled else link.group(4)
            kind, flows, each = _label_parts(label, dotted)
            right, pos = self.group(number, text, link.end())
            both = link.group(1) is not None
            for source in left:
                for target in right:
                    if source == target:
                        continue
                    self.draft.edges.append((number, source, target, kind, flows, each))
                    if both:
                        self.draft.edges.append((number, target, source, kind, flows, each))
            left = right


def parse_mermaid(text: str) -> Graph:
    """A Mermaid flowchart into a graph, or GraphError with every problem."""
    reader = _Reader()
    statements = _statements(text)
    if not statements or not re.match(r"^(flowchart|graph)\b", statements[0][1], re.IGNORECASE):
        raise GraphError(
            [
                Problem(
                    None,
                    "a Mermaid flowchart starts with `flowchart LR`.",
                    "Put `flowchart LR` on the first line.",
                )
            ]
        )
    for number, statement in statements[1:]:
        try:
            reader.statement(number, statement)
        except LineError as error:
            reader.problems.append(Problem(number, error.message, error.fix))
    if not reader.draft.refs and not reader.problems:
        reader.problems.append(
            Problem(None, "the flowchart has no nodes.", "Add links such as `client --> lb`.")
        )
    graph = build(reader.draft, reader.problems)
    if reader.problems:
        raise GraphError(reader.problems)
    return graph


def mermaid_key(name: str) -> str:
    """A block name as a Mermaid node id (letters, digits, underscores; no keywords)."""
    text = re.sub(r"\W", "_", name)
    return f"n_{text}" if text.lower() in _RESERVED or not text[0].isalpha() else text


def _link(edge: Edge) -> str:
    words = {SYNC: [], ASYNC: ["async"], REPLICATION: ["replication"]}[edge.kind]
    if edge.each:
        words.append("each")
    label = ", ".join(words)
    if edge.flows:
        label = f"{label}: {', '.join(edge.flows)}" if label else ", ".join(edge.flows)
    arrow = "-->" if edge.kind == SYNC else "-.->"
    return f"{arrow}|{label}|" if label else arrow


def to_mermaid(graph: Graph) -> str:
    """The graph as a Mermaid flowchart with its real edges and their flows."""
    lines = ["flowchart LR"]
    lines += [f'    {mermaid_key(block.name)}["{ref_text(block)}"]' for block in graph.blocks]
    lines += [
        f"    {mermaid_key(e.source)} {_link(e)} {mermaid_key(e.target)}" for e in graph.edges
    ]
    return "\n".join(lines)
