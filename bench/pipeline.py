"""Whole-pipeline benchmark: ``pipeline.analyse`` end to end, one worker and two.

The corpus is the derivation benchmark of ``eval/derivations.py`` (real
PolNeAR bodies in derivation families, plus independent distractors): every
stage has real work (events, entities, quotes, provenance, fidelity,
comparison).  Each run is a fresh process; CPU seconds count the process and
its pool workers, peak memory is the largest resident set of either.

Run: ``.venv/bin/python bench/pipeline.py [--families 40] [--workers 1 2]``.

Measured 2026-11-23 at 40 families (262 articles) on the shared 2-core machine
(load average 6-7 from other jobs, so wall time mostly measures contention):
one worker 121.9 s wall, 56.2 CPU-s, 989 MB; two workers 184.6 s, 79.9 CPU-s,
823 MB (a later, busier run: 201.9 s / 57.2 CPU-s against 199.6 s / 79.1 CPU-s).
With two workers each worker was busy ~35 CPU-s (per-article tasks 43 CPU-s in
all, per-event tasks 27 against 12 in one process: compare and quote fidelity
parse their event's articles again in the worker), the driver ~9 CPU-s, so on
an idle machine two workers finish in ~45 s against ~56 s.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "eval"))


def measure(families: int, workers: int) -> None:
    import derivations
    from newstrace.config import Config
    from newstrace.executors.local import LocalExecutor
    from newstrace.pipeline import analyse

    docs, _ = derivations.build(families, seed=3)
    arts = derivations.articles(docs)
    wall = time.perf_counter()
    with LocalExecutor(workers) as executor:  # closed: the workers' CPU time is counted
        analysis = analyse(arts, Config(), executor=executor)
    wall = time.perf_counter() - wall
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
    peak = max(me.ru_maxrss, kids.ru_maxrss) / 1024
    edges = sum(len(p.edges) for p in analysis.provenance)
    print(f"articles={len(arts):5d}  workers={workers}  wall_s={wall:7.1f}  cpu_s={cpu:7.1f}  "
          f"ms_per_article={1000 * wall / len(arts):6.0f}  peak_rss_mb={peak:6.0f}  "
          f"events={len(analysis.events)}  edges={edges}  quotes={len(analysis.quotes)}",
          flush=True)


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--families", type=int, default=40)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        measure(args.families, args.workers[0])
        return
    for workers in args.workers:
        subprocess.run([sys.executable, __file__, "--one", "--families", str(args.families),
                        "--workers", str(workers)], check=True)


if __name__ == "__main__":
    main(sys.argv[1:])
