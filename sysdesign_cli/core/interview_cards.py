"""Review cards from mock interviews: a missed point becomes a question the quiz can ask
on its own, away from the round.

A clarifying question that matters and was not asked comes back as a choice between it
and its own questions that do not matter (its `decoys`); an estimate figure not within
2x, as a number question with the interviewer's numbers in its prompt, graded in the same
bands; a missed rubric point of the trade-off or the wrap-up, as a choice between the
point and its own claims a fair expert rejects (the step's `wrong` under the point's id).
No two of those cards share a wrong option, so one card seen rules out nothing on
another. A fault of the learner's design,
as the reference broken that way (`fault_cards`); a wrong bottleneck prediction, as
the reference's load at the scenario's peak and the same question; a wrong failure drill,
as the same block dying in the reference.

Only the cards asked for are built: those of the design's faults and the deep dive run
the design engine.
"""

from __future__ import annotations

import random
from collections.abc import Collection
from typing import Any

from sysdesign_cli.core.interview_score import (
    BOTTLENECK_CARD,
    DRILL_CARD,
    ask_card_id,
    point_card_id,
)
from sysdesign_cli.core.question_schema import ChoiceQuestion, MultiQuestion, NumberQuestion

TOPIC = "interviews"
# The families of cards, each held to chance on its own (`curriculum_stats.card_scores`).
FAMILIES = ("clarify", "estimate", "design fault", "bottleneck", "drill", "trade-off",
            "wrap-up")  # fmt: skip
NONE_SURVIVE = "None of them"  # no flow survives the drill
NONE_GIVES = "None of them"  # no block passes 100% within the growth asked about
# A bottleneck card is made only where the block that fills first is clearly first: the
# runner-up at most this share of its load (and, for "none", the busiest at most this busy
# at the largest growth asked about). The capacity table's figures are rules of thumb (a
# machine handles "about 1,000 a second"), good to a few tens of percent, and the prompt
# rounds the loads: blocks within ~10% of each other (a write-heavy store and its standby
# apply the same writes) cannot be told apart by a fair reader, and a third more load is
# a lead no plausible machine figure reverses.
CLEAR_LEAD = 0.75


def _choice(**fields: Any) -> ChoiceQuestion:
    # Built with the answer first; written in an order drawn from the card's id, so that
    # where the answer sits says nothing (the quiz shuffles them again when it asks).
    choices = list(fields.pop("choices"))
    random.Random(fields["id"]).shuffle(choices)
    return ChoiceQuestion(kind="question", type="choice", topic=TOPIC, choices=choices,
                          **fields)  # fmt: skip


def card_family(interview: Any, qid: str) -> str:
    """Which of `FAMILIES` the card `qid` of `interview` belongs to."""
    if qid.startswith(ask_card_id(interview, "")):
        return "clarify"
    parts = zip(("estimate", "design", "bottleneck", "drill", "trade_off", "wrap_up"), FAMILIES[1:])
    for part, family in parts:
        if qid.startswith(point_card_id(interview, interview.stage(part), "")):
            return family
    raise ValueError(f"{qid} is not a review card of {interview.id}")


def review_questions(interview: Any, wanted: Collection[str] | None = None,
                     table: Any = None) -> dict[str, Any]:  # fmt: skip
    """The review cards a round of `interview` can leave, by card id: those `wanted`
    (every one when None). `table`: the capacity table the deep dive's cards need (those
    are left out without it)."""
    found: dict[str, Any] = {}
    clarify = interview.clarify
    for question in clarify.mattering():
        qid = ask_card_id(interview, question.about)
        found[qid] = _choice(
            id=qid,
            context=interview.title,
            prompt=(f"{interview.opening.strip()}\n\nBefore designing, which of these "
                    "questions to the interviewer changes the design?"),
            choices=[question.ask, *question.decoys],
            answer=question.ask,
            # Its own point, not the step's model answer, which names every other card's.
            explanation=(f"{question.ask} The interviewer's answer: {question.answer} "
                         f"{question.why.strip()}"),
            study=clarify.study,
        )  # fmt: skip
    found.update(_figure_cards(interview))
    for part in ("trade_off", "wrap_up"):
        stage = interview.stage(part)
        for point in stage.rubric.points:
            qid = point_card_id(interview, stage, point.id)
            found[qid] = _choice(
                id=qid,
                context=interview.title,
                prompt=(f"{stage.prompt.strip()}\n\nWhich of these does a strong answer "
                        "say?"),
                choices=[point.point, *stage.wrong[point.id]],
                answer=point.point,
                explanation=f"{point.point.rstrip('.')}. {stage.why[point.id].strip()}",
                study=stage.study,
            )  # fmt: skip
    found.update(_design_cards(interview, wanted))
    if table is not None:
        found.update(_deep_dive_cards(interview, wanted, table))
    return found if wanted is None else {k: v for k, v in found.items() if k in wanted}


