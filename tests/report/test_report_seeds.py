"""End to end on the bundled seed story: the outputs a user opens after ``newstrace trace``.

Runs the whole pipeline once (skipped while a stage is missing) and checks
what a reader checks: the JSON round-trips and every span's text is the
article's own text; the HTML names the origin and draws every outlet of the
main event in its graph; the summary fits on a screen.
"""

from __future__ import annotations

import io
import json
import re

import pytest
from rich.console import Console

from newstrace.config import Config
from newstrace.model import Analysis, Article, from_dict
from newstrace.report import html, jsonout, summary


@pytest.fixture(scope="module")
def seed_analysis(seed_articles: dict[str, Article], config: Config) -> Analysis:
    from newstrace.pipeline import analyse

    return analyse(list(seed_articles.values()), config)


def test_seed_json_round_trips_and_spans_quote_the_articles(seed_analysis: Analysis) -> None:
    doc = json.loads(jsonout.dumps(seed_analysis))
    assert from_dict(Analysis, doc) == seed_analysis
    bodies = {a.id: a.body for a in seed_analysis.articles}
    spans = jsonout.spans_in(doc)
    assert spans
    for s in spans:
        assert s["text"] == bodies[str(s["article_id"])][int(str(s["start"])):int(str(s["end"]))]


def test_seed_report_names_origin_and_draws_the_outlets(
    seed_analysis: Analysis, seed_articles: dict[str, Article]
) -> None:
    page = html.render(seed_analysis)
    origin = seed_articles["003"]
    event = next(e for e in seed_analysis.events if origin.id in e.article_ids)
    section = page[page.index(f'id="ev-{event.id}"'):]
    svg = section[section.index("<svg"):section.index("</svg>")]
    for key in ("000", "002", "003"):
        assert seed_articles[key].label in svg
    origin_line = section[section.index("<strong>Origin:</strong>"):][:300]
    assert origin.label in origin_line
    assert "<script>alert" not in page


def test_seed_summary_is_short(seed_analysis: Analysis) -> None:
    buf = io.StringIO()
    summary.render(seed_analysis, Console(file=buf, width=120))
    out = buf.getvalue()
    assert "Origin:" in out and "→" in out
    assert len(out.splitlines()) < 120
    assert not re.search(r"\x1b\[", out)
