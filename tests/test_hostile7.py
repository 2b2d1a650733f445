"""A second hostile-input battery: values YAML types but cannot build, odd numbers typed at
prompts and on the command line, paths with line breaks, a state directory that fails, and
signals at an interview's and an exercise's prompts. Each case names the cause it guards."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.lesson_files import lesson_text, write_lesson

SYSDESIGN = Path(sys.executable).parent / "sysdesign"
# Every byte that can start or be part of a terminal control sequence, but tab and newline,
# and the invisible characters that reorder or hide text.
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def sysdesign(*args: str, input: str = "", env: dict[str, str] | None = None,
              timeout: float = 90) -> subprocess.CompletedProcess[str]:  # fmt: skip
    return subprocess.run([str(SYSDESIGN), *args], input=input, capture_output=True,
                          text=True, env=env, timeout=timeout)  # fmt: skip


def assert_clean(result: subprocess.CompletedProcess[str]) -> None:
    """No traceback and no control character on either stream."""
    both = result.stdout + result.stderr
    assert "Traceback" not in both, result.stderr[-2000:]
    found = sorted({f"U+{ord(c):04X}" for c in RAW_CONTROL.findall(both.replace("\r\n", "\n"))})
    assert found == [], f"control characters reached the output: {found}"


# ------------------------------------------------- YAML values typed but not buildable
# Cause: PyYAML raises ValueError (not a YAMLError) when a plain scalar it types as a date
# or a number cannot be built; the reader caught only YAMLError, so every command that
# loads the folder printed a traceback (a date) or `validate` did (5,000 digits), while the
# fast reader took the 5,000-digit number the full reader refused.


@pytest.mark.parametrize(
    ("field", "value", "line", "words"),
    [
        pytest.param("title", "2001-02-30", 2, ("'2001-02-30' as a date", "day is out of range"),
                     id="date-out-of-range"),
        pytest.param("title", "2001-12-14t99:99:99", 2, ("as a date", "hour must be in"),
                     id="time-out-of-range"),
        pytest.param("order", "9" * 5000, 5, ("as a whole number", "too many digits"),
                     id="5000-digits"),
        pytest.param("order", "-" + "9" * 5000, 5, ("as a whole number", "too many digits"),
                     id="5000-digits-negative"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("command", ["validate", "learn-list"])
def test_a_value_yaml_types_but_cannot_build_is_one_problem_with_its_line(
    tmp_path: Path, field: str, value: str, line: int, words: tuple[str, ...], command: str
) -> None:
    text = lesson_text("odd-value", order=95)
    if field == "title":
        text = text.replace("title: Lesson odd-value", f"title: {value}")
    else:
        text = text.replace("order: 95", f"order: {value}")
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "odd.yaml").write_text(text)
    args = ["validate", str(tmp_path)] if command == "validate" else [
        "learn", "--list", "--curriculum", str(tmp_path)]  # fmt: skip
    result = sysdesign(*args)
    assert_clean(result)
    said = result.stdout if command == "validate" else result.stderr
    found = [row for row in said.splitlines() if "odd.yaml" in row]
    assert len(found) == 1, said
    assert f"odd.yaml:{line}:" in found[0], found[0]
    assert "put it in quotes" in found[0], found[0]
    for word in words:
        assert word in found[0], (word, found[0])
    if command == "validate":
        assert result.returncode == 1
    else:  # the built-in lessons still listed, the broken one not
        assert result.returncode == 0
        assert "(what-is-a-system)" in result.stdout
        assert "(odd-value)" not in result.stdout


def test_a_long_number_inside_text_is_text(tmp_path: Path) -> None:
    path = write_lesson(tmp_path, "long-figure", order=95)
    path.write_text(path.read_text().replace("It is the one.", "It is " + "7" * 5000 + "."))
    result = sysdesign("validate", str(tmp_path))
    assert_clean(result)
    assert result.returncode == 0, result.stdout
    assert "OK: no problems" in result.stdout
