"""Typed text: what keeps one term from passing for another. Real words are not typos,
words the prompt says are left out only from an answer's end (or its start, when the
prompt says them right before its gap), a name inside a longer name is that longer name,
answers marked `alone` count only standing alone, and "X over Y" keeps X."""

from __future__ import annotations

import pytest

from sysdesign_cli.core.grading import grade_text
from sysdesign_cli.core.textmatch import judge
from sysdesign_cli.core.words import Vocabulary, spelt_words, use_vocabulary


@pytest.mark.parametrize(
    ("accept", "typed", "correct"),
    [
        pytest.param(["stall"], "stale cache", False, id="stale-is-no-typo-of-stall"),
        pytest.param(["late"], "CDN lane", False, id="lane-is-no-typo-of-late"),
        pytest.param(["node"], "none", False, id="none-is-no-typo-of-node"),
        pytest.param(["shard"], "the shared database", False, id="shared-is-no-typo-of-shard"),
        pytest.param(["stall"], "stal", True, id="a-real-typo-still-counts"),
        pytest.param(["sharding"], "shardng", True, id="a-missing-letter-still-counts"),
    ],
)
def test_a_word_the_course_writes_is_no_typo_of_another(
    accept: list[str], typed: str, correct: bool
) -> None:
    assert grade_text(typed, accept).correct is correct


def test_the_words_of_a_text_are_known_as_spelt_right() -> None:
    assert spelt_words("A stale read, served Late.") == {"stale", "read", "served", "late"}
    assert "cafe" in spelt_words("café")


def test_an_extra_vocabulary_teaches_its_own_words() -> None:
    """A word only an extra curriculum writes is spelt right once its vocabulary is used."""
    try:
        use_vocabulary(Vocabulary())
        assert grade_text("blorp", ["blorg"]).correct  # a typo, for all we know
        use_vocabulary(Vocabulary().with_words("A blorp is not a blorg."))
        assert not grade_text("blorp", ["blorg"]).correct
    finally:
        use_vocabulary(None)


CONSISTENCY = "Which consistency do the replicas offer?"
SPARE = "The spare rooms stand for what design idea?"
NAME = "Which system turns the name into an IP address?"
SEQUENCE = "Which way hands codes out in sequence?"
HIT = "A cache lookup that finds the answer is a cache what?"


@pytest.mark.parametrize(
    ("prompt", "accept", "typed", "correct"),
    [
        pytest.param(CONSISTENCY, ["eventual consistency"], "eventual", True,
                     id="the-head-the-prompt-names-left-out"),
        pytest.param(CONSISTENCY, ["eventual consistency"], "probably eventual", True,
                     id="with-filler"),
        pytest.param(CONSISTENCY, ["eventual consistency"], "eventual, replicas converge", True,
                     id="alone-in-its-clause"),
        pytest.param(CONSISTENCY, ["eventual consistency"], "eventul", True, id="with-a-typo"),
        pytest.param(CONSISTENCY, ["eventual consistency"], "eventual or strong", False,
                     id="still-hedged"),
        pytest.param(CONSISTENCY, ["eventual consistency"], "not eventual", False,
                     id="still-negated"),
        pytest.param(SPARE, ["spare servers"], "servers", False, id="only-the-end-goes"),
        pytest.param(HIT, ["cache hit"], "hit", True, id="or-the-start-said-before-the-gap"),
        pytest.param(HIT, ["cache hit"], "a hit", True, id="before-the-gap-with-an-article"),
        pytest.param(HIT, ["cache hit"], "miss", False, id="before-the-gap-not-the-opposite"),
        pytest.param("Removing stale data is called cache ____.", ["cache invalidation"],
                     "invalidation", True, id="before-a-blank"),
        pytest.param("A cache lookup that finds the answer is called what?", ["cache hit"],
                     "hit", False, id="not-before-the-gap"),
        pytest.param(SPARE, ["spare servers"], "web servers", False,
                     id="not-a-generic-head-inside-another-name"),
        pytest.param("What does a lazy cache do on a miss?", ["lazy loading"],
                     "load the row", False, id="a-remainder-not-alone-in-its-clause"),
        pytest.param(NAME, ["DNS"], "domain", False, id="never-a-part-of-an-abbreviation"),
        pytest.param(NAME, ["domain name system"], "domain", False,
                     id="never-a-part-of-an-abbreviation-spelt-out"),
        pytest.param(SEQUENCE, ["database sequence"], "database", False,
                     id="never-another-name-of-the-field"),
        pytest.param("How many database reads a minute?", ["no reads"], "no", False,
                     id="never-a-negation-alone"),
        pytest.param("A message can arrive how?", ["never arrives"], "the network never fails",
                     False, id="never-a-negation-inside-another-answer"),
    ],
)
def test_words_the_prompt_says_may_be_left_out_only_from_the_end(
    prompt: str, accept: list[str], typed: str, correct: bool
) -> None:
    assert grade_text(typed, accept, prompt).correct is correct


