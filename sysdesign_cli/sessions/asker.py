"""The one way sessions ask the learner anything.

Three askers share one interface: questionary widgets on a terminal, numbered plain
lines for pipes and `--plain`, and a scripted one for tests. No session calls
questionary or input() itself.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import IO, TYPE_CHECKING, Any, Protocol

from sysdesign_cli.core.safe_text import visible
from sysdesign_cli.render.markup import escape
from sysdesign_cli.sessions.picking import _fold, pick, pick_many

MAX_ANSWER = 5_000  # characters in one typed answer: a paragraph fits many times over


def too_long(answer: str) -> str | None:
    """Why a typed answer is refused for its length (a paste gone wrong), or None: what is
    kept must fit the store's bounds, or the attempt could not be saved."""
    if len(answer) <= MAX_ANSWER:
        return None
    return (f"That answer is {len(answer):,} characters long; keep it under {MAX_ANSWER:,} "
            "(a few sentences are plenty). Type it again.")

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["Asker", "EndOfInput", "PlainAsker", "ScriptedAsker", "TerminalAsker", "pick",
           "pick_many"]  # fmt: skip

Validator = Callable[[str], "str | None"]  # returns an error message, or None when fine

class EndOfInput(Exception):
    """Input ran out (a closed pipe, Ctrl-D): end the session cleanly, progress saved."""


class Asker(Protocol):
    """What a session may ask."""

    def text(
        self, prompt: str, validate: Validator | None = None,
        complete: Sequence[str] | None = None,
    ) -> str:  # fmt: skip
        """A typed answer; `validate` may reject it with a message, and it is asked again.
        `complete`: names that Tab completes at a terminal (plain lines have no Tab)."""
        ...

    def select(self, prompt: str, choices: Sequence[str]) -> str:
        """One of `choices`, returned as its text."""
        ...

    def checkbox(self, prompt: str, choices: Sequence[str], allow_none: bool = False) -> list[str]:
        """Some of `choices`, in the order listed; none at all only with `allow_none`.

        An empty answer to a question is usually a slip that would cost a try, so it is
        asked again unless picking nothing is a real answer (which blocks to run twice).
        """
        ...

    def order(self, prompt: str, items: Sequence[str]) -> list[str]:
        """Every item of `items`, in the order the learner puts them."""
        ...

    def confirm(self, prompt: str, default: bool = False) -> bool:
        """Yes or no."""
        ...

    def checklist(
        self, prompt: str, items: Sequence[str], checked: Collection[str] = (),
        flagged: Collection[str] = (),
    ) -> list[str]:  # fmt: skip
        """The items the learner ticks, in the order listed. `checked` start ticked (what
        the tutor found); `flagged` are marked as judged contradicted. None is an answer."""
        ...

    def pause(self, prompt: str = "Press Enter to continue") -> None:
        """Wait until the learner is ready for the next step."""
        ...


# ---------------------------------------------------------------- plain


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
        if prompt is not None:
            self._say(prompt)
        self.console.print("> ", end="")
        self.console.file.flush()
        line = self.stdin.readline()
        if not line:
            self.console.print()
            raise EndOfInput
        answer = visible(line.rstrip("\r\n"))  # typed or piped: never a control sequence
        if not self.console.is_terminal:
            # Echo piped answers so a transcript reads like a conversation.
            self.console.print(answer, markup=False, highlight=False, emoji=False)
        return answer

    def _warn(self, message: str) -> None:
        self.console.print(f"[yellow]{escape(message)}[/yellow]")

    def _numbered(self, prompt: str, choices: Sequence[str]) -> None:
        self._say(prompt)
        for number, choice in enumerate(choices, 1):
            self.console.print(f"  {number}) {escape(choice)}", highlight=False)

    def text(
        self, prompt: str, validate: Validator | None = None,
        complete: Sequence[str] | None = None,
    ) -> str:  # fmt: skip
        answer = self._read(prompt)
        while True:
            problem = too_long(answer) or (validate(answer) if validate else None)
            if problem is None:
                return answer
            self._warn(problem)
            answer = self._read()

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
            self.console.print(f"  {number}) {escape(item)}", highlight=False)
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


