"""A name typed with a claim about it: `synchronous, because the page does not wait` names
the right answer and then denies what makes it right. A typed answer is graded on the
name it gives; the words after the name are read against the question's explanation,
and a claim that denies what the explanation states (the page waits) contradicts the
point: the answer is wrong, however right its key word."""

from __future__ import annotations

from sysdesign_cli.core.negation import negated
from sysdesign_cli.core.words import NEGATORS, STOPWORDS, Word, analyse

MIN_CLAIM = 3  # content words after the name that make a claim, not a remark (`the DB, sharded`)


def _content(word: Word) -> bool:
    return (not word.boundary and len(word.text) >= 4 and word.text not in STOPWORDS
            and word.text not in NEGATORS)  # fmt: skip


def _polarity(text: str) -> tuple[set[str], set[str]]:
    """The content stems `text` states un-negated, and those it negates."""
    said = analyse(text)
    stated, denied = set(), set()
    for at, word in enumerate(said):
        if _content(word):
            (denied if negated(said, (at, at + 1)) else stated).add(word.stem)
    return stated, denied


def denies_explanation(
    answer: str, spans: list[tuple[int, int]], explanation: str, prompt: str = ""
) -> bool:
    """Whether `answer`, beyond the name found at `spans` (of its analysed words), denies
    a word its question's `explanation` states (`does not wait` where the explanation
    says the page waits). A word the `prompt` negates is the question's own fact, typed
    back (`the db with no replica`, asked of a database with no replica), not a claim."""
    if not explanation or not spans:
        return False
    said = analyse(answer)
    named = {i for start, end in spans for i in range(start, end)}
    name = {said[i].stem for i in named}
    rest = [at for at, word in enumerate(said) if at not in named and _content(word)
            and word.stem not in name]  # fmt: skip
    if len(rest) < MIN_CLAIM:
        return False
    stated, denied = _polarity(explanation)
    stated -= denied | _polarity(prompt)[1]
    return any(said[at].stem in stated and negated(said, (at, at + 1)) for at in rest)
