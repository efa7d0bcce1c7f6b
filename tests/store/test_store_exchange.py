"""Export then import gives the same store back; a failed export leaves the old file."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pyarrow.parquet as pq
import pytest

from newstrace.model import Analysis, Event, Skip, Span, to_dict
from newstrace.store import (
    Store,
    StoreError,
    export_jsonl,
    export_parquet,
    import_jsonl,
    import_parquet,
    open_store,
)


def _fill(store: Store, worker: ModuleType, n: int = 30) -> None:
    store.add_articles([worker.synthetic_article(i) for i in range(n)])
    store.add_skips([Skip("a.pdf", "unsupported"), Skip("b.jsonl", "bad JSON", "line 3")])
    store.save_stage("events", "all", {"clusters": [[0, 1]], "ok": True}, "events.v1", "fp")
    store.save_stage("quotes", "x", ["q"], "quotes.v2", "fp2")
    first = worker.synthetic_article(0)
    store.save_analysis(Analysis(articles=[first], events=[Event("e", [first.id])],
                                 algorithms={"events": "events.v1"}))


def _contents(store: Store) -> dict[str, object]:
    return {
        "articles": [to_dict(a) for a in store.iter_articles()],
        "skips": store.skips(),
        "stages": list(store.stage_rows()),
        "analysis": store.load_analysis(),
    }


def test_jsonl_round_trip_gives_the_same_store(new_target: Callable[[], str], tmp_path: Path,
                                               worker: ModuleType) -> None:
    path = tmp_path / "out" / "dump.jsonl"
    with open_store(new_target()) as source:
        _fill(source, worker)
        written = export_jsonl(source, path)
        before = _contents(source)
    assert (written.articles, written.skips, written.stages, written.analysis) == (30, 2, 2, True)
    with open_store(new_target()) as copy:
        result = import_jsonl(copy, path)
        assert (result.articles.added, result.skips, result.stages) == (30, 2, 2)
        assert _contents(copy) == before
        again = import_jsonl(copy, path)  # importing twice adds no article or skip
        assert (again.articles.added, again.articles.existing, again.skips) == (0, 30, 0)
        assert copy.count_articles() == 30


def test_parquet_round_trip_keeps_articles_and_skips(new_target: Callable[[], str],
                                                     tmp_path: Path, worker: ModuleType) -> None:
    path = tmp_path / "articles.parquet"
    with open_store(new_target()) as source:
        _fill(source, worker, n=1500)
        assert export_parquet(source, path).articles == 1500
        articles, skips = list(source.iter_articles()), source.skips()
    table = pq.read_table(path, columns=["id", "outlet", "body"])
    assert table.num_rows == 1500
    assert table.column("id").to_pylist() == [a.id for a in articles]
    assert table.column("outlet").to_pylist()[:3] == [a.outlet for a in articles[:3]]
    with open_store(new_target()) as copy:
        assert import_parquet(copy, path).articles.added == 1500
        assert list(copy.iter_articles()) == articles
        assert copy.skips() == skips


def test_failed_export_leaves_the_previous_file(store: Store, tmp_path: Path,
                                                worker: ModuleType,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    _fill(store, worker)
    out = tmp_path / "exports"
    path = out / "dump.jsonl"
    export_jsonl(store, path)
    good = path.read_bytes()

    def broken() -> Iterator[object]:
        yield worker.synthetic_article(0)
        raise OSError("disk went away")

    monkeypatch.setattr(store, "iter_articles", broken)
    with pytest.raises(OSError, match="went away"):
        export_jsonl(store, path)
    with pytest.raises(OSError, match="went away"):
        export_parquet(store, out / "never.parquet")
    assert path.read_bytes() == good
    assert sorted(p.name for p in out.iterdir()) == ["dump.jsonl"]  # no temporary file left


def test_import_refuses_other_files(store: Store, tmp_path: Path) -> None:
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({"title": "not an export"}) + "\n")
    with pytest.raises(StoreError, match="not a newstrace export"):
        import_jsonl(store, other)
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 nothing")
    with pytest.raises(StoreError, match="Parquet"):
        import_parquet(store, broken)
    with pytest.raises(StoreError, match="cannot read"):
        import_jsonl(store, tmp_path / "missing.jsonl")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    with pytest.raises(StoreError, match="not a newstrace export"):
        import_jsonl(store, empty)
    binary = tmp_path / "binary.jsonl"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(StoreError, match="cannot read"):
        import_jsonl(store, binary)
    assert store.count_articles() == 0


def test_damaged_dump_names_the_line(store: Store, tmp_path: Path,
                                     worker: ModuleType) -> None:
    header = {"kind": "header", "format": "newstrace-store.v1", "schema_version": 2}
    good = {"kind": "article", "article": to_dict(worker.synthetic_article(1))}
    for damaged in ({"kind": "article", "article": {"source": "x"}},  # no id, no body
                    {"kind": "stage", "stage": "s"},
                    {"kind": "mystery"}):
        path = tmp_path / "damaged.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in (header, good, damaged)))
        with pytest.raises(StoreError, match=r"damaged.jsonl:3: bad"):
            import_jsonl(store, path)


def test_import_checks_spans_like_any_write(store: Store, tmp_path: Path,
                                            worker: ModuleType) -> None:
    bad = worker.synthetic_article(1)
    bad.paragraphs = [Span(bad.id, 0, len(bad.body) + 5)]
    lines = [{"kind": "header", "format": "newstrace-store.v1", "schema_version": 2},
             {"kind": "article", "article": to_dict(bad)}]
    path = tmp_path / "bad.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    with pytest.raises(StoreError, match="outside its body"):
        import_jsonl(store, path)
    assert store.count_articles() == 0
