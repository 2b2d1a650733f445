"""The terminal asker: questionary widgets (arrows, space, Enter), each prompt wrapped
at words to fit the terminal, Ctrl-D ending any of them and q stopping at a pause."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from sysdesign_cli.core.safe_text import visible
from sysdesign_cli.sessions.asker import EndOfInput, Quit, Validator, too_long
from sysdesign_cli.sessions.terminal_state import discard_typeahead, restore_terminal, terminal_mode

NOTHING_TICKED = "Nothing is ticked: tick at least one with space, then press Enter."
MOST_NUMBERED = 9  # number keys 1 to 9
ARROWS = "(Use arrow keys)"
NUMBERED = "(Use arrow keys or a number)"


class TerminalAsker:
    """questionary widgets: arrows, space, enter. Ctrl-C raises KeyboardInterrupt."""

    def __init__(self) -> None:
        import logging

        import questionary

        from sysdesign_cli.sessions.widget_wrap import show_invisible_characters

        self.q = questionary
        self._cooked = terminal_mode()
        show_invisible_characters()
        # A failure while a widget loads its (empty) history makes prompt_toolkit log
        # "Loading history failed" with a traceback (a stop signal did, before signals
        # waited for the widget to end: `widget_stop`); the log goes nowhere.
        logging.getLogger("prompt_toolkit").addHandler(logging.NullHandler())

    def _ask(self, question: Any) -> object:
        from sysdesign_cli.sessions.widget_stop import stops_deferred

        discard_typeahead(question)
        app = question.application
        with stops_deferred(app, lambda: restore_terminal(question, self._cooked)):
            try:
                # (questionary's `unsafe_ask`, with every stop signal left to
                # `stops_deferred`: prompt_toolkit's own SIGINT key goes unbound in a list.)
                return app.run(handle_sigint=False)
            except EOFError:
                raise EndOfInput from None
            except KeyboardInterrupt:  # Ctrl-C typed, or q at a pause
                restore_terminal(question, self._cooked)
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
        from sysdesign_cli.sessions.answer_wrap import wrap_typed_answers
        from sysdesign_cli.sessions.widget_wrap import whole_messages

        # Judged on Enter: while typing, "1" of "12 QPS" is not an answer to refuse yet.
        question = self.q.text(_wrapped(prompt), validate=check, validate_while_typing=False,
                               **extra)  # fmt: skip
        whole_messages(question.application)
        wrap_typed_answers(question.application)
        return visible(str(self._ask(question)))  # pasted: never a control sequence

    def _listed(self, question: Any, indent: int) -> Any:
        """A select or checkbox that wraps long choices and ends on Ctrl-D like the others."""
        from prompt_toolkit.filters import to_filter
        from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
        from prompt_toolkit.layout import ScrollOffsets, Window
        from questionary.prompts.common import InquirerControl

        from sysdesign_cli.sessions.widget_wrap import list_messages, most_breaks, wrap_at_words

        app = question.application
        for window in app.layout.walk():
            if isinstance(window, Window) and isinstance(window.content, InquirerControl):
                # questionary cuts a choice wider than the terminal off at its edge, and
                # prompt_toolkit would wrap it mid-word: break it between words instead.
                wrap_at_words(window.content, lambda: app.output.get_size().columns, indent)
                window.wrap_lines = to_filter(True)  # a word wider than the line
                # A list taller than the terminal scrolls with the cursor, which sits on a
                # choice's first line: keep the rest of that choice in view below it.
                window.scroll_offsets = ScrollOffsets(
                    bottom=lambda text=window.content.text: most_breaks(text()))
                window.get_line_prefix = lambda _line, wraps: " " * indent if wraps else ""
                list_messages(app, window.content)
        keys = KeyBindings()

        # Text, confirm and pause prompts end on Ctrl-D (prompt_toolkit); lists ignored it.
        @keys.add("c-d", eager=True)
        def _end(event: Any) -> None:
            event.app.exit(exception=EOFError, style="class:aborting")

        app.key_bindings = merge_key_bindings([app.key_bindings, keys])
        return question

    def select(self, prompt: str, choices: Sequence[str]) -> str:
        from sysdesign_cli.sessions.widget_wrap import answer_wrapped

        # Up to nine choices are numbered, and a number key moves to its choice (Enter
        # takes it), as `--plain` takes the number typed. questionary would go on past 9
        # with 0, a, b... (and j, k, which also move the cursor): a longer list keeps to
        # the arrows.
        numbered = len(choices) <= MOST_NUMBERED
        instruction = NUMBERED if numbered else ARROWS
        with answer_wrapped():
            question = self.q.select(_wrapped(prompt, instruction), choices=list(choices),
                                     use_shortcuts=numbered, instruction=instruction)  # fmt: skip
        # A wrapped choice's next lines start under its text, past `1) ` when numbered.
        return str(self._ask(self._listed(question, indent=6 if numbered else 3)))

    def checkbox(self, prompt: str, choices: Sequence[str], allow_none: bool = False) -> list[str]:
        # Enter on an untouched list would send an empty answer and cost a try; the plain
        # asker asks again too.
        from sysdesign_cli.sessions.widget_wrap import answer_wrapped

        instruction = "(space to pick)"

        with answer_wrapped():
            question = self.q.checkbox(
                _wrapped(prompt, instruction), choices=list(choices), instruction=instruction,
                validate=lambda picked: allow_none or bool(picked) or NOTHING_TICKED,
            )  # fmt: skip
        picked = self._ask(self._listed(question, indent=5))
        return list(picked)  # type: ignore[call-overload]

    def order(self, prompt: str, items: Sequence[str]) -> list[str]:
        remaining = list(items)
        ordered: list[str] = []
        while len(remaining) > 1:
            which = "first" if not ordered else "next"
            # "...in order. Which comes first?", not "...in order. - which comes first?"
            joined = " Which" if prompt.rstrip().endswith((".", "?", "!", ":")) else " - which"
            choice = self.select(f"{prompt.rstrip()}{joined} comes {which}?", remaining)
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
        from sysdesign_cli.sessions.widget_wrap import answer_wrapped

        instruction = "(space to tick or untick, Enter when done)"
        with answer_wrapped():
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


def _wrapped(prompt: str, instruction: str = ARROWS) -> str:
    """The prompt broken at spaces to fit the terminal (prompt_toolkit breaks words at the
    edge), leaving room after the last line for the instruction questionary adds."""
    import textwrap

    from prompt_toolkit.application.current import get_app_session

    # The width of the terminal the widget will draw on (the session's output).
    width = max(get_app_session().output.get_size().columns - 1, 20)
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
    if wrapped[-1].strip() == room:  # the instruction goes on a line of its own,
        # indented like the prompt's other lines (questionary adds one space before it)
        return text.replace(room, "").rstrip(" ") + " "
    return text.replace("\0", "").rstrip()  # (a narrow terminal may split the room)
