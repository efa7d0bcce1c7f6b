"""Self-contained HTML report: one file, inline CSS, no network.

Jinja2 templates (autoescaped: article text is hostile input) render the
same per-event partial that the web app serves, so there is one rendering
codebase.  Templates receive ``v`` (an :class:`AnalysisView`) and ``h`` (a
:class:`Helpers` bound to a URL scheme): the report links inside the page
(``#art-...``), the web app links to its own routes.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from newstrace import __version__
from newstrace.model import Analysis, Article, Evidence, Passage, Quote, Span
from newstrace.report import graphsvg
from newstrace.report.jsonout import atomic_write_text
from newstrace.report.markup import Mark, highlight, snippet, word_diff
from newstrace.report.view import (
    AnalysisView,
    EventView,
    PassageRow,
    config_fingerprint,
    quote_text,
    speaker_text,
    stage_algorithms,
)

ALGORITHM = "html.v1"


class Urls:
    """Links inside the one-page report."""

    def article(self, article_id: str) -> str:
        return f"#art-{article_id}"

    def event(self, event_id: str) -> str:
        return f"#ev-{event_id}"

    def quote(self, quote: Quote) -> str:
        return f"#q-{quote.id}"

    def edge(self, event_id: str, index: int) -> str:
        return f"#edge-{event_id}-{index}"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The template environment (autoescape on for every template)."""
    env = Environment(
        loader=PackageLoader("newstrace.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["version"] = __version__
    return env


class Helpers:
    """What templates call to turn spans into escaped, highlighted HTML."""

    def __init__(self, view: AnalysisView, urls: Urls) -> None:
        self.v = view
        self.urls = urls
        self._marks: dict[str, list[Mark]] | None = None

    def text(self, span: Span | None) -> str:
        return self.v.text(span)

    def label(self, article_id: str | None) -> str:
        return self.v.label(article_id) if article_id else "—"

    def quote_text(self, quote: Quote) -> str:
        return quote_text(self.v, quote)

    def speaker(self, quote: Quote) -> str:
        return speaker_text(self.v, quote)

    def entity_name(self, entity_id: str) -> str:
        ent = self.v.entities.get(entity_id)
        return ent.name if ent else entity_id

    def detail(self, value: Any) -> str:
        """A finding's detail value for reading: ids become names, lists are joined."""
        if isinstance(value, (list, tuple)):
            return ", ".join(self.detail(v) for v in value)
        if isinstance(value, str):
            if value in self.v.entities:
                return self.v.entities[value].name
            if value in self.v.articles:
                return self.v.articles[value].label
        if isinstance(value, float):
            return f"{value:.2f}"
        return str(value)

    def evidence(self, span: Span, cls: str = "ev") -> Markup:
        """The span in its sentence-sized context, highlighted."""
        art = self.v.articles.get(span.article_id)
        if art is None:
            return Markup("<em>(article not in this analysis)</em>")
        return snippet(art.body, span.start, span.end, [Mark(span.start, span.end, cls)])

    def passage(self, passage: Passage | PassageRow) -> tuple[Markup, Markup]:
        """Source and target text; edited passages with their word changes marked.

        (A paraphrase says the same in other words, so marking every changed
        word would only add noise; it is shown plain.)
        """
        src, tgt = self.v.text(passage.source), self.v.text(passage.target)
        if passage.kind == "edited":
            return word_diff(src, tgt)
        return escape(src), escape(tgt)

    def graph(self, ev: EventView) -> Markup:
        nodes = [graphsvg.Node(a.id, a.label, a.published or "", self.urls.article(a.id),
                               a in ev.origins) for a in ev.articles]
        edges = [graphsvg.Edge(e.edge.source, e.edge.target, e.edge.kind, e.edge.confidence,
                               self.urls.edge(ev.event.id, i)) for i, e in enumerate(ev.edges)]
        return graphsvg.render(nodes, edges, f"derivation graph of {ev.event.label}",
                               uid=f"g-{ev.event.id}")

    def meta_evidence(self, article: Article, evidence: Evidence | None) -> Markup:
        """How a metadata value was found, with the raw text around it when it has offsets."""
        if evidence is None:
            return Markup("")
        how = Markup('<span class="how">{}</span>').format(evidence.how)
        if evidence.start is None or evidence.end is None or not article.raw:
            return how + Markup(" <q>{}</q>").format(evidence.raw)
        ctx = snippet(article.raw, evidence.start, evidence.end,
                      [Mark(evidence.start, evidence.end, "ev")], width=60)
        return how + Markup(' <span class="ctx">{}</span>').format(ctx)

    def body(self, article: Article) -> Markup:
        """The article body with passages, quotes, mentions, credits and findings marked."""
        return highlight(article.body, self.marks(article))

    def marks(self, article: Article) -> list[Mark]:
        """Every highlight in ``article`` (all articles' marks are computed in one pass)."""
        if self._marks is None:
            self._marks = {}
            for aid, mark in self._all_marks():
                self._marks.setdefault(aid, []).append(mark)
        return self._marks.get(article.id, [])

    def _all_marks(self) -> Iterator[tuple[str, Mark]]:
        an = self.v.analysis
        for prov in an.provenance:
            for edge in prov.edges:
                src, tgt = self.label(edge.source), self.label(edge.target)
                for p in edge.passages:
                    yield p.target.article_id, Mark(p.target.start, p.target.end, f"p-{p.kind}",
                                                    f"{p.kind} from {src} ({p.score:.2f})")
                    yield p.source.article_id, Mark(p.source.start, p.source.end, "p-src",
                                                    f"reused by {tgt} ({p.kind})")
                for a in edge.attributions:
                    yield a.span.article_id, Mark(a.span.start, a.span.end, "attr",
                                                  f"credits {a.credited}")
        for q in an.quotes:
            check = self.v.checks.get(q.id)
            tip = f"quote ({q.kind}) by {self.speaker(q)}"
            tip += f"; {check.label} vs origin" if check else ""
            for s in q.content:
                yield q.article_id, Mark(s.start, s.end, "q", tip, f"q-{q.id}")
            if q.speaker:
                yield q.article_id, Mark(q.speaker.start, q.speaker.end, "spk", "speaker")
        for ent in an.entities:
            for m in ent.mentions:
                yield m.span.article_id, Mark(m.span.start, m.span.end, "ent",
                                              f"{ent.name} ({ent.label})")
        for f in an.findings:
            for s in f.evidence:
                yield s.article_id, Mark(s.start, s.end, f"f-{f.kind}",
                                         f"{f.kind}: {f.statement}")


def render(analysis: Analysis) -> str:
    """The whole report as one HTML document."""
    return render_page("report.html.j2", analysis, Urls())


def render_page(template: str, analysis: Analysis, urls: Urls, **context: Any) -> str:
    """Render any of the package's page templates over ``analysis``."""
    view = AnalysisView(analysis)
    tmpl = environment().get_template(template)
    return tmpl.render(a=analysis, v=view, h=Helpers(view, urls),
                       fingerprint=config_fingerprint(analysis),
                       algorithms=stage_algorithms(analysis), **context)


def write(analysis: Analysis, path: str | Path) -> Path:
    """Write the report atomically to ``path``."""
    return atomic_write_text(Path(path), render(analysis))
