"""`sysdesign design check FILE`: through CliRunner, the installed command, and (for
--watch) a real pseudo-terminal that saves the file and presses Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from test_startup import HEAVY, RICH, _hits, loaded_modules
from typer.testing import CliRunner

import sysdesign_cli
from sysdesign_cli.cli.app import app

DESIGNS = Path(__file__).parent / "fixtures" / "designs"
SYSDESIGN = Path(sys.executable).parent / "sysdesign"
PASTEBIN = (DESIGNS / "pastebin.txt").read_text(encoding="utf-8")
SINGLE_DB = PASTEBIN.replace("db ~> replica\n", "")
runner = CliRunner()


def check(*args: str):
    return runner.invoke(app, ["design", "check", *args])


def design_file(tmp_path: Path, text: str, name: str = "design.txt") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_the_reference_pastebin_has_no_finding_and_exits_0() -> None:
    result = check(str(DESIGNS / "pastebin.txt"))
    assert (result.exit_code, "Checks: no findings." in result.output) == (0, True)
    assert "Availability per flow" in result.output
    assert "Drill: db dies" in result.output  # the primary dies, by default
    assert "replica takes over from db" in result.output


def test_a_single_database_is_the_one_finding_and_exits_1(tmp_path: Path) -> None:
    result = check(design_file(tmp_path, SINGLE_DB))
    assert result.exit_code == 1
    assert "Checks: 1 finding" in result.output
    assert "db exists once: if it dies, read and write stop." in result.output
    assert "read: hits only" in result.output  # and the drill agrees


def test_traffic_gives_the_load_table_and_the_first_block_past_100_percent() -> None:
    result = check(str(DESIGNS / "pastebin.txt"), "--qps", "638")
    assert result.exit_code == 0
    assert "Load at peak" in result.output
    assert "First past 100%: app, at about 3.1x today's traffic" in result.output


def test_traffic_per_flow_and_growth_to_twenty() -> None:
    result = check(str(DESIGNS / "pastebin.txt"), "--qps", "read=580,write=58", "--grow", "20")
    assert "Traffic at peak: read 580 QPS, write 58 QPS." in result.output
    growth = result.output.split("As traffic grows")[1].splitlines()[1]
    assert growth.split() == ["Block", "now", "2x", "5x", "10x", "20x"]


def test_drills_on_request() -> None:
    result = check(str(DESIGNS / "pastebin.txt"), "--kill", "app:1", "--kill", "cache")
    out = result.output
    assert ("Drill: 1 copy of app dies" in out, "Drill: cache dies" in out) == (True, True)
    assert "Drill: db dies" not in out


def test_only_the_flows_asked_for() -> None:
    result = check(str(DESIGNS / "pastebin.txt"), "--flows", "read")
    assert ("read" in result.output, "\nwrite\n" in result.output) == (True, False)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        pytest.param(["--qps", "fast"], "--qps", id="bad-qps"),
        pytest.param(["--qps", "browse=5"], "no flow 'browse' in the design", id="unknown-flow"),
        pytest.param(["--kill", "dbb"], "no block 'dbb' in the design", id="unknown-block"),
        pytest.param(["--flows", "upload"], "no flow 'upload'", id="unknown-flows"),
        pytest.param(["--grow", "0.5"], "--grow", id="shrinking"),
        pytest.param(["--grow", "nan"], "--grow", id="grow-nan"),
        pytest.param(["--qps", ""], "--qps: it is empty", id="empty-qps"),
        pytest.param(["--flows", ""], "--flows: it names no flow; give one or more of read, "
                     "write", id="empty-flows"),
        pytest.param(["--flows", " , "], "--flows: it names no flow", id="blank-flows"),
        pytest.param(["--qps", "read=0,write=0"], "above zero", id="no-traffic"),
        pytest.param(["--qps", "read=5,read=6"], "'read' is given twice", id="flow-twice"),
    ],
)
def test_bad_options_are_one_clear_error(args: list[str], says: str) -> None:
    result = check(str(DESIGNS / "pastebin.txt"), *args)
    assert (result.exit_code, says in result.output, "Traceback" in result.output) == (
        2, True, False)  # fmt: skip


@pytest.mark.parametrize("qps", ["5000", "1M"])
def test_a_design_already_overloaded_today_is_said_so_not_as_growth(qps: str) -> None:
    result = check(str(DESIGNS / "pastebin.txt"), "--qps", qps)
    assert "Past 100% already: app handles only about" in result.output
    assert "today's traffic" in result.output and "First past 100%" not in result.output


def test_json_has_the_same_findings_and_figures(tmp_path: Path) -> None:
    result = check(design_file(tmp_path, SINGLE_DB), "--json", "--qps", "638")
    data = json.loads(result.output)
    assert result.exit_code == 1
    assert [(f["kind"], f["blocks"]) for f in data["findings"]] == [
        ("single point of failure", ["db"])
    ]
    assert data["single_points_of_failure"] == [
        {"name": "db", "flows": ["read", "write"], "later": [], "zone": False}
    ]
    assert data["growth"]["first"] == "app"
    assert [item["flow"] for item in data["availability"]] == ["read", "write"]


def test_json_counts_dns_as_cached_lookups_as_the_screen_does(tmp_path: Path) -> None:
    text = "client -> dns\nclient -> lb\nlb -> app x2\napp -> db\ndb ~> replica\n"
    result = check(design_file(tmp_path, text), "--json", "--qps", "640")
    blocks = {b["name"]: b for b in json.loads(result.output)["load"]["blocks"]}
    assert (blocks["dns"]["reads"], blocks["dns"]["note"]) == (
        None, "cached lookups, not one a request")  # fmt: skip
    assert blocks["lb"]["reads"] == 640.0 and "note" not in blocks["lb"]


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_pipe_or_a_device_is_refused_without_reading_it(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "design.fifo"
    if kind == "fifo":
        os.mkfifo(path)  # reading it would wait for a writer forever
    else:
        path = Path("/dev/zero")  # reading it would never end
    result = subprocess.run([str(SYSDESIGN), "design", "check", str(path)],
                            capture_output=True, text=True, timeout=60)  # fmt: skip
    said = "a named pipe (FIFO)" if kind == "fifo" else "a device"
    assert (result.returncode, f"{path} is {said}" in result.stderr) == (2, True)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        pytest.param("client -> lb\nlb -> appp\n", "design.txt: 1 problem:", id="unknown-block"),
        pytest.param(b"\xff\xfe client -> lb", "is not UTF-8 text", id="not-utf8"),
        pytest.param("a -> b\n" * 20_000, "the limit is 64,000", id="too-big"),
        pytest.param("# nothing\n", "the design has no blocks", id="empty"),
    ],
)
def test_a_bad_file_is_one_clear_error_and_exit_2(tmp_path: Path, content, says: str) -> None:
    path = tmp_path / "design.txt"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    result = subprocess.run([str(SYSDESIGN), "design", "check", str(path)],
                            capture_output=True, text=True, timeout=60)  # fmt: skip
    assert (result.returncode, says in result.stderr, "Traceback" in result.stderr) == (
        2, True, False)  # fmt: skip
    assert result.stdout == ""


def test_a_bad_line_is_named_with_its_fix(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(SYSDESIGN), "design", "check", design_file(tmp_path, "client -> lb\nlb -> appp\n")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.stderr.splitlines()[1].strip() == (
        "line 2: 'appp' is not a block kind I know. Did you mean 'app'? Use a kind (client, "
        "dns, lb, app, ws, cache, db, replica, storage, queue, worker, matcher, cdn, search) "
        "or say which it is: `appp (app)`."
    )


@pytest.mark.parametrize(
    ("target", "says"),
    [
        pytest.param("missing.txt", "no such file", id="missing"),
        pytest.param(".", "is a folder", id="folder"),
        pytest.param("loop", "a symbolic link that loops", id="link-loop"),
        pytest.param("dangling", "cannot read", id="dangling-link"),
    ],
)
def test_a_path_that_is_not_a_design_file(tmp_path: Path, target: str, says: str) -> None:
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    (tmp_path / "dangling").symlink_to(tmp_path / "gone.txt")
    result = check(str(tmp_path / target))
    assert (result.exit_code, says in result.output) == (2, True)


def test_control_characters_in_a_file_never_reach_the_terminal(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(SYSDESIGN), "design", "check", design_file(tmp_path, "lb -> \x1b[31mapp\n")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert (result.returncode, "\x1b" in result.stderr + result.stdout) == (2, False)


def test_a_mermaid_flowchart_in_a_readme_is_checked(tmp_path: Path) -> None:
    readme = (
        "# Service\n\n```mermaid\nflowchart LR\n  C[Browser] --> L[Load balancer]\n"
        "  L --> A[App x2]\n  A -->|read| R[Redis]\n  A -->|read, write| D[(Primary DB)]\n```\n"
    )
    result = check(design_file(tmp_path, readme, "README.md"))
    assert result.exit_code == 1
    assert "primary-db exists once" in result.output


def test_an_untagged_design_is_told_how_to_name_flows(tmp_path: Path) -> None:
    result = check(design_file(tmp_path, "client -> lb -> app x2 -> db x2\n"))
    assert "No edge names a flow" in " ".join(result.output.split())


def test_help_has_examples_and_loads_nothing_heavy() -> None:
    output, modules = loaded_modules("design", "check", "--help")
    assert "sysdesign design check pastebin.txt --qps 580" in output
    assert _hits(modules, HEAVY + RICH) == []


def test_the_installed_command_runs_a_check() -> None:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80"}
    result = subprocess.run([str(SYSDESIGN), "design", "check", str(DESIGNS / "chat.txt")],
                            capture_output=True, text=True, timeout=60, env=env)  # fmt: skip
    assert result.returncode == 1
    assert "db exists once: if it dies, history stops" in " ".join(result.stdout.split())


# ---------------------------------------------------------------- --watch


def wait_for(read, text: str, timeout: float = 20.0) -> str:
    """Read from `read()` until `text` has appeared; everything read so far."""
    seen = ""
    end = time.monotonic() + timeout
    while text not in seen:
        if time.monotonic() > end:
            raise AssertionError(f"{text!r} did not appear in:\n{seen}")
        seen += read()
    return seen


def watching(path: Path, stderr: int) -> tuple[subprocess.Popen[bytes], Any]:
    """`design check PATH --watch` running, and a `read()` of what it has printed since."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    child = subprocess.Popen([str(SYSDESIGN), "design", "check", str(path), "--watch"],
                             stdout=subprocess.PIPE, stderr=stderr, env=env)  # fmt: skip
    os.set_blocking(child.stdout.fileno(), False)  # type: ignore[union-attr]

    def read() -> str:
        time.sleep(0.05)
        return (child.stdout.read() or b"").decode()  # type: ignore[union-attr]

    return child, read


