"""The few things SQLite and PostgreSQL do differently, and nothing else.

The store writes its SQL once, with ``?`` placeholders and three type tokens
(``{json}``, ``{serial}``, ``{blob}``) in the schema; a :class:`Dialect` turns that into
what one backend understands, opens the connection, runs a write
transaction, and says which errors are worth retrying.  Keeping the
differences here means the two backends share one codebase and one test
suite.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

# Advisory-lock key that serialises schema migrations on PostgreSQL
# (any constant works; this one spells "newstra" in ASCII).
_PG_MIGRATION_LOCK = 0x6E657773747261


class Dialect:
    """Backend-specific behaviour behind one interface (see module doc)."""

    name = "generic"
    #: column type of JSON documents
    json_type = "TEXT"
    #: an auto-numbered primary key column that gives insertion order
    serial_pk = "INTEGER PRIMARY KEY"
    #: column type of binary values (bytes in, bytes out)
    blob_type = "BLOB"
    #: how the database is named in messages (never with a password)
    display = ""

    def connect(self) -> Any:
        raise NotImplementedError

    def sql(self, text: str) -> str:
        """The statement with this backend's placeholders."""
        return text

    def ddl(self, text: str) -> str:
        """A schema statement with the type tokens filled in."""
        return text.format(json=self.json_type, serial=self.serial_pk, blob=self.blob_type)

    @contextmanager
    def transaction(self, conn: Any) -> Iterator[None]:
        raise NotImplementedError
        yield  # pragma: no cover

    def is_transient(self, exc: BaseException) -> bool:
        """True for errors another attempt may not meet (locks, deadlocks)."""
        return False

    def is_disconnected(self, conn: Any) -> bool:
        """True if ``conn`` was lost (server gone) and a new one may work."""
        return False

    def table_exists(self, conn: Any, table: str) -> bool:
        raise NotImplementedError

    def lock_for_migration(self, conn: Any) -> None:
        """Inside a write transaction: keep other processes from migrating at once."""

    def load_json(self, value: Any) -> Any:
        """A JSON column's value (JSON text here) as Python data."""
        return json.loads(value)

    def hint(self, exc: BaseException) -> str:
        """A sentence that helps the user act on ``exc`` (may be empty)."""
        return ""


class SQLiteDialect(Dialect):
    """A SQLite file in WAL mode: readers never block the writer, crashes lose nothing."""

    name = "sqlite"

    def __init__(self, path: str | Path, busy_timeout_ms: int) -> None:
        self.memory = str(path) == ":memory:"
        self.path = Path(path) if not self.memory else Path(":memory:")
        self.busy_timeout_ms = busy_timeout_ms
        self.display = str(path)

    def connect(self) -> sqlite3.Connection:
        if not self.memory:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: no implicit transactions, so BEGIN IMMEDIATE /
        # COMMIT below are the only ones (Python 3.11 has no `autocommit=`).
        conn = sqlite3.connect(
            str(self.path), isolation_level=None, check_same_thread=False, timeout=0
        )
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout_ms)}")
            if not self.memory:
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    raise sqlite3.OperationalError(f"cannot switch to WAL mode (got {mode})")
            # NORMAL in WAL mode: a killed process loses no committed
            # transaction; only a power cut may lose the last few.
            conn.execute("PRAGMA synchronous = NORMAL")
        except BaseException:
            conn.close()
            raise
        return conn

    @contextmanager
    def transaction(self, conn: Any) -> Iterator[None]:
        # IMMEDIATE takes the write lock up front, so two writers queue on
        # busy_timeout instead of failing when a read lock is upgraded.
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            conn.execute("COMMIT")
        except BaseException:
            # A failed COMMIT (busy, disk full) can leave the transaction open;
            # SQLite may also have rolled back by itself already.
            if conn.in_transaction:
                with suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            raise

    def is_transient(self, exc: BaseException) -> bool:
        if not isinstance(exc, sqlite3.OperationalError):
            return False
        text = str(exc).lower()
        return "locked" in text or "busy" in text

    def table_exists(self, conn: Any, table: str) -> bool:
        row = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()
        return row is not None

    def hint(self, exc: BaseException) -> str:
        text = str(exc).lower()
        if "full" in text:
            return "the disk (or the database's size limit) is full"
        if "not a database" in text:
            return "the file is not a newstrace (SQLite) store"
        if "unable to open" in text:
            return "check that the folder exists and is writable"
        return ""


class PostgresDialect(Dialect):
    """A PostgreSQL database shared by a team (psycopg 3)."""

    name = "postgres"
    # JSON text binds straight into a JSON column: psycopg sends str with an
    # unknown type and the server parses it (and refuses invalid JSON).  The
    # first schema step made JSONB columns; a later one makes them JSON, which
    # keeps the text (and its key order) as written.
    json_type = "JSONB"
    serial_pk = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
    blob_type = "BYTEA"

    def __init__(self, dsn: str) -> None:
        self.dsn = dsn
        self.display = _redact(dsn)

    def connect(self) -> Any:
        import psycopg

        # autocommit: each read is its own statement; writes use explicit
        # transactions (conn.transaction()) so a batch commits or vanishes whole.
        return psycopg.connect(self.dsn, autocommit=True)

    def sql(self, text: str) -> str:
        # The shared SQL never contains a literal "?" or "%".
        return text.replace("?", "%s")

    @contextmanager
    def transaction(self, conn: Any) -> Iterator[None]:
        with conn.transaction():
            yield

    def is_transient(self, exc: BaseException) -> bool:
        from psycopg import errors

        return isinstance(
            exc,
            (errors.DeadlockDetected, errors.SerializationFailure, errors.LockNotAvailable),
        )

    def is_disconnected(self, conn: Any) -> bool:
        return bool(conn.closed or conn.broken)

    def table_exists(self, conn: Any, table: str) -> bool:
        # A catalog query (not to_regclass, whose cache can miss a table
        # another session just created) so the check after the migration
        # lock sees what the other session committed.
        row = conn.execute(
            "SELECT 1 FROM pg_catalog.pg_tables "
            "WHERE schemaname = current_schema() AND tablename = %s",
            (table,),
        ).fetchone()
        return row is not None

    def lock_for_migration(self, conn: Any) -> None:
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_PG_MIGRATION_LOCK,))

    def load_json(self, value: Any) -> Any:
        # psycopg has already decoded the JSON value (a JSON string arrives as str).
        return value

    def hint(self, exc: BaseException) -> str:
        text = str(exc)
        if "NUL" in text or "\\u0000" in text:
            return "PostgreSQL cannot store NUL (\\x00) characters; clean them at ingest"
        return ""


def _redact(dsn: str) -> str:
    """The DSN without its password, for messages."""
    try:
        from psycopg.conninfo import conninfo_to_dict

        parts = conninfo_to_dict(dsn)
    except Exception:  # a malformed DSN: show only its scheme
        return dsn.split("://", 1)[0] + "://..."
    user = parts.get("user")
    host = parts.get("host") or "localhost"
    port = parts.get("port")
    where = f"{host}:{port}" if port else str(host)
    who = f"{user}@" if user else ""
    return f"postgresql://{who}{where}/{parts.get('dbname') or ''}"
