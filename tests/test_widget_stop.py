"""A stop signal wherever it lands in a terminal widget's event loop (issue 11, item 9):
SIGINT, SIGTERM, SIGHUP and SIGQUIT in turn, raised at every step the loop runs (its own
task's, a background task's such as loading the history, a redraw), each end the session
with the one stop line and the signal's exit status: never a traceback, never a hang, and
never an answer taken as if nothing had happened."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

SWEEP = Path(__file__).parent / "widget_stop_sweep.py"
SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT]
STOP_LINE = "\nStopped. Your progress is saved; run it again.\n"


@pytest.mark.parametrize(("kind", "answer"), [("select", "'first'"), ("text", "''")])
def test_a_stop_signal_at_any_step_of_a_widget_ends_the_session_in_one_line(
    kind: str, answer: str,
) -> None:  # fmt: skip
    done = subprocess.run([sys.executable, str(SWEEP), kind, *map(str, SIGNALS)],
                          capture_output=True, text=True, timeout=600, check=True)  # fmt: skip
    runs = json.loads(done.stdout)
    stopped, last = runs[:-1], runs[-1]
    # The last run outlived every step (the widget took the Enter waiting in its input),
    # so every step before it was tried, each signal at a quarter of them.
    assert last["status"] == 0 and f"answered {answer}" in last["said"]
    assert len(stopped) >= 12  # an answered widget's loop runs about 30 steps
    wrong = [run for run in stopped
             if (run["status"], run["said"]) != (128 + run["signal"], STOP_LINE)]  # fmt: skip
    assert not wrong, json.dumps(wrong[:3], indent=1)
