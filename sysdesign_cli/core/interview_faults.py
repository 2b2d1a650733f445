"""The high-level design's review cards: each fault a scenario's checks can find (a rule
broken, a single point of failure, DNS drawn as a hop), shown on the scenario's own
reference design broken that one way, so the card stands alone away from the round.

A fault is made from the reference by the engine's graph changes and kept only when the
checks find it there. Its wrong choices are claims in the faults' own words that are
false of the design shown (a flow said never to reach a block it reaches, a block said
to run alone where it runs twice, a block the rules need said to be unneeded), each one
on no other card of the scenario and never another card's answer: drawn from the other
faults, an option seen as another card's answer would never be right here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
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
from sysdesign_cli.core.guessers import NEGATION

WRONG = 3  # wrong choices beside the right one
WRONG_LEAST = 2  # ... at least, or the fault leaves no card


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

    about: tuple[str | None, str | None] = (None, None)  # a wrong claim's flow and block

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


# A lone copy said three ways: a fault's answer takes them in turn by its index in the
# scenario, so that no wording marks the answer; a card carries a claim in one wording
# only (`gist` tells the wordings of one claim from another claim).
_SINGLE = ("A single {} runs with no copy to take over when it dies",
           "Just one {} runs with no copy to take over when it dies",
           "One {} runs alone with no copy to take over when it dies")  # fmt: skip
_LONE = re.compile(r"^(?:A single|Just one|One) (.+?) runs(?: alone)? with no copy to take "
                   r"over when it dies$")  # fmt: skip


def _single_claim(kind: str, wording: int = 0) -> str:
    """The claim that a `kind` runs alone, in the `wording`-th of its wordings (modulo)."""
    return _SINGLE[wording % len(_SINGLE)].format(_noun(kind))


def _wording(claim: str) -> int | None:
    """Which of the lone-copy wordings `claim` is in, or None when it is another claim."""
    lone = _LONE.match(claim)
    return None if lone is None else next(
        i for i, wording in enumerate(_SINGLE) if wording.format(lone.group(1)) == claim)


def _worded(claim: str, left: list[str], used: set[str], own: int | None) -> str:
    """`claim`, or when it says a lone copy, its wording in `left` and not `used` that
    the card's answer has (`own`) if it can: an answer's wording then sits beside wrong
    claims in it, not alone on the card."""
    if _wording(claim) is None:
        return claim
    same = [c for c in left if c.casefold() not in used and gist(c) == gist(claim)]
    return min(same, key=lambda c: (_wording(c) != own, _wording(c)))


def gist(claim: str) -> str:
    """`claim` casefolded, in one wording of the wordings it can be said in: two claims
    with the same gist say one thing."""
    lone = _LONE.match(claim)
    return (_SINGLE[0].format(lone.group(1)) if lone else claim).casefold()


def faults(interview: Any) -> list[Fault]:
    """Every fault of the scenario a card can be made of, in the rules' order."""
    rules = interview.design
    found: list[Fault] = []
    for rule in rules.rules:
        flow = rule.flow
        if rule.rule == "reach" and rule.wait is False:
            claim = f"The {flow} flow waits for the {_noun(rule.block)} to finish"
        elif rule.rule == "reach":
            claim = (f"The {flow} flow never reaches {_a(rule.block)}" if flow else
                     f"Requests never pass through {_a(rule.block)}")  # fmt: skip
        elif rule.rule == "order":
            claim = f"The {flow} flow reads the {_noun(rule.then)} before the {_noun(rule.first)}"
        elif rule.rule == "through":
            claim = f"The {_noun(rule.to)} is called without passing the {_noun(rule.via)}"
        elif rule.rule == "avoid":
            claim = f"The {flow} flow's bytes pass through the {_noun(rule.via)}"
        else:
            claim = f"It adds {_a(rule.block)} the requirements do not need"
        key = "-".join(part for part in (rule.rule, flow, getattr(rule, "block", None)
                                         or getattr(rule, "to", None)) if part)  # fmt: skip
        found.append(Fault(key, claim, rule=rule))
    reference = rules.graph()
    for block in reference.blocks:
        if single(reference, block.name) is not None and \
                not any(f.key == f"spof-{block.kind}" for f in found):  # fmt: skip
            found.append(Fault(f"spof-{block.kind}", _single_claim(block.kind, len(found)),
                               block=block.name))  # fmt: skip
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
    graph: Graph | None = None  # the design shown
    verdict: Verdict | None = None  # and what the checks say of it


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
    return FaultCard(fault, fault.claim, design_lines(graph), [], finding, graph, verdict)


