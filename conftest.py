"""Fixtures shared by the tests (tests/) and the evaluation gates (eval/).

The gates score ../shared/data and skip, saying why, when it is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.config import Config
from newstrace.model import Article

ROOT = Path(__file__).resolve().parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def config() -> Config:
    return Config()


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED


@pytest.fixture(scope="session")
def seed_articles(config: Config) -> dict[str, Article]:
    """The bundled seed articles, ingested, keyed by file-name prefix ("000" ... "004")."""
    from newstrace.ingest import read_paths

    result = read_paths([EXAMPLES], config)
    return {Path(a.source).name[:3]: a for a in result.articles}