@pytest.mark.parametrize(
    ("accept", "typed", "correct"),
    [
        pytest.param(["read replica", "replica"], "replica lag", False, id="replica-lag"),
        pytest.param(["replication"], "replication delay", False, id="replication-delay"),
        pytest.param(["delay"], "replication delay", False, id="delay-at-the-end-too"),
        pytest.param(["cache"], "cache-aside", False, id="a-pattern-is-not-the-block"),
        pytest.param(["cache"], "lazy caching", False, id="its-synonym-neither"),
        pytest.param(["cache"], "stale cache", False, id="a-problem-is-not-the-block"),
        pytest.param(["database"], "database sequence", False, id="database-sequence"),
        pytest.param(["cache aside"], "lazy loading", True, id="the-synonyms-still-count"),
        pytest.param(["replica lag"], "some replica lag", True, id="the-names-still-count"),
        pytest.param(["read replica", "replica"], "a read replica", True, id="the-block-still"),
    ],
)
def test_a_name_inside_a_longer_name_is_that_longer_name(
    accept: list[str], typed: str, correct: bool
) -> None:
    assert grade_text(typed, accept).correct is correct


ALTITUDE = "Of the three altitudes of design, at which one is this decided?"
CODE = ["application code", "code", "coding"]


@pytest.mark.parametrize(
    ("typed", "correct"),
    [
        pytest.param("code", True, id="alone"),
        pytest.param("the code", True, id="with-an-article"),
        pytest.param("probably code", True, id="with-filler"),
        pytest.param("code, in a handler", True, id="alone-in-its-clause"),
        pytest.param("the code altitude", True, id="with-the-prompts-own-words"),
        pytest.param("in the application code", True, id="a-longer-accepted-answer-inside"),
        pytest.param("short code", False, id="inside-another-name"),
        pytest.param("unique code", False, id="inside-another-phrase"),
        pytest.param("code or system", False, id="hedged"),
    ],
)
def test_an_answer_marked_alone_counts_only_standing_alone(typed: str, correct: bool) -> None:
    assert grade_text(typed, CODE, ALTITUDE, alone=["code", "coding"]).correct is correct


def test_alone_names_the_accepted_answers_it_restricts() -> None:
    """An `alone` entry not in `accept` is not an accepted answer of its own."""
    assert not judge("coding", ["application code"], alone=["coding"]).match


@pytest.mark.parametrize(
    ("accept", "typed", "correct"),
    [
        pytest.param(["availability"], "availability over consistency", True, id="kept"),
        pytest.param(["availability"], "we chose availability over consistency", True,
                     id="in-a-sentence"),
        pytest.param(["availability"], "consistency over availability", False, id="given-up"),
        pytest.param(["availability"], "consistency and availability", False, id="both-named"),
        pytest.param(["availability"], "availability, not consistency", True, id="negated"),
        pytest.param(["TLS"], "TLS over TCP", True, id="over-between-non-opposites"),
    ],
)
def test_x_over_y_keeps_x(accept: list[str], typed: str, correct: bool) -> None:
    assert grade_text(typed, accept).correct is correct


ADD = "A pastebin runs two app servers and a cache in front of one database. What do you add?"
SHAPE = "Of the three altitudes of design, which one is this: 'a repository, not a client'?"


