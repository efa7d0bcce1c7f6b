"""Each article is parsed once: the per-article stage packs its parse, the per-event
stage restores it, and the analysis is the same however the work is spread."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from spacy.language import Language

from newstrace import nlp
from newstrace.config import Config
from newstrace.executors.local import LocalExecutor
from newstrace.model import Article
from newstrace.pipeline import EventTask, analyse
from newstrace.report import jsonout
from newstrace.store import open_store

T = TypeVar("T")
R = TypeVar("R")

BODY = ("WASHINGTON (Wire) - Senator Jane Roe said on Monday that the bill, which "
        "passed the House in May, \"will not survive the week.\"\n"
        "Officials in Ottawa declined to comment. The new rules take effect in July.")


def _tokens(doc: Any) -> list[tuple[Any, ...]]:
    return [(t.idx, t.text_with_ws, t.pos_, t.tag_, t.dep_, t.head.i, t.lemma_, t.norm_,
             str(t.morph), t.ent_iob_, t.ent_type_, t.is_sent_start, t.is_stop, t.like_num)
            for t in doc]


def test_a_packed_parse_restores_what_the_stages_read() -> None:
    fresh = nlp.load_nlp()(BODY)
    data = nlp.pack(fresh)
    assert isinstance(data, bytes) and len(data) < 4 * len(BODY.encode()) + 2000
    doc = nlp.unpack(data)
    assert doc.text == BODY and _tokens(doc) == _tokens(fresh)
    assert [(s.start_char, s.end_char) for s in doc.sents] == \
        [(s.start_char, s.end_char) for s in fresh.sents]
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == \
        [(e.start_char, e.end_char, e.label_) for e in fresh.ents]
    assert any(e.label_ == "PERSON" for e in doc.ents)
    assert [c.text for c in doc.noun_chunks] == [c.text for c in fresh.noun_chunks]
    assert doc.char_span(0, 10) is not None and doc.char_span(0, 10).text == "WASHINGTON"


def test_parse_returns_restored_parses_only_inside_the_block(
        monkeypatch: pytest.MonkeyPatch) -> None:
    art = Article(id="p1", source="p1.txt", body=BODY)
    other = Article(id="p2", source="p2.txt", body="The mayor said it rained.")
    data = nlp.pack(nlp.load_nlp()(BODY))
    nlp.clear_cache()
    piped: list[int] = []
    real = Language.pipe

    def counting(self: Language, texts: Iterable[str], **kw: Any) -> Any:
        texts = list(texts)
        piped.append(len(texts))
        return real(self, texts, **kw)

    monkeypatch.setattr(Language, "pipe", counting)
    with nlp.restored({"p1": data}) as docs:
        got = nlp.parse([art, other])
        assert got["p1"] is docs["p1"], "the stored parse, not a new one"
        assert piped == [1], "only the article without a stored parse is parsed"
    assert nlp.parse([art])["p1"] is not docs["p1"], "outside the block: parsed as usual"
    assert piped == [1, 1]
    changed = Article(id="p1", source="p1.txt", body=BODY + " More.")
    nlp.clear_cache()
    with nlp.restored({"p1": data}):
        assert nlp.parse([changed])["p1"].text == changed.body, "a stale parse is not used"
    nlp.clear_cache()


class _Watching:
    """Runs tasks in this process, noting which task is running."""

    workers = 2

    def __init__(self) -> None:
        self.running = ""
        self.tasks: list[Any] = []

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> list[R]:
        out = []
        for item in items:
            self.running = getattr(getattr(fn, "func", fn), "__name__", "?")
            self.tasks.append(item)
            try:
                out.append(fn(item))
            finally:
                self.running = ""
        return out


def test_the_per_event_stage_never_parses(seed_articles: dict[str, Article], config: Config,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """spaCy runs in the per-article tasks only; every event task carries its articles'
    parses and restores them (in a worker whose cache is empty, as on another machine)."""
    executor = _Watching()
    calls: list[str] = []
    real_pipe, real_call = Language.pipe, Language.__call__

    def pipe(self: Language, *args: Any, **kwargs: Any) -> Any:
        calls.append(executor.running)
        return real_pipe(self, *args, **kwargs)

    def call(self: Language, *args: Any, **kwargs: Any) -> Any:
        calls.append(executor.running)
        return real_call(self, *args, **kwargs)

    nlp.clear_cache()
    monkeypatch.setattr(Language, "pipe", pipe)
    monkeypatch.setattr(Language, "__call__", call)
    analysis = analyse(list(seed_articles.values()), config, executor=executor)
    assert "analyse_articles" in calls
    assert set(calls) == {"analyse_articles"}, "parsed outside a per-article task"
    tasks = [t for t in executor.tasks if isinstance(t, EventTask)]
    assert tasks and all(set(t.parses) == set(t.articles) for t in tasks)
    assert not nlp._DOCS, "the per-article tasks let their parses go once packed"
    assert analysis.findings and analysis.quote_checks, "the event stage had parses to read"


def test_same_analysis_with_one_worker_two_and_a_resumed_run(
        seed_articles: dict[str, Article], config: Config, tmp_path: Path) -> None:
    arts = list(seed_articles.values())
    one = jsonout.dumps(analyse(arts, config))
    with LocalExecutor(2) as pool:
        two = jsonout.dumps(analyse(arts, config, executor=pool))
    assert two == one
    with open_store(tmp_path / "s.db") as store:
        first = jsonout.dumps(analyse(arts, config, store=store))
        assert len(store.blob_keys("parse", nlp.parser_version(), "")) == len(arts)
        stages: list[str] = []
        again = analyse(arts, config, store=store,
                        progress=lambda stage, done, total: stages.append(stage))
    assert first == one and jsonout.dumps(again) == one
    assert "quotes" not in stages and "provenance" not in stages, "all reused"


def test_an_article_saved_without_its_parse_is_analysed_again(
        seed_articles: dict[str, Article], config: Config, tmp_path: Path) -> None:
    """A store from before parses were kept (or one that lost them) is completed, not misread:
    the event stage then finds every parse it needs."""
    arts = list(seed_articles.values())[:2]
    with open_store(tmp_path / "old.db") as store:
        analyse(arts, config, store=store)
        store._write(lambda cur: cur.execute("DELETE FROM stage_blobs"), "forget parses")
        executor = _Watching()
        analyse(arts, config, store=store, executor=executor)
        assert len(store.blob_keys("parse", nlp.parser_version(), "")) == len(arts)
    chunks = [t for t in executor.tasks if isinstance(t, list)]
    assert sorted(a.id for c in chunks for a in c) == sorted(a.id for a in arts)
