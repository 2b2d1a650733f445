"""Tab completion of block names at a terminal prompt (prompt_toolkit, loaded lazily).

The word being completed is the name under the cursor: what follows the last space,
arrow, colon, comma or bracket, so `client->l` completes `lb` and `app -> primary-d`
completes `primary-db`. Tab inserts at once what every match shares (`cli` -> `client`),
so a fast typist's next keys follow it; when several names remain, it lists them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

_WORD = re.compile(r"(?:^|[\s>:,(@])([A-Za-z0-9][A-Za-z0-9_.\-]*)$")


def word_before(text: str) -> str:
    """The name being typed at the end of `text` (empty after a space or an arrow)."""
    match = _WORD.search(text)
    return match.group(1) if match else ""


def matches(text: str, names: Sequence[str]) -> list[str]:
    """The names that complete the word at the end of `text`, in the order given."""
    word = word_before(text).lower()
    if not word:
        return []
    return [name for name in dict.fromkeys(names) if name.lower().startswith(word) and
            name.lower() != word]  # fmt: skip


def extension(text: str, names: Sequence[str]) -> str:
    """What Tab inserts: the rest of the word that every match shares."""
    found = matches(text, names)
    if not found:
        return ""
    word = word_before(text)
    lowered = [name.lower() for name in found]
    shared = next((i for i, chars in enumerate(zip(*lowered)) if len(set(chars)) > 1),
                  min(len(name) for name in lowered))  # fmt: skip
    return found[0][len(word) : shared]


def prompt_options(names: Sequence[str]) -> dict[str, Any]:
    """The PromptSession options that complete `names` on Tab."""
    from prompt_toolkit.completion import Completer, Completion
    from prompt_toolkit.key_binding import KeyBindings

    class _Names(Completer):
        def get_completions(self, document: Any, complete_event: Any) -> Iterable[Completion]:
            text = document.text_before_cursor
            word = word_before(text)
            for name in matches(text, names):
                yield Completion(name, start_position=-len(word))

    keys = KeyBindings()

    @keys.add("tab", eager=True)
    def _complete(event: Any) -> None:
        buffer = event.current_buffer
        if buffer.complete_state:
            buffer.complete_next()
            return
        text = buffer.document.text_before_cursor
        more = extension(text, names)
        if more:
            buffer.insert_text(more)
        elif len(matches(text, names)) > 1:
            buffer.start_completion(select_first=False)  # show the names that remain

    # A menu popping up at every key would hide the drawing: Tab asks for it.
    return {"completer": _Names(), "complete_while_typing": False, "key_bindings": keys}
