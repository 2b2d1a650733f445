"""The practice commands: `exercise` (a guided design exercise), `interview` (a mock
design interview) and `design check` (a design in a file): their options and help."""

from __future__ import annotations

from typing import Optional

import typer

from sysdesign_cli.cli.options import bounded_option, curriculum_option, plain_option


def exercise(
    name: Optional[str] = typer.Argument(
        None, metavar="[NAME]", help="Exercise name; omit to list them."
    ),
    design: Optional[str] = typer.Option(
        None, "--design", metavar="FILE",
        help="Take your design from FILE (one edge a line, or Mermaid).",
    ),
    restart: bool = typer.Option(False, "--restart", help="Start over instead of going on."),
    export: Optional[str] = typer.Option(
        None, "--export", metavar="FILE",
        help="Write the attempt as Markdown to FILE (checked before it starts).",
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite the --export file."),
    plain: bool = plain_option(),
    curriculum: Optional[str] = curriculum_option(),
) -> None:
    """A guided design exercise: estimate, draw the design, load it, break it, grow it.

    An exercise is saved after every stage (and every line of your design): run it again
    to go on where you stopped. With --export and a finished attempt and none under way,
    it writes that attempt without running anything.

    \b
    Examples:
      sysdesign exercise
      sysdesign exercise pastebin
      printf 'client -> lb -> app x2\\napp -> db : read, write\\n' > my-pastebin.txt
      sysdesign exercise pastebin --design my-pastebin.txt
      sysdesign exercise url-shortener --export design.md
      sysdesign exercise pastebin --restart
    """
    from sysdesign_cli.cli.exercise import run_exercise

    run_exercise(name, export=export, force=force, plain=plain, curriculum=curriculum,
                 design=design, restart=restart)  # fmt: skip


def interview(
    name: Optional[str] = typer.Argument(
        None, metavar="[NAME]", help="Scenario name; omit to list them."
    ),
    minutes: Optional[int] = bounded_option(
        None, "--minutes", low=1, high=600, example="45", metavar="N", show_default=False,
        help="The round's length in minutes, 1 to 600 (45 "
        "unless given): a clock per step and in total; over time costs a little, never stops "
        "it. A round resumed keeps the minutes it started with."),
    restart: bool = typer.Option(False, "--restart", help="Start over instead of going on."),
    export: Optional[str] = typer.Option(
        None, "--export", metavar="FILE",
        help="Write the transcript as Markdown to FILE (checked before it "
        "starts)."),
    force: bool = typer.Option(False, "--force", help="Overwrite the --export file."),
    plain: bool = plain_option(),
    curriculum: Optional[str] = curriculum_option(),
) -> None:  # fmt: skip
    """A scripted mock design interview: clarify, estimate, design, deep dive, wrap-up.

    Each step is scored on a rubric and followed by the model answer; the result shows a
    score per step and per behaviour interviewers reward, the time each step took and
    what to study next. What you missed comes back as review cards in `sysdesign quiz
    --due`. A round is saved after every part: run it again to go on where you stopped.

    \b
    Examples:
      sysdesign interview
      sysdesign interview photo-sharing
      sysdesign interview stock-trading --minutes 30
      sysdesign interview pastebin --export round.md
      sysdesign interview pastebin --restart
    """
    from sysdesign_cli.cli.interview import run_interview

    run_interview(name, minutes=minutes, export=export, force=force, plain=plain,
                  curriculum=curriculum, restart=restart)  # fmt: skip


def design_check(
    file: Optional[str] = typer.Argument(
        None, metavar="FILE", show_default=False,
        help="A design: one edge a line, or Mermaid.",
    ),  # fmt: skip
    qps: Optional[str] = typer.Option(
        None,
        "--qps",
        metavar="RATE",
        help="Peak traffic: 580, 50M/day (10 reads a write), or read=500,write=50.",
    ),
    grow: float = bounded_option(
        10.0,
        "--grow",
        low=1,
        high=1000,
        example="10",
        whole=False,
        metavar="N",
        help="Grow the traffic up to N times (2x, 5x, 10x ... N; N from 1 to 1000).",
    ),
    kill: Optional[list[str]] = typer.Option(
        None, "--kill", metavar="BLOCK", help="Drill: db (all copies), app:1 (one copy), @a (zone)."
    ),
    flows: Optional[str] = typer.Option(
        None, "--flows", metavar="FLOWS", help="Only these flows: read,write."
    ),
    watch: bool = typer.Option(False, "--watch", help="Check again each time the file is saved."),
    as_json: bool = typer.Option(False, "--json", help="Print the results as JSON."),
    example: bool = typer.Option(
        False, "--example", help="Check the README's example design (no FILE needed)."),
    curriculum: Optional[str] = typer.Option(
        None, "--curriculum", metavar="DIR", help="A curriculum folder whose "
        "reference/capacity.yaml the figures use. Also read from SYSDESIGN_CURRICULUM."
    ),
) -> None:
    """Check a design: flows, single points of failure, availability, load, drills.

    One edge a line: `client -> lb -> app x2`, `app -> cache : read`,
    `app -> db : read, write`, `db ~> replica` (replication), `queue => worker` (async),
    `client -> dns` (a lookup). A Mermaid flowchart works too. Exit code 0: no finding;
    1: findings; 2: the file cannot be read.

    \b
    Examples:
      printf 'client -> lb -> app x2\\napp -> db : read, write\\n' > pastebin.txt
      sysdesign design check pastebin.txt
      sysdesign design check pastebin.txt --qps 580 --grow 10
      sysdesign design check pastebin.txt --kill db --kill app:1
      sysdesign design check --example --qps 640
      printf 'flowchart LR\\n  client --> app -->|read, write| db\\n' > design.md
      sysdesign design check design.md --flows read
      sysdesign design check pastebin.txt --watch
    """
    from sysdesign_cli.cli.design import run_check

    options = dict(qps=qps, grow=grow, kill=kill or [], flows=flows, watch=watch, as_json=as_json,
                   curriculum=curriculum, example=example)  # fmt: skip
    run_check(file, options)
