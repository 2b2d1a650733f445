"""Start-up cost of every command against `import typer`.

Runs each command alternately with `python -c "import typer"` so that machine noise
hits both sides alike, and prints the median wall time of each and their ratio.
Targets: --help <= 1.3x, estimate <= 1.4x (stdout piped, as in scripts); the first
prompt of `learn`, `quiz` and `exercise`, and the whole home screen, <= 2x: those run
with `--plain` and stdin at its end, so each stops at its first prompt, with the
lessons' cache filled by the warm-up runs, as on a user's machine. With `script` on the
machine it also reports `estimate` in a pseudo-terminal, where the rich table is
drawn: no target, shown so the cost of the table is never hidden. With `--terminal` it
reports, also with no target, each interactive command in a pseudo-terminal up to its
first questionary prompt drawn (the home screen: to its end), against `import typer`
run in one too.

    python benchmarks/startup.py [--runs 40] [--only learn quiz ...] [--terminal]
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {
    "--help": 1.3,
    "estimate --dau 1000000": 1.4,
    "learn --plain": 2.0,
    "quiz --plain": 2.0,
    "exercise pastebin --plain": 2.0,
    "": 2.0,  # the home screen
}


def _command() -> list[str]:
    script = Path(sys.executable).with_name("sysdesign")
    if script.exists():
        return [str(script)]
    found = shutil.which("sysdesign")
    return [found] if found else [sys.executable, "-m", "sysdesign_cli"]


def _time(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True, env=env)  # fmt: skip
    return time.perf_counter() - start


# What prompt_toolkit writes once a prompt is drawn: the cursor shown again.
PROMPT_DRAWN = b"\x1b[?25h"


def _time_in_terminal(argv: list[str], env: dict[str, str], prompt: bool) -> float:
    """Seconds until `argv`, run in a pseudo-terminal, draws its first prompt (`prompt`)
    or ends; the prompt is then left unanswered and the process stopped."""
    controller, terminal = pty.openpty()
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=terminal, stdout=terminal, stderr=terminal, env=env,
                            start_new_session=True)  # fmt: skip
    os.close(terminal)
    seen = b""
    try:
        while not (prompt and PROMPT_DRAWN in seen):
            ready, _, _ = select.select([controller], [], [], 30)
            if not ready:
                raise RuntimeError(f"{' '.join(argv)}: nothing drawn in 30 s")
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the process ended and closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        return time.perf_counter() - start
    finally:
        proc.kill()
        proc.wait()
        os.close(controller)


def _terminal_rows(sysdesign: list[str], baseline: list[str], env: dict[str, str],
                   extras: list[str], runs: int) -> None:  # fmt: skip
    # No cursor-position request: nothing here would answer it, and a terminal does at once.
    env = {**env, "PROMPT_TOOLKIT_NO_CPR": "1", "COLUMNS": "100", "LINES": "40"}
    for extra in extras:
        argv = sysdesign + extra.replace("--plain", "").split()
        ours, base = [], []
        _time_in_terminal(argv, env, prompt=bool(extra))
        for _ in range(runs):
            base.append(_time_in_terminal(baseline, env, prompt=False))
            ours.append(_time_in_terminal(argv, env, prompt=bool(extra)))
        ratio = statistics.median(ours) / statistics.median(base)
        name = " ".join(argv[len(sysdesign):]) or "(home screen)"
        print(f"{name + ' in a terminal':<38}{statistics.median(ours) * 1000:>8.1f}ms"
              f"{statistics.median(base) * 1000:>12.1f}ms{ratio:>8.2f}{'-':>8}")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40, help="pairs of runs per command")
    parser.add_argument("--terminal", action="store_true",
                        help="also the interactive commands in a pseudo-terminal")
    parser.add_argument("--only", nargs="*", metavar="WORD",
                        help="only the commands starting with one of these words (home: \"\")")
    args = parser.parse_args()
    targets = TARGETS if args.only is None else {
        extra: target for extra, target in TARGETS.items()
        if any(extra.split(" ")[0] == word for word in args.only)
    }  # fmt: skip

    home = tempfile.mkdtemp(prefix="sysdesign-bench-")
    env = {**os.environ, "SYSDESIGN_HOME": home, "NO_COLOR": "1"}
    env.pop("SYSDESIGN_CACHE", None)  # the cache in the benchmark's own home
    # Measure what a user's machine does: byte-code cached after the first run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    baseline = [sys.executable, "-c", "import typer"]
    sysdesign = _command()
    # Warm the file cache, the .pyc files and the lessons' cache.
    for argv in (baseline, *(sysdesign + extra.split() for extra in targets)):
        _time(argv, env)

    worst = 0.0
    print(f"{'command':<38}{'median':>10}{'import typer':>14}{'ratio':>8}{'target':>8}")
    for extra, target in targets.items():
        ours, base = [], []
        for _ in range(args.runs):
            base.append(_time(baseline, env))
            ours.append(_time(sysdesign + extra.split(), env))
        ratio = statistics.median(ours) / statistics.median(base)
        worst = max(worst, ratio / target)
        print(
            f"sysdesign {extra or '(home screen)':<28}{statistics.median(ours) * 1000:>8.1f}ms"
            f"{statistics.median(base) * 1000:>12.1f}ms{ratio:>8.2f}{target:>8.1f}"
        )
    if shutil.which("script") and args.only is None:
        ours, base = [], []
        in_terminal = [
            ["script", "-qec", f"{baseline[0]} -c 'import typer'", "/dev/null"],
            ["script", "-qec", " ".join([*sysdesign, "estimate", "--dau", "1000000"]), "/dev/null"],
        ]
        for _ in range(args.runs):
            base.append(_time(in_terminal[0], env))
            ours.append(_time(in_terminal[1], env))
        ratio = statistics.median(ours) / statistics.median(base)
        print(
            f"{'estimate in a terminal':<38}{statistics.median(ours) * 1000:>8.1f}ms"
            f"{statistics.median(base) * 1000:>12.1f}ms{ratio:>8.2f}{'-':>8}"
        )
    if args.terminal:
        interactive = [extra for extra, target in targets.items() if target == 2.0]
        _terminal_rows(sysdesign, baseline, env, interactive, args.runs)
    shutil.rmtree(home, ignore_errors=True)
    print("within targets" if worst <= 1 else "OVER TARGET")
    return 0


if __name__ == "__main__":
    sys.exit(main())
