"""Options the commands share: quantities the way people type them (`1M`, `10M/month`,
`3y`), and `--curriculum` and `--plain`, the same on every command that takes them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer
from typer.core import TyperCommand

CURRICULUM_HELP = (
    "Extra lesson folder (adds to the built-in lessons; same ids override). "
    "Also read from SYSDESIGN_CURRICULUM."
)
PLAIN_HELP = "Ask line by line (numbered choices, answers from stdin), even in a terminal."

_SECONDS = {"s": 1.0, "y": 365 * 86_400.0}
_METAVARS = {"count": "N", "rate": "RATE", "bytes": "SIZE", "duration": "TIME"}


def _parser(kind: str, bare: float = 1.0) -> Callable[[str], float]:
    def parse(text: Any) -> float:
        # Imported here so that `sysdesign --help` never loads the parser.
        from sysdesign_cli.cli.console import Refused
        from sysdesign_cli.core.quantities import Dim, QuantityError, parse_as

        if not isinstance(text, str):  # a default that is already a number
            return float(text)
        try:
            return parse_as(text, Dim(kind), bare=bare)
        except QuantityError as error:
            raise Refused(str(error)) from None

    parse.__name__ = kind
    return parse


def quantity_option(flag: str, kind: str, help: str, default: str | None = None) -> Any:
    """An option read by the quantities parser as `kind` (count, rate, bytes, duration)."""
    return typer.Option(default, flag, parser=_parser(kind), metavar=_METAVARS[kind], help=help)


def count_option(flag: str, help: str, default: str | None = None) -> Any:
    """An option holding a plain number: `1000000`, `1,000,000`, `1e6`, `1M`."""
    return quantity_option(flag, "count", help, default)


def duration_option(flag: str, help: str, bare: str = "y") -> Any:
    """A duration: `3y`, `18mo`, `52 min`; a bare number is in the unit `bare`."""
    return typer.Option(
        None,
        flag,
        parser=_parser("duration", _SECONDS[bare]),
        metavar=_METAVARS["duration"],
        help=help,
    )


def _bounded(low: float, high: float, whole: bool, example: str) -> Callable[[str], float]:
    def parse(text: Any) -> float:
        from sysdesign_cli.cli.console import Refused
        from sysdesign_cli.core.safe_text import SHORT, quoted

        if not isinstance(text, str):  # a default that is already a number
            return text
        kind = "a whole number" if whole else "a number"
        try:
            value = int(text.strip()) if whole else float(text.strip())
        except ValueError:
            value = None
        # `not low <= value`: NaN fails every comparison, so it is refused too.
        if value is None or not low <= value <= high:
            raise Refused(f"{quoted(text, SHORT)} is not {kind} from {low:g} to {high:g}; "
                          f"give one such as {example}")  # fmt: skip
        return value

    parse.__name__ = "whole" if whole else "number"
    return parse


def bounded_option(default: Any, *flags: str, low: float, high: float, example: str,
                   whole: bool = True, **options: Any) -> Any:  # fmt: skip
    """An option holding a number from `low` to `high` (`--count 10`), refused in the words
    of every other option, the value quoted once, where Click would quote it with `repr`
    (a backslash written twice) and let `nan` through a float range."""
    return typer.Option(default, *flags, parser=_bounded(low, high, whole, example), **options)


def curriculum_option() -> Any:
    """`--curriculum DIR`, the same on every command that reads lessons."""
    return typer.Option(None, "--curriculum", metavar="DIR", help=CURRICULUM_HELP)


def plain_option() -> Any:
    """`--plain`, the same on every command that asks questions."""
    return typer.Option(False, "--plain", help=PLAIN_HELP)


class PlainUsage(TyperCommand):
    """A usage line as every other command's: a required argument bare (`FILE`), not in
    the braces Typer puts around it (`{FILE}`)."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = super().collect_usage_pieces(ctx)
        return [p[1:-1] if p.startswith("{") and p.endswith("}") else p for p in pieces]
