"""The HTML report: self-contained, escaped, and showing what an analyst checks."""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

from newstrace.model import Analysis, Article, Event
from newstrace.report import html
from newstrace.report.markup import unbalanced_tags


def _visible(page: str) -> str:
    """The page's text as a reader sees it (tags dropped, entities decoded)."""
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_page_is_self_contained(analysis: Analysis) -> None:
    page = html.render(analysis)
    assert page.startswith("<!doctype html>")
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)=", page, flags=re.I)
    assert "@import" not in page and "url(http" not in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)


def test_hostile_article_text_is_escaped(analysis: Analysis) -> None:
    art = analysis.articles[1]
    art.body = art.body + "\n\n<script>alert('x')</script>"
    art.title = '"><img src=x onerror=alert(1)>'
    art.outlet = "<b>Evil</b>"
    page = html.render(analysis)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert "<img src=x" not in page
    assert "&lt;b&gt;Evil&lt;/b&gt;" in page


def test_event_section_shows_articles_graph_and_edges(analysis: Analysis) -> None:
    page = html.render(analysis)
    text = _visible(page)
    section = page[page.index('id="ev-ev-dam-closure"'):page.index('id="ev-ev-repairs-start"')]
    svg = section[section.index("<svg"):section.index("</svg>")]
    for outlet in ("Meridian Press Agency", "Coastal Herald", "Northwind Radio"):
        assert outlet in svg
    assert "derived 0.91" in svg and "common-source 0.35" in svg
    assert "Meridian Press Agency → Coastal Herald derived confidence 0.91 · 3 passages" in text
    assert "credits <q>MPA</q>" in page
    assert "same publication day, source has the earlier dateline" in text


def test_aligned_passages_side_by_side_with_changed_words(analysis: Analysis) -> None:
    page = html.render(analysis)
    # the edited passage: "close" struck out on the source side, "shut" inserted on the target
    assert '<del class="chg">close</del>' in page
    assert '<ins class="chg">shut</ins>' in page
    assert '<del class="chg">12</del>' in page and '<ins class="chg">15</ins>' in page


def test_quotes_with_speaker_fidelity_and_origin_text(analysis: Analysis) -> None:
    text = _visible(html.render(analysis))
    assert "Anna Ferreira (Ana Ferreira)" in text
    assert "paraphrase 0.58 quoted words not in origin" in text
    assert "origin: “The dam is safe, but the spillway needs urgent work.”" in text
    assert "absent 0.00" in text


def test_entities_list_all_their_forms(analysis: Analysis) -> None:
    page = html.render(analysis)
    row = page[page.index("<td>Ana Ferreira</td>"):]
    row = row[:row.index("</tr>")]
    # the spellings this event's outlets use, and the form only seen in the later event
    assert all(f">{form}<" in row for form in ("Ana Ferreira", "Anna Ferreira"))
    assert "elsewhere also: Ferreira" in row
    assert "Meridian Press Agency, Coastal Herald, Northwind Radio" in row


def test_findings_show_evidence_highlighted_in_context(analysis: Analysis) -> None:
    page = html.render(analysis)
    assert "Coastal Herald says 15,000 residents will be moved" in page
    # the evidence span is marked inside its surrounding sentence
    assert re.search(r'About <span class="hl ev">15,000</span> residents downstream', page)
    assert re.search(r'<span class="hl ev">Ferreira added that the repairs would cost', page)


def test_articles_show_metadata_evidence_and_marked_body(analysis: Analysis) -> None:
    page = html.render(analysis)
    origin = analysis.articles[0]
    section = page[page.index(f'id="art-{origin.id}"'):]
    section = section[:section.index("</section>")]
    assert "header-date" in section and '<span class="hl ev">2024-03-04</span>' in section
    assert "registry:domain" in section
    assert 'id="q-q-origin-1"' in section  # quotes are anchored in the body
    assert "p-src" in section  # passages reused by other outlets are marked
    assert "A view of the dam. (Photo)" in section


def test_footer_names_algorithms_and_config(analysis: Analysis) -> None:
    text = _visible(html.render(analysis))
    assert "config fingerprint 0123456789ab" in text
    assert "provenance=provenance.v1" in text


def test_skipped_inputs_and_threads_are_listed(analysis: Analysis) -> None:
    text = _visible(html.render(analysis))
    assert "inbox/feed.jsonl line 7 invalid JSON" in text
    assert "2024-04-02 — Repairs begin at Alto Dam" in text


def test_write_is_atomic_and_complete(analysis: Analysis, tmp_path: Path) -> None:
    out = html.write(analysis, tmp_path / "report.html")
    assert out.read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_sparse_analysis_still_renders() -> None:
    art = Article(id="x1", source="a.txt", body="Text <with> markup.")
    page = html.render(Analysis(articles=[art], events=[Event("e1", ["x1", "missing"])]))
    assert "Text &lt;with&gt; markup." in page
    assert "undetermined" in page


def test_page_is_well_formed(analysis: Analysis) -> None:
    assert unbalanced_tags(html.render(analysis)) == []


def test_ids_are_unique(analysis: Analysis) -> None:
    ids = re.findall(r'\sid="([^"]+)"', html.render(analysis))
    assert len(ids) == len(set(ids))


def test_paraphrases_are_shown_plain_not_as_word_diffs(analysis: Analysis) -> None:
    page = html.render(analysis)
    cells = re.findall(r'<div class="txt k-paraphrase">(.*?)</div>', page, flags=re.S)
    assert len(cells) == 2
    assert any("perfectly safe&#34; but that the spillway needed work" in c for c in cells)
    assert not any("<ins" in c or "<del" in c for c in cells)


def test_spans_out_of_range_or_of_unknown_articles_do_not_break_outputs(
    analysis: Analysis,
) -> None:
    from newstrace.model import Finding, Span

    aid = analysis.articles[0].id
    analysis.findings.append(Finding("addition", "a stage bug", [Span(aid, 5000, 5100),
                                                                 Span("unknown", 1, 2)],
                                     analysis.events[0].id, aid))
    page = html.render(analysis)
    assert "a stage bug" in page and "(article not in this analysis)" in page
    assert unbalanced_tags(page) == []
