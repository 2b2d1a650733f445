"""One thing wrong with a curriculum file: where it is, and what was expected."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sysdesign_cli.core.safe_text import visible, visible_path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a curriculum file, where it is and what was expected."""

    path: Path
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        shown = visible_path(self.path)
        where = f"{shown}:{self.line}" if self.line else shown
        said = f"{where}: {self.field}: " if self.field else f"{where}: "
        return visible(said + self.message)  # a path or key may hold anything a file name can
