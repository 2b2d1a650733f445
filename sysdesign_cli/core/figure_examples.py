"""Format examples for a figure the learner types (`a rate, e.g. 2,500 QPS`), chosen so
an example never gives the answer away. Apart from the readers (core/reading.py) so an
estimate's prompt is drawn before they load."""

from __future__ import annotations

from sysdesign_cli.core.quantities import SECONDS_PER_DAY, Dim

_EXAMPLES = {
    Dim.COUNT: [("2,500", 2_500.0), ("40", 40.0), ("3M", 3e6), ("7", 7.0), ("900M", 9e8)],
    Dim.RATE: [("40/s", 40.0), ("2,500 QPS", 2_500.0), ("90,000/s", 9e4), ("3/s", 3.0),
               ("5M QPS", 5e6)],
    Dim.BYTES: [("3 GB", 3e9), ("40 KB", 4e4), ("7 TB", 7e12), ("500 bytes", 500.0),
                ("2 PB", 2e15)],
    Dim.BYTE_RATE: [("3 MB/s", 3e6), ("40 GB/s", 4e10), ("700 KB/s", 7e5), ("20 Gbps", 2.5e9),
                    ("5 TB/s", 5e12)],
    Dim.DURATION: [("30 s", 30.0), ("5 ms", 5e-3), ("3 days", 3 * SECONDS_PER_DAY),
                   ("200 µs", 2e-4), ("40 ns", 4e-8), ("2 years", 2 * 365 * SECONDS_PER_DAY)],
    Dim.PERCENT: [("99.5%", 99.5), ("3%", 3.0), ("40%", 40.0)],
}  # fmt: skip
_KIND_WORDS = {
    Dim.COUNT: "a number",
    Dim.RATE: "a rate",
    Dim.BYTES: "a size",
    Dim.BYTE_RATE: "a bandwidth",
    Dim.DURATION: "a duration",
    Dim.PERCENT: "a percentage",
}


def example_for(dim: Dim, truth: float | None) -> str:
    """`a rate, e.g. 2,500 QPS`: an example of the kind asked for, never within 10x of
    `truth`, so the format hint cannot give the answer away."""
    from sysdesign_cli.core.bands import ratio

    choices = _EXAMPLES[dim]
    if dim is Dim.PERCENT and truth is not None:
        # Percentages cluster near 100: keep the example clear of the answer itself.
        far = [text for text, value in choices if abs(value - truth) >= 10]
    else:
        far = [text for text, value in choices if truth is None or ratio(value, truth) > 10]
    pick = far[0] if far else choices[0][0]
    return f"{_KIND_WORDS[dim]}, e.g. {pick}"
