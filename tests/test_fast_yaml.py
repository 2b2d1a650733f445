"""The fast YAML read: where it gives data, it is exactly what PyYAML's safe loader gives
(YAML 1.1, which `validate` uses); where the two could differ, it gives none and the
file is read the full way. Problems in files read fast keep their lines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from lesson_files import write_lesson

from sysdesign_cli.core import fast_yaml
from sysdesign_cli.core.fast_yaml import fast_data
from sysdesign_cli.core.loader import builtin_dir, load_curriculum


def _typed(value: Any) -> Any:
    """The data with every scalar's type beside it: 1, 1.0 and True are not the same."""
    if type(value) is dict:
        return {(type(k).__name__, k): _typed(v) for k, v in value.items()}
    if type(value) is list:
        return [_typed(item) for item in value]
    return (type(value).__name__, repr(value))


def _pyyaml(text: str) -> Any:
    return yaml.load(text, Loader=yaml.CSafeLoader)


def _agrees(text: str) -> bool:
    """Fast data is None, or PyYAML reads the text and gives the very same data."""
    fast = fast_data(text)
    if fast is None:
        return True
    try:
        full = _pyyaml(text)
    except yaml.YAMLError:
        return False
    return _typed(fast) == _typed(full)


def test_the_shipped_curriculum_reads_fast_and_the_same() -> None:
    files = sorted(builtin_dir().glob("**/*.yaml"))
    fast = [path.name for path in files if fast_data(path.read_text(encoding="utf-8"))]
    assert all(_agrees(path.read_text(encoding="utf-8")) for path in files)
    assert len(fast) > len(files) // 2  # the fast read is what a cold load mostly uses


# Where YAML 1.1 and 1.2 read plain scalars apart, and the YAML PyYAML refuses or reads
# its own way: none of it may come back different.
DIFFERING = [
    "a: yes", "a: on", "a: NO", "a: Off", "yes: 1", "a: [on, off]",
    "a: 017", "a: 0o17", "a: [1,017]", "a: 0x1F", "a: 0b11", "a: 1_000",
    "a: 1e3", "a: 1.5e3", "a: 1e-3", "a: 12e3", "a: +.5", "a: .5", "a: 1.", "a: -0",
    "a: 1:30", "a: 12:30:00", "a: 2024-01-02", "a: 2024-01-02T10:00:00Z",
    "a: =", "a: <<", "<<: {b: 1}", "a: .inf", "a: .NaN", "a: 99999999999999999999",
    "1: x", "1e3: x", "017: x", "? [1]\n: x",
    "x 017: y\nb: [017]",  # a run of digits in a key and as a number
    "a: '017'\nb: [017]", "a: \"017\"\nb:\n  - 017",
    'a: "\\x30\\x31\\x37"\nb: [017]',  # an escape spelling what the text does not hold
    'a: "\\x01"', 'a: "\\e[31m"', 'a: "\\N"', 'a: "tab\\there"',
    "\ufeffa: 1", "a: x\u2028y", "a: x\x85y", "a:\tb", "a: 1\r\nb: 2\r\n",
    "---\na: 1\n---\nb: 2", "%YAML 1.1\n---\na: 1", "a: 1\n...\n",
    "a: &x 1\nb: *x", "a: !!binary aGk=", "a: !!set {x, y}", "a: !!str 3", "a: !x y",
    "a: 1\na: 2", "a: {b: 1, b: 2}", "a: b: c", "a: [1, 2", "",
    "a: |\n  017\n  yes\n", "a: >\n  1e3\n\n  on\n", "a: 1,000,000 users",
    "- " * 50000 + "x",  # nested past what the reader's stack takes: never handed to it
    "[" * 300 + "]" * 300, "a:\n" + "".join(" " * (2 * i) + f"k{i}:\n" for i in range(70)),
]


@pytest.mark.parametrize("text", DIFFERING, ids=range(len(DIFFERING)))
def test_what_yaml_1_1_and_1_2_read_apart_never_comes_back_different(text: str) -> None:
    assert _agrees(text)


def test_the_differences_that_matter_are_read_the_full_way() -> None:
    for text in ("a: yes", "a: 017", "a: 0o17", "a: 1e3", "a: +.5", "a: 2024-01-02",
                 "x 017: y\nb: [017]", "a: 1\na: 2", "a: &x 1\nb: *x", "- " * 50000 + "x",
                 "a: !!python/object/apply:os.system ['true']", "a: &x [1]\nb: [*x, *x]"):
        assert fast_data(text) is None, text
    assert fast_data("a: [1, 0.25, -3, '017', yes-ish]\nb: 1,000,000 users") == {
        "a": [1, 0.25, -3, "017", "yes-ish"], "b": "1,000,000 users"}  # fmt: skip


SCALARS = ["0", "017", "0o17", "1e3", "1.5e+3", "+.5", "-2", "0.25", "1_0", "1:30", "yes",
           "No", "on", "null", "~", "x", "2024-01-02", ".inf", "0x1F", "1,000", "a b"]


def _scalar() -> st.SearchStrategy[str]:
    plain = st.sampled_from(SCALARS)
    return st.one_of(plain, plain.map(lambda s: f"'{s}'"), plain.map(lambda s: f'"{s}"'))


