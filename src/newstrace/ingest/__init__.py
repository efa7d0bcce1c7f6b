"""Reading inputs (txt, html, jsonl, ...) into cleaned Articles with metadata and evidence.

Public API: :func:`iter_paths` (streaming), :func:`read_paths` (de-duplicated
list), :func:`read_text` (one plain-text document), :class:`ReadOptions`
(field names for JSON/CSV records) and :class:`IngestResult`.  Inputs that
cannot be read become :class:`~newstrace.model.Skip` records; a run never
stops on one bad file.  Web pages are fetched by
:func:`newstrace.ingest.fetch.fetch_urls` (public addresses only, capped).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newstrace.config import Config
from newstrace.ingest.records import ReadOptions
from newstrace.ingest.sources import iter_paths
from newstrace.ingest.text import read_text as _read_text
from newstrace.model import Article, Skip

ALGORITHM = "ingest.v2"  # v2: date mentions, text cap, NUL removal

__all__ = ["ALGORITHM", "IngestResult", "ReadOptions", "iter_paths", "read_paths", "read_text"]


@dataclass
class IngestResult:
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    _seen: set[str] = field(default_factory=set, repr=False, compare=False)

    def add(self, item: Article | Skip) -> None:
        """Keep a Skip, or an Article unless one with the same content id is already kept."""
        if isinstance(item, Skip):
            self.skipped.append(item)
        elif item.id not in self._seen:
            self._seen.add(item.id)
            self.articles.append(item)


def read_paths(
    paths: Sequence[str | Path], config: Config, options: ReadOptions | None = None
) -> IngestResult:
    """Read every input; articles in input order, one per distinct ``Article.id``."""
    result = IngestResult()
    for item in iter_paths(paths, config, options):
        result.add(item)
    return result


def read_text(text: str, source: str, config: Config) -> Article:
    """One plain-text document (already decoded) to a cleaned Article."""
    return _read_text(text, source, config)
