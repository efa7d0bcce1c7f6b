"""HTML pages to Articles: trafilatura finds the main text and the page metadata.

trafilatura (with htmldate for the date) does the boilerplate removal and
reads ``<meta>``/JSON-LD metadata; the extracted text then goes through the
plain-text cleaner, so a dateline or credit line in the story still counts
when the page's metadata is silent.  ``Article.raw`` is the extracted text
(one paragraph per block), so evidence offsets point into readable text.
"""

from __future__ import annotations

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
    doc = trafilatura.bare_extraction(
        dec.text, url=url, with_metadata=True, include_comments=False,
        include_tables=False, date_extraction_params=DATE_PARAMS,
    )
    if doc is None or not getattr(doc, "text", None):
        return Skip(source, "no article text found in HTML")
    meta: dict[str, Any] = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = str(meta.get("text") or "")
    title = meta.get("title")
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if title and lines and lines[0].strip("#* ") == str(title).strip():
        lines = lines[1:]
    art = read_text("\n\n".join(lines), source, config, fields=_fields(meta, config, url),
                    encoding=dec.encoding, replaced=dec.replaced)
    art.captions.extend(_figcaptions(dec.text))
    art.notes.append("raw is the main text trafilatura extracted from the HTML")
    return art


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


def _figcaptions(html: str) -> list[str]:
    """Texts of ``<figcaption>`` elements (trafilatura leaves figures out of the text)."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return []
    out = []
    for el in tree.iter("figcaption"):
        caption = " ".join(el.text_content().split())
        if caption:
            out.append(caption)
    return out
