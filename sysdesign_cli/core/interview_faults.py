"""The high-level design's review cards: each fault a scenario's checks can find (a rule
broken, a single point of failure, DNS drawn as a hop), shown on the scenario's own
reference design broken that one way, so the card stands alone away from the round.

A fault is made from the reference by the engine's graph changes and kept only when the
checks find it there; its wrong choices are the scenario's other faults, each kept only
when the checks do not find it on that design (a fair expert rejects a claim that is
false of the design shown).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from sysdesign_cli.core.graph import kinds
from sysdesign_cli.core.graph.checks import check
from sysdesign_cli.core.graph.design_breaks import (
    avoid_broken,
    bypass,
    design_lines,
    hop,
    order_broken,
    single,
    through_broken,
    unneeded_added,
)
from sysdesign_cli.core.graph.findings import DNS, SPOF, Finding, Verdict
from sysdesign_cli.core.graph.flows import route
from sysdesign_cli.core.graph.model import IMPLICIT_FLOW, Graph
from sysdesign_cli.core.graph.rule_checks import rule_findings

WRONG = 3  # wrong choices beside the right one


@dataclass(frozen=True)
class Fault:
    """One way a design for the scenario goes wrong: its card key, the claim that says
    it, and how to tell it in a design and its verdict."""

    key: str
    claim: str
    rule: Any = None  # the scenario's rule it breaks, if any
    block: str = ""  # the reference block it leaves single (SPOF), if any

    def found(self, graph: Graph, verdict: Verdict, rules: Any) -> Finding | None:
        """The finding of `verdict` (on `graph`) that says this fault, if there is one."""
        if self.rule is not None:
            # The whole finding, its words too: two rules can find the same kind, blocks
            # and flows (a flow that reaches neither the queue nor the worker), and the
            # check says only one of them.
            said_ = {(f.kind, f.blocks, f.flows, f.message) for f in verdict.findings}
            for finding in rule_findings(graph, SimpleNamespace(rules=[self.rule]),
                                         _routes(graph, rules)):  # fmt: skip
                if (finding.kind, finding.blocks, finding.flows, finding.message) in said_:
                    return finding
            return None
        if self.key == "dns":
            return next(iter(verdict.of_kind(DNS)), None)
        for finding in verdict.of_kind(SPOF):
            name = finding.blocks[0]
            if graph.has(name) and graph.block(name).kind == self.block_kind:
                return finding
        return None

    def anywhere(self, graph: Graph, verdict: Verdict, rules: Any) -> bool:
        """Whether `graph` has this fault at all, said by the check or not (a flow with
        no cache has no cache read in the wrong order either, yet would a fair expert
        call that claim false?): a wrong choice must not have it."""
        if self.rule is not None:
            return bool(rule_findings(graph, SimpleNamespace(rules=[self.rule]),
                                      _routes(graph, rules)))  # fmt: skip
        return self.found(graph, verdict, rules) is not None

    @property
    def block_kind(self) -> str:
        return self.key.removeprefix("spof-")


def _routes(graph: Graph, rules: Any) -> dict[str, Any]:
    drawn = graph.flows()
    names = rules.flow_names() or drawn
    return {flow: route(graph, flow) for flow in names
            if drawn == (IMPLICIT_FLOW,) or any(e.carries(flow) for e in graph.edges)}  # fmt: skip


def _noun(kind: str) -> str:
    """`db` -> `database`, `cdn` -> `CDN`."""
    label = kinds.label(kind)
    return label if label.isupper() else label.lower()


def _a(kind: str) -> str:
    """`a database`, `an app server`, `an object storage`."""
    noun = _noun(kind)
    return ("an " if noun[0].lower() in "aeio" else "a ") + noun


def _single_claim(kind: str) -> str:
    return f"Only one {_noun(kind)} runs, and nothing takes over when it dies"


def faults(interview: Any) -> list[Fault]:
    """Every fault of the scenario a card can be made of, in the rules' order."""
    rules = interview.design
    found: list[Fault] = []
    for rule in rules.rules:
        flow = rule.flow
        if rule.rule == "reach" and rule.wait is False:
            claim = f"On {flow}, the user waits for the {_noun(rule.block)} to finish"
        elif rule.rule == "reach":
            claim = (f"The {flow} flow never reaches {_a(rule.block)}" if flow else
                     f"No request passes through {_a(rule.block)}")  # fmt: skip
        elif rule.rule == "order":
            claim = f"On {flow}, the {_noun(rule.then)} is read before the {_noun(rule.first)}"
        elif rule.rule == "through":
            claim = f"The {_noun(rule.to)} is called without passing the {_noun(rule.via)}"
        elif rule.rule == "avoid":
            claim = f"On {flow}, the bytes pass through the {_noun(rule.via)}"
        else:
            claim = f"It adds {_a(rule.block)} the requirements do not need"
        key = "-".join(part for part in (rule.rule, flow, getattr(rule, "block", None)
                                         or getattr(rule, "to", None)) if part)  # fmt: skip
        found.append(Fault(key, claim, rule=rule))
    reference = rules.graph()
    for block in reference.blocks:
        if single(reference, block.name) is not None and \
                not any(f.key == f"spof-{block.kind}" for f in found):  # fmt: skip
            found.append(Fault(f"spof-{block.kind}", _single_claim(block.kind), block=block.name))
    if any(b.role == kinds.LOOKUP for b in reference.blocks) and hop(reference) is not None:
        found.append(Fault("dns", "DNS is drawn as a hop the traffic passes through"))
    return found


