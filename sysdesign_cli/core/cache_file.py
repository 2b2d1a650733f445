"""The cache of a curriculum folder's validated files, kept in the user's cache folder.

One file a curriculum folder holds, for each of its YAML files, a digest of the file's
bytes and what reading it gave (plain data: the validated lesson, its problems, its
links). An entry is used only for a file whose bytes have that digest, so an edited
file is read and validated again, whatever its time stamp says. The file is written
whole and replaced at once; a cache that is stale, cut short, corrupted, written by
another version (of sysdesign or Python) or for another folder is ignored and rebuilt.

It is read with `marshal`, which builds data and never runs code; the entries carry a
digest of their bytes, so a file damaged anywhere is caught before anything in it is
used, and each entry is checked for its shape when it is.
"""

from __future__ import annotations

import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from sysdesign_cli import __version__

try:  # the module hashlib takes BLAKE2 from, without loading OpenSSL as hashlib does
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

FORMAT = 3  # bumped whenever what is cached changes shape
MAGIC = "sysdesign-curriculum-cache"
ENV_VAR = "SYSDESIGN_CACHE"  # a folder for the cache; "off" (or empty) keeps none
MAX_CACHE_BYTES = 64_000_000


def cache_dir() -> Path | None:
    """Where caches live: $SYSDESIGN_CACHE, else `cache` in $SYSDESIGN_HOME (so a test's
    or a second profile's home keeps its own), else the user cache folder."""
    override = os.environ.get(ENV_VAR)
    if override is not None:
        return Path(override).expanduser() if override.strip() not in ("", "off") else None
    home = os.environ.get("SYSDESIGN_HOME")
    try:
        if home:
            return Path(home).expanduser() / "cache"
    except RuntimeError:  # `~nosuchuser`: the store says so; no cache meanwhile
        return None
    import platformdirs

    return Path(platformdirs.user_cache_dir("sysdesign", appauthor=False))


def digest(data: bytes) -> bytes:
    """The digest a cached entry is keyed by."""
    return blake2b(data, digest_size=20).digest()


def _header(folder: Path) -> tuple[str, int, str, str, str]:
    return (MAGIC, FORMAT, __version__, sys.version, os.path.abspath(folder))


class FolderCache:
    """The cached entries of one curriculum folder: `get`, `put`, then `save`."""

    def __init__(self, folder: Path, directory: Path | None) -> None:
        self.folder = folder
        name = blake2b(os.fsencode(os.path.abspath(folder)), digest_size=16).hexdigest()
        self.path = directory / f"curriculum-{name}.cache" if directory else None
        self.entries: dict[str, tuple[bytes, Any]] = {}
        self.used: set[str] = set()
        self.changed = False

    @classmethod
    def open(cls, folder: Path) -> FolderCache:
        """The folder's cache as stored, or an empty one if there is none fit to use."""
        cache = cls(folder, cache_dir())
        if cache.path is not None:
            cache.entries = _read(cache.path, _header(folder))
        return cache

    def get(self, name: str, key: bytes) -> Any:
        """The entry stored for `name` with these bytes' digest, or None."""
        self.used.add(name)
        found = self.entries.get(name)
        return found[1] if found is not None and found[0] == key else None

    def put(self, name: str, key: bytes, entry: Any) -> None:
        """Store the entry for `name`, read from bytes with digest `key`."""
        self.used.add(name)
        self.entries[name] = (key, entry)
        self.changed = True

    def save(self) -> None:
        """Write the cache if it changed (or holds a file no longer there), replacing the
        old one at once; a cache that cannot be written is simply not kept."""
        stale = set(self.entries) - self.used
        if self.path is None or not (self.changed or stale):
            return
        for name in stale:
            del self.entries[name]
        try:
            payload = marshal.dumps(self.entries)
            data = marshal.dumps((*_header(self.folder), digest(payload), payload))
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


def _read(path: Path, header: tuple[str, int, str, str, str]) -> dict[str, tuple[bytes, Any]]:
    """The entries of a cache file, or none if it is missing or not fit to use."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_CACHE_BYTES + 1)
        if len(data) > MAX_CACHE_BYTES:
            return {}
        found = marshal.loads(data)
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if type(found) is not tuple or len(found) != 7 or found[:5] != header:
        return {}
    if type(found[6]) is not bytes or found[5] != digest(found[6]):
        return {}
    try:
        entries = marshal.loads(found[6])
    except (EOFError, ValueError, TypeError):
        return {}
    if type(entries) is not dict:
        return {}
    for name, pair in entries.items():
        if not (type(name) is str and type(pair) is tuple and len(pair) == 2
                and type(pair[0]) is bytes):  # fmt: skip
            return {}
    return entries