def interrupt(child: subprocess.Popen[bytes]) -> tuple[bytes, bytes]:
    """Ctrl-C the watcher; the rest of what it printed."""
    child.send_signal(signal.SIGINT)
    return child.communicate(timeout=20)


def test_watch_checks_again_on_save_and_stops_cleanly_on_interrupt(tmp_path: Path) -> None:
    path = Path(design_file(tmp_path, SINGLE_DB))
    child, read = watching(path, subprocess.PIPE)
    try:
        wait_for(read, "for changes; Ctrl-C stops.")
        path.write_text(PASTEBIN, encoding="utf-8")
        seen = wait_for(read, "Checks: no findings.")
        assert "Checks: 1 finding" not in seen  # only the new check after the save
        path.write_text("client -> lb\nlb -> appp\n", encoding="utf-8")
        time.sleep(1.0)
        path.write_text(SINGLE_DB, encoding="utf-8")
        wait_for(read, "Checks: 1 finding")
        rest = interrupt(child)
    finally:
        child.kill()
    assert child.returncode == 0
    assert "Stopped watching." in rest[0].decode()
    assert "'appp' is not a block kind" in rest[1].decode()  # the bad save, on stderr
    assert "Traceback" not in rest[1].decode()


@pytest.mark.pty
def test_watch_in_a_terminal_redraws_on_save_and_ctrl_c_exits(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    import pty_session

    path = Path(design_file(tmp_path, SINGLE_DB))
    child = pty_session.spawn("design", "check", str(path), "--watch", dimensions=(40, 100))
    child.expect("Checks: 1 finding", timeout=20)
    # The status line wraps where the temporary folder's name is long: matched as drawn.
    child.expect(pty_session.shows("Ctrl-C stops"), timeout=20)
    path.write_text(PASTEBIN, encoding="utf-8")
    child.expect("Checks: no findings", timeout=20)
    child.sendcontrol("c")
    child.expect("Stopped watching.", timeout=20)
    child.expect(pexpect.EOF, timeout=20)
    child.close()
    assert child.exitstatus == 0
    assert "Traceback" not in pty_session.screen_text(child)


def test_the_readme_example_prints_what_the_readme_shows(tmp_path: Path) -> None:
    design, shown = _readme_example()
    (tmp_path / "pastebin.txt").write_text(design, encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    result = subprocess.run([str(SYSDESIGN), "design", "check", "pastebin.txt", "--qps", "640"],
                            capture_output=True, text=True, timeout=60, env=env,
                            cwd=tmp_path)  # fmt: skip
    printed = [line.rstrip() for line in result.stdout.splitlines()]
    expected = [line for line in shown.strip("\n").splitlines()[1:] if line != "..."]
    assert [line for line in expected if line not in printed] == []


def _readme_example() -> tuple[str, str]:
    """The README's example design and the output it shows for it."""
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("### `sysdesign design check FILE`", 1)[1]
    design, shown = section.split("```")[1], section.split("```")[3]
    return design.strip("\n") + "\n", shown


def test_the_readme_example_is_the_one_shipped_with_the_package() -> None:
    from sysdesign_cli.cli.design_source import EXAMPLE

    assert EXAMPLE.read_text(encoding="utf-8") == _readme_example()[0]
    assert EXAMPLE.is_relative_to(Path(sysdesign_cli.__file__).parent)  # inside the wheel


def test_the_readme_example_checks_from_an_empty_folder(tmp_path: Path) -> None:
    """A learner who installed the package, in a folder with nothing in it, runs the
    README's example and sees what the README shows, its design printed first."""
    design, shown = _readme_example()
    empty = tmp_path / "empty"
    empty.mkdir()
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    result = subprocess.run([str(SYSDESIGN), "design", "check", "--example", "--qps", "640"],
                            capture_output=True, text=True, timeout=60, env=env,
                            cwd=empty)  # fmt: skip
    assert (result.returncode, result.stderr) == (1, "")  # one finding: the db's SPOF
    printed = [line.rstrip() for line in result.stdout.splitlines()]
    assert printed[1 : 1 + len(design.splitlines())] == design.splitlines()
    expected = [line for line in shown.strip("\n").splitlines()[1:] if line != "..."]
    assert [line for line in expected if line not in printed] == []
    assert list(empty.iterdir()) == []  # nothing written where it ran

    as_json = subprocess.run([str(SYSDESIGN), "design", "check", "--example", "--json"],
                             capture_output=True, text=True, timeout=60, env=env,
                             cwd=empty)  # fmt: skip
    assert json.loads(as_json.stdout)["file"] == "pastebin.txt"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ([], "give a design FILE (one edge a line, or Mermaid), or --example"),
        (["pastebin.txt", "--example"], "give a FILE or --example, not both"),
        (["--example", "--watch"], "--watch checks a file you edit"),
    ],
)
def test_a_file_or_the_example_is_asked_for(args: list[str], says: str) -> None:
    result = subprocess.run([str(SYSDESIGN), "design", "check", *args], capture_output=True,
                            text=True, timeout=60)  # fmt: skip
    assert result.returncode == 2
    assert says in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr


