"""A second hostile-input battery: values YAML types but cannot build, odd numbers typed at
prompts and on the command line, paths with line breaks, a state directory that fails, and
signals at an interview's and an exercise's prompts. Each case names the cause it guards."""

from __future__ import annotations

import re
import subprocess
import sys
import time
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


# ------------------------------------------------- paths shown on one line, as text
# Cause: paths were shown through `visible`, which keeps tab and newline (lesson text needs
# them), and the store's messages and notices showed the home folder raw: a folder named
# with ESC or U+202E (SYSDESIGN_HOME) reached the terminal through "kept as ...", and a
# path with a line break split one message over two lines.

ODD_NAME = "odd\x1b]0;pwned\x07\u202e\nname"
SHOWN_NAME = "odd\\x1b]0;pwned\\x07\\u202e\\x0aname"


def env_with(home: Path, tmp_path: Path) -> dict[str, str]:
    import os

    return dict(os.environ, SYSDESIGN_HOME=str(home), SYSDESIGN_CACHE=str(tmp_path / "cache"))


@pytest.mark.parametrize("kind", ["newer", "corrupt"])
def test_a_kept_aside_notice_shows_an_odd_home_as_text_on_one_line(
    tmp_path: Path, kind: str
) -> None:
    import sqlite3

    home = tmp_path / ODD_NAME
    env = env_with(home, tmp_path)
    assert sysdesign("learn", "--plain", input="1\n", env=env).returncode == 0
    if kind == "newer":
        with sqlite3.connect(home / "progress.db") as conn:
            conn.execute("PRAGMA user_version = 99")
    else:
        for sidecar in home.glob("progress.db-*"):
            sidecar.unlink()
        (home / "progress.db").write_bytes(b"not a database")
    result = sysdesign("progress", env=env)
    assert_clean(result)
    assert result.returncode == 0
    notes = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(notes) == 1 and notes[0].startswith("Note:"), result.stderr
    assert f"{SHOWN_NAME}/progress.db.{kind}-" in notes[0]
    kept = [path for path in home.glob(f"progress.db.{kind}-*") if path.name[-4] != "-"]
    assert len(kept) == 1 and kept[0].stat().st_size > 0  # kept, not lost


def test_a_home_that_is_a_file_with_an_odd_name_is_one_line(tmp_path: Path) -> None:
    home = tmp_path / ODD_NAME
    home.write_text("x")
    result = sysdesign("progress", env=env_with(home, tmp_path))
    assert_clean(result)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: {tmp_path}/{SHOWN_NAME} is a file, not a folder; move it away or set "
        "SYSDESIGN_HOME to a folder you can write."]  # fmt: skip


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["--curriculum", "{p}", "learn", "--list"], id="curriculum"),
        pytest.param(["progress", "--export", "{p}"], id="export"),
        pytest.param(["design", "check", "{p}"], id="design-check"),
        pytest.param(["validate", "{p}"], id="validate"),
    ],
)
def test_a_typed_path_with_a_line_break_is_shown_on_one_line(
    tmp_path: Path, args: list[str]
) -> None:
    path = tmp_path / "two\nlines"
    if args[0] == "validate":
        write_lesson(path, "broken", order=95, answer="mauve")
    result = sysdesign(*[str(path) if arg == "{p}" else arg for arg in args],
                       env=env_with(tmp_path / "home", tmp_path))  # fmt: skip
    assert_clean(result)
    said = (result.stdout + result.stderr).strip().splitlines()
    shown = f"{tmp_path}/two\\x0alines"
    naming = [line for line in said if shown in line]
    assert naming, said
    assert not any(line.startswith("lines") for line in said), said  # never split at the \n
    if args[0] == "validate":
        assert result.returncode == 1
        assert naming[0].startswith(f"{shown}/lessons/broken.yaml:"), naming
    elif args[0] == "progress":
        assert result.returncode == 0 and path.is_file()
        assert said == [f"Progress written to {shown}."]
    else:
        assert result.returncode == 2


