"""Containers of many articles: RSS/Atom feeds (feedparser) and WARC archives (warcio).

Feed entries that carry the full story become articles; entries that only
link to it are reported as skipped.  WARC files are streamed record by
record through a byte cap, so a truncated archive keeps the records before
the break and a gzip bomb stops at the cap instead of filling memory.
"""

from __future__ import annotations

import gzip
import io
import re
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newstrace.config import Config
from newstrace.ingest.decode import CapExceeded, NotText
from newstrace.ingest.outlets import load_registry
from newstrace.ingest.text import Fields, read_text
from newstrace.model import Article, Evidence, Skip

_BLOCKS = ("p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr")


class Truncated(Exception):
    """The compressed stream ended in the middle of a member."""


class CappedReader(io.RawIOBase):
    """A read-only stream that raises :class:`CapExceeded` past ``cap`` bytes."""

    def __init__(self, inner: Any, cap: int) -> None:
        self.inner, self.cap, self.total = inner, cap, 0

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        want = self.cap + 1 - self.total if size is None or size < 0 else size
        want = max(1, min(want, self.cap + 1 - self.total))
        try:
            # read1: one underlying read, so bytes before a break still come through.
            chunk: bytes = self.inner.read1(want) if hasattr(self.inner, "read1") else \
                self.inner.read(want)
        except (EOFError, zlib.error) as exc:
            # Re-raised under another type: warcio takes EOFError for a clean end.
            raise Truncated(str(exc)) from exc
        self.total += len(chunk)
        if self.total > self.cap:
            raise CapExceeded(f"byte {self.cap}")
        return chunk

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


# ------------------------------------------------------------------- feeds


def html_fragment_text(html: str) -> str:
    """Text of an HTML fragment, one paragraph per block element."""
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return html
    for el in root.iter(*_BLOCKS):
        el.tail = "\n\n" + (el.tail or "")
    return str(root.text_content())


def iter_feed(data: bytes, source: str, config: Config) -> Iterator[Article | Skip]:
    """RSS/Atom entries with the full text as articles; link-only entries skipped."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.get("bozo"):
            yield Skip(source, f"not a readable feed ({parsed.get('bozo_exception')})")
        else:
            yield Skip(source, "feed has no entries")
        return
    least = config.section("ingest").int("feed_min_text_chars")
    feed_title = str(parsed.feed.get("title") or "")
    for i, entry in enumerate(parsed.entries):
        where = f"{source}#{i}"
        html = ""
        if entry.get("content"):
            html = str(entry.content[0].get("value") or "")
        summary = str(entry.get("summary") or "")
        text = html_fragment_text(html) if html else html_fragment_text(summary)
        if len(text.strip()) < least:
            yield Skip(where, "link-only entry", f"entry {i}")
            continue
        yield read_text(text, where, config, fields=_entry_fields(entry, feed_title, config))


def _entry_fields(entry: Any, feed_title: str, config: Config) -> Fields:
    fields: Fields = {}
    for key, name in (("title", "title"), ("url", "link"), ("author", "author")):
        if entry.get(name):
            fields[key] = (str(entry[name]), Evidence(str(entry[name]), "feed"))
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if stamp:
        iso = time.strftime("%Y-%m-%d", stamp)
        raw = str(entry.get("published") or entry.get("updated") or iso)
        fields["published"] = (iso, Evidence(raw, "feed"))
    reg = load_registry(config.section("ingest").str("outlet_registry"))
    by_url = reg.by_domain(str(entry.get("link") or "")) if entry.get("link") else None
    if by_url:
        fields["outlet"] = (by_url.name, Evidence(str(entry["link"]), "url"))
    elif feed_title:
        fields["outlet"] = (reg.canonical(feed_title), Evidence(feed_title, "feed"))
    return fields


# -------------------------------------------------------------------- WARC


def iter_warc(path: Path, config: Config) -> Iterator[Article | Skip]:
    """HTML and plain-text response records of a .warc / .warc.gz file."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    sec = config.section("ingest")
    source = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield Skip(source, f"unreadable: {exc}")
        return
    if size > sec.int("max_archive_bytes"):
        yield Skip(source, f"archive over max_archive_bytes ({size})")
        return
    n = 0
    with open(path, "rb") as fh:
        raw: Any = gzip.GzipFile(fileobj=fh) if _is_gzip(fh) else fh
        stream = CappedReader(raw, sec.int("max_decompressed_bytes"))
        try:
            for n, record in enumerate(ArchiveIterator(stream), 1):
                item = _record(record, f"{source}#{n}", config)
                if item is not None:
                    yield item
        except CapExceeded as exc:
            yield Skip(source, f"decompressed data over cap ({exc}); archive not read further",
                       f"record {n + 1}")
        except (Truncated, EOFError, zlib.error, ArchiveLoadFailed, OSError, ValueError) as exc:
            yield Skip(source, f"archive truncated or damaged after record {n}: {exc}",
                       f"record {n + 1}")


def _is_gzip(fh: Any) -> bool:
    head = fh.read(2)
    fh.seek(0)
    return bool(head == b"\x1f\x8b")


def _record(record: Any, where: str, config: Config) -> Article | Skip | None:
    """One WARC record to an article; records that are not documents give None."""
    if record.rec_type not in ("response", "resource"):
        return None
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    ctype = (headers.get_header("Content-Type") if headers else "") or ""
    ctype = ctype.lower()
    if "html" not in ctype and "text/plain" not in ctype:
        return None
    cap = config.section("ingest").int("max_file_bytes")
    payload = record.content_stream().read(cap + 1)
    if len(payload) > cap:
        return Skip(where, f"record over max_file_bytes ({cap})")
    url = record.rec_headers.get_header("WARC-Target-URI")
    from newstrace.ingest.decode import decode
    from newstrace.ingest.html import read_html
    from newstrace.ingest.sources import checked

    m = re.search(r"charset=[\"']?([\w.:-]+)", ctype)
    charset = m.group(1) if m else None
    try:
        if "html" in ctype:
            item = read_html(payload, where, config, url=url, charset=charset)
        else:
            dec = decode(payload, charset)
            item = read_text(dec.text, where, config, encoding=dec.encoding,
                             replaced=dec.replaced)
            item.notes.extend(dec.notes)
    except NotText as exc:
        return Skip(where, f"binary record, not text ({exc})")
    if isinstance(item, Article) and url and not item.url:
        item.url = url
    return checked(item, config)