def _design_cards(interview: Any, wanted: Collection[str] | None) -> dict[str, ChoiceQuestion]:
    """A choice for each fault of the design asked for: the reference broken that way,
    what is wrong with it."""
    from sysdesign_cli.core.fault_cards import fault_cards

    stage = interview.high_level
    found = {}
    for key, card in fault_cards(interview).items():
        qid = point_card_id(interview, stage, key)
        if wanted is not None and qid not in wanted:
            continue
        design = "\n".join(f"    {line}" for line in card.lines)
        message = card.finding.message
        found[qid] = _choice(
            id=qid,
            context=interview.title,
            prompt=(f"{interview.opening.strip()}\n\nA candidate draws this design, one "
                    f"edge a line:\n\n{design}\n\nWhat is wrong with it?"),
            choices=[card.claim, *card.wrong],
            answer=card.claim,
            # The fault and its fix only: the step's model answer names every fault.
            explanation=(f"The design check says: {message.rstrip('.')}. The fix: "
                         f"{card.finding.fix}"),
            study=stage.study,
        )  # fmt: skip
    return found


def _deep_dive_cards(interview: Any, wanted: Collection[str] | None,
                     table: Any) -> dict[str, Any]:  # fmt: skip
    """The bottleneck and the failure drill on a design of the scenario, each standing
    alone: the design and its figures in the prompt."""
    from sysdesign_cli.core.graph.design_breaks import design_lines

    found: dict[str, Any] = {}
    builders = (
        ("bottleneck", BOTTLENECK_CARD, _bottleneck_card, ChoiceQuestion, "choice", "answer"),
        ("drill", DRILL_CARD, _drill_card, MultiQuestion, "multi", "answers"),
    )
    for part, key, build, model, kind, right in builders:
        stage = interview.stage(part)
        qid = point_card_id(interview, stage, key)
        card = build(interview, table) if wanted is None or qid in wanted else None
        if card is None:
            continue
        graph, prompt, choices, answer, told = card
        design = "\n".join(f"    {line}" for line in design_lines(graph))
        found[qid] = model(
            kind="question", type=kind, id=qid, topic=TOPIC, context=interview.title,
            prompt=(f"{interview.opening.strip()}\n\nA design for it, one edge a line:\n\n"
                    f"{design}\n\n{prompt}"),
            choices=choices, explanation=told, study=stage.study,
            hints=list(stage.hints), **{right: answer},
        )  # fmt: skip
    return found


def _bottleneck_card(interview: Any,
                    table: Any) -> tuple[Any, str, list[str], str, str] | None:  # fmt: skip
    """The reference, its load a copy at the scenario's peak beside what one copy handles,
    which block passes 100% first as traffic grows (None: nothing can run out, or the
    first is not clearly first, `CLEAR_LEAD`), and the feedback: the engine's answer
    worked out, not the step's model answer (which speaks of the learner's own design and
    names the other cards' blocks). `validate` holds
    every reference under 100% at its own peak, so the answer is always ahead."""
    from sysdesign_cli.core.graph.load import growth, load
    from sysdesign_cli.core.quantity_format import format_number, format_rate

    stage = interview.bottleneck
    graph = interview.design.graph()
    factors = tuple(stage.factors)
    spec = interview.design.load_spec(interview.estimate.result())
    report = load(graph, spec, table)
    grown = growth(graph, spec, table, factors)
    if grown.first is None or grown.at is None:
        return None
    # As short as a block's name: the prompt says how far traffic grows.
    none = NONE_GIVES
    answer = grown.first if grown.at <= max(factors) else none
    if not _clear_lead(report, grown, max(factors)):
        return None
    rows = []
    for block in report.blocks:
        capacity = table.capacity(graph.block(block.name))
        if capacity is None:
            continue
        reads, writes = capacity
        handles = f"{reads:,.0f}/s" if reads == writes else \
            f"{reads:,.0f} reads/s, {writes:,.0f} writes/s"  # fmt: skip
        rows.append(f"  - {block.name}: {_machines(graph.block(block.name))}; each machine "
                    f"serves {format_number(block.read_per_instance)} reads/s and "
                    f"{format_number(block.write_per_instance)} writes/s; one machine handles "
                    f"{handles}")  # fmt: skip
    entered = ", ".join(f"{flow} {format_rate(rate)}" for flow, rate in report.entered)
    steps = ", ".join(f"{factor:g}x" for factor in factors)
    prompt = (f"At today's peak ({entered}), the blocks that can run out:\n\n"
              + "\n".join(rows)
              + f"\n\nTraffic grows to {steps} today's peak. Which block passes 100% busy "
              f"first, if any does by {max(factors):g}x?")  # fmt: skip
    # At most six choices: the busiest five blocks (the answer among them), and none.
    rated = sorted((b for b in report.blocks if b.utilisation is not None),
                   key=lambda b: -(b.utilisation or 0.0))[:5]  # fmt: skip
    if answer == none:
        told = (f"No block passes 100% by {max(factors):g}x: the busiest for what its machines "
                f"handle, {grown.first}, would only at about {grown.at:.1f}x.")
    elif grown.at <= 1:  # `validate` refuses it in a shipped or checked folder, not a loaded one
        told = (f"{grown.first} is already past 100% busy at today's peak: the busiest block "
                "for what its machines handle goes first.")
    else:
        told = (f"{grown.first} passes 100% first, at about {grown.at:.1f}x today's peak: the "
                "busiest block for what its machines handle goes first as traffic grows.")
    return graph, prompt, [*(b.name for b in rated), none], answer, told


