"""Hostile files (issue 11, items 1, 6, 10 and 13): escape sequences in every field of a
curriculum folder never reach the terminal, a transcript or an export; lesson files that
are FIFOs, devices, links out of the folder or huge are refused; `validate` says all of
it, in one run, with file, line and field."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sysdesign_cli.cli.app import app
from sysdesign_cli.core.folder_files import MAX_FOLDER_BYTES
from sysdesign_cli.core.loader import MAX_FILE_BYTES, load_curriculum
from sysdesign_cli.core.validation import validate

SYSDESIGN = Path(sys.executable).parent / "sysdesign"
HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
runner = CliRunner()

# Every byte that can start or be part of a terminal control sequence, but tab and newline.
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
PAYLOADS = ["\\x1b]0;pwned", "\\x1b[2J", "\\x9b31m"]


def sysdesign(*args: str, input: str = "", env: dict[str, str] | None = None,
              timeout: float = 60) -> subprocess.CompletedProcess[str]:  # fmt: skip
    return subprocess.run([str(SYSDESIGN), *args], input=input, capture_output=True,
                          text=True, env=env, timeout=timeout)  # fmt: skip


def assert_no_raw_control(*texts: str) -> None:
    for text in texts:
        text = text.replace("\r\n", "\n")
        found = sorted({f"\\x{ord(c):02x}" for c in RAW_CONTROL.findall(text)})
        assert found == [], f"control characters reached the output: {found}"


# ---------------------------------------------------------------- item 1: shown as text


@pytest.mark.parametrize(
    ("args", "typed", "shows"),
    [
        pytest.param(["learn", "hostile", "--plain"], "1\ncache\n",
                     ["Hostile title \\x1b]0;pwned-title\\x07", "Hostile cell \\x1b]0;pwned-cell",
                      "Hostile root \\x1b]0;pwned-tree", "1) Hostile right \\x1b[2J",
                      "Hostile body \\x1b]0;pwned-body\\x07 and \\x08\\x7f\\x0d done.",
                      "Hostile explanation \\x1b]0;pwned-explanation\\x07"],
                     id="learn"),
        pytest.param(["quiz", "--all", "--topic", "hostile-topic", "--plain"], "2\n2\nx\n",
                     ["Hostile prompt \\x1b]0;pwned-prompt\\x07", "Hint: Hostile hint \\x1b]0;",
                      "2) Hostile wrong \\x9b31m"], id="quiz"),
        pytest.param(["exercise", "hostile-ex", "--plain"], "1\ncache\ny\nqueue\ny\n",
                     ["Hostile exercise \\x1b]0;pwned-exercise\\x07",
                      "Hostile stage \\x1b]0;pwned-stage\\x07"], id="exercise"),
        pytest.param(["numbers"], "", ["Hostile reference \\x1b[2J", "\\x9b2J 2 ms"],
                     id="numbers"),
        pytest.param(["learn", "--list"], "", ["Hostile title \\x1b]0;pwned-title\\x07"],
                     id="learn-list"),
        pytest.param(["progress"], "", ["Hostile title \\x1b]0;pwned-title\\x07",
                                        "Hostile exercise \\x1b]0;pwned-exercise"],
                     id="progress"),
        pytest.param(["exercise"], "", ["Hostile exercise \\x1b]0;pwned-exercise"],
                     id="exercise-list"),
    ],
)  # fmt: skip
def test_escape_sequences_in_a_folder_are_shown_as_text(
    args: list[str], typed: str, shows: list[str]
) -> None:
    result = sysdesign(*args, "--curriculum", str(HOSTILE), input=typed)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert_no_raw_control(result.stdout, result.stderr)
    for text in shows:
        assert text in result.stdout, text
    # The learner is told, once, that the folder has problems to fix.
    assert "control character" in result.stderr


def test_the_exported_markdown_is_safe(tmp_path: Path) -> None:
    target = tmp_path / "design.md"
    result = sysdesign("exercise", "hostile-ex", "--plain", "--curriculum", str(HOSTILE),
                       "--export", str(target), input="1\ncache\ny\nqueue\ny\n")  # fmt: skip
    assert result.returncode == 0, result.stderr
    written = target.read_text(encoding="utf-8")
    assert_no_raw_control(written)
    assert "# Hostile exercise \\x1b]0;pwned-exercise\\x07" in written


def test_in_a_real_terminal_too(tmp_path: Path) -> None:
    """Questionary draws the prompt and choices itself: they come from the same safe text."""
    pexpect = pytest.importorskip("pexpect")
    from pty_session import spawn, transcript

    child = spawn("learn", "hostile", "--curriculum", str(HOSTILE))
    child.expect("Press")
    for _ in range(3):
        child.send("\r")
        time.sleep(0.3)
    child.expect("pick")
    child.send("\r")
    child.expect("Hostile text prompt")
    child.send("\x03")
    child.expect(pexpect.EOF)
    child.close()
    raw = transcript(child)
    for sequence in ("\x1b]0;", "\x1b[2J", "\x9b", "\x07", "\x08", "\x7f"):
        assert sequence not in raw, repr(sequence)
    assert "pwned-prompt" in raw and "\\x1b]0;pwned-prompt" in raw


def test_validate_reports_every_control_character_with_file_line_and_field() -> None:
    result = runner.invoke(app, ["validate", str(HOSTILE)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert_no_raw_control(result.output)
    where = {re.sub(r": text holds.*", "", line).split("fixtures/hostile/", 1)[1]
             for line in lines[:-1]}  # fmt: skip
    assert {
        "lessons/90-hostile.yaml:2: title",
        "lessons/90-hostile.yaml:9: steps[0].body",
        "lessons/90-hostile.yaml:14: steps[1].rows[0][0]",
        "lessons/90-hostile.yaml:26: steps[2].root.children[0].label",
        "lessons/90-hostile.yaml:34: steps[3].choices[1]",
        "lessons/90-hostile.yaml:36: steps[3].hints[0]",
        "exercises/hostile.yaml:11: design.rules[0].why",
        "exercises/hostile.yaml:40: stages[1].example",
    } <= where
    assert lines[-1] == f"{len(lines) - 1} problem(s) in 2 file(s)."
    body = next(line for line in lines if "steps[0].body" in line)
    assert "\\x1b, \\x07, \\x08, \\x7f, \\x0d" in body


def test_a_hostile_key_or_file_name_is_shown_as_text(tmp_path: Path) -> None:
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "bad\x1b[2Jname.yaml").write_text('"key \\e]0;x\\a": 1\n', encoding="utf-8")
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert_no_raw_control(result.output)
    assert "bad\\x1b[2Jname.yaml" in result.output
    assert "key \\x1b]0;x\\x07" in result.output


def test_a_typed_path_is_echoed_as_text(tmp_path: Path) -> None:
    missing = str(tmp_path / "no\x1b]0;pwned\x07where")
    for args in (["learn", "--curriculum", missing], ["validate", missing],
                 ["progress", "--import", missing]):  # fmt: skip
        result = runner.invoke(app, args)
        assert result.exit_code != 0
        assert_no_raw_control(result.output)
        assert "no\\x1b]0;pwned\\x07where" in result.output, args


# ---------------------------------------------------------------- item 6: files that are not


@pytest.fixture
def odd_files(tmp_path: Path) -> Path:
    """A curriculum folder whose lesson files are a FIFO, devices, a huge file, links that
    lead out of the folder or nowhere, and one good lesson."""
    folder = tmp_path / "odd"
    lessons = folder / "lessons"
    lessons.mkdir(parents=True)
    good = load_curriculum().sources["lesson:what-is-a-system"].read_text(encoding="utf-8")
    (lessons / "01-good.yaml").write_text(
        good.replace("id: what-is-a-system", "id: good-copy", 1).replace("id: ws-", "id: gc-"),
        encoding="utf-8",
    )
    os.mkfifo(lessons / "02-fifo.yaml")
    (lessons / "03-zero.yaml").symlink_to("/dev/zero")
    (lessons / "04-random.yaml").symlink_to("/dev/urandom")
    (lessons / "05-huge.yaml").write_text("# " + "x" * MAX_FILE_BYTES + "\n", encoding="utf-8")
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(good.replace("id: what-is-a-system", "id: outside", 1), encoding="utf-8")
    (lessons / "06-outside.yaml").symlink_to(outside)
    (lessons / "07-dangling.yaml").symlink_to(lessons / "not-there.yaml")
    (lessons / "08-loop.yaml").symlink_to(lessons / "08-loop.yaml")
    return folder


EXPECTED_ODD = {
    "02-fifo.yaml": "is a named pipe (FIFO); only regular files are read",
    "03-zero.yaml": "outside the curriculum folder",
    "04-random.yaml": "outside the curriculum folder",
    "05-huge.yaml": f"the limit is {MAX_FILE_BYTES:,}",
    "06-outside.yaml": "outside the curriculum folder",
    "07-dangling.yaml": "which does not exist",
    "08-loop.yaml": "a symbolic link that loops",
}


def test_odd_lesson_files_are_refused_and_validate_says_so(odd_files: Path) -> None:
    started = time.monotonic()
    problems = validate(odd_files)
    assert time.monotonic() - started < 10  # nothing hangs, nothing reads a device
    said = {problem.path.name: problem.message for problem in problems}
    assert set(said) == set(EXPECTED_ODD)
    for name, words in EXPECTED_ODD.items():
        assert words in said[name], (name, said[name])


@pytest.mark.parametrize("args", [["learn", "--list"], ["validate"], ["numbers"], ["quiz"]])
def test_odd_lesson_files_hang_nothing(odd_files: Path, args: list[str]) -> None:
    target = [*args, str(odd_files)] if args == ["validate"] else [
        *args, "--curriculum", str(odd_files)]  # fmt: skip
    result = sysdesign(*target, timeout=30)
    assert "Traceback" not in result.stderr
    shown = result.stdout + result.stderr
    for name in EXPECTED_ODD:
        assert name in shown, name
    if args[0] == "learn":
        assert result.returncode == 0 and "good-copy" in result.stdout


def test_learn_and_validate_report_the_same_problems(odd_files: Path) -> None:
    """Found by the issue: validate said OK where learn reported problems."""
    learned = sysdesign("learn", "--list", "--curriculum", str(odd_files))
    checked = sysdesign("validate", str(odd_files))
    assert checked.returncode == 1
    reported = [line.strip() for line in learned.stderr.splitlines()[1:]]
    # validate also gives authoring advice (warnings) that learn has no reason to repeat.
    errors = [line for line in checked.stdout.splitlines()[:-1] if ": warning: " not in line]
    assert sorted(reported) == sorted(errors)


def test_ctrl_c_while_loading_a_big_folder(tmp_path: Path) -> None:
    """Loading is bounded and interruptible: SIGINT while files are read ends it at once,
    without a traceback (a 44 MB lesson used to take 27 s and ignore Ctrl-C)."""
    lessons = tmp_path / "big" / "lessons"
    lessons.mkdir(parents=True)
    steps = "\n".join(["  - kind: text", "    body: Some words here."] * 3000)
    # A tab in a comment: the full reader reads these (as it does any file the fast reader
    # is not sure of), so the load takes seconds with or without the `fast` extra.
    text = (f"# read\tin full\nid: big\ntitle: Big\nsummary: Big.\ntopics: [basics]\n"
            f"order: 1\nsteps:\n{steps}\n")
    assert len(text) < MAX_FILE_BYTES
    for index in range(20):  # about 3.5 MB: within the folder's budget, seconds to read
        (lessons / f"{index:03}.yaml").write_text(text.replace("big", f"big-{index}", 1), "utf-8")
    proc = subprocess.Popen([str(SYSDESIGN), "learn", "--list", "--curriculum",
                             str(tmp_path / "big")], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)  # fmt: skip
    # Reading the folder takes about 3 s on an idle machine (longer on a busy one): the
    # signal lands a third of the way in, and the command must end long before the rest.
    time.sleep(1.0)
    assert proc.poll() is None, "loading finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    started = time.monotonic()
    _, errors = proc.communicate(timeout=10)
    assert time.monotonic() - started < 1.5
    assert proc.returncode in (1, 130)
    assert "Traceback" not in errors


# ---------------------------------------------------------------- item 10: what no one can type


@pytest.mark.parametrize(
    ("answer", "unit", "says"),
    [
        pytest.param(".inf", None, "expected a finite number", id="inf"),
        pytest.param(".nan", None, "expected a finite number", id="nan"),
        pytest.param("1.0e+308", "TB", "too large for a learner to type", id="1e308-TB"),
        pytest.param('"1e308 TB"', None, "is not a quantity", id="1e308-TB-text"),
    ],
)
def test_a_number_answer_no_learner_can_type_is_an_error(
    tmp_path: Path, answer: str, unit: str | None, says: str
) -> None:
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    unit_line = f"    unit: {unit}\n" if unit else ""
    (lessons / "a.yaml").write_text(
        "id: big-numbers\ntitle: Big\nsummary: Big.\ntopics: [basics]\norder: 1\nsteps:\n"
        "  - kind: question\n    id: big-q\n    type: number\n    topic: basics\n"
        f"    prompt: How many?\n    answer: {answer}\n{unit_line}    explanation: Many.\n",
        encoding="utf-8",
    )
    problems = validate(tmp_path)
    assert [(p.line, p.field) for p in problems] == [(12, "steps[0].answer")]
    assert says in problems[0].message


# ---------------------------------------------------------------- item 13: all in one run


def test_validate_reports_syntax_field_cross_field_and_cross_file_problems_in_one_run(
    tmp_path: Path,
) -> None:
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "a.yaml").write_text("id: broken\ntitle: [oops\n", encoding="utf-8")
    (lessons / "b.yaml").write_text(
        "id: second\ntitle: B\nsummary: B.\ntopics: [basics]\norder: 2\n"
        "prerequisites: [nowhere]\nsteps:\n  - kind: question\n    id: rl-dns-job\n"
        "    type: choice\n    topic: basics\n    prompt: Pick.\n    choices: [x, y]\n"
        "    answer: z\n",
        encoding="utf-8",
    )
    (lessons / "c.yaml").write_text(
        "id: third\ntitle: C\nsummary: C.\ntopics: [basics]\norder: 3\n"
        "prerequisites: [second]\nsteps:\n  - kind: text\n    body: Fine.\n",
        encoding="utf-8",
    )
    found = sorted((p.path.name, p.line, p.field, p.message.split(" (")[0]) for p in
                   validate(tmp_path))  # fmt: skip
    assert found == [
        ("a.yaml", 3, "", "YAML syntax: did not find expected ',' or ']'"),
        ("b.yaml", 6, "prerequisites[0]", "unknown lesson 'nowhere'"),
        ("b.yaml", 8, "steps[0].explanation", "missing required field 'explanation'"),
        ("b.yaml", 9, "steps[0].id", "question id 'rl-dns-job' is already used in lesson "
                                     "'request-lifecycle'"),
        ("b.yaml", 14, "steps[0].answer", "answer 'z' is not one of the choices"),
    ]  # c.yaml's prerequisite names a lesson that exists, though it failed to load


def test_the_folder_cap_and_the_shipped_files_fit_it() -> None:
    biggest = max(path.stat().st_size for path in HOSTILE.parent.parent.parent.glob(
        "curricula/*/*.yaml"))  # fmt: skip
    assert biggest * 5 < MAX_FILE_BYTES  # the longest lesson could grow five times over
    text = (Path(__file__).parent.parent / "curricula" / "FORMAT.md").read_text("utf-8")
    assert f"{MAX_FILE_BYTES:,}" in text  # the caps are stated where authors read
    assert f"{MAX_FOLDER_BYTES:,}" in text


def test_a_link_inside_the_folder_is_read(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(Path(__file__).parent.parent / "curricula", copy)
    assert validate(copy) == []
    (copy / "lessons" / "99-link.yaml").symlink_to(copy / "lessons" / "01-what-is-a-system.yaml")
    said = [problem.message for problem in validate(copy)]
    # Read (so its lesson id clashes with the file it points to), not refused as a link.
    assert said == [f"lesson id 'what-is-a-system' is already used by "
                    f"{copy / 'lessons' / '01-what-is-a-system.yaml'}"]  # fmt: skip


# ---------------------------------------------------------------- bidi and zero-width

# Characters that draw nothing yet reorder or hide the text around them (Trojan Source).
RAW_INVISIBLE = re.compile("[\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
BIDI_LESSON = '''id: bidi
title: "Bidi title \\u202Eevil\\u202C"
summary: "Zero\\u200Bwidth summary"
topics: [bidi-topic]
order: 901
steps:
  - kind: text
    title: "Bidi heading \\u2067isolate\\u2069"
    body: "Bidi body \\u202Edesrever\\u202C and \\uFEFFmark."
  - kind: question
    id: bidi-choice
    type: choice
    topic: bidi-topic
    prompt: "Bidi prompt \\u200B: pick the first."
    choices: ["Bidi right \\u202E", "Bidi wrong \\u200D"]
    answer: "Bidi right \\u202E"
    explanation: "Bidi explanation \\u2028 here"
  - kind: question
    id: bidi-text
    type: text
    topic: bidi-topic
    prompt: "Bidi text prompt: type cache."
    accept: ["cache"]
    explanation: "Bidi text explanation"
'''


def test_bidi_and_zero_width_characters_are_shown_as_text_and_validate_names_them(
    tmp_path: Path,
) -> None:
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "01-bidi.yaml").write_text(BIDI_LESSON, encoding="utf-8")
    typed = "1\n\u202ecache\u200b\n"  # the learner's reply carries them too
    result = sysdesign("learn", "bidi", "--plain", "--curriculum", str(tmp_path), input=typed)
    assert result.returncode == 0, result.stderr
    assert RAW_INVISIBLE.findall(result.stdout + result.stderr) == []
    assert "Bidi title \\u202eevil\\u202c" in result.stdout
    assert "Bidi body \\u202edesrever\\u202c and \\ufeffmark." in result.stdout
    assert "> \\u202ecache\\u200b" in result.stdout
    validated = runner.invoke(app, ["validate", str(tmp_path)])
    assert validated.exit_code == 1
    assert "lessons/01-bidi.yaml:2: title" in validated.output
    assert "\\u202e, \\u202c" in validated.output


def test_escape_sequences_in_an_interview_scenario_are_shown_as_text(tmp_path: Path) -> None:
    shipped = Path(__file__).parent.parent / "curricula" / "interviews" / "pastebin.yaml"
    text = shipped.read_text(encoding="utf-8").replace("id: pastebin", "id: hostile-iv", 1)
    text = text.replace('title: "Mock interview: Pastebin"',
                        'title: "Hostile interview \\e]0;pwned-title\\a"')  # fmt: skip
    text = text.replace('answer: "About 1,000,000 new pastes a day;',
                        'answer: "About 1,000,000 new pastes a day\\e[2J\\u202e;')  # fmt: skip
    (tmp_path / "interviews").mkdir()
    (tmp_path / "interviews" / "hostile.yaml").write_text(text, encoding="utf-8")
    export = tmp_path / "round.md"
    typed = "1,2,3,4\n\x1b]0;pwned-typed\x07\u202e580\n" + "\n" * 40
    result = sysdesign("interview", "hostile-iv", "--plain", "--curriculum", str(tmp_path),
                       "--export", str(export), input=typed)  # fmt: skip
    assert "Traceback" not in result.stderr
    out = result.stdout + result.stderr
    assert_no_raw_control(out)
    assert RAW_INVISIBLE.findall(out) == []
    assert "Hostile interview \\x1b]0;pwned-title\\x07" in result.stdout
    assert "About 1,000,000 new pastes a day\\x1b[2J\\u202e;" in result.stdout
    assert "> \\x1b]0;pwned-typed\\x07\\u202e580" in result.stdout
    validated = runner.invoke(app, ["validate", str(tmp_path)])
    assert "interviews/hostile.yaml:2: title" in validated.output


@pytest.mark.parametrize(
    ("name", "shipped", "old"),
    [
        pytest.param("lessons/01-raw.yaml", "lessons/01-what-is-a-system.yaml",
                     "One address, many machines", id="lesson"),
        pytest.param("interviews/raw.yaml", "interviews/pastebin.yaml", "Paste text",
                     id="interview"),
        pytest.param("reference/capacity.yaml", "reference/capacity.yaml", "one self-run server",
                     id="capacity"),
        pytest.param("vocabulary.yaml", "vocabulary.yaml", "load balancer", id="vocabulary"),
    ],
)
def test_a_raw_escape_byte_in_a_yaml_file_is_named_with_its_line(
    tmp_path: Path, name: str, shipped: str, old: str
) -> None:
    # An author pasting coloured terminal output puts the escape byte itself in the file,
    # which YAML refuses to read: the message gives the line and the fix, not an offset.
    source = Path(__file__).parent.parent / "curricula" / shipped
    text = source.read_text(encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    target = tmp_path / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text.replace(old, "\x1b]0;pwned\x07" + old, 1), encoding="utf-8")
    validated = sysdesign("validate", str(tmp_path))
    assert validated.returncode == 1
    assert_no_raw_control(validated.stdout, validated.stderr)
    assert f"{name}:{line}: column " in validated.stdout
    assert "the raw control character \\x1b, which could change the terminal, is not allowed " \
           "in YAML: remove it" in validated.stdout
    assert "position" not in validated.stdout
    listed = sysdesign("learn", "--list", "--curriculum", str(tmp_path))
    assert listed.returncode == 0
    assert_no_raw_control(listed.stdout, listed.stderr)
    assert f"{name}:{line}: column " in listed.stderr
