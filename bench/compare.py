"""Benchmark: compare_event time per event at 10, 100 and 1,000 articles per event.

Each event is one origin (the bundled statement, examples/003_*) and N
synthetic rewrites of it: a random subset of its sentences, lightly edited
(words dropped, synonyms swapped, quotation marks added around a word), in a
shuffled order, plus an invented background sentence.  The parse (shared
spaCy, cached per article) is timed apart from the comparison itself.

Run: ``.venv/bin/python bench/compare.py [sizes...]``
"""

from __future__ import annotations

import random
import re
import sys
import time
from pathlib import Path

from newstrace import nlp
from newstrace.compare import compare_event
from newstrace.config import Config
from newstrace.model import Article, Derivation, Event, Provenance

ROOT = Path(__file__).resolve().parents[1]
SWAPS = {"said": "claimed", "military": "armed", "region": "area", "intention": "aim",
         "clearly": "plainly", "Japan": "Tokyo", "U.S.": "United States"}
BACKGROUND = [
    "The ministry did not respond to a request for comment on {n} questions.",
    "Officials in the capital met {n} envoys last week to discuss the matter.",
    "Analysts say the dispute is likely to deepen before the summit in {n} days.",
]


def _origin() -> Article:
    path = next((ROOT / "examples").glob("003_*.txt"))
    body = path.read_text("utf-8").strip()
    return Article(id="origin", source=str(path), body=body, outlet="Origin Agency",
                   published="2023-05-15")


def _rewrite(sentences: list[str], i: int, rng: random.Random) -> Article:
    keep = [s for s in sentences if rng.random() < 0.6]
    out = []
    for s in keep:
        words = s.split()
        words = [SWAPS.get(w, w) if rng.random() < 0.3 else w for w in words
                 if rng.random() > 0.05 or len(words) < 6]
        if len(words) > 4 and rng.random() < 0.3:
            j = rng.randrange(len(words))
            words[j] = f'"{words[j]}"'
        out.append(" ".join(words))
    rng.shuffle(out)
    out.insert(rng.randrange(len(out) + 1), rng.choice(BACKGROUND).format(n=i % 17 + 2))
    body = "\n\n".join(out)
    return Article(id=f"d{i:05d}", source=f"synthetic/{i}.txt", body=body,
                   outlet=f"Outlet {i}", published="2023-05-15")


def run(size: int, config: Config) -> None:
    rng = random.Random(size)
    origin = _origin()
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", origin.body) if len(s.split()) > 3]
    derived = [_rewrite(sentences, i, rng) for i in range(size)]
    arts = {a.id: a for a in [origin, *derived]}
    event = Event(f"e{size}", list(arts))
    prov = Provenance(event.id, ["origin"],
                      [Derivation("origin", d.id, "derived", 0.9) for d in derived])
    nlp.clear_cache()
    t0 = time.perf_counter()
    nlp.parse(arts.values())
    t1 = time.perf_counter()
    findings = compare_event(event, prov, {}, [], [], arts, config)
    t2 = time.perf_counter()
    print(f"{size:>6} articles  parse {t1 - t0:8.2f} s  compare {t2 - t1:8.2f} s  "
          f"({(t2 - t1) / size * 1000:7.1f} ms/article)  findings {len(findings)}")


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [10, 100, 1000]
    config = Config()
    nlp.load_nlp()
    for size in sizes:
        run(size, config)


if __name__ == "__main__":
    main()
