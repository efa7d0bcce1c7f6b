"""Opening an old store upgrades it in place; a store from the future is refused."""

from __future__ import annotations

import json
from collections.abc import Callable
from types import ModuleType

import pytest

from newstrace.model import to_dict
from newstrace.store import SCHEMA_VERSION, StoreError, open_store
from newstrace.store.dialect import Dialect, PostgresDialect, SQLiteDialect
from newstrace.store.schema import MIGRATIONS, migrate


def _dialect(target: str) -> Dialect:
    if target.startswith("postgresql://"):
        return PostgresDialect(target)
    return SQLiteDialect(target, 1000)


def _make_v1_store(target: str, worker: ModuleType) -> None:
    """A store as the first released schema left it, holding one article."""
    dialect = _dialect(target)
    conn = dialect.connect()
    try:
        assert migrate(conn, dialect, target=1) == 1
        article = worker.synthetic_article(7)
        with dialect.transaction(conn):
            conn.execute(
                dialect.sql("INSERT INTO articles (id, source, body, data) VALUES (?, ?, ?, ?)"),
                (article.id, article.source, article.body, json.dumps(to_dict(article))),
            )
    finally:
        conn.close()


def _set_version(target: str, version: int) -> None:
    dialect = _dialect(target)
    conn = dialect.connect()
    try:
        with dialect.transaction(conn):
            conn.execute(dialect.sql("UPDATE meta SET value = ? WHERE name = ?"),
                         (str(version), "schema_version"))
    finally:
        conn.close()


def test_there_is_more_than_one_step() -> None:
    # The upgrade path below is only exercised if an old version exists.
    assert SCHEMA_VERSION == len(MIGRATIONS) >= 2


def test_old_store_is_migrated_and_keeps_its_articles(new_target: Callable[[], str],
                                                      worker: ModuleType) -> None:
    target = new_target()
    _make_v1_store(target, worker)
    with open_store(target) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.get_article(worker.synthetic_article(7).id) == worker.synthetic_article(7)
        assert store.add_articles([worker.synthetic_article(7)]).existing == 1
        assert store.add_articles([worker.synthetic_article(8)]).added == 1
    with open_store(target) as store:  # a second open has nothing to do
        assert store.schema_version() == SCHEMA_VERSION
        assert store.count_articles() == 2


def test_store_from_a_newer_version_is_refused(new_target: Callable[[], str]) -> None:
    target = new_target()
    with open_store(target) as store:
        store.save_stage("events", "k", [1], "events.v1", "fp")
    _set_version(target, SCHEMA_VERSION + 1)
    with pytest.raises(StoreError, match=f"schema version {SCHEMA_VERSION + 1}.*newer"):
        open_store(target)


def test_failed_migration_leaves_the_old_version(new_target: Callable[[], str],
                                                 worker: ModuleType) -> None:
    """A step that fails part-way is rolled back whole: the store stays at version 1."""
    target = new_target()
    _make_v1_store(target, worker)
    dialect = _dialect(target)
    conn = dialect.connect()
    try:  # make step 2 fail half-way: its second index already exists
        with dialect.transaction(conn):
            conn.execute("CREATE INDEX articles_published ON articles (published)")
    finally:
        conn.close()
    with pytest.raises(StoreError, match="migrate"):
        open_store(target)
    conn = dialect.connect()
    try:
        version = conn.execute("SELECT value FROM meta").fetchone()[0]
        assert version == "1"
    finally:
        conn.close()
