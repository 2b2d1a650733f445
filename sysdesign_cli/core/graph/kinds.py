"""The vocabulary of block kinds: what a name such as `redis`, `db2` or `primary-db` is.

A kind says what a block does for a flow: a client starts it, DNS answers a lookup
beside it, a load balancer or an app passes it on, a cache answers hits, a store keeps
its data, a queue holds it for a worker, a CDN serves it from near the user. Some names
also say who runs the block: `elb`, `s3` and `sqs` are managed services, redundant by
nature; `nginx` and `kafka` are software you run, one copy unless you say `x2`.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

# What the capacity table (`core.graph.capacity`) says about a block.
WHATS = ("capacity", "write_capacity", "availability", "latency", "hit_ratio")
# Rows that are not a kind of block: a self-run instance of any kind, a managed service
# without a row of its own, a zone (a datacentre), the internet between user and origin.
PSEUDO = ("instance", "managed", "zone", "internet")

ENTRY, LOOKUP, PROXY, COMPUTE, CACHE, STORE, QUEUE, EDGE = (
    "entry",
    "lookup",
    "proxy",
    "compute",
    "cache",
    "store",
    "queue",
    "edge",
)


@dataclass(frozen=True)
class Kind:
    """One kind of block: its id, how it is said, what it does for a flow."""

    id: str
    label: str
    role: str
    aliases: tuple[str, ...]
    family: str = ""  # a replica is in the `db` family: a rule about `db` covers it
    managed: bool = False  # redundant by nature: never a single point of failure
    replicates: bool = False  # may be the source or target of `~>`

    @property
    def group(self) -> str:
        """The kind a rule naming this kind's family matches."""
        return self.family or self.id


# fmt: off
KINDS: tuple[Kind, ...] = (
    Kind("client", "Client", ENTRY, ("client", "clients", "browser", "user", "users", "phone",
         "mobile", "mobile app", "web client", "app client", "trader", "viewer", "creator",
         "uploader", "sender", "recipient")),
    Kind("dns", "DNS", LOOKUP, ("dns", "route53", "route 53", "resolver", "name server",
         "nameserver"), managed=True),
    Kind("lb", "Load balancer", PROXY, ("lb", "load balancer", "balancer", "elb", "alb", "nlb",
         "lbs"), managed=True),
    Kind("app", "App server", COMPUTE, ("app", "app server", "apps", "application",
         "application server", "api", "api server", "server", "servers", "service", "backend",
         "web", "web server", "webserver", "gateway", "api gateway")),
    Kind("ws", "WebSocket server", COMPUTE, ("ws", "websocket", "websockets", "websocket server",
         "socket server", "chat server", "chat servers", "realtime server")),
    Kind("cache", "Cache", CACHE, ("cache", "redis", "memcached", "memcache", "cache cluster",
         "elasticache"), replicates=True),
    Kind("db", "Database", STORE, ("db", "database", "postgres", "postgresql", "mysql", "primary",
         "primary db", "primary database", "sql", "rdbms", "ledger"), replicates=True),
    Kind("replica", "Read replica", STORE, ("replica", "read replica", "replicas", "follower",
         "secondary", "standby"), family="db", replicates=True),
    Kind("storage", "Object storage", STORE, ("storage", "object storage", "object store", "s3",
         "blob", "blob storage", "blobs", "bucket", "gcs", "origin"), managed=True,
         replicates=True),
    Kind("queue", "Message queue", QUEUE, ("queue", "message queue", "kafka", "rabbitmq", "broker",
         "stream", "log", "event log", "topic", "pubsub", "sqs", "mq"), replicates=True),
    Kind("worker", "Worker", COMPUTE, ("worker", "workers", "consumer", "consumers", "encoder",
         "resizer", "transcoder", "processor", "job runner")),
    # A worker of its own speed: it matches orders in memory, one symbol shard to a copy.
    Kind("matcher", "Matching engine", COMPUTE, ("matcher", "matchers", "matching engine",
         "order matcher", "order book"), family="worker"),
    Kind("cdn", "CDN", EDGE, ("cdn", "cloudfront", "akamai", "fastly", "edge", "cdn edge",
         "edge cache"), managed=True),
    Kind("search", "Search index", STORE, ("search", "elasticsearch", "opensearch", "search index",
         "search cluster")),
)
# fmt: on

