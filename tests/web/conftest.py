"""The web tests reuse the report package's hand-made analysis."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from handmade import build_analysis

from newstrace.model import Analysis
from newstrace.web.app import create_app


@pytest.fixture()
def analysis() -> Analysis:
    return build_analysis()


@pytest.fixture()
def client(analysis: Analysis) -> TestClient:
    return TestClient(create_app(lambda: analysis))
