"""What lessons, questions and exercises do beyond holding their fields.

Shared by the validated schema (`core.curriculum` and its parts, pydantic) and the light
records a cached curriculum is read into (`core.records`), so both behave alike and the schema
is written once. Nothing here imports pydantic or YAML.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from sysdesign_cli.core.quantities import Dim, QuantityError, parse, typable

if TYPE_CHECKING:
    from sysdesign_cli.core.graph.model import Block

UNITS = {
    "capacity": "requests/s",
    "write_capacity": "writes/s",
    "availability": "%",
    "latency": "ms",
    "hit_ratio": "of reads",
}


def quantity(text: str | float, field: str) -> tuple[float, Dim]:
    """A number or a quantity (`86400 s`) as its value in base units and what it measures."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return float(text), Dim.COUNT
    try:
        found = parse(str(text))
    except QuantityError as error:
        raise ValueError(f"{field} {text!r} is not a quantity: {error}") from None
    return found.value, found.dim


@functools.lru_cache(maxsize=256)
def _unit(unit: str) -> tuple[float, Dim]:
    """A number question's unit (`s`, `GB`): a few units serve every question."""
    return quantity(f"1 {unit}", "unit")


def number_answer(answer: str | float, unit: str | None) -> tuple[float, Dim, float]:
    """A number question's answer in base units, what it measures, and what a bare number
    typed by the learner is worth; ValueError naming what is wrong with it."""
    value, dim = quantity(answer, "answer")
    unit_value, unit_dim = 1.0, dim
    if unit is not None:
        unit_value, unit_dim = _unit(unit)
        if dim is Dim.COUNT:
            value, dim = value * unit_value, unit_dim
        elif dim is not unit_dim and unit_dim is not Dim.COUNT:
            raise ValueError(f"answer {answer!r} does not match unit {unit!r}")
    if value <= 0:
        raise ValueError(f"answer {answer!r} must be more than zero")
    bare = unit_value if unit_dim is dim else 1.0
    # The learner types the answer; one the number reader cannot take (1e308 TB is
    # past any float) could never be given, so it is the author's mistake.
    if not typable(value / bare):
        raise ValueError(
            f"answer {answer!r} is too large for a learner to type: use a larger unit"
        )
    return value, dim, bare


class LessonBehaviour:
    """A lesson's questions."""

    def questions(self) -> list[Any]:
        """The steps that are asked and graded: questions and estimates."""
        return [step for step in self.steps if step.kind in ("question", "estimate")]


class GraphBehaviour:
    """A graph step's design, parsed once."""

    def graph(self) -> Any:
        """The design as a `core.graph.model.Graph`."""
        found = getattr(self, "_graph", None)
        if found is None:
            from sysdesign_cli.core.graph.text import parse_design

            found = parse_design(self.design)
            object.__setattr__(self, "_graph", found)
        return found


class NumberBehaviour:
    """A number question's answer in base units."""

    def _number(self) -> tuple[float, Dim, float]:
        found = getattr(self, "_parsed", None)
        if found is None:
            found = number_answer(self.answer, self.unit)
            object.__setattr__(self, "_parsed", found)
        return found

    @property
    def value(self) -> float:
        """The answer in its base unit (seconds, bytes, per second)."""
        return self._number()[0]

    @property
    def dim(self) -> Dim:
        """What the answer measures."""
        return self._number()[1]

    @property
    def unit_value(self) -> float:
        """What a bare number typed by the learner is worth in base units."""
        return self._number()[2]


class EstimateBehaviour:
    """An estimate step's or stage's worked figures."""

    def result(self, derive: bool = True) -> Any:
        """The worked estimate for these inputs (an `Estimate`; without its derivation if
        not `derive`)."""
        from sysdesign_cli.core.estimate import estimate
        from sysdesign_cli.core.estimate_inputs import inputs_from_options

        return estimate(inputs_from_options(self.inputs), derive=derive)


class ExerciseBehaviour:
    """An exercise's graded stages and the estimate each design stage is loaded with."""

    def estimate_for(self, stage: Any) -> Any:
        """The estimate stage before `stage` whose peak loads the design: the one it names,
        else the first."""
        before = self.stages[: self.stages.index(stage)]
        estimates = [item for item in before if item.kind == "estimate"]
        if stage.estimate is not None:
            return next((item for item in estimates if item.id == stage.estimate), None)
        return estimates[0] if estimates else None

    def questions(self) -> list[Any]:
        """Stages with an id that are graded like questions (for duplicate-id checks)."""
        return list(self.stages)


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


class RulesBehaviour:
    """The flows a design's rules name."""

    def flow_names(self) -> tuple[str, ...]:
        """The flows the rules name, in order."""
        names = [spec.name for spec in self.flows]
        names += [r.flow for r in self.rules if r.flow and r.flow not in names]
        return tuple(dict.fromkeys(names))

    def kind_of(self, flow: str) -> str | None:
        """`read` or `write` when a flow spec says so."""
        return next((spec.kind for spec in self.flows if spec.name == flow), None)


