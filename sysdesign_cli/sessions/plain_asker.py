"""The plain asker: questions printed, choices numbered, answers read a line at a time
(pipes, `--plain`)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import IO, TYPE_CHECKING

from sysdesign_cli.core.safe_text import visible
from sysdesign_cli.render.markup import escape
from sysdesign_cli.render.text import hanging
from sysdesign_cli.sessions.asker import (
    MAX_TYPED_ANSWER,
    STOP_KEYS,
    EndOfInput,
    Quit,
    Validator,
    too_long,
)
from sysdesign_cli.sessions.picking import _fold, pick, pick_many

if TYPE_CHECKING:
    from rich.console import Console


# One line of input is read at most this many characters at a time, and dropped whole
# past MAX_DROPPED: a pipe of one endless line must neither fill memory nor read forever.
MAX_LINE, MAX_DROPPED = 4_000_000, 64_000_000


class PlainAsker:
    """Questions printed, choices numbered, answers read a line at a time."""

    def __init__(self, console: Console, stdin: IO[str], pause: bool = True) -> None:
        self.console = console
        self.stdin = stdin
        # A script piping answers should not need a blank line for every text step.
        self.pauses = pause

    def _say(self, prompt: str) -> None:
        self.console.print(f"[bold]{escape(prompt)}[/bold]")

    def _read(self, prompt: str | None = None) -> str:
        """One line of input after `> `; EndOfInput when the stream is closed."""
        return self._read_line(prompt)[0]

    def _read_line(self, prompt: str | None = None) -> tuple[str, int]:
        """One line of input after `> `, and its whole length (only its start is kept when
        it is very long); EndOfInput when the stream is closed."""
        if prompt is not None:
            self._say(prompt)
        self.console.print("> ", end="")
        self.console.file.flush()
        line = self.stdin.readline(MAX_LINE)
        if not line:
            self.console.print()
            raise EndOfInput
        length = self._rest_of(line)
        answer = visible(line.rstrip("\r\n"))  # typed or piped: never a control sequence
        if not self.console.is_terminal:
            # Echo piped answers so a transcript reads like a conversation (a paste gone
            # wrong only by its start).
            shown = answer if length <= MAX_TYPED_ANSWER else f"{answer[:80]}..."
            self.console.print(shown, markup=False, highlight=False, emoji=False)
        return answer, length

    def _rest_of(self, line: str) -> int:
        """The whole line's length, the part past `line` read and dropped, never held (a
        line of gigabytes, or /dev/zero as input); EndOfInput past MAX_DROPPED."""
        length, part = len(line), line
        while len(part) == MAX_LINE and not part.endswith("\n"):
            part = self.stdin.readline(MAX_LINE)
            length += len(part)
            if length > MAX_DROPPED:
                self.console.print()
                self._warn(f"A line of input ran past {MAX_DROPPED:,} characters: reading "
                           "stopped.")  # fmt: skip
                raise EndOfInput
        return length - len(part) + len(part.rstrip("\r\n"))

    def _warn(self, message: str) -> None:
        self.console.print(f"[yellow]{escape(message)}[/yellow]")

    def _numbered(self, prompt: str, choices: Sequence[str]) -> None:
        self._say(prompt)
        for number, choice in enumerate(choices, 1):
            said = hanging(self.console, f"  {number}) ", choice)
            self.console.print(escape(said), highlight=False, soft_wrap=True)

    def text(
        self, prompt: str, validate: Validator | None = None,
        complete: Sequence[str] | None = None,
    ) -> str:  # fmt: skip
        answer, length = self._read_line(prompt)
        while True:
            problem = too_long(answer, length) or (validate(answer) if validate else None)
            if problem is None:
                return answer
            self._warn(problem)
            answer, length = self._read_line()

    def select(self, prompt: str, choices: Sequence[str]) -> str:
        self._numbered(prompt, choices)
        while True:
            choice = pick(self._read(), choices)
            if choice is not None:
                return choice
            self._warn(f"Answer with a number from 1 to {len(choices)}, or the text of a choice.")

    def checkbox(self, prompt: str, choices: Sequence[str], allow_none: bool = False) -> list[str]:
        how = "numbers or texts separated by commas, e.g. 1,3" + (", or none" if allow_none else "")
        # Most prompts already say "Select all that apply."; do not say it twice.
        said = "all that apply" in prompt.lower()
        self._numbered(f"{prompt} ({how})" if said else f"{prompt} (pick all that apply: {how})",
                       choices)  # fmt: skip
        while True:
            answer = self._read()
            if allow_none and _fold(answer) in ("none", "-"):
                return []
            picked = pick_many(answer, choices)
            if picked:
                return [choice for choice in choices if choice in picked]
            self._warn(f"List numbers from 1 to {len(choices)} (or the choices' texts) separated "
                       "by commas, e.g. 1,3.")  # fmt: skip

    def order(self, prompt: str, items: Sequence[str]) -> list[str]:
        self._numbered(f"{prompt} (all {len(items)} numbers in order, e.g. 3,1,2 or 3 > 1 > 2)",
                       items)  # fmt: skip
        while True:
            picked = pick_many(self._read(), items)
            if picked is not None and len(picked) == len(items):
                return picked
            self._warn(f"Give all {len(items)} numbers (or texts) once each, in your order, "
                       "e.g. 3,1,2.")  # fmt: skip

    def confirm(self, prompt: str, default: bool = False) -> bool:
        suffix = "[Y/n]" if default else "[y/N]"
        answer = _fold(self._read(f"{prompt} {suffix}"))
        while True:
            if not answer:
                return default
            if answer in ("y", "yes"):
                return True
            if answer in ("n", "no"):
                return False
            self._warn("Answer y or n.")
            answer = _fold(self._read())

    def checklist(
        self, prompt: str, items: Sequence[str], checked: Collection[str] = (),
        flagged: Collection[str] = (),
    ) -> list[str]:  # fmt: skip
        self._say(prompt)
        ticked = []
        for number, item in enumerate(items, 1):
            said = hanging(self.console, f"  {number}) ", item)
            self.console.print(escape(said), highlight=False, soft_wrap=True)
            if item in flagged:
                self.console.print("     [red]judged contradicted by your answer: it earns "
                                   "nothing even if you say yes[/red]")  # fmt: skip
            elif item in checked:
                self.console.print("     [green]found in your answer[/green]")
            if self.confirm("     Did your answer make this point?", default=item in checked):
                ticked.append(item)
        return ticked

    def pause(self, prompt: str = "Press Enter to continue") -> None:
        if self.pauses and self._read(f"[{prompt}; q to stop]").strip().lower() in STOP_KEYS:
            raise Quit  # stopped as Ctrl-C stops: saved, with the resume line
