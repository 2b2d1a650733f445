"""What commands that teach need: the lessons, the progress store, a console."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sysdesign_cli.cli.console import fail, make_console

if TYPE_CHECKING:
    from sysdesign_cli.core.loader import Curriculum
    from sysdesign_cli.store import Store


def open_store() -> Store:
    """The progress store, with any notice about it on stderr; a clear error if it cannot be."""
    from sysdesign_cli.store import Store, StoreError

    try:
        store = Store.open()
    except StoreError as error:
        fail(str(error))
    errors = make_console(stderr=True)
    for notice in store.notices:
        errors.print(f"[yellow]Note:[/yellow] {notice}", highlight=False, markup=True)
    return store


def load_lessons(option: str | None) -> Curriculum:
    """Built-in lessons plus extra folders; a broken extra file is named, the rest still load."""
    from rich.markup import escape

    from sysdesign_cli.core.loader import extra_dirs, load_curriculum

    curriculum = load_curriculum(extra_dirs(option))
    if curriculum.problems:
        errors = make_console(stderr=True)
        shown = curriculum.problems[:10]
        count = len(curriculum.problems)
        errors.print(f"[yellow]Skipped what could not be loaded ({count} "
                     f"problem{'s' if count != 1 else ''}; run sysdesign validate on the folder "
                     "for all of them):[/yellow]")
        for problem in shown:
            errors.print(f"  {escape(str(problem))}", highlight=False, soft_wrap=True)
    if not curriculum.lessons:
        fail("no lessons could be loaded; check the curriculum folder with `sysdesign validate`")
    return curriculum
