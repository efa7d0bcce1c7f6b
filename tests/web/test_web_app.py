"""The local web app: pages and JSON API over an analysis, tested in-process."""

from __future__ import annotations

from fastapi.testclient import TestClient

from newstrace.model import Analysis, from_dict
from newstrace.web.app import create_app


def test_index_lists_events_threads_articles_and_skips(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert 'href="/events/ev-dam-closure"' in r.text
    assert "Alto Dam repairs" in r.text  # thread
    assert "inbox/scan.pdf" in r.text
    assert r.text.count('href="/articles/') >= 4


def test_event_page_has_the_report_event_section_with_app_links(
    client: TestClient, analysis: Analysis
) -> None:
    r = client.get("/events/ev-dam-closure")
    assert r.status_code == 200
    assert "<svg" in r.text and "derived 0.91" in r.text
    assert '<del class="chg">close</del>' in r.text
    herald = analysis.articles[1]
    assert f'href="/articles/{herald.id}"' in r.text
    assert f'href="/articles/{herald.id}#q-q-herald-1"' in r.text
    assert 'href="#art-' not in r.text


def test_article_page_shows_highlighted_body(client: TestClient, analysis: Analysis) -> None:
    radio = analysis.articles[2]
    r = client.get(f"/articles/{radio.id}")
    assert r.status_code == 200
    assert 'id="q-q-radio-1"' in r.text
    assert "hl p-verbatim" in r.text and "hl p-paraphrase" in r.text
    assert 'href="/events/ev-dam-closure"' in r.text


def test_unknown_ids_are_404(client: TestClient) -> None:
    for path in ("/events/nope", "/articles/nope", "/api/events/nope", "/api/articles/nope"):
        assert client.get(path).status_code == 404, path


def test_api_analysis_is_the_versioned_document(client: TestClient, analysis: Analysis) -> None:
    data = client.get("/api/analysis").json()
    assert data["format"] == "newstrace.v1"
    assert data["generated_by"]["config_fingerprint"] == "0123456789ab"
    assert from_dict(Analysis, data) == analysis


def test_api_event_carries_provenance_quotes_and_findings(client: TestClient) -> None:
    data = client.get("/api/events/ev-dam-closure").json()
    assert [a["outlet"] for a in data["articles"]] == [
        "Meridian Press Agency", "Coastal Herald", "Northwind Radio"]
    edge = data["provenance"]["edges"][0]
    assert edge["passages"][0]["target"]["text"].startswith("The dam is safe")
    assert {c["label"] for c in data["quote_checks"]} == {"verbatim", "absent", "paraphrase"}
    assert len(data["findings"]) == 5
    assert {e["name"] for e in data["entities"]} >= {"Ana Ferreira", "Alto Dam"}


def test_api_article_carries_body_quotes_and_findings(
    client: TestClient, analysis: Analysis
) -> None:
    radio = analysis.articles[2]
    data = client.get(f"/api/articles/{radio.id}").json()
    assert data["article"]["body"] == radio.body
    assert data["event_id"] == "ev-dam-closure"
    assert data["quotes"][0]["speaker"]["text"] == "Anna Ferreira"
    assert {f["kind"] for f in data["findings"]} == {"discrepancy", "framing"}


def test_hostile_text_is_escaped_on_pages(analysis: Analysis) -> None:
    analysis.articles[2].body += "\n\n<script>alert(1)</script>"
    client = TestClient(create_app(lambda: analysis))
    r = client.get(f"/articles/{analysis.articles[2].id}")
    assert "<script>alert(1)" not in r.text and "&lt;script&gt;alert(1)" in r.text


def test_the_app_shows_the_latest_analysis_on_each_request(analysis: Analysis) -> None:
    runs = [Analysis(), analysis]
    client = TestClient(create_app(lambda: runs[0]))
    assert "ev-dam-closure" not in client.get("/").text
    runs.pop(0)
    assert "ev-dam-closure" in client.get("/").text


def test_store_without_analysis_says_so() -> None:
    client = TestClient(create_app(lambda: None))
    r = client.get("/")
    assert r.status_code == 200 and "no analysis yet" in r.text
    assert client.get("/api/analysis").json()["events"] == []


def test_full_report_download(client: TestClient) -> None:
    r = client.get("/report.html")
    assert r.status_code == 200 and 'href="#ev-ev-dam-closure"' in r.text


def test_article_page_lists_its_quotes_and_findings(
    client: TestClient, analysis: Analysis
) -> None:
    herald = analysis.articles[1]
    text = client.get(f"/articles/{herald.id}").text
    assert "Quotes in this article (2)" in text
    assert "How this outlet differs (3 findings)" in text
    assert "Coastal Herald leaves out the cost of the repairs" in text
    assert "Northwind Radio spells" not in text  # another outlet's finding


def test_api_event_entities_carry_only_this_events_mentions(
    client: TestClient, analysis: Analysis
) -> None:
    later = analysis.articles[3].id  # the later event's article also mentions the dam
    data = client.get("/api/events/ev-dam-closure").json()
    dam = next(e for e in data["entities"] if e["name"] == "Alto Dam")
    assert len(dam["mentions"]) == 3
    assert all(m["span"]["article_id"] != later for m in dam["mentions"])