def fault_cards(interview: Any) -> dict[str, FaultCard]:
    """Every fault card of the scenario, by key, each with its own wrong claims (up to
    `WRONG`, at least `WRONG_LEAST`): none on two cards, none a fault of the scenario, so
    none is another card's answer. Dealt a claim a card at a time, so that each card gets
    its nearest claims in turn and none takes them all (a fault a card cannot be made of
    leaves none; the shipped scenarios leave one for every fault, tested)."""
    memo = _MEMO.get(id(interview))
    if memo is not None and memo[0] is interview:
        return memo[1]
    every = faults(interview)
    used = {fault.claim.casefold() for fault in every}
    cards = {fault.key: card for fault in every
             if (card := fault_card(interview, fault.key)) is not None}  # fmt: skip
    ranked: dict[str, list[str]] = {}
    for key, card in cards.items():
        # First those in the right one's words ("never reaches", "no copy to take over"),
        # then as negative, about the same flow (a flow's name in the answer alone would
        # point at it), nearest its length: neither shape nor length tells.
        flow = getattr(card.fault.rule, "flow", None)
        denies = len(NEGATION.findall(card.claim))
        shape = _shape(card.claim)
        # Never one about the answer's own flow and block: two claims that cannot both
        # be false would say that one of them is the answer.
        rule = card.fault.rule
        named = {getattr(rule, field, None) for field in ("block", "via", "to", "first", "then")}
        # Claims opening as a reader takes for an answer to the stem ("No ...", "It ...")
        # only where the right one opens so too: else they would always be wrong.
        claims = {c.claim for c in false_claims(interview, card.graph, card.verdict)
                  if (c.about[0] is None or c.about[0] != flow or c.about[1] not in named)
                  and (_shape(c.claim) not in _OPENERS or _shape(c.claim) == shape)}
        ranked[key] = sorted(claims, key=lambda claim: (
            _shape(claim) != shape, abs(len(NEGATION.findall(claim)) - denies),
            flow is not None and f" {flow} " not in f" {claim} ",
            abs(len(gist(claim)) - len(gist(card.claim))), gist(claim)))  # fmt: skip
    dealt: dict[str, list[str]] = {key: [] for key in cards}
    # One claim a card, in whichever wording: two wordings of one claim are both wrong.
    said = {key: {gist(card.claim)} for key, card in cards.items()}
    # Claims in a card's own words go to the cards in those words first; then the rest.
    shapes = {key: _shape(card.claim) for key, card in cards.items()}
    for alike in (True, False):
        for _ in range(WRONG):
            left = {
                key: [
                    c
                    for c in ranked[key]
                    if c.casefold() not in used
                    and gist(c) not in said[key]
                    and (not alike or _shape(c) == shapes[key])
                ]
                for key in cards
            }
            for key in sorted(cards, key=lambda key: (len(left[key]), list(cards).index(key))):
                pick = next((c for c in left[key]
                             if c.casefold() not in used and gist(c) not in said[key]), None)
                if pick is not None and len(dealt[key]) < WRONG:
                    pick = _worded(pick, left[key], used, _wording(cards[key].claim))
                    dealt[key].append(pick)
                    used.add(pick.casefold())
                    said[key].add(gist(pick))
    found = {key: replace(card, wrong=dealt[key]) for key, card in cards.items()
             if len(dealt[key]) >= WRONG_LEAST}  # fmt: skip
    _MEMO[id(interview)] = (interview, found)
    return found


_MEMO: dict[int, tuple[Any, dict[str, FaultCard]]] = {}
_SHAPES = ("never reaches", "requests never", "never waits", "waits for the",
           "bytes pass", "without passing", "do not need", "no copy", "flow reads the",
           "drawn as a")  # fmt: skip


_OPENERS = (_SHAPES.index("do not need"),)


def _shape(claim: str) -> int:
    """Which of the claims' wordings `claim` is in (its index in `_SHAPES`, or past it)."""
    folded = claim.casefold()
    return next((i for i, words in enumerate(_SHAPES) if words in folded), len(_SHAPES))