# ------------------------------------------------- links to nowhere in the state folder
# Cause: a progress file or home that is a link to a missing place was reported as a folder
# that cannot be written ("make ... writable") or a file that exists ("File exists"): the
# message did not name the problem.


def test_a_progress_file_linked_to_nowhere_is_named_and_left_alone(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "progress.db").symlink_to(tmp_path / "gone" / "progress.db")
    result = sysdesign("learn", "--plain", input="1\n", env=env_with(home, tmp_path))
    assert_clean(result)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"Error: {home}/progress.db is a link to {tmp_path}/gone/progress.db, which does not "
        "exist; restore it, or remove the link to start afresh.")  # fmt: skip
    assert (home / "progress.db").is_symlink() and not (tmp_path / "gone").exists()


def test_a_home_linked_to_nowhere_is_named(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.symlink_to(tmp_path / "gone")
    result = sysdesign("progress", env=env_with(home, tmp_path))
    assert_clean(result)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"Error: {home} is a link to {tmp_path}/gone, which does not exist; create that "
        "folder or set SYSDESIGN_HOME to a folder you can write.")  # fmt: skip


# ------------------------------------------------- figures far from 1 stay short
# Cause: numbers were written out in full decimals whatever their size, so an option the
# parser takes (`--server-capacity 1e-300`, `--qps 1e-300`) printed a 300-digit server count
# or 300 zeros; a figure past 10^15 or below 10^-12 is now written as 5.8e302.


@pytest.mark.parametrize(
    ("args", "shows"),
    [
        pytest.param(["estimate", "--dau", "1M", "--server-capacity", "1e-300"],
                     ["Servers at peak   ~5.8e302", "1e-300 QPS per server -> ~5.8e302 servers"],
                     id="server-capacity"),
        pytest.param(["estimate", "--dau", "1", "--requests-per-user", "1e-300"],
                     ["Requests per day         1e-300", "1.16e-305 QPS"], id="requests"),
        pytest.param(["design", "check", "--example", "--qps", "1e-300"], ["1e-300"],
                     id="design-check"),
        pytest.param(["nines", "--downtime", "1e-300s"], ["1e-291 ns of downtime"],
                     id="nines"),
    ],
)  # fmt: skip
def test_a_figure_far_from_one_is_written_short(args: list[str], shows: list[str]) -> None:
    result = sysdesign(*args)
    assert_clean(result)
    assert result.returncode in (0, 1), result.stderr  # design check: 1 = findings
    for line in result.stdout.splitlines():
        assert len(line) <= 200, line[:120]
        assert "0" * 30 not in line and "000,000,000,000,000" not in line, line[:120]
    for said in shows:
        assert said in result.stdout, result.stdout


def test_a_server_count_in_range_is_still_written_in_full() -> None:
    from sysdesign_cli.core.estimate import EstimateInputs, estimate
    from sysdesign_cli.core.estimate_figures import format_figure

    result = estimate(EstimateInputs(dau=1e9, requests_per_user=100, server_capacity_qps=1))
    assert result.servers_needed == 5_787_038
    assert format_figure("servers_needed", 5_787_038) == "5,787,038"


# ------------------------------------------------- odd numbers and letters in a design
# Cause: the block reference took `xN` and `shards N` only as whole numbers, so `app x-1`
# or `db shards 2.5` silently became a new block named `app-x-1` (and `app` fell off every
# flow); a name in other letters was refused without saying which letters a name takes.


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        pytest.param("app x-1", "count -1 is not a whole number from 1 to 1000.", id="minus"),
        pytest.param("app x1.5", "count 1.5 is not a whole number from 1 to 1000.", id="half"),
        pytest.param("app \u00d7 2.5", "count 2.5 is not a whole number from 1 to 1000.",
                     id="times-sign"),
        pytest.param("db shards 2.5", "shards 2.5 is not a whole number from 1 to 1000.",
                     id="shards"),
        pytest.param("アプリ", "A name is written with the letters a-z, digits", id="katakana"),
        pytest.param("アプリ x2", "A name is written with the letters a-z, digits",
                     id="katakana-copies"),
    ],
)  # fmt: skip
def test_an_odd_copy_count_or_name_in_a_design_is_named(typed: str, said: str) -> None:
    from sysdesign_cli.core.graph.build import LineError
    from sysdesign_cli.core.graph.text import parse_ref

    with pytest.raises(LineError) as raised:
        parse_ref(typed)
    assert said in raised.value.message


