"""Free answers against a rubric: which key points an answer shows, and which it
contradicts.

A machine cannot judge prose the way a teacher does, so it proposes and the learner
decides: the tutor reads the answer for each point's phrasings (those that show it,
those that contradict it, and any showing phrase negated: `no replica needed`), shows
what it found next to the model answer, and the learner confirms the points they made.
The score comes from the confirmed points and is labelled self-assessed; a point the
answer contradicts never earns credit, ticked or not.

An answer that is only key words of two or more points (`spof replica`, `cdn, cache`)
names them without making them: the tutor finds nothing in it, says so, and leaves the
learner to tick what it really says. One key word alone answers a one-point question
(`small`, for why a paste fits in a row), but makes no point of a rubric that needs two
or more (`fast`, `yes, it's fine`): a point needs the idea said, not one word of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any

from sysdesign_cli.core.evidence import own_words
from sysdesign_cli.core.negation import LINKS, names_only
from sysdesign_cli.core.point_subject import groups_of, said_of
from sysdesign_cli.core.pronouns import resolve
from sysdesign_cli.core.textmatch import analyse, saying
from sysdesign_cli.core.weighing import weighed
from sysdesign_cli.core.words import BOUNDARY, NEGATORS, STOPWORDS, compiled, raw_words

# Words that agree or shrug without saying anything of the design (`yes, it's fine`).
FILLERS = frozenset(("yes", "yeah", "yep", "sure", "ok", "okay", "fine", "good", "right",
                     "correct", "well", "depends", "agree", "true"))

FOUND = "found"
CONTRADICTED = "contradicted"
MISSING = "missing"
NAMED = "named"  # a key word of the point, in an answer that is only key words

@dataclass(frozen=True)
class Finding:
    """What the tutor read in an answer for one key point."""

    point_id: str
    point: str  # the point as the checklist shows it
    status: str  # found, contradicted or missing
    evidence: str = ""  # the learner's words that decided it


def assess(answer: str, rubric: Any) -> list[Finding]:
    """Each key point of `rubric` as found, contradicted or missing in `answer`, a fix said
    of a pronoun (`replicate it`) read as the fix of the block named before it."""
    typed, answer = answer, resolve(answer)
    said = analyse(answer)
    findings = []
    covered: set[int] = set()
    for point in rubric.points:
        status, evidence, denial = MISSING, "", ""
        for phrase in point.contradicts:
            apart = _said_apart(answer, phrase)
            if _claimed(answer, said, phrase) or apart == "yes":
                status, evidence = CONTRADICTED, phrase
                break
            if apart == "negated":  # denying a contradiction makes the point
                denial = denial or f"not {phrase}"
        if status == MISSING:
            shown = [(phrase, *saying(said, phrase, prose=True)) for phrase in point.shows]
            if point.about:
                shown = [(phrase, verdict, spans) if verdict != "yes" or _about(
                    answer, phrase, point.about) else (phrase, "", [])
                    for phrase, verdict, spans in shown]  # fmt: skip
            covered |= {i for _, _, spans in shown for a, b in spans for i in range(a, b)}
            made = [phrase for phrase, verdict, _ in shown if verdict == "yes" or (
                verdict == "negated" and point.either_way and weighed(answer, phrase, point))]
            denied = [phrase for phrase, verdict, _ in shown if verdict == "negated"]
            flat = [] if point.either_way or denial else [
                p for p in denied if not _kin(p, made) and _denied_outright(answer, p, rubric)]
            if flat:  # `nothing is stored`: no other wording of the point outweighs it
                status, evidence = CONTRADICTED, f"not {flat[0]}"
            elif made or denial:
                status, evidence = FOUND, made[0] if made else denial
            elif denied and not point.either_way:  # either way, a denial unweighed is no
                status, evidence = CONTRADICTED, f"not {denied[0]}"  # claim: not made
        findings.append(Finding(point.id, point.point, status, evidence))
    content = [w for w in said if not w.boundary and w.text not in FILLERS]
    if (len(content) <= 1 and rubric.needed >= 2) or only_key_words(
            answer, said, covered, sum(f.status == FOUND for f in findings)):
        findings = [Finding(f.point_id, f.point, NAMED, f.evidence) if f.status == FOUND else f
                    for f in findings]  # fmt: skip
    return [replace(f, evidence=own_words(typed, f.evidence)) if f.evidence else f
            for f in findings]  # fmt: skip


_SENTENCES = re.compile(r"[;.!?](?:\s+|$)")
_OUTRIGHT = re.compile(r"\b(?:nothing|never|none|nowhere|no one|nobody)\b"
                       r"(?:\s+(?:is|are|was|were|gets?|got|be|been|ever|really))*", re.I)
_UNTIL = re.compile(r"\b(?:until|till|unless|before|except|but)\b", re.I)


def _kin(phrase: str, others: list[str]) -> bool:
    """Whether `phrase` shares a word with one of `others`, up to its ending (`replicated`
    and `replica`): `add a replica; nothing is replicated today` says the fix and the
    state it fixes, not a denial of the fix."""
    mine = {w.text[:6] for w in analyse(phrase) if not w.boundary}
    return any(mine & {w.text[:6] for w in analyse(other) if not w.boundary} for other in others)


def _denied_outright(answer: str, phrase: str, rubric: Any) -> bool:
    """Whether `phrase` is denied with a word that allows no exception (`nothing is
    stored`, `never saved`), unlike `not stored on the phone`, which leaves room for
    where it is stored. A denial the rubric itself words as a point (`never expire`)
    says that point, not the opposite of this one."""
    stretch = own_words(answer, f"not {phrase}")
    if _UNTIL.search(stretch):
        return False  # `nothing is delivered until he reconnects` says when it is
    found = _OUTRIGHT.search(stretch)
    if not found:
        return False
    rest = analyse(stretch[found.end():])
    spans = saying(rest, phrase, prose=True)[1]
    if not any(start == 0 for start, _ in spans):
        return False  # the phrase not straight after (`never spend the same money`)
    said = analyse(stretch)
    return not any(saying(said, shown, prose=True)[0] == "yes"
                   for point in rubric.points for shown in point.shows)  # fmt: skip


def _about(answer: str, phrase: str, about: list[str]) -> bool:
    """Whether `phrase` is said in a sentence or `;` clause of `answer` that names one of
    `about` (the thing its point is about), or names one itself; when `about` names kinds
    of block, said of one of them (`point_subject`): "the app servers are a single point
    of failure behind the load balancer" makes no point about the load balancer."""
    own = any(saying(analyse(phrase), term, prose=True)[0] == "yes" for term in about)
    groups = groups_of(about)
    placed = False
    for clause in _SENTENCES.split(answer):
        said = analyse(clause)
        if saying(said, phrase, prose=True)[0] != "yes":
            continue
        placed = True
        verdict = said_of(clause, phrase, groups) if groups else None
        if verdict is not None:
            if verdict:
                return True
            continue
        if own or any(saying(said, term, prose=True)[0] == "yes" for term in about):
            return True
    return own and not placed


