"""The analysis as flat tables, for pandas, DuckDB, R or Spark.

The JSON (``jsonout``) is one nested document; analysts who want to join,
count and filter ("every edge whose target is outlet X", "all quotes not found
in the origin") want one row per thing instead.  :func:`tables` flattens an
:class:`Analysis` into named tables of plain rows (every span as start, end
and its text); :func:`write_tables` writes them to a folder as CSV or
Parquet (pyarrow), one file per table, each written atomically, plus
``manifest.json`` naming the format, the algorithms and the configuration
fingerprint, so the tables can be traced to the run that made them.

Columns are documented in ``docs/data-format.md`` (section "Tables").
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newstrace.model import Analysis, Article, Span
from newstrace.report.jsonout import atomic_write_bytes, atomic_write_text
from newstrace.report.view import config_fingerprint, stage_algorithms

ALGORITHM = "tables.v1"
TABLES_FORMAT = "newstrace-tables.v1"
FORMATS = ("csv", "parquet")

Row = dict[str, Any]


def tables(analysis: Analysis) -> dict[str, list[Row]]:
    """Every table of the analysis, by name; each row has the keys of ``COLUMNS[name]``."""
    bodies = {a.id: a.body for a in analysis.articles}
    labels = {a.id: a.label for a in analysis.articles}
    out = {name: build(analysis, bodies) for name, build in _TABLES.items()}
    for name in ("edges", "passages"):
        for row in out[name]:
            row["source_outlet"] = labels.get(row["source_id"])
            row["target_outlet"] = labels.get(row["target_id"])
    for name in ("quotes", "findings", "mentions", "ledger"):
        for row in out[name]:
            row["outlet"] = labels.get(row["article_id"] or "")
    return {name: [{c: row.get(c) for c in COLUMNS[name]} for row in rows]
            for name, rows in out.items()}


def write_tables(analysis: Analysis, folder: str | Path, fmt: str = "csv") -> list[Path]:
    """Write the tables to ``folder`` as ``<table>.csv`` or ``<table>.parquet``.

    Each file replaces an older one only once it is complete; the manifest
    is written last, so a folder with a manifest holds one whole run.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown table format {fmt!r} (choose {', '.join(FORMATS)})")
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in tables(analysis).items():
        path = out / f"{name}.{fmt}"
        (_write_parquet if fmt == "parquet" else _write_csv)(path, name, rows)
        written.append(path)
    manifest = {
        "format": TABLES_FORMAT,
        "analysis_format": analysis.format,
        "tables": {p.stem: p.name for p in written},
        "algorithms": {**stage_algorithms(analysis), "tables": ALGORITHM},
        "config_fingerprint": config_fingerprint(analysis),
    }
    atomic_write_text(out / "manifest.json", json.dumps(manifest, indent=2) + "\n")
    return [*written, out / "manifest.json"]


# ------------------------------------------------------------------ rows


def _span(prefix: str, span: Span | None, bodies: dict[str, str]) -> Row:
    if span is None:
        return {f"{prefix}_start": None, f"{prefix}_end": None, f"{prefix}_text": None}
    text = bodies.get(span.article_id, "")[span.start:span.end]
    return {f"{prefix}_start": span.start, f"{prefix}_end": span.end, f"{prefix}_text": text}


def _articles(analysis: Analysis, bodies: dict[str, str]) -> list[Row]:
    event_of = {a: e.id for e in analysis.events for a in e.article_ids}
    return [_article_row(a, event_of.get(a.id)) for a in analysis.articles]


def _article_row(a: Article, event_id: str | None) -> Row:
    return {"article_id": a.id, "event_id": event_id, "source": a.source, "outlet": a.outlet,
            "url": a.url, "title": a.title, "author": a.author, "published": a.published,
            "dateline_place": a.dateline_place, "language": a.language,
            "chars": len(a.body), "body": a.body}


