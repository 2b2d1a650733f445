"""Lesson steps as rich renderables: Markdown, tables, request-path trees."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sysdesign_cli.render.markdown import LessonMarkdown

# rich is imported by the steps that draw with it: a lesson opening on text shows its
# first step sooner, and in plain output without rich at all.
if TYPE_CHECKING:
    from rich.console import Group, RenderableType
    from rich.table import Table
    from rich.text import Text
    from rich.tree import Tree

    from sysdesign_cli.core.curriculum import GraphStep, Node, TableStep, TextStep, TreeStep

BRANCH_STYLE = {
    "hit": "green",
    "success": "green",
    "sync": "cyan",
    "miss": "yellow",
    "async": "magenta",
    "failure": "red",
}


def node_label(node: Node) -> Text:
    """`[hit] App server  (~0.5 ms)`: branch tag, label, note."""
    from rich.text import Text

    label = Text()
    if node.branch:
        label.append(f"[{node.branch}] ", style=BRANCH_STYLE[node.branch])
    label.append(node.label, style="bold")
    if node.note:
        label.append(f"  ({node.note})", style="dim")
    return label


def _grow(tree: Tree, node: Node) -> None:
    for child in node.children:
        _grow(tree.add(node_label(child)), child)


def request_tree(step: TreeStep) -> Tree:
    """A request path: each box hands work to its children; forks are labelled branches."""
    from rich.tree import Tree

    tree = Tree(node_label(step.root), guide_style="dim")
    _grow(tree, step.root)
    return tree


def tree_step(step: TreeStep) -> Group:
    """The tree with its title and caption."""
    from rich.console import Group
    from rich.text import Text

    parts: list[RenderableType] = [Text(step.title, style="bold underline"), request_tree(step)]
    if step.caption:
        parts.append(Text(step.caption, style="italic"))
    return Group(*parts)


def table_step(step: TableStep) -> Table:
    """A table with its caption and source."""
    from rich.markup import escape

    from sysdesign_cli.render.tables import FitTable, fit_columns

    table = FitTable(
        title=escape(step.title), title_justify="left", caption_justify="left", show_lines=False
    )
    for column in step.columns:
        table.add_column(escape(column))
    for row in step.rows:
        table.add_row(*(escape(str(cell)) for cell in row))
    fit_columns(table)
    notes = [step.caption] if step.caption else []
    if step.source:
        # A source that already names its year ("... (2012)") does not get it twice.
        dated = step.year and str(step.year) not in step.source
        notes.append(f"Source: {step.source}" + (f" ({step.year})" if dated else ""))
    if notes:
        table.caption = escape("\n".join(notes))
    return table


def graph_step(step: GraphStep) -> Group:
    """A worked system drawn from its graph: each flow as a tree, with title and caption."""
    from rich.console import Group
    from rich.text import Text

    from sysdesign_cli.render.graph import drawing

    parts: list[RenderableType] = [Text(step.title, style="bold underline")]
    parts.append(drawing(step.graph(), tuple(step.flows) or None))
    if step.caption:
        parts.append(Text(step.caption, style="italic"))
    return Group(*parts)


def text_step(step: TextStep) -> LessonMarkdown:
    """Markdown with an optional heading."""
    return LessonMarkdown(step.body, title=step.title)


def render_step(step: Any) -> RenderableType | LessonMarkdown:
    """Any teaching step (not a question) as a renderable."""
    if step.kind == "text":
        return text_step(step)
    if step.kind == "table":
        return table_step(step)
    if step.kind == "tree":
        return tree_step(step)
    if step.kind == "graph":
        return graph_step(step)
    raise ValueError(f"not a teaching step: {step.kind}")
