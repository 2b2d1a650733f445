"""What a mock-interview scenario does: which clarifying questions matter, and its parts
run as the stages of an exercise."""

from __future__ import annotations

from typing import Any


class ClarifyBehaviour:
    """Which clarifying questions matter to the design (`about:` says what) and which do not."""

    def mattering(self) -> list[Any]:
        """The questions that matter to the design."""
        return [q for q in self.questions if q.about is not None]

    def idle(self) -> list[Any]:
        """The questions that do not."""
        return [q for q in self.questions if q.about is None]


INTERVIEW_PARTS = ("estimate", "high_level", "bottleneck", "drill", "trade_off", "wrap_up")


class InterviewBehaviour:
    """A scenario's estimate, design and deep-dive parts run as an exercise's stages."""

    def exercise(self) -> Any:
        """The parts as an exercise (its design, its stages in order), for its components."""
        built = self.__dict__.get("_built_exercise")
        if built is None:
            built = self._as_exercise()
            self.__dict__["_built_exercise"] = built
        return built

    def _as_exercise(self) -> Any:
        # A cache record: the same fields an Exercise has, made without validation (the
        # full read that filled the cache validated them as an Exercise).
        from sysdesign_cli.core.records import record_class, to_plain

        fields = {"id": self.id, "title": self.title, "summary": self.summary, "order": 0,
                  "topics": [], "design": to_plain(self.design),
                  "stages": [to_plain(getattr(self, part)) for part in INTERVIEW_PARTS]}
        return record_class("Exercise")(fields)  # fmt: skip

    def stage(self, part: str) -> Any:
        """The exercise stage of a part (`estimate`, ..., `wrap_up`)."""
        return getattr(self, "high_level" if part == "design" else part)
