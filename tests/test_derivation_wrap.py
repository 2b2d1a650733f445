"""A derivation wraps at 80 columns without cutting a figure from its unit."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from rich.console import Console
from rich.text import Text

from sysdesign_cli.core.estimate import EstimateInputs, estimate
from sysdesign_cli.render.estimate import KeptTogether, derivation, working_line

UNIT = re.compile(r"\s*(?:[KMGTP]?B\b|QPS\b|s\b|ms\b|days?\b|requests?\b|users?\b|items\b)")


def _shown(renderable: object, width: int = 80) -> list[str]:
    console = Console(width=width, record=True, force_terminal=True, color_system=None)
    console.print(renderable)
    return console.export_text().splitlines()


def _cut(lines: list[str]) -> list[tuple[str, str]]:
    """Consecutive lines where one ends on a figure and the next starts with its unit."""
    return [(a, b) for a, b in pairwise(lines)
            if re.search(r"\d[\d,.]*[kKMBT%]?$", a.rstrip()) and UNIT.match(b)]  # fmt: skip


def test_a_figure_at_the_edge_moves_down_with_its_unit() -> None:
    line = Text("a" * 76 + " 10 KB each")
    plain = _shown(Text(line.plain))  # rich alone cuts `10` from `KB` here
    assert _cut(plain), plain
    kept = _shown(KeptTogether(line, hang=2))
    assert kept == ["a" * 76, "  10 KB each"]


@pytest.mark.parametrize("width", [80, 60, 47])
def test_every_derivation_line_keeps_its_figures_with_their_units(width: int) -> None:
    result = estimate(EstimateInputs(
        dau=10e6, requests_per_user=10, payload_bytes=10e3, retention_seconds=3 * 365 * 86_400,
        server_capacity_qps=200, reads_per_write=10))  # fmt: skip
    lines = _shown(derivation(result), width)
    assert max(len(line) for line in lines) <= width
    assert len(lines) > len(result.steps) + 1  # some lines did wrap
    assert _cut(lines) == []
    # Every word of the working is shown, in order, with plain spaces.
    shown = " ".join(" ".join(lines).split())
    for step in result.steps:
        assert " ".join(f"{step.label}: {step.working}".split()) in shown
    assert "\u00a0" not in "".join(lines)


def test_worked_lines_after_an_answer_keep_figures_with_units() -> None:
    text = "Storage per day: ~9.1M writes/day x 10 KB ~= 91 GB; a 30-day month ~= 2.73 TB and more"
    lines = _shown(working_line(text, indent=2), 60)
    assert _cut(lines) == [] and len(lines) == 2
    assert lines[1].startswith("    ")
