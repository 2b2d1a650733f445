"""The traffic a design is loaded with: each flow's peak rate and payload, from a total
shared out, or from a worked estimate."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sysdesign_cli.core.graph.model import flow_kind


@dataclass(frozen=True)
class FlowLoad:
    """One flow's traffic: peak requests per second, bytes per request."""

    flow: str
    rate: float
    payload: float = 0.0
    kind: str | None = None  # read or write; None: from the flow's name
    smooth: bool = True  # a queue on it may hold the peak: work behind it runs at the average


@dataclass(frozen=True)
class LoadSpec:
    """The traffic a design is loaded with."""

    flows: tuple[FlowLoad, ...]
    peak_factor: float | None = None  # peak / average: work behind a queue runs at average

    def scaled(self, factor: float) -> LoadSpec:
        """The same traffic `factor` times over."""
        return replace(self, flows=tuple(replace(f, rate=f.rate * factor) for f in self.flows))

    def kind_of(self, flow: FlowLoad) -> str:
        """read or write."""
        return flow.kind or flow_kind(flow.flow)


def split(
    total: float, flows: tuple[str, ...], reads_per_write: float = 10.0, payload: float = 0.0
) -> LoadSpec:
    """A total peak rate shared out: reads get `reads_per_write` times the writes, shared
    evenly among the read flows, and likewise the writes."""
    reads = [f for f in flows if flow_kind(f) == "read"]
    writes = [f for f in flows if f not in reads]
    if not reads or not writes:
        each = total / len(flows)
        return LoadSpec(tuple(FlowLoad(f, each, payload) for f in flows))
    write_share = total / (reads_per_write + 1)
    rates = {f: (total - write_share) / len(reads) for f in reads}
    rates.update({f: write_share / len(writes) for f in writes})
    return LoadSpec(tuple(FlowLoad(f, rates[f], payload) for f in flows))


def from_estimate(estimate: Any, flows: tuple[str, ...],
                  payloads: dict[str, float] | None = None,
                  shares: dict[str, float] | None = None,
                  unsmoothed: tuple[str, ...] = ()) -> LoadSpec:  # fmt: skip
    """The traffic of a worked estimate (`core.estimate.Estimate`): its peak reads shared
    among the read flows, its peak writes among the write flows, each with its payload
    (reads their own, if given; a flow in `payloads` its own there), and its peak factor
    (so work behind a queue runs at the average).

    A flow in `shares` is not shared out: it carries that many of its kind's requests for
    each one the estimate counts (1: every upload is also a post; 0.1: a feed page for
    every ten photo views); the others share what the estimate counts evenly. A flow in
    `unsmoothed` keeps its peak behind a queue too: its peak lasts longer than a backlog
    may wait (chat's evening, the opening bell's orders)."""
    reads = [f for f in flows if flow_kind(f) == "read"]
    writes = [f for f in flows if f not in reads]
    peak_reads = estimate.peak_reads_per_second
    peak_writes = estimate.peak_writes_per_second
    if peak_reads is None and peak_writes is None:
        peak_reads, peak_writes = estimate.peak_qps, 0.0
    own_share = shares or {}
    rates: dict[str, float] = {}
    for group, total in ((reads, peak_reads or 0.0), (writes, peak_writes or 0.0)):
        shared = [flow for flow in group if flow not in own_share]
        rates.update({flow: total / len(shared) for flow in shared})
        rates.update({flow: total * own_share[flow] for flow in group if flow in own_share})
    payload = estimate.inputs.payload_bytes or 0.0
    read_payload = estimate.inputs.read_payload_bytes or payload
    own = payloads or {}
    specs = tuple(FlowLoad(flow, rates[flow],
                           own.get(flow, read_payload if flow in reads else payload),
                           smooth=flow not in unsmoothed)
                  for flow in flows)  # fmt: skip
    return LoadSpec(specs, peak_factor=estimate.inputs.peak_factor)
