"""One store interface over SQLite (default) and PostgreSQL (for a team).

What is kept: articles (query columns plus the complete ``to_dict`` JSON, so
``from_dict`` gives back an equal :class:`Article`), skipped inputs, resumable
stage outputs keyed by algorithm and config fingerprint (JSON, or bytes for values
that are compact binary already, such as an article's packed parse), and analyses.

How writes behave, on both backends:

* every batch is one transaction: it commits whole or not at all (a killed
  process, a full disk or a bad article leaves no partial batch);
* ``INSERT ... ON CONFLICT DO NOTHING`` on the content-hash id makes ingest
  idempotent: the same content added twice is one article;
* lock contention ("database is locked", deadlocks) is retried with
  exponential backoff and jitter until ``[store] lock_retry_seconds``; a
  PostgreSQL connection the server dropped is replaced once (every write is
  idempotent, so redoing one is safe); anything else is raised as
  :class:`StoreError` naming the database (never a password).

One ``Store`` may be shared by the threads of one process (calls are
serialised on its connection); separate processes open their own.  Reading
streams pages by insertion order without holding a transaction open, so a
long read never blocks writers (it sees what was committed page by page).
"""

from __future__ import annotations

import hashlib
import json
import random
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from itertools import islice
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from newstrace.config import Config
from newstrace.model import Analysis, Article, Skip, from_dict
from newstrace.store.codec import encode
from newstrace.store.dialect import Dialect, PostgresDialect, SQLiteDialect
from newstrace.store.schema import StoreError, migrate, read_version

ALGORITHM = "store.v1"

T = TypeVar("T")

_ARTICLE_COLUMNS = (
    "id", "source", "outlet", "url", "title", "author", "published",
    "dateline_place", "language", "body", "encoding", "data",
)
_INSERT_ARTICLE = (
    f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in _ARTICLE_COLUMNS)}) ON CONFLICT (id) DO NOTHING"
)
#: rows fetched per round trip when streaming articles (keyset paging keeps
#: no read transaction open between pages, so writers and checkpoints proceed)
_PAGE = 500
#: ids per ``IN (...)`` lookup (far below SQLite's parameter limit)
_ID_CHUNK = 500


@dataclass(frozen=True)
class AddResult:
    """What :meth:`Store.add_articles` did: new articles, and ones already stored."""

    added: int
    existing: int


def open_store(target: str | Path, config: Config | None = None) -> Store:
    """Open (creating and migrating as needed) the store at ``target``.

    ``postgresql://...`` (or ``postgres://...``) opens a PostgreSQL database;
    anything else is a SQLite file path, created with its parent folders
    (``":memory:"`` gives a private in-memory store).
    """
    options = (config or Config()).section("store")
    text = str(target)
    dialect: Dialect
    if text.startswith(("postgresql://", "postgres://")):
        dialect = PostgresDialect(text)
    else:
        dialect = SQLiteDialect(Path(text).expanduser() if text != ":memory:" else text,
                                options.int("busy_timeout_ms"))
    return Store(dialect, options.float("lock_retry_seconds"), options.int("keep_analyses"))


