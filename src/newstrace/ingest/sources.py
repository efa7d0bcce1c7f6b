"""Walking inputs and dispatching each file to the reader for its format.

Formats are chosen by file name (``.txt``, ``.html``, ``.jsonl``, ``.json``,
``.csv``/``.tsv``, ``.rss``/``.atom``/``.xml``, ``.warc``/``.warc.gz``, any of
them ``.gz``-compressed) and, for unknown names, by sniffing the first bytes.
Every problem becomes a :class:`Skip` naming the file; nothing raises.
"""

from __future__ import annotations

import gzip
import os
import sys
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path

from newstrace.config import Config
from newstrace.ingest import records
from newstrace.ingest.decode import CapExceeded, NotText, decode
from newstrace.ingest.records import ReadOptions
from newstrace.ingest.text import read_text
from newstrace.model import Article, Skip

HTML_EXT = {".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"}
FEED_EXT = {".rss", ".atom", ".xml", ".rdf"}


def iter_paths(
    paths: Sequence[str | Path], config: Config, options: ReadOptions | None = None
) -> Iterator[Article | Skip]:
    """Articles and Skips from files, folders (recursively, sorted) and "-" (stdin)."""
    opts = options or ReadOptions()
    for given in paths:
        if str(given) == "-":
            yield from _stdin(config, opts)
            continue
        path = Path(given)
        if path.is_dir():
            found = 0
            for file in _walk(path):
                for item in _guarded(str(file), read_file(file, config, opts)):
                    found += isinstance(item, Article)
                    yield item
            if not found:
                yield Skip(str(given), "folder holds no articles")
        elif path.is_file():
            yield from _guarded(str(path), read_file(path, config, opts))
        else:
            yield Skip(str(given), "no such file or directory")


def _guarded(source: str, items: Iterator[Article | Skip]) -> Iterator[Article | Skip]:
    """A reader's items; an unexpected error ends that file with a Skip, not the run."""
    try:
        yield from items
    except Exception as exc:  # a reader bug must not lose the other files
        yield Skip(source, f"could not be read ({type(exc).__name__}: {exc})")


def _walk(root: Path) -> Iterator[Path]:
    """Files under ``root`` in sorted order, hidden entries and symlinked folders left out."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


def _stdin(config: Config, opts: ReadOptions) -> Iterator[Article | Skip]:
    cap = config.section("ingest").int("max_file_bytes")
    data = sys.stdin.buffer.read(cap + 1)
    if len(data) > cap:
        yield Skip("-", f"input over max_file_bytes ({cap})", f"byte {cap}")
        return
    yield from read_bytes(data, "-", "-", config, opts)


def read_file(path: Path, config: Config, opts: ReadOptions) -> Iterator[Article | Skip]:
    """All articles of one file (several for JSONL/CSV/feeds/archives)."""
    source = str(path)
    name = path.name.lower()
    sec = config.section("ingest")
    if name.endswith((".warc", ".warc.gz", ".arc", ".arc.gz")):
        from newstrace.ingest.archives import iter_warc

        yield from iter_warc(path, config)
        return
    try:
        size = path.stat().st_size
        if size == 0:
            yield Skip(source, "empty file")
            return
        if size > sec.int("max_file_bytes"):
            yield Skip(source, f"file over max_file_bytes ({size} > {sec.int('max_file_bytes')})")
            return
        if name.endswith(".gz"):
            cap = min(sec.int("max_file_bytes"), sec.int("max_decompressed_bytes"))
            data = gunzip_capped(path, cap)
            name = name[:-3]
        else:
            data = path.read_bytes()
    except CapExceeded as exc:
        yield Skip(source, f"decompressed data over cap ({exc})", str(exc))
        return
    except (OSError, EOFError, zlib.error) as exc:
        yield Skip(source, f"unreadable: {exc}")
        return
    yield from read_bytes(data, name, source, config, opts)


def gunzip_capped(path: Path, cap: int) -> bytes:
    """Decompress a gzip file, refusing to produce more than ``cap`` bytes (gzip bombs)."""
    out = bytearray()
    with gzip.open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            out += chunk
            if len(out) > cap:
                raise CapExceeded(f"byte {cap}")
    return bytes(out)


def _kind(name: str, data: bytes) -> str:
    ext = os.path.splitext(name)[1]
    if ext in HTML_EXT:
        return "html"
    if ext in (".jsonl", ".ndjson", ".jsonlines"):
        return "jsonl"
    if ext == ".json":
        return "json"
    if ext in (".csv", ".tsv"):
        return ext[1:]
    if ext in FEED_EXT:
        return "feed"
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


def read_bytes(data: bytes, name: str, source: str, config: Config, opts: ReadOptions
               ) -> Iterator[Article | Skip]:
    """Decode and read one file's content by its format."""
    if not data.strip():
        yield Skip(source, "empty file")
        return
    kind = _kind(name, data)
    try:
        if kind == "html":
            from newstrace.ingest.html import read_html

            items: Iterator[Article | Skip] = iter([read_html(data, source, config)])
        elif kind == "feed":
            from newstrace.ingest.archives import iter_feed

            items = iter_feed(data, source, config)
        else:
            items = _read_decoded(kind, data, source, config, opts)
        for item in items:
            yield checked(item, config)
    except NotText as exc:
        yield Skip(source, f"binary file, not text ({exc})")


def _read_decoded(kind: str, data: bytes, source: str, config: Config, opts: ReadOptions
                  ) -> Iterator[Article | Skip]:
    """Plain text, or the records of a JSONL/JSON/CSV file, from decoded bytes."""
    dec = decode(data)
    if kind not in ("jsonl", "json", "csv", "tsv"):
        art = read_text(dec.text, source, config, encoding=dec.encoding, replaced=dec.replaced)
        art.notes.extend(dec.notes)
        yield art
        return
    if kind == "jsonl":
        items = records.iter_jsonl(dec.text, source, config, opts)
    elif kind == "json":
        items = records.iter_json(dec.text, source, config, opts)
    else:
        items = records.iter_csv(dec.text, source, config, opts, "\t" if kind == "tsv" else ",")
    for item in items:
        if isinstance(item, Article):  # the file's encoding; replacements counted per record
            item.encoding = dec.encoding
            item.replaced_chars = item.raw.count("\ufffd")
            item.notes.extend(dec.notes)
        yield item


def checked(item: Article | Skip, config: Config) -> Article | Skip:
    """Skip articles whose cleaned body is too short to be a story."""
    if isinstance(item, Skip):
        return item
    least = config.section("ingest").int("min_body_chars")
    if len(item.body.strip()) < least:
        return Skip(item.source, f"no article text (body under {least} characters)")
    return item
