"""The shared spaCy parse: one parse per article, a bounded cache, sentences at line breaks."""

from __future__ import annotations

import pytest

from newstrace import nlp
from newstrace.model import Article


def _article(n: int) -> Article:
    return Article(id=f"a{n}", source=f"a{n}.txt",
                   body=f"The mayor said on day {n} that it rained.")


def test_cache_is_bounded_and_reuses_parses(monkeypatch: pytest.MonkeyPatch) -> None:
    nlp.clear_cache()
    monkeypatch.setattr(nlp, "CACHE_DOCS", 3)
    arts = [_article(n) for n in range(5)]
    docs = nlp.parse(arts)
    assert [d.text for d in docs.values()] == [a.body for a in arts]  # all returned, in order
    assert len(nlp._DOCS) == 3 and list(nlp._DOCS) == ["a2", "a3", "a4"]  # oldest let go
    again = nlp.parse(arts[3:])
    assert again["a3"] is docs["a3"]  # cached: not parsed a second time
    nlp.parse(arts[:1])  # a0 fell out: parsed again, and a2 (least recently used) goes
    assert list(nlp._DOCS) == ["a3", "a4", "a0"]
    nlp.clear_cache()


def test_sentences_break_at_line_breaks() -> None:
    art = Article(id="hl", source="hl.txt",
                  body="Mayor Warns of Floods\nThe mayor said the river would rise.")
    doc = nlp.parse([art])["hl"]
    assert [s.text.strip() for s in doc.sents] == [
        "Mayor Warns of Floods", "The mayor said the river would rise."]
