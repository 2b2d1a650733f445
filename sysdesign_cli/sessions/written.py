"""A written answer read against its rubric: the answer, hints while the tutor finds it
short, what the tutor found, the model answer, and the learner's own ticks (labelled
self-assessed). Exercises and interviews both ask free answers this way."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape

from sysdesign_cli.core import rubric as rubrics
from sysdesign_cli.core.answer_credit import Credit, credit
from sysdesign_cli.render.items import item
from sysdesign_cli.sessions.asker import Asker


def _not_empty(text: str) -> str | None:
    return "Write your answer first (an empty line costs nothing)." if not text.strip() else None


def written(
    asker: Asker, console: Console, prompt: str, rubric: Any, hints: Sequence[str],
    settled: Mapping[str, str] | None = None,
) -> tuple[str, int]:  # fmt: skip
    """A written answer; while the tutor finds it short of the rubric, the hints one by
    one, each inviting more (an empty line keeps the answer). A weakness the learner's
    design does not have (`settled`, see `review`) makes no point: said so, then the hint.
    Returns the answer and how many hints led to more."""
    settled = settled or {}
    answer = asker.text(prompt, validate=_not_empty)
    used = 0
    told: set[str] = set()
    while used < len(hints):
        reading = credit(rubric, rubrics.assess(answer, rubric), settled)
        if reading.fraction >= 1:
            break
        for why in dict.fromkeys(settled[f.point_id] for f in reading.settled_found):
            if why not in told:
                told.add(why)
                console.print(f"[yellow]Your design already has {escape(why)}: that is no "
                              "weakness of it. Name a weakness it has.[/yellow]")
        console.print(f"[cyan]Hint:[/cyan] {escape(hints[used])}")
        more = asker.text("Add to your answer, or press Enter to keep it as it is")
        if not more.strip():
            break
        answer = f"{answer.rstrip()} {more.strip()}"
        used += 1
    return answer, used


def review(
    asker: Asker, console: Console, rubric: Any, answer: str, example: str | None,
    settled: Mapping[str, str] | None = None,
) -> dict[str, Any]:  # fmt: skip
    """What the tutor found, the model answer, then the learner ticks the key points their
    answer made (what was found is ticked already). `settled`: points the learner's design
    already shows (point id -> what shows it), said as such, never listed as not made and
    never counted as made: the question asks for a weakness of the learner's own design,
    and one it does not have earns nothing, with the reason said.
    Returns the self-assessed fraction, feedback lines and the result fields."""
    settled = settled or {}
    findings = rubrics.assess(answer, rubric)
    read = credit(rubric, findings, settled)
    console.print("[bold]What the tutor found in your answer:[/bold]")
    for finding in read.found:  # a settled one is said below
        console.print(item(f"[green]✓[/green] {escape(finding.point)} "
                           f"[dim](\"{escape(finding.evidence)}\")[/dim]"))  # fmt: skip
    for finding in read.contradicted:
        console.print(item(f"[red]✗[/red] {escape(finding.point)}: your answer seems to "
                           f"say the opposite [dim](\"{escape(finding.evidence)}\")[/dim]"))
    if read.named:
        words = ", ".join(f'"{f.evidence}"' for f in read.named)
        console.print(item(f"key words only ({escape(words)}): your answer names them but "
                           "does not say what they do here, so nothing is ticked for you."))
    elif not read.found and not read.settled_found and not read.contradicted:
        console.print(item("nothing it recognised; you may have said it in other words."))
    said = {f.point_id for f in (*read.found, *read.settled_found)}
    told: set[str] = set()  # a weakness and its fix are settled by one part of the design
    for point in [p for p in rubric.points if p.id in settled]:
        if settled[point.id] not in told:
            told.add(settled[point.id])
            console.print(item(_settled_line(point, settled, said, read.fraction >= 1)))
    if example:
        console.print(f"A model answer: [bold]{escape(example)}[/bold]")
    ticked = asker.checklist(
        "Tick the key points your answer made (self-assessed):",
        [point.point for point in rubric.points],
        checked=[f.point for f in read.found],
        flagged=[f.point for f in read.contradicted],
    )  # fmt: skip
    ids = {point.point: point.id for point in rubric.points}
    ticked_ids = {ids[item] for item in ticked}
    scored = credit(rubric, findings, settled, confirmed=ticked_ids)
    unscored = ([], []) if scored.fraction >= 1 else _named_settled(  # whole: nothing lost
        rubric, settled, said, ticked_ids - said)
    for line in unscored[1]:  # ticked only now: said as the found ones were above
        console.print(item(escape(line)))
    texts = {point.id: point.point for point in rubric.points}
    missing = [[texts[p] for p in group] for group in scored.missing]
    console.print(f"Your points (self-assessed): {_made(rubric, scored)}"
                  + (f"; not made: {escape(_not_made(missing))}" if missing else ""))
    feedback = ["self-assessed"]
    feedback += [f"missing: {text}" for text in missing[0]] if len(missing) == 1 else (
        [f"missing: {_not_made(missing)}"] if missing else [])  # fmt: skip
    feedback += [f"contradicted: {f.point}" for f in read.contradicted]
    feedback += unscored[0]
    fields = {
        "self_assessed": True,
        "points_found": [f.point_id for f in findings if f.status == rubrics.FOUND],
        "points_contradicted": [f.point_id for f in read.contradicted],
        "points_confirmed": sorted(scored.confirmed),
    }
    return {"fraction": scored.fraction, "feedback": feedback, "fields": fields}


def _made(rubric: Any, scored: Credit) -> str:
    """How many points count, against those needed (not "3 of 2 needed"), and an answer
    worth half said as such (its points are all there, its marks are not)."""
    kept = len(scored.counted)
    made = (f"{kept} of {rubric.needed} needed" if kept <= rubric.needed
            else f"{kept}, more than the {rubric.needed} needed")  # fmt: skip
    return made + (", an answer worth half" if scored.half else "")


def _not_made(missing: list[list[str]]) -> str:
    """The points of the closest whole answer not made; several closest, each in turn."""
    if len(missing) == 1:
        return "; ".join(missing[0])
    return "one of " + " | ".join(f"({n}) {'; '.join(group)}"
                                  for n, group in enumerate(missing, 1))  # fmt: skip


def _settled_line(point: Any, settled: Mapping[str, str], said: set[str],
                  whole: bool = False) -> str:  # fmt: skip
    """What the review says of a point the learner's design settles: a weakness named
    that the design does not have earns nothing, and why, unless the answer is whole
    without it (`whole`); one not named is acknowledged."""
    has = escape(settled[point.id])
    if not whole and any(settled.get(other) == settled[point.id] for other in said):
        return (f"[yellow]✗[/yellow] {escape(point.point)}: not a weakness of your design, "
                f"which already has {has}; it earns nothing here. Name a weakness it has.")
    return f"not a weakness of your design, which has {has}: {escape(point.point)}"


def _named_settled(rubric: Any, settled: Mapping[str, str], said: set[str],
                   ticked: set[str]) -> tuple[list[str], list[str]]:  # fmt: skip
    """The feedback for each settled weakness the learner named (`said`) or only ticked,
    once per part of the design that settles it; and those lines of the ticked only."""
    lines: list[str] = []
    late: list[str] = []
    told: set[str] = set()
    for point in rubric.points:
        why = settled.get(point.id)
        if why is None or why in told:
            continue
        named = [p for p in said | ticked if settled.get(p) == why]
        if not named:
            continue
        told.add(why)
        line = (f"not scored: {point.point}: your design already has {why}; "
                "name a weakness it has")
        lines.append(line)
        if not any(p in said for p in named):
            late.append(line)
    return lines, late
