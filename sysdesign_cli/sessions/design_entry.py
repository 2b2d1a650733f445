"""Typing a design: one edge a line, redrawn after each, with `undo`, `show`, `help` and
`done`. A line the reader cannot take is refused with every problem and its fix, and
costs nothing. Exercises and interviews both take designs this way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.console import Console
from rich.markup import escape

from sysdesign_cli.core.graph.model import Graph
from sysdesign_cli.core.graph.text import GraphError, graph_of, parse_text
from sysdesign_cli.core.graph.twins import Twins, twins
from sysdesign_cli.render.graph import drawing
from sysdesign_cli.render.text import said_whole
from sysdesign_cli.sessions.asker import Asker

COMMANDS = ("undo", "show", "help", "done")
HANG = 20  # the column where HELP's explanations start
PROMPT = "Next edge (or undo, show, help, done)"
# The examples join placeholder names: an example joining real blocks (`lb -> app x2`)
# would draw part of the very design the exercise asks for.
GUIDE = (
    "Type your design one edge a line, from the caller to what it calls: `a -> b`, "
    "`a -> b x2`, `a -> b : read`. Type `help` for the whole format and the blocks on "
    "offer, `done` when it is finished."
)
HELP = """\
One edge a line; a line may chain several: `a -> b -> c`.
  a -> b            a calls b (the caller waits)
  a => b            a hands work to b for later (async, behind a queue)
  a ~> b            b is a copy of a's data that can take over (replication)
  a -> b : read     the edge carries only the flows named after the colon (an edge with no flows named carries them all)
  b x2              two copies of a block; `b shards 4`: four shards
  tokyo (cdn)       a name that does not say its kind, with the kind in brackets
  b @z1,z2          copies spread over zones z1 and z2
  # ...             a comment
