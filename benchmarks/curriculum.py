"""Curriculum load time: every shipped lesson, and generated folders of lessons.

Timed in-process through `load_curriculum` as the median of N runs, four ways:
- full: what `validate` does (YAML with the C safe loader, pydantic, the cross-file checks);
- cold: a command's load with its cache empty (each file read fast where `core.fast_yaml`
  can, validated, then the cache written; from 64 files on, shared with a child on the
  other core where there is one: `core.shared_read`), and nothing the process learnt
  reading YAML kept from the load before (a command starts without it);
- warm: a command's load with the cache filled (each file's stat compared with the cache's
  index, no file read, no YAML);
- one edit: warm but for one file changed, which alone is read and validated.
The generated lessons are each the size of a typical shipped one (a text step, a table, a
tree, five questions of every kind and an estimate), each with its own text and figures (no
memo of strings seen before flatters the figure), and are written to a temporary folder
dated a minute back (as lessons on a disk are: not written in the instant they are read);
100 and 1,000 of them show whether the growth is linear. Targets for 1,000: cold < 0.5 s,
warm < 50 ms. Wall-clock medians first; the CPU time of the same loads after them, which a
machine busy with other work inflates less.

    python benchmarks/curriculum.py [--runs 15] [--lessons 100 1000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sysdesign_cli.core.loader import _Loader, builtin_dir, load_curriculum

TEMPLATE = """\
id: gen-{n}
title: Generated lesson {n}
summary: Lesson {n} written by the benchmark, the size of a shipped one.
topics: [generated]
order: {order}
prerequisites: [{prereq}]
steps:
  - kind: text
    title: One idea for service {n}
    body: |
      In service {n}, a **cache** keeps recent answers close, so most reads never reach
      the database.

      On a miss the app reads the database and writes the answer back with an expiry of
      {n} seconds.
  - kind: question
    id: gen-{n}-choice
    type: choice
    topic: generated
    prompt: Where does a cache miss in service {n} go next?
    choices: [The database of {n}, DNS of {n}, The CDN of {n}, Nowhere near {n}]
    answer: The database of {n}
    explanation: A miss in service {n} falls through to the source of truth, which fills the cache.
    hints: [Where does the truth of service {n} live?]
  - kind: table
    title: Seconds in a period
    columns: [period, seconds]
    rows: [[minute, 60], [hour, 3600], [day, 86400], [{n} minutes, {minutes}]]
    source: Arithmetic
    year: 2024
  - kind: question
    id: gen-{n}-multi
    type: multi
    topic: generated
    prompt: Which of these are caches in service {n}? Select all that apply.
    choices: [Redis {n}, Memcached {n}, PostgreSQL {n}, A load balancer {n}]
    answers: [Redis {n}, Memcached {n}]
    explanation: Redis and Memcached keep data in memory; PostgreSQL is a database ({n}).
  - kind: tree
    title: GET /feed/{n}
    root:
      label: Browser
      children:
        - label: Load balancer
          note: ~{n} ms
          children:
            - label: Cache
              branch: hit
            - label: Cache
              branch: miss
              children:
                - label: Database
  - kind: question
    id: gen-{n}-order
    type: order
    topic: generated
    prompt: Put the steps of request {n} in order.
    items: [DNS {n}, Connect {n}, Load balancer {n}, App server {n}]
    explanation: Name, connection, routing, then the code that answers request {n}.
  - kind: question
    id: gen-{n}-number
    type: number
    topic: generated
    prompt: How many seconds are there in {n} minutes?
    answer: {minutes} s
    unit: s
    tolerance: 0.02
    explanation: {n} x 60 = {minutes}.
  - kind: question
    id: gen-{n}-text
    type: text
    topic: generated
    prompt: What does the CDN of service {n} stand for?
    accept: [content delivery network {n}, content distribution network {n}]
    explanation: Copies of the static files of service {n} served from near the user.
  - kind: estimate
    id: gen-{n}-estimate
    topic: generated
    prompt: '{dau:,} users each make {requests} requests a day. Average QPS?'
    inputs: {{dau: {dau}, requests_per_user: {requests}}}
    figure: avg_qps
    explanation: {dau:,} x {requests} requests a day over 86,400 s.
"""


def _median_ms(load: object, runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds of `runs` calls, after one warm-up. What a
    call loaded is freed after its time is taken: a command holds its curriculum until it
    ends, and the time asked for is the time until the curriculum is in hand."""
    load()  # type: ignore[operator]  # warm: imports, the first file reads
    wall, cpu = [], []
    for _ in range(runs):
        start, used = time.perf_counter(), time.process_time()
        loaded = load()  # type: ignore[operator]
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - used) * 1000)
        del loaded
    return statistics.median(wall), statistics.median(cpu)


def _forget() -> None:
    """Empty what a process learns while it reads YAML fast (the strings and runs of
    figures already found read alike): a command's cold load starts without them."""
    from sysdesign_cli.core import fast_yaml

    for memo in (fast_yaml._untyped, fast_yaml._alike, fast_yaml._plain_typed,
                 fast_yaml._fine_runs):  # fmt: skip
        memo.clear()


def _cold(load: object, cache: Path) -> object:
    def run() -> object:
        shutil.rmtree(cache, ignore_errors=True)
        _forget()
        return load()  # type: ignore[operator]

    return run


COLUMNS = ("full", "cold", "warm", "1 edit")


