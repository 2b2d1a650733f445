"""The `sysdesign` command line: option parsing and help only.

Everything a command does lives in a module imported inside the command, so
`sysdesign --help` and `sysdesign estimate` pay only for what they use.
"""

from __future__ import annotations

from typing import Any, Optional

import typer

from sysdesign_cli import __version__
from sysdesign_cli.cli.options import (
    count_option,
    duration_option,
    quantity_option,
)

app = typer.Typer(
    name="sysdesign",
    help=(
        "An interactive tutor for system design, in your terminal.\n\n"
        "Run it with no command for the home screen and the one next thing to do.\n\n"
        "\b\nExamples:\n"
        "  sysdesign                       home screen\n"
        "  sysdesign learn                 continue where you stopped\n"
        "  sysdesign estimate --dau 1M     back-of-the-envelope figures\n"
        "  sysdesign nines 99.99           downtime a year, month, week, day"
    ),
    rich_markup_mode=None,  # Click's plain help: rendering help with rich doubles start-up
    pretty_exceptions_enable=False,
    no_args_is_help=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

CURRICULUM_HELP = (
    "Extra lesson folder (adds to the built-in lessons; same ids override). "
    "Also read from SYSDESIGN_CURRICULUM."
)
PLAIN_HELP = "Ask line by line (numbered choices, answers from stdin), even in a terminal."


def curriculum_option() -> Any:
    """`--curriculum DIR`, the same on every command that reads lessons."""
    return typer.Option(None, "--curriculum", metavar="DIR", help=CURRICULUM_HELP)


def plain_option() -> Any:
    """`--plain`, the same on every command that asks questions."""
    return typer.Option(False, "--plain", help=PLAIN_HELP)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sysdesign {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def home(
    ctx: typer.Context,
    version: bool = typer.Option(
        False, "--version", "-V", callback=_version, is_eager=True, help="Show the version."
    ),
    curriculum: Optional[str] = curriculum_option(),
) -> None:
    """Home screen: what is here, progress at a glance, the one next thing to do."""
    if curriculum is not None and ctx.invoked_subcommand is not None:
        # `sysdesign --curriculum DIR learn`: the command's own --curriculum defaults to it.
        # A group's command (`design check`) takes it one level down.
        defaults = {"curriculum": curriculum}
        if ctx.invoked_subcommand == "design":
            defaults = {"check": defaults}
        ctx.default_map = {ctx.invoked_subcommand: defaults}
    if ctx.invoked_subcommand is None:
        from sysdesign_cli.cli.home import home_screen

        home_screen(curriculum)


@app.command()
def estimate(
    dau: Optional[float] = count_option("--dau", "Daily active users, e.g. 1000000, 1M, 1e6."),
    requests_per_user: float = count_option(
        "--requests-per-user", "Requests each user makes a day.", default="10"
    ),
    peak_factor: float = count_option(
        "--peak-factor", "Peak traffic as a multiple of the average.", default="5"
    ),
    writes: Optional[float] = quantity_option(
        "--writes", "rate", "Writes per second, day or month: 12/s, 1M/day, 10M/month."
    ),
    reads: Optional[float] = quantity_option(
        "--reads", "rate", "Reads per second, day or month (or use --reads-per-write)."
    ),
    reads_per_write: Optional[float] = count_option(
        "--reads-per-write", "Reads for every write, e.g. 10 for a read-heavy service."
    ),
    payload: Optional[float] = quantity_option(
        "--payload", "bytes", "Bytes stored per write, e.g. 10 KB (KB = 1,000 bytes)."
    ),
    read_payload: Optional[float] = quantity_option(
        "--read-payload", "bytes", "Bytes sent per read, if not the same as --payload."
    ),
    retention: Optional[float] = duration_option(
        "--retention", "How long data is kept, e.g. 3y, 18mo, 90d (a bare number is years)."
    ),
    server_capacity: Optional[float] = quantity_option(
        "--server-capacity", "rate", "Requests per second one server handles, e.g. 1000."
    ),
    cache_fraction: float = count_option(
        "--cache-fraction", "Share of a day's reads worth caching (the hot set).", default="0.2"
    ),
    check: bool = typer.Option(
        False, "--check", help="Ask for your own figures first, then grade them."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print exact values as JSON."),
    plain: bool = plain_option(),
) -> None:
    """Back-of-the-envelope figures with the worked derivation.

    A day is 86,400 seconds and a month 30 days. Without a read/write split every
    request counts as a read.

    \b
    Examples:
      sysdesign estimate --dau 1000000
      sysdesign estimate --dau 1M --requests-per-user 20 --peak-factor 3
      sysdesign estimate --writes 1M/day --reads-per-write 10 --payload 10KB --retention 3y
      sysdesign estimate --dau 1M --server-capacity 500 --json
      sysdesign estimate --dau 1M --check
    """
    from sysdesign_cli.cli.estimate import run_estimate

    run_estimate(
        dict(
            dau=dau,
            requests_per_user=requests_per_user,
            peak_factor=peak_factor,
            writes_per_second=writes,
            reads_per_second=reads,
            reads_per_write=reads_per_write,
            payload_bytes=payload,
            read_payload_bytes=read_payload,
            retention_seconds=retention,
            server_capacity_qps=server_capacity,
            cache_fraction=cache_fraction,
        ),
        check=check,
        as_json=as_json,
        plain=plain,
    )


@app.command(context_settings={"ignore_unknown_options": True})  # `nines -5` reaches the parser
def nines(
    availability: Optional[list[str]] = typer.Argument(
        None,
        metavar="[PERCENT]...",
        help="One or more availabilities: 99.99, 99.99%, 'four nines', 4 nines.",
    ),
    downtime: Optional[float] = duration_option(
        "--downtime",
        "Downtime to turn into an availability, e.g. 1h, 52 min (bare number: seconds).",
        bare="s",
    ),
    per: str = typer.Option(
        "year", "--per", metavar="PERIOD",
        help="The period --downtime is per: year, quarter, month, week, day."
    ),
    series: bool = typer.Option(
        False, "--series", help="Compose the PERCENT parts in series (every part must work)."
    ),
    parallel: bool = typer.Option(
        False, "--parallel", help="Compose the PERCENT parts in parallel (any one suffices)."
    ),
    gregorian: bool = typer.Option(
        False, "--gregorian", help="Use a 365.2425-day year instead of 365 days."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print exact values as JSON."),
) -> None:
    """Availability in nines: downtime per year, quarter, month, week and day.

    Without PERCENT, shows the classic table from 99% to 99.999%.

    \b
    Examples:
      sysdesign nines 99.9
      sysdesign nines "four nines" 99.95%
      sysdesign nines --downtime 1h --per month
      sysdesign nines --series 99.9 99.9
      sysdesign nines --parallel 99.9 99.9 --json
    """
    from sysdesign_cli.cli.nines import run_nines

    run_nines(
        availability or [],
        downtime=downtime,
        per=per,
        series=series,
        parallel=parallel,
        gregorian=gregorian,
        as_json=as_json,
    )


@app.command()
def learn(
    lesson: Optional[str] = typer.Argument(None, help="Lesson id (see --list)."),
    list_: bool = typer.Option(False, "--list", "-l", help="List lessons with progress."),
    restart: bool = typer.Option(False, "--restart", help="Start the lesson from step one."),
    plain: bool = plain_option(),
    curriculum: Optional[str] = curriculum_option(),
) -> None:
    """Walk through a lesson step by step, with a question after every idea.

    Without LESSON, continues where you stopped (or starts at the first lesson).

    \b
    Examples:
      sysdesign learn
      sysdesign learn --list
      sysdesign learn request-lifecycle --restart
      sysdesign learn --plain < answers.txt
    """
    from sysdesign_cli.cli.lessons import run_learn

    run_learn(lesson, list_=list_, restart=restart, plain=plain, curriculum=curriculum)


@app.command()
def quiz(
    topic: Optional[str] = typer.Option(None, "--topic", "-t", metavar="TOPIC",
                                        help="Only this topic."),
    count: int = typer.Option(10, "--count", "-n", min=1, max=500, metavar="N",
                              help="How many questions."),
    due: bool = typer.Option(False, "--due", help="Only reviews that are due now."),
    everything: bool = typer.Option(
        False, "--all", "-a", help="Draw from every lesson, started or not."
    ),
    plain: bool = plain_option(),
    curriculum: Optional[str] = curriculum_option(),
) -> None:
    """Questions from the lessons you have started, graded and explained, with spaced
    repetition: due reviews first, then new questions, then your weakest topics.

    Before you start a lesson, the quiz asks the first lesson's questions; --all draws
    from every lesson.

    \b
    Examples:
      sysdesign quiz
      sysdesign quiz --topic availability --count 5
      sysdesign quiz --due
      sysdesign quiz --all
    """
    from sysdesign_cli.cli.quiz import run_quiz

    run_quiz(
        topic=topic, count=count, due=due, plain=plain, curriculum=curriculum,
        everything=everything,
    )  # fmt: skip


@app.command()
def exercise(
    name: Optional[str] = typer.Argument(None, help="Exercise name; omit to list them."),
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
      sysdesign exercise pastebin --design my-pastebin.txt
      sysdesign exercise url-shortener --export design.md
      sysdesign exercise pastebin --restart
    """
    from sysdesign_cli.cli.exercise import run_exercise

    run_exercise(name, export=export, force=force, plain=plain, curriculum=curriculum,
                 design=design, restart=restart)  # fmt: skip


@app.command()
def interview(
    name: Optional[str] = typer.Argument(None, help="Scenario name; omit to list them."),
    minutes: int = typer.Option(45, "--minutes", metavar="N",
                                help="The round's length: a clock per step "
                                "and in total; over time costs a little, never stops it."),
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
    what to study next. Points you missed come back in `sysdesign quiz --due`. A round is
    saved after every part: run it again to go on where you stopped.

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


@app.command()
def numbers(
    curriculum: Optional[str] = curriculum_option(),
) -> None:
    """The reference numbers on one screen, each with its source and year.

    \b
    Examples:
      sysdesign numbers
      sysdesign numbers | less -R
    """
    from sysdesign_cli.cli.lessons import run_numbers

    run_numbers(curriculum)


@app.command()
def progress(
    as_json: bool = typer.Option(False, "--json", help="Print progress as JSON."),
    reset: bool = typer.Option(False, "--reset", help="Erase all progress (asks first)."),
    yes: bool = typer.Option(
        False, "--yes", "-y", help="With --reset or --import: do not ask first."
    ),
    export: Optional[str] = typer.Option(None, "--export", metavar="FILE",
                                         help="Write progress to FILE."),
    import_: Optional[str] = typer.Option(None, "--import", metavar="FILE",
                                          help="Replace progress from FILE."),
    force: bool = typer.Option(False, "--force", help="With --export: overwrite FILE."),
    plain: bool = plain_option(),
    curriculum: Optional[str] = curriculum_option(),
) -> None:
    """What is done, accuracy by topic, reviews due, exercise scores.

    \b
    Examples:
      sysdesign progress
      sysdesign progress --json
      sysdesign progress --export progress.json
      sysdesign progress --reset --yes
    """
    from sysdesign_cli.cli.progress import run_progress

    run_progress(
        as_json=as_json,
        reset=reset,
        yes=yes,
        export=export,
        import_=import_,
        force=force,
        plain=plain,
        curriculum=curriculum,
    )


@app.command()
def validate(
    path: Optional[str] = typer.Argument(
        None, help="A curriculum folder or one YAML file (default: the built-in lessons)."
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
      sysdesign validate ./my-lessons
      sysdesign validate ./my-lessons/lessons/01-intro.yaml
    """
    from sysdesign_cli.cli.lessons import run_validate

    run_validate(path, strict=strict, stats=stats)


design_app = typer.Typer(
    help="Design graphs: check a design written in a file.\n\n"
    "\b\nExamples:\n  sysdesign design check pastebin.txt\n"
    "  sysdesign design check pastebin.txt --qps 580 --kill db",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(design_app, name="design")


@design_app.command("check")
def design_check(
    file: str = typer.Argument(..., metavar="FILE", help="A design: one edge a line, or Mermaid."),
    qps: Optional[str] = typer.Option(
        None,
        "--qps",
        metavar="RATE",
        help="Peak traffic: 580, 50M/day (10 reads a write), or read=500,write=50.",
    ),
    grow: float = typer.Option(
        10.0,
        "--grow",
        min=1.0,
        max=1000.0,
        metavar="N",
        help="Grow the traffic up to N times (2x, 5x, 10x ... N).",
    ),
    kill: Optional[list[str]] = typer.Option(
        None, "--kill", metavar="BLOCK", help="Drill: db (all copies), app:1 (one copy), @a (zone)."
    ),
    flows: Optional[str] = typer.Option(
        None, "--flows", metavar="FLOWS", help="Only these flows: read,write."
    ),
    watch: bool = typer.Option(False, "--watch", help="Check again each time the file is saved."),
    as_json: bool = typer.Option(False, "--json", help="Print the results as JSON."),
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
      sysdesign design check pastebin.txt
      sysdesign design check pastebin.txt --qps 580 --grow 10
      sysdesign design check pastebin.txt --kill db --kill app:1
      sysdesign design check README.md --flows read
      sysdesign design check pastebin.txt --watch
    """
    from sysdesign_cli.cli.design import run_check

    options = dict(qps=qps, grow=grow, kill=kill or [], flows=flows, watch=watch, as_json=as_json,
                   curriculum=curriculum)  # fmt: skip
    run_check(file, options)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except Exception as error:
        # Ctrl-C while a module loads can surface wrapped (Python 3.11 wraps an exception
        # raised while a class is made in a RuntimeError): still Ctrl-C, not a crash.
        cause: BaseException | None = error
        while cause is not None and not isinstance(cause, KeyboardInterrupt):
            cause = cause.__cause__ or cause.__context__
        if cause is None:
            raise
        raise SystemExit(130) from None
    except KeyboardInterrupt:  # outside any command: nothing was started, nothing to save
        raise SystemExit(130) from None
