"""Products as typed: a version on a product's name (`bind9`), and the field's
shorthand for a product named for the kind of thing it is (`s3`: object storage)."""

from __future__ import annotations

import re

from sysdesign_cli.core.words import compiled

# A version number typed onto a product's name: `bind9`, `redis7.2`.
_VERSION = re.compile(r"\b([a-z]{3,})\d+(?:\.\d+)*\b", re.I)


def unversioned(answer: str, accepted: list[str]) -> str:
    """`answer` without the version typed onto a product's name (`bind9`), unless an
    accepted answer names that product with a version (`OAuth 2`: `oauth1` is another
    one) or the name is the field's shorthand for a standard, whose versions differ
    (`ssl2`, `tls1.0`)."""
    shorthand = compiled().abbreviations

    def strip(match: re.Match[str]) -> str:
        name = match.group(1)
        versioned = re.compile(rf"\b{re.escape(name)}\s*v?\d", re.I)
        if name.lower() in shorthand or any(versioned.search(option) for option in accepted):
            return match.group(0)
        return name

    return _VERSION.sub(strip, answer)


def product_shorthand(word: str) -> bool:
    """Whether `word` is the field's shorthand for a product, named for the kind of thing
    it is (`s3`: object storage, `elb`: load balancer): its letters are not drawn from
    its spelt-out words, as an acronym's (`dns`) or a clipping's (`db`) are."""
    words = compiled().abbreviations.get(word)
    if not words:
        return False
    letters = iter("".join(words))
    return not all(char in letters for char in word)
