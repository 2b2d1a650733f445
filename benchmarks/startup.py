"""Start-up cost of every command against `import typer`.

Runs each command alternately with `python -c "import typer"` so that machine noise
hits both sides alike, and prints the median wall time of each and their ratio.
Targets: --help <= 1.3x, estimate <= 1.4x (stdout piped, as in scripts); the first
prompt of `learn`, `quiz` and `exercise`, and the whole home screen, <= 2x: those run
with `--plain` and stdin at its end, so each stops at its first prompt, with the
lessons' cache filled by the warm-up runs, as on a user's machine. With `script` on the
machine it also reports `estimate` in a pseudo-terminal, where the rich table is
drawn: no target, shown so the cost of the table is never hidden.

    python benchmarks/startup.py [--runs 40]
"""

from __future__ import annotations

import argparse
import os
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40, help="pairs of runs per command")
    args = parser.parse_args()

    home = tempfile.mkdtemp(prefix="sysdesign-bench-")
    env = {**os.environ, "SYSDESIGN_HOME": home, "NO_COLOR": "1"}
    env.pop("SYSDESIGN_CACHE", None)  # the cache in the benchmark's own home
    # Measure what a user's machine does: byte-code cached after the first run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    baseline = [sys.executable, "-c", "import typer"]
    sysdesign = _command()
    # Warm the file cache, the .pyc files and the lessons' cache.
    for argv in (baseline, *(sysdesign + extra.split() for extra in TARGETS)):
        _time(argv, env)

    worst = 0.0
    print(f"{'command':<38}{'median':>10}{'import typer':>14}{'ratio':>8}{'target':>8}")
    for extra, target in TARGETS.items():
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
    if shutil.which("script"):
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
    shutil.rmtree(home, ignore_errors=True)
    print("within targets" if worst <= 1 else "OVER TARGET")
    return 0


if __name__ == "__main__":
    sys.exit(main())