def _folder_with_app_capacity(tmp_path: Path, value: str) -> Path:
    shipped = Path(__file__).parent.parent / "curricula" / "reference" / "capacity.yaml"
    text = shipped.read_text(encoding="utf-8")
    old = "  - block: app\n    what: capacity\n    value: 1000\n"
    assert old in text
    folder = tmp_path / "folder"
    (folder / "reference").mkdir(parents=True)
    (folder / "reference" / "capacity.yaml").write_text(
        text.replace(old, old.replace("1000", value)), encoding="utf-8")
    return folder


@pytest.mark.parametrize("where", ["before", "after", "env"])
def test_a_folder_capacity_table_is_used_however_the_folder_is_given(
    tmp_path: Path, where: str
) -> None:
    # 250 requests/s on each of two app copies: 25% of the built-in 1,000/s, 250% of 100/s.
    folder = str(_folder_with_app_capacity(tmp_path, "100"))
    design = design_file(tmp_path, SINGLE_DB)
    args = {"before": ["--curriculum", folder, "design", "check", design, "--qps", "500"],
            "after": ["design", "check", design, "--qps", "500", "--curriculum", folder],
            "env": ["design", "check", design, "--qps", "500"]}[where]  # fmt: skip
    env = {"SYSDESIGN_CURRICULUM": folder} if where == "env" else {}
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 1, result.output
    rows = [line.split() for line in result.output.splitlines() if line.startswith("app ")]
    assert rows[0] == ["app", "2", "500", "250", "250%"]
    built_in = check(design, "--qps", "500")
    assert next(line.split() for line in built_in.output.splitlines()
                if line.startswith("app "))[-1] == "25%"  # fmt: skip