@pytest.mark.parametrize(
    ("prompt", "accept", "typed", "correct"),
    [
        pytest.param(ADD, ["second database"], "a second cache", False,
                     id="a-part-the-prompt-names-is-no-echo-to-drop"),
        pytest.param(ADD, ["second database"], "a second database", True,
                     id="the-part-asked-for-still-counts"),
        pytest.param(SHAPE, ["low-level design"], "not low level design", False,
                     id="a-negation-is-no-echo-of-the-prompt"),
        pytest.param(SHAPE, ["low-level design"], "low level design", True,
                     id="the-bare-answer-still-counts"),
        pytest.param("Which kind of scaling buys a bigger machine?", ["vertical scaling"],
                     "vertical", True, id="a-synonym-in-the-prompt-says-only-its-own-words"),
    ],
)  # fmt: skip
def test_only_the_prompts_plain_words_are_echoes(
    prompt: str, accept: list[str], typed: str, correct: bool
) -> None:
    assert grade_text(typed, accept, prompt).correct is correct


@pytest.mark.parametrize(
    ("accept", "typed", "correct"),
    [
        pytest.param(["blocking"], "non-blocking", False, id="non-negates"),
        pytest.param(["Redis"], "k/v store like redis", True, id="k-slash-v-is-one-word"),
        pytest.param(["message broker", "pub/sub"], "a pub/sub system like Kafka", True,
                     id="pub-slash-sub-is-one-word"),
        pytest.param(["POST"], "POST /shorten", True, id="a-path-is-no-second-answer"),
        pytest.param(["cache"], "cache/cdn", False, id="a-slash-between-words-still-hedges"),
        pytest.param(["99.99%"], "99.9999%", False, id="a-decimal-is-one-number"),
        pytest.param(["cache"], "without a cache", False, id="without-negates"),
        pytest.param(["object store"], "an objet store", True, id="a-typo-in-a-synonym"),
        pytest.param(["pub/sub"], "they publish/subscribe through Kafka", True,
                     id="publish-slash-subscribe-is-one-name"),
        pytest.param(["99.99%"], "99.99 %", True, id="the-decimal-itself-counts"),
        pytest.param(["sequential ID"], "sequential IDs", True, id="a-short-plural"),
        pytest.param(["relational database"], "RDBMS", True, id="rdbms-spelt-out"),
        pytest.param(["database"], "a relational database", True,
                     id="a-relational-database-is-a-database"),
        pytest.param(["replication"], "viewstamped replication", False,
                     id="a-listed-name-still-hides-its-part"),
        pytest.param(["milliseconds"], "millisecs", True, id="millisecs"),
        pytest.param(["sharding"], "vertical partitioning", False,
                     id="vertical-partitioning-is-not-partitioning"),
        # A block named as another block's is that other block.
        pytest.param(["cache", "Redis"], "a CDN cache", False, id="the-cdns-cache"),
        pytest.param(["cache", "Redis"], "an edge cache", False, id="edge-cache-is-a-cdn"),
        pytest.param(["cache", "Redis"], "a redis cache", True, id="redis-is-a-cache"),
        pytest.param(["cache", "Redis"], "a cache in front of the database", True,
                     id="beside-another-block"),
        pytest.param(["cache", "CDN"], "a CDN cache", True, id="both-accepted"),
        pytest.param(["replica", "database replica"], "a replica of the cache", False,
                     id="the-caches-replica"),
        pytest.param(["replica", "database replica"], "a replica of the database", True,
                     id="the-databases-replica"),
        pytest.param(["replication"], "database replication", True, id="not-a-block"),
        pytest.param(["key"], "the S3 key", True, id="a-key-is-no-block"),
        # A word cut short reads as the word; a real word is never cut short.
        pytest.param(["clarify requirements"], "clarify reqs", True, id="shorthand-read-again"),
        pytest.param(["requests per second"], "reqs per sec", True, id="shorthand-as-listed"),
        pytest.param(["horizontal scaling"], "horiz scaling", True, id="cut-short"),
        pytest.param(["latency"], "late", False, id="a-real-word-is-not-cut-short"),
        pytest.param(["database"], "data", False, id="a-real-word-is-no-clipping"),
        pytest.param(["replication"], "re", False, id="too-short"),
        pytest.param(["address"], "add", False, id="three-letters-are-a-guess"),
        pytest.param(["redundancy"], "red", False, id="three-letters-are-a-word"),
        pytest.param(["CAP theorem"], "CAP the", False, id="an-article-is-no-clipping"),
        pytest.param(["denormalization"], "den", False, id="three-letters-are-no-word"),
        # What a cache serves is not whose it is; only the CDN's own cache is another's.
        pytest.param(["cache"], "a database cache", True, id="what-it-caches"),
        pytest.param(["cache"], "a DB cache", True, id="what-it-caches-short"),
        pytest.param(["cache"], "cache of the db rows", True, id="cache-of-rows"),
        pytest.param(["cache"], "an app server cache", True, id="where-it-runs"),
    ],
)  # fmt: skip
def test_shorthand_and_punctuation_read_as_meant(
    accept: list[str], typed: str, correct: bool
) -> None:
    assert grade_text(typed, accept).correct is correct


