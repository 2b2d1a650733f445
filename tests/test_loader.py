"""The curriculum loader: shipped lessons load clean; broken YAML gives exact, located errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from sysdesign_cli.cli.app import app
from sysdesign_cli.core.loader import (
    ENV_VAR,
    builtin_dir,
    extra_dirs,
    load_curriculum,
    load_file,
)
from sysdesign_cli.core.validation import validate

# A valid lesson; the cases below break one thing each. Line numbers in the expected
# messages refer to this text: 5 is `order`, 8 the text step, 10 the question, 16 `answer`.
LESSON = """\
id: {id}
title: Alpha
summary: The first lesson.
topics: [basics]
order: 10
prerequisites: []
steps:
  - kind: text
    body: Hello.
  - kind: question
    id: {id}-pick
    type: choice
    topic: basics
    prompt: Pick one.
    choices: [red, blue]
    answer: red
    explanation: Red is right.
"""

ESTIMATE = """\
  - kind: estimate
    id: {id}-qps
    topic: basics
    prompt: 1M users, 10 requests a day each. Average QPS?
    inputs: {{dau: 1000000, requests_per_user: 10}}
    figure: {figure}
    explanation: 10M a day over 86,400 s.
"""


def lesson(lesson_id: str = "alpha", **replace: str) -> str:
    """The valid lesson with `old=new` text replacements (keys name the case, not the text)."""
    text = LESSON.format(id=lesson_id)
    for old, new in replace.values():
        assert old in text, old
        text = text.replace(old, new)
    return text


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / "lessons" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def messages(problems: list) -> list[str]:
    return sorted(str(problem) for problem in problems)


# ---------------------------------------------------------------- shipped


def test_shipped_curriculum_has_no_problems() -> None:
    found = load_curriculum()
    assert found.problems == []
    assert validate(None) == []
    assert len(found.lessons) >= 14
    assert "request-lifecycle" in found.lessons


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(path, id=path.name)
        for path in sorted((builtin_dir() / "lessons").glob("*.yaml"))
    ],  # fmt: skip
)
def test_each_shipped_lesson_file_loads(path: Path) -> None:
    item, problems = load_file(path)
    assert [str(problem) for problem in problems] == []
    assert item is not None
    # Files are named NN-lesson-id.yaml, so the folder reads in teaching order.
    assert path.stem.split("-", 1)[1] == item.id


def test_shipped_lesson_order_matches_file_names() -> None:
    lessons = load_curriculum().ordered_lessons()
    names = sorted(path.stem for path in (builtin_dir() / "lessons").glob("*.yaml"))
    assert [lesson.id for lesson in lessons] == [name.split("-", 1)[1] for name in names]


def test_shipped_prerequisites_come_earlier() -> None:
    lessons = load_curriculum().ordered_lessons()
    position = {lesson.id: index for index, lesson in enumerate(lessons)}
    for lesson in lessons:
        for needed in lesson.prerequisites:
            assert position[needed] < position[lesson.id], (lesson.id, needed)


# ---------------------------------------------------------------- one broken file each

# (case id, {file name: text}, the exact lines `validate` reports, with {d} for the folder)
BROKEN = [
    pytest.param(
        {"01-a.yaml": lesson(indent=("    body: Hello.", "   body: Hello."))},
        [
            "{d}/lessons/01-a.yaml:9: YAML syntax: did not find expected '-' indicator "
            "(check the indentation on this line and the one before)"
        ],
        id="bad-indent",
    ),
    pytest.param(
        {"01-a.yaml": lesson(indent=("  - kind: question", " - kind: question"))},
        [
            "{d}/lessons/01-a.yaml:10: YAML syntax: did not find expected key "
            "(check the indentation on this line and the one before)"
        ],
        id="bad-indent-list-item",
    ),
    pytest.param(
        {"01-a.yaml": lesson(key=("    explanation: Red", "    explanaton: Red"))},
        # One mistake, one message: not also "missing required field 'explanation'".
        [
            "{d}/lessons/01-a.yaml:17: steps[1].explanaton: unknown key 'explanaton' "
            "(did you mean 'explanation'?)"
        ],
        id="misspelt-key",
    ),
    pytest.param(
        {"01-a.yaml": lesson(key=("title: Alpha", "titel: Alpha"))},
        ["{d}/lessons/01-a.yaml:2: titel: unknown key 'titel' (did you mean 'title'?)"],
        id="misspelt-top-level-key",
    ),
    pytest.param(
        {
            "01-a.yaml": lesson("alpha"),
            "02-b.yaml": lesson(
                "beta", qid=("id: beta-pick", "id: alpha-pick"), order=("order: 10", "order: 20")
            ),
        },
        [
            "{d}/lessons/02-b.yaml:11: steps[1].id: question id 'alpha-pick' is already used "
            "in lesson 'alpha'"
        ],
        id="duplicate-question-id-across-files",
    ),
    pytest.param(
        {
            "01-a.yaml": lesson("alpha"),
            "02-b.yaml": lesson("alpha", qid=("id: alpha-pick", "id: other-pick")),
        },
        ["{d}/lessons/02-b.yaml:1: id: lesson id 'alpha' is already used by {d}/lessons/01-a.yaml"],
        id="duplicate-lesson-id",
    ),
    pytest.param(
        {"01-a.yaml": lesson(prereq=("prerequisites: []", "prerequisites: [request-lifecycel]"))},
        [
            "{d}/lessons/01-a.yaml:6: prerequisites[0]: unknown lesson 'request-lifecycel' "
            "(did you mean 'request-lifecycle'?)"
        ],
        id="unknown-prerequisite",
    ),
    pytest.param(
        {"01-a.yaml": lesson(prereq=("prerequisites: []", "prerequisites: [alpha]"))},
        ["{d}/lessons/01-a.yaml:6: prerequisites[0]: a lesson cannot require itself"],
        id="self-prerequisite",
    ),
    pytest.param(
        {
            "01-a.yaml": lesson(
                tag=(
                    "summary: The first lesson.",
                    "summary: !!python/object/apply:os.system [touch pwned]",
                )
            )
        },
        [
            "{d}/lessons/01-a.yaml:3: YAML syntax: YAML tag !!python/object/apply:os.system "
            "is not allowed: lessons are plain data"
        ],
        id="python-object-tag",
    ),
    pytest.param(
        {"01-a.yaml": lesson(order=("order: 10", "order: ten"))},
        ["{d}/lessons/01-a.yaml:5: order: expected a whole number, got str 'ten'"],
        id="wrong-type",
    ),
    pytest.param(
        {
            "01-a.yaml": lesson(
                hints=(
                    "    explanation: Red is right.",
                    "    explanation: Red is right.\n    hints: look up",
                )
            )
        },
        ["{d}/lessons/01-a.yaml:18: steps[1].hints: expected a list, got str 'look up'"],
        id="wrong-type-hints",
    ),
    pytest.param(
        {"01-a.yaml": lesson(answer=("answer: red", "answer: green"))},
        ["{d}/lessons/01-a.yaml:16: steps[1].answer: answer 'green' is not one of the choices"],
        id="answer-not-among-choices",
    ),
    pytest.param(
        {
            "01-a.yaml": lesson(
                kind=("type: choice\n", "type: number\n"),
                choices=("    choices: [red, blue]\n", ""),
                answer=("answer: red", "answer: lots"),
            )
        },
        [
            "{d}/lessons/01-a.yaml:15: steps[1].answer: answer 'lots' is not a quantity: "
            "'lots' does not start with a number"
        ],
        id="number-answer-does-not-parse",
    ),
    pytest.param(
        {
            "01-a.yaml": lesson(
                kind=("type: choice\n", "type: number\n"),
                choices=("    choices: [red, blue]\n", ""),
                answer=("answer: red", "answer: [1]"),
            )
        },
        ["{d}/lessons/01-a.yaml:15: steps[1].answer: expected a number or text, got list [1]"],
        id="number-answer-wrong-type",
    ),
    pytest.param(
        {"01-a.yaml": lesson(order=("order: 10", "order: 10\norder: 20"))},
        ["{d}/lessons/01-a.yaml:6: order: key 'order' appears twice"],
        id="duplicate-yaml-key",
    ),
    pytest.param(
        {
            "01-a.yaml": lesson(
                step=(
                    "  - kind: text\n    body: Hello.\n",
                    ESTIMATE.format(id="alpha", figure="avg_qpz"),
                )
            )
        },
        [
            "{d}/lessons/01-a.yaml:13: steps[0].figure: figure 'avg_qpz' is not one of: "
            "requests_per_day, avg_qps, peak_qps, writes_per_second, reads_per_second, "
            "peak_writes_per_second, peak_reads_per_second, storage_per_day_bytes, "
            "storage_per_month_bytes, storage_total_bytes, bandwidth_in_bytes_per_second, "
            "bandwidth_out_bytes_per_second, servers_needed, cache_bytes, "
            "peak_bandwidth_in_bytes_per_second, peak_bandwidth_out_bytes_per_second"
        ],
        id="estimate-unknown-figure",
    ),
    pytest.param(
        {"01-a.yaml": lesson(kind=("  - kind: text", "  - kind: txt"))},
        [
            "{d}/lessons/01-a.yaml:8: steps[0].kind: kind 'txt' is not one of 'text', 'table', "
            "'tree', 'graph', 'question', 'estimate' (did you mean 'text'?)"
        ],
        id="unknown-step-kind",
    ),
    pytest.param(
        {"01-a.yaml": lesson(kind=("type: choice", "type: choise"))},
        [
            "{d}/lessons/01-a.yaml:12: steps[1].type: type 'choise' is not one of 'choice', "
            "'multi', 'order', 'number', 'text' (did you mean 'choice'?)"
        ],
        id="unknown-question-type",
    ),
    pytest.param(
        {"01-a.yaml": lesson(order=("order: 10\n", ""))},
        ["{d}/lessons/01-a.yaml:1: order: missing required field 'order'"],
        id="missing-field",
    ),
    pytest.param(
        {
            "01-a.yaml": lesson(
                choices=("[red, blue]", "[yes, no]"), answer=("answer: red", "answer: 'yes'")
            )
        },
        [
            "{d}/lessons/01-a.yaml:15: steps[1].choices[0]: expected text, got bool True "
            "(YAML reads yes, no, on, off, true and false as true/false: quote it)",
            "{d}/lessons/01-a.yaml:15: steps[1].choices[1]: expected text, got bool False "
            "(YAML reads yes, no, on, off, true and false as true/false: quote it)",
        ],
        id="yaml-yes-no-booleans",
    ),
    pytest.param(
        {"01-a.yaml": lesson(id=("id: alpha-pick", "id: Alpha_Pick"))},
        [
            "{d}/lessons/01-a.yaml:11: steps[1].id: 'Alpha_Pick' is not an id: "
            "use lowercase letters, digits and dashes"
        ],
        id="bad-slug",
    ),
    pytest.param(
        {"01-a.yaml": lesson(text=("    type: choice\n    topic: basics\n    prompt: Pick one.\n"
                                   "    choices: [red, blue]\n    answer: red\n",
                                   "    type: text\n    topic: basics\n    prompt: Pick one.\n"
                                   "    accept: [application code]\n    alone: [code]\n"))},
        ["{d}/lessons/01-a.yaml:16: steps[1].alone: alone lists ['code'], which accept "
         "does not: list them there too"],
        id="alone-not-accepted",
    ),
    pytest.param(
        {"01-a.yaml": "- just\n- a list\n"},
        ["{d}/lessons/01-a.yaml:1: expected a mapping with id, title, ... at the top"],
        id="not-a-mapping",
    ),
]


@pytest.mark.parametrize(("files", "expected"), BROKEN)
def test_broken_lesson_gives_exact_message(
    tmp_path: Path, files: dict[str, str], expected: list[str]
) -> None:
    folder = tmp_path / "extra"
    for name, text in files.items():
        write(folder, name, text)
    problems = validate(folder)
    assert messages(problems) == sorted(line.format(d=folder) for line in expected)
    for problem in problems:
        assert problem.line is not None, problem  # every error names its line


def test_python_tag_is_never_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = write(
        tmp_path,
        "01-a.yaml",
        lesson(
            tag=(
                "summary: The first lesson.",
                "summary: !!python/object/apply:os.system [touch pwned]",
            )
        ),
    )
    item, problems = load_file(path)
    assert item is None and len(problems) == 1
    assert not (tmp_path / "pwned").exists()


# ---------------------------------------------------------------- every error, not the first


def test_validate_lists_every_error_in_every_file(tmp_path: Path) -> None:
    write(tmp_path, "01-a.yaml", lesson(
        order=("order: 10", "order: ten"),
        answer=("answer: red", "answer: green"),
        key=("    explanation: Red", "    explanaton: Red"),
    ))  # fmt: skip
    write(tmp_path, "02-b.yaml", lesson("beta", indent=("    body: Hello.", "   body: Hello.")))
    write(
        tmp_path,
        "03-c.yaml",
        lesson("gamma", prereq=("prerequisites: []", "prerequisites: [nowhere]")),
    )
    assert [(p.path.name, p.line, p.field) for p in
            sorted(validate(tmp_path), key=lambda p: (str(p.path), p.line))] == [
        ("01-a.yaml", 5, "order"),
        ("01-a.yaml", 16, "steps[1].answer"),  # checked against choices despite the other two
        ("01-a.yaml", 17, "steps[1].explanaton"),
        ("02-b.yaml", 9, ""),
        ("03-c.yaml", 6, "prerequisites[0]"),
    ]  # fmt: skip


def test_validate_command_lists_every_error_and_exits_1(tmp_path: Path) -> None:
    write(tmp_path, "01-a.yaml", lesson(order=("order: 10", "order: ten")))
    write(tmp_path, "02-b.yaml", lesson("beta", answer=("answer: red", "answer: green")))
    result = CliRunner().invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines == [
        f"{tmp_path}/lessons/01-a.yaml:5: order: expected a whole number, got str 'ten'",
        f"{tmp_path}/lessons/02-b.yaml:16: steps[1].answer: answer 'green' is not one of "
        "the choices",
        "2 problem(s) in 2 file(s).",
    ]


def test_validate_one_file(tmp_path: Path) -> None:
    path = write(tmp_path, "01-a.yaml", lesson(order=("order: 10", "order: ten")))
    assert messages(validate(path)) == [f"{path}:5: order: expected a whole number, got str 'ten'"]
    good = write(tmp_path, "02-b.yaml", lesson("beta"))
    assert validate(good) == []


def test_validate_one_file_checks_its_links(tmp_path: Path) -> None:
    write(tmp_path, "01-a.yaml", lesson("alpha"))
    path = write(tmp_path, "02-b.yaml", lesson(
        "beta", qid=("id: beta-pick", "id: alpha-pick"),
        prereq=("prerequisites: []", "prerequisites: [nowhere]"),
    ))  # fmt: skip
    assert messages(validate(path)) == [
        f"{path}:11: steps[1].id: question id 'alpha-pick' is already used in lesson 'alpha'",
        f"{path}:6: prerequisites[0]: unknown lesson 'nowhere'",
    ]
    assert validate(tmp_path / "lessons" / "01-a.yaml") == []


def test_validate_one_shipped_file() -> None:
    assert validate(builtin_dir() / "lessons" / "04-request-lifecycle.yaml") == []


def test_validate_missing_path(tmp_path: Path) -> None:
    assert messages(validate(tmp_path / "nope")) == [f"{tmp_path / 'nope'}: no such file or folder"]


def test_folder_without_lessons_is_a_problem(tmp_path: Path) -> None:
    assert messages(validate(tmp_path)) == [
        f"{tmp_path}: has no lessons/ or exercises/ folder (see curricula/FORMAT.md)"
    ]


def test_valid_extra_folder_validates_clean(tmp_path: Path) -> None:
    write(
        tmp_path,
        "01-a.yaml",
        lesson("alpha", prereq=("prerequisites: []", "prerequisites: [request-lifecycle]")),
    )
    text = lesson(
        "beta",
        step=("  - kind: text\n    body: Hello.\n", ESTIMATE.format(id="beta", figure="avg_qps")),
    )
    write(tmp_path, "02-b.yaml", text)
    assert validate(tmp_path) == []
    assert CliRunner().invoke(app, ["validate", str(tmp_path)]).exit_code == 0


# ---------------------------------------------------------------- extra folders


def test_broken_extra_folder_does_not_hide_builtin_lessons(tmp_path: Path) -> None:
    write(tmp_path, "01-broken.yaml", lesson("broken", order=("order: 10", "order: ten")))
    write(tmp_path, "02-good.yaml", lesson("good"))
    found = load_curriculum([tmp_path])
    assert messages(found.problems) == [
        f"{tmp_path}/lessons/01-broken.yaml:5: order: expected a whole number, got str 'ten'"
    ]
    assert "good" in found.lessons and "broken" not in found.lessons
    assert set(load_curriculum().lessons) < set(found.lessons)


def test_broken_extra_file_is_named_on_stderr_and_the_rest_still_run(tmp_path: Path) -> None:
    write(tmp_path, "01-broken.yaml", lesson("broken", order=("order: 10", "order: ten")))
    result = CliRunner().invoke(app, ["learn", "--list", "--curriculum", str(tmp_path)])
    assert result.exit_code == 0
    assert "01-broken.yaml:5: order: expected a whole number" in result.stderr
    assert "request-lifecycle" in result.stdout


def test_missing_extra_folder_is_reported(tmp_path: Path) -> None:
    found = load_curriculum([tmp_path / "nope"])
    assert messages(found.problems) == [f"{tmp_path / 'nope'}: no such curriculum folder"]
    assert "request-lifecycle" in found.lessons


def test_extra_lesson_with_builtin_id_overrides_it(tmp_path: Path) -> None:
    path = write(tmp_path, "04-mine.yaml", lesson(
        "request-lifecycle", title=("title: Alpha", "title: My own lifecycle"),
        qid=("id: request-lifecycle-pick", "id: my-lifecycle-pick"),
    ))  # fmt: skip
    found = load_curriculum([tmp_path])
    assert found.problems == []
    assert found.lessons["request-lifecycle"].title == "My own lifecycle"
    assert found.sources["lesson:request-lifecycle"] == path
    # The built-in lesson's questions are gone with it; the other lessons stay.
    assert "rl-dns-job" not in found.questions() and "my-lifecycle-pick" in found.questions()
    assert len(found.lessons) == len(load_curriculum().lessons)


def test_extra_question_reusing_a_builtin_id_is_reported_in_the_extra_file(
    tmp_path: Path,
) -> None:
    # Ordered before the built-in lesson that owns the id: still the extra file is blamed,
    # so `validate` on the extra folder shows it.
    write(
        tmp_path,
        "01-a.yaml",
        lesson(qid=("id: alpha-pick", "id: rl-dns-job"), order=("order: 10", "order: 1")),
    )
    assert messages(validate(tmp_path)) == [
        f"{tmp_path}/lessons/01-a.yaml:11: steps[1].id: question id 'rl-dns-job' is already "
        "used in lesson 'request-lifecycle'"
    ]


def test_env_var_and_option_both_add_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from_env, from_option = tmp_path / "env", tmp_path / "option"
    write(from_env, "01-a.yaml", lesson("from-env", title=("title: Alpha", "title: Env lesson")))
    write(
        from_option,
        "01-a.yaml",
        lesson("from-option", title=("title: Alpha", "title: Option lesson")),
    )
    monkeypatch.setenv(ENV_VAR, str(from_env))
    assert extra_dirs(str(from_option)) == [from_env, from_option]
    result = CliRunner().invoke(app, ["learn", "--list", "--curriculum", str(from_option)])
    assert result.exit_code == 0, result.output
    assert "Env lesson" in result.stdout and "Option lesson" in result.stdout
    monkeypatch.delenv(ENV_VAR)
    result = CliRunner().invoke(app, ["learn", "--list"])
    assert "Env lesson" not in result.stdout and "Option lesson" not in result.stdout


def test_env_var_takes_several_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    one, two = tmp_path / "one", tmp_path / "two"
    write(one, "01-a.yaml", lesson("one"))
    write(two, "01-a.yaml", lesson("two"))
    monkeypatch.setenv(ENV_VAR, f"{one}{os.pathsep}{two}")
    found = load_curriculum(extra_dirs(None))
    assert {"one", "two"} <= set(found.lessons)


def test_later_folder_overrides_earlier_one(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    write(one, "01-a.yaml", lesson("same", title=("title: Alpha", "title: First")))
    write(two, "01-a.yaml", lesson("same", title=("title: Alpha", "title: Second")))
    found = load_curriculum([one, two])
    assert found.problems == []
    assert found.lessons["same"].title == "Second"


def test_learn_runs_an_extra_lesson(tmp_path: Path) -> None:
    write(tmp_path, "01-a.yaml", lesson("alpha"))
    result = CliRunner().invoke(
        app, ["learn", "alpha", "--curriculum", str(tmp_path)], input="red\n"
    )
    assert result.exit_code == 0, result.output
    assert "Red is right." in result.stdout
    assert "Lesson complete: Alpha" in result.stdout


def test_listed_files_get_the_paths_a_join_gives(tmp_path: Path) -> None:
    from sysdesign_cli.core.folder_files import children

    names = ["01-a.yaml", "b c.yml", "ünï.yaml", "-x.yaml", ".hidden.yaml"]
    found = children(tmp_path, names)
    assert found == [tmp_path / name for name in names]
    assert [str(path) for path in found] == [str(tmp_path / name) for name in names]
    assert {type(path) for path in found} == {type(tmp_path)}
    assert [path.name for path in found] == names and found[0].parent == tmp_path
    assert [path.parts for path in found] == [(tmp_path / name).parts for name in names]


def test_listed_files_of_a_relative_or_root_folder_get_a_join_s_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sysdesign_cli.core.folder_files import children

    monkeypatch.chdir(tmp_path)
    for base in (Path("."), Path("lessons"), Path("a/../b"), Path("/"), Path(tmp_path.anchor)):
        found = children(base, ["x.yaml", "y.yml"])
        assert [os.fspath(path) for path in found] == [
            os.fspath(base / "x.yaml"), os.fspath(base / "y.yml")]
        assert found == [base / "x.yaml", base / "y.yml"]


@given(st.text(alphabet=".ymlYML-a\n/ é", max_size=12))
def test_a_file_is_listed_as_a_glob_of_yaml_files_lists_it(name: str) -> None:
    import fnmatch
    import re

    from sysdesign_cli.core.folder_files import yaml_name

    glob = re.compile(fnmatch.translate("*.y*ml")).match
    assert yaml_name(name) == bool(glob(name))


def test_the_yaml_names_a_glob_lists() -> None:
    from sysdesign_cli.core.folder_files import yaml_name

    listed = ["a.yaml", "b.yml", ".yml", "x.y.ml", "c.yxml", "d.yaml.yml"]
    unlisted = ["a.YAML", "b.yml~", "c.ml", "yml", "d.yaml.bak", ".yml ", "e.Yml"]
    assert [name for name in listed + unlisted if yaml_name(name)] == listed
