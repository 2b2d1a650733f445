"""A small lesson file, for the tests of how curriculum files are read and cached."""

from __future__ import annotations

from pathlib import Path

LESSON = """\
id: {id}
title: Lesson {id}
summary: A lesson.
topics: [basics]
order: {order}
prerequisites: [{needs}]
steps:
  - kind: question
    id: {question}
    type: choice
    topic: basics
    prompt: Pick one.
    choices: [red, tan]
    answer: {answer}
    explanation: It is the one.
"""


def lesson_text(
    name: str, order: int = 1, answer: str = "red", needs: str = "", question: str = ""
) -> str:
    """The lesson `name`; its one question's id is `name-pick` unless `question` says."""
    return LESSON.format(id=name, order=order, answer=answer, needs=needs,
                         question=question or f"{name}-pick")  # fmt: skip


def write_lesson(folder: Path, name: str, file: str = "", **fields: object) -> Path:
    """The lesson written to `folder/lessons/FILE.yaml` (FILE is `name` unless given)."""
    (folder / "lessons").mkdir(parents=True, exist_ok=True)
    path = folder / "lessons" / f"{file or name}.yaml"
    path.write_text(lesson_text(name, **fields), encoding="utf-8")  # type: ignore[arg-type]
    return path


def vocabulary_plain(vocabulary: object) -> tuple[object, ...]:
    """A words.Vocabulary as comparable data (its words read, if they wait to be)."""
    return tuple(getattr(vocabulary, name) for name in (
        "abbreviations", "synonyms", "opposites", "terms", "names", "words"))  # fmt: skip
