"""The progress store: one small SQLite file under the user data dir, moved by
SYSDESIGN_HOME (the modules of this package; `progress` holds the `Store` itself).

`from sysdesign_cli.store import Store` works as before, and loads SQLite only then: a
part of the package (its schema, its file's name) is imported without the rest.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sysdesign_cli.store.file import DB_NAME, SCHEMA_VERSION, StoreError, home_dir
    from sysdesign_cli.store.progress import Store

# What the package offers by name, and the module each comes from.
_FROM = {"Store": "progress", "StoreError": "file", "SCHEMA_VERSION": "file",
         "DB_NAME": "file", "home_dir": "file"}  # fmt: skip

__all__ = ["DB_NAME", "SCHEMA_VERSION", "Store", "StoreError", "home_dir"]


def __getattr__(name: str) -> Any:
    module = _FROM.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