def _claimed(answer: str, said: list[Any], phrase: str) -> bool:
    """Whether `answer` says `phrase`; one in parts (`balances ... eventual`) within one
    sentence or `;` clause (`strong for balances; eventual for charts` claims neither
    that balances are eventual nor that charts are strong)."""
    if "..." not in phrase:
        return saying(said, phrase, prose=True)[0] == "yes"
    return any(saying(part, phrase, prose=True)[0] == "yes"
               for part in _SENTENCES.split(answer) if part.strip())  # fmt: skip


_COPULA = re.compile(r"^(?P<subject>.*?\S)\s+(?:is|are|was|were)\s+(?P<rest>.*\S)$", re.I)
MAX_APART = 6  # words between a claim's subject and what it says of it


def _said_apart(answer: str, phrase: str) -> str | None:
    """Whether a claim `X is Y` is made with more said of X in between, in one clause
    (`yes`): `the cache is fast enough and is the source of truth` says `cache is the
    source of truth`. What lies between names no other part, negates nothing and relates
    nothing (`one database with a replica is enough` says no `one database is enough`).
    With a negator between and nothing else in the way, the claim is denied (`negated`):
    `the cache is fast but never the source of truth`. A clause ends where a new subject
    takes a verb (`the cache is a copy and the row is the source of truth`)."""
    match = _COPULA.match(phrase)
    if not match or "..." in phrase:
        return None
    subject = [w for w in analyse(match.group("subject")) if not w.boundary]
    rest = [w for w in analyse(match.group("rest")) if not w.boundary]
    if not subject or not rest:
        return None
    parts = compiled().term_stems
    found = None
    for clause in _clauses(answer):
        said = analyse(clause)
        verdict, spans = saying(said, f"{match.group('subject')} ... {match.group('rest')}",
                                prose=True)  # fmt: skip
        for start, end in spans if verdict == "yes" else ():
            between = said[start + len(subject) : end - len(rest)]
            denies = any(w.text in NEGATORS for w in between)
            links = LINKS - NEGATORS - ({"but"} if denies else set())
            if len(between) > MAX_APART or any(
                w.boundary or w.text in links or w.stem in parts for w in between
            ):
                continue
            if not denies:
                return "yes"
            found = "negated"
    return found


