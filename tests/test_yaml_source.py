"""YAML read in one pass (libyaml's composer, then the node tree checked for aliases and
depth) gives what the two-pass read gives, and refuses what it refused, in its words."""

from __future__ import annotations

import pytest
import yaml

from sysdesign_cli.core import yaml_source
from sysdesign_cli.core.loader import builtin_dir
from sysdesign_cli.core.yaml_source import MAX_DEPTH, YamlProblem, compose


def _two_passes(text: str) -> object:
    assert yaml_source._shape_problem(text) is None
    return yaml.load(text, Loader=yaml_source._Loader)


@pytest.mark.skipif(yaml_source._Loader.__name__ != "CSafeLoader", reason="needs libyaml")
def test_shipped_files_are_read_in_one_pass_to_the_same_data() -> None:
    files = sorted(builtin_dir().rglob("*.yaml"))
    for path in files:
        text = path.read_text(encoding="utf-8")
        found = yaml_source._one_pass(text)
        assert found is not None and found[0] == _two_passes(text), path
    assert len(files) > 20


def _nested(depth: int) -> str:
    return "id: x\nsteps: " + "[" * (depth - 1) + "]" * (depth - 1) + "\n"


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        pytest.param("a: &x [1, 2]\nb: *x\n", 2, "YAML alias *x is not allowed", id="alias"),
        pytest.param("a: &x one\nb: [*x]\n", 2, "YAML alias *x is not allowed", id="scalar-alias"),
        pytest.param(_nested(MAX_DEPTH + 1), 2, f"nested more than {MAX_DEPTH} levels",
                     id="too-deep"),  # fmt: skip
        # Past libyaml's own limit, its scanner refuses before the parser reaches MAX_DEPTH.
        pytest.param(_nested(5_000), 2, "exceeded maximum nesting depth", id="past-libyaml"),
        pytest.param("a: [1\n", None, "YAML syntax", id="syntax"),
    ],
)
def test_what_one_pass_cannot_vouch_for_is_refused_as_before(
    text: str, line: int | None, says: str
) -> None:
    assert yaml_source._one_pass(text) is None
    with pytest.raises(YamlProblem) as refused:
        compose(text)
    assert says in refused.value.message
    if line is not None:
        assert refused.value.line == line


def test_as_deep_as_allowed_is_read_in_one_pass() -> None:
    # The mapping and MAX_DEPTH - 1 lists: MAX_DEPTH collections.
    data, _ = compose(_nested(MAX_DEPTH))
    inner, lists = data["steps"], 1
    while inner:
        inner, lists = inner[0], lists + 1
    assert (lists, yaml_source._one_pass(_nested(MAX_DEPTH)) is not None) == (
        MAX_DEPTH - 1, yaml_source._Loader.__name__ == "CSafeLoader")  # fmt: skip


def test_nesting_past_libyamls_limit_is_refused_without_a_crash() -> None:
    with pytest.raises(YamlProblem) as refused:
        compose("[" * 200_000 + "]" * 200_000)
    assert (refused.value.line, refused.value.message) == (
        1, "YAML syntax: exceeded maximum nesting depth")  # fmt: skip
