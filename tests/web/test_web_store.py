"""The app over a real store path: it serves the latest analysis saved there."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newstrace.model import Analysis
from newstrace.store import Store, open_store
from newstrace.web.app import create_app


def test_app_serves_the_latest_analysis_of_a_store(analysis: Analysis, tmp_path: Path) -> None:
    db = tmp_path / "newstrace.db"
    client = TestClient(create_app(str(db)))
    assert "no analysis yet" in client.get("/").text

    with open_store(db) as store:
        store.save_analysis(analysis)
    r = client.get("/events/ev-dam-closure")
    assert r.status_code == 200 and "Alto Dam to close for repairs" in r.text
    assert client.get("/api/analysis").json()["generated_by"]["config_fingerprint"] == (
        "0123456789ab")

    analysis.events[0].label = "Relabelled by a later run"
    with open_store(db) as store:
        store.save_analysis(analysis)
    assert "Relabelled by a later run" in client.get("/").text


def test_an_unchanged_store_is_not_decoded_again(
        analysis: Analysis, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "newstrace.db"
    with open_store(db) as store:
        store.save_analysis(analysis)
    loads: list[int] = []
    real = Store.load_analysis

    def counting(self: Store) -> Analysis | None:
        loads.append(1)
        return real(self)

    monkeypatch.setattr(Store, "load_analysis", counting)
    client = TestClient(create_app(str(db)))
    for _ in range(3):
        assert client.get("/events/ev-dam-closure").status_code == 200
    assert len(loads) == 1
    with open_store(db) as store:
        store.save_analysis(analysis)
    client.get("/")
    assert len(loads) == 2
