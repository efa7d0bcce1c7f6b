"""Persistence of articles, skips and stage outputs: SQLite by default, PostgreSQL for a team.

>>> with open_store("newstrace.db") as store:        # doctest: +SKIP
...     store.add_articles(articles)
...     for article in store.iter_articles(): ...

See :mod:`newstrace.store.core` for the guarantees (atomic batches,
idempotent ingest, retried locks) and :mod:`newstrace.store.exchange` for
JSON Lines and Parquet export/import.
"""

from newstrace.store.core import ALGORITHM, AddResult, Store, check_article, open_store
from newstrace.store.exchange import export_jsonl, export_parquet, import_jsonl, import_parquet
from newstrace.store.schema import LATEST as SCHEMA_VERSION
from newstrace.store.schema import StoreError

#: The file name the CLI uses when no ``--db`` is given.
DEFAULT_PATH = "newstrace.db"

__all__ = [
    "ALGORITHM",
    "DEFAULT_PATH",
    "SCHEMA_VERSION",
    "AddResult",
    "Store",
    "StoreError",
    "check_article",
    "export_jsonl",
    "export_parquet",
    "import_jsonl",
    "import_parquet",
    "open_store",
]
