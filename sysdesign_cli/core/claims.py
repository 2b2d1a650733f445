"""A name typed with a claim about it: `synchronous, because the page does not wait` names
the right answer and then denies what makes it right. A typed answer is graded on the
name it gives; the words after the name are read against the question's explanation: a
word denied of a subject (the page does not wait) that the explanation states of that
same subject (the page waits) contradicts the point, and the answer is wrong however
right its key word, however short the claim (`synchronous, the page doesn't wait`).
A word is denied as every typed answer's negation reads it (`negation`), and a
statement the explanation narrows (`only knows a name`) is not contradicted by denying
it of something else: a true claim with a negation in it stays right."""

from __future__ import annotations

from sysdesign_cli.core.negation import HELPERS, negated
from sysdesign_cli.core.words import NEGATORS, STOPWORDS, Word, analyse

MIN_CLAIM = 2  # content words after the name that make a claim: a subject and what is denied


def _content(word: Word) -> bool:
    return (not word.boundary and len(word.text) >= 4 and word.text not in STOPWORDS
            and word.text not in NEGATORS and word.text not in HELPERS)  # fmt: skip


def _denied(said: list[Word], at: int) -> bool:
    """Whether the word at `at` is denied (`does not wait`, `without waiting`), read as
    every typed answer's negation is read."""
    return negated(said, (at, at + 1), verb=True)


WINDOW = 4  # words between a claim's subject and what it says of it
# Words that deny what follows them without a negator (`stops sending them`), or narrow
# it so that its denial of something else is no contradiction (`only knows a name`).
_IMPLIED = frozenset(("stop", "stops", "stopped", "avoid", "avoids", "prevent", "prevents",
                      "skip", "skips", "spare", "spares", "instead", "rather", "unless",
                      "only", "just", "merely"))


def _claims(text: str) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(subject, word) stems `text` states of a subject, un-negated, and those it denies:
    each content word with each content word a few words before it in its clause."""
    said = analyse(text)
    stated, denied = set(), set()
    for at, word in enumerate(said):
        if not _content(word):
            continue
        before = []
        for back in range(at - 1, max(-1, at - 1 - WINDOW), -1):
            if said[back].boundary:
                break
            before.append(said[back])
        no = _denied(said, at) or any(w.text in _IMPLIED for w in before[:2])
        for subject in before:
            if _content(subject):
                (denied if no else stated).add((subject.stem, word.stem))
    return stated, denied


def _subject(said: list[Word], at: int) -> str | None:
    """The content word nearest before the denied word at `at`, in its clause: what the
    denial is said of (`page` in `the page does not wait`)."""
    for back in range(at - 1, max(-1, at - 2 - WINDOW), -1):
        if said[back].boundary:
            return None
        if _content(said[back]):
            return said[back].stem
    return None


def denies_explanation(
    answer: str, spans: list[tuple[int, int]], explanation: str, prompt: str = ""
) -> bool:
    """Whether `answer`, beyond the name found at `spans` (of its analysed words), denies
    of a subject what its question's `explanation` states of it (`the page does not
    wait` where the explanation says the page waits). A denial the `prompt` makes too is
    the question's own fact, typed back (`the db with no replica`), not a claim."""
    if not explanation or not spans:
        return False
    said = analyse(answer)
    named = {i for start, end in spans for i in range(start, end)}
    name = {said[i].stem for i in named}
    rest = [at for at, word in enumerate(said) if at not in named and _content(word)
            and word.stem not in name]  # fmt: skip
    if len(rest) < MIN_CLAIM:
        return False
    stated, denied = _claims(explanation)
    stated -= denied | _claims(prompt)[1]
    for at in rest:
        subject = _subject(said, at)
        if subject and _denied(said, at) and (subject, said[at].stem) in stated and (
                not _supposed(said, at)):  # fmt: skip
            return True
    return False


# What a clause only supposes (`otherwise the user would not know`): the reason for the
# answer, told by what would happen without it, denies nothing.
_SUPPOSING = frozenset(("otherwise", "would", "else", "if", "unless", "without", "suppose",
                        "imagine", "wouldn", "could", "couldn"))


def _supposed(said: list[Word], at: int) -> bool:
    """Whether the clause holding the word at `at` supposes rather than states."""
    start = at
    while start > 0 and not said[start - 1].boundary:
        start -= 1
    end = at
    while end + 1 < len(said) and not said[end + 1].boundary:
        end += 1
    return any(word.text in _SUPPOSING for word in said[start : end + 1])
