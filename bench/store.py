"""Benchmark and full fault run of the store.

Prints, per backend (SQLite always; PostgreSQL when NEWSTRACE_TEST_PG is set):

* inserts per second adding 10,000 and 100,000 synthetic articles (one
  process per run, 500 per transaction) by the wall clock, and by the adding
  process's CPU time with the making of the synthetic articles taken out (a
  figure other load on a shared machine does not move); reads per second
  streaming them back; the peak resident memory of the process;
* re-adding the same articles (idempotent ingest: all "existing");
* the full kill -9 fault run (20 trials of a 10,000-article ingest killed at
  a random point: 0 lost, 0 duplicated, integrity ok, exact count on rerun)
  and one run of two concurrent writers plus a reader.

Run: ``.venv/bin/python bench/store.py [--sizes 10000 100000] [--kill-trials 20]``
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
WORKER = ROOT / "tests" / "store" / "store_worker.py"


def _worker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("store_worker", WORKER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _child(target: str, n: int) -> None:
    """One measured run in this (fresh) process; prints a JSON line of figures."""
    from newstrace.store import open_store

    worker = _worker()
    started = time.process_time()
    for i in range(n):
        worker.synthetic_article(i)
    generate = time.process_time() - started  # CPU time: the same whatever the machine's load
    with open_store(target) as store:
        started, cpu = time.perf_counter(), time.process_time()
        result = store.add_articles((worker.synthetic_article(i) for i in range(n)),
                                    batch_size=500)
        insert = time.perf_counter() - started
        insert_cpu = time.process_time() - cpu
        started = time.perf_counter()
        again = store.add_articles((worker.synthetic_article(i) for i in range(n)),
                                   batch_size=500)
        readd = time.perf_counter() - started
        started = time.perf_counter()
        read = sum(1 for _ in store.iter_articles())
        reading = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({
        "n": n, "added": result.added, "existing_on_readd": again.existing, "read": read,
        "insert_s": insert, "insert_cpu_s": insert_cpu, "generate_s": generate,
        "readd_s": readd, "read_s": reading,
        "peak_rss_mb": peak_mb,
    }))


def _measure(target: str, n: int) -> dict[str, float]:
    done = subprocess.run([sys.executable, __file__, "--child", target, str(n)],
                          capture_output=True, text=True, check=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _pg_target(dsn: str) -> tuple[str, str]:
    import psycopg

    schema = f"nt_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    joiner = "&" if "?" in dsn else "?"
    return f"{dsn}{joiner}options=-csearch_path%3D{schema}", schema


def _drop_schema(dsn: str, schema: str) -> None:
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def _throughput(backends: list[str], sizes: list[int], tmp: Path) -> None:
    print(f"{'backend':9} {'articles':>9} {'ins/s':>8} {'ins/s*':>8} {'re-add/s':>9} "
          f"{'read/s':>8} {'peak MB':>8}")
    dsn = os.environ.get("NEWSTRACE_TEST_PG", "")
    for backend in backends:
        for n in sizes:
            schema = ""
            if backend == "sqlite":
                target = str(tmp / f"bench-{n}.db")
            else:
                target, schema = _pg_target(dsn)
            try:
                r = _measure(target, n)
            finally:
                if schema:
                    _drop_schema(dsn, schema)
            assert r["added"] == n and r["existing_on_readd"] == n and r["read"] == n
            # this process's CPU only (PostgreSQL's server work is not in it)
            store_only = max(r["insert_cpu_s"] - r["generate_s"], 1e-9)
            print(f"{backend:9} {n:>9} {n / r['insert_s']:>8.0f} {n / store_only:>8.0f} "
                  f"{n / r['readd_s']:>9.0f} {n / r['read_s']:>8.0f} {r['peak_rss_mb']:>8.0f}")
    print("ins/s: adding synthetic articles, wall clock, making them included; ins/s*: "
          "CPU time of the adding process with their making taken out (insensitive to other "
          "load on the machine; for PostgreSQL the server's own work is not counted)")


def _faults(trials: int, tmp: Path) -> None:
    worker = _worker()
    rng = random.Random(7)
    n_docs, batch = 10_000, 250
    ids = worker.expected_ids(n_docs)
    lost = duplicated = bad = 0
    started = time.perf_counter()
    for trial in range(trials):
        r = worker.kill_trial(tmp / f"kill{trial}" / "s.db", rng, n_docs, batch, ids)
        lost += max(r["reported"] - r["found"], 0)
        duplicated += r["found"] - r["distinct"]
        ok = (r["integrity"] == "ok" and r["prefix_ok"] and r["final"] == n_docs
              and r["found"] % batch == 0 and r["added"] == n_docs - r["found"])
        bad += not ok
        print(f"  trial {trial:2}: killed after {r['reported']:5} reported, {r['found']:5} found,"
              f" integrity {r['integrity']}, rerun added {r['added']:5} -> {r['final']}"
              + ("" if ok else "  FAILED"))
    print(f"kill -9 x{trials}: {lost} lost, {duplicated} duplicated, {bad} failed checks "
          f"({time.perf_counter() - started:.0f} s)")
    r = worker.concurrent_trial(str(tmp / "concurrent.db"), tmp)
    locked = "locked" in r["stderr"].lower()
    print(f"2 writers + 1 reader: final {r['final']} (want 10000), added {r['added']}, "
          f"existing {r['existing']} (overlap {r['overlap']}), reader counts monotonic "
          f"{r['counts'] == sorted(r['counts'])}, 'database is locked' seen: {locked}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--kill-trials", type=int, default=20)
    parser.add_argument("--child", nargs=2, metavar=("TARGET", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child[0], int(args.child[1]))
        return
    backends = ["sqlite"] + (["postgres"] if os.environ.get("NEWSTRACE_TEST_PG") else [])
    with tempfile.TemporaryDirectory(prefix="newstrace-bench-") as tmp:
        _throughput(backends, args.sizes, Path(tmp))
        if args.kill_trials:
            _faults(args.kill_trials, Path(tmp))


if __name__ == "__main__":
    main()
