"""Writing an export (`progress --export`, `exercise --export`) without harming anything.

The progress file and its -wal/-shm/-journal companions are never a target, whatever
the spelling (relative, `..`, a symbolic or a hard link): they are compared by device
and inode where they exist, by real path where they do not. A new file is created only
if nothing, not even a dangling link, has the name; `--force` writes a fresh file beside
the target and renames it over the name, so a link there is replaced, never followed.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from sysdesign_cli.cli.console import fail
from sysdesign_cli.cli.paths import user_path
from sysdesign_cli.core.files import os_reason
from sysdesign_cli.core.safe_text import visible, visible_path


def _store_files() -> list[Path]:
    from sysdesign_cli.store import DB_NAME, StoreError, home_dir
    from sysdesign_cli.store.keep_aside import SIDECARS

    try:
        db = home_dir() / DB_NAME
    except StoreError as error:
        fail(str(error))
    return [db, *(db.with_name(db.name + suffix) for suffix in SIDECARS)]


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def is_progress_file(target: Path) -> bool:
    """Whether writing `target` would write the progress file, a companion of it, or a
    copy of it kept aside (`progress.db.corrupt-...`)."""
    store = _store_files()
    mine = _identity(target)
    real = os.path.normcase(os.path.realpath(target))
    for path in store:
        if mine is not None and mine == _identity(path):
            return True
        if real == os.path.normcase(os.path.realpath(path)):
            return True
    home = os.path.normcase(os.path.realpath(store[0].parent))
    name = store[0].name
    return os.path.dirname(real) == home and os.path.basename(real).startswith(name)


def export_target(text: str, flag: str, force: bool) -> Path:
    """The path `--export` names, refused now (before any work) if it can never be written."""
    target = user_path(text, flag)
    _refuse(target, force)
    return target


def _refuse(target: Path, force: bool) -> None:
    shown = visible_path(target)
    if is_progress_file(target):
        fail(f"{shown} is your progress file (or part of it); export to another file")
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        info = None
    except OSError as error:
        fail(f"cannot write {shown}: {os_reason(error)}")
    if info is not None:
        # What it is first: --force would not help with a folder.
        if not (stat.S_ISREG(info.st_mode) or stat.S_ISLNK(info.st_mode)):
            fail(f"{shown} is not a regular file; export to a file")
        if not force:
            fail(f"{shown} already exists; pass --force to overwrite it")
    parent = target.parent
    if not parent.is_dir():
        fail(f"cannot write {shown}: there is no folder {visible_path(parent)}; create it or "
             "give a path in a folder that exists")


def write_export(target: Path, text: str, force: bool) -> None:
    """Write `text` (made safe to print) to `target`, as `export_target` promised; a clear
    error, never a traceback, if it cannot be done."""
    _refuse(target, force)
    data = visible(text).encode("utf-8")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    shown = visible_path(target)
    try:
        if not force:
            _write_new(target, data, flags)
            return
        # A fresh file beside the target, renamed over it: a reader never sees half of it,
        # and a link at the name is replaced rather than followed.
        import secrets  # hashlib and OpenSSL: only when an export is written

        fresh = target.with_name(f".{secrets.token_hex(8)}.sysdesign-export")
        try:
            _write_new(fresh, data, flags)
            os.replace(fresh, target)
        except BaseException:
            fresh.unlink(missing_ok=True)
            raise
    except FileExistsError:
        fail(f"{shown} appeared while sysdesign worked; run again with --force to overwrite it")
    except OSError as error:
        fail(f"cannot write {shown}: {os_reason(error)}")


def _write_new(path: Path, data: bytes, flags: int) -> None:
    fd = os.open(path, flags, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def export_again(target: Path | None, force: bool) -> str:
    """The options that write the same export when a stopped command is run again (to add
    after its name: empty without an export)."""
    if target is None:
        return ""
    import shlex

    return f" --export {shlex.quote(visible_path(target))}" + (" --force" if force else "")
