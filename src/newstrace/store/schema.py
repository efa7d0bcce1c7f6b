"""The store's schema as an ordered list of migrations.

``MIGRATIONS[i]`` brings a store from schema version ``i`` to ``i + 1``.
Opening a store applies the missing steps in one transaction (so a crash
mid-migration leaves the old version intact) and records the new version in
the ``meta`` table.  A store written by a newer newstrace (a version above
``len(MIGRATIONS)``) is refused rather than misread.

Statements use ``{json}``, ``{serial}`` and ``{blob}`` for the column types the
backends spell differently (see :mod:`newstrace.store.dialect`).  Never edit
a released step: append a new one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newstrace.store.dialect import Dialect


class StoreError(RuntimeError):
    """A store could not be opened, read or written; the message names the database."""


@dataclass(frozen=True)
class Migration:
    description: str
    statements: tuple[str, ...]
    #: the one backend (``Dialect.name``) the statements are for; others only
    #: record the new version
    only: str | None = None


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        "articles, skips, stage outputs, analyses",
        (
            "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
            # seq gives insertion order; id is the content hash (ingest idempotent).
            """CREATE TABLE articles (
                seq {serial},
                id TEXT NOT NULL UNIQUE,
                source TEXT NOT NULL,
                outlet TEXT,
                url TEXT,
                title TEXT,
                author TEXT,
                published TEXT,
                dateline_place TEXT,
                language TEXT,
                body TEXT NOT NULL,
                encoding TEXT,
                data {json} NOT NULL
            )""",
            # fingerprint: hash of (source, reason, offset) so a re-run adds no copy.
            """CREATE TABLE skips (
                seq {serial},
                fingerprint TEXT NOT NULL UNIQUE,
                source TEXT NOT NULL,
                reason TEXT NOT NULL,
                skip_offset TEXT
            )""",
            """CREATE TABLE stage_outputs (
                stage TEXT NOT NULL,
                item TEXT NOT NULL,
                algorithm TEXT NOT NULL,
                config_fingerprint TEXT NOT NULL,
                payload {json} NOT NULL,
                saved_at TEXT NOT NULL,
                PRIMARY KEY (stage, item)
            )""",
            """CREATE TABLE analyses (
                seq {serial},
                saved_at TEXT NOT NULL,
                format TEXT NOT NULL,
                config_fingerprint TEXT NOT NULL,
                data {json} NOT NULL
            )""",
        ),
    ),
    Migration(
        "indexes on the article columns people filter by",
        (
            "CREATE INDEX articles_outlet ON articles (outlet)",
            "CREATE INDEX articles_published ON articles (published)",
        ),
    ),
    Migration(
        "binary stage outputs (an article's packed parse)",
        (
            # Like stage_outputs, with bytes instead of JSON: a value that is
            # already compact binary (a spaCy DocBin) is kept as it is.
            """CREATE TABLE stage_blobs (
                stage TEXT NOT NULL,
                item TEXT NOT NULL,
                algorithm TEXT NOT NULL,
                config_fingerprint TEXT NOT NULL,
                data {blob} NOT NULL,
                saved_at TEXT NOT NULL,
                PRIMARY KEY (stage, item)
            )""",
        ),
    ),
    Migration(
        "PostgreSQL keeps JSON documents as written",
        # JSONB reorders object keys (shorter first), so a stage output read back
        # differed in key order from the one computed (a resumed run's output was
        # not byte-identical); the json type keeps the text as written.  Nothing
        # queries inside the documents, so JSONB's indexing is not missed.
        tuple(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE JSON USING {column}::json"
              for table, column in (("articles", "data"), ("stage_outputs", "payload"),
                                    ("analyses", "data"))),
        only="postgres",
    ),
)

#: The schema version this code writes.
LATEST = len(MIGRATIONS)


def read_version(conn: Any, dialect: Dialect) -> int:
    """The store's schema version; 0 for an empty database."""
    if not dialect.table_exists(conn, "meta"):
        return 0
    row = conn.execute(
        dialect.sql("SELECT value FROM meta WHERE name = ?"), ("schema_version",)
    ).fetchone()
    return int(row[0]) if row else 0


def check_not_newer(version: int, display: str) -> None:
    if version > LATEST:
        raise StoreError(
            f"{display}: schema version {version} was written by a newer newstrace; "
            f"this one reads up to version {LATEST} - upgrade newstrace to open it"
        )


def migrate(conn: Any, dialect: Dialect, target: int = LATEST) -> int:
    """Bring the store to schema ``target`` (default: latest); returns the version reached.

    Cheap when nothing is to do (one read, no write lock).  Otherwise the
    version is read again under the write lock, so two processes opening a
    new store at once migrate it exactly once.
    """
    version = read_version(conn, dialect)
    check_not_newer(version, dialect.display)
    if version >= target:
        return version
    with dialect.transaction(conn):
        dialect.lock_for_migration(conn)
        version = read_version(conn, dialect)
        check_not_newer(version, dialect.display)
        for step in MIGRATIONS[version:target]:
            if step.only not in (None, dialect.name):
                continue
            for statement in step.statements:
                conn.execute(dialect.ddl(statement))
        if version < target:
            _set_version(conn, dialect, target, fresh=version == 0)
    return max(version, target)


def _set_version(conn: Any, dialect: Dialect, version: int, fresh: bool) -> None:
    if fresh:
        conn.execute(
            dialect.sql("INSERT INTO meta (name, value) VALUES (?, ?)"),
            ("schema_version", str(version)),
        )
    else:
        conn.execute(
            dialect.sql("UPDATE meta SET value = ? WHERE name = ?"),
            (str(version), "schema_version"),
        )
