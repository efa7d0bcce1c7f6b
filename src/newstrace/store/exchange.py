"""Moving a store's contents in and out as files: JSON Lines and Parquet.

* JSON Lines (``export_jsonl``) is the complete dump: a header line, then one
  line per article, skip, stage output and the latest analysis, each the
  model's ``to_dict`` JSON.  ``import_jsonl`` of it into an empty store gives
  the same store back.
* Parquet (``export_parquet``) is for analysts (pandas, DuckDB, Spark): one
  row per article with the query columns plus the complete article JSON in
  ``data``; the skips ride along in the file's key-value metadata.  Stage
  outputs and analyses are not part of it.

Every export is atomic: it is written to a temporary file in the target's
folder, flushed to disk, then renamed over the target, so a crash leaves
either the old file or the new one, never half of one.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from newstrace.model import Analysis, Article, Skip, from_dict, to_dict
from newstrace.store.codec import encode
from newstrace.store.core import AddResult, Store
from newstrace.store.schema import LATEST, StoreError

#: First-line ``format`` of a JSON Lines dump, and Parquet metadata value.
EXPORT_FORMAT = "newstrace-store.v1"
#: Articles per Parquet row group (bounds memory on export and import).
_ROW_GROUP = 1000
_PARQUET_COLUMNS = (
    "id", "source", "outlet", "url", "title", "author", "published",
    "dateline_place", "language", "body", "encoding",
)


@dataclass(frozen=True)
class ImportResult:
    """What an import added to the store."""

    articles: AddResult
    skips: int = 0
    stages: int = 0
    analysis: bool = False


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote."""

    path: Path
    articles: int
    skips: int
    stages: int = 0
    analysis: bool = False


# ---------------------------------------------------------------- JSON Lines


def export_jsonl(store: Store, path: str | Path) -> ExportResult:
    """Write everything in ``store`` to ``path`` as JSON Lines (atomically)."""
    target = Path(path)
    skips = store.skips()
    analysis = store.load_analysis()
    counts = {"article": 0, "stage": 0}
    with _atomic(target, "w") as out:
        _line(out, {"kind": "header", "format": EXPORT_FORMAT, "schema_version": LATEST})
        for article in store.iter_articles():
            _line(out, {"kind": "article", "article": encode(article)})
            counts["article"] += 1
        for skip in skips:
            _line(out, {"kind": "skip", "skip": to_dict(skip)})
        for stage, key, algorithm, fingerprint, payload in store.stage_rows():
            _line(out, {"kind": "stage", "stage": stage, "key": key, "algorithm": algorithm,
                        "config_fingerprint": fingerprint, "payload": payload})
            counts["stage"] += 1
        if analysis is not None:
            _line(out, {"kind": "analysis", "analysis": encode(analysis)})
    return ExportResult(target, counts["article"], len(skips), counts["stage"],
                        analysis is not None)


def import_jsonl(store: Store, path: str | Path, batch_size: int = 500) -> ImportResult:
    """Add the contents of a JSON Lines dump to ``store`` (already stored articles are kept)."""
    source = Path(path)
    rest: dict[str, list[Any]] = {"skip": [], "stage": [], "analysis": []}
    try:
        with source.open(encoding="utf-8") as lines:
            articles = _articles_of(_records(source, lines), rest)
            added = store.add_articles(articles, batch_size=batch_size)
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreError(f"{source}: cannot read: {exc}") from exc
    new_skips = store.add_skips(rest["skip"])
    for stage in rest["stage"]:
        store.save_stage(*stage)
    for analysis in rest["analysis"]:
        store.save_analysis(analysis)
    return ImportResult(added, new_skips, len(rest["stage"]), bool(rest["analysis"]))


def _records(source: Path, lines: Iterable[str]) -> Iterator[tuple[str, Any]]:
    """The dump's records after its header, as (kind, model object)."""
    header = False
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            if not header:
                break
            raise StoreError(f"{source}:{number}: not JSON: {exc}") from exc
        kind = record.get("kind") if isinstance(record, dict) else None
        if not header:
            if kind != "header" or record.get("format") != EXPORT_FORMAT:
                break
            header = True
            continue
        try:
            yield str(kind), _convert(kind, record)
        except (KeyError, TypeError, ValueError) as exc:
            raise StoreError(f"{source}:{number}: bad {kind!r} record: {exc!r}") from exc
    if not header:
        raise StoreError(f"{source}: not a newstrace export ({EXPORT_FORMAT})")