STOP_KEYS = ("q", "quit", "exit")  # typed at a pause: stop, as Ctrl-C does


class Quit(KeyboardInterrupt):
    """q at a pause: stopped as Ctrl-C stops (saved, the resume line), exit status 0."""


# ---------------------------------------------------------------- terminal


class TerminalAsker:
    """questionary widgets: arrows, space, enter. Ctrl-C raises KeyboardInterrupt."""

    def __init__(self) -> None:
        import logging

        import questionary

        from sysdesign_cli.sessions.widget_wrap import show_invisible_characters

        self.q = questionary
        self._cooked = _terminal_mode()
        show_invisible_characters()
        # A stop signal while a widget still loads its (empty) history makes prompt_toolkit
        # log "Loading history failed" with a traceback; the stop itself is handled and
        # said in one line, so the log goes nowhere.
        logging.getLogger("prompt_toolkit").addHandler(logging.NullHandler())

    def _ask(self, question: object) -> object:
        _discard_typeahead(question)
        try:
            return question.unsafe_ask()  # type: ignore[attr-defined]
        except EOFError:
            raise EndOfInput from None
        except KeyboardInterrupt:  # Ctrl-C, or a stop signal (SIGTERM...) mid-widget
            _restore_terminal(question, self._cooked)
            raise

    def text(
        self, prompt: str, validate: Validator | None = None,
        complete: Sequence[str] | None = None,
    ) -> str:  # fmt: skip
        def check(answer: str) -> bool | str:
            problem = too_long(visible(answer)) or (validate(visible(answer)) if validate else None)
            return True if problem is None else problem

        extra: dict[str, Any] = {}
        if complete:
            from sysdesign_cli.sessions.completion import prompt_options

            extra = prompt_options(complete)
        from sysdesign_cli.sessions.widget_wrap import whole_messages

        # Judged on Enter: while typing, "1" of "12 QPS" is not an answer to refuse yet.
        question = self.q.text(_wrapped(prompt), validate=check, validate_while_typing=False,
                               **extra)  # fmt: skip
        whole_messages(question.application)
        return visible(str(self._ask(question)))  # pasted: never a control sequence

    def _listed(self, question: Any, indent: int) -> Any:
        """A select or checkbox that wraps long choices and ends on Ctrl-D like the others."""
        from prompt_toolkit.filters import to_filter
        from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
        from prompt_toolkit.layout import Window
        from questionary.prompts.common import InquirerControl

        from sysdesign_cli.sessions.widget_wrap import wrap_at_words

        app = question.application
        for window in app.layout.walk():
            if isinstance(window, Window) and isinstance(window.content, InquirerControl):
                # questionary cuts a choice wider than the terminal off at its edge, and
                # prompt_toolkit would wrap it mid-word: break it between words instead.
                wrap_at_words(window.content, lambda: app.output.get_size().columns, indent)
                window.wrap_lines = to_filter(True)  # a word wider than the line
                window.get_line_prefix = lambda _line, wraps: " " * indent if wraps else ""
        keys = KeyBindings()

        # Text, confirm and pause prompts end on Ctrl-D (prompt_toolkit); lists ignored it.
        @keys.add("c-d", eager=True)
        def _end(event: Any) -> None:
            event.app.exit(exception=EOFError, style="class:aborting")

        app.key_bindings = merge_key_bindings([app.key_bindings, keys])
        return question

    def select(self, prompt: str, choices: Sequence[str]) -> str:
        question = self.q.select(_wrapped(prompt), choices=list(choices))
        return str(self._ask(self._listed(question, indent=3)))

    def checkbox(self, prompt: str, choices: Sequence[str], allow_none: bool = False) -> list[str]:
        # Enter on an untouched list would send an empty answer and cost a try; the plain
        # asker asks again too.
        instruction = "(space to pick)"
        question = self.q.checkbox(
            _wrapped(prompt, instruction), choices=list(choices), instruction=instruction,
            validate=lambda picked: allow_none or bool(picked) or "Pick with space, then Enter.",
        )  # fmt: skip
        picked = self._ask(self._listed(question, indent=5))
        return list(picked)  # type: ignore[call-overload]

    def order(self, prompt: str, items: Sequence[str]) -> list[str]:
        remaining = list(items)
        ordered: list[str] = []
        while len(remaining) > 1:
            which = "first" if not ordered else "next"
            choice = self.select(f"{prompt} - which comes {which}?", remaining)
            ordered.append(choice)
            remaining.remove(choice)
        return ordered + remaining

    def confirm(self, prompt: str, default: bool = False) -> bool:
        return bool(self._ask(self.q.confirm(_wrapped(prompt), default=default)))

    def checklist(
        self, prompt: str, items: Sequence[str], checked: Collection[str] = (),
        flagged: Collection[str] = (),
    ) -> list[str]:  # fmt: skip
        choices = [
            self.q.Choice(
                f"{item}  (judged contradicted: earns nothing)" if item in flagged else item,
                value=item, checked=item in checked,
            )
            for item in items
        ]  # fmt: skip
        instruction = "(space to tick or untick, Enter when done)"
        question = self.q.checkbox(_wrapped(prompt, instruction), choices=choices,
                                   instruction=instruction)  # fmt: skip
        picked = self._ask(self._listed(question, indent=5))
        return [item for item in items if item in list(picked)]  # type: ignore[call-overload]

    def pause(self, prompt: str = "Press Enter to continue") -> None:
        from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

        question = self.q.press_any_key_to_continue(_wrapped(f"{prompt}; q to stop"))
        keys = KeyBindings()

        # A learner may press q to leave, as in a pager: it stops as Ctrl-C does.
        @keys.add("q", eager=True)
        @keys.add("Q", eager=True)
        def _stop(event: Any) -> None:
            event.app.exit(exception=Quit, style="class:aborting")

        app = question.application
        app.key_bindings = merge_key_bindings([app.key_bindings, keys])
        self._ask(question)


