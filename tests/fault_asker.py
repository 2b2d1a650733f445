"""An asker that answers anything with something valid, and can fail at a chosen prompt.

Shared by test_faults and test_security; not a test module itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Sequence

from sysdesign_cli.sessions.asker import EndOfInput, Validator

KINDS = ("select", "checkbox", "order", "text", "confirm", "pause", "checklist")
# Tried in turn until the prompt's validator takes one: a count, a duration, a size...
# (A percentage question refuses a figure of 1 or less as a fraction: 50% is one that fits.)
_TYPED = ("1", "1 s", "1 KB", "1 KB/s", "1/s", "99.9", "50%", "one")


class AnyAsker:
    """Picks the last choice, the first box, the order shown, a typed `1`, no; at the first
    prompt of kind `kind` that `when` accepts, raises `fault` instead (KeyboardInterrupt,
    EndOfInput...)."""

    def __init__(
        self,
        kind: str | None = None,
        fault: type[BaseException] = KeyboardInterrupt,
        when: Callable[[str], bool] = lambda prompt: True,
        free_text: str = "1",
    ) -> None:
        self.kind, self.fault, self.when = kind, fault, when
        self.free_text = free_text  # the answer to prompts that take any text
        self.counts: Counter[str] = Counter()
        self.fired = False

    def _tick(self, kind: str, prompt: str) -> None:
        self.counts[kind] += 1
        if sum(self.counts.values()) > 2_000:
            raise EndOfInput  # a session that never ends: stop rather than hang
        if kind == self.kind and not self.fired and self.when(prompt):
            self.fired = True
            raise self.fault

    def text(
        self, prompt: str, validate: Validator | None = None,
        complete: Sequence[str] | None = None,
    ) -> str:  # fmt: skip
        self._tick("text", prompt)
        if complete is not None:  # a design typed line by line: one edge, then done
            self.edges = not getattr(self, "edges", False)
            return "client -> app -> db" if self.edges else "done"
        if validate is None:
            return self.free_text
        for typed in _TYPED:
            if validate(typed) is None:
                return typed
        raise AssertionError(f"no stock answer fits {prompt!r}")

    def select(self, prompt: str, choices: Sequence[str]) -> str:
        self._tick("select", prompt)
        return choices[-1]

    def checkbox(self, prompt: str, choices: Sequence[str], allow_none: bool = False) -> list[str]:
        self._tick("checkbox", prompt)
        return [choices[0]]

    def order(self, prompt: str, items: Sequence[str]) -> list[str]:
        self._tick("order", prompt)
        return list(items)

    def confirm(self, prompt: str, default: bool = False) -> bool:
        self._tick("confirm", prompt)
        return False

    def pause(self, prompt: str = "Press Enter to continue") -> None:
        self._tick("pause", prompt)

    def checklist(
        self, prompt: str, items: Sequence[str], checked: Collection[str] = (),
        flagged: Collection[str] = (),
    ) -> list[str]:  # fmt: skip
        self._tick("checklist", prompt)
        return [items[0]]
