"""The cache of a curriculum folder's validated files, kept in the user's cache folder.

One file a curriculum folder holds, for each of its YAML files, a digest of the file's
bytes and what reading it gave (plain data: the validated lesson, its problems, its
links). An entry is used only for a file whose bytes have that digest, so an edited
file is read and validated again, whatever its time stamp says. The file is written
whole and replaced at once; a cache that is stale, cut short, corrupted, written by
another version (of sysdesign or Python), by other code of the same version (an
upgrade from source: the stamp of the package's own modules differs) or for another
folder is ignored and rebuilt.

Beside each digest it keeps the file's size, modification and change times and inode,
as git's index does: while all four are as recorded, the digest is trusted without
reading the file; when any differs the file is read and hashed again (and validated
again only if its digest changed). A file changed within the time stamp's granularity
of being read keeps its stat, so, as git does for "racily clean" entries, a file whose
modification time is not at least RACY_NS older than the moment the load that wrote
the cache began is always read and hashed. Every entry a load keeps was checked by that
load (by its stat or its bytes), so a later stamp never vouches for a racy entry it did
not hash (the case git smudges entries for).

It is read with `marshal`, which builds data and never runs code; the entries carry a
checksum of their bytes (CRC-32: it is there to catch damage, and is four times as fast
as a digest over the megabytes of a large folder), so a file damaged anywhere is caught
before anything in it is used, and each entry is checked for its shape when it is.
"""

from __future__ import annotations

import marshal
import os
import sys
import tempfile
import time
import zlib
from functools import cache
from pathlib import Path
from typing import Any

from sysdesign_cli import __version__

try:  # the module hashlib takes BLAKE2 from, without loading OpenSSL as hashlib does
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

FORMAT = 5  # bumped whenever what is cached changes shape
MAGIC = "sysdesign-curriculum-cache"
ENV_VAR = "SYSDESIGN_CACHE"  # a folder for the cache; "off" (or empty) keeps none
MAX_CACHE_BYTES = 64_000_000
# A modification time this close to the cache's stamp (or later) is not trusted: file
# systems keep times to 1 s (ext3, HFS+) or 2 s (FAT), and the kernel's clock for them
# runs a tick behind the one read here.
RACY_NS = 3_000_000_000

Stat = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode
# An entry named `name + PART + more` is a part of entry `name` (a file's words beside the
# file's own entry): kept while `name` is.
PART = "\0"


def now_ns() -> int:
    """The time a load begins, in nanoseconds since the epoch, as file times are kept."""
    return time.time_ns()


def stat_of(path: str | os.PathLike[str]) -> Stat | None:
    """What the cache compares to know a file unchanged without reading it (links
    followed, as the file is read); None if it cannot be had."""
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return None
    return (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino)


def cache_dir() -> Path | None:
    """Where caches live: $SYSDESIGN_CACHE, else `cache` in $SYSDESIGN_HOME (so a test's
    or a second profile's home keeps its own), else the user cache folder."""
    override = os.environ.get(ENV_VAR)
    home = os.environ.get("SYSDESIGN_HOME")
    try:
        if override is not None:
            return Path(override).expanduser() if override.strip() not in ("", "off") else None
        if home and home.strip():  # a blank home is refused by the store: no cache here
            return Path(home).expanduser() / "cache"
    except RuntimeError:  # `~nosuchuser`: no cache, as for a folder that cannot be written
        return None  # (a home named so is refused by the store, which says why)
    import platformdirs

    return Path(platformdirs.user_cache_dir("sysdesign", appauthor=False))


def digest(data: bytes) -> bytes:
    """The digest a cached entry is keyed by."""
    return blake2b(data, digest_size=20).digest()


def seal(payload: bytes) -> int:
    """The checksum a cache file's payload is stored with."""
    return zlib.crc32(payload)


@cache
def code_stamp() -> int:
    """A checksum of the name, size and modification time of every module of the package:
    what is cached was shaped by this code (escaping, defaults, records), so a cache written
    by other code of the same version number is not used."""
    package = Path(__file__).resolve().parent.parent
    found: list[str] = []
    folders = [str(package)]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.name.endswith(".py"):
                    stat = entry.stat()
                    found.append(f"{entry.path}:{stat.st_size}:{stat.st_mtime_ns}")
                elif entry.is_dir() and not entry.name.startswith((".", "__")):
                    folders.append(entry.path)
    return zlib.crc32("\n".join(sorted(found)).encode())


def _header(folder: Path) -> tuple[str, int, str, str, int, str]:
    return (MAGIC, FORMAT, __version__, sys.version, code_stamp(), os.path.abspath(folder))


