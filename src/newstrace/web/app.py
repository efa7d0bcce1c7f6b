"""Local web app over the latest analysis of a store.

Pages (index, event, article) are rendered by the same Jinja2 templates and
partials as the self-contained HTML report, only with links to this app's
routes; the JSON API serves the ``newstrace.v1`` objects (spans with their
text).  Each request asks the store for the number of its latest analysis
(one small query) and decodes the analysis again only when that changed, so a
new run on the store shows up on reload without re-reading a large store on
every click.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any
from urllib.parse import quote as urlquote

from fastapi import FastAPI, HTTPException
from fastapi.responses import HTMLResponse

from newstrace.model import Analysis, Quote
from newstrace.report import html as htmlreport
from newstrace.report import jsonout
from newstrace.report.view import AnalysisView

ALGORITHM = "web.v1"

AnalysisLoader = Callable[[], Analysis | None]


class WebUrls(htmlreport.Urls):
    """Links to this app's routes instead of anchors in one page."""

    def article(self, article_id: str) -> str:
        return f"/articles/{urlquote(article_id, safe='')}"

    def event(self, event_id: str) -> str:
        return f"/events/{urlquote(event_id, safe='')}"

    def quote(self, quote: Quote) -> str:
        return f"{self.article(quote.article_id)}#q-{quote.id}"

    def edge(self, event_id: str, index: int) -> str:
        return f"{self.event(event_id)}#edge-{event_id}-{index}"


def store_loader(store_path: str) -> AnalysisLoader:
    """Load the latest analysis saved in the store at ``store_path`` (None if there is none)."""

    cached: dict[str, Any] = {"seq": None, "analysis": None}

    def load() -> Analysis | None:
        from newstrace.store import open_store  # imported late: the app works without a store

        store = open_store(store_path)
        try:
            seq = store.latest_analysis_seq()
            if seq is None or seq != cached["seq"]:
                cached["analysis"] = store.load_analysis() if seq is not None else None
                cached["seq"] = seq
            analysis: Analysis | None = cached["analysis"]
            return analysis
        finally:
            store.close()

    return load


def create_app(source: str | AnalysisLoader) -> FastAPI:
    """The app over a store path, or over any callable returning an :class:`Analysis`."""
    loader = store_loader(source) if isinstance(source, str) else source
    app = FastAPI(title="newstrace", description="Where a news story came from")
    urls = WebUrls()

    def current() -> tuple[Analysis, bool]:
        analysis = loader()
        return (analysis, False) if analysis is not None else (Analysis(), True)

    @app.get("/", response_class=HTMLResponse)
    def index() -> str:
        analysis, empty = current()
        return htmlreport.render_page("index.html.j2", analysis, urls, empty=empty)

    @app.get("/report.html", response_class=HTMLResponse)
    def report() -> str:
        return htmlreport.render(current()[0])

    @app.get("/events/{event_id}", response_class=HTMLResponse)
    def event_page(event_id: str) -> str:
        analysis = current()[0]
        view = AnalysisView(analysis)
        if event_id not in view.events:
            raise HTTPException(404, f"no event {event_id}")
        return htmlreport.render_page("event.html.j2", analysis, urls,
                                      ev=view.event_view(view.events[event_id]))

    @app.get("/articles/{article_id}", response_class=HTMLResponse)
    def article_page(article_id: str) -> str:
        analysis = current()[0]
        art = AnalysisView(analysis).articles.get(article_id)
        if art is None:
            raise HTTPException(404, f"no article {article_id}")
        return htmlreport.render_page("article.html.j2", analysis, urls, art=art)

    @app.get("/api/analysis")
    def api_analysis() -> dict[str, Any]:
        return jsonout.to_json(current()[0])

    @app.get("/api/events/{event_id}")
    def api_event(event_id: str) -> dict[str, Any]:
        return event_json(current()[0], event_id)

    @app.get("/api/articles/{article_id}")
    def api_article(article_id: str) -> dict[str, Any]:
        return article_json(current()[0], article_id)

    return app


def event_json(analysis: Analysis, event_id: str) -> dict[str, Any]:
    """One event with its provenance, quotes, checks, entities and findings (spans with text)."""
    view = AnalysisView(analysis)
    if event_id not in view.events:
        raise HTTPException(404, f"no event {event_id}")
    ev = view.event_view(view.events[event_id])
    quote_ids = {qv.quote.id for qv in ev.quotes}
    payload = {
        "event": ev.event,
        "articles": [{"id": a.id, "outlet": a.outlet, "title": a.title,
                      "published": a.published, "source": a.source} for a in ev.articles],
        "provenance": ev.provenance,
        "quotes": [qv.quote for qv in ev.quotes],
        "quote_checks": [c for c in analysis.quote_checks if c.quote_id in quote_ids],
        # each entity with its mentions in this event only (it may span many events)
        "entities": [dataclasses.replace(ew.entity, mentions=ew.event_mentions)
                     for ew in ev.entities],
        "findings": [f for kind in ev.findings.values() for f in kind],
    }
    return _encoded(analysis, payload)


def article_json(analysis: Analysis, article_id: str) -> dict[str, Any]:
    """One article with its quotes and the findings about it."""
    view = AnalysisView(analysis)
    if article_id not in view.articles:
        raise HTTPException(404, f"no article {article_id}")
    ev = view.event_of(article_id)
    payload = {
        "article": view.articles[article_id],
        "event_id": ev.id if ev else None,
        "quotes": [q for q in analysis.quotes if q.article_id == article_id],
        "findings": [f for f in analysis.findings if f.article_id == article_id],
    }
    return _encoded(analysis, payload)


def _encoded(analysis: Analysis, payload: dict[str, Any]) -> dict[str, Any]:
    bodies = {a.id: a.body for a in analysis.articles}
    out: dict[str, Any] = {"format": analysis.format}
    out.update(jsonout.encode(payload, bodies))
    return out


def serve(source: str | AnalysisLoader, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the app with uvicorn (what ``newstrace serve`` calls); blocks until stopped."""
    import uvicorn

    uvicorn.run(create_app(source), host=host, port=port, log_level="warning")