def test_a_broken_folder_capacity_table_is_named_not_passed_over(tmp_path: Path) -> None:
    folder = str(_folder_with_app_capacity(tmp_path, "0"))
    result = subprocess.run([str(SYSDESIGN), "design", "check", design_file(tmp_path, SINGLE_DB),
                             "--qps", "500", "--curriculum", folder],
                            capture_output=True, text=True, timeout=60)  # fmt: skip
    assert "Traceback" not in result.stderr
    assert "reference/capacity.yaml:61: figures[8]: value: a capacity is more than zero" \
        in result.stderr  # fmt: skip
    assert "app         2         500       250  25%" in result.stdout  # the built-in table
    missing = check(design_file(tmp_path, SINGLE_DB), "--curriculum", str(tmp_path / "nope"))
    assert missing.exit_code == 2
    assert "no such folder" in missing.output


@pytest.mark.parametrize("becomes", ["fifo", "dev-zero"])
def test_watch_refuses_a_path_that_becomes_a_pipe_or_a_device(tmp_path: Path, becomes: str) -> None:
    # The watcher read the file whole to see whether it changed: a FIFO hung it for good
    # (deaf to Ctrl-C), a link to /dev/zero ate memory.
    path = Path(design_file(tmp_path, SINGLE_DB))
    child, read = watching(path, subprocess.STDOUT)
    try:
        wait_for(read, "for changes; Ctrl-C stops.")
        path.unlink()
        if becomes == "fifo":
            os.mkfifo(tmp_path / "pipe")
            path.symlink_to(tmp_path / "pipe")
        else:
            path.symlink_to("/dev/zero")
        said = "a named pipe (FIFO)" if becomes == "fifo" else "is a device"
        assert "only regular files are read" in wait_for(read, said)
        path.unlink()
        path.write_text(PASTEBIN, encoding="utf-8")
        wait_for(read, "Checks: no findings.")
        rest = interrupt(child)
    finally:
        child.kill()
        child.wait()
        child.stdout.close()  # type: ignore[union-attr]
    assert child.returncode == 0
    assert "Stopped watching." in rest[0].decode()


