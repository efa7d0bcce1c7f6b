"""Quotes of a short invented text, for the quote tests that check one rule each."""

from __future__ import annotations

import hashlib

from newstrace.config import Config
from newstrace.model import Article, Quote
from newstrace.quotes.extract import extract


def quotes_of(body: str, config: Config) -> tuple[Article, list[Quote]]:
    """The article made of ``body`` (its id a hash of the text) and its quotes."""
    art = Article(id="q" + hashlib.sha1(body.encode()).hexdigest()[:16], source="test", body=body)
    return art, extract(art, config)


def by_cue(art: Article, qs: list[Quote], cue: str) -> Quote:
    """The first quote whose cue reads ``cue``; fails with the contents found if none."""
    found = [q for q in qs if q.cue is not None and art.text(q.cue) == cue]
    assert found, f"no quote with cue {cue!r}: {[art.text(q.content[0]) for q in qs]}"
    return found[0]
