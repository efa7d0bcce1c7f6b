"""The JSON output: versioned, spans carry their text, loads back, written atomically."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from newstrace import __version__
from newstrace.model import Analysis, from_dict
from newstrace.report import jsonout


def _span_dicts(node: Any) -> list[dict[str, Any]]:
    found = []
    if isinstance(node, dict):
        if set(node) == {"article_id", "start", "end", "text"}:
            found.append(node)
        for v in node.values():
            found += _span_dicts(v)
    elif isinstance(node, list):
        for v in node:
            found += _span_dicts(v)
    return found


def test_header_names_format_version_algorithms_and_config(analysis: Analysis) -> None:
    doc = jsonout.to_json(analysis)
    assert doc["format"] == "newstrace.v1"
    assert doc["generated_by"]["newstrace"] == __version__
    assert doc["generated_by"]["algorithms"]["provenance"] == "provenance.v1"
    assert doc["generated_by"]["config_fingerprint"] == "0123456789ab"


def test_every_span_carries_the_text_it_covers(analysis: Analysis) -> None:
    doc = jsonout.to_json(analysis)
    bodies = {a.id: a.body for a in analysis.articles}
    spans = _span_dicts(doc)
    # paragraphs, passages, quotes, checks, mentions, attributions, findings
    assert len(spans) > 40
    for s in spans:
        assert s["text"] == bodies[s["article_id"]][s["start"] : s["end"]]
    herald = doc["provenance"][0]["edges"][0]
    assert herald["attributions"][0]["span"]["text"] == "according to MPA"


def test_document_is_plain_json_and_loads_back_equal(analysis: Analysis) -> None:
    text = jsonout.dumps(analysis)
    data = json.loads(text)
    assert from_dict(Analysis, data) == analysis
    assert jsonout.from_json(data) == analysis


def test_reader_refuses_another_major_format(analysis: Analysis) -> None:
    data = jsonout.to_json(analysis)
    data["format"] = "newstrace.v2"
    with pytest.raises(ValueError, match=r"newstrace\.v2"):
        jsonout.from_json(data)


def test_write_creates_file_and_leaves_no_temp(analysis: Analysis, tmp_path: Path) -> None:
    out = tmp_path / "sub" / "run.json"
    jsonout.write(analysis, out)
    assert jsonout.load(out) == analysis
    assert [p.name for p in out.parent.iterdir()] == ["run.json"]


def test_failed_write_keeps_the_previous_file(
    analysis: Analysis, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "run.json"
    out.write_text("previous", encoding="utf-8")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        jsonout.write(analysis, out)
    assert out.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["run.json"]


def test_non_ascii_text_is_kept_readable(analysis: Analysis) -> None:
    analysis.articles[0].body += " Ministério — “ok”"
    text = jsonout.dumps(analysis)
    assert "Ministério — “ok”" in text


def test_fingerprint_kept_under_algorithms_is_reported(analysis: Analysis) -> None:
    analysis.config_fingerprint = ""
    analysis.algorithms["config"] = "feedfacecafe"
    doc = jsonout.to_json(analysis)
    assert doc["generated_by"]["config_fingerprint"] == "feedfacecafe"
    assert "config" not in doc["generated_by"]["algorithms"]