@pytest.mark.parametrize(
    ("accept", "typed", "correct"),
    [
        pytest.param(["load balancer"], "load balancer cache dns", False, id="three-names"),
        pytest.param(["sharding"], "sharding replication consistency", False, id="concepts"),
        pytest.param(["message queue"], "queue cache database", False, id="queue-first"),
        pytest.param(["key"], "the S3 key", True, id="two-names-make-one-compound"),
        pytest.param(["consistency and availability"], "between consistency and availability",
                     True, id="an-answer-naming-both-opposites"),
        pytest.param(["consistency"], "consistency and availability", False,
                     id="both-opposites-beside-one"),
        pytest.param(["primary"], "only the primary, replicas are read-only", True,
                     id="the-other-side-in-a-clause-of-its-own"),
        pytest.param(["primary"], "the primary, replicas", False,
                     id="the-other-side-alone-beside-it"),
        pytest.param(["none"], "none at all, the CDN serves it", True,
                     id="a-name-in-a-clause-that-says-something"),
        pytest.param(["none"], "none, the CDN", False, id="a-name-alone-beside-it"),
        pytest.param(["availability or consistency"], "availability vs consistency", True,
                     id="vs-names-both-sides"),
        pytest.param(["availability"], "availability vs consistency", False,
                     id="vs-picks-neither-side"),
    ],
)  # fmt: skip
def test_a_list_of_names_is_no_answer(accept: list[str], typed: str, correct: bool) -> None:
    assert grade_text(typed, accept).correct is correct


ONE_GAP = "However many machines run behind it, a product answers at one ____. Which word?"
SEVERAL_GAP = "Its machines are spread over several ____. What are those sites called?"


@pytest.mark.parametrize(
    ("prompt", "accept", "typed", "correct"),
    [
        pytest.param(ONE_GAP, ["address", "URL"], "a single address", True, id="single-is-one"),
        pytest.param(ONE_GAP, ["address", "URL"], "one URL", True, id="one-echoes-one"),
        pytest.param(ONE_GAP, ["address", "URL"], "many addresses", False, id="many-is-not-one"),
        pytest.param(ONE_GAP, ["address", "URL"], "several URLs", False, id="several-not-one"),
        pytest.param(SEVERAL_GAP, ["data centres"], "multiple data centres", True,
                     id="multiple-is-several"),
        pytest.param(SEVERAL_GAP, ["data centres"], "a single data centre", False,
                     id="single-is-not-several"),
        # A count in a remark after the answer counts something else.
        pytest.param(ONE_GAP, ["address", "URL"], "URL, even with many servers behind it", True,
                     id="a-remark-counts-the-servers"),
        pytest.param(SEVERAL_GAP, ["data centres"], "data centres, each a single building", True,
                     id="a-remark-counts-the-buildings"),
    ],
)  # fmt: skip
def test_a_count_in_the_answer_agrees_with_the_gaps(
    prompt: str, accept: list[str], typed: str, correct: bool
) -> None:
    """The count right before the prompt's gap is the one asked: an answer's count word
    that means it echoes the prompt; one that means another count is another answer."""
    alone = [a for a in accept if " " not in a]
    assert grade_text(typed, accept, prompt, alone).correct is correct




