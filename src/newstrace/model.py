"""The one data model of newstrace.

Every stage is a plain function over these types.  Anything the tool claims
points at :class:`Span` objects: character offsets into the *stored, cleaned*
body of an article (``Article.body``), so a reader can check each claim
against the text.  Metadata found outside the cleaned body (a dateline that
was stripped, a ``Source:`` line) carries a :class:`Evidence` whose offsets
are into the article's decoded raw text (``Article.raw``).

All types serialise to plain JSON through :func:`to_dict` and back through
:func:`from_dict`; the JSON layout is documented in ``docs/data-format.md``.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import hashlib
import types
import typing
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, Union

#: Version of the JSON output layout (bumped on any incompatible change).
FORMAT_VERSION = "newstrace.v1"


@dataclass(frozen=True, order=True)
class Span:
    """Half-open character range ``[start, end)`` in ``Article.body``."""

    article_id: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span {self.start}:{self.end}")

    def text(self, body: str) -> str:
        return body[self.start : self.end]

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return (
            self.article_id == other.article_id
            and self.start < other.end
            and other.start < self.end
        )


@dataclass(frozen=True)
class Evidence:
    """Where a metadata value was found: the raw string, how, and its offset.

    ``start``/``end`` are offsets into ``Article.raw`` (the decoded input
    text before cleaning), or ``None`` when the value came from a structured
    field (JSON key, HTML meta tag) rather than running text.
    """

    raw: str
    how: str
    start: int | None = None
    end: int | None = None


@dataclass
class DateMention:
    """A date the body mentions ("on Monday", "last week", "May 14", "June 29, 2022").

    ``value`` is the ISO 8601 date, week (``2024-W23``), month (``2024-06``) or
    year it resolves to, anchored on the article's publication date when the
    text leaves the year or the day relative; ``None`` when nothing anchors it.
    ``how`` says how it was resolved (e.g. ``weekday-past+published``).
    """

    span: Span
    text: str
    value: str | None
    how: str


@dataclass
class Article:
    id: str
    source: str  # path (plus "#line" / "#record" for multi-record files)
    body: str
    raw: str = ""
    outlet: str | None = None
    outlet_evidence: Evidence | None = None
    url: str | None = None
    title: str | None = None
    title_evidence: Evidence | None = None
    author: str | None = None
    author_evidence: Evidence | None = None
    published: str | None = None  # ISO 8601 date (or datetime), None if unknown
    published_evidence: Evidence | None = None
    dateline_place: str | None = None
    dateline_evidence: Evidence | None = None
    language: str | None = None
    paragraphs: list[Span] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)
    encoding: str | None = None
    replaced_chars: int = 0
    notes: list[str] = field(default_factory=list)
    date_mentions: list[DateMention] = field(default_factory=list)

    def text(self, span: Span) -> str:
        if span.article_id != self.id:
            raise ValueError(f"span of {span.article_id} used on {self.id}")
        return self.body[span.start : span.end]

    @property
    def label(self) -> str:
        """Short human name: outlet, else file name."""
        if self.outlet:
            return self.outlet
        return self.source.rsplit("/", 1)[-1]


def content_id(body: str, title: str | None = None) -> str:
    """Content-hash id: the same text (modulo whitespace and Unicode form) is one article."""
    norm = " ".join(unicodedata.normalize("NFC", (title or "") + "\n" + body).split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def iso_date(value: str | None) -> datetime.date | None:
    """The calendar day of an ISO 8601 date or datetime string (``Article.published``), or None."""
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class Skip:
    """An input that was not read, and why (``offset``: byte, line or record)."""

    source: str
    reason: str
    offset: str | None = None


PassageKind = Literal["verbatim", "edited", "paraphrase"]


@dataclass
class Passage:
    """Two aligned stretches of text: ``source`` in the earlier, ``target`` in the later article."""

    source: Span
    target: Span
    kind: PassageKind
    score: float


QuoteKind = Literal["direct", "indirect", "mixed"]


@dataclass
class Quote:
    id: str
    article_id: str
    content: list[Span]
    kind: QuoteKind
    speaker: Span | None = None
    cue: Span | None = None
    speaker_entity: str | None = None  # Entity.id
    speaker_name: str | None = None  # resolved display name


FidelityLabel = Literal["verbatim", "trimmed", "paraphrase", "absent"]


@dataclass
class QuoteCheck:
    """A quote of a derived article checked against the event's origin."""

    quote_id: str
    origin_id: str
    label: FidelityLabel
    score: float
    origin_span: Span | None = None
    quoted_but_absent: bool = False  # words in quotation marks the origin does not contain


@dataclass
class Mention:
    span: Span
    text: str
    label: str  # PERSON, ORG, GPE, LOC, NORP, ...
    entity_id: str | None = None


@dataclass
class NameRoles:
    """Roles the parse gives a name at ``[start, end)`` of a body (appositions, titles)."""

    start: int
    end: int
    roles: list[str] = field(default_factory=list)


#: ``Reference.kind`` (and the ``Mention.label`` of a linked reference): a personal pronoun
#: or a bare definite noun ("the agency").  Such mentions refer to an entity, never name it.
PRONOUN = "PRON"
ROLE_NOUN = "NOM"
REFERENCE_KINDS = frozenset({PRONOUN, ROLE_NOUN})


@dataclass
class Reference:
    """A word that may refer back to a named entity: a personal pronoun (``kind`` "PRON")
    or a bare definite noun such as "the agency" (``kind`` "NOM").  ``window`` is where
    the sentence before the word's own sentence starts (a pronoun looks no further back)."""

    span: Span
    text: str
    kind: str
    window: int = 0


