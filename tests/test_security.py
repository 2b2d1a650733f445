"""Security: YAML builds no Python objects, ids never become paths, exports never clobber,
and lesson text is only ever text."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fault_asker import AnyAsker
from typer.testing import CliRunner

from sysdesign_cli.cli.app import app
from sysdesign_cli.core.loader import load_curriculum, load_file

SYSDESIGN = Path(sys.executable).parent / "sysdesign"
PACKAGE = Path(__file__).resolve().parent.parent / "sysdesign_cli"
runner = CliRunner()

LESSON = """\
id: {id}
title: {title}
summary: {summary}
topics: [basics]
order: 5
steps:
  - kind: text
    body: {body}
  - kind: question
    id: {qid}
    type: choice
    topic: basics
    prompt: {prompt}
    choices: [{choice}, plain]
    answer: {choice}
    explanation: {explanation}
    hints: [{hint}]
"""


def lesson_text(**values: str) -> str:
    fields = dict(id="sec", title="Safe", summary="Safe.", body="Hello.", qid="sec-q",
                  prompt="Pick.", choice="right", explanation="Because.", hint="Look.")  # fmt: skip
    fields.update(values)
    return LESSON.format(**fields)


def write_lesson(folder: Path, text: str, name: str = "sec.yaml") -> Path:
    path = folder / "lessons" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- YAML builds only plain data


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param('!!python/object/apply:os.system ["touch {marker}"]', id="object-apply"),
        pytest.param("!!python/object/apply:subprocess.call [[touch, '{marker}']]", id="call"),
        pytest.param("!!python/name:os.system", id="name"),
        pytest.param("!!python/object/new:os.system [touch {marker}]", id="object-new"),
        pytest.param("!!python/module:os", id="module"),
        pytest.param("!!python/tuple [a, b]", id="tuple"),
        pytest.param("!custom {{a: 1}}", id="local-tag"),
    ],
)
@pytest.mark.parametrize("where", ["title", "body"])
def test_python_tags_are_refused_and_run_nothing(tmp_path: Path, payload: str, where: str) -> None:
    marker = tmp_path / "pwned"
    path = write_lesson(tmp_path, lesson_text(**{where: payload.format(marker=marker)}))
    item, problems = load_file(path)
    assert item is None
    assert len(problems) == 1
    assert "is not allowed: lessons are plain data" in problems[0].message
    assert problems[0].line == (2 if where == "title" else 8)
    assert not marker.exists()


def test_a_python_tag_in_an_extra_folder_is_named_and_the_rest_still_load(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    write_lesson(tmp_path, lesson_text(body=f'!!python/object/apply:os.system ["touch {marker}"]'))
    result = subprocess.run(
        [str(SYSDESIGN), "learn", "--list", "--curriculum", str(tmp_path)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0
    assert "sec.yaml:8" in result.stderr and "not allowed" in result.stderr
    assert "Traceback" not in result.stderr
    assert not marker.exists()


def test_the_loader_is_the_c_safe_loader() -> None:
    import yaml

    from sysdesign_cli.core import loader

    assert loader._Loader is getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    source = (PACKAGE / "core" / "yaml_source.py").read_text(encoding="utf-8")
    for unsafe in ("yaml.load(", "UnsafeLoader", "FullLoader", "yaml.Loader", "unsafe_load"):
        assert unsafe not in source


def _imports_yaml(path: Path) -> bool:
    """Whether the module imports PyYAML or yaml_rs (or a part of either), anywhere in it
    but for type checkers (`if TYPE_CHECKING:`)."""
    todo: list[ast.AST] = [ast.parse(path.read_text(encoding="utf-8"))]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            todo += node.orelse
            continue
        todo += ast.iter_child_nodes(node)
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        if any(name.split(".")[0] in ("yaml", "yaml_rs") for name in names):
            return True
    return False


def test_no_module_loads_yaml_any_other_way() -> None:
    users = sorted(str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py")
                   if _imports_yaml(path))  # fmt: skip
    # The full read (PyYAML's C safe loader) and the fast one (yaml_rs: plain data only,
    # no tags, no aliases: tests/test_fast_yaml.py).
    assert users == ["core/fast_yaml.py", "core/yaml_source.py"]


# ---------------------------------------------------------------- ids are slugs, never paths


@pytest.mark.parametrize(
    "bad",
    ["../x", "../../etc/passwd", "a/b", "/abs", "a\\b", "..", ".", "~root", "a b", "C:x", "Up"],
)
@pytest.mark.parametrize("field", ["id", "qid"])
def test_ids_that_could_name_a_path_are_rejected(tmp_path: Path, bad: str, field: str) -> None:
    quoted = '"' + bad.replace("\\", "\\\\") + '"'
    path = write_lesson(tmp_path, lesson_text(**{field: quoted}))
    item, problems = load_file(path)
    assert item is None
    where = "id" if field == "id" else "steps[1].id"
    assert [(p.field, "is not an id" in p.message) for p in problems] == [(where, True)]


@pytest.mark.parametrize("bad", ["../x", "a/b", "/abs"])
def test_exercise_and_stage_ids_that_could_name_a_path_are_rejected(
    tmp_path: Path, bad: str
) -> None:
    source = (load_curriculum().sources["exercise:pastebin"]).read_text(encoding="utf-8")
    for old in ("id: pastebin", "id: pb-scale"):
        path = tmp_path / "exercises" / "x.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(source.replace(old, f'{old.split(":")[0]}: "{bad}"', 1), encoding="utf-8")
        item, problems = load_file(path)
        assert item is None
        assert any("is not an id" in p.message for p in problems), problems


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "a/b"])
@pytest.mark.parametrize("command", ["learn", "exercise"])
def test_a_path_as_a_lesson_or_exercise_name_is_just_an_unknown_name(
    command: str, name: str
) -> None:
    result = runner.invoke(app, [command, name, "--plain"], input="")
    assert result.exit_code == 2
    assert f"no {'lesson' if command == 'learn' else 'exercise'} {name!r}" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


# Calls that make, open or move a path (str.join and str.replace are left out: not paths).
_PATH_CALLS = {"Path", "PurePath", "open", "with_name", "with_suffix", "with_stem", "joinpath",
               "write_text", "write_bytes", "mkdir", "rename", "unlink", "link", "symlink_to",
               "expanduser", "resolve", "connect", "_move_no_clobber", "_keep_aside"}  # fmt: skip


def _names(node: ast.AST) -> set[str]:
    found = set()
    for child in ast.walk(node):
        if isinstance(child, ast.Name):
            found.add(child.id)
        elif isinstance(child, ast.Attribute):
            found.add(child.attr)
    return found


def _looks_like_an_id(name: str) -> bool:
    return name in ("id", "lesson", "exercise", "step", "stage", "question", "topic") or (
        name.endswith("_id") or name.endswith("_ids") or name == "ids"
    )


def path_offenders(source: str, name: str) -> list[str]:
    """Lines of `source` where something named like an id reaches a path call or a `/`."""
    offenders = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if called == "join" and ast.unparse(func).startswith("os.path"):
                called = "Path"
            if called not in _PATH_CALLS:
                continue
            parts: list[ast.AST] = [*node.args, *(k.value for k in node.keywords)]
            if isinstance(func, ast.Attribute):
                parts.append(func.value)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            parts = [node.left, node.right]
            # A number divided by a number is arithmetic, not a path.
            if not any({"Path", "home", "folder", "path", "db", "package"} & _names(part)
                       for part in parts):  # fmt: skip
                continue
        else:
            continue
        used = set().union(*(_names(part) for part in parts)) if parts else set()
        bad = sorted(name for name in used if _looks_like_an_id(name))
        if bad:
            offenders.append(f"{name}:{node.lineno} uses {bad}")
    return offenders


@pytest.mark.parametrize(
    "source",
    [
        "home / lesson.id",
        'Path(f"{question_id}.md")',
        'open(folder / f"{exercise_id}.md", "w")',
        "target.with_name(stage.id)",
        "os.path.join(base, step.id)",
    ],
)
def test_the_path_check_catches_an_id_in_a_path(source: str) -> None:
    assert len(path_offenders(source, "x.py")) >= 1


def test_no_path_is_ever_built_from_a_curriculum_id() -> None:
    """Every path the package builds or opens comes from the user's options, the home or the
    package itself: nothing that names a lesson, step or exercise reaches a path call or `/`."""
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        offenders += path_offenders(source, str(path.relative_to(PACKAGE)))
    assert offenders == []


def test_the_progress_file_lives_in_the_home_whatever_was_learnt(isolated_env: Path) -> None:
    result = runner.invoke(app, ["learn", "what-is-a-system", "--plain"], input="1\n" * 50)
    assert result.exit_code == 0
    made = sorted(p.name for p in isolated_env.iterdir())
    assert made and all(name.startswith("progress.db") for name in made)


# ---------------------------------------------------------------- exports never clobber


def test_progress_export_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "mine.json"
    target.write_bytes(b"precious\x00bytes")
    result = runner.invoke(app, ["progress", "--export", str(target)])
    assert result.exit_code == 1
    assert "already exists" in result.output and "--force" in result.output
    assert target.read_bytes() == b"precious\x00bytes"
    forced = runner.invoke(app, ["progress", "--export", str(target), "--force"])
    assert forced.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("{")


def test_progress_export_through_a_symlink_to_a_file_is_refused(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("keep me", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    result = runner.invoke(app, ["progress", "--export", str(link)])
    assert result.exit_code == 1
    assert real.read_text(encoding="utf-8") == "keep me"


def test_exercise_export_is_refused_before_the_exercise_starts(tmp_path: Path) -> None:
    target = tmp_path / "design.md"
    target.write_text("my notes", encoding="utf-8")
    result = runner.invoke(app, ["exercise", "pastebin", "--plain", "--export", str(target)],
                           input="")  # fmt: skip
    assert result.exit_code == 1
    assert "already exists" in result.output
    assert "Clarify the scale" not in result.output  # refused before asking anything
    assert target.read_text(encoding="utf-8") == "my notes"


def test_exercise_export_that_appears_during_the_exercise_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is checked before the exercise and written after it, minutes later: a file
    made in between (another terminal, an editor) is not clobbered either."""
    from sysdesign_cli.sessions.exercise import ExerciseSession

    target = tmp_path / "design.md"
    play = ExerciseSession.play
    monkeypatch.setattr("sysdesign_cli.cli.exercise.make_asker", lambda console, plain: AnyAsker())

    def play_then_someone_writes(self):  # type: ignore[no-untyped-def]
        run = play(self)
        target.write_text("written meanwhile", encoding="utf-8")
        return run

    monkeypatch.setattr(ExerciseSession, "play", play_then_someone_writes)
    result = runner.invoke(app, ["exercise", "pastebin", "--export", str(target)])
    assert target.read_text(encoding="utf-8") == "written meanwhile"
    assert result.exit_code == 1
    assert "--force" in result.output
    assert "Traceback" not in result.output
    # The result itself was saved before the export was refused.
    listed = runner.invoke(app, ["progress", "--json"])
    assert '"pastebin"' in listed.output