TWIN_LB = "client -> lb -> app x2\nload balancer -> app\napp -> db : read, write\ndb ~> replica\n"
TWIN_NOTE = ("lb and load-balancer are names for the same kind (load balancer), so they are "
             "drawn as 2 separate blocks. If you meant one load balancer, write it with one "
             "name everywhere (e.g. lb).")  # fmt: skip


def test_two_names_for_one_block_are_said_with_the_fix(tmp_path: Path) -> None:
    path = design_file(tmp_path, TWIN_LB)
    result = subprocess.run([str(SYSDESIGN), "design", "check", path],
                            capture_output=True, text=True, timeout=60)  # fmt: skip
    assert f"Note: {TWIN_NOTE}" in " ".join(result.stdout.split())
    data = json.loads(check(path, "--json").output)
    assert data["notes"] == [TWIN_NOTE]


def test_three_names_for_one_block_are_listed_with_commas(tmp_path: Path) -> None:
    three = TWIN_LB.replace("load balancer -> app\n", "load balancer -> app\nalb -> app\n")
    data = json.loads(check(design_file(tmp_path, three), "--json").output)
    assert data["notes"] == [
        "lb, load-balancer and alb are names for the same kind (load balancer), so they are "
        "drawn as 3 separate blocks. If you meant one load balancer, write it with one name "
        "everywhere (e.g. lb)."
    ]


def test_one_name_or_two_tiers_of_one_kind_give_no_note(tmp_path: Path) -> None:
    for text in (PASTEBIN, "client -> web -> api -> db\n", "client -> lb -> app -> users-db\n"
                 "app -> links-db\n", "viewer -> cdn\nuploader -> app -> storage\n"):  # fmt: skip
        data = json.loads(check(design_file(tmp_path, text), "--json").output)
        assert data["notes"] == [], text
