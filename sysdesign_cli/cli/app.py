"""The `sysdesign` command line: the app, its home screen and entry point, and every
command registered in the order `--help` lists them.

Each command's options and help live in `cli/commands/`, and everything a command does
in a module imported inside the command, so `sysdesign --help` and `sysdesign estimate`
pay only for what they use.
"""

from __future__ import annotations

from typing import Optional

import typer

from sysdesign_cli import __version__
from sysdesign_cli.cli.commands import authoring, figures, practice, study
from sysdesign_cli.cli.options import PlainUsage, curriculum_option

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


app.command()(figures.estimate)
# `nines -5` reaches the parser as a value to refuse, not an unknown option.
app.command(context_settings={"ignore_unknown_options": True})(figures.nines)
app.command()(study.learn)
app.command()(study.quiz)
app.command()(practice.exercise)
app.command()(practice.interview)
app.command()(figures.numbers)
app.command()(study.progress)
app.command()(authoring.validate)

design_app = typer.Typer(
    help="Design graphs: check a design written in a file.\n\n"
    "\b\nExamples:\n  printf 'client -> lb -> app x2\\napp -> db : read, write\\n' > pastebin.txt\n"
    "  sysdesign design check pastebin.txt\n"
    "  sysdesign design check pastebin.txt --qps 580 --kill db",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(design_app, name="design")
design_app.command("check", cls=PlainUsage)(practice.design_check)


def _output_closed(done: SystemExit) -> bool:
    """Whether the command stopped because its reader went away (`sysdesign progress | head
    -1`): Click then wraps stdout so that nothing more is written, and rich points it at
    /dev/null; both exit 1."""
    import sys

    return type(sys.stdout).__name__ == "PacifyFlushWrapper" or isinstance(
        done.__context__, BrokenPipeError
    )


def main() -> None:
    """Console-script entry point."""
    from sysdesign_cli.cli.streams import output_failed, say_output_failed, stand_in_for_closed

    stand_in_for_closed()
    try:
        app()
    except SystemExit as done:
        # A closed pipe is the reader's choice, not an error: quiet, and 0, as `git log | head`.
        if done.code == 1 and _output_closed(done):
            raise SystemExit(0) from None
        raise
    except OSError as error:
        if not output_failed(error):
            raise
        say_output_failed(error)
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