@pytest.mark.parametrize("typed", ["app x2", "db shards 4", "app-x-1 (app)", "v1.2 (app)"])
def test_a_name_or_count_that_reads_is_read(typed: str) -> None:
    from sysdesign_cli.core.graph.text import parse_ref

    ref = parse_ref(typed)
    assert (ref.name, ref.count, ref.shards) == {
        "app x2": ("app", 2, None), "db shards 4": ("db", None, 4),
        "app-x-1 (app)": ("app-x-1", None, None), "v1.2 (app)": ("v1-2", None, None),
    }[typed]  # fmt: skip


def test_design_check_refuses_a_minus_copy_count(tmp_path: Path) -> None:
    design = tmp_path / "design.txt"
    design.write_text("client -> lb -> app x-1\napp -> db : read, write\n")
    result = sysdesign("design", "check", str(design))
    assert_clean(result)
    assert result.returncode == 2
    assert "line 1: count -1 is not a whole number from 1 to 1000." in result.stderr
    assert "app-x-1" not in result.stdout + result.stderr


# ------------------------------------------------- endless lines on standard input
# Cause: the plain asker read a whole line whatever its length, so `< /dev/zero` or a pipe
# of one endless line filled memory (MemoryError traceback, or the machine's memory) and
# never came back; a refused paste was echoed back whole.


@pytest.mark.parametrize("command", [["learn", "--plain"], ["quiz", "--plain"]])
def test_an_endless_line_on_stdin_stops_reading_with_memory_bounded(
    tmp_path: Path, command: list[str]
) -> None:
    import os

    script = ("import resource, subprocess, sys\n"
              "resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))\n"
              "with open('/dev/zero', 'rb') as zero:\n"
              "    done = subprocess.run(sys.argv[1:], stdin=zero, capture_output=True,"
              " timeout=60)\n"
              "sys.stdout.buffer.write(done.stdout[-600:].replace(b'\\0', b'@'))\n"
              "sys.stderr.buffer.write(done.stderr)\n"
              "sys.exit(done.returncode)\n")  # fmt: skip
    result = subprocess.run([sys.executable, "-c", script, str(SYSDESIGN), *command],
                            capture_output=True, text=True, timeout=120,
                            env=env_with(tmp_path / "home", tmp_path))  # fmt: skip
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr
    assert result.returncode == 0, result.stderr[-1000:]
    said = " ".join(result.stdout.split())
    assert "A line of input ran past 64,000,000 characters: reading stopped." in said
    assert "End of input. Your progress is saved" in said
    assert os.path.getsize(tmp_path / "home" / "progress.db") > 0


def test_a_refused_paste_is_echoed_only_by_its_start(tmp_path: Path) -> None:
    long = "b" * 300_000
    result = sysdesign("learn", "estimation", "--plain", input="1\n1\n1\n" + long + "\n",
                       env=env_with(tmp_path / "home", tmp_path))  # fmt: skip
    assert_clean(result)
    assert result.returncode == 0
    assert "That answer is 300,000 characters long; keep it under 5,000" in result.stdout
    assert f"> {'b' * 80}...\n" in result.stdout
    assert len(result.stdout) < 20_000


# ------------------------------------------------- files of a folder not read, silently
# Cause: links were checked file by file, so a subfolder that is itself a link (`lessons ->
# /`) read YAML files outside the curriculum folder; and only names matching `*.y*ml` were
# looked at, so `01-intro.YAML` was skipped with `validate` saying "OK".


def lessons_linked_out(tmp_path: Path, outside_name: str) -> tuple[Path, Path]:
    """A folder `course` whose lessons/ is a link to `outside_name`'s, which holds one."""
    outside = tmp_path / outside_name
    write_lesson(outside, "private-one", order=95)
    folder = tmp_path / "course"
    folder.mkdir()
    (folder / "lessons").symlink_to(outside / "lessons")
    return outside, folder


