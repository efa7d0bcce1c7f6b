"""HTML pages to Articles: trafilatura finds the main text and the page metadata.

trafilatura (with htmldate for the date) does the boilerplate removal and
reads ``<meta>``/JSON-LD metadata; the extracted text then goes through the
plain-text cleaner, so a dateline or credit line in the story still counts
when the page's metadata is silent.  ``Article.raw`` is the extracted text
(one paragraph per block), so evidence offsets point into readable text.

libxml2 (under lxml and trafilatura) silently stops building the tree at 256
levels of nesting or at a 10 MB text node.  Text runs longer than
``max_text_chars`` are cut before parsing (and the cut noted), and the page is
parsed once here with lxml's error log inspected, so a tree cut short by the
parser is reported on the Article (or in the Skip) with how much text was lost.
"""

from __future__ import annotations

import re
from typing import Any

from newstrace.config import Config
from newstrace.ingest.decode import decode
from newstrace.ingest.outlets import load_registry
from newstrace.ingest.text import Fields, read_text
from newstrace.model import Article, Evidence, Skip

#: htmldate settings: no guessing from copyright lines or file dates, prefer the
#: original publication date over "updated" dates.
DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}


def read_html(data: bytes, source: str, config: Config, url: str | None = None,
              charset: str | None = None) -> Article | Skip:
    """One HTML document (bytes; ``charset`` from an HTTP header, if any) to an Article."""
    import trafilatura

    dec = decode(data, charset)
    html, notes = cut_text_runs(dec.text, config.section("ingest").int("max_text_chars"))
    tree, limit = parse_checked(html)
    if limit:
        notes.append(f"HTML parser stopped early ({limit}); about {_lost_text(html, tree)} "
                     "characters of page text after that point were not read")
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False,
        include_tables=False, date_extraction_params=DATE_PARAMS,
    )
    if doc is None or not getattr(doc, "text", None):
        if limit:
            where = limit.rsplit(", at ", 1)[-1]
            return Skip(source, f"no article text found in HTML (the parser stopped early: "
                                f"{limit})", where)
        return Skip(source, "no article text found in HTML")
    meta: dict[str, Any] = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = str(meta.get("text") or "")
    title = meta.get("title")
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if title and lines and lines[0].strip("#* ") == str(title).strip():
        lines = lines[1:]
    art = read_text("\n\n".join(lines), source, config, fields=_fields(meta, config, url),
                    encoding=dec.encoding, replaced=dec.replaced)
    art.captions.extend(_figcaptions(tree))
    art.notes.append("raw is the main text trafilatura extracted from the HTML")
    art.notes.extend(dec.notes + notes)
    return art


def cut_text_runs(html: str, cap: int) -> tuple[str, list[str]]:
    """``html`` with every text run between tags cut to ``cap`` characters, and notes."""
    if len(html) <= cap:
        return html, []
    notes: list[str] = []

    def cut(m: re.Match[str]) -> str:
        run = m.group(0)
        if len(run) <= cap:
            return run
        kept = run[:cap].rsplit(None, 1)[0] if " " in run[cap - 1000 : cap] else run[:cap]
        notes.append(f"an HTML text run of {len(run)} characters was cut to its first "
                     f"{len(kept)} (max_text_chars = {cap})")
        return kept

    return re.sub(r"[^<>]+", cut, html), notes


_LIMITS = (("depth", "elements nested deeper than the parser's limit"),
           ("buffer size", "a text over the parser's size limit"),
           ("huge", "a text over the parser's size limit"))


def parse_checked(html: str) -> tuple[Any, str | None]:
    """The page's lxml tree (None if unparsable) and, if libxml2 hit one of its resource
    limits and stopped building the tree, which limit."""
    import lxml.etree
    import lxml.html

    parser = lxml.html.HTMLParser(collect_ids=False, default_doctype=False,
                                  remove_comments=True)
    try:
        tree = lxml.html.fromstring(html, parser=parser)
    except ValueError:  # a str with an XML encoding declaration: parse its UTF-8 bytes
        parser = lxml.html.HTMLParser(collect_ids=False, default_doctype=False,
                                      remove_comments=True, encoding="utf-8")
        try:
            tree = lxml.html.fromstring(html.encode("utf-8"), parser=parser)
        except (ValueError, lxml.etree.ParserError):
            return None, None
    except lxml.etree.ParserError:
        return None, None
    for err in parser.error_log:
        if err.type_name == "ERR_RESOURCE_LIMIT":
            msg = err.message.lower()
            what = next((say for key, say in _LIMITS if key in msg), err.message.strip())
            return tree, f"{what}, at line {err.line} column {err.column}"
    return tree, None


def _lost_text(html: str, tree: Any) -> int:
    """Characters (whitespace aside) of the page's text missing from the parsed tree."""
    def size(text: str) -> int:
        return len(text) - sum(text.count(c) for c in " \t\r\n")

    stripped = re.sub(r"<[^>]*>", "", html)
    got = size(tree.text_content()) if tree is not None else 0
    return max(size(stripped) - got, 0)


def _fields(meta: dict[str, Any], config: Config, url: str | None) -> Fields:
    fields: Fields = {}
    for key, name in (("title", "title"), ("author", "author"), ("published", "date"),
                      ("url", "url")):
        value = meta.get(name)
        if value:
            fields[key] = (str(value), Evidence(str(value), "html-meta"))
    if "url" not in fields and url:
        fields["url"] = (url, Evidence(url, "archive-url"))
    outlet = _outlet(meta, fields["url"][0] if "url" in fields else "", config)
    if outlet:
        fields["outlet"] = outlet
    return fields


def _outlet(meta: dict[str, Any], url: str, config: Config) -> tuple[str, Evidence] | None:
    """Site name if registered, else the URL's registered owner, else the site name as given.

    trafilatura falls back to the host name for ``sitename``, so a dotted site
    name is looked up as a domain.
    """
    reg = load_registry(config.section("ingest").str("outlet_registry"))
    site = str(meta.get("sitename") or "")
    known = reg.lookup(site) if site else None
    if known:
        return known.name, Evidence(site, "html-meta")
    for where in (url, str(meta.get("hostname") or ""), site if "." in site else ""):
        hit = reg.by_domain(where) if where else None
        if hit:
            return hit.name, Evidence(where, "url")
    if site:
        return " ".join(site.split()), Evidence(site, "html-meta")
    return None


def _figcaptions(tree: Any) -> list[str]:
    """Texts of ``<figcaption>`` elements (trafilatura leaves figures out of the text)."""
    if tree is None:
        return []
    out = []
    for el in tree.iter("figcaption"):
        caption = " ".join(el.text_content().split())
        if caption:
            out.append(caption)
    return out
