"""Gate: metadata and text from saved news pages, against trafilatura's metadata alone.

Pages of five real-world shapes are built from real PolNeAR articles
(``eval/html_pages.py``).  For each page we score outlet, date, title, author
and main-text recall, for newstrace's HTML reader and for what trafilatura's
own metadata gives (``bare_extraction``: sitename, date, title, author, text).
Outlets are compared through the outlet registry, the same for both.
The wiring must not lose what trafilatura finds; outlet and date must do better.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from html_pages import Page, build
from newstrace.config import Config
from newstrace.ingest.html import DATE_PARAMS, read_html
from newstrace.ingest.outlets import load_registry
from newstrace.model import Article

FIELDS = ("outlet", "date", "title", "author", "text")
# Measured 2026-11-23 on dev + 250 train articles (361 pages): newstrace outlet 1.000,
# date 1.000, title 1.000, author 0.975, text recall 0.997; trafilatura's metadata alone:
# outlet 0.465, date 1.000, title 1.000, author 0.975, text 1.000.  Floors sit just below.
FLOORS = {"outlet": 0.98, "date": 0.98, "title": 0.98, "author": 0.95, "text": 0.98}


def _same_outlet(pred: str | None, gold: str) -> bool:
    if not pred:
        return False
    reg = load_registry()
    return reg.canonical(pred).casefold() == reg.canonical(gold).casefold()


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def _recall(pred: str, gold: str) -> float:
    want = _words(gold)
    return len(want & _words(pred)) / len(want) if want else 1.0


def _score(page: Page, outlet: str | None, date: str | None, title: str | None,
           author: str | None, text: str) -> dict[str, float]:
    return {
        "outlet": float(_same_outlet(outlet, page.outlet)),
        "date": float((date[:10] if date else None) == page.date),
        "title": float((title or "").strip().rstrip(".") == page.title.strip().rstrip(".")),
        "author": float(page.author is None or (author or "").casefold().find(
            page.author.casefold().split()[-1]) >= 0),
        "text": _recall(text, page.text),
    }


def _newstrace(page: Page, config: Config) -> dict[str, float]:
    art = read_html(page.html.encode("utf-8"), page.name, config)
    assert isinstance(art, Article), art
    return _score(page, art.outlet, art.published, art.title, art.author, art.body)


def _trafilatura(page: Page) -> dict[str, float]:
    import trafilatura

    doc = trafilatura.bare_extraction(page.html, with_metadata=True,
                                      date_extraction_params=DATE_PARAMS)
    meta = doc.as_dict() if doc is not None else {}
    return _score(page, meta.get("sitename"), meta.get("date"), meta.get("title"),
                  meta.get("author"), meta.get("text") or "")


@pytest.fixture(scope="module")
def pages(shared_dir: Path) -> list[Page]:
    root = shared_dir / "data" / "polnear"
    return build(root, "dev") + build(root, "train", limit=250)


def test_html_reader_beats_trafilatura_metadata_alone(pages: list[Page], config: Config) -> None:
    ours: dict[str, list[float]] = defaultdict(list)
    theirs: dict[str, list[float]] = defaultdict(list)
    by_shape: dict[str, list[float]] = defaultdict(list)
    for page in pages:
        mine, base = _newstrace(page, config), _trafilatura(page)
        for f in FIELDS:
            ours[f].append(mine[f])
            theirs[f].append(base[f])
        by_shape[page.shape].append(min(mine["outlet"], mine["date"]))
    mean = {f: sum(v) / len(v) for f, v in ours.items()}
    base = {f: sum(v) / len(v) for f, v in theirs.items()}
    print(f"\nHTML gate: {len(pages)} pages")
    for f in FIELDS:
        print(f"  {f:7s} newstrace {mean[f]:.3f}   trafilatura metadata alone {base[f]:.3f}")
    for shape, vals in sorted(by_shape.items()):
        print(f"  shape {shape:7s} outlet+date right {sum(vals) / len(vals):.3f} (n={len(vals)})")
    for f in FIELDS:
        assert mean[f] >= FLOORS[f], (f, mean[f])
        assert mean[f] >= base[f] - 0.005, f"newstrace loses {f} that trafilatura finds"
    # Dates: on these shapes htmldate is already right; newstrace's gain on dates is
    # in text the page metadata does not cover (datelines, date lines, era calendars),
    # measured by the ingest gates and seed tests.
    assert mean["outlet"] > base["outlet"] + 0.3
