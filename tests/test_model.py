"""The data model: spans, content ids, and the JSON round trip."""

from __future__ import annotations

import json

import pytest

from newstrace.model import (
    Analysis,
    Article,
    Derivation,
    Event,
    Evidence,
    Finding,
    Passage,
    Provenance,
    Quote,
    Span,
    Thread,
    content_id,
    from_dict,
    to_dict,
)


def test_spans_are_checked_and_read_from_their_own_article() -> None:
    with pytest.raises(ValueError):
        Span("a", 5, 2)
    art = Article(id="a", source="x.txt", body="Hello world")
    assert art.text(Span("a", 6, 11)) == "world"
    with pytest.raises(ValueError):
        art.text(Span("b", 0, 1))
    assert Span("a", 0, 5).overlaps(Span("a", 4, 6))
    assert not Span("a", 0, 5).overlaps(Span("b", 0, 5))


def test_content_id_ignores_layout_but_not_words() -> None:
    assert content_id("One  two\nthree", "T") == content_id("One two three", "T")
    assert content_id("One two three", "T") != content_id("One two four", "T")


def test_an_analysis_survives_json() -> None:
    art = Article(id="a", source="x.txt", body="Hello world", outlet="Wire",
                  outlet_evidence=Evidence("(Wire)", "dateline", 0, 6),
                  paragraphs=[Span("a", 0, 11)])
    other = Article(id="b", source="y.txt", body="Hello world again")
    passage = Passage(Span("a", 0, 11), Span("b", 0, 11), "verbatim", 1.0)
    analysis = Analysis(
        articles=[art, other],
        events=[Event("E1", ["a", "b"], label="greeting")],
        threads=[Thread("T1", ["E1"], timeline=[("2024-01-02", "E1")])],
        provenance=[Provenance("E1", ["a"], [Derivation("a", "b", "derived", 0.9, [passage])])],
        quotes=[Quote("q1", "b", [Span("b", 0, 5)], "direct")],
        findings=[Finding("addition", "b adds 'again'", [Span("b", 12, 17)], "E1", "b")],
    )
    back = from_dict(Analysis, json.loads(json.dumps(to_dict(analysis))))
    assert back == analysis
    assert back.threads[0].timeline == [("2024-01-02", "E1")]
    assert back.article("b").text(back.findings[0].evidence[0]) == "again"
