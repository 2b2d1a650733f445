"""Stop signals while a widget runs: each one ends the widget the way a key would, and is
raised again once the widget is torn down, where raising is safe.

A Python signal handler runs between any two bytecodes. One that raises (Ctrl-C's
KeyboardInterrupt, a `Stopped` from SIGTERM, SIGHUP or SIGQUIT) inside prompt_toolkit's
event loop lands in whatever task the loop is stepping. In a background task (loading
the history, polling the terminal's size) the task keeps the exception and prompt_toolkit
hands it to its loop exception handler, which prints "Unhandled exception in event loop"
with a traceback and waits for Enter, while the application's teardown waits for that:
the process hangs. prompt_toolkit also turns SIGINT into a key that questionary's lists
do not bind, so a SIGINT at a list did nothing at all.

So while a widget runs, a stop signal only notes itself and asks the application to exit
from its loop, between tasks (or at once when the application starts, if it came before).
Once the widget's loop is closed, the signal is raised again under the handler that was
there before, which stops the session as it always does.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

# The signals that stop a session (Ctrl-C's SIGINT, then those `stopping` handles).
STOP_NAMES = ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT")


class WidgetStopped(Exception):
    """The widget's exit when a stop signal arrived; the signal itself follows."""


@contextmanager
def stops_deferred(application: Any, tidy: Callable[[], None]) -> Iterator[None]:
    """Run a prompt_toolkit `application` inside: a stop signal ends it from its loop,
    then (`tidy` first: the terminal put back) is raised again under its own handler.
    Run the application with `handle_sigint=False`, so that SIGINT comes here too."""
    caught: list[int] = []

    def exit_now() -> None:
        future = application.future
        if caught and future is not None and not future.done():
            application.exit(exception=WidgetStopped, style="class:aborting")

    def note(signum: int, _frame: object) -> None:
        # Nothing here may raise: it runs wherever the loop happens to be.
        if not caught:
            caught.append(signum)
        loop = application.loop  # set only while the application runs
        if loop is not None:
            with suppress(RuntimeError):  # the loop closed meanwhile
                loop.call_soon_threadsafe(exit_now)

    # A signal before the application's loop runs: it exits as soon as it starts.
    application.pre_run_callables.append(exit_now)
    previous: dict[int, Any] = {}
    for name in STOP_NAMES:
        signum = getattr(signal, name, None)
        # Only a signal whose handler is Python code: one ignored stays ignored.
        if signum is not None and callable(signal.getsignal(signum)):
            previous[signum] = signal.signal(signum, note)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if caught:
            tidy()
            signal.raise_signal(caught[0])  # its own handler raises (Stopped, Ctrl-C's)
            raise KeyboardInterrupt  # a handler that let it pass: the widget has no answer
