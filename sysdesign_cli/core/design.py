"""Design checks on a learner's paths, driven by the exercise's YAML.

Missing blocks, over-engineering, wrong order, single points of failure, and the
composite availability of a design (a block run more than once counts in parallel).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

from sysdesign_cli.core.nines import parallel, series

if TYPE_CHECKING:
    from sysdesign_cli.core.curriculum import Exercise, PathStage

MISSING, UNNEEDED, ORDER, SPOF = "missing", "over-engineering", "order", "single point of failure"
# Points a path stage loses per finding of each kind.
PENALTY = {MISSING: 3, UNNEEDED: 2, ORDER: 2}


@dataclass(frozen=True)
class Finding:
    """One thing a design check says about a design."""

    kind: str
    block: str
    message: str


@dataclass
class Design:
    """A design: the blocks on each named path, and the blocks run more than once."""

    paths: dict[str, list[str]] = field(default_factory=dict)
    replicated: set[str] = field(default_factory=set)

    def blocks(self) -> list[str]:
        """Every block on any path, in first-seen order."""
        seen: list[str] = []
        for path in self.paths.values():
            seen += [block for block in path if block not in seen]
        return seen


def check_path(stage: PathStage, path: list[str]) -> list[Finding]:
    """What is missing, what is not needed, and what is out of order on one path."""
    findings = [
        Finding(MISSING, flag.block, flag.why) for flag in stage.required if flag.block not in path
    ]
    findings += [
        Finding(UNNEEDED, flag.block, flag.why) for flag in stage.unneeded if flag.block in path
    ]
    for rule in stage.order:
        both = rule.before in path and rule.after in path
        if both and path.index(rule.before) > path.index(rule.after):
            findings.append(Finding(ORDER, rule.after, rule.why))
    return findings


def path_score(stage: PathStage, findings: list[Finding]) -> float:
    """The stage's points less a penalty per finding, never below zero."""
    lost = sum(PENALTY.get(finding.kind, 0) for finding in findings)
    return max(0.0, stage.points - lost * stage.points / 10)


def copies(exercise: Exercise, design: Design, block_id: str) -> list[float]:
    """The availability (a fraction) of every copy of a block in the design: the block,
    twice when it is run more than once, and each replica of it that is on a path."""
    blocks = design.blocks()
    found = []
    for other in [block_id] + [b for b in blocks if exercise.block(b).replica_of == block_id]:
        percent = exercise.block(other).availability
        if percent is not None:
            found += [percent / 100] * (2 if other in design.replicated else 1)
    return found


def _counted_with_its_primary(exercise: Exercise, design: Design, block_id: str) -> bool:
    return exercise.block(block_id).replica_of in design.blocks()


def single_points(exercise: Exercise, design: Design) -> list[Finding]:
    """Every block on a path that exists once and is not a managed, redundant service."""
    findings = []
    for block_id in design.blocks():
        block = exercise.block(block_id)
        if (
            block.managed
            or not block.critical
            or block.availability is None
            or len(copies(exercise, design, block_id)) > 1
            or _counted_with_its_primary(exercise, design, block_id)
        ):
            continue
        fix = block.spof or f"run more than one {block.label.lower()}"
        findings.append(
            Finding(
                SPOF,
                block_id,
                f"{block.label} exists once: if it dies, the system does. Fix: {fix}.",
            )
        )
    return findings


def availability(exercise: Exercise, design: Design) -> float:
    """Every critical block in series; a block run more than once as two in parallel,
    and a block with a replica on a path in parallel with it."""
    parts = []
    for block_id in design.blocks():
        block = exercise.block(block_id)
        if (
            block.availability is None
            or not block.critical
            or _counted_with_its_primary(exercise, design, block_id)
        ):
            continue
        found = copies(exercise, design, block_id)
        parts.append(parallel(found) if len(found) > 1 else found[0])
    return series(parts)


def reference_design(exercise: Exercise) -> Design:
    """The exercise's own answer, from the reference of each stage."""
    design = Design()
    for stage in exercise.stages:
        if stage.kind == "path":
            design.paths[stage.name] = list(stage.reference)
        elif stage.kind == "redundancy":
            design.replicated = set(stage.reference)
    return design


def mermaid(exercise: Exercise, design: Design) -> str:
    """The design as a Mermaid flowchart: one chain of arrows per path."""
    lines = ["flowchart LR"]
    for block_id in design.blocks():
        label = "".join(c for c in exercise.block(block_id).label if c not in '"[]{}|<>')
        if block_id in design.replicated:
            label += " x2+"
        lines.append(f'    {_node(block_id)}["{label}"]')
    for name, path in design.paths.items():
        edge = "".join(char for char in name if char.isalnum() or char == " ")
        for left, right in pairwise(path):
            lines.append(f"    {_node(left)} -->|{edge}| {_node(right)}")
    return "\n".join(lines)


def _node(block_id: str) -> str:
    return block_id.replace("-", "_")