def _wrapped(prompt: str, instruction: str = "(Use arrow keys)") -> str:
    """The prompt broken at spaces to fit the terminal (prompt_toolkit breaks words at the
    edge), leaving room after the last line for the instruction questionary adds."""
    import shutil
    import textwrap

    width = max(shutil.get_terminal_size().columns - 1, 20)
    room = "\0" * (len(instruction) + 1)  # stands in for the instruction and its space
    lines = f"{prompt} {room}".split("\n")
    wrapped = [
        wrapped_line
        for line in lines
        for wrapped_line in textwrap.wrap(line, width=width, initial_indent="  ",
                                          subsequent_indent="  ", break_on_hyphens=False)
        or ["  "]
    ]  # fmt: skip
    if len(wrapped) <= len(lines):
        return prompt
    text = "\n".join(wrapped)[2:]  # "? " takes the first line's indent
    if wrapped[-1].strip() == room:  # the instruction goes on a line of its own
        return text.replace(room, "").rstrip(" ")
    return text.replace("\0", "").rstrip()  # (a narrow terminal may split the room)


def _terminal_mode() -> Any:
    """The terminal's settings before any widget runs (None without a terminal)."""
    import sys

    try:
        import termios
    except ImportError:  # Windows
        return None
    try:
        return termios.tcgetattr(sys.stdin.fileno())
    except (termios.error, OSError, ValueError, AttributeError):
        return None


def _restore_terminal(question: Any, cooked: Any) -> None:
    """A signal can end a widget before prompt_toolkit tidies up: show the cursor again,
    end bracketed paste, and put back the terminal settings from before the prompt."""
    import sys
    from contextlib import suppress

    output = question.application.output
    with suppress(OSError, ValueError):  # the terminal is gone (SIGHUP)
        output.show_cursor()
        output.disable_bracketed_paste()
        output.reset_cursor_key_mode()
        output.flush()
    if cooked is not None:
        import termios

        with suppress(termios.error, OSError, ValueError):
            termios.tcsetattr(sys.stdin.fileno(), termios.TCSADRAIN, cooked)


