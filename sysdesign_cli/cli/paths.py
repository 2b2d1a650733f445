"""Paths typed on the command line: refused with one clear line when they cannot be one."""

from __future__ import annotations

import os
from pathlib import Path

from sysdesign_cli.cli.console import fail
from sysdesign_cli.core.safe_text import SHORT, quoted, visible_path

NAME_MAX = 255  # bytes in one name of a path, on every common file system


def user_path(text: str, what: str) -> Path:
    """`text` as a path, `~` expanded; an empty value, an unknown `~user`, a NUL or a name
    too long for any file system is a usage error (exit 2) naming `what` (`--export`)."""
    if not text.strip():
        fail(f"{what} is empty; give a path", code=2)
    if "\x00" in text:
        fail(f"{what} {quoted(text, SHORT)} holds a NUL character, which no path can", code=2)
    try:
        path = Path(text).expanduser()
    except RuntimeError:  # `~nosuchuser/...`, or no home to expand `~` to
        user = text[1:].split("/", 1)[0].split(os.sep, 1)[0]
        who = f"user {quoted(user, SHORT)}" if user else "your home folder"
        fail(f"{what} {visible_path(text)}: there is no {who} to expand "
             f"{quoted(text.split('/', 1)[0], SHORT)} to", code=2)  # fmt: skip
    for part in path.parts:
        if len(os.fsencode(part)) > NAME_MAX:
            fail(f"{what}: the name {visible_path(part[:40])}... in the path is longer than "
                 f"{NAME_MAX} bytes", code=2)  # fmt: skip
    return path