_COPULAS = frozenset(("is", "are", "was", "were"))
_BREAKS = frozenset(("whereas", "while", "so", "which", "whilst"))
_FUNCTION = STOPWORDS | LINKS | NEGATORS | _BREAKS | frozenset(
    ("and", "or", "but", "also", "still", "yet", "what", "who", "where", "how", "why"))


def _clauses(answer: str) -> list[str]:
    """`answer` cut into clauses: at whereas/while/so/which, and before each new subject
    that takes is/are/was/were (the words before the verb back to a function word)."""
    words = raw_words(answer)
    cuts = {i for i, w in enumerate(words) if w in _BREAKS}
    for i, word in enumerate(words):
        if word in _COPULAS and i and words[i - 1] not in _FUNCTION and words[i - 1] != BOUNDARY:
            start = i - 1
            while start and words[start - 1] not in _FUNCTION and words[start - 1] != BOUNDARY:
                start -= 1
            cuts.add(start)
    bounds = [0, *sorted(cuts - {0}), len(words)]
    text = ["," if w == BOUNDARY else w for w in words]
    return [" ".join(text[a:b]) for a, b in pairwise(bounds) if b > a]


def only_key_words(answer: str, said: list[Any], covered: set[int], points: int) -> bool:
    """Whether the answer is nothing but key words side by side (`object storage,
    metadata, queue`, `cache primary replica`): the key words of the `points` it shows
    (their words at `covered`) and other names of the field, two or more in all, with no
    word that makes a claim of them (`add`, `so`, `with`...)."""
    known = compiled().known
    others = {i for i, w in enumerate(said)
              if i not in covered and not w.boundary and w.stem in known}  # fmt: skip
    items = points + sum(1 for i in others if i - 1 not in others)  # a run is one name
    return names_only(said, covered | others, items, raw=raw_words(answer), stray=1)


def groups(rubric: Any) -> list[list[str]]:
    """The complete right answers, each a list of point ids (all points when the rubric
    lists no alternatives)."""
    return [list(group) for group in rubric.alternatives] or [[p.id for p in rubric.points]]


def whole_points(rubric: Any) -> list[Any]:
    """The points of some complete right answer, in the rubric's order: those a missed
    answer can be shown (a point only of an answer worth half, `half`, is not one)."""
    ids = {point_id for group in groups(rubric) for point_id in group}
    return [point for point in rubric.points if point.id in ids]


def fraction(rubric: Any, made: set[str]) -> float:
    """How complete an answer making the points `made` is, from 0 to 1: its best
    alternative's share of the points needed, an answer worth half (`half`) at half."""
    best = 0.0
    for group, worth in [(group, 1.0) for group in groups(rubric)] + [
            (list(group), 0.5) for group in getattr(rubric, "half", ())]:  # fmt: skip
        needed = min(rubric.needed, len(group))
        best = max(best, worth * min(1.0, len(made & set(group)) / needed))
    return best


def found_fraction(rubric: Any, findings: list[Finding]) -> float:
    """How complete the answer looks to the tutor, before the learner's say."""
    return fraction(rubric, {f.point_id for f in findings if f.status == FOUND})

