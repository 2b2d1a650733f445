"""The curriculum's figures (`validate --stats`) as a table: figure, value, and the aim."""

from __future__ import annotations

from rich.table import Table

from sysdesign_cli.core.curriculum_stats import BOT_MARGIN, RECALL_AIM, TWO_HINTS_AIM, Stats


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
            "(or the shortest) option. Hint levels: graded items (lessons and exercises) by "
            "number of hints."
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
