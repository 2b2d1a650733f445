"""Which design `sysdesign design check` reads: a FILE the learner names, or with
`--example` the README's own example design, shipped with the package so that it works
from any folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sysdesign_cli.cli.console import fail
from sysdesign_cli.cli.paths import user_path

if TYPE_CHECKING:
    from rich.console import Console

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "pastebin.txt"


def design_source(file: str | None, options: dict[str, Any],
                  console: Console) -> tuple[Path, Path | None]:  # fmt: skip
    """The path to read and the name to show it under (None: the path itself). With
    --example, the example's lines are printed first, to copy into a file of one's own; a
    FILE or --watch beside it, or neither FILE nor --example, is a usage error."""
    if not options.get("example"):
        if file is None:
            fail("give a design FILE (one edge a line, or Mermaid), or --example for the "
                 "README's example design", code=2)  # fmt: skip
        return user_path(file, "FILE"), None
    if file is not None:
        fail("give a FILE or --example, not both", code=2)
    if options.get("watch"):
        fail("--watch checks a file you edit; copy the example into one: "
             "sysdesign design check --example, then save its lines as pastebin.txt",
             code=2)  # fmt: skip
    if not options.get("as_json"):
        from rich.markup import escape

        console.print("[dim]The example design from the README (save it as pastebin.txt to "
                      "change it):[/dim]")  # fmt: skip
        console.print(escape(EXAMPLE.read_text(encoding="utf-8").rstrip("\n")),
                      highlight=False)  # fmt: skip
        console.print()
    return EXAMPLE, Path(EXAMPLE.name)