def _discard_typeahead(question: Any) -> None:
    """Forget keys pressed before a prompt was drawn: a second Enter at "Press Enter to
    continue" must not answer the next question with whatever choice is on top."""
    import os

    from prompt_toolkit.input.typeahead import clear_typeahead

    try:
        import termios
    except ImportError:  # Windows
        return
    source = question.application.input
    try:
        fd = source.fileno()
        if not os.isatty(fd):  # a pipe in tests: its keys are meant for the prompts
            return
        termios.tcflush(fd, termios.TCIFLUSH)  # typed, not yet read
    except (termios.error, OSError, ValueError, NotImplementedError):
        return
    clear_typeahead(source)  # read by the previous prompt, left over


# ---------------------------------------------------------------- tests


class ScriptedAsker:
    """Answers from a list, for tests; records every prompt it was asked."""

    def __init__(self, answers: Sequence[object]) -> None:
        self.answers = list(answers)
        self.prompts: list[str] = []
        self.completions: list[list[str]] = []  # what Tab would have offered, per text

    def _next(self, prompt: str) -> object:
        self.prompts.append(prompt)
        if not self.answers:
            raise EndOfInput
        answer = self.answers.pop(0)
        if isinstance(answer, BaseException) or (
            isinstance(answer, type) and issubclass(answer, BaseException)
        ):
            raise answer
        return answer

    def text(
        self, prompt: str, validate: Validator | None = None,
        complete: Sequence[str] | None = None,
    ) -> str:  # fmt: skip
        self.completions.append(list(complete or ()))
        while True:
            answer = str(self._next(prompt))
            if validate is None or validate(answer) is None:
                return answer

    def select(self, prompt: str, choices: Sequence[str]) -> str:
        answer = self._next(prompt)
        choice = pick(str(answer), choices)
        if choice is None:
            raise AssertionError(f"scripted answer {answer!r} is not among {list(choices)}")
        return choice

    def checkbox(self, prompt: str, choices: Sequence[str], allow_none: bool = False) -> list[str]:
        answer = self._next(prompt)
        listed = answer if isinstance(answer, (list, tuple)) else str(answer).split(",")
        picked = [pick(str(item), choices) for item in listed if str(item).strip()]
        if None in picked:
            raise AssertionError(f"scripted answer {answer!r} is not among {list(choices)}")
        return [choice for choice in choices if choice in picked]

    def order(self, prompt: str, items: Sequence[str]) -> list[str]:
        answer = self._next(prompt)
        listed = answer if isinstance(answer, (list, tuple)) else str(answer).split(",")
        picked = [pick(str(item), items) for item in listed]
        if None in picked:
            raise AssertionError(f"scripted answer {answer!r} is not among {list(items)}")
        return picked  # type: ignore[return-value]

    def confirm(self, prompt: str, default: bool = False) -> bool:
        answer = self._next(prompt)
        return answer if isinstance(answer, bool) else str(answer).lower() in ("y", "yes")

    KEEP = "keep"  # a scripted checklist answer: keep what the tutor ticked

    def checklist(
        self, prompt: str, items: Sequence[str], checked: Collection[str] = (),
        flagged: Collection[str] = (),
    ) -> list[str]:  # fmt: skip
        answer = self._next(prompt)
        if answer == self.KEEP:
            return [item for item in items if item in checked]
        listed = answer if isinstance(answer, (list, tuple)) else str(answer).split(",")
        picked = [pick(str(item), items) for item in listed if str(item).strip()]
        if None in picked:
            raise AssertionError(f"scripted answer {answer!r} is not among {list(items)}")
        return [item for item in items if item in picked]

    def pause(self, prompt: str = "Press Enter to continue") -> None:
        self.prompts.append(prompt)