class ExerciseDesignBehaviour(RulesBehaviour):
    """An exercise's reference design, parsed once."""

    def graph(self) -> Any:
        """The reference design as a `core.graph.model.Graph`."""
        found = getattr(self, "_graph", None)
        if found is None:
            from sysdesign_cli.core.graph.text import parse_design

            found = parse_design(self.reference)
            object.__setattr__(self, "_graph", found)
        return found

    def checked_flows(self) -> tuple[str, ...]:
        """The flows a design is checked and loaded on: the rules' own, else the reference's."""
        return self.flow_names() or self.graph().flows()

    def payloads(self) -> dict[str, float]:
        """The bytes a request carries, in the flows that say so (not the estimate's)."""
        return {spec.name: quantity(spec.payload, "payload")[0] for spec in self.flows
                if getattr(spec, "payload", None) is not None}  # fmt: skip

    def shares(self) -> dict[str, float]:
        """The requests a flow makes for each one of its kind the estimate counts, in the
        flows that say so (the others share the estimate's evenly)."""
        return {spec.name: spec.share for spec in self.flows
                if getattr(spec, "share", None) is not None}  # fmt: skip

    def load_spec(self, estimate: Any) -> Any:
        """The traffic a design is loaded with at a worked estimate's peak (a
        `core.graph.traffic.LoadSpec`), each flow with its own payload and share where it
        has one."""
        from sysdesign_cli.core.graph.traffic import from_estimate

        unsmoothed = tuple(spec.name for spec in self.flows if not getattr(spec, "smooth", True))
        return from_estimate(estimate, self.checked_flows(), self.payloads(), self.shares(),
                             unsmoothed)  # fmt: skip


class FigureBehaviour:
    """A capacity figure's unit."""

    @property
    def unit(self) -> str:
        """The unit the value is in."""
        return UNITS[self.what]


class CapacityBehaviour:
    """The capacity table's figures, as the load, latency and availability engines ask."""

    def value(self, block: str, what: str) -> float | None:
        """The figure for a kind (or pseudo-row), or None."""
        for figure in self.figures:
            if figure.block == block and figure.what == what:
                return figure.value
        return None

    def availability(self, block: Block) -> float:
        """One copy's availability as a fraction: a managed service's own figure, else the
        kind's, else that of any self-run instance."""
        from sysdesign_cli.core.graph import kinds

        if block.role == kinds.ENTRY:
            return 1.0
        own = self.value(block.kind, "availability")
        if block.managed:
            found = own if kinds.BY_ID[block.kind].managed and own else None
            return (found or self.value("managed", "availability") or 100.0) / 100
        if own is not None and not kinds.BY_ID[block.kind].managed:
            return own / 100
        return (self.value("instance", "availability") or 100.0) / 100

    def capacity(self, block: Block) -> tuple[float, float] | None:
        """Reads and writes per second one instance handles; None when it scales by itself
        (managed) or the table has no figure."""
        from sysdesign_cli.core.graph import kinds

        if block.managed or block.role in (kinds.ENTRY, kinds.LOOKUP):
            return None
        reads = self.value(block.kind, "capacity")
        if reads is None:
            return None
        return reads, self.value(block.kind, "write_capacity") or reads

    def hit_ratio(self, block: Block) -> float:
        """Share of reads a cache or CDN answers."""
        return self.value(block.kind, "hit_ratio") or 0.0

    def latency(self, block: Block) -> float:
        """Milliseconds a call to one block adds, inside the datacentre (or to the CDN edge)."""
        return self.value(block.kind, "latency") or 0.0

    @property
    def internet_ms(self) -> float:
        """Milliseconds from a user to the origin datacentre."""
        return self.value("internet", "latency") or 0.0

    @property
    def zone_availability(self) -> float:
        """A zone's availability as a fraction."""
        return (self.value("zone", "availability") or 100.0) / 100


# The behaviour of each schema class by name, for the records a cache is read into.
BY_CLASS: dict[str, type] = {
    "Lesson": LessonBehaviour,
    "GraphStep": GraphBehaviour,
    "NumberQuestion": NumberBehaviour,
    "EstimateStep": EstimateBehaviour,
    "EstimateStage": EstimateBehaviour,
    "Exercise": ExerciseBehaviour,
    "Interview": InterviewBehaviour,
    "ClarifyStep": ClarifyBehaviour,
    "RoundEstimate": EstimateBehaviour,
    "DesignRules": RulesBehaviour,
    "ExerciseDesign": ExerciseDesignBehaviour,
    "CapacityTable": CapacityBehaviour,
    "Figure": FigureBehaviour,
}
