"""A mock interview's result on screen and as a Markdown transcript, from the round's
saved data (`InterviewRound.to_json`), so `progress` shows a result the same way."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.markup import escape
from rich.table import Table

from sysdesign_cli.render.tables import FitTable, fit_columns
from sysdesign_cli.render.text import points_text


def clock_text(seconds: float) -> str:
    """`7:05` for 425 seconds."""
    minutes, secs = divmod(max(0, int(seconds)), 60)
    return f"{minutes}:{secs:02d}"


def best_rounds(rounds: list[tuple[str, dict[str, Any]]]) -> dict[str, tuple[float, float]]:
    """Per scenario, (score, max) of the finished round with the best ratio."""
    best: dict[str, tuple[float, float]] = {}
    for key, data in rounds:
        try:
            score, top = float(data["score"]), float(data["max_score"])
        except (KeyError, TypeError, ValueError):
            continue
        if top > 0 and (key not in best or score / top > best[key][0] / best[key][1]):
            best[key] = (score, top)
    return best


def interview_table(best: Mapping[str, tuple[float, float]], titles: Mapping[str, str],
                    going: Mapping[str, str] | None = None) -> Table:  # fmt: skip
    """Best score per scenario, and where a round under way stands."""
    from sysdesign_cli.render.progress import exercise_table

    return exercise_table(best, unprefixed(titles), going, title="Mock interviews",
                          column="Scenario")  # fmt: skip


def unprefixed(titles: Mapping[str, str]) -> dict[str, str]:
    """The titles without the words before `: ` that every one of them starts with (`Mock
    interview: Pastebin` is `Pastebin` under a table titled "Mock interviews")."""
    heads = {title.partition(": ")[0] for title in titles.values() if ": " in title}
    if len(titles) < 2 or len(heads) != 1 or not all(": " in t for t in titles.values()):
        return dict(titles)
    return {key: _row_name(title.partition(": ")[2]) or title for key, title in titles.items()}


def _row_name(rest: str) -> str:
    """`a URL shortener` -> `URL shortener`, `photo sharing` -> `Photo sharing`: a row
    of a table reads as a name, not as the end of a sentence."""
    words = rest.split(" ", 1)
    if len(words) == 2 and words[0].lower() in ("a", "an", "the"):
        rest = words[1]
    return rest[:1].upper() + rest[1:]


def step_table(data: Mapping[str, Any], title: str) -> Table:
    """Score and time per step, the over-time cost, the total."""
    table = FitTable(title=f"{title}: {points_text(data['score'], data['max_score'])}",
                     title_justify="left")  # fmt: skip
    table.add_column("Step")
    table.add_column("Score", justify="right")
    table.add_column("Time", justify="right")
    for name, score, points, seconds in data["steps"]:
        table.add_row(escape(str(name)), points_text(score, points), clock_text(seconds))
    if data.get("overtime"):
        table.add_row("Over time", f"-{data['overtime']:g}", "")
    return fit_columns(table)


def time_line(data: Mapping[str, Any]) -> str:
    """The time the round took, under the step table: a line of its own, since a table's
    caption is centred and wrapped to the table's own narrow width."""
    used = sum(row[3] for row in data["steps"])
    return (f"{clock_text(used)} of {data['minutes']}:00 used; the deep dive's and wrap-up's "
            "written answers are self-assessed.")  # fmt: skip


def behaviour_table(data: Mapping[str, Any]) -> Table:
    """What interviewers reward, in order, and how much of each the round showed."""
    table = FitTable(title="What interviewers reward", title_justify="left")
    table.add_column("Behaviour")
    table.add_column("Shown", justify="right")
    for name, share in data["behaviours"]:
        table.add_row(escape(str(name)), f"{round(100 * share)}%")
    return fit_columns(table)


def _next_words(data: Mapping[str, Any], quote: str) -> str:
    """What to do after the round: the lessons behind the steps that lost points; a round
    where none did is told so (a round saved before study_next was kept: its study list)."""
    if "study_next" in data and not data["study_next"]:
        said = "No step lost points"
        if data.get("overtime"):
            return f"{said}; the clock cost {data['overtime']:g}: try it again within the time."
        return f"{said}. Next: another scenario, {quote}sysdesign interview{quote} lists them."
    lessons = list(data.get("study_next") or []) or list(data.get("study") or [])
    said = ", ".join(f"{quote}sysdesign learn {item}{quote}" for item in lessons)
    return f"Study next: {said}" if said else ""


def study_line(data: Mapping[str, Any]) -> str:
    """What to study next, or that nothing lost points."""
    return escape(_next_words(data, ""))


def result_view(data: Mapping[str, Any], title: str) -> list[Any]:
    """Everything shown at the end of a round."""
    parts: list[Any] = [step_table(data, title), time_line(data), behaviour_table(data)]
    line = study_line(data)
    if line:
        parts.append(line)
    return parts


def markdown_transcript(interview: Any, data: Mapping[str, Any]) -> str:
    """The round as Markdown: what was asked and answered, step by step, and the result."""
    out = [f"# {interview.title}", "", interview.opening.strip(), ""]
    clarify = data.get("clarify")
    if clarify is not None:
        out += ["## 1. Clarify", ""]
        answers = {q.ask: q.answer for q in interview.clarify.questions}
        for ask in clarify["asked"]:
            out += [f"- **You:** {ask}", f"  **Interviewer:** {answers.get(ask, '')}"]
        if clarify["jumped"]:
            out.append("- You went to the design before the requirements were clear.")
        out += ["", f"Score: {points_text(clarify['score'], clarify['points'])}", ""]
    exercise = data.get("exercise", {})
    for stage in exercise.get("stages", []):
        out += [f"## {stage['title']}", ""]
        answer = stage.get("answer")
        if isinstance(answer, dict):
            out += [f"- {key}: {value}" for key, value in answer.items()]
        elif isinstance(answer, list):
            out += ["```", *map(str, answer), "```"]
        elif answer:
            out.append(f"> {answer}")
        out += ["", *[f"- {line}" for line in stage.get("feedback", [])]]
        mark = " (self-assessed)" if stage.get("self_assessed") else ""
        out += ["", f"Score: {points_text(stage['score'], stage['points'])}{mark}", ""]
    out += ["## Result", "", f"**{points_text(data['score'], data['max_score'])}**", "",
            "| Step | Score | Time |", "|---|---|---|"]  # fmt: skip
    out += [f"| {name} | {points_text(score, points)} | {clock_text(seconds)} |"
            for name, score, points, seconds in data["steps"]]  # fmt: skip
    out += ["", "| Behaviour | Shown |", "|---|---|"]
    out += [f"| {name} | {round(100 * share)}% |" for name, share in data["behaviours"]]
    line = _next_words(data, "`")
    if line:
        out += ["", line]
    return "\n".join(out) + "\n"

