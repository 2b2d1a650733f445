"""What the checks say about a design: findings, and the one verdict every screen uses."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sysdesign_cli.core.graph.spof import SinglePoint

MISSING, ORDER, PATH, UNNEEDED, SPOF, DNS, UNUSED = (
    "missing",
    "order",
    "path",
    "over-engineering",
    "single point of failure",
    "dns",
    "unused",
)
KIND_ORDER = (MISSING, ORDER, PATH, DNS, SPOF, UNNEEDED, UNUSED)
UPLOAD_WORDS = frozenset(
    {
        "upload",
        "uploads",
        "media",
        "photo",
        "photos",
        "video",
        "videos",
        "image",
        "images",
        "pixels",
        "file",
        "files",
        "blob",
    }
)


@dataclass(frozen=True)
class Finding:
    """One thing a check says: what kind, which blocks and flows, what, and the fix."""

    kind: str
    blocks: tuple[str, ...]
    flows: tuple[str, ...]
    message: str
    fix: str


def area_hint(finding: Finding) -> str:
    """A first hint drawn from the design's own first finding: where to look (its kind,
    blocks and flows), never what to change."""
    where = " and ".join(finding.blocks) or "the whole design"
    flows = ""
    if finding.flows:
        plural = "s" if len(finding.flows) > 1 else ""
        named = ", ".join(finding.flows[:-1]) + " and " * bool(finding.flows[:-1])
        flows = f", on the {named}{finding.flows[-1]} flow{plural}"  # "write and read flows"
    kind = "DNS" if finding.kind == DNS else finding.kind
    return f"Start with the first finding, the {kind} one: look again at {where}{flows}."


@dataclass(frozen=True)
class Verdict:
    """Everything the checks found. Every screen asks this object, never its own check."""

    findings: tuple[Finding, ...]
    flows: tuple[str, ...]
    single_points: tuple[SinglePoint, ...]

    @property
    def ok(self) -> bool:
        """No finding at all."""
        return not self.findings

    @property
    def spofs(self) -> tuple[str, ...]:
        """Blocks (and zones) whose loss stops a flow."""
        return tuple(point.name for point in self.single_points)

    def is_spof(self, name: str) -> bool:
        """Whether `name` is a single point of failure of any flow."""
        return name in self.spofs

    def of_kind(self, kind: str) -> tuple[Finding, ...]:
        """The findings of one kind."""
        return tuple(finding for finding in self.findings if finding.kind == kind)

    def about(self, name: str) -> tuple[Finding, ...]:
        """The findings that name a block."""
        return tuple(finding for finding in self.findings if name in finding.blocks)


def said(items: Iterable[str]) -> str:
    """`read`, `read and write`, `read, write and upload`."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
