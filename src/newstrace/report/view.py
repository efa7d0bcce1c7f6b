"""Read-only views over an :class:`Analysis`, shared by every output.

The terminal summary, the HTML report and the web app all show the same
facts (per event: articles, origin, derivation edges with passage counts,
quote fidelity per outlet, findings, ledger counts).  Computing them once
here keeps the three outputs consistent and keeps rendering code free of
bookkeeping.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from newstrace.model import (
    Analysis,
    Article,
    Derivation,
    Entity,
    Event,
    Finding,
    Ledger,
    Mention,
    Passage,
    Provenance,
    Quote,
    QuoteCheck,
    Span,
)

PASSAGE_KINDS = ("verbatim", "edited", "paraphrase")
FIDELITY_LABELS = ("verbatim", "trimmed", "paraphrase", "absent")
FINDING_KINDS = ("discrepancy", "addition", "omission", "framing")
# Passages this close on both sides (characters) are shown as one row: the
# aligner cuts an edited sentence into its copied runs (what the data and the
# passage figures count), but a reader wants the sentence with its edits marked.
ROW_GAP = 60


@dataclass
class PassageRow:
    """One displayed row: consecutive passages of an edge joined across small gaps."""

    source: Span
    target: Span
    kind: str
    score: float
    parts: int = 1


def passage_rows(passages: list[Passage], gap: int = ROW_GAP) -> list[PassageRow]:
    """Passages in target order, neighbours within ``gap`` characters on both sides joined.

    Paraphrases stay rows of their own (their words differ throughout); a
    joined row is ``edited`` unless all its parts are verbatim and adjacent.
    """
    rows: list[PassageRow] = []
    for p in sorted(passages, key=lambda p: (p.target.start, p.source.start)):
        last = rows[-1] if rows else None
        if (last is not None and p.kind != "paraphrase" and last.kind != "paraphrase"
                and 0 <= p.target.start - last.target.end <= gap
                and 0 <= p.source.start - last.source.end <= gap):
            joined = p.kind == "verbatim" and last.kind == "verbatim" and (
                p.target.start == last.target.end and p.source.start == last.source.end)
            rows[-1] = PassageRow(
                Span(last.source.article_id, last.source.start, p.source.end),
                Span(last.target.article_id, last.target.start, p.target.end),
                "verbatim" if joined else "edited",
                min(last.score, p.score), last.parts + 1)
            continue
        rows.append(PassageRow(p.source, p.target, p.kind, p.score))
    return rows


@dataclass
class EdgeView:
    """One derivation edge with its articles resolved and its passages counted."""

    edge: Derivation
    source: Article | None
    target: Article | None
    passage_counts: dict[str, int]

    @property
    def rows(self) -> list[PassageRow]:
        """The passages as a reader sees them (see :func:`passage_rows`)."""
        return passage_rows(self.edge.passages)

    @property
    def credits(self) -> list[str]:
        return sorted({a.credited for a in self.edge.attributions})


@dataclass
class QuoteView:
    """A quote with its article, its fidelity check (if any) and the origin's words."""

    quote: Quote
    article: Article | None
    check: QuoteCheck | None = None
    origin_text: str = ""
    in_origin: bool = False  # the quote is in the event's origin article itself


@dataclass
class OutletFidelity:
    """How faithfully one article's quotes render the origin."""

    article: Article
    counts: dict[str, int]
    quoted_but_absent: int


@dataclass
class EntityView:
    """An entity as one event uses it: its mentions there, forms used, and by whom."""

    entity: Entity
    mentions: int
    forms: list[str]
    outlets: list[str]
    other_forms: list[str] = field(default_factory=list)  # forms seen only in other events
    event_mentions: list[Mention] = field(default_factory=list)  # its mentions in this event


@dataclass
class EventView:
    """Everything the outputs show for one event."""

    event: Event
    articles: list[Article]
    provenance: Provenance | None
    origins: list[Article]
    edges: list[EdgeView]
    quotes: list[QuoteView]
    fidelity: list[OutletFidelity]
    findings: dict[str, list[Finding]]
    # article id -> ledger kind (copied, reworded, added, omitted, changed) -> span count,
    # "<kind>_chars" -> characters covered, and "framing" -> framing findings
    ledger: dict[str, dict[str, int]]
    entities: list[EntityView]
    missing: list[str] = field(default_factory=list)  # article ids not in the analysis