def _document() -> st.SearchStrategy[str]:
    flow = st.lists(_scalar(), min_size=1, max_size=4).map(lambda items: f"[{', '.join(items)}]")
    tight = st.lists(_scalar(), min_size=2, max_size=3).map(lambda items: f"[{','.join(items)}]")
    value = st.one_of(_scalar(), flow, tight)
    key = st.one_of(st.sampled_from(["a", "b", "c", "017", "x 017", "yes"]), _scalar())
    line = st.tuples(key, value).map(lambda pair: f"{pair[0]}: {pair[1]}")
    items = st.lists(value, min_size=1, max_size=3).map(
        lambda found: "\n".join(f"  - {item}" for item in found))  # fmt: skip
    block = st.tuples(key, items).map(lambda pair: f"{pair[0]}:\n{pair[1]}")
    return st.lists(st.one_of(line, block), min_size=1, max_size=5).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(_document())
def test_generated_documents_never_read_differently(text: str) -> None:
    assert _agrees(text)


def test_problems_in_files_read_fast_keep_their_lines(tmp_path: Path) -> None:
    folder = tmp_path / "extra"
    for file, needs, order in (("a-one", "nowhere", 1), ("b-two", "one", 2), ("c-dup", "one", 3)):
        name = file[2:] if file != "c-dup" else "one"
        path = write_lesson(folder, name, file, order=order, needs=needs, question="shared")
        assert fast_data(path.read_text(encoding="utf-8")) is not None  # really read fast
    full = [str(problem) for problem in load_curriculum([folder], builtin=False).problems]
    cold = load_curriculum([folder], builtin=False, cached=True)
    warm = load_curriculum([folder], builtin=False, cached=True)
    said = [[str(problem) for problem in found.problems] for found in (cold, warm)]
    assert said == [full, full]
    where = sorted(line.split(": ", 1)[0].rsplit("/", 1)[1] for line in full)
    # the lesson id used twice, the unknown prerequisite, the question id used twice
    assert where == ["a-one.yaml:6", "b-two.yaml:9", "c-dup.yaml:1"]


def test_without_the_fast_reader_every_file_is_read_the_full_way(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fast_yaml, "yaml_rs", None)
    text = (builtin_dir() / "vocabulary.yaml").read_text(encoding="utf-8")
    assert fast_data(text) is None
    found = load_curriculum(cached=True)
    assert (len(found.lessons), found.problems) == (len(load_curriculum().lessons), [])


def _runs(alphabet: str, longest: int) -> list[bytes]:
    import itertools

    return [("".join(chars)).encode() for size in range(1, longest + 1)
            for chars in itertools.product(alphabet, repeat=size)]  # fmt: skip


def test_runs_decided_without_reading_them_are_what_both_readers_say() -> None:
    """A run of number characters taken as read alike without parsing (one of the plain
    figures, or one neither YAML reads as a number) is, read by both, the same value,
    and one taken as read apart (`010`, `008`) is not: every run of up to four
    characters the two readers tell apart is caught."""
    import random

    generator = random.Random(7)
    longer = [bytes(generator.choice(b"0178.-+eEoxXbB_") for _ in range(generator.randint(5, 9)))
              for _ in range(4000)]  # fmt: skip
    checked = apart = 0
    for run in _runs("0178.-+eEoxb_", 4) + longer:
        if not run.strip(b"-+._eExXoObB"):
            continue  # no digit: never a number
        if fast_yaml._APART.fullmatch(run):
            apart += 1
            assert not fast_yaml._parsed_alike(run), run
            continue
        plain = fast_yaml._BORING.fullmatch(run) is not None
        if plain or fast_yaml._string_to_both(run):
            checked += 1
            assert fast_yaml._parsed_alike(run), run
    assert checked > 5000 and apart > 100
    for run in (b"60.", b"000", b"007", b"-0-e", b"2-3", b"1.2.3", b"0.25"):
        assert fast_yaml._read_alike(run), run
    for run in (b"017", b"010", b"008", b"1e3", b"0o17", b"+.5", b"2024-01-02"):
        assert not fast_yaml._read_alike(run), run


def _forget() -> None:
    for memo in (fast_yaml._untyped, fast_yaml._alike, fast_yaml._plain_typed,
                 fast_yaml._fine_runs):  # fmt: skip
        memo.clear()


_RUNS = st.binary(min_size=1, max_size=12).map(
    lambda raw: raw.translate(fast_yaml._NUMBER_BYTES).replace(b" ", b"") or b"0")


@settings(max_examples=1500, deadline=None)
@given(st.sets(_RUNS, max_size=8))
def test_runs_passed_over_at_once_are_those_none_of_which_is_doubtful(runs: set[bytes]) -> None:
    _forget()
    assert set(fast_yaml._doubtful_runs(runs)) == {
        run for run in runs if fast_yaml._doubtful_run(run)}


@pytest.mark.parametrize("run", [b"017", b"010", b"008", b"1e3", b"0o17", b"+.5",
                                 b"2024-01-02", b"e" + b"1" * 4_001])  # fmt: skip
def test_a_doubtful_run_among_plain_ones_is_found(run: bytes) -> None:
    _forget()
    assert fast_yaml._doubtful_runs({b"12", b"e", b"-", b"2024", b"e-1", run}) == [run]


def test_the_run_patterns_mean_what_they_say_inside_the_verbose_prefilter(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The prefilter joins our run patterns with PyYAML's (written verbose): a space in
    ours still means a space."""
    import re

    monkeypatch.setattr(fast_yaml, "_NUMBERISH", re.compile(rb"5 5"))
    fast_yaml._maybe_doubtful.cache_clear()
    try:
        found = fast_yaml._maybe_doubtful()
        assert (found.search(b"5 5") is not None, found.search(b"55")) == (True, None)
    finally:
        fast_yaml._maybe_doubtful.cache_clear()
