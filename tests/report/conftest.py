"""Fixtures of the report tests: the hand-made analysis (tests/support/handmade.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from handmade import build_analysis

from newstrace.model import Analysis


@pytest.fixture()
def analysis() -> Analysis:
    return build_analysis()


@pytest.fixture()
def report_dir(tmp_path: Path) -> Path:
    return tmp_path
