"""Store fixtures: every store test runs on SQLite and, when configured, on PostgreSQL.

PostgreSQL runs when ``NEWSTRACE_TEST_PG`` holds a DSN (``source .ci/postgres.sh``
sets it); each store then lives in its own schema, dropped after the test.
"""

from __future__ import annotations

import importlib.util
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from newstrace.store import Store, open_store

PG_DSN = os.environ.get("NEWSTRACE_TEST_PG", "")
NO_PG = "NEWSTRACE_TEST_PG is not set (source .ci/postgres.sh to run the PostgreSQL tests)"


def _load_worker() -> ModuleType:
    path = Path(__file__).with_name("store_worker.py")
    spec = importlib.util.spec_from_file_location("store_worker", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def worker() -> ModuleType:
    """tests/store/store_worker.py: synthetic articles and the fault harness."""
    return _load_worker()


def pg_target(dsn: str, schema: str) -> str:
    """``dsn`` with its search_path set to ``schema``."""
    joiner = "&" if "?" in dsn else "?"
    return f"{dsn}{joiner}options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgres" and not PG_DSN:
        pytest.skip(NO_PG)
    return str(request.param)


@pytest.fixture
def new_target(backend: str, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """Makes fresh, empty store targets of the test's backend."""
    schemas: list[str] = []
    admin: list[Any] = []  # one PostgreSQL connection, opened on first use

    def make() -> str:
        if backend == "sqlite":
            return str(tmp_path / f"s{uuid.uuid4().hex[:8]}" / "store.db")
        if not admin:
            import psycopg

            admin.append(psycopg.connect(PG_DSN, autocommit=True))
        schema = f"nt_test_{uuid.uuid4().hex[:12]}"
        admin[0].execute(f"CREATE SCHEMA {schema}")
        schemas.append(schema)
        return pg_target(PG_DSN, schema)

    yield make
    for conn in admin:
        for schema in schemas:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        conn.close()


@pytest.fixture
def store(new_target: Callable[[], str]) -> Iterator[Store]:
    with open_store(new_target()) as opened:
        yield opened
