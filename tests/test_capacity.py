"""The capacity table: curriculum data with a source and year per figure, validated
like a lesson, overridable by an extra curriculum folder."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sysdesign_cli.core.graph import kinds
from sysdesign_cli.core.graph.model import Block
from sysdesign_cli.core.loader import builtin_dir, load_reference
from sysdesign_cli.core.validation import validate

SHIPPED = builtin_dir() / "reference" / "capacity.yaml"


def shipped() -> dict:
    return yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))


def write(folder: Path, data: dict) -> Path:
    path = folder / "reference" / "capacity.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_every_shipped_figure_has_a_source_and_a_year() -> None:
    table, problems = load_reference([])
    assert problems == [] and table is not None
    assert all(figure.source and 1990 <= figure.year <= 2026 for figure in table.figures)
    rough = [f for f in table.figures if f.what == "capacity" and f.block in ("app", "db")]
    assert all("order of magnitude" in (f.note or "") for f in rough)


def test_the_table_answers_per_block() -> None:
    table, _ = load_reference([])
    assert table is not None
    assert table.capacity(Block("app", "app")) == (1000, 1000)
    assert table.capacity(Block("db", "db")) == (10_000, 1000)
    assert table.capacity(Block("lb", "lb", managed=True)) is None  # scales by itself
    assert table.capacity(Block("nginx", "lb")) == (50_000, 50_000)
    assert table.availability(Block("app", "app")) == pytest.approx(0.995)
    assert table.availability(Block("lb", "lb", managed=True)) == pytest.approx(0.9999)
    assert table.availability(Block("sqs", "queue", managed=True)) == pytest.approx(0.999)
    assert (table.hit_ratio(Block("cache", "cache")), table.internet_ms) == (0.8, 50)


@pytest.mark.parametrize(
    ("change", "says"),
    [
        pytest.param(lambda d: d["figures"].append(dict(d["figures"][0])),
                     "instance availability is given twice", id="duplicate"),
        pytest.param(lambda d: d.update(figures=[f for f in d["figures"]
                                                 if f["block"] != "zone"]),
                     "missing zone availability", id="missing"),
        pytest.param(lambda d: d["figures"][0].update(value=150),
                     "an availability is a percent", id="out-of-range"),
        pytest.param(lambda d: d["figures"][0].update(block="mainframe"),
                     "block 'mainframe' is not a kind", id="unknown-block"),
        pytest.param(lambda d: d["figures"][0].pop("source"), "missing required field 'source'",
                     id="no-source"),
    ],
)  # fmt: skip
def test_a_broken_table_is_reported_with_its_file(tmp_path: Path, change, says: str) -> None:
    data = shipped()
    change(data)
    path = write(tmp_path, data)
    problems = validate(path)
    assert [says in problem.message for problem in problems] == [True]
    assert problems[0].path == path


def test_an_extra_folder_can_replace_the_table(tmp_path: Path) -> None:
    data = shipped()
    for figure in data["figures"]:
        if figure["block"] == "app" and figure["what"] == "capacity":
            figure["value"] = 4000
    write(tmp_path, data)
    table, problems = load_reference([tmp_path])
    assert (problems, table.value("app", "capacity")) == ([], 4000)  # type: ignore[union-attr]


def test_every_kind_has_a_latency() -> None:
    table, _ = load_reference([])
    assert table is not None
    missing = [k for k in kinds.KIND_IDS if k != "client" and table.value(k, "latency") is None]
    assert missing == []


FINITE = "expected a finite number"


def _set_figure(data: dict, block: str, what: str, value: float) -> None:
    figure = next(f for f in data["figures"] if f["block"] == block and f["what"] == what)
    figure["value"] = value


@pytest.mark.parametrize(
    ("block", "what", "value", "says"),
    [
        pytest.param("app", "capacity", float("inf"), FINITE, id="inf-capacity"),
        pytest.param("app", "latency", float("inf"), FINITE, id="inf-latency"),
        pytest.param("db", "write_capacity", float("nan"), FINITE, id="nan"),
        pytest.param("app", "latency", -2.0, "greater than or equal to 0", id="negative"),
    ],
)
def test_a_figure_no_one_could_use_is_refused_with_file_line_and_field(
    tmp_path: Path, block: str, what: str, value: float, says: str
) -> None:
    data = shipped()
    _set_figure(data, block, what, value)
    path = write(tmp_path, data)
    problems = validate(path)
    assert len(problems) == 1 and says in problems[0].message, problems
    assert problems[0].path == path
    where = next(i for i, f in enumerate(data["figures"])
                 if (f["block"], f["what"]) == (block, what))  # fmt: skip
    assert problems[0].field == f"figures[{where}].value"
    line = path.read_text(encoding="utf-8").splitlines()[problems[0].line - 1]
    assert line.strip().startswith("value:")
