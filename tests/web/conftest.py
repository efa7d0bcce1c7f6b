"""The web tests reuse the report package's hand-made analysis."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newstrace.model import Analysis
from newstrace.web.app import create_app

_spec = importlib.util.spec_from_file_location(
    "report_fixture", Path(__file__).resolve().parents[1] / "report" / "conftest.py")
assert _spec and _spec.loader
_fixture = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fixture)
build_analysis = _fixture.build_analysis


@pytest.fixture()
def analysis() -> Analysis:
    return build_analysis()


@pytest.fixture()
def client(analysis: Analysis) -> TestClient:
    return TestClient(create_app(lambda: analysis))
