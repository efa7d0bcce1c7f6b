"""Flat tables of an analysis (CSV / Parquet) for pandas, DuckDB, R or Spark."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newstrace.model import Analysis
from newstrace.report import tables
from newstrace.report.tables import COLUMNS


def test_every_table_has_its_documented_columns(analysis: Analysis) -> None:
    built = tables.tables(analysis)
    assert set(built) == set(COLUMNS)
    for name, rows in built.items():
        for row in rows:
            assert tuple(row) == COLUMNS[name], name


def test_span_columns_hold_the_text_of_their_offsets(analysis: Analysis) -> None:
    bodies = {a.id: a.body for a in analysis.articles}
    built = tables.tables(analysis)
    checked = 0
    sides = [("passages", "source", "source_id"), ("passages", "target", "target_id"),
             ("quotes", "speaker", "article_id"), ("mentions", "mention", "article_id"),
             ("ledger", "span", "span_article_id")]
    for name, side, doc in sides:
        for row in built[name]:
            if row[f"{side}_start"] is None:
                continue
            body = bodies[row[doc]]
            assert row[f"{side}_text"] == body[row[f"{side}_start"]:row[f"{side}_end"]]
            checked += 1
    assert checked > 20


def test_rows_answer_an_analysts_questions(analysis: Analysis) -> None:
    built = tables.tables(analysis)
    edges = built["edges"]
    assert len(edges) == sum(len(p.edges) for p in analysis.provenance)
    first = analysis.provenance[0].edges[0]
    row = next(r for r in edges if (r["source_id"], r["target_id"]) == (first.source, first.target))
    assert row["passages"] == len(first.passages)
    assert "MPA" in row["credits"]
    assert row["source_outlet"] and row["target_outlet"]
    by_id = {q.id: q for q in analysis.quotes}
    for q in built["quotes"]:
        check = next((c for c in analysis.quote_checks if c.quote_id == q["quote_id"]), None)
        assert q["fidelity"] == (check.label if check else None)
        assert q["pieces"] == len(by_id[q["quote_id"]].content)
    assert len(built["findings"]) == len(analysis.findings)
    assert {r["category"] for r in built["ledger"]} <= {"copied", "reworded", "added", "omitted",
                                                        "changed"}


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_written_tables_read_back(analysis: Analysis, tmp_path: Path, fmt: str) -> None:
    written = tables.write_tables(analysis, tmp_path / "t", fmt)
    assert {p.name for p in written} == {f"{n}.{fmt}" for n in COLUMNS} | {"manifest.json"}
    manifest = json.loads((tmp_path / "t" / "manifest.json").read_text("utf-8"))
    assert manifest["format"] == tables.TABLES_FORMAT
    assert manifest["config_fingerprint"] == "0123456789ab"
    assert manifest["algorithms"]["tables"] == tables.ALGORITHM
    path = tmp_path / "t" / f"quotes.{fmt}"
    if fmt == "csv":
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        names = tuple(rows[0])
    else:
        table = pq.read_table(path)
        rows, names = table.to_pylist(), tuple(table.schema.names)
    assert names == COLUMNS["quotes"]
    assert len(rows) == len(analysis.quotes)
    assert not list((tmp_path / "t").glob(".*.tmp"))  # no temporary file left behind


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_an_empty_analysis_still_writes_headers(tmp_path: Path, fmt: str) -> None:
    tables.write_tables(Analysis(), tmp_path, fmt)
    if fmt == "csv":
        header = (tmp_path / "edges.csv").read_text("utf-8").splitlines()
        assert header == [",".join(COLUMNS["edges"])]
    else:
        assert tuple(pq.read_table(tmp_path / "edges.parquet").schema.names) == COLUMNS["edges"]


def test_unknown_format_is_refused(analysis: Analysis, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="xlsx"):
        tables.write_tables(analysis, tmp_path, "xlsx")
