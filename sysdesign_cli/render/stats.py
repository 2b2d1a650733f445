"""The curriculum's figures (`validate --stats`) as a table: figure, value, and the aim."""

from __future__ import annotations

from rich.table import Table

from sysdesign_cli.core.curriculum_stats import (
    BOT_MARGIN,
    RECALL_AIM,
    TWO_HINTS_AIM,
    BotScore,
    Stats,
)


def _share(part: int, whole: int) -> str:
    return f"{part} of {whole} ({part / whole:.0%})" if whole else "none"


def _aim(met: bool, text: str) -> str:
    return f"[green]✓[/green] {text}" if met else f"[red]✗[/red] {text}"


def _spread(counts: dict[int, int], label: str) -> str:
    return ", ".join(f"{label}{key}: {value}" for key, value in counts.items()) or "none"


def stats_table(stats: Stats) -> Table:
    """One row per figure, with the aim where the curriculum has one."""
    table = Table(
        title="Curriculum figures",
        title_justify="left",
        caption=(
            "Recall: text, number and estimate questions among all questions. Answer "
            "position and the longest option: single-choice questions, as written (they "
            "are shown shuffled). Bot: the first-try score of always picking the longest "
            "(or the shortest) option; other guessers are in the tables below. Hint "
            "levels: graded items (lessons and exercises) by number of hints."
        ),
        caption_justify="left",
    )
    table.add_column("figure")
    table.add_column("value")
    table.add_column("aim")
    kinds = ", ".join(f"{kind} {count}" for kind, count in stats.kinds.items())
    table.add_row("graded items", f"{stats.graded} ({stats.lesson_questions} in lessons)", "")
    table.add_row("by kind", kinds, "")
    asked = stats.recall + stats.recognition
    table.add_row(
        "recall (typed)",
        _share(stats.recall, asked),
        _aim(stats.recall_share >= RECALL_AIM, f"at least {RECALL_AIM:.0%}"),
    )
    table.add_row("answer position", _spread(stats.positions, "#"), "")
    table.add_row(
        "longest option is right",
        _share(stats.longest_right, stats.choice_questions),
        "",
    )
    table.add_row(
        "longest / shortest-option bot",
        f"{stats.longest_bot:.0%} / {stats.shortest_bot:.0%} (chance: {stats.chance:.0%})",
        _aim(stats.bot_within_margin, f"each at most chance + {BOT_MARGIN * 100:.0f} points"),
    )
    table.add_row(
        "right options in a multi",
        _spread(stats.multi_right, ""),
        _aim(stats.multi_counts_vary, "varies; mostly fewer than half"),
    )
    two = sum(count for levels, count in stats.hint_levels.items() if levels >= 2)
    table.add_row(
        "hint levels",
        _spread(stats.hint_levels, "") + f"; 2+: {_share(two, stats.graded)}",
        _aim(stats.two_hints_share >= TWO_HINTS_AIM, f"two or three on {TWO_HINTS_AIM:.0%}"),
    )
    return table


def bots_table(title: str, bots: tuple[BotScore, ...]) -> Table:
    """One row per strategy and kind of question it plays (and over every kind, where it
    plays more than one): questions, first-try score, chance on the same questions."""
    table = Table(
        title=title,
        title_justify="left",
        caption=(
            "Each strategy sees what a learner sees: the prompt and the options; those that "
            "read around it, the lesson text before the question and the lesson's other "
            "questions with their feedback. Choice: it picks among its favourite options, "
            "ties split evenly. Multi: it ticks the options it favours over the others' "
            "median (for the longest: the longer half). Order: it submits an order. Places: "
            "the earlier answers' places as written (shown shuffled, they score chance). "
            "Learned: logistic regression over every strategy's favourites, fitted on the "
            "other lessons and scored on the one held out. Scored as the quiz grades a first "
            "try (partial credit for multi and order), over the questions where it favours "
            "some options over others."
        ),
        caption_justify="left",
    )
    families = any(bot.family for bot in bots)
    columns = ("strategy", *(("family",) if families else ()), "kind", "questions",
               "first try", "chance", "aim")  # fmt: skip
    for column in columns:
        table.add_column(column, justify="right" if column in ("questions",) else "left")
    kinds: dict[tuple[str, str], int] = {}
    order: dict[str, int] = {}
    for bot in bots:
        order.setdefault(bot.strategy, len(order))
        key = (bot.strategy, bot.family)
        kinds[key] = kinds.get(key, 0) + (bot.kind != "all" and bot.questions > 0)
    aim = f"at most chance + {BOT_MARGIN * 100:.0f} points"
    for bot in sorted(bots, key=lambda bot: order[bot.strategy]):
        if not bot.questions or (bot.kind == "all" and kinds[bot.strategy, bot.family] < 2):
            continue
        verdict = ("- too few cards: not judged" if bot.too_few else
                   _aim(bot.within_margin, aim) if bot.held else
                   "- fair (teaching): measured, not held")  # fmt: skip
        table.add_row(
            bot.strategy,
            *((bot.family,) if families else ()),
            bot.kind,
            str(bot.questions),
            f"{bot.score:.0%}",
            f"{bot.chance:.0%}",
            verdict,
        )
    return table