BY_ID: dict[str, Kind] = {kind.id: kind for kind in KINDS}
_ALIASES: dict[str, str] = {alias: kind.id for kind in KINDS for alias in kind.aliases}
# Names that say who runs the block, against the kind's default.
_MANAGED = {
    "sqs": True,
    "pubsub": True,
    "dynamodb": True,
    "elasticache": False,
    "nginx": False,
    "haproxy": False,
    "envoy": False,
}
_ALIASES.update({"nginx": "lb", "haproxy": "lb", "envoy": "lb", "dynamodb": "db"})

_SEPARATORS = re.compile(r"[\s_\-.]+")
_DIGITS = re.compile(r"\d+$")


def words(name: str) -> str:
    """`Primary_DB-2` -> `primary db 2`: lowercase words, for matching."""
    return _SEPARATORS.sub(" ", name.strip().lower()).strip()


@dataclass(frozen=True)
class Resolved:
    """What a name turned out to be."""

    kind: str
    managed: bool


def _lookup(phrase: str) -> Resolved | None:
    kind = _ALIASES.get(phrase)
    if kind is None:
        return None
    return Resolved(kind, _MANAGED.get(phrase, BY_ID[kind].managed))


def alias_kind(phrase: str) -> str | None:
    """The kind a name says exactly, in lowercase words (`load balancer` -> `lb`)."""
    return _ALIASES.get(phrase)


def resolve(name: str) -> Resolved | None:
    """The kind a block name says, or None.

    Tried in turn: the whole name (`load balancer`), without a trailing number (`db2`),
    then its words from the right, longest first (`photo-storage`, `db-primary`,
    `redis-cache`): in English the last word usually says what a thing is.
    """
    phrase = words(name)
    if not phrase:
        return None
    found = _lookup(phrase) or _lookup(_DIGITS.sub("", phrase).strip())
    if found:
        return found
    tokens = [_DIGITS.sub("", token) for token in phrase.split()]
    tokens = [token for token in tokens if token]
    for size in range(len(tokens), 0, -1):
        for start in range(len(tokens) - size, -1, -1):
            found = _lookup(" ".join(tokens[start : start + size]))
            if found:
                return found
    return None


def kind_of(text: str) -> str | None:
    """A kind id from a kind's id or one of its names (`redis` -> `cache`)."""
    found = resolve(text)
    return found.kind if found else None


def suggest(name: str, known: list[str] | tuple[str, ...] = ()) -> str | None:
    """The closest known name or alias, for a "did you mean"."""
    phrase = words(name)
    candidates = {words(item): item for item in known}
    candidates.update({alias: alias for alias in _ALIASES})
    close = difflib.get_close_matches(phrase, list(candidates), n=1, cutoff=0.7)
    return candidates[close[0]] if close else None


def name_for(kind: str, managed: bool) -> str | None:
    """A name that says both the kind and who runs it (`lb`, False -> `nginx`)."""
    for alias in sorted(_ALIASES):
        if _lookup(alias) == Resolved(kind, managed):
            return alias
    return None


def label(kind: str) -> str:
    """`db` -> `Database`."""
    return BY_ID[kind].label


# Products among the names above: inside a sentence they keep their capital (Kafka, Redis).
PRODUCTS = frozenset(("kafka", "redis", "memcached", "elasticache", "postgres", "postgresql",
                      "mysql", "dynamodb", "rabbitmq", "cloudfront", "akamai", "fastly",
                      "elasticsearch", "opensearch", "nginx", "haproxy", "envoy", "route53"))


def in_sentence(text: str) -> str:
    """`Object storage` -> `object storage`, `WebSocket server` -> `WebSocket server`: a
    word capitalised only to open a label is lowercased; a name or an abbreviation keeps
    its own capitals (CDN, S3, WebSocket, Kafka)."""
    return " ".join(word.lower() if word[1:] == word[1:].lower() and word.casefold()
                    not in PRODUCTS and not any(c.isdigit() for c in word) else word
                    for word in text.split(" "))  # fmt: skip


def noun(kind: str) -> str:
    """How a kind is said inside a sentence: `db` -> `database`, `ws` -> `WebSocket
    server`, `cdn` -> `CDN`."""
    return in_sentence(label(kind))


def a_noun(kind: str) -> str:
    """The kind with its article: `a database`, `an app server`, `a CDN`."""
    said = noun(kind)
    return ("an " if said[0].lower() in "aeio" else "a ") + said


def role(kind: str) -> str:
    """What the kind does for a flow (entry, lookup, proxy, compute, cache, store, ...)."""
    return BY_ID[kind].role


def matches(kind: str, wanted: str) -> bool:
    """Whether a block of `kind` is what a rule naming `wanted` means (`replica` is a `db`)."""
    return kind == wanted or BY_ID[kind].family == wanted


KIND_IDS = tuple(kind.id for kind in KINDS)
