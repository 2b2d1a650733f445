"""The capacity table: per-instance figures for each kind of block, each with its source.

It lives in the curriculum (`curricula/reference/capacity.yaml`) because it is content:
what one app server, one Redis or one PostgreSQL box does, how often it is down, how
long a call to it takes. The load, availability and latency engines read it through
the methods below; `sysdesign numbers` shows it.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from sysdesign_cli.core.capacity_behaviour import CapacityBehaviour, FigureBehaviour
from sysdesign_cli.core.graph import kinds
from sysdesign_cli.core.graph.kinds import PSEUDO
from sysdesign_cli.core.safe_text import quoted

Line = Annotated[str, StringConstraints(min_length=1, max_length=500, strip_whitespace=True)]
REQUIRED = {
    "instance": ("availability",),
    "managed": ("availability",),
    "zone": ("availability",),
    "internet": ("latency",),
}


class Figure(FigureBehaviour, BaseModel):
    """One figure about one kind of block, with where it comes from."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    block: Line
    what: Literal["capacity", "write_capacity", "availability", "latency", "hit_ratio"]
    value: Annotated[float, Field(ge=0, allow_inf_nan=False)]  # .inf or .nan: no figure
    note: Line | None = None  # e.g. "order of magnitude: varies 10x with the query"
    source: Line
    year: Annotated[int, Field(ge=1950, le=2100)]

    @model_validator(mode="after")
    def _fits(self) -> Figure:
        if self.block not in kinds.BY_ID and self.block not in PSEUDO:
            raise ValueError(
                f"block {quoted(self.block)} is not a kind ({', '.join(kinds.KIND_IDS)}) "
                f"or one of {', '.join(PSEUDO)}"
            )
        if self.what == "availability" and not 0 < self.value <= 100:
            raise ValueError("value: an availability is a percent, more than 0 and at most 100")
        if self.what == "hit_ratio" and not 0 <= self.value < 1:
            raise ValueError("value: a hit ratio is a fraction from 0 to below 1, e.g. 0.8")
        if self.what in ("capacity", "write_capacity") and self.value <= 0:
            raise ValueError("value: a capacity is more than zero")
        return self


class CapacityTable(CapacityBehaviour, BaseModel):
    """Every figure the load, latency and availability engines use."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    id: Line
    title: Line
    caption: Line | None = None
    figures: Annotated[list[Figure], Field(min_length=1)]

    @model_validator(mode="after")
    def _complete(self) -> CapacityTable:
        seen: set[tuple[str, str]] = set()
        for figure in self.figures:
            key = (figure.block, figure.what)
            if key in seen:
                raise ValueError(f"figures: {figure.block} {figure.what} is given twice")
            seen.add(key)
        missing = [
            f"{block} {what}"
            for block, whats in REQUIRED.items()
            for what in whats
            if (block, what) not in seen
        ]
        missing += [
            f"{kind} latency"
            for kind in kinds.KIND_IDS
            if kind != "client" and (kind, "latency") not in seen
        ]
        if missing:
            raise ValueError(f"figures: missing {', '.join(missing)}")
        return self
