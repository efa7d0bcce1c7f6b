"""Quote extraction and entity resolution throughput: articles per second.

Runs on the PolNeAR dev split (84 US political news articles) if ../shared is
present, else on the bundled seed articles repeated.  Parsing (the shared,
batched spaCy ``nlp.pipe`` with the lemmatizer excluded; tagger, parser and
NER are all used by quote cues, speakers and mentions) is timed apart from
the extraction that follows it.

    .venv/bin/python bench/quotes.py
"""

from __future__ import annotations

import time
from pathlib import Path

from newstrace.config import Config
from newstrace.entities.mentions import extract_mentions
from newstrace.entities.resolve import resolve
from newstrace.model import Article
from newstrace.nlp import clear_cache, load_nlp, parse
from newstrace.quotes.extract import extract_many

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text"


def _articles() -> list[Article]:
    if POLNEAR.is_dir():
        paths = sorted(POLNEAR.glob("*.txt"))
        return [Article(id=p.stem, source=str(p), body=p.read_text("utf-8")) for p in paths]
    seeds = sorted((ROOT / "examples").glob("*.txt"))
    return [Article(id=f"{p.stem}-{i}", source=str(p), body=p.read_text("utf-8"))
            for i in range(20) for p in seeds]


def main() -> None:
    config = Config()
    arts = _articles()
    chars = sum(len(a.body) for a in arts)
    load_nlp()
    clear_cache()
    t0 = time.perf_counter()
    parse(arts)
    t1 = time.perf_counter()
    quotes = extract_many(arts, config)
    t2 = time.perf_counter()
    ents = resolve(extract_mentions(arts, config), arts, config)
    t3 = time.perf_counter()
    n = len(arts)
    print(f"articles: {n}  characters: {chars}  quotes: {sum(map(len, quotes.values()))}  "
          f"entities: {len(ents)}")
    print(f"spaCy parse:        {t1 - t0:6.2f} s  {n / (t1 - t0):7.1f} articles/s")
    print(f"quote extraction:   {t2 - t1:6.2f} s  {n / (t2 - t1):7.1f} articles/s (parse cached)")
    print(f"entity resolution:  {t3 - t2:6.2f} s  {n / (t3 - t2):7.1f} articles/s (parse cached)")
    print(f"quotes end to end:  {t2 - t0:6.2f} s  {n / (t2 - t0):7.1f} articles/s")


if __name__ == "__main__":
    main()
