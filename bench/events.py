"""Benchmark: events.cluster on 10k and 100k synthetic articles (time, peak memory).

It calls :func:`newstrace.group.events.cluster` itself (features, candidates,
near-duplicates, edges, linkage, rejoin, events), which reports the CPU time
of each step, so the figures are those of the code the pipeline runs.

Synthetic articles mix real ECB+ texts (../shared/data/ecbplus) with
variations: each synthetic *event* takes one ECB+ document, renames its
capitalised words and numbers consistently (so two events built from one
document are two happenings of one kind), and each of its articles drops and
reorders sentences and borrows a sentence from an unrelated document.

Each size runs in a fresh subprocess so its peak RSS is its own.

Measured 2026-11-23, events.v4, 10k articles (``nice``, 2 shared cores): 12.8
CPU-s (features 2.5, candidates 2.3, neardup 5.3, edges 0.45, linkage 1.6),
peak 363 MB, B-cubed F1 0.913 (events.v3 on the same articles: 0.922).  The
difference lies in the first 772 synthetic events, the ECB+ documents kept
unrenamed, each counted as an event of its own although several of them
report one real happening (and name its year); on the renamed events, two
happenings of one kind, F1 is 0.994 with either version.  100k articles:
121.3 CPU-s (features 22.5, candidates 25.3, neardup 43.0, edges 3.8, linkage
19.4, rejoin 1.3, events 6.1), peak 2,914 MB, F1 0.94: time x9.5 and memory
x8.0 for x10 articles.

Run: .venv/bin/python bench/events.py [sizes...]     (default: 10000 100000)
"""

from __future__ import annotations

import json
import random
import re
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "eval"))

_CAP = re.compile(r"\b[A-Z][a-z]{2,}\b|\b\d+\b")
_SYL = ["ka", "lo", "mer", "tan", "vi", "dor", "sel", "bru", "an", "quo", "zen", "pel", "ri"]


def _fake_name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYL) for _ in range(rng.randint(2, 3))).capitalize()


def synthesise(n: int, seed: int = 7) -> tuple[list, dict[str, int]]:
    """``n`` articles in events of 1-20 articles; returns (articles, gold event)."""
    from ecbplus import read_corpus
    from newstrace.model import Article

    docs = read_corpus(ROOT.parent / "shared" / "data" / "ecbplus")
    sents = [d.article.body.splitlines() for d in docs]
    rng = random.Random(seed)
    arts: list[Article] = []
    gold: dict[str, int] = {}
    event = 0
    while len(arts) < n:
        base = sents[event % len(sents)]
        mapping: dict[str, str] = {}

        def rename(m: re.Match[str], mapping: dict[str, str] = mapping) -> str:
            word = m.group()
            if word not in mapping:
                mapping[word] = str(rng.randint(2, 999)) if word.isdigit() else _fake_name(rng)
            return mapping[word]

        renamed = [_CAP.sub(rename, s) for s in base] if event >= len(sents) else base
        for _ in range(min(rng.randint(1, 20), n - len(arts))):
            keep = [s for s in renamed if rng.random() > 0.3] or renamed[:1]
            if len(keep) > 3:
                i = rng.randrange(1, len(keep) - 1)
                keep[i], keep[i + 1] = keep[i + 1], keep[i]
            keep.append(rng.choice(rng.choice(sents)))
            aid = f"s{len(arts)}"
            arts.append(Article(id=aid, source=aid, body="\n".join(keep)))
            gold[aid] = event
        event += 1
    return arts, gold


def run_one(n: int) -> dict[str, float]:
    """Cluster with ``events.cluster`` (the pipeline's code), time each step, score B-cubed."""
    from newstrace.config import Config
    from newstrace.group import events

    arts, gold = synthesise(n)
    steps: dict[str, float] = {}
    found = events.cluster(arts, Config(), timings=steps)
    out: dict[str, float] = {"articles": n}
    out.update({f"{k}_s": v for k, v in steps.items()})
    out["total_s"] = sum(steps.values())
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    pred = {a: ev.id for ev in found for a in ev.article_ids}
    out["bcubed_f1"] = _bcubed(gold, pred)
    out["events"] = len(found)
    return out


def _bcubed(gold: dict[str, int], pred: dict[str, str]) -> float:
    by_g: dict[int, set[str]] = {}
    by_p: dict[str, set[str]] = {}
    for a, g in gold.items():
        by_g.setdefault(g, set()).add(a)
        by_p.setdefault(pred[a], set()).add(a)
    p = sum(len(by_p[pred[a]] & by_g[g]) / len(by_p[pred[a]]) for a, g in gold.items())
    r = sum(len(by_p[pred[a]] & by_g[g]) / len(by_g[g]) for a, g in gold.items())
    p, r = p / len(gold), r / len(gold)
    return 2 * p * r / (p + r)


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(json.dumps(run_one(int(sys.argv[2]))))
        return
    sizes = [int(s) for s in sys.argv[1:]] or [10_000, 100_000]
    rows = []
    for n in sizes:
        res = subprocess.run([sys.executable, __file__, "--one", str(n)],
                             capture_output=True, text=True, check=True)
        row = json.loads(res.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(" ".join(f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}"
                       for k, v in row.items()), flush=True)
    if len(rows) >= 2:
        a, b = rows[0], rows[-1]
        ratio = b["articles"] / a["articles"]
        print(f"time x{b['total_s'] / a['total_s']:.1f} and memory "
              f"x{b['peak_rss_mb'] / a['peak_rss_mb']:.1f} for x{ratio:.0f} articles")


if __name__ == "__main__":
    main()
