"""Properties over generated articles, on every backend.

* adding the same articles twice gives the same store;
* export then import round-trips (JSON Lines: everything; Parquet: articles);
* every stored paragraph span lies inside its article's body (bad ones are refused);
* the store's cached encoder/decoder agree with ``model.to_dict``/``from_dict``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newstrace.model import (
    Analysis,
    Article,
    Evidence,
    Finding,
    Skip,
    Span,
    Thread,
    content_id,
    from_dict,
    to_dict,
)
from newstrace.store import (
    Store,
    StoreError,
    export_jsonl,
    export_parquet,
    import_jsonl,
    import_parquet,
    open_store,
)
from newstrace.store.codec import encode

# Text any database can hold: no lone surrogates (not UTF-8), no NUL (PostgreSQL refuses it).
TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"),
               max_size=60)
OPT = st.none() | TEXT
SETTINGS = settings(max_examples=12, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@st.composite
def articles(draw: st.DrawFn, valid_spans: bool = True) -> Article:
    body = draw(st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"),
                        max_size=300))
    title = draw(OPT)
    aid = content_id(body, title)
    if valid_spans:
        cuts = sorted(draw(st.lists(st.integers(0, len(body)), max_size=8)))
        spans = [Span(aid, a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False)]
    else:
        starts = draw(st.lists(st.integers(0, len(body) + 5), max_size=4))
        ids = st.sampled_from([aid, aid, aid, "other"])
        spans = [Span(draw(ids), s, s + draw(st.integers(0, 8))) for s in starts]
    evidence = draw(st.none() | st.builds(Evidence, TEXT, TEXT, st.none() | st.integers(0, 50)))
    return Article(
        id=aid, source=draw(TEXT), body=body, raw=draw(TEXT), outlet=draw(OPT),
        outlet_evidence=evidence, url=draw(OPT), title=title, author=draw(OPT),
        published=draw(OPT), language=draw(OPT), paragraphs=spans,
        captions=draw(st.lists(TEXT, max_size=2)), notes=draw(st.lists(TEXT, max_size=2)),
        encoding=draw(OPT), replaced_chars=draw(st.integers(0, 10**6)),
    )


SKIPS = st.lists(st.builds(Skip, TEXT, TEXT, OPT), max_size=5)


def _snapshot(store: Store) -> tuple[list[dict[str, object]], list[Skip], int]:
    return [to_dict(a) for a in store.iter_articles()], store.skips(), store.count_articles()


@SETTINGS
@given(batch=st.lists(articles(), max_size=12), skips=SKIPS, size=st.integers(1, 5))
def test_adding_twice_gives_the_same_store(new_target: Callable[[], str], batch: list[Article],
                                           skips: list[Skip], size: int) -> None:
    with open_store(new_target()) as store:
        first = store.add_articles(batch, batch_size=size)
        store.add_skips(skips)
        once = _snapshot(store)
        second = store.add_articles(batch, batch_size=size)
        store.add_skips(skips)
        assert _snapshot(store) == once
        assert second.added == 0 and second.existing == len(batch)
        assert first.added == once[2] == len({a.id for a in batch})


@SETTINGS
@given(batch=st.lists(articles(), max_size=10), skips=SKIPS,
       payload=st.recursive(st.none() | st.booleans() | st.integers() | TEXT,
                            lambda inner: st.lists(inner) | st.dictionaries(TEXT, inner),
                            max_leaves=10))
def test_export_then_import_round_trips(new_target: Callable[[], str], tmp_path: Path,
                                        batch: list[Article], skips: list[Skip],
                                        payload: object) -> None:
    with open_store(new_target()) as source, open_store(new_target()) as copy, \
            open_store(new_target()) as table_copy:
        source.add_articles(batch)
        source.add_skips(skips)
        source.save_stage("stage", "key", payload, "stage.v1", "fp")
        source.save_analysis(Analysis(articles=batch[:2], skipped=skips))
        export_jsonl(source, tmp_path / "d.jsonl")
        export_parquet(source, tmp_path / "d.parquet")
        import_jsonl(copy, tmp_path / "d.jsonl")
        import_parquet(table_copy, tmp_path / "d.parquet")
        assert _snapshot(copy) == _snapshot(source) == _snapshot(table_copy)
        assert list(copy.stage_rows()) == list(source.stage_rows())
        assert copy.load_analysis() == source.load_analysis()


@SETTINGS
@given(batch=st.lists(articles(valid_spans=False), max_size=10))
def test_every_stored_span_lies_inside_its_body(new_target: Callable[[], str],
                                                batch: list[Article]) -> None:
    with open_store(new_target()) as store:
        for article in batch:
            valid = all(s.article_id == article.id and s.end <= len(article.body)
                        for s in article.paragraphs)
            try:
                store.add_articles([article])
            except StoreError:
                assert not valid
            else:
                assert valid
        for stored in store.iter_articles():
            for span in stored.paragraphs:
                assert span.article_id == stored.id
                assert 0 <= span.start <= span.end <= len(stored.body)


@settings(max_examples=60, deadline=None)
@given(article=articles(), skips=SKIPS)
def test_cached_codec_agrees_with_the_model(article: Article, skips: list[Skip]) -> None:
    data = to_dict(article)
    assert encode(article) == data
    assert from_dict(Article, data) == article
    full = Analysis(
        articles=[article], skipped=skips,
        threads=[Thread("t", ["e"], timeline=[("2024-01-01", "e")])],
        findings=[Finding("framing", "s", article.paragraphs, details={"k": (1, [2.5])})],
    )
    analysis = to_dict(full)
    assert encode(full) == analysis
    back = from_dict(Analysis, analysis)
    assert to_dict(back) == analysis
