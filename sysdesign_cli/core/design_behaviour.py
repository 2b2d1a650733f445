"""What a design held in a file does: a lesson's graph step and an exercise's reference
design parsed once, the flows a design's rules name, and the traffic it is loaded with."""

from __future__ import annotations

from typing import Any

from sysdesign_cli.core.answer_values import quantity


def parsed_once(owner: Any, text: str) -> Any:
    """`text` parsed as a design the first time `owner` is asked, then kept on it."""
    found = getattr(owner, "_graph", None)
    if found is None:
        from sysdesign_cli.core.graph.text import parse_design

        found = parse_design(text)
        object.__setattr__(owner, "_graph", found)
    return found


class GraphBehaviour:
    """A graph step's design, parsed once."""

    def graph(self) -> Any:
        """The design as a `core.graph.model.Graph`."""
        return parsed_once(self, self.design)


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
        return parsed_once(self, self.reference)

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
