"""The interview's clock: time spent per step and in total, shown at every prompt.

Time counts only while the round runs: a round stopped and resumed goes on from the time
it had. Over time is said once and never stops the round.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Sequence
from typing import Any

from sysdesign_cli.sessions.asker import Asker, Validator

# Each step's share of the round's minutes (what a real 45-minute round spends).
BUDGET = {"clarify": 0.1, "estimate": 0.15, "design": 0.3, "deep-dive": 0.3, "wrap-up": 0.15}


def clock_text(seconds: float) -> str:
    """`7:05` for 425 seconds; `1:02:03` past an hour."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class Clock:
    """Seconds spent per part of the round, carried over from a saved round."""

    def __init__(self, minutes: int, spent: dict[str, float] | None = None,
                 now: Callable[[], float] = time.monotonic) -> None:  # fmt: skip
        self.minutes = minutes
        self.spent: dict[str, float] = dict(spent or {})
        self._now = now
        self.part: str | None = None
        self.step: str | None = None
        self._since = 0.0

    def start(self, part: str, step: str) -> None:
        """Time from now on counts to `part`, of the step `step`."""
        self.part, self.step, self._since = part, step, self._now()

    def stop(self) -> float:
        """Stop counting; returns the part's seconds so far."""
        if self.part is None:
            return 0.0
        self.spent[self.part] = self.spent.get(self.part, 0.0) + (self._now() - self._since)
        part, self.part = self.part, None
        return self.spent[part]

    def running(self) -> float:
        """Seconds of the part under way not yet added to `spent`."""
        return self._now() - self._since if self.part is not None else 0.0

    def total(self) -> float:
        """Seconds of the whole round so far."""
        return sum(self.spent.values()) + self.running()

    def step_seconds(self, parts: Collection[str]) -> float:
        """Seconds of the step made of `parts` so far."""
        running = self.running() if self.part in parts else 0.0
        return sum(self.spent.get(part, 0.0) for part in parts) + running

    def budget(self, step: str) -> float:
        """The seconds a step should take."""
        return BUDGET.get(step, 0.0) * self.minutes * 60

    def over(self) -> bool:
        """Whether the round has gone past its minutes."""
        return self.total() > self.minutes * 60


class TimedAsker:
    """An asker that puts the clock in front of every prompt: `[step 1:10 | 7:05 of 45:00]`."""

    def __init__(self, asker: Asker, clock: Clock, step_parts: Callable[[], Collection[str]]):
        self.asker = asker
        self.clock = clock
        self._parts = step_parts

    def _stamp(self, prompt: str) -> str:
        step = clock_text(self.clock.step_seconds(self._parts()))
        total = clock_text(self.clock.total())
        late = " over time" if self.clock.over() else ""
        return f"[step {step} | {total} of {self.clock.minutes}:00{late}] {prompt}"

    def text(self, prompt: str, validate: Validator | None = None,
             complete: Sequence[str] | None = None) -> str:  # fmt: skip
        return self.asker.text(self._stamp(prompt), validate=validate, complete=complete)

    def select(self, prompt: str, choices: Sequence[str]) -> str:
        return self.asker.select(self._stamp(prompt), choices)

    def checkbox(self, prompt: str, choices: Sequence[str], allow_none: bool = False) -> list[str]:
        return self.asker.checkbox(self._stamp(prompt), choices, allow_none=allow_none)

    def order(self, prompt: str, items: Sequence[str]) -> list[str]:
        return self.asker.order(self._stamp(prompt), items)

    def confirm(self, prompt: str, default: bool = False) -> bool:
        return self.asker.confirm(self._stamp(prompt), default=default)

    def checklist(self, prompt: str, items: Sequence[str], checked: Collection[str] = (),
                  flagged: Collection[str] = ()) -> list[str]:  # fmt: skip
        return self.asker.checklist(self._stamp(prompt), items, checked=checked, flagged=flagged)

    def pause(self, prompt: str = "Press Enter to continue") -> None:
        self.asker.pause(self._stamp(prompt))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.asker, name)
