"""JSON Lines, JSON and CSV records to Articles, through a field mapping.

Each record's text field is cleaned like a plain-text document (so datelines
and credit lines in it still count); its title/date/url/outlet/author fields,
when present, win over what the text says and carry ``how="field"`` evidence.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from newstrace.config import Config
from newstrace.ingest.dates import check_year, parse_date
from newstrace.ingest.outlets import load_registry
from newstrace.ingest.text import Fields, read_text
from newstrace.model import Article, Evidence, Skip

_TEXT = ("text", "content", "body", "article", "full_text", "fulltext", "maintext", "story")
_TITLE = ("title", "headline", "name")
_DATE = ("date", "published", "pubDate", "pub_date", "published_at", "publication_date",
         "date_publish", "datetime", "timestamp", "created_at")
_URL = ("url", "link", "href", "source_url")
_OUTLET = ("outlet", "source", "site_name", "sitename", "publisher", "domain", "media")
_AUTHOR = ("author", "authors", "byline", "creator", "writer")


_HTML_TEXT = re.compile(r"<(?:p|div|br|span|a|h[1-6])\b[^>]*>", re.I)


@dataclass
class ReadOptions:
    """Field names for structured records; ``None`` tries the common names in turn."""

    text_field: str | None = None
    title_field: str | None = None
    date_field: str | None = None
    url_field: str | None = None
    outlet_field: str | None = None
    author_field: str | None = None

    def names(self, given: str | None, common: tuple[str, ...]) -> tuple[str, ...]:
        return (given,) if given else common


def _pick(rec: Mapping[str, Any], names: tuple[str, ...]) -> tuple[str, str] | None:
    """(field name, string value) of the first non-empty field among ``names``."""
    lower = {k.lower(): k for k in rec}
    for name in names:
        key = name if name in rec else lower.get(name.lower())
        if key is None:
            continue
        value = rec[key]
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if v)
        if isinstance(value, dict):
            value = value.get("name") or value.get("title") or ""
        if value is not None and str(value).strip():
            return key, str(value).strip()
    return None


def record_article(
    rec: Mapping[str, Any], source: str, config: Config, opts: ReadOptions
) -> Article | Skip:
    """One record to an Article, or a Skip naming why not."""
    text = _pick(rec, opts.names(opts.text_field, _TEXT))
    if text is None:
        return Skip(source, "record has no text field")
    fields: Fields = {}
    for key, given, common in (
        ("title", opts.title_field, _TITLE),
        ("url", opts.url_field, _URL),
        ("author", opts.author_field, _AUTHOR),
    ):
        hit = _pick(rec, opts.names(given, common))
        if hit:
            fields[key] = (hit[1], Evidence(hit[1], f"field:{hit[0]}"))
    reg = load_registry(config.section("ingest").str("outlet_registry"))
    outlet = _pick(rec, opts.names(opts.outlet_field, _OUTLET))
    if outlet:
        known = reg.by_domain(outlet[1]) if "." in outlet[1] else None
        name = known.name if known else reg.canonical(outlet[1])
        fields["outlet"] = (name, Evidence(outlet[1], f"field:{outlet[0]}"))
    elif "url" in fields:
        owner = reg.by_domain(fields["url"][0])
        if owner:
            fields["outlet"] = (owner.name, Evidence(fields["url"][0], "url"))
    date = _pick(rec, opts.names(opts.date_field, _DATE))
    notes = []
    if date:
        iso, problem = _epoch(date[1]) or parse_date(date[1])
        if iso:
            fields["published"] = (iso, Evidence(date[1], f"field:{date[0]}"))
        else:
            notes.append(f"date field {date[0]}={date[1]!r} not used: {problem}")
    body = text[1]
    if _HTML_TEXT.search(body[:2000]):  # some exports keep the story as HTML markup
        from newstrace.ingest.archives import html_fragment_text

        body = html_fragment_text(body)
        notes.append(f"field {text[0]} held HTML; raw is its text")
    art = read_text(body, source, config, fields=fields)
    art.notes.extend(notes)
    return art


def _epoch(value: str) -> tuple[str | None, str | None] | None:
    """Unix time in seconds or milliseconds ("1684108800"), as feeds and APIs give it."""
    if not re.fullmatch(r"\d{9,13}(?:\.\d+)?", value):
        return None
    seconds = float(value)
    if seconds > 1e11:
        seconds /= 1000
    stamp = dt.datetime.fromtimestamp(seconds, tz=dt.UTC)
    problem = check_year(stamp.year)
    return (None, problem) if problem else (stamp.date().isoformat(), None)


def iter_jsonl(text: str, source: str, config: Config, opts: ReadOptions
               ) -> Iterator[Article | Skip]:
    """One record per line; a bad line is skipped with its line number."""
    for no, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{source}#L{no}"
        try:
            rec = json.loads(line)
        except RecursionError:
            yield Skip(where, "JSON nested too deep", f"line {no}")
            continue
        except json.JSONDecodeError as exc:
            yield Skip(where, f"invalid JSON line ({exc.msg})", f"line {no}")
            continue
        if not isinstance(rec, dict):
            yield Skip(where, "JSON line is not an object", f"line {no}")
            continue
        yield record_article(rec, where, config, opts)


def iter_json(text: str, source: str, config: Config, opts: ReadOptions
              ) -> Iterator[Article | Skip]:
    """A JSON object, a list of objects, or an object holding such a list."""
    try:
        data = json.loads(text)
    except RecursionError:
        yield Skip(source, "JSON nested too deep")
        return
    except json.JSONDecodeError as exc:
        yield Skip(source, f"invalid JSON ({exc.msg})", f"char {exc.pos}")
        return
    records = _records(data)
    if records is None:
        yield Skip(source, "JSON holds no article records")
        return
    for i, rec in enumerate(records):
        where = f"{source}#{i}" if len(records) > 1 or isinstance(data, list) else source
        if isinstance(rec, dict):
            yield record_article(rec, where, config, opts)
        else:
            yield Skip(where, "JSON record is not an object", f"record {i}")


def _records(data: Any) -> list[Any] | None:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in ("articles", "items", "records", "data", "results", "documents", "docs"):
            if isinstance(data.get(key), list):
                return list(data[key])
        return [data]
    return None


def iter_csv(text: str, source: str, config: Config, opts: ReadOptions, delimiter: str = ","
             ) -> Iterator[Article | Skip]:
    """One record per row, header row naming the fields."""
    csv.field_size_limit(2**31 - 1)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for i, row in enumerate(reader, 1):
            clean = {k: v for k, v in row.items() if k is not None and v is not None}
            yield record_article(clean, f"{source}#{i}", config, opts)
    except csv.Error as exc:
        yield Skip(source, f"CSV error: {exc}", f"line {reader.line_num}")
