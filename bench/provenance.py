"""Provenance benchmark: CPU seconds and peak memory at 1k and 10k documents.

The corpus is the synthetic derivation benchmark of ``eval/derivations.py``
(real PolNeAR bodies, derived copies, distractors), replicated until it has
the wanted size; each replica maps every word through its own random
vocabulary permutation, so replicas share no wording with each other and the
candidate index sees the same kind of sharing at every size.  Every size runs
in a fresh process (peak RSS is per process).

Run: ``.venv/bin/python bench/provenance.py [1000 10000 ...]``.

Measured 2026-11-23 (round 4, shared 2-core machine, quiet): 1k docs 4.9 CPU-s,
308 MB peak; 10k docs 58.7 CPU-s, 925 MB (corpus alone 275 MB); 30k docs (busy
machine) 234.8 CPU-s, 2,265 MB; 100k docs 1,228.9 CPU-s, 6,400 MB (corpus alone
1,061 MB): 21x the CPU of 10k, growth above linear.  (A first 10k run this
round, with a per-character quotation scan and a token cache scanned twice in
one order, took 95 CPU-s.)

Round 5 (2026-11-23, busy shared machine, load 5-6; the two runs back to back on the
same code of the other stages): 10k docs with round 4's alignment and tokens 62.6 CPU-s,
929 MB; with round 5's (passages extended past small edits, edited sentences cut to their
kept words, split words matched, "per cent", short sentences matched) 66.9 CPU-s, 944 MB.
Timed alone on the 1,170 derived edges of 2k docs, the passage pieces cost 0.88 s against
0.70-0.75 s and the sentence matching with shorter sentences 0.49 s against 0.48 s, so most
of the 4 CPU-s gap is the machine's noise; the part that is ours is near 1.5 CPU-s at 10k.
The whole round's code on a quieter machine (load 3-4): 10k docs 58.6 CPU-s, 964 MB.
At the end of round 5 (load about 1-2, one other job): 10k docs 55.0 CPU-s, 950 MB; 100k
docs 608.5 CPU-s, 6,649 MB (corpus alone 1,061 MB), 11.1x the CPU of 10k.  The first 100k
run of round 5 died on a KeyError: the sentence-embedding cache was cleared in the middle
of a call that still needed entries cached before it (fixed in provenance/paraphrase.py).

Round 6 (2026-11-23, provenance.v5 / align.v4; busy machine, load 5.5-6.5, each pair run
back to back with round 5's code): 10k docs 60.9 CPU-s, 975 MB against 59.5 CPU-s, 954 MB;
again 62.8 against 65.4 CPU-s (974 against 946 MB).  Ties add about 8 % derived edges
(6,125 against 5,669), each with its passages and sentence matching: about +1 CPU-s and
+25 MB, inside the machine's noise.  Freeing every sentence under half covered by exact
runs for sentence matching (rather than only those with no word in a run) cost about
+2.6 CPU-s and +44 MB for 0.0001 of passage F1, so it was not kept.  Final round-6 code
on a quiet machine (load 1-1.5), back to back: 10k docs 53.5 CPU-s, 974 MB against
round 5's 53.2 CPU-s, 950 MB (a first run as the load fell from 3: 58.8 CPU-s).
"""

from __future__ import annotations

import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "eval"))


def corpus(size: int, seed: int = 3) -> list:
    import derivations
    from newstrace.model import Article

    docs, _ = derivations.build(40, seed=seed)
    base = derivations.articles(docs)
    vocab = sorted({w for a in base for w in re.findall(r"[A-Za-z]+", a.body)})
    out: list[Article] = []
    rng = random.Random(seed)
    replica = 0
    while len(out) < size:
        perm = vocab[:]
        rng.shuffle(perm)
        mapping = dict(zip(vocab, perm, strict=True)) if replica else {}
        def swap(m: re.Match[str], table: dict[str, str] = mapping) -> str:
            return table.get(m.group(), m.group())

        for a in base:
            body = re.sub(r"[A-Za-z]+", swap, a.body)
            out.append(Article(id=f"r{replica}-{a.id}", source=a.source, body=body,
                               outlet=f"{a.outlet} {replica}", published=a.published))
            if len(out) == size:
                break
        replica += 1
    return out


def measure(size: int) -> None:
    from newstrace.config import Config
    from newstrace.provenance.graph import trace

    arts = corpus(size)
    base_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.process_time()
    wall = time.perf_counter()
    prov = trace("bench", arts, Config())
    cpu = time.process_time() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    derived = sum(e.kind == "derived" for e in prov.edges)
    print(f"docs={size:6d}  cpu_s={cpu:7.1f}  wall_s={time.perf_counter() - wall:7.1f}  "
          f"peak_rss_mb={peak_mb:7.0f} (corpus alone {base_mb:.0f})  derived_edges={derived}",
          flush=True)


def main(argv: list[str]) -> None:
    if argv[:1] == ["--one"]:
        measure(int(argv[1]))
        return
    for size in [int(a) for a in argv] or [1000, 10000]:
        subprocess.run([sys.executable, __file__, "--one", str(size)], check=True)


if __name__ == "__main__":
    main(sys.argv[1:])