class FolderCache:
    """The cached entries of one curriculum folder: `known`, `hashed`, `get`, `put`, then
    `save`."""

    def __init__(self, folder: Path, directory: Path | None) -> None:
        self.folder = folder
        name = blake2b(os.fsencode(os.path.abspath(folder)), digest_size=16).hexdigest()
        self.path = directory / f"curriculum-{name}.cache" if directory else None
        self.started = now_ns()  # before any file is looked at: the next stamp
        self.stamp = 0  # when the load that wrote the stored cache began
        self.files: dict[str, tuple[Stat, bytes]] = {}  # name: its stat, its digest
        self.entries: dict[str, tuple[bytes, Any]] = {}
        self.used: set[str] = set()
        self.changed = False

    @classmethod
    def open(cls, folder: Path) -> FolderCache:
        """The folder's cache as stored, or an empty one if there is none fit to use."""
        cache = cls(folder, cache_dir())
        if cache.path is not None:
            cache.stamp, cache.files, cache.entries = _read(cache.path, _header(folder))
        return cache

    def known(self, name: str, stat: Stat) -> bytes | None:
        """The digest of file `name` if its stat is as recorded and not racy, else None
        (the file must be read and hashed)."""
        found = self.files.get(name)
        if (type(found) is tuple and len(found) == 2 and found[0] == stat
                and type(found[1]) is bytes and stat[1] < self.stamp - RACY_NS):  # fmt: skip
            self.used.add(name)
            return found[1]
        return None

    def hashed(self, name: str, stat: Stat, key: bytes) -> None:
        """Record that file `name`, of this stat (taken before it was read), hashes to
        `key`; saved when that is news, or when a racy entry would no longer be racy."""
        self.used.add(name)
        if self.files.get(name) != (stat, key) or stat[1] < self.started - RACY_NS:
            self.files[name] = (stat, key)
            self.changed = True

    def keep(self, *names: str) -> None:
        """Keep the entries for `names` in the cache though they are not asked for."""
        self.used.update(names)

    def get(self, name: str, key: bytes) -> Any:
        """The entry stored for `name` with these bytes' digest, or None."""
        self.used.add(name)
        found = self.entries.get(name)
        if type(found) is tuple and len(found) == 2 and found[0] == key:
            return found[1]
        return None

    def put(self, name: str, key: bytes, entry: Any) -> None:
        """Store the entry for `name`, read from bytes with digest `key`."""
        self.used.add(name)
        self.entries[name] = (key, entry)
        self.changed = True

    def save(self) -> None:
        """Write the cache if it changed (or holds a file no longer there), replacing the
        old one at once; a cache that cannot be written is simply not kept."""
        used = self.used
        if self.path is None:
            return
        if not self.changed and used.issuperset(self.entries) and used.issuperset(self.files):
            return  # as stored (found without a set of every name: most loads stop here)
        stale = {name for name in (self.entries.keys() | self.files.keys()) - used
                 if name.partition(PART)[0] not in used}  # fmt: skip
        if not (self.changed or stale):
            return
        for name in stale:
            self.entries.pop(name, None)
            self.files.pop(name, None)
        try:
            payload = marshal.dumps((self.started, self.files, self.entries))
            data = marshal.dumps((*_header(self.folder), seal(payload), payload))
            _write(self.path, data)
        except (OSError, ValueError):  # a read-only or full disk; an unmarshallable value
            return


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".curriculum-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


Stored = tuple[int, dict[str, tuple[Stat, bytes]], dict[str, tuple[bytes, Any]]]


def _read(path: Path, header: tuple[str, int, str, str, int, str]) -> Stored:
    """The stamp, file stats and entries of a cache file, or nothing if it is missing or
    not fit to use. Each file and entry is checked for its shape where it is used."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_CACHE_BYTES + 1)
        if len(data) > MAX_CACHE_BYTES:
            return 0, {}, {}
        found = marshal.loads(data)
    except (OSError, EOFError, ValueError, TypeError):
        return 0, {}, {}
    size = len(header)
    if type(found) is not tuple or len(found) != size + 2 or found[:size] != header:
        return 0, {}, {}
    if type(found[-1]) is not bytes or found[-2] != seal(found[-1]):
        return 0, {}, {}
    try:
        stored = marshal.loads(found[-1])
    except (EOFError, ValueError, TypeError):
        return 0, {}, {}
    if not (type(stored) is tuple and len(stored) == 3 and type(stored[0]) is int
            and type(stored[1]) is dict and type(stored[2]) is dict):  # fmt: skip
        return 0, {}, {}
    return stored
