"""A prediction asked with hints: the learner answers, a wrong answer brings the next
hint (vague first) and another try; right at once earns it all, right after hints half."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.markup import escape

AFTER_HINTS = 0.5  # right, but only after a hint: as a lesson question scores it


@dataclass(frozen=True)
class Tried:
    """Every answer given, whether the last was right, and how many hints it took."""

    answers: tuple[Any, ...]
    right: bool
    hints_used: int

    @property
    def fraction(self) -> float:
        """1 right at once, AFTER_HINTS right after hints, 0 never right."""
        if not self.right:
            return 0.0
        return 1.0 if self.hints_used == 0 else AFTER_HINTS


def with_hints(
    ask: Callable[[], Any],
    right: Callable[[Any], bool],
    hints: Sequence[str],
    console: Console,
    wrong: Callable[[Any], str] | None = None,
) -> Tried:
    """Ask until right or out of hints (one try, plus one a hint)."""
    answers: list[Any] = []
    for used in range(len(hints) + 1):
        answer = ask()
        answers.append(answer)
        if right(answer):
            return Tried(tuple(answers), True, used)
        if used < len(hints):
            console.print(f"[yellow]{escape(wrong(answer) if wrong else 'Not quite.')}[/yellow]")
            console.print(f"[cyan]Hint:[/cyan] {escape(hints[used])}")
            console.print("Try again.")
    return Tried(tuple(answers), False, len(hints))