def test_a_subfolder_linked_out_of_the_folder_is_not_read(tmp_path: Path) -> None:
    outside, folder = lessons_linked_out(tmp_path, "outside")
    for args in (["validate", str(folder)], ["learn", "--list", "--curriculum", str(folder)]):
        result = sysdesign(*args, env=env_with(tmp_path / "home", tmp_path))
        assert_clean(result)
        said = result.stdout + result.stderr
        assert (f"{folder}/lessons: is a link to {outside}/lessons, outside the curriculum "
                "folder: copy its files in instead") in said  # fmt: skip
        assert "private-one" not in said
        assert result.returncode == (1 if args[0] == "validate" else 0)


def test_a_subfolder_link_is_said_with_its_target_as_it_is(tmp_path: Path) -> None:
    """The folder's message was the file's with "the file" replaced, in the target too."""
    outside, folder = lessons_linked_out(tmp_path, "the file")
    from sysdesign_cli.core.validation import validate

    problems = validate(folder)
    assert [(problem.path, problem.message) for problem in problems] == [
        (folder / "lessons", f"is a link to {outside}/lessons, outside the curriculum folder: "
                             "copy its files in instead"),
    ]  # fmt: skip


def test_a_subfolder_linked_inside_the_folder_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "course"
    write_lesson(folder / "kept", "inside-one", order=95)
    (folder / "lessons").symlink_to(folder / "kept" / "lessons")
    result = sysdesign("learn", "--list", "--curriculum", str(folder),
                       env=env_with(tmp_path / "home", tmp_path))  # fmt: skip
    assert_clean(result)
    assert "(inside-one)" in result.stdout and result.stderr == ""


def test_a_lesson_file_named_in_upper_case_is_named_not_skipped(tmp_path: Path) -> None:
    path = write_lesson(tmp_path, "shouted", order=95)
    path.rename(path.with_name("shouted.YAML"))
    result = sysdesign("validate", str(tmp_path))
    assert_clean(result)
    assert result.returncode == 1
    assert (f"{tmp_path}/lessons/shouted.YAML: is not read: curriculum files end in .yaml or "
            ".yml, in lower case; rename it") in result.stdout  # fmt: skip


# ------------------------------------------------- stop signals at a round's prompts
# Guard (no failure found): SIGTERM, SIGHUP and Ctrl-C at each prompt kind of `interview`
# and `exercise` restore the terminal, print the resume line and exit 128+n.


@pytest.mark.parametrize(
    ("command", "waits_for", "signame", "said"),
    [
        pytest.param(["interview", "pastebin"], "(space to pick)", "SIGTERM",
                     "Stopped. Nothing is saved yet", id="interview-checkbox-term"),
        pytest.param(["exercise", "pastebin"], "Your figure for writes per second", "SIGHUP",
                     "Stopped. Nothing is saved yet", id="exercise-text-hup"),
    ],
)  # fmt: skip
def test_a_stop_signal_at_a_round_prompt(
    tmp_path: Path, command: list[str], waits_for: str, signame: str, said: str
) -> None:
    import signal
    import termios

    pexpect = pytest.importorskip("pexpect")
    sys.path.insert(0, str(Path(__file__).parent))
    from pty_session import screen_text, see, spawn, transcript

    child = spawn(*command, SYSDESIGN_HOME=str(tmp_path / "home"))
    see(child, waits_for)
    time.sleep(0.5)  # the widget has drawn and waits
    signum = getattr(signal, signame)
    child.kill(signum)
    child.expect(pexpect.EOF, timeout=20)
    after = termios.tcgetattr(child.child_fd)
    child.close()
    raw = transcript(child)
    assert child.exitstatus == 128 + signum
    assert raw.rfind("\x1b[?25h") >= raw.rfind("\x1b[?25l")
    assert after[3] & termios.ICANON and after[3] & termios.ECHO
    shown = " ".join(screen_text(child).split())
    assert said in shown and f"run `sysdesign {command[0]} pastebin`" in shown
    assert "Traceback" not in raw