def _events(analysis: Analysis, bodies: dict[str, str]) -> list[Row]:
    thread_of = {e: t.id for t in analysis.threads for e in t.event_ids}
    origins = {p.event_id: p.origins for p in analysis.provenance}
    return [{"event_id": e.id, "thread_id": thread_of.get(e.id), "label": e.label,
             "articles": len(e.article_ids), "origins": "; ".join(origins.get(e.id, [])),
             "key_entities": "; ".join(e.key_entities), "dates": "; ".join(e.dates)}
            for e in analysis.events]


def _memberships(analysis: Analysis, bodies: dict[str, str]) -> list[Row]:
    """One row per (event, article), with near-duplicate copies marked as such."""
    rows = []
    for e in analysis.events:
        copy_of = {c: kept for kept, copies in e.duplicates.items() for c in copies}
        rows += [{"event_id": e.id, "article_id": a, "copy_of": copy_of.get(a)}
                 for a in e.article_ids]
    return rows


def _threads(analysis: Analysis, bodies: dict[str, str]) -> list[Row]:
    return [{"thread_id": t.id, "label": t.label, "position": i, "date": date,
             "event_id": event_id}
            for t in analysis.threads for i, (date, event_id) in enumerate(t.timeline)]


def _edges(analysis: Analysis, bodies: dict[str, str]) -> list[Row]:
    return [{"event_id": p.event_id, "edge": i, "source_id": d.source, "target_id": d.target,
             "kind": d.kind, "confidence": d.confidence, "passages": len(d.passages),
             "target_chars": sum(len(x.target) for x in d.passages),
             "credits": "; ".join(sorted({a.credited for a in d.attributions})),
             "reasons": "; ".join(d.reasons)}
            for p in analysis.provenance for i, d in enumerate(p.edges)]


def _passages(analysis: Analysis, bodies: dict[str, str]) -> list[Row]:
    return [{"event_id": p.event_id, "edge": i, "source_id": d.source, "target_id": d.target,
             "kind": x.kind, "score": x.score,
             **_span("source", x.source, bodies), **_span("target", x.target, bodies)}
            for p in analysis.provenance for i, d in enumerate(p.edges) for x in d.passages]


def _quotes(analysis: Analysis, bodies: dict[str, str]) -> list[Row]:
    checks = {c.quote_id: c for c in analysis.quote_checks}
    rows = []
    for q in analysis.quotes:
        c = checks.get(q.id)
        rows.append({
            "quote_id": q.id, "article_id": q.article_id, "kind": q.kind,
            "content": " … ".join(bodies.get(q.article_id, "")[s.start:s.end]
                                  for s in q.content),
            # the quote's whole stretch (a split quote's pieces are joined in "content")
            "content_start": min((x.start for x in q.content), default=None),
            "content_end": max((x.end for x in q.content), default=None),
            "pieces": len(q.content),
            **_span("speaker", q.speaker, bodies), "speaker_name": q.speaker_name,
            "speaker_entity": q.speaker_entity, **_span("cue", q.cue, bodies),
            "fidelity": c.label if c else None, "fidelity_score": c.score if c else None,
            "origin_id": c.origin_id if c else None,
            **_span("origin", c.origin_span if c else None, bodies),
            "quoted_but_absent": c.quoted_but_absent if c else None})
    return rows


def _entities(analysis: Analysis, bodies: dict[str, str]) -> list[Row]:
    return [{"entity_id": e.id, "name": e.name, "label": e.label, "forms": "; ".join(e.forms),
             "roles": "; ".join(e.roles), "mentions": len(e.mentions),
             "articles": len({m.span.article_id for m in e.mentions})}
            for e in analysis.entities]


def _mentions(analysis: Analysis, bodies: dict[str, str]) -> list[Row]:
    return [{"entity_id": e.id, "article_id": m.span.article_id, "label": m.label,
             **_span("mention", m.span, bodies)}
            for e in analysis.entities for m in e.mentions]


