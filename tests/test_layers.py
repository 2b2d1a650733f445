"""Imports point down only: cli -> sessions -> core, rendering pure beside the core, and
the progress store below the sessions.

Read from the source (every `import`, inside functions and under TYPE_CHECKING too), so
a lazy import that points up is caught as well as one at the top of a module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "sysdesign_cli"
# What each part of the package may not import.
FORBIDDEN = {
    "core": ("cli", "sessions", "render", "store"),
    "render": ("cli", "sessions", "store"),
    "sessions": ("cli",),
    "store": ("cli", "sessions", "render"),
}


def _module(path: Path, package: Path) -> list[str]:
    return list(path.relative_to(package.parent).with_suffix("").parts)


def part_of(names: list[str]) -> str | None:
    """The part a module belongs to: `core`, `render`, `sessions`, `cli` or `store` (the
    progress store's package); None for the package's own entry modules."""
    if len(names) < 2:
        return None
    return names[1]


def imported(path: Path, package: Path) -> list[tuple[int, str]]:
    """(line, module) of every import in a file, relative ones made absolute; `from A
    import B` counts as importing `A.B`, which is a module when B is one."""
    here = _module(path, package)[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module or "").split(".")]).strip(".")
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def upward_imports(part: str, package: Path = PACKAGE) -> list[str]:
    """Every import by a module of `part` that the layering forbids, as `file:line module`."""
    hits = []
    for path in sorted(package.rglob("*.py")):
        if part_of(_module(path, package)) != part:
            continue
        for line, name in imported(path, package):
            names = name.split(".")
            if names[0] == package.name and part_of(names) in FORBIDDEN[part]:
                where = path.relative_to(package).as_posix()
                hits.append(f"{where}:{line} {'.'.join(names[:2])}")
    return list(dict.fromkeys(hits))  # one line for `from A import B, C`


@pytest.mark.parametrize("part", sorted(FORBIDDEN))
def test_imports_point_down_only(part: str) -> None:
    assert upward_imports(part) == []


def test_every_rule_has_modules_to_check() -> None:
    # A renamed folder would leave its rule checking nothing.
    parts = {part_of(_module(path, PACKAGE)) for path in PACKAGE.rglob("*.py")}
    assert set(FORBIDDEN) - parts == set()


def test_the_check_sees_upward_imports(tmp_path: Path) -> None:
    # The guard can fail: a core module importing a session lazily, a render module
    # importing the store by a relative import, and a session importing the cli's app.
    package = tmp_path / "sysdesign_cli"
    for folder in ("core/graph", "render", "sessions", "cli"):
        (package / folder).mkdir(parents=True)
    (package / "core" / "graph" / "bad.py").write_text(
        "def late():\n    from sysdesign_cli.sessions import quiz\n"
    )
    (package / "core" / "fine.py").write_text("from .graph import bad\n")
    (package / "render" / "bad.py").write_text("from .. import store\n")
    (package / "sessions" / "bad.py").write_text("import sysdesign_cli.cli.app\n")
    assert [upward_imports(part, package) for part in ("core", "render", "sessions")] == [
        ["core/graph/bad.py:2 sysdesign_cli.sessions"],
        ["render/bad.py:1 sysdesign_cli.store"],
        ["sessions/bad.py:1 sysdesign_cli.cli"],
    ]


def test_every_module_of_the_store_package_is_the_store(tmp_path: Path) -> None:
    # No list of the store's modules to keep up: one added to the package is the store's
    # (held to its rule), and the core importing it is caught.
    package = tmp_path / "sysdesign_cli"
    for folder in ("core", "store"):
        (package / folder).mkdir(parents=True)
    (package / "store" / "new_part.py").write_text("from sysdesign_cli.render import progress\n")
    (package / "core" / "bad.py").write_text("from sysdesign_cli.store.new_part import x\n")
    assert part_of(_module(package / "store" / "new_part.py", package)) == "store"
    assert [upward_imports(part, package) for part in ("core", "store")] == [
        ["core/bad.py:1 sysdesign_cli.store"],
        ["store/new_part.py:1 sysdesign_cli.render"],
    ]
    # The store is all in its package: nothing of it left at the top.
    assert not list(PACKAGE.glob("store_*.py")) and not list(PACKAGE.glob("progress_*.py"))