@pytest.mark.parametrize(
    ("word", "stemmed"),
    [("dns", "dns"), ("sqs", "sqs"), ("ids", "id"), ("ops", "op"), ("gas", "gas"),
     ("bus", "bus"), ("balancers", "balanc")],
)  # fmt: skip
def test_a_short_words_plural_s_goes_only_as_the_stemmer_would(word: str, stemmed: str) -> None:
    """`dns` is a name, not the plural of `dn`: both sides of a match are stemmed alike,
    and an answer's word stemmed alone (a prompt's echo, a count word) is still right."""
    import snowballstemmer

    from sysdesign_cli.core.tokens import stem

    assert stem(word) == stemmed == snowballstemmer.stemmer("english").stemWord(word)


def test_words_read_below_the_vocabulary_know_nothing_of_it() -> None:
    """The tokens take the field's shorthand as an argument: `pub/sub` is one word with it,
    `pub or sub` without; tokens.py imports nothing of words.py."""
    import subprocess
    import sys

    from sysdesign_cli.core import tokens

    assert tokens.raw_words("pub/sub", {"pubsub": "publish subscribe"}) == ["pubsub"]
    assert tokens.raw_words("pub/sub") == ["pub", "or", "sub"]
    assert tokens.raw_words("k/v") == ["kv"]  # two letters: one word, shorthand or not
    assert tokens.raw_words("cache/db") == ["cache", "or", "db"]
    code = ("import sys; import sysdesign_cli.core.tokens; "
            "print('sysdesign_cli.core.words' in sys.modules)")  # fmt: skip
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"


PHOTO_IN_DB = ("In a system-level design for profile photos, the bytes of each photo live in "
               "object storage. What does the database keep about the photo?")  # fmt: skip


@pytest.mark.parametrize(
    ("accept", "typed", "prompt", "correct"),
    [
        pytest.param(["CDN"], "a CDN like CloudFront or Akamai", "", True,
                     id="examples-after-the-answer"),
        pytest.param(["CDN"], "a CDN, e.g. CloudFront or Akamai", "", True,
                     id="examples-after-a-comma"),
        pytest.param(["CDN"], "something like a cache or a CDN", "", False,
                     id="examples-before-any-answer-are-a-hedge"),
        pytest.param(["horizontal scaling"], "horizontal scaling, e.g. vertical scaling", "",
                     False, id="an-opposite-is-no-example"),
        pytest.param(["CDN"], "a CDN like a cache or a load balancer", "", False,
                     id="other-parts-are-no-examples"),
        pytest.param(["load balancer"], "a load balancer, for example a database", "", False,
                     id="another-part-for-example-is-a-hedge"),
        pytest.param(["database"], "a database like postgres or mysql", "", True,
                     id="products-are-examples"),
        pytest.param(["replica lag", "lag"], "the replica is lagging behind the primary", "",
                     True, id="opposites-related-by-behind"),
        pytest.param(["source of truth"], "the source of truth (kept forever)", "", True,
                     id="a-remark-in-brackets"),
        pytest.param(["source of truth"], "the source of truth (the cache)", "", False,
                     id="a-part-in-brackets-is-a-second-answer"),
        pytest.param(["CDN"], "a CDN (maybe a cache)", "", False, id="maybe-in-brackets"),
        pytest.param(["CDN"], "the CDN (or a cache)", "", False, id="a-hedge-in-brackets"),
        pytest.param(["pre-signed URL"], "pre-signed S3 URL", "", True,
                     id="a-products-shorthand-inside-the-phrase"),
        pytest.param(["primary key"], "primary DNS key", "", False,
                     id="a-blocks-acronym-inside-the-phrase"),
        pytest.param(["write-through cache"], "write-through CDN cache", "", False,
                     id="a-cache-kind-inside-the-phrase"),
        pytest.param(["consistent hashing"], "consistent LB hashing", "", False,
                     id="a-blocks-shorthand-inside-the-phrase"),
        pytest.param(["cache"], "a CDN cache", "", False, id="shorthand-before-the-phrase-owns-it"),
        pytest.param(["BIND"], "bind9", "", True, id="a-version-on-a-products-name"),
        pytest.param(["OAuth 2"], "oauth1", "", False, id="another-version-than-accepted"),
        pytest.param(["SSL"], "ssl2", "", False, id="a-version-of-a-standard"),
        pytest.param(["TLS"], "tls1.0", "", False, id="a-dotted-version-of-a-standard"),
        pytest.param(["object storage", "GCS"], "GCS", "", True, id="gcs"),
        pytest.param(["object storage"], "obj storage", "", True, id="obj"),
        pytest.param(["Cassandra"], "a database", "", False, id="a-category-is-no-product"),
        pytest.param(["Android"], "iOS", "", False, id="a-rival-is-no-product"),
        pytest.param(["GCS"], "S3", "", False, id="a-rival-store-is-no-product"),
        pytest.param(["URL"], "the image bytes and the url", PHOTO_IN_DB, False,
                     id="beside-it-what-the-prompt-puts-elsewhere"),
        pytest.param(["URL"], "the url and the caption", PHOTO_IN_DB, True,
                     id="beside-it-more-that-is-kept"),
        pytest.param(["URL"], "the url, not the bytes", PHOTO_IN_DB, True,
                     id="what-the-prompt-puts-elsewhere-ruled-out"),
        pytest.param(["URL"], "the url and the image", PHOTO_IN_DB, False,
                     id="beside-it-a-synonym-of-what-is-placed"),
        pytest.param(["URL"], "the url with the bytes", PHOTO_IN_DB, False,
                     id="with-what-the-prompt-puts-elsewhere"),
        pytest.param(["URL"], "the url (and the image bytes)", PHOTO_IN_DB, False,
                     id="what-is-placed-in-brackets"),
        pytest.param(["URL"], "the url and the caption of the photo", PHOTO_IN_DB, True,
                     id="more-that-is-kept-of-the-photo"),
    ],
)  # fmt: skip
def test_what_stands_beside_an_answer(
    accept: list[str], typed: str, prompt: str, correct: bool
) -> None:
    assert grade_text(typed, accept, prompt).correct is correct


