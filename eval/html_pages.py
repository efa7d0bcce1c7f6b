"""Saved news pages in real-world shapes, built from real PolNeAR articles.

Each page wraps a real article text (``../shared/data/polnear``) and its known
metadata (publisher, date, author, title) in one of the shapes news sites use:

- ``og``: OpenGraph / ``article:published_time`` meta tags;
- ``jsonld``: a schema.org ``NewsArticle`` JSON-LD block;
- ``time``: no meta tags; a ``<time datetime>`` element, a byline and a canonical link;
- ``url``: nothing but the title and a canonical URL with the date in its path;
- ``wire``: no site metadata at all; the story opens with a wire dateline
  ("WASHINGTON (AP) — ...") — only for articles PolNeAR credits to a wire.

Every page carries site furniture: navigation, a cookie banner, share buttons,
related links and comments.  The gold answer is what a careful reader of the
page would say; the wire shape's outlet is the credited agency.
"""

from __future__ import annotations

import csv
import html
import json
import random
from dataclasses import dataclass
from pathlib import Path

#: PolNeAR publisher code -> (name the site gives itself, web domain).
PUBLISHERS = {
    "breitbart": ("Breitbart", "breitbart.com"),
    "huff-post": ("HuffPost", "huffingtonpost.com"),
    "nyt": ("The New York Times", "nytimes.com"),
    "politico": ("Politico", "politico.com"),
    "usa-today": ("USA Today", "usatoday.com"),
    "wash-post": ("The Washington Post", "washingtonpost.com"),
    "west-journal": ("Western Journal", "westernjournal.com"),
}
WIRES = {"AP": "Associated Press", "UPI": "UPI", "reuters": "Reuters", "AFP": "AFP"}
SHAPES = ("og", "jsonld", "time", "url")


@dataclass
class Page:
    name: str
    shape: str
    html: str
    outlet: str
    date: str | None
    title: str
    author: str | None
    text: str


def _furniture(site: str) -> tuple[str, str]:
    head = (f"<header><nav><a href='/'>{site}</a> <a href='/politics'>Politics</a> "
            "<a href='/opinion'>Opinion</a> <a href='/subscribe'>Subscribe</a></nav>"
            "<div class='cookie'>We use cookies to improve your experience. "
            "<button>Accept</button></div></header>")
    tail = ("<div class='share'>Share this: Facebook Twitter Email</div>"
            "<aside><h3>Related</h3><ul><li><a href='/a'>Five things to know today</a></li>"
            "<li><a href='/b'>Opinion: what the polls miss</a></li></ul></aside>"
            "<section class='comments'><h3>Comments</h3><p>Great article!</p></section>"
            f"<footer>© {site}. All rights reserved. <a href='/privacy'>Privacy</a></footer>")
    return head, tail


def _body(text: str) -> str:
    paras = [p.strip() for p in text.split("\n") if p.strip()]
    return "".join(f"<p>{html.escape(p)}</p>" for p in paras)


def _meta(shape: str, site: str, domain: str, row: dict[str, str], slug: str) -> str:
    title, date, author = row["title"], row["publication_date"], row["author"]
    path = f"https://www.{domain}/{date.replace('-', '/')}/{slug}/"
    if shape == "og":
        return (f"<meta property='og:site_name' content='{html.escape(site)}'>"
                f"<meta property='og:title' content='{html.escape(title)}'>"
                f"<meta property='article:published_time' content='{date}T09:30:00Z'>"
                f"<meta name='author' content='{html.escape(author)}'>"
                f"<title>{html.escape(title)} | {html.escape(site)}</title>")
    if shape == "jsonld":
        data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                "datePublished": f"{date}T09:30:00Z", "author": {"@type": "Person",
                                                                 "name": author},
                "publisher": {"@type": "Organization", "name": site}}
        return (f"<script type='application/ld+json'>{json.dumps(data)}</script>"
                f"<title>{html.escape(title)}</title>")
    if shape == "time":
        return (f"<title>{html.escape(title)} - {html.escape(site)}</title>"
                f"<link rel='canonical' href='{path}'>")
    return f"<title>{html.escape(title)}</title><link rel='canonical' href='{path}'>"


def _page(shape: str, row: dict[str, str], text: str) -> Page:
    site, domain = PUBLISHERS[row["publisher"]]
    slug = row["filename"].split("_", 2)[-1]
    head_furn, tail_furn = _furniture(site)
    byline, outlet, date = "", site, row["publication_date"]
    if shape == "time":
        byline = (f"<p class='byline'>By {html.escape(row['author'])}</p>"
                  f"<time datetime='{date}'>{date}</time>")
    if shape == "wire":
        wire = WIRES[row["wire"]]
        first, _, rest = text.strip().partition("\n")
        text = f"WASHINGTON ({row['wire'] if row['wire'] != 'reuters' else 'Reuters'}) — " \
               f"{first}\n{rest}"
        outlet, date = wire, None
        meta = f"<title>{html.escape(row['title'])}</title>"
    else:
        meta = _meta(shape, site, domain, row, slug)
    named = row["author"].strip() not in ("", "None", "NA")
    author = row["author"].strip() if named and shape in ("og", "jsonld", "time") else None
    page = (f"<!DOCTYPE html><html><head><meta charset='utf-8'>{meta}</head><body>"
            f"{head_furn}<main><article><h1>{html.escape(row['title'])}</h1>{byline}"
            f"{_body(text)}</article></main>{tail_furn}</body></html>")
    return Page(f"{row['filename']}.{shape}.html", shape, page, outlet, date, row["title"],
                author, text)


def build(root: Path, compartment: str = "dev", seed: int = 3, limit: int = 0) -> list[Page]:
    """Pages for the articles of ``compartment`` (``limit`` of them, sampled; 0 = all):
    one shape per article, rotating, plus a wire page for each wire-credited one."""
    rng = random.Random(seed)
    with (root / "metadata.tsv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t")
                if r["compartment"] == compartment and r["publisher"] in PUBLISHERS]
    if limit:
        rows = rng.sample(sorted(rows, key=lambda r: r["filename"]), min(limit, len(rows)))
    pages = []
    for k, row in enumerate(sorted(rows, key=lambda r: r["filename"])):
        path = root / compartment / "text" / f"{row['filename']}.txt"
        text = path.read_text("utf-8")
        first, _, rest = text.strip().partition("\n")
        if first.strip().rstrip(".") == row["title"].strip().rstrip("."):
            text = rest  # the page shows the title as its <h1>
        pages.append(_page(SHAPES[k % len(SHAPES)], row, text))
        if row["wire"] in WIRES:
            pages.append(_page("wire", row, text))
    rng.shuffle(pages)
    return pages