Commands: undo (remove the last line), show (the drawing and your lines), help (this), done (check the design).
"""  # noqa: E501 - one line a paragraph, broken where the learner's terminal needs


def _prose(line: str) -> bool:
    """A line with no arrow that reads as a sentence: five words or more, or ending as a
    sentence ends. (`tokyo (cdn) @asia` or `app server x2` alone is a block.)"""
    from sysdesign_cli.core.graph.text import has_arrow

    body = line.split("#", 1)[0].strip()
    if has_arrow(body):
        return False
    # What a block line adds to its name (copies, shards, zones, its kind) is not prose.
    name = _SUFFIXES.sub(" ", body).strip()
    return len(name.split()) >= 5 or name.endswith((".", "?", "!"))


_SUFFIXES = re.compile(r"\bx\s*\d+\b|\bshards\s+\d+\b|@\S+|\([^()]*\)", re.I)


def _twins(lines: Sequence[str]) -> list[Twins]:
    graph = graph_of(lines)
    return twins(graph) if graph is not None else []


@dataclass(frozen=True)
class Entered:
    """What the learner typed, and the graph it makes."""

    lines: tuple[str, ...]
    graph: Graph


class DesignEntry:
    """Reads a design line by line through an asker, drawing it as it grows.

    `lines`: where to start (a resumed attempt, or a design being extended); `floor`: how
    many of them `undo` may not remove. `on_change` is called with the lines after every
    change, so the caller can save them. `names`: block names Tab completes, beside the
    names already in the design. `flows`: the flows to draw (an exercise's own), so that
    edges not yet tagged are drawn under each of them.
    """

    def __init__(
        self,
        asker: Asker,
        console: Console,
        *,
        names: Sequence[str] = (),
        lines: Sequence[str] = (),
        floor: int = 0,
        on_change: Callable[[tuple[str, ...]], None] | None = None,
        title: str = "Your design so far",
        guide: bool = True,
        flows: tuple[str, ...] | None = None,
    ) -> None:
        self.asker = asker
        self.console = console
        self.names = tuple(names)
        self.lines = list(lines)
        self.floor = min(floor, len(self.lines))
        self.on_change = on_change
        self.title = title
        self.guide = guide
        self.flows = flows

    def _completions(self) -> list[str]:
        graph = graph_of(self.lines)
        known = graph.names() if graph is not None else []
        return list(dict.fromkeys([*known, *self.names, *COMMANDS]))

    def _draw(self) -> None:
        graph = graph_of(self.lines)
        if graph is None:
            self.console.print("[dim](nothing drawn yet)[/dim]")
            return
        self.console.print(drawing(graph, self.flows, title=self.title))

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change(tuple(self.lines))

    def _help(self) -> None:
        # Each line broken between words, never inside an example (`b shards 4`); a
        # format line's explanation wraps under its own column.
        for line in HELP.splitlines():
            hang = HANG if line.startswith("  ") and line[HANG - 2 : HANG] == "  " else 0
            said = said_whole(self.console, line, hang) if line.strip() else line
            self.console.print(escape(said), highlight=False, soft_wrap=True)
        if self.names:
            self.console.print(f"Blocks on offer: {escape(', '.join(self.names))}.",
                               highlight=False)  # fmt: skip

    def _show(self) -> None:
        self._draw()
        for number, line in enumerate(self.lines, 1):
            self.console.print(f"  {number:>2}  {escape(line)}", highlight=False)

    def _add(self, line: str) -> None:
        if _prose(line):
            # A sentence would be read as one block with a very long name (the design
            # format lets a line name a block alone): most likely an answer typed here.
            self.console.print(f"[yellow]Not added[/yellow] (it costs nothing): "
                               f"[bold]{escape(line)}[/bold]")  # fmt: skip
            self.console.print("  This reads as a sentence, not a design line: a line joins "
                               "blocks, `a -> b`. Type `done` when the design is finished.",
                               highlight=False)  # fmt: skip
            return
        candidate = [*self.lines, line]
        try:
            parse_text("\n".join(candidate))
        except GraphError as error:
            self.console.print(f"[yellow]Not added[/yellow] (it costs nothing): "
                               f"[bold]{escape(line)}[/bold]")  # fmt: skip
            here = len(candidate)
            for problem in error.problems:
                where = "" if problem.line in (None, here) else f"line {problem.line}: "
                fix = f" {problem.fix}" if problem.fix else ""
                self.console.print(f"  {escape(where + problem.message + fix)}", highlight=False)
            return
        before = {pair.names for pair in _twins(self.lines)}
        self.lines.append(line)
        self._changed()
        self._draw()
        for pair in _twins(self.lines):
            if pair.names not in before:
                self.console.print(f"[yellow]Note:[/yellow] {escape(pair.message())} "
                                   "Type `undo` to take the line back.", highlight=False)

    def _undo(self) -> None:
        if len(self.lines) <= self.floor:
            self.console.print("[yellow]Nothing of yours to undo.[/yellow]")
            return
        gone = self.lines.pop()
        self._changed()
        self.console.print(f"Removed: [bold]{escape(gone)}[/bold]")
        self._draw()

    def run(self) -> Entered:
        """Read lines until `done` with a design that has at least one edge."""
        if self.guide:
            # Broken between words, never inside an example (`a` / `-> b x2`).
            guide = said_whole(self.console, GUIDE)
            self.console.print(escape(guide), highlight=False, soft_wrap=True)
            if self.lines:
                self._draw()
        while True:
            line = self.asker.text(PROMPT, complete=self._completions()).strip()
            command = line.lower()
            if not line or line.startswith("#"):
                continue
            if command == "help":
                self._help()
            elif command == "show":
                self._show()
            elif command == "undo":
                self._undo()
            elif command == "done":
                graph = graph_of(self.lines)
                if graph is not None and graph.edges:
                    return Entered(tuple(self.lines), graph)
                self.console.print("[yellow]The design has no edge yet: connect two blocks, "
                                   "e.g. `client -> lb`.[/yellow]")  # fmt: skip
            else:
                self._add(line)