# ---------------------------------------------------------------- lesson text is only text

MARKUP = "[bold]B[/bold] [/] [link=file:///etc/passwd]L[/link] [red on white]R"


def test_lesson_text_renders_literally_and_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    shell = f"$(touch {marker}) `touch {marker}` ; touch {marker} | sh"
    body = "|\n      " + "\n      ".join([
        MARKUP, "", f"[a link](file://{marker})", "", shell, "", f"<script>{shell}</script>",
    ])  # fmt: skip
    quoted = '"' + MARKUP + " " + shell.replace('"', "") + '"'
    text = lesson_text(title=quoted, summary=quoted, body=body, prompt=quoted,
                       choice='"' + MARKUP + '"', explanation=quoted, hint=quoted)  # fmt: skip
    write_lesson(tmp_path, text)
    env = dict(os.environ, COLUMNS="300")
    result = subprocess.run(
        [str(SYSDESIGN), "learn", "sec", "--plain", "--curriculum", str(tmp_path)],
        input="2\n1\n", capture_output=True, text=True, timeout=60, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    out = result.stdout
    # Title, summary, prompt, choice, hint and explanation: every tag shown as typed.
    assert out.count(MARKUP) >= 6, out
    assert "$(touch" in out and "`touch" in out  # backticks and $(...) are shown, not run
    assert not marker.exists()


def test_markdown_and_markup_in_a_text_step_stay_text() -> None:
    import io

    from rich.console import Console

    from sysdesign_cli.core.curriculum import TextStep
    from sysdesign_cli.render.lesson import render_step

    body = f"{MARKUP}\n\n`$(rm -rf /)` and [x](javascript:alert(1))"
    step = TextStep(kind="text", title=MARKUP, body=body)
    console = Console(file=io.StringIO(), width=200, color_system=None)
    console.print(render_step(step))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert out.count(MARKUP) == 2
    assert "$(rm -rf /)" in out
