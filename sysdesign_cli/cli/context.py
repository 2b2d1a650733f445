"""What commands that teach need: the lessons, the progress store, a console."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sysdesign_cli.cli.console import fail, make_console
from sysdesign_cli.core.safe_text import visible, visible_path

if TYPE_CHECKING:
    from sysdesign_cli.core.loader import Curriculum
    from sysdesign_cli.store import Store


@contextmanager
def open_store(*, reads_only: bool = False) -> Iterator[Store]:
    """The progress store, with any notice about it on stderr; a clear error if it cannot be
    opened or, mid-command, written (a full disk): never a traceback. `reads_only`: a command
    that only reads (an export) still works where the folder cannot be written."""
    from sysdesign_cli.render.markup import escape
    from sysdesign_cli.store import Store, StoreError

    try:
        store = Store.open()
    except StoreError as error:
        if not reads_only:
            fail(str(error))
        try:
            store = Store.open_read_only()
        except StoreError:
            fail(str(error))
    errors = make_console(stderr=True)
    for notice in store.notices:
        # One line, never wrapped: the kept file's path is to be copied.
        errors.print(f"[yellow]Note:[/yellow] {escape(visible(notice))}", highlight=False,
                     soft_wrap=True)  # fmt: skip
    try:
        with store:
            yield store
    except StoreError as error:
        fail(str(error))


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a link that loops, a name too long
        return False


def load_lessons(option: str | None) -> Curriculum:
    """Built-in lessons plus extra folders; a broken extra file is named, the rest still load."""
    from sysdesign_cli.cli.paths import user_path
    from sysdesign_cli.core.loader import builtin_dir, extra_dirs, load_curriculum
    from sysdesign_cli.render.markup import escape

    if option is not None and not _is_dir(user_path(option, "--curriculum")):
        # Asked for on the command line, so a typo there is an error, not a warning.
        fail(f"--curriculum {visible_path(option)}: no such folder (it should hold lessons/ "
             "and/or exercises/)", code=2)  # fmt: skip
    curriculum = load_curriculum(extra_dirs(option), cached=True)
    builtin = builtin_dir()
    if not curriculum.lessons and not builtin.is_dir():
        # A broken install, not a lesson author's mistake: say so once, not via validate.
        fail(f"the built-in lessons are missing ({builtin} does not exist); reinstall sysdesign")
    if curriculum.problems:
        errors = make_console(stderr=True)
        shown = curriculum.problems[:10]
        count = len(curriculum.problems)
        errors.print(
            f"[yellow]Problems in the lesson files ({count}; what could not be loaded was "
            "skipped; run sysdesign validate on the folder for all of them):[/yellow]"
        )
        for problem in shown:
            errors.print(f"  {escape(str(problem))}", highlight=False, soft_wrap=True)
    if not curriculum.lessons:
        fail("no lessons could be loaded; check the curriculum folder with `sysdesign validate`")
    return curriculum


def capacity_of(lessons: Curriculum) -> Any:
    """The capacity table from the lessons already read (their cache, their extra folders'
    own table winning), else read in full."""
    found = lessons.references.get("capacity")
    if found is not None:
        return found
    from sysdesign_cli.cli.design import capacity_table

    return capacity_table()
