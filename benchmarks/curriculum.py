"""Curriculum load time: every shipped lesson, and a generated folder of 1,000 lessons.

Both are timed in-process through `load_curriculum` (YAML with the C safe loader, pydantic
validation, the cross-file checks) after one warm-up load, as the median of N runs. The
generated lessons are each the size of a typical shipped one (a text step, a table, a tree,
five questions of every kind and an estimate), and are written to a temporary folder.

    python benchmarks/curriculum.py [--runs 15] [--lessons 1000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sysdesign_cli.core.loader import _Loader, builtin_dir, load_curriculum

TEMPLATE = """\
id: gen-{n}
title: Generated lesson {n}
summary: A lesson written by the benchmark, the size of a shipped one.
topics: [generated]
order: {order}
prerequisites: [{prereq}]
steps:
  - kind: text
    title: One idea
    body: |
      A **cache** keeps recent answers close, so most reads never reach the database.

      On a miss the app reads the database and writes the answer back with an expiry.
  - kind: question
    id: gen-{n}-choice
    type: choice
    topic: generated
    prompt: Where does a cache miss go next?
    choices: [The database, DNS, The CDN, Nowhere]
    answer: The database
    explanation: A miss falls through to the source of truth, which fills the cache.
    hints: [Where does the truth live?]
  - kind: table
    title: Seconds in a period
    columns: [period, seconds]
    rows: [[minute, 60], [hour, 3600], [day, 86400]]
    source: Arithmetic
    year: 2024
  - kind: question
    id: gen-{n}-multi
    type: multi
    topic: generated
    prompt: Which of these are caches? Select all that apply.
    choices: [Redis, Memcached, PostgreSQL, A load balancer]
    answers: [Redis, Memcached]
    explanation: Redis and Memcached keep data in memory; PostgreSQL is a database.
  - kind: tree
    title: GET /feed
    root:
      label: Browser
      children:
        - label: Load balancer
          note: ~0.5 ms
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
    prompt: Put these in order.
    items: [DNS, Connect, Load balancer, App server]
    explanation: Name, connection, routing, then the code that answers.
  - kind: question
    id: gen-{n}-number
    type: number
    topic: generated
    prompt: How many seconds are there in a day?
    answer: 86400 s
    unit: s
    tolerance: 0.02
    explanation: 24 x 60 x 60 = 86,400.
  - kind: question
    id: gen-{n}-text
    type: text
    topic: generated
    prompt: What does a CDN stand for?
    accept: [content delivery network, content distribution network]
    explanation: Copies of static files served from near the user.
  - kind: estimate
    id: gen-{n}-estimate
    topic: generated
    prompt: 1,000,000 users each make 10 requests a day. Average QPS?
    inputs: {{dau: 1000000, requests_per_user: 10}}
    figure: avg_qps
    explanation: 10M requests a day over 86,400 s is about 116 QPS.
"""


def _median_ms(load: object, runs: int) -> float:
    load()  # type: ignore[operator]  # warm: imports, the first file reads
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        load()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _generate(folder: Path, count: int) -> None:
    lessons = folder / "lessons"
    lessons.mkdir(parents=True)
    for n in range(count):
        prereq = f"gen-{n - 1}" if n else ""
        text = TEMPLATE.format(n=n, order=1000 + n, prereq=prereq)
        (lessons / f"{n:04d}-gen-{n}.yaml").write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed loads of each (median)")
    parser.add_argument("--lessons", type=int, default=1000, help="lessons to generate")
    args = parser.parse_args()

    print(f"YAML loader: {_Loader.__name__}")
    shipped = load_curriculum()
    if shipped.problems:
        print("the shipped curriculum has problems; run `sysdesign validate`", file=sys.stderr)
        return 1
    count = len(shipped.lessons)
    ms = _median_ms(load_curriculum, args.runs)
    # The shipped folder also holds the exercises, which load with the lessons.
    print(f"shipped lessons:   {count:>5}  {ms:9.1f} ms  {ms / count:6.2f} ms/lesson"
          f"  (with {len(shipped.exercises)} exercises in the same load)")  # fmt: skip

    with tempfile.TemporaryDirectory(prefix="sysdesign-bench-") as tmp:
        folder = Path(tmp)
        _generate(folder, args.lessons)
        found = load_curriculum([folder], builtin=False)
        if found.problems or len(found.lessons) != args.lessons:
            print(f"generated lessons did not load: {found.problems[:3]}", file=sys.stderr)
            return 1
        ms = _median_ms(lambda: load_curriculum([folder], builtin=False), args.runs)
        print(f"generated lessons: {args.lessons:>5}  {ms:9.1f} ms  "
              f"{ms / args.lessons:6.2f} ms/lesson")  # fmt: skip
    print(f"(median of {args.runs} loads each, after one warm-up; built in {builtin_dir()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