def broken(interview: Any, fault: Fault) -> Graph:
    """The reference design with `fault` in it."""
    rules = interview.design
    graph = rules.graph()
    rule = fault.rule
    if rule is None:
        found = hop(graph) if fault.key == "dns" else single(graph, fault.block)
        return found if found is not None else graph
    if rule.rule == "reach":
        # A step the user must not wait for: the queue before it is left out. Else the
        # block is left off the flow's path, its callers calling on past it.
        if rule.wait is False:
            return bypass(graph, "queue", rule.flow)
        return bypass(graph, rule.block, rule.flow)
    if rule.rule == "order":
        return order_broken(graph, rule)
    if rule.rule == "through":
        return through_broken(graph, rule)
    if rule.rule == "avoid":
        return avoid_broken(graph, rule)
    return unneeded_added(graph, rule, rules)


@dataclass(frozen=True)
class FaultCard:
    """A fault shown on its broken design: the claim, the wrong claims, what the engine says."""

    fault: Fault
    claim: str
    lines: list[str]
    wrong: list[str]
    finding: Finding


def fault_card(interview: Any, key: str) -> FaultCard | None:
    """The card of the fault `key`, or None when the reference cannot show it alone."""
    every = faults(interview)
    fault = next((f for f in every if f.key == key), None)
    if fault is None:
        return None
    rules = interview.design
    graph = broken(interview, fault)
    verdict = check(graph, rules)
    finding = fault.found(graph, verdict, rules)
    if finding is None:
        return None
    # The wrong claims: the scenario's other faults the checks do not find here; first
    # those about the same flow (a flow's name in the answer alone would point at it),
    # then those nearest the right one's length, so that length tells nothing either.
    others = [other for other in every
              if other.key != key and not other.anywhere(graph, verdict, rules)]  # fmt: skip
    flow = getattr(fault.rule, "flow", None)
    others.sort(key=lambda other: (flow is not None and getattr(other.rule, "flow", None) != flow,
                                   abs(len(other.claim) - len(fault.claim))))  # fmt: skip
    others = list(dict.fromkeys(other.claim for other in others))
    return FaultCard(fault, fault.claim, design_lines(graph), others[:WRONG], finding)


def learner_faults(interview: Any, lines: list[str], findings: list[dict[str, Any]]) -> list[str]:
    """The keys of the faults the learner's design had, from its lines and the findings
    the round saved (each fault once, in the scenario's order)."""
    from sysdesign_cli.core.graph.build import GraphError
    from sysdesign_cli.core.graph.text import parse_text

    if not findings:
        return []
    try:
        graph = parse_text("\n".join(lines))
    except GraphError:
        return []
    saved = tuple(Finding(f["kind"], tuple(f["blocks"]), tuple(f["flows"]), f["message"],
                          f["fix"]) for f in findings)  # fmt: skip
    verdict = Verdict(saved, (), ())
    rules = interview.design
    return [fault.key for fault in faults(interview)
            if fault.found(graph, verdict, rules) is not None]  # fmt: skip