def _clear_lead(report: Any, grown: Any, most: float) -> bool:
    """Whether the block that fills first is clearly first (`CLEAR_LEAD`): the runner-up
    at today's peak at most that share of its load; where none fills by `most` times the
    peak, the busiest at most that busy there."""
    loads = sorted((b.utilisation for b in report.blocks if b.utilisation is not None),
                   reverse=True)  # fmt: skip
    if not loads or loads[0] <= 0:
        return False
    if grown.at > most:
        return loads[0] * most <= CLEAR_LEAD
    leader = next(b.utilisation for b in report.blocks if b.name == grown.first)
    return leader == loads[0] and (len(loads) < 2 or loads[1] <= CLEAR_LEAD * leader)


def _machines(block: Any) -> str:
    """How many machines a block runs on, as copies and shards: `2 copies`, `16 shards`,
    `16 shards, 2 copies of each`."""
    copies = "1 copy" if block.count == 1 else f"{block.count} copies"
    if block.shards == 1:
        return copies
    return f"{block.shards} shards" + ("" if block.count == 1 else f", {copies} of each")


def _drill_card(interview: Any,
                table: Any) -> tuple[Any, str, list[str], list[str], str] | None:  # fmt: skip
    """The drill's block dying, and the flows that keep working: in the reference with
    that block left single where it runs more than one (the case a drill is about: what
    stops), else in the reference."""
    from sysdesign_cli.core.graph.design_breaks import single
    from sysdesign_cli.core.graph.drills import choose_kill, drill

    graph = interview.design.graph()
    kill = choose_kill(graph, interview.drill.kill)
    if kill is None:
        return None
    lone = single(graph, kill.block) if kill.block else None
    if lone is not None:
        graph, kill = lone, choose_kill(lone, interview.drill.kill)
        assert kill is not None
    flows = interview.design.checked_flows()
    result = drill(graph, kill, table, flows)
    survivors = list(result.survivors())  # a flow left with only what a cache holds is not
    prompt = (f"Suppose {kill.describe()}. Which flows keep working? Tick each one that "
              "still serves its users; one that answers only what a cache holds has "
              "stopped.")  # fmt: skip
    # The feedback: what the engine says of each flow, not the step's model answer.
    told = " ".join(f"{o.flow}: {o.status}{f' ({o.note.rstrip(chr(46))})' if o.note else ''}."
                    for o in result.outcomes)  # fmt: skip
    return graph, prompt, [*flows, NONE_SURVIVE], survivors or [NONE_SURVIVE], told


def _figure_cards(interview: Any) -> dict[str, NumberQuestion]:
    """A number question for each figure of the estimate step: the interviewer's numbers,
    then the figure; the answer the worked one as an engineer says it."""
    from sysdesign_cli.core.estimate_figures import LABELS, format_figure
    from sysdesign_cli.core.estimate_grading import worked_until

    stage = interview.estimate
    result = stage.result()
    found = {}
    for figure in stage.figures:
        qid = point_card_id(interview, stage, figure.replace("_", "-"))
        keys = {step.key for step in result.steps}
        cut = figure if figure in keys else figure.removeprefix("peak_")
        working = "; ".join(step.working for step in worked_until(result, cut))
        found[qid] = NumberQuestion(
            kind="question", type="number", id=qid, topic=stage.topic,
            context=interview.title,
            prompt=f"{stage.prompt.strip()}\n\nYour figure for {LABELS[figure].lower()}?",
            answer=format_figure(figure, getattr(result, figure)).lstrip("~"),
            hints=list(stage.hints),
            explanation=f"Worked out: {working}.",
            study=stage.study,
        )  # fmt: skip
    return found