class Store:
    """Articles, skips, stage outputs and analyses in one database (see module doc)."""

    def __init__(self, dialect: Dialect, lock_retry_seconds: float, keep_analyses: int) -> None:
        self._dialect = dialect
        self._retry_seconds = lock_retry_seconds
        self._keep_analyses = max(1, keep_analyses)
        # One connection per Store; the lock lets threads (a web server) share it.
        self._lock = threading.RLock()
        self._conn: Any = None
        try:
            self._conn = self._retry(dialect.connect, "open")
            self._retry(lambda: migrate(self._conn, dialect), "migrate", write=True)
        except BaseException:
            self.close()
            raise

    # ------------------------------------------------------------ lifecycle

    @property
    def target(self) -> str:
        """The database, as shown in messages (PostgreSQL passwords removed)."""
        return self._dialect.display

    @property
    def backend(self) -> str:
        """``"sqlite"`` or ``"postgres"``."""
        return self._dialect.name

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.target!r})"

    def close(self) -> None:
        """Close the connection (idempotent)."""
        with self._lock:
            if self._conn is not None:
                conn, self._conn = self._conn, None
                conn.close()

    def schema_version(self) -> int:
        return self._read(lambda conn: read_version(conn, self._dialect), "read the schema")

    # ------------------------------------------------------------- articles

    def add_articles(self, articles: Iterable[Article], batch_size: int = 500) -> AddResult:
        """Store articles not stored yet, ``batch_size`` per transaction.

        Each batch is checked first (every paragraph span must lie inside its
        article's body): a bad article raises :class:`StoreError` naming it,
        and batches committed before stay committed.
        """
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        added = existing = 0
        query = self._sql(_INSERT_ARTICLE)
        items = iter(articles)
        while batch := list(islice(items, batch_size)):
            for article in batch:
                check_article(article, self.target)
            # Serialise only what is not stored yet (re-ingest is then cheap);
            # ON CONFLICT still settles races with other writers.
            stored = self._stored_ids([a.id for a in batch])
            fresh: dict[str, Article] = {}
            for article in batch:
                if article.id not in stored:
                    fresh.setdefault(article.id, article)  # the first copy wins
            rows = [self._article_row(a) for a in fresh.values()]
            n = self._write(partial(_insert_many, query=query, rows=rows), "add articles")
            added += n
            existing += len(batch) - n
        return AddResult(added, existing)

    def _stored_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of ``ids`` the store already holds."""
        return {row[0] for row in self._rows_by_id("id", ids)}

    def _rows_by_id(self, columns: str, ids: Sequence[str]) -> list[Any]:
        """``SELECT columns`` of the articles whose id is in ``ids``, a chunk at a time."""
        rows: list[Any] = []
        unique = list(dict.fromkeys(ids))
        for start in range(0, len(unique), _ID_CHUNK):
            chunk = unique[start : start + _ID_CHUNK]
            query = self._sql(
                f"SELECT {columns} FROM articles WHERE id IN ({', '.join('?' for _ in chunk)})"
            )
            rows += self._read(partial(_fetch_all, query=query, params=chunk), "read articles")
        return rows

    def _article_row(self, article: Article) -> tuple[Any, ...]:
        try:
            data = json.dumps(encode(article), ensure_ascii=False, allow_nan=False)
        except ValueError as exc:
            raise StoreError(f"{self.target}: article {article.id}: {exc}") from exc
        return (
            article.id, article.source, article.outlet, article.url, article.title,
            article.author, article.published, article.dateline_place, article.language,
            article.body, article.encoding, data,
        )

    def iter_articles(self) -> Iterator[Article]:
        """Every article, in insertion order, a page at a time."""
        last = 0
        query = self._sql("SELECT seq, data FROM articles WHERE seq > ? ORDER BY seq LIMIT ?")
        while True:
            rows = self._read(partial(_fetch_all, query=query, params=(last, _PAGE)),
                              "read articles")
            for _, data in rows:
                yield self._article(data)
            if len(rows) < _PAGE:
                return
            last = rows[-1][0]

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        """All articles (insertion order), or those of ``ids`` in that order (missing left out)."""
        if ids is None:
            return list(self.iter_articles())
        found = {row[0]: self._article(row[1]) for row in self._rows_by_id("id, data", ids)}
        return [found[i] for i in ids if i in found]

    def get_article(self, article_id: str) -> Article | None:
        found = self.articles([article_id])
        return found[0] if found else None

    def count_articles(self) -> int:
        query = "SELECT COUNT(*) FROM articles"
        return int(self._read(lambda conn: conn.execute(query).fetchone()[0], "count articles"))

    def _article(self, data: Any) -> Article:
        return from_dict(Article, self._dialect.load_json(data))

    # ---------------------------------------------------------------- skips

    def add_skips(self, skips: Iterable[Skip]) -> int:
        """Record skipped inputs (each distinct skip once); returns how many were new."""
        rows = [(_skip_fingerprint(s), s.source, s.reason, s.offset) for s in skips]
        if not rows:
            return 0
        query = self._sql(
            "INSERT INTO skips (fingerprint, source, reason, skip_offset) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (fingerprint) DO NOTHING"
        )
        return self._write(lambda cur: _insert_many(cur, query, rows), "add skips")

    def skips(self) -> list[Skip]:
        query = "SELECT source, reason, skip_offset FROM skips ORDER BY seq"
        rows = self._read(lambda conn: conn.execute(query).fetchall(), "read skips")
        return [Skip(source, reason, offset) for source, reason, offset in rows]

    # -------------------------------------------------------- stage outputs

    def save_stage(
        self, stage: str, key: str, payload: Any, algorithm: str, config_fingerprint: str
    ) -> None:
        """Keep one stage result (replacing the previous one for ``stage``/``key``)."""
        text = self._dumps(payload, f"stage {stage}/{key}")
        query = self._sql(
            "INSERT INTO stage_outputs "
            "(stage, item, algorithm, config_fingerprint, payload, saved_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (stage, item) DO UPDATE SET "
            "algorithm = excluded.algorithm, config_fingerprint = excluded.config_fingerprint, "
            "payload = excluded.payload, saved_at = excluded.saved_at"
        )
        params = (stage, key, algorithm, config_fingerprint, text,
                  _now())
        self._write(lambda cur: cur.execute(query, params), "save a stage output")

    def load_stage(
        self, stage: str, key: str, algorithm: str, config_fingerprint: str
    ) -> Any | None:
        """The saved result, only if the same algorithm and options produced it.

        ``None`` means "not reusable"; a stage whose result may itself be
        ``None`` should wrap it (e.g. ``{"result": None}``).
        """
        query = self._sql(
            "SELECT payload FROM stage_outputs WHERE stage = ? AND item = ? "
            "AND algorithm = ? AND config_fingerprint = ?"
        )
        params = (stage, key, algorithm, config_fingerprint)
        row = self._read(lambda conn: conn.execute(query, params).fetchone(), "load a stage")
        return None if row is None else self._dialect.load_json(row[0])

    def load_stages(self, stage: str, algorithm: str, config_fingerprint: str) -> dict[str, Any]:
        """Every reusable result of ``stage`` at once, by key (resuming a long run)."""
        query = self._sql(
            "SELECT item, payload FROM stage_outputs WHERE stage = ? "
            "AND algorithm = ? AND config_fingerprint = ? ORDER BY item"
        )
        params = (stage, algorithm, config_fingerprint)
        rows = self._read(lambda conn: conn.execute(query, params).fetchall(), "load stages")
        return {item: self._dialect.load_json(payload) for item, payload in rows}

    def stage_rows(self) -> Iterator[tuple[str, str, str, str, Any]]:
        """Every stage output as (stage, key, algorithm, config_fingerprint, payload)."""
        query = self._sql(
            "SELECT stage, item, algorithm, config_fingerprint, payload FROM stage_outputs "
            "ORDER BY stage, item"
        )
        rows = self._read(lambda conn: conn.execute(query).fetchall(), "read stages")
        for stage, item, algorithm, fingerprint, payload in rows:
            yield stage, item, algorithm, fingerprint, self._dialect.load_json(payload)

    # --------------------------------------------------- binary stage outputs

    def save_blobs(self, stage: str, items: Iterable[tuple[str, bytes]], algorithm: str,
                   config_fingerprint: str) -> int:
        """Keep binary stage results (``(key, bytes)`` pairs) in one transaction,
        replacing earlier ones for ``stage``/``key``; returns how many were written.

        For outputs that are compact bytes already (an article's packed parse):
        JSON would need them base64-encoded, a third larger and decoded on every read.
        """
        saved_at = _now()
        rows = [(stage, key, algorithm, config_fingerprint, bytes(data), saved_at)
                for key, data in items]
        if not rows:
            return 0
        query = self._sql(
            "INSERT INTO stage_blobs (stage, item, algorithm, config_fingerprint, data, saved_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (stage, item) DO UPDATE SET "
            "algorithm = excluded.algorithm, config_fingerprint = excluded.config_fingerprint, "
            "data = excluded.data, saved_at = excluded.saved_at"
        )
        self._write(partial(_insert_many, query=query, rows=rows), "save binary stage outputs")
        return len(rows)

    def load_blobs(self, stage: str, keys: Sequence[str], algorithm: str,
                   config_fingerprint: str) -> dict[str, bytes]:
        """The reusable binary results of ``stage`` for ``keys`` (those saved by the
        same algorithm and options; others are left out)."""
        out: dict[str, bytes] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), _ID_CHUNK):
            chunk = unique[start : start + _ID_CHUNK]
            query = self._sql(
                "SELECT item, data FROM stage_blobs WHERE stage = ? AND algorithm = ? "
                f"AND config_fingerprint = ? AND item IN ({', '.join('?' for _ in chunk)})"
            )
            params = [stage, algorithm, config_fingerprint, *chunk]
            rows = self._read(partial(_fetch_all, query=query, params=params), "load blobs")
            out.update((item, bytes(data)) for item, data in rows)
        return out

    def blob_keys(self, stage: str, algorithm: str, config_fingerprint: str) -> set[str]:
        """Keys of the reusable binary results of ``stage`` (their bytes are not read)."""
        query = self._sql(
            "SELECT item FROM stage_blobs WHERE stage = ? AND algorithm = ? "
            "AND config_fingerprint = ?"
        )
        params = (stage, algorithm, config_fingerprint)
        rows = self._read(partial(_fetch_all, query=query, params=params), "list blobs")
        return {row[0] for row in rows}

    # ------------------------------------------------------------- analyses

    def save_analysis(self, analysis: Analysis) -> None:
        """Keep ``analysis`` as the latest (older ones beyond ``[store] keep_analyses`` go).

        Its articles that the store already holds unchanged are saved as
        references (their id), not copies: an analysis of many articles would
        otherwise repeat every body once per kept analysis, and could pass
        PostgreSQL's limit on one value (1 GB of JSON text).
        """
        data = encode(analysis)
        data["articles"] = self._article_refs(analysis.articles)
        text = self._dumps(data, "analysis")
        fingerprint = str(getattr(analysis, "config_fingerprint", "") or "")
        insert = self._sql(
            "INSERT INTO analyses (saved_at, format, config_fingerprint, data) "
            "VALUES (?, ?, ?, ?)"
        )
        prune = self._sql(
            "DELETE FROM analyses WHERE seq NOT IN "
            "(SELECT seq FROM analyses ORDER BY seq DESC LIMIT ?)"
        )
        params = (_now(), analysis.format, fingerprint, text)

        def write(cur: Any) -> None:
            cur.execute(insert, params)
            cur.execute(prune, (self._keep_analyses,))

        self._write(write, "save the analysis")

    def latest_analysis_seq(self) -> int | None:
        """Sequence number of the latest saved analysis (``None`` if none): a cheap change check."""
        query = "SELECT MAX(seq) FROM analyses"
        row = self._read(lambda conn: conn.execute(query).fetchone(), "read the analysis number")
        return None if row is None or row[0] is None else int(row[0])

    def load_analysis(self) -> Analysis | None:
        """The latest saved analysis, or ``None``."""
        query = "SELECT data FROM analyses ORDER BY seq DESC LIMIT 1"
        row = self._read(lambda conn: conn.execute(query).fetchone(), "load the analysis")
        if row is None:
            return None
        data = self._dialect.load_json(row[0])
        entries = data.pop("articles", [])
        analysis = from_dict(Analysis, data)
        stored = {a.id: a for a in self.articles([e for e in entries if isinstance(e, str)])}
        missing = [e for e in entries if isinstance(e, str) and e not in stored]
        if missing:
            raise StoreError(f"{self.target}: the analysis refers to articles not in the store: "
                             f"{', '.join(missing[:5])}")
        analysis.articles = [stored[e] if isinstance(e, str) else from_dict(Article, e)
                             for e in entries]
        return analysis

    def _article_refs(self, articles: Sequence[Article]) -> list[Any]:
        """Each article as its id if the store holds it unchanged, else in full."""
        stored = {a.id: a for a in self.articles([a.id for a in articles])}
        return [a.id if stored.get(a.id) == a else encode(a) for a in articles]

    # ------------------------------------------------------------ machinery

    def _sql(self, text: str) -> str:
        return self._dialect.sql(text)

    def _dumps(self, payload: Any, what: str) -> str:
        try:
            return json.dumps(payload, ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise StoreError(f"{self.target}: {what} is not JSON: {exc}") from exc

    def _connection(self) -> Any:
        if self._conn is None:
            raise StoreError(f"{self.target}: the store is closed")
        return self._conn

    def _write(self, work: Callable[[Any], T], what: str) -> T:
        """Run ``work(cursor)`` in one write transaction, retried on lock contention."""

        def attempt() -> T:
            conn = self._connection()
            with self._dialect.transaction(conn):
                cur = conn.cursor()
                try:
                    return work(cur)
                finally:
                    cur.close()

        return self._retry(attempt, what, write=True)

    def _read(self, work: Callable[[Any], T], what: str) -> T:
        return self._retry(lambda: work(self._connection()), what)

    def _retry(self, attempt: Callable[[], T], what: str, write: bool = False) -> T:
        """``attempt()`` until it succeeds, backing off while the database is busy.

        Written by hand because the policy is tiny and must know each
        backend's transient errors (see :meth:`Dialect.is_transient`).
        """
        deadline = time.monotonic() + self._retry_seconds
        delay = 0.005
        reconnected = False
        while True:
            try:
                with self._lock:
                    return attempt()
            except StoreError:
                raise
            except Exception as exc:
                if not reconnected and self._reconnect():
                    # Every write is idempotent (ON CONFLICT, upserts), so one
                    # whose COMMIT was lost with the connection is safe to redo.
                    reconnected = True
                    continue
                if self._dialect.is_transient(exc) and time.monotonic() < deadline:
                    time.sleep(delay * random.uniform(0.5, 1.5))
                    delay = min(delay * 2, 0.5)
                    continue
                raise self._error(what, exc, write) from exc

    def _reconnect(self) -> bool:
        """Replace a connection the server dropped (PostgreSQL restart, idle timeout)."""
        with self._lock:
            if self._conn is None or not self._dialect.is_disconnected(self._conn):
                return False
            try:
                fresh = self._dialect.connect()
            except Exception as exc:
                raise self._error("reconnect after losing the connection", exc, False) from exc
            with suppress(Exception):
                self._conn.close()
            self._conn = fresh
            return True

    def _error(self, what: str, exc: Exception, write: bool) -> StoreError:
        if self._dialect.is_transient(exc):
            reason = f"still busy after {self._retry_seconds:g} s of retries ({exc})"
        else:
            reason = f"{type(exc).__name__}: {exc}".strip()
        hint = self._dialect.hint(exc)
        rolled = " - nothing of it was written" if write else ""
        return StoreError(
            f"{self.target}: could not {what}{rolled}: {reason}" + (f" ({hint})" if hint else "")
        )


def check_article(article: Article, target: str = "store") -> None:
    """Refuse an article whose paragraph spans do not point into its own body."""
    if not article.id:
        raise StoreError(f"{target}: an article from {article.source!r} has no id")
    size = len(article.body)
    for span in article.paragraphs:
        if span.article_id != article.id or span.end > size:
            raise StoreError(
                f"{target}: article {article.id}: paragraph span "
                f"{span.article_id}:{span.start}-{span.end} is outside its body "
                f"({size} characters)"
            )


def _fetch_all(conn: Any, query: str, params: Sequence[Any]) -> list[Any]:
    return list(conn.execute(query, params).fetchall())


def _insert_many(cur: Any, query: str, rows: Sequence[tuple[Any, ...]]) -> int:
    """Insert ``rows``; returns how many were new (both drivers sum executemany counts)."""
    cur.executemany(query, rows)
    return max(int(cur.rowcount), 0)


def _skip_fingerprint(skip: Skip) -> str:
    blob = json.dumps([skip.source, skip.reason, skip.offset], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
