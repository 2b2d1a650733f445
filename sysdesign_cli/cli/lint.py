"""The author's lint behind `sysdesign validate`: findings as `file:line: field:` problems,
and the curriculum's figures for `--stats`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sysdesign_cli.core.loader import (
    Curriculum,
    Problem,
    builtin_dir,
    lines_of,
    load_curriculum,
    load_file,
)


@dataclass
class LintReport:
    """Lint errors and warnings for the files validated, and what was linted."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    linted: Curriculum = field(default_factory=Curriculum)  # only the files validated


def _inside(path: Path, target: Path | None) -> bool:
    if target is None:
        return True
    path, target = path.resolve(), target.resolve()
    return path == target or (target.is_dir() and path.is_relative_to(target))


def _loaded(target: Path | None) -> Curriculum:
    """The curriculum `target` is checked in: the built-in one, with its folder added."""
    if target is None:
        return load_curriculum()
    if target.is_file() and target.parent.name not in ("lessons", "exercises", "interviews"):
        # A lone file: lint it beside the built-in lessons.
        found = load_curriculum()
        item, problems = load_file(target)
        if item is not None and not problems:
            kind = "lesson" if hasattr(item, "steps") else "exercise"
            store = found.lessons if kind == "lesson" else found.exercises
            store[item.id] = item  # type: ignore[assignment]
            found.sources[f"{kind}:{item.id}"] = target
        return found
    folder = target if target.is_dir() else target.parent.parent
    builtin = folder.resolve() == builtin_dir().resolve()
    return load_curriculum([] if builtin else [folder])


def lint_report(target: Path | None) -> LintReport:
    """Lint the lessons and exercises in `target` (None: the built-in curriculum)."""
    from sysdesign_cli.core.lint import lint

    found = _loaded(target)
    scope = {key for key, path in found.sources.items() if _inside(path, target)}
    report = LintReport()
    report.linted = Curriculum(
        lessons={k: v for k, v in found.lessons.items() if f"lesson:{k}" in scope},
        exercises={k: v for k, v in found.exercises.items() if f"exercise:{k}" in scope},
        interviews={k: v for k, v in found.interviews.items() if f"interview:{k}" in scope},
        sources={key: path for key, path in found.sources.items() if key in scope},
    )
    findings = lint(found, scope)
    by_file: dict[Path, list[int]] = {}
    for index, finding in enumerate(findings):
        by_file.setdefault(found.sources[finding.source], []).append(index)
    for path, indexes in by_file.items():
        places = lines_of(path, [findings[index].loc for index in indexes])
        for index, (line, where) in zip(indexes, places):
            finding = findings[index]
            level = "error" if finding.error else "warning"
            problem = Problem(path, line, where, f"{level}: {finding.message} [{finding.rule}]")
            (report.errors if finding.error else report.warnings).append(problem)
    return report
