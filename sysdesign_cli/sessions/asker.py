"""The one way sessions ask the learner anything: what an asker does.

Three askers share this interface: questionary widgets on a terminal
(`terminal_asker`), numbered plain lines for pipes and `--plain` (`plain_asker`), and a
scripted one for tests (`scripted_asker`). No session calls questionary or input()
itself.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Protocol

Validator = Callable[[str], "str | None"]  # returns an error message, or None when fine
MAX_TYPED_ANSWER = 5_000  # characters in one typed answer: a paragraph fits many times over
STOP_KEYS = ("q", "quit", "exit")  # typed at a pause: stop, as Ctrl-C does


class EndOfInput(Exception):
    """Input ran out (a closed pipe, Ctrl-D): end the session cleanly, progress saved."""


class Quit(KeyboardInterrupt):
    """q at a pause: stopped as Ctrl-C stops (saved, the resume line), exit status 0."""


class Asker(Protocol):
    """What a session may ask."""

    def text(
        self, prompt: str, validate: Validator | None = None,
        complete: Sequence[str] | None = None,
    ) -> str:  # fmt: skip
        """A typed answer; `validate` may reject it with a message, and it is asked again.
        `complete`: names that Tab completes at a terminal (plain lines have no Tab)."""
        ...

    def select(self, prompt: str, choices: Sequence[str]) -> str:
        """One of `choices`, returned as its text."""
        ...

    def checkbox(self, prompt: str, choices: Sequence[str], allow_none: bool = False) -> list[str]:
        """Some of `choices`, in the order listed; none at all only with `allow_none`.

        An empty answer to a question is usually a slip that would cost a try, so it is
        asked again unless picking nothing is a real answer (which blocks to run twice).
        """
        ...

    def order(self, prompt: str, items: Sequence[str]) -> list[str]:
        """Every item of `items`, in the order the learner puts them."""
        ...

    def confirm(self, prompt: str, default: bool = False) -> bool:
        """Yes or no."""
        ...

    def checklist(
        self, prompt: str, items: Sequence[str], checked: Collection[str] = (),
        flagged: Collection[str] = (),
    ) -> list[str]:  # fmt: skip
        """The items the learner ticks, in the order listed. `checked` start ticked (what
        the tutor found); `flagged` are marked as judged contradicted. None is an answer."""
        ...

    def pause(self, prompt: str = "Press Enter to continue") -> None:
        """Wait until the learner is ready for the next step."""
        ...


def too_long(answer: str, length: int | None = None) -> str | None:
    """Why a typed answer is refused for its length (a paste gone wrong), or None: what is
    kept must fit the store's bounds, or the attempt could not be saved. `length`: what
    was typed, where only its start was kept."""
    length = len(answer) if length is None else length
    if length <= MAX_TYPED_ANSWER:
        return None
    return (f"That answer is {length:,} characters long; keep it under {MAX_TYPED_ANSWER:,} "
            "(a few sentences are plenty). Type it again.")
