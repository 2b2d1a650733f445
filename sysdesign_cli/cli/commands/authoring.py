"""The authoring command: `validate` checks a curriculum folder for lesson authors."""

from __future__ import annotations

from typing import Optional

import typer


def validate(
    path: Optional[str] = typer.Argument(
        None, metavar="[PATH]",
        help="A curriculum folder or one YAML file (default: the built-in lessons).",
    ),
    strict: bool = typer.Option(
        False, "--strict", help="Fail on lint warnings too (a giveaway hint, a longest answer...)."
    ),
    stats: bool = typer.Option(
        False, "--stats", help="Also print the figures: kinds, recall share, hint levels..."
    ),
) -> None:
    """Check lessons and exercises: every error with file, line and field, then lint the
    questions (warnings: the right option conspicuously longest, a hint that gives the
    answer or counts the right options, a prompt that needs its lesson, near-duplicates,
    a prompt showing a number's answer; error: a topic not among the lesson's topics).

    \b
    Examples:
      sysdesign validate
      sysdesign validate --strict --stats
      mkdir -p my-lessons/lessons
      printf 'id: intro\\ntitle: Intro\\nsummary: First.\\ntopics: [intro]\\norder: 1\\n%s\\n' \\
        'steps: [{kind: text, body: Hello.}]' > my-lessons/lessons/01-intro.yaml
      sysdesign validate ./my-lessons
      sysdesign validate ./my-lessons/lessons/01-intro.yaml
    """
    from sysdesign_cli.cli.lessons import run_validate

    run_validate(path, strict=strict, stats=stats)
