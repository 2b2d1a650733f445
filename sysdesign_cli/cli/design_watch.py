"""`sysdesign design check FILE --watch`: the file checked again each time its content
changes (its size or time first, then a hash of its bytes), until Ctrl-C."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from sysdesign_cli.cli.console import make_console
from sysdesign_cli.cli.design import DesignFileError, check_once, escape_path, print_error

if TYPE_CHECKING:
    from rich.console import Console

POLL_SECONDS = 0.3


def _fingerprint(path: Path) -> str | None:
    """What the file holds now, read as a check reads it: a path that became a FIFO or a
    link to /dev/zero is refused (its reason is the fingerprint), never read to the end."""
    from sysdesign_cli.core.files import FileRefused, read_capped
    from sysdesign_cli.core.graph.text import MAX_BYTES

    try:
        return hashlib.sha256(read_capped(path, MAX_BYTES)).hexdigest()
    except FileRefused as error:
        return f"refused: {error}"


def watch(path: Path, options: dict[str, Any], console: Console) -> None:
    """Check again each time the file's content changes; Ctrl-C stops."""
    seen: tuple[int, int] | None = None
    digest: str | None = "unread"
    try:
        while True:
            try:
                stat = path.stat()
                stamp: tuple[int, int] | None = (stat.st_mtime_ns, stat.st_size)
            except OSError:
                stamp = None
            if stamp != seen:
                seen = stamp
                now = _fingerprint(path) if stamp else None
                if now != digest:
                    digest = now
                    if console.is_terminal and not options.get("as_json"):
                        console.clear()
                    try:
                        check_once(path, options, console)
                    except DesignFileError as error:
                        print_error(error.lines)
                    except typer.BadParameter as error:
                        print_error([error.format_message()])
                    clock = time.strftime("%H:%M:%S")
                    # With --json, stdout stays JSON: the status line goes to stderr.
                    status = make_console(stderr=True) if options.get("as_json") else console
                    status.print(f"[dim]Checked at {clock}. Watching {escape_path(path)} "
                                 "for changes; Ctrl-C stops.[/dim]")  # fmt: skip
            time.sleep(POLL_SECONDS)
    except KeyboardInterrupt:
        # A fresh console: Ctrl-C may have landed inside the watching one's print, which
        # would keep what is printed next in its buffer, never written.
        status = make_console(stderr=bool(options.get("as_json")))
        status.print()
        status.print("Stopped watching.")
        raise typer.Exit(0) from None