def _row(name: str, load: object, cache: Path, count: int, runs: int,
         edit: Path) -> dict[str, tuple[float, float]]:  # fmt: skip
    found = {"full": _median_ms(lambda: load(cached=False), runs)}  # type: ignore[operator]
    found["cold"] = _median_ms(_cold(lambda: load(cached=True), cache), runs)  # type: ignore[operator]
    found["warm"] = _median_ms(lambda: load(cached=True), runs)  # type: ignore[operator]
    original = edit.read_text(encoding="utf-8")
    edits = iter(range(10**6))

    def one_edit() -> object:
        edit.write_text(f"{original}# edit {next(edits)}\n", "utf-8")  # new bytes each time
        return load(cached=True)  # type: ignore[operator]

    found["1 edit"] = _median_ms(one_edit, runs)
    edit.write_text(original, encoding="utf-8")
    walls = "".join(f"{found[column][0]:>10.1f}" for column in COLUMNS)
    cpus = "".join(f"{found[column][1]:>9.0f}" for column in COLUMNS)
    print(f"{name:<20}{count:>7}{walls}{found['warm'][0] / count * 1000:>11.1f}   |{cpus}")
    return found


PER_FOLDER = 250  # a folder holds at most folder_files.MAX_FILES lessons


def _generate(root: Path, count: int) -> list[Path]:
    """`count` lessons in folders of PER_FOLDER; the folders."""
    folders = []
    for n in range(count):
        if n % PER_FOLDER == 0:
            folders.append(root / f"part-{n // PER_FOLDER}")
            (folders[-1] / "lessons").mkdir(parents=True)
        prereq = f"gen-{n - 1}" if n else ""
        text = TEMPLATE.format(n=n, order=1000 + n, prereq=prereq, minutes=60 * (n + 1),
                               dau=1_000_000 + 1_000 * n, requests=10 + n % 7)
        path = folders[-1] / "lessons" / f"{n:04d}-gen-{n}.yaml"
        path.write_text(text, encoding="utf-8")
        os.utime(path, (time.time() - 60, time.time() - 60))
    return folders


TARGETS = {"cold": 500.0, "warm": 50.0}  # ms for 1,000 lessons


def _summary(rows: dict[int, dict[str, tuple[float, float]]]) -> None:
    """Growth from the smallest folder to the largest, and the targets at 1,000."""
    if len(rows) > 1:
        small, large = min(rows), max(rows)
        grown = ", ".join(f"{column} x{rows[large][column][0] / rows[small][column][0]:.1f}"
                          for column in ("cold", "warm"))  # fmt: skip
        print(f"growth {small:,} -> {large:,} lessons (x{large / small:g} is linear): {grown}")
    if 1000 in rows:
        for column, target in TARGETS.items():
            wall, cpu = rows[1000][column]
            verdict = "met" if wall < target else "not met"
            print(f"1,000 lessons {column}: {wall:.0f} ms (CPU {cpu:.0f} ms), "
                  f"target < {target:.0f} ms: {verdict}")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed loads of each (median)")
    parser.add_argument("--lessons", type=int, nargs="+", default=[100, 1000],
                        help="sizes of the generated folders")  # fmt: skip
    args = parser.parse_args()

    from sysdesign_cli.core import fast_yaml

    fast = fast_yaml.yaml_rs
    from sysdesign_cli.core.forked import spare_core

    print(f"YAML loader: {_Loader.__name__}; fast reader for cold loads: "
          f"{f'yaml_rs {fast.__version__}' if fast else 'none (PyYAML reads every file)'}; "
          f"cold loads of many files {'shared with a child' if spare_core() else 'on one core'}")
    shipped = load_curriculum()
    if shipped.problems:
        print("the shipped curriculum has problems; run `sysdesign validate`", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="sysdesign-bench-") as tmp:
        cache = Path(tmp) / "cache"
        os.environ["SYSDESIGN_CACHE"] = str(cache)
        heads = "".join(f"{column + ' ms':>10}" for column in COLUMNS)
        cpu_heads = "".join(f"{column:>9}" for column in COLUMNS)
        print(f"{'':<20}{'lessons':>7}{heads}{'warm us/l':>11}   |{cpu_heads}  (CPU ms)")
        # The shipped folder also holds the exercises, which load with the lessons.
        edit = next(iter(sorted((builtin_dir() / "lessons").glob("*.yaml"))))
        copy = Path(tmp) / "shipped"
        shutil.copytree(builtin_dir(), copy)  # edited, so a copy
        edit = copy / "lessons" / edit.name
        _row("shipped (+exercises)", lambda cached: load_curriculum(
            [copy], builtin=False, cached=cached), cache, len(shipped.lessons), args.runs,
            edit)  # fmt: skip
        rows = {}
        for count in args.lessons:
            folders = _generate(Path(tmp) / f"gen-{count}", count)
            found = load_curriculum(folders, builtin=False)
            if found.problems or len(found.lessons) != count:
                print(f"generated lessons did not load: {found.problems[:3]}", file=sys.stderr)
                return 1
            rows[count] = _row("generated", lambda cached, folders=folders: load_curriculum(
                folders, builtin=False, cached=cached), cache, count, args.runs,
                folders[0] / "lessons" / "0000-gen-0.yaml")  # fmt: skip
    _summary(rows)
    print(f"(median of {args.runs} loads each, after one warm-up)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
