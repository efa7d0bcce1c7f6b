"""Synthetic articles and fault-injection harness for the store (tests and bench/store.py).

Run as a program it is the subprocess the fault tests kill or race:

    python store_worker.py ingest TARGET START STOP BATCH [BUSY_MS]
        add synthetic articles START..STOP-1, one transaction per BATCH, printing
        "committed N" after each commit and "done ADDED EXISTING" at the end;
    python store_worker.py read TARGET STOPFILE
        count the articles again and again until STOPFILE exists, printing
        "counts C1 C2 ..." (the counts must never go down).

Imported (by file path), it gives :func:`synthetic_article`, :func:`kill_trial`
and :func:`concurrent_trial`, which the unit tests run a few times and the
benchmark runs the full number of times.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from newstrace.config import Config
from newstrace.model import Article, Evidence, Span, content_id
from newstrace.store import open_store

_TEXT = (
    "the minister said on monday that talks would resume after the ceasefire "
    "officials confirmed reports of a delegation visiting the capital while "
    "analysts warned the agreement could collapse if troops remain near border"
)
WORDS = _TEXT.split()


def synthetic_article(i: int, paragraphs: int = 4, words: int = 30) -> Article:
    """A deterministic article number ``i``: unique body, paragraph spans, some metadata.

    Word windows are picked by arithmetic, not a random generator, so that
    making 100,000 of them costs far less than storing them.
    """
    ring = WORDS * (words // len(WORDS) + 2)
    texts = []
    for p in range(paragraphs):
        k = (i * 7919 + p * 104_729) % len(WORDS)
        texts.append(" ".join(ring[k : k + words]).capitalize() + f" ({i}-{p}).")
    body = "\n\n".join(texts)
    k = (i * 31) % len(WORDS)
    title = f"Story {i}: " + " ".join(ring[k : k + 6])
    aid = content_id(body, title)
    spans, start = [], 0
    for text in texts:
        spans.append(Span(aid, start, start + len(text)))
        start += len(text) + 2
    return Article(
        id=aid,
        source=f"synthetic/{i:06d}.txt",
        body=body,
        raw=f"{title}\n\n{body}",
        outlet=f"Outlet {i % 17}",
        outlet_evidence=Evidence(raw=f"Outlet {i % 17}", how="synthetic"),
        title=title,
        published=f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
        language="en",
        paragraphs=spans,
        encoding="utf-8",
    )


def _ingest(target: str, start: int, stop: int, batch: int, busy_ms: int | None) -> None:
    config = Config()
    if busy_ms is not None:
        config = config.with_overrides({"store": {"busy_timeout_ms": busy_ms}})
    added = existing = 0
    with open_store(target, config) as store:
        for first in range(start, stop, batch):
            chunk = [synthetic_article(i) for i in range(first, min(first + batch, stop))]
            result = store.add_articles(chunk, batch_size=len(chunk))
            added += result.added
            existing += result.existing
            print(f"committed {min(first + batch, stop) - start}", flush=True)
    print(f"done {added} {existing}", flush=True)


def _read(target: str, stopfile: str) -> None:
    counts = []
    with open_store(target) as store:
        while not os.path.exists(stopfile):
            counts.append(store.count_articles())
            time.sleep(0.01)
        counts.append(store.count_articles())
    print("counts " + " ".join(map(str, counts)), flush=True)


def _spawn(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, __file__, *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def expected_ids(n: int) -> list[str]:
    return [synthetic_article(i).id for i in range(n)]


def kill_trial(db: Path, rng: random.Random, n_docs: int = 10_000, batch: int = 250,
               ids: list[str] | None = None) -> dict[str, Any]:
    """Kill -9 an ingest into ``db`` at a random point, then check and finish it.

    Returns the figures a test asserts on: committed-before-kill, found after,
    integrity result, and the rerun's counts.
    """
    ids = ids or expected_ids(n_docs)
    proc = _spawn("ingest", str(db), "0", str(n_docs), str(batch))
    assert proc.stdout is not None
    kill_after = rng.randrange(0, n_docs // batch - 4)
    reported = 0
    for line in proc.stdout:
        if line.startswith("committed"):
            reported = int(line.split()[1])
            if reported >= kill_after * batch:
                break
    time.sleep(rng.uniform(0, 0.03))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.stdout is not None and proc.stderr is not None
    for line in proc.stdout:  # lines printed between our read and the kill
        if line.startswith("committed"):
            reported = int(line.split()[1])
    proc.stdout.close()
    proc.stderr.close()
    with sqlite3.connect(db) as raw:
        integrity = raw.execute("PRAGMA integrity_check").fetchone()[0]
        found = [row[0] for row in raw.execute("SELECT id FROM articles ORDER BY seq")]
    rerun = subprocess.run(
        [sys.executable, __file__, "ingest", str(db), "0", str(n_docs), str(batch)],
        capture_output=True, text=True, check=True,
    )
    added, existing = map(int, rerun.stdout.strip().splitlines()[-1].split()[1:])
    with open_store(db) as store:
        final = store.count_articles()
    return {
        "reported": reported, "found": len(found), "prefix_ok": found == ids[: len(found)],
        "distinct": len(set(found)), "integrity": integrity, "added": added,
        "existing": existing, "final": final, "batch": batch, "n_docs": n_docs,
        "killed_mid_run": reported < n_docs,
    }


def concurrent_trial(target: str, workdir: Path, n_docs: int = 10_000, overlap: int = 2_000,
                     batch: int = 100, busy_ms: int = 5) -> dict[str, Any]:
    """Two writers (overlapping ranges) and a reader on one store at once.

    ``busy_ms`` is tiny on purpose: SQLite's own wait gives up almost at once,
    so the store's retry-with-backoff is what keeps the writers going.
    """
    half = (n_docs + overlap) // 2
    stopfile = workdir / f"stop-{time.monotonic_ns()}"
    reader = _spawn("read", target, str(stopfile))
    writers = [
        _spawn("ingest", target, "0", str(half), str(batch), str(busy_ms)),
        _spawn("ingest", target, str(n_docs - half), str(n_docs), str(batch), str(busy_ms)),
    ]
    outs = [w.communicate() for w in writers]
    stopfile.touch()
    r_out, r_err = reader.communicate()
    done = [(out.strip().splitlines() or ["failed 0 0"])[-1].split() for out, _ in outs]
    counts = [int(c) for c in r_out.split()[1:]]
    with open_store(target) as store:
        final = store.count_articles()
    return {
        "returncodes": [w.returncode for w in writers] + [reader.returncode],
        "stderr": "".join(err for _, err in outs) + r_err,
        "added": sum(int(d[1]) for d in done),
        "existing": sum(int(d[2]) for d in done),
        "counts": counts,
        "final": final,
        "overlap": 2 * half - n_docs,
    }


def main(argv: list[str]) -> None:
    if argv[0] == "ingest":
        busy = int(argv[5]) if len(argv) > 5 else None
        _ingest(argv[1], int(argv[2]), int(argv[3]), int(argv[4]), busy)
    elif argv[0] == "read":
        _read(argv[1], argv[2])
    else:
        raise SystemExit(f"unknown command {argv[0]!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