def _findings(analysis: Analysis, bodies: dict[str, str]) -> list[Row]:
    rows = []
    for n, f in enumerate(analysis.findings):
        first = f.evidence[0] if f.evidence else None
        rows.append({"finding": n, "kind": f.kind, "subtype": f.subtype, "severity": f.severity,
                     "event_id": f.event_id, "article_id": f.article_id,
                     "statement": f.statement, "evidence_spans": len(f.evidence),
                     "evidence_article_id": first.article_id if first else None,
                     **_span("evidence", first, bodies),
                     "details": json.dumps(f.details, ensure_ascii=False, sort_keys=True)})
    return rows


def _ledger(analysis: Analysis, bodies: dict[str, str]) -> list[Row]:
    """One row per ledger span: what an article copied, reworded, added, omitted, changed."""
    rows = []
    for led in analysis.ledgers:
        for kind in ("copied", "reworded", "added", "omitted", "changed"):
            rows += [{"event_id": led.event_id, "article_id": led.article_id, "category": kind,
                      "span_article_id": s.article_id, **_span("span", s, bodies)}
                     for s in getattr(led, kind)]
    return rows


def _skipped(analysis: Analysis, bodies: dict[str, str]) -> list[Row]:
    return [{"source": s.source, "offset": s.offset, "reason": s.reason}
            for s in analysis.skipped]


_TABLES: dict[str, Callable[[Analysis, dict[str, str]], list[Row]]] = {
    "articles": _articles, "events": _events, "event_articles": _memberships,
    "threads": _threads, "edges": _edges, "passages": _passages, "quotes": _quotes,
    "entities": _entities, "mentions": _mentions, "findings": _findings, "ledger": _ledger,
    "skipped": _skipped,
}


# --------------------------------------------------------------- writers

#: The columns of every table, in file order (also what an empty table's file holds).
COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("article_id", "event_id", "source", "outlet", "url", "title", "author",
                 "published", "dateline_place", "language", "chars", "body"),
    "events": ("event_id", "thread_id", "label", "articles", "origins", "key_entities", "dates"),
    "event_articles": ("event_id", "article_id", "copy_of"),
    "threads": ("thread_id", "label", "position", "date", "event_id"),
    "edges": ("event_id", "edge", "source_id", "source_outlet", "target_id", "target_outlet",
              "kind", "confidence", "passages",
              "target_chars", "credits", "reasons"),
    "passages": ("event_id", "edge", "source_id", "source_outlet", "target_id",
                 "target_outlet", "kind", "score",
                 "source_start", "source_end", "source_text",
                 "target_start", "target_end", "target_text"),
    "quotes": ("quote_id", "article_id", "outlet", "kind", "content", "content_start",
               "content_end", "pieces", "speaker_start", "speaker_end", "speaker_text",
               "speaker_name", "speaker_entity", "cue_start", "cue_end", "cue_text",
               "fidelity", "fidelity_score", "origin_id", "origin_start", "origin_end",
               "origin_text", "quoted_but_absent"),
    "entities": ("entity_id", "name", "label", "forms", "roles", "mentions", "articles"),
    "mentions": ("entity_id", "article_id", "outlet", "label", "mention_start", "mention_end",
                 "mention_text"),
    "findings": ("finding", "kind", "subtype", "severity", "event_id", "article_id", "outlet",
                 "statement", "evidence_spans", "evidence_article_id", "evidence_start",
                 "evidence_end", "evidence_text", "details"),
    "ledger": ("event_id", "article_id", "outlet", "category", "span_article_id", "span_start",
               "span_end", "span_text"),
    "skipped": ("source", "offset", "reason"),
}


def _write_csv(path: Path, name: str, rows: list[Row]) -> None:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS[name], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    atomic_write_text(path, buf.getvalue())


def _write_parquet(path: Path, name: str, rows: list[Row]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = COLUMNS[name]
    if rows:
        table = pa.Table.from_pylist(rows).select(list(columns))
    else:
        table = pa.table({c: pa.array([], pa.string()) for c in columns})
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    atomic_write_bytes(path, sink.getvalue().to_pybytes())