def _convert(kind: Any, record: dict[str, Any]) -> Any:
    if kind == "article":
        return from_dict(Article, record["article"])
    if kind == "skip":
        return from_dict(Skip, record["skip"])
    if kind == "stage":
        return (record["stage"], record["key"], record["payload"], record["algorithm"],
                record["config_fingerprint"])
    if kind == "analysis":
        return from_dict(Analysis, record["analysis"])
    raise ValueError(f"unknown record kind {kind!r}")


def _articles_of(records: Iterator[tuple[str, Any]], rest: dict[str, list[Any]]
                 ) -> Iterator[Article]:
    """Articles of ``records``, streamed; the other records are set aside in ``rest``."""
    for kind, value in records:
        if kind == "article":
            yield value
        else:
            rest[kind].append(value)


def _line(out: Any, record: dict[str, Any]) -> None:
    out.write(json.dumps(record, ensure_ascii=False, allow_nan=False))
    out.write("\n")


# ------------------------------------------------------------------- Parquet


def export_parquet(store: Store, path: str | Path) -> ExportResult:
    """Write the store's articles (and skips, as metadata) to one Parquet file, atomically."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    target = Path(path)
    skips = store.skips()
    schema = pa.schema(
        [pa.field(name, pa.string()) for name in _PARQUET_COLUMNS]
        + [pa.field("data", pa.string())],
        metadata={
            "newstrace.format": EXPORT_FORMAT,
            "newstrace.schema_version": str(LATEST),
            "newstrace.skips": json.dumps([to_dict(s) for s in skips], ensure_ascii=False),
        },
    )
    written = 0
    with _atomic(target, "wb") as out, pq.ParquetWriter(out, schema, compression="zstd") as pw:
        articles = store.iter_articles()
        while chunk := list(islice(articles, _ROW_GROUP)):
            columns: dict[str, list[Any]] = {
                name: [getattr(a, name) for a in chunk] for name in _PARQUET_COLUMNS
            }
            columns["data"] = [json.dumps(encode(a), ensure_ascii=False) for a in chunk]
            pw.write_table(pa.Table.from_pydict(columns, schema=schema))
            written += len(chunk)
    return ExportResult(target, written, len(skips))


def import_parquet(store: Store, path: str | Path, batch_size: int = 500) -> ImportResult:
    """Add the articles (and skips) of a Parquet export to ``store``."""
    import pyarrow.parquet as pq

    source = Path(path)
    try:
        reader = pq.ParquetFile(source)
    except (OSError, ValueError) as exc:  # pyarrow raises ArrowInvalid (a ValueError)
        raise StoreError(f"{source}: not a readable Parquet file: {exc}") from exc
    meta = {k.decode(): v.decode() for k, v in (reader.schema_arrow.metadata or {}).items()}
    if meta.get("newstrace.format") != EXPORT_FORMAT:
        raise StoreError(f"{source}: not a newstrace export ({EXPORT_FORMAT})")

    def articles() -> Iterator[Article]:
        for batch in reader.iter_batches(batch_size=_ROW_GROUP, columns=["data"]):
            for text in batch.column(0).to_pylist():
                yield from_dict(Article, json.loads(text))

    added = store.add_articles(articles(), batch_size=batch_size)
    skips = [from_dict(Skip, s) for s in json.loads(meta.get("newstrace.skips", "[]"))]
    return ImportResult(added, store.add_skips(skips))


# -------------------------------------------------------------------- atomic


@contextmanager
def _atomic(target: Path, mode: str) -> Iterator[Any]:
    """A file object whose contents replace ``target`` only if the block succeeds."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        encoding = None if "b" in mode else "utf-8"
        with os.fdopen(fd, mode, encoding=encoding) as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(target.parent)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX; a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

