"""Products as typed: a version on a product's name (`bind9`), and the field's
shorthand for a product named for the kind of thing it is (`s3`: object storage).

A product's shorthand is one whose letters are not drawn from the words of the part of
the field it stands for, as an acronym's (`dns`) or a clipping's (`db`) are: `s3`,
`elb`, `alb` are a vendor's letters (Amazon's Simple Storage Service, Elastic and
Application Load Balancer). A product is no abbreviation of its kind (like iOS, Android,
Cassandra or GCS): in a typed answer its shorthand stands for its kind only where the
question lists the product by name, or where the field has made the product's name the
kind's own (`KIND_NAMES`):

- `s3` is the kind's name. Its API is the one every object store speaks (MinIO, R2,
  Ceph, GCS in interoperability mode: "S3-compatible storage"), and an engineer who
  answers "S3" to what kind of store keeps blobs means object storage, as an expert
  hears it: accepted wherever object storage is.
- `elb` and `alb` name one cloud's managed service, not the block: asked which block
  spreads requests, an answer that names only the product has not shown it knows the
  part (a design on its own machines has a load balancer and no ELB), so it is refused.

Beside the generic name (`an ELB / load balancer`) the product is a gloss on it, and
inside an accepted phrase a qualifier (`pre-signed S3 URL`). Free answers, which
describe a design (`put the ELB in front of the app servers`), read the shorthand as
its kind: the vocabulary keeps all three.
"""

from __future__ import annotations

import re

from sysdesign_cli.core.words import BOUNDARY, compiled, raw_words

# Products whose name the field uses for their kind itself.
KIND_NAMES = frozenset({"s3"})

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
    it is (`s3`: object storage, `elb`: load balancer): what it stands for is a part of
    the field, and its letters are not drawn from the words of it, as an acronym's
    (`dns`) or a clipping's (`db`) are. (`url` for link and `p99` are no products.)"""
    vocab = compiled()
    words = vocab.abbreviations.get(word)
    if not words or vocab.stems(" ".join(words), synonyms=True) not in vocab.terms:
        return False
    letters = iter("".join(words))
    return not all(char in letters for char in word)


def products_unnamed(answer: str, accepted: list[str]) -> list[str]:
    """The products' shorthand typed in `answer` (`elb`, `ELBs`) that stand for their kind
    only where the question names them, and no accepted answer does."""
    named = {word for option in accepted for word in raw_words(option)}
    found = []
    for word in raw_words(answer):
        base = word[:-1] if word.endswith("s") and product_shorthand(word[:-1]) else word
        if (word != BOUNDARY and product_shorthand(base) and base not in KIND_NAMES
                and base not in named and word not in named):  # fmt: skip
            found.append(word)
    return found


def without_words(answer: str, words: list[str]) -> str:
    """`answer` with each of `words` (as typed, or plural) taken out."""
    for word in words:
        answer = re.sub(rf"\b{re.escape(word)}\b", " ", answer, flags=re.I)
    return answer