class AnalysisView:
    """Indexes over an analysis (ids to objects) and per-event views."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.articles = {a.id: a for a in analysis.articles}
        self.events = {e.id: e for e in analysis.events}
        self.provenance = {p.event_id: p for p in analysis.provenance}
        self.quotes = {q.id: q for q in analysis.quotes}
        self.checks = {c.quote_id: c for c in analysis.quote_checks}
        self.entities = {e.id: e for e in analysis.entities}
        # Per-article / per-event indexes, so each event view costs its own size only.
        self._event_of: dict[str, Event] = {}
        for ev in reversed(analysis.events):
            self._event_of.update(dict.fromkeys(ev.article_ids, ev))
        self._ledgers_of: dict[str, list[Ledger]] = {}
        for led in analysis.ledgers:
            self._ledgers_of.setdefault(led.event_id, []).append(led)
        self._quotes_of: dict[str, list[Quote]] = {}
        for q in analysis.quotes:
            self._quotes_of.setdefault(q.article_id, []).append(q)
        # article id -> [(entity, its mentions in that article)]
        self._entities_of: dict[str, list[tuple[Entity, list[Mention]]]] = {}
        for ent in analysis.entities:
            per_article: dict[str, list[Mention]] = {}
            for m in ent.mentions:
                per_article.setdefault(m.span.article_id, []).append(m)
            for aid, ms in per_article.items():
                self._entities_of.setdefault(aid, []).append((ent, ms))

    def text(self, span: Span | None) -> str:
        """The characters a span covers ('' when its article is unknown)."""
        if span is None or span.article_id not in self.articles:
            return ""
        return self.articles[span.article_id].body[span.start : span.end]

    def label(self, article_id: str) -> str:
        art = self.articles.get(article_id)
        return art.label if art else article_id

    def event_of(self, article_id: str) -> Event | None:
        """The (first) event the article belongs to."""
        return self._event_of.get(article_id)

    def _findings_by_event(self) -> dict[str | None, list[Finding]]:
        if not hasattr(self, "_findings_cache"):
            cache: dict[str | None, list[Finding]] = {}
            for f in self.analysis.findings:
                key = f.event_id
                if key is None and f.article_id in self._event_of:
                    key = self._event_of[f.article_id].id
                cache.setdefault(key, []).append(f)
            self._findings_cache = cache
        return self._findings_cache

    def event_view(self, event: Event) -> EventView:
        prov = self.provenance.get(event.id)
        first = set(prov.origins) if prov else set()
        arts = sorted((self.articles[i] for i in event.article_ids if i in self.articles),
                      key=lambda a: (a.published or "9999", a.id not in first, a.label))
        # Checked quotes of derived articles first (what a reader checks), the origin's last.
        quotes = sorted(self._quote_views([a.id for a in arts]), key=lambda q: q.in_origin)
        findings = self._findings_by_event().get(event.id, [])
        return EventView(
            event=event,
            articles=arts,
            provenance=prov,
            origins=[self.articles[i] for i in (prov.origins if prov else [])
                     if i in self.articles],
            # Edges out of the origin first, then the surest.
            edges=[self._edge_view(e) for e in sorted(
                prov.edges if prov else [], key=lambda e: (e.source not in first, -e.confidence))],
            quotes=quotes,
            fidelity=self._fidelity(arts, quotes),
            findings={k: [f for f in findings if f.kind == k] for k in FINDING_KINDS},
            ledger=_ledger(self._ledgers_of.get(event.id, []), findings),
            entities=self._event_entities(event),
            missing=[i for i in event.article_ids if i not in self.articles],
        )

    def _event_entities(self, event: Event) -> list[EntityView]:
        """Entities mentioned in the event, most mentioned first, with in-event counts."""
        grouped: dict[str, tuple[Entity, list[Mention]]] = {}
        for aid in dict.fromkeys(event.article_ids):
            for ent, ms in self._entities_of.get(aid, []):
                grouped.setdefault(ent.id, (ent, []))[1].extend(ms)
        views = []
        for ent, mentions in grouped.values():
            forms = list(dict.fromkeys(m.text for m in mentions)) or ent.forms
            outlets = list(dict.fromkeys(self.label(m.span.article_id) for m in mentions))
            others = [f for f in ent.forms if f not in forms]
            views.append(EntityView(ent, len(mentions), forms, outlets, others, mentions))
        return sorted(views, key=lambda v: (-v.mentions, v.entity.name))

    def event_views(self) -> list[EventView]:
        return [self.event_view(e) for e in self.analysis.events]

    def _edge_view(self, edge: Derivation) -> EdgeView:
        counts: Counter[str] = Counter(p.kind for p in edge.passages)
        return EdgeView(edge, self.articles.get(edge.source), self.articles.get(edge.target),
                        {k: counts.get(k, 0) for k in PASSAGE_KINDS})

    def _quote_views(self, ids: list[str]) -> list[QuoteView]:
        out = []
        for q in (q for i in ids for q in self._quotes_of.get(i, [])):
            check = self.checks.get(q.id)
            origin = self.text(check.origin_span) if check else ""
            event = self._event_of.get(q.article_id)
            prov = self.provenance.get(event.id) if event else None
            out.append(QuoteView(q, self.articles.get(q.article_id), check, origin,
                                 bool(prov and q.article_id in prov.origins)))
        return out

    def article_quotes(self, article_id: str) -> list[QuoteView]:
        """The quotes of one article, with their fidelity checks."""
        return self._quote_views([article_id])

    def article_findings(self, article_id: str) -> dict[str, list[Finding]]:
        """The findings about one article (outlet), by kind."""
        own = [f for f in self.analysis.findings if f.article_id == article_id]
        return {k: [f for f in own if f.kind == k] for k in FINDING_KINDS}

    @staticmethod
    def _fidelity(arts: list[Article], quotes: list[QuoteView]) -> list[OutletFidelity]:
        out = []
        for art in arts:
            checks = [qv.check for qv in quotes if qv.check and qv.quote.article_id == art.id]
            if not checks:
                continue
            counts: Counter[str] = Counter(c.label for c in checks)
            out.append(OutletFidelity(art, {k: counts.get(k, 0) for k in FIDELITY_LABELS},
                                      sum(1 for c in checks if c.quoted_but_absent)))
        return out


def _ledger(ledgers: list[Ledger], findings: list[Finding]) -> dict[str, dict[str, int]]:
    """Per outlet: what it copied, reworded, added, omitted and changed, and its framing."""
    rows: dict[str, dict[str, int]] = {}
    for led in ledgers:
        row = rows.setdefault(led.article_id, {})
        row.update(led.counts())
        row.update({f"{k}_chars": v for k, v in led.chars().items()})
    for f in findings:
        if f.kind == "framing" and f.article_id in rows:
            rows[f.article_id]["framing"] = rows[f.article_id].get("framing", 0) + 1
    return rows


def config_fingerprint(analysis: Analysis) -> str:
    """The run's config fingerprint (older pipelines kept it under ``algorithms["config"]``)."""
    return analysis.config_fingerprint or analysis.algorithms.get("config", "")


def stage_algorithms(analysis: Analysis) -> dict[str, str]:
    """The stage -> algorithm map, without the version/config entries some pipelines add.

    (The package version is reported separately in ``generated_by.newstrace``.)
    """
    skip = ("config", "newstrace")
    return {k: v for k, v in sorted(analysis.algorithms.items()) if k not in skip}


def quote_text(view: AnalysisView, quote: Quote) -> str:
    """A quote's content spans joined with ' … ' (they may be discontinuous)."""
    return " … ".join(view.text(s) for s in quote.content)


def speaker_text(view: AnalysisView, quote: Quote) -> str:
    """The speaker as written in the article, with the resolved name if it differs."""
    written = view.text(quote.speaker)
    name = quote.speaker_name or ""
    if written and name and name.casefold() not in written.casefold():
        return f"{written} ({name})"
    return written or name or "unknown speaker"
