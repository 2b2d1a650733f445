"""The capacity table's figures as the load, latency and availability engines ask for
them: one copy of a block's capacity, availability, hit ratio and latency."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sysdesign_cli.core.graph.model import Block

UNITS = {
    "capacity": "requests/s",
    "write_capacity": "writes/s",
    "availability": "%",
    "latency": "ms",
    "hit_ratio": "of reads",
}


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