@dataclass
class EntityCues:
    """What entity resolution needs of one article's parse, computed where the parse is.

    Resolution runs over the whole collection; with these it needs no parse of
    its own, so the per-article stage can run on workers (a pool, Spark).
    ``roles`` lists every name-shaped span with non-empty roles.
    """

    article_id: str
    roles: list[NameRoles] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)


@dataclass
class Entity:
    id: str
    name: str
    label: str
    forms: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)


@dataclass
class Event:
    id: str
    article_ids: list[str]
    label: str = ""
    key_entities: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    duplicates: dict[str, list[str]] = field(default_factory=dict)  # kept id -> copies


@dataclass
class Thread:
    id: str
    event_ids: list[str]
    label: str = ""
    timeline: list[tuple[str, str]] = field(default_factory=list)  # (date, event id)


EdgeKind = Literal["derived", "common-source"]


@dataclass
class Attribution:
    """A phrase in ``span``'s article crediting another outlet ("Reuters reported")."""

    span: Span
    credited: str  # the outlet or source named


@dataclass
class Derivation:
    source: str  # article id
    target: str  # article id
    kind: EdgeKind
    confidence: float
    passages: list[Passage] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)  # readable evidence (dates, containment, ...)


@dataclass
class Provenance:
    event_id: str
    origins: list[str]
    edges: list[Derivation] = field(default_factory=list)


FindingKind = Literal["discrepancy", "addition", "omission", "framing"]


@dataclass
class Finding:
    kind: FindingKind
    statement: str
    evidence: list[Span]
    event_id: str | None = None
    article_id: str | None = None  # the article (outlet) the finding is about
    subtype: str = ""  # e.g. name, role, affiliation, gender, date, number
    severity: str = ""  # e.g. variant, contradiction
    details: dict[str, Any] = field(default_factory=dict)


LEDGER_KINDS = ("copied", "reworded", "added", "omitted", "changed")


@dataclass
class Ledger:
    """What one derived article did with its sources, per event.

    ``copied``/``reworded``/``added``/``changed`` are spans in the article's own
    body; ``omitted`` are spans of the origin the article does not carry.
    """

    article_id: str
    event_id: str = ""
    copied: list[Span] = field(default_factory=list)
    reworded: list[Span] = field(default_factory=list)
    added: list[Span] = field(default_factory=list)
    omitted: list[Span] = field(default_factory=list)
    changed: list[Span] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {k: len(getattr(self, k)) for k in LEDGER_KINDS}

    def chars(self) -> dict[str, int]:
        """Characters covered by each category (overlapping spans counted once)."""
        return {k: _covered(getattr(self, k)) for k in LEDGER_KINDS}


def _covered(spans: list[Span]) -> int:
    total, end, doc = 0, -1, None
    for s in sorted(spans):
        if s.article_id != doc:
            doc, end = s.article_id, -1
        if s.start >= end:
            total += len(s)
        elif s.end > end:
            total += s.end - end
        end = max(end, s.end)
    return total


@dataclass
class Analysis:
    """Everything one run found; what ``--json`` writes."""

    articles: list[Article] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    threads: list[Thread] = field(default_factory=list)
    provenance: list[Provenance] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    quote_checks: list[QuoteCheck] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    ledgers: list[Ledger] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    algorithms: dict[str, str] = field(default_factory=dict)
    format: str = FORMAT_VERSION
    config_fingerprint: str = ""  # Config.fingerprint() of the options the run used

    def article(self, article_id: str) -> Article:
        for art in self.articles:
            if art.id == article_id:
                return art
        raise KeyError(article_id)


# --------------------------------------------------------------------------- JSON


def to_dict(obj: Any) -> Any:
    """Dataclasses to plain JSON-able values (tuples become lists)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_dict(v) for v in obj]
    if isinstance(obj, dict):
        return {str(k): to_dict(v) for k, v in obj.items()}
    return obj


T = TypeVar("T")


def from_dict(cls: type[T], data: Any) -> T:
    """Inverse of :func:`to_dict` for the types of this module (and dataclasses like them).

    The conversion for each type is built once and cached (:func:`_decoder`):
    resolving type hints on every call cost about half a millisecond per article.
    """
    return typing.cast(T, _decoder(typing.cast(Any, cls))(data))


Convert = Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


def _optional(inner: Convert) -> Convert:
    return lambda v: None if v is None else inner(v)


@functools.cache
def _decoder(tp: Any) -> Convert:
    """The conversion from JSON values to type ``tp`` (``None`` stays ``None``)."""
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _optional(_decoder(args[0])) if len(args) == 1 else _same
    if origin is list:
        inner = _decoder(typing.get_args(tp)[0])
        return _optional(list if inner is _same else lambda v: [inner(x) for x in v])
    if origin is tuple:
        inners = tuple(_decoder(a) for a in typing.get_args(tp))
        return _optional(lambda v: tuple(d(x) for d, x in zip(inners, v, strict=False)))
    if origin is dict:
        value = _decoder(typing.get_args(tp)[1])
        return _optional(lambda v: {k: value(x) for k, x in v.items()})
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _optional(_dataclass_decoder(tp))
    return _same


def _dataclass_decoder(cls: type) -> Convert:
    hints = typing.get_type_hints(cls)
    fields = [(f.name, _decoder(hints[f.name])) for f in dataclasses.fields(cls)]
    return lambda v: cls(**{name: conv(v[name]) for name, conv in fields if name in v})
