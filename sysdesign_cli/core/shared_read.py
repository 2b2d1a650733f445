"""The files of a load's folders that their caches do not hold as they are, read and
validated in full, shared with a child on the other core when there are many.

The files are taken from both ends of one list over every folder (`core.forked`): this
process reads from the first file on, the child from the last one back, each file it
reads sent as its cache entry; they stop where they meet. One child for the whole load:
a child for each folder would pay its start (the fork, the first writes to memory the
two share) once a folder. Whatever the child did not send whole, this process reads.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sysdesign_cli.core.forked import elsewhere

if TYPE_CHECKING:
    from collections.abc import Callable

    from sysdesign_cli.core.cached_read import CachedFolder
    from sysdesign_cli.core.loader import FileResult

MIN_SHARED = 64  # files to read in full before a child is worth its start

def read_all(folders: list[tuple[CachedFolder, list[Path], int]]) -> list[list[FileResult]]:
    """What each folder's files (with the folder's rank) give, in the order given: from
    the folder's cache where their bytes are unchanged, the others read in full."""
    found: list[list[FileResult | None]] = []
    unread: list[tuple[int, int]] = []  # (folder, the file's place in it)
    for index, (cache, paths, rank) in enumerate(folders):
        found.append(cache.cached(paths, rank) if paths else [])
        unread += [(index, place) for place, result in enumerate(found[-1]) if result is None]
    shared = unread[::-1] if len(unread) >= MIN_SHARED else []
    if shared:
        import sysdesign_cli.core.file_read  # noqa: F401 - once, before the fork

    def entries(items: list[tuple[int, int]], send: Callable[[bytes], None]) -> None:
        for index, place in items:  # in the child
            cache, paths, rank = folders[index]
            send(cache.entry(paths[place], rank))

    with elsewhere(entries, shared) as child:
        for done, (index, place) in enumerate(unread):
            if child and done >= len(unread) - len(child.poll()):
                break  # the child has read this file and every one after it
            cache, paths, rank = folders[index]
            found[index][place] = cache.read(paths[place], rank)
        sent = child.poll() if child else []
    for (index, place), entry in zip(shared, sent):
        if found[index][place] is None:
            cache, paths, rank = folders[index]
            found[index][place] = cache.taken(paths[place], rank, entry)
    return found  # type: ignore[return-value]  # every place filled