def test_an_http_method_in_capitals_among_lower_case_words_is_a_name() -> None:
    from sysdesign_cli.core.grading import grade_text

    accepted = ["POST", "HTTP POST", "POST request"]
    prompt = "Which HTTP method does the create call use?"
    assert not grade_text("PUT or POST", accepted, prompt).correct
    assert not grade_text("POST, or maybe PUT", accepted, prompt).correct
    assert grade_text("POST (not PUT)", accepted, prompt).correct
    assert grade_text("put it in a POST request", accepted, prompt).correct


@pytest.mark.parametrize("typed", ["just THE code", "THE code, nothing else", "just the CODE",
                                   "the code, THAT is all"])
def test_another_filler_word_in_capitals_is_still_filler(typed: str) -> None:
    from sysdesign_cli.core.grading import grade_text

    accepted, prompt = ["code", "short code"], "What does the shortener hand back?"
    assert grade_text(typed, accepted, prompt, alone=["code"]).correct


@pytest.mark.parametrize(
    ("typed", "words"),
    [("pub/sub", ["pubsub"]), ("pub sub", ["pubsub"]), ("pub-sub", ["pubsub"]),
     ("a sync call", ["a", "sync", "call"]), ("k v store", ["k", "v", "store"])],
)  # fmt: skip
def test_two_words_that_spell_an_abbreviation_are_one_word(typed: str, words: list[str]) -> None:
    from sysdesign_cli.core.words import raw_words

    assert raw_words(typed) == words


@pytest.mark.parametrize(
    ("typed", "negated"),
    [("not overwhelmed and nothing is lost", False), ("nothing is lost", False),
     ("not a load balancer and nothing is lost", False), ("it is not lost", True)],
)  # fmt: skip
def test_a_phrase_with_its_own_negator_is_its_own_claim(typed: str, negated: bool) -> None:
    from sysdesign_cli.core.textmatch import says

    phrase = "nothing is lost" if "nothing" in typed else "lost"
    assert (says(typed, phrase, prose=True) == "negated") is negated
