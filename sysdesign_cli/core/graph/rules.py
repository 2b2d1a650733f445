"""The rules a design is checked against, as data: an exercise or interview scenario
carries them in its YAML (under `design:`), and `checks.check` applies them.

    design:
      flows:
        - {name: read, kind: read}
        - {name: write, kind: write}
      rules:
        - {rule: reach, flow: read, block: db, why: the database is the source of truth}
        - {rule: order, flow: read, first: cache, then: db, why: a hit must spare the database}
        - {rule: through, to: db, via: app, why: only the app talks to the database}
        - {rule: avoid, flow: upload, to: storage, via: app, why: no pixels through the app}
        - {rule: reach, flow: upload, block: worker, wait: false, why: nobody waits for a resize}
        - {rule: reach, flow: send, block: ws, after: queue, why: it delivers to Bob's server}
        - {rule: unneeded, block: cdn, why: pastes are small text; nothing heavy to serve}

Blocks are named by kind (`db`, `cache`, `storage`, or any of their names such as `redis`);
`db` also covers read replicas. A rule without `flow` applies to every flow.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    model_validator,
)

from sysdesign_cli.core.design_behaviour import ExerciseDesignBehaviour, RulesBehaviour
from sysdesign_cli.core.graph import kinds
from sysdesign_cli.core.safe_text import quoted

Line = Annotated[str, StringConstraints(min_length=1, max_length=500, strip_whitespace=True)]
FlowName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9\-]{0,39}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


def _kind(value: str) -> str:
    found = kinds.kind_of(value)
    if found is None:
        close = kinds.suggest(value)
        hint = f" (did you mean {quoted(close)}?)" if close else ""
        raise ValueError(f"{quoted(value)} is not a block kind{hint}; "
                         f"kinds: {', '.join(kinds.KIND_IDS)}")
    return found


KindName = Annotated[str, AfterValidator(_kind)]


class _Rule(_Strict):
    flow: FlowName | None = None  # None: every flow
    why: Line


class ReachRule(_Rule):
    """The flow reaches a block of this kind; `wait`: true if the user waits for it,
    false if it must happen after the reply (behind a queue); `after`: it reaches one
    again from a block of that kind (a queue delivers each message to the WebSocket
    server that holds the recipient)."""

    rule: Literal["reach"]
    block: KindName
    wait: bool | None = None
    after: KindName | None = None


class OrderRule(_Rule):
    """On every path, `first` is consulted before `then` is reached."""

    rule: Literal["order"]
    first: KindName
    then: KindName


class ThroughRule(_Rule):
    """Every path to `to` passes through `via` (the database only through the app)."""

    rule: Literal["through"]
    to: KindName
    via: KindName


class AvoidRule(_Rule):
    """No path to `to` passes through `via` (pixels never through the app servers)."""

    rule: Literal["avoid"]
    to: KindName
    via: KindName


class UnneededRule(_Rule):
    """A block of this kind is not justified by the requirements."""

    rule: Literal["unneeded"]
    block: KindName


Rule = Annotated[
    Union[ReachRule, OrderRule, ThroughRule, AvoidRule, UnneededRule],
    Field(discriminator="rule"),
]


def _payload(value: str) -> str:
    from sysdesign_cli.core.answer_values import quantity
    from sysdesign_cli.core.quantities import Dim

    amount, dim = quantity(value, "payload")
    if dim is not Dim.BYTES or amount <= 0:
        raise ValueError(f"payload {quoted(value)} is not a size: give bytes a request carries, "
                         "e.g. `2 KB`")  # fmt: skip
    return value


class FlowSpec(_Strict):
    """A flow the design must carry; `kind` read (a cache can answer it) or write;
    `payload` the bytes one request of it carries, when not the estimate's (a publish
    call that only names a file already uploaded); `share` the requests of it for each
    one of its kind the estimate counts, when the flow is not one of several sharing them
    (every upload is also a post: 1; a feed page for every ten photo views: 0.1);
    `smooth: false` when a queue on it may not hold its peak for later (the peak lasts
    hours, or a message must arrive within a second): work behind the queue keeps up with
    the peak."""

    name: FlowName
    kind: Literal["read", "write"] | None = None  # None: from the name (read, view, get...)
    payload: Annotated[Line, AfterValidator(_payload)] | None = None
    share: Annotated[float, Field(gt=0, le=1000, allow_inf_nan=False)] | None = None
    smooth: bool = True


class DesignRules(RulesBehaviour, _Strict):
    """What a scenario asks of a design."""

    flows: list[FlowSpec] = Field(default_factory=list)
    rules: list[Rule] = Field(default_factory=list)
    generic: bool = True  # also run the checks every design gets (SPOF, DNS, ...)


def _name(value: str) -> str:
    if kinds.resolve(value) is None:
        close = kinds.suggest(value)
        hint = f" (did you mean {quoted(close)}?)" if close else ""
        raise ValueError(f"{quoted(value)} does not name a kind of block{hint}")
    return value


BlockName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9\-]{0,39}$"),
                      AfterValidator(_name)]  # fmt: skip
Design = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]


class ExerciseDesign(ExerciseDesignBehaviour, DesignRules):
    """An exercise's design: its rules, the block names it offers the learner (Tab
    completes them; `help` lists them), and the reference design in the text format."""

    blocks: list[BlockName] = Field(default_factory=list)
    reference: Design
    _graph: Any = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _draws(self) -> ExerciseDesign:
        from sysdesign_cli.core.graph.text import GraphError, parse_design

        try:
            self._graph = parse_design(self.reference)
        except GraphError as error:
            raise ValueError("reference: " + "; ".join(map(str, error.problems))) from None
        drawn = self._graph.flows()
        missing = [flow for flow in self.flow_names() if flow not in drawn]
        if missing and drawn != ("request",):
            raise ValueError(f"reference: no edge carries the flows {missing}; it has: "
                             f"{', '.join(drawn)}")  # fmt: skip
        return self
