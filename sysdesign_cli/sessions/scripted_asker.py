"""The scripted asker: answers from a list, for tests."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sysdesign_cli.sessions.asker import EndOfInput, Validator
from sysdesign_cli.sessions.picking import pick


class ScriptedAsker:
    """Answers from a list, for tests; records every prompt it was asked."""

    def __init__(self, answers: Sequence[object]) -> None:
        self.answers = list(answers)
        self.prompts: list[str] = []
        self.completions: list[list[str]] = []  # what Tab would have offered, per text

    def _next(self, prompt: str) -> object:
        self.prompts.append(prompt)
        if not self.answers:
            raise EndOfInput
        answer = self.answers.pop(0)
        if isinstance(answer, BaseException) or (
            isinstance(answer, type) and issubclass(answer, BaseException)
        ):
            raise answer
        return answer

    def text(
        self, prompt: str, validate: Validator | None = None,
        complete: Sequence[str] | None = None,
    ) -> str:  # fmt: skip
        self.completions.append(list(complete or ()))
        while True:
            answer = str(self._next(prompt))
            if validate is None or validate(answer) is None:
                return answer

    def select(self, prompt: str, choices: Sequence[str]) -> str:
        answer = self._next(prompt)
        choice = pick(str(answer), choices)
        if choice is None:
            raise AssertionError(f"scripted answer {answer!r} is not among {list(choices)}")
        return choice

    def checkbox(self, prompt: str, choices: Sequence[str], allow_none: bool = False) -> list[str]:
        answer = self._next(prompt)
        listed = answer if isinstance(answer, (list, tuple)) else str(answer).split(",")
        picked = [pick(str(item), choices) for item in listed if str(item).strip()]
        if None in picked:
            raise AssertionError(f"scripted answer {answer!r} is not among {list(choices)}")
        return [choice for choice in choices if choice in picked]

    def order(self, prompt: str, items: Sequence[str]) -> list[str]:
        answer = self._next(prompt)
        listed = answer if isinstance(answer, (list, tuple)) else str(answer).split(",")
        picked = [pick(str(item), items) for item in listed]
        if None in picked:
            raise AssertionError(f"scripted answer {answer!r} is not among {list(items)}")
        return picked  # type: ignore[return-value]

    def confirm(self, prompt: str, default: bool = False) -> bool:
        answer = self._next(prompt)
        return answer if isinstance(answer, bool) else str(answer).lower() in ("y", "yes")

    KEEP = "keep"  # a scripted checklist answer: keep what the tutor ticked

    def checklist(
        self, prompt: str, items: Sequence[str], checked: Collection[str] = (),
        flagged: Collection[str] = (),
    ) -> list[str]:  # fmt: skip
        answer = self._next(prompt)
        if answer == self.KEEP:
            return [item for item in items if item in checked]
        listed = answer if isinstance(answer, (list, tuple)) else str(answer).split(",")
        picked = [pick(str(item), items) for item in listed if str(item).strip()]
        if None in picked:
            raise AssertionError(f"scripted answer {answer!r} is not among {list(items)}")
        return [item for item in items if item in picked]

    def pause(self, prompt: str = "Press Enter to continue") -> None:
        self.prompts.append(prompt)
