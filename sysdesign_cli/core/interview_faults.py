"""The faults a scenario's checks can find in a design (a rule broken, a single point of
failure, DNS drawn as a hop), each with the claim that says it, and the scenario's
reference design broken that one way, so that a review card can show it alone
(`fault_cards`); and which of them a learner's design had.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sysdesign_cli.core.fault_claims import LONE, Claim, breaks
from sysdesign_cli.core.graph import kinds
from sysdesign_cli.core.graph.design_breaks import (
    avoid_broken,
    bypass,
    handed_on_broken,
    hop,
    order_broken,
    single,
    through_broken,
    unneeded_added,
)
from sysdesign_cli.core.graph.findings import DNS, SPOF, Finding, Verdict
from sysdesign_cli.core.graph.model import Graph


@dataclass(frozen=True)
class Fault:
    """One way a design for the scenario goes wrong: its card key, the claim that says
    it, and how to tell it in a design and its verdict."""

    key: str
    said: Claim
    rule: Any = None  # the scenario's rule it breaks, if any
    block: str = ""  # the reference block it leaves single (SPOF), if any

    @property
    def claim(self) -> str:
        """The claim's words."""
        return self.said.text

    def found(self, graph: Graph, verdict: Verdict, rules: Any) -> Finding | None:
        """The finding of `verdict` (on `graph`) that says this fault, if there is one."""
        if self.rule is not None:
            # The whole finding, its words too: two rules can find the same kind, blocks
            # and flows (a flow that reaches neither the queue nor the worker), and the
            # check says only one of them.
            said_ = {(f.kind, f.blocks, f.flows, _words(f.message)) for f in verdict.findings}
            for finding in breaks(graph, self.rule, rules):
                if (finding.kind, finding.blocks, finding.flows, _words(finding.message)) in said_:
                    return finding
            return None
        if self.key == "dns":
            return next(iter(verdict.of_kind(DNS)), None)
        for finding in verdict.of_kind(SPOF):
            name = finding.blocks[0]
            if graph.has(name) and graph.block(name).kind == self.said.block:
                return finding
        return None


def _words(message: str) -> str:
    """A finding's message as compared with one a round saved: case and articles aside
    (a round saved before "a websocket server" was said "a WebSocket server")."""
    import re

    return " ".join(re.sub(r"\b(?:a|an)\b", " ", message.casefold()).split())


def _said(rule: Any) -> Claim:
    """The claim that says `rule` is broken."""
    flow = rule.flow
    if rule.rule == "reach" and getattr(rule, "after", None):
        return Claim("after", flow, rule.block, rule.after)
    if rule.rule == "reach" and rule.wait is False:
        return Claim("wait", flow, rule.block)
    if rule.rule == "reach":
        return Claim("reach", flow, rule.block) if flow else Claim("requests", None, rule.block)
    if rule.rule == "order":
        return Claim("order", flow, rule.then, rule.first)
    if rule.rule == "through":
        return Claim("through", None, rule.to, rule.via)
    if rule.rule == "avoid":
        return Claim("avoid", flow, rule.via)
    return Claim("unneeded", None, rule.block)


def faults(interview: Any) -> list[Fault]:
    """Every fault of the scenario a card can be made of, in the rules' order: its rules
    broken, then the lone copies of what its reference runs more than once, then DNS drawn
    as a hop."""
    rules = interview.design
    found: list[Fault] = []
    for rule in rules.rules:
        after = getattr(rule, "after", None)
        key = "-".join(part for part in ("deliver" if after else rule.rule, rule.flow,
                                         getattr(rule, "block", None) or
                                         getattr(rule, "to", None)) if part)  # fmt: skip
        found.append(Fault(key, _said(rule), rule=rule))
    reference = rules.graph()
    for block in reference.blocks:
        if single(reference, block.name) is not None and \
                not any(f.key == f"spof-{block.kind}" for f in found):  # fmt: skip
            # The wordings of a lone copy taken in turn: none marks the answer.
            said = Claim("lone", None, block.kind, wording=len(found) % len(LONE))
            found.append(Fault(f"spof-{block.kind}", said, block=block.name))
    if any(b.role == kinds.LOOKUP for b in reference.blocks) and hop(reference) is not None:
        found.append(Fault("dns", Claim("dns")))
    return found


def broken(interview: Any, fault: Fault) -> Graph:
    """The reference design with `fault` in it."""
    rules = interview.design
    graph = rules.graph()
    rule = fault.rule
    if rule is None:
        found = hop(graph) if fault.key == "dns" else single(graph, fault.block)
        return found if found is not None else graph
    if rule.rule == "reach" and getattr(rule, "after", None):
        return handed_on_broken(graph, rule)
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
