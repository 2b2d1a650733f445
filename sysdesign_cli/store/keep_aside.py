"""A progress file that cannot be used, kept aside: renamed beside itself with its
SQLite sidecars, never over another file, so nothing a learner had is ever deleted."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

SIDECARS = ("-wal", "-shm", "-journal")


def _move_no_clobber(src: Path, dst: Path) -> None:
    """Rename src to dst, failing rather than replacing dst (POSIX rename replaces silently)."""
    try:
        os.link(src, dst)
    except (FileExistsError, FileNotFoundError):
        raise
    except OSError:  # no hard links here; Windows' rename refuses to replace by itself
        if dst.exists():
            raise FileExistsError(dst) from None
        os.rename(src, dst)
    else:
        os.unlink(src)


def keep_aside(db: Path, kind: str) -> Path | None:
    """Rename db and its sidecars to db.<kind>-<stamp>; None if another process already did."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    n = 1
    while True:
        kept = db.with_name(f"{db.name}.{kind}-{stamp}" + (f"-{n}" if n > 1 else ""))
        try:
            _move_no_clobber(db, kept)
            break
        except FileExistsError:
            n += 1
        except FileNotFoundError:
            return None
    for suffix in SIDECARS:
        if db.with_name(db.name + suffix).exists():
            _move_no_clobber(db.with_name(db.name + suffix), kept.with_name(kept.name + suffix))
    return kept