def false_claims(interview: Any, graph: Graph, verdict: Verdict) -> list[Fault]:
    """Claims in the faults' words that are false of `graph`: a flow said never to reach
    a block it reaches (or never to wait for one it waits for), to pass its bytes through
    (to wait for) one it never reaches; a block said to be passed by no request, called
    without the only block that calls it, read before its caller, drawn as a lookup where
    it calls onward; a block run twice (or with a replica) said to run alone; a block the
    rules need said to be one the requirements do not need."""
    from sysdesign_cli.core.graph.rules import ReachRule

    rules = interview.design
    found: list[Fault] = []
    # The blocks the design shows: one left with no edge is not drawn.
    drawn = {name for edge in graph.edges for name in (edge.source, edge.target)}
    present = list(dict.fromkeys(block.kind for block in graph.blocks if block.name in drawn
                                 and block.role not in (kinds.ENTRY, kinds.LOOKUP)))  # fmt: skip
    passed: set[str] = set()
    for flow in rules.flow_names() or graph.flows():
        for kind in present:
            def say(key: str, claim: str, flow: str = flow, kind: str = kind) -> None:
                found.append(Fault(f"{key}-{flow}-{kind}", claim, about=(flow, kind)))

            rule = ReachRule(rule="reach", flow=flow, block=kind, why="(a wrong choice)")
            if Fault("", "", rule=rule).anywhere(graph, verdict, rules):
                say("avoid", f"The {flow} flow's bytes pass through the {_noun(kind)}")
                say("wait", f"The {flow} flow waits for the {_noun(kind)} to finish")
                continue
            passed.add(kind)
            say("reach", f"The {flow} flow never reaches {_a(kind)}")
            waits = ReachRule(rule="reach", flow=flow, block=kind, wait=False,
                              why="(a wrong choice)")  # fmt: skip
            if Fault("", "", rule=waits).anywhere(graph, verdict, rules):
                say("nowait", f"The {flow} flow never waits for the {_noun(kind)}")
    for kind in present:
        if kind in passed:
            found.append(Fault(f"reach-{kind}", f"Requests never pass through {_a(kind)}"))
        callers = {graph.block(e.source).kind for block in graph.of_kind(kind)
                   for e in graph.in_edges(block.name) if e.kind != "replication"}  # fmt: skip
        if len(callers) == 1 and (via := next(iter(callers))) != kind and \
                graph.block(next(b.name for b in graph.of_kind(via))).role not in (
                    kinds.ENTRY, kinds.LOOKUP):  # fmt: skip
            found.append(Fault(f"through-{kind}", f"The {_noun(kind)} is called without "
                                                  f"passing the {_noun(via)}"))  # fmt: skip
    for block in graph.blocks:
        replicated = any(e.kind == "replication" for e in graph.out_edges(block.name))
        if block.name in drawn and (block.instances > 1 or replicated):
            found += [Fault(f"spof-{block.kind}", _single_claim(block.kind, wording),
                            block=block.name) for wording in range(len(_SINGLE))]  # fmt: skip
    for edge in graph.edges:  # read in the order drawn: the callee is not read first
        ends = (graph.block(edge.source), graph.block(edge.target))
        if (
            edge.kind == "sync"
            and all(b.role not in (kinds.ENTRY, kinds.LOOKUP) for b in ends)
            and not graph.out_edges(edge.target)
            and len(graph.in_edges(edge.target)) == 1
        ):
            for flow in edge.flows or rules.flow_names() or graph.flows():  # fmt: skip
                found.append(
                    Fault(
                        f"order-{flow}-{edge.target}",
                        f"The {flow} flow reads the {_noun(ends[1].kind)} before the "
                        f"{_noun(ends[0].kind)}",
                        about=(flow, ends[1].kind),
                    )
                )
        if (
            edge.kind != "sync"
            or ends[1].role == kinds.LOOKUP
            or ends[0].role == kinds.ENTRY
            or not [e for e in graph.out_edges(edge.target) if e.kind == "sync"]
        ):
            continue  # only a block that calls onward is plainly a hop
        found.append(
            Fault(
                f"lookup-{edge.target}",
                f"The {_noun(ends[1].kind)} is drawn as a lookup beside the path, not a hop",
            )
        )
    needed = {getattr(rule, "block", None) or getattr(rule, "to", None)
              for rule in rules.rules if rule.rule in ("reach", "through", "avoid")}  # fmt: skip
    for kind in present:
        if kind in needed:
            found.append(Fault(f"unneeded-{kind}",
                               f"It adds {_a(kind)} the requirements do not need"))  # fmt: skip
    return found


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
