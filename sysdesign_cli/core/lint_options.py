"""The lint rule on options' length: a right option conspicuously the longest is found
by length alone, without knowing the subject."""

from __future__ import annotations

from sysdesign_cli.core.lint_findings import LONGEST, Finding, Item, finding, options

# "Conspicuously the longest": longer than every other option by a clear margin in both
# characters and words, the way a reader skimming the options would notice it.
LONGEST_RATIO = 1.2
LONGEST_MIN_CHARS = 10
LONGEST_MIN_WORDS = 2


def conspicuously_longer(long: str | float, short: str | float, words_apart: float) -> bool:
    """`long` is longer than `short` by a margin a skimming reader notices."""
    a = len(long) if isinstance(long, str) else long
    b = len(short) if isinstance(short, str) else short
    clear = a - b >= LONGEST_MIN_CHARS and words_apart >= LONGEST_MIN_WORDS
    return clear and a >= LONGEST_RATIO * b


def longest(item: Item) -> list[Finding]:
    shown = options(item.step)
    if shown is None:
        return []
    choices, right = shown
    wrong = [choice for choice in choices if choice not in right]
    if not wrong:
        return []
    if len(right) == 1:
        answer = right[0]
        runner = max(wrong, key=len)
        if conspicuously_longer(answer, runner, len(answer.split()) - len(runner.split())):
            return [finding(item, LONGEST, f"the right option is conspicuously the longest "
                            f"({len(answer)} characters against {len(runner)}): make the "
                            "others as long and specific, or the answer plainer",
                            "answer" if item.step.kind == "question" and item.step.type ==
                            "choice" else "answers")]  # fmt: skip
        return []

    def mean(values: list[int]) -> float:
        return sum(values) / len(values)

    right_chars, wrong_chars = mean([len(c) for c in right]), mean([len(c) for c in wrong])
    apart = mean([len(c.split()) for c in right]) - mean([len(c.split()) for c in wrong])
    if conspicuously_longer(right_chars, wrong_chars, apart):
        return [finding(item, LONGEST, f"the right options are conspicuously longer than the "
                        f"wrong ones ({right_chars:.0f} characters on average against "
                        f"{wrong_chars:.0f}): even them out", "answers")]  # fmt: skip
    return []
