"""Faults a user meets for real: a killed ingest, two writers at once, a full disk, a held lock.

The kill -9 test runs NEWSTRACE_STORE_KILL_TRIALS trials (default 5, fast);
``bench/store.py`` runs the full 20.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

from newstrace.config import Config
from newstrace.store import Store, StoreError, open_store

KILL_TRIALS = int(os.environ.get("NEWSTRACE_STORE_KILL_TRIALS", "5"))


def test_kill_9_during_ingest_loses_and_duplicates_nothing(tmp_path: Path,
                                                           worker: ModuleType) -> None:
    rng = random.Random(20240501)
    n_docs, batch = 10_000, 250
    ids = worker.expected_ids(n_docs)
    mid_run = 0
    for trial in range(KILL_TRIALS):
        r = worker.kill_trial(tmp_path / f"kill{trial}" / "store.db", rng, n_docs, batch, ids)
        print(trial, r)
        mid_run += r["killed_mid_run"]  # a very fast machine may finish first: still checked
        assert r["integrity"] == "ok"
        # 0 lost: every batch reported committed before the kill is there ...
        assert r["found"] >= r["reported"]
        # ... and at most the one batch in flight was committed unreported; whole batches only.
        assert r["found"] <= r["reported"] + batch and r["found"] % batch == 0
        # 0 duplicated, nothing out of order: exactly the first N articles.
        assert r["prefix_ok"] and r["distinct"] == r["found"]
        # A rerun completes with the exact count.
        assert (r["added"], r["existing"]) == (n_docs - r["found"], r["found"])
        assert r["final"] == n_docs
    assert mid_run >= (KILL_TRIALS + 1) // 2


def test_two_writers_and_a_reader_get_exact_counts(new_target: Callable[[], str],
                                                   tmp_path: Path, worker: ModuleType) -> None:
    r = worker.concurrent_trial(new_target(), tmp_path, n_docs=4_000, overlap=1_000, batch=50)
    assert r["returncodes"] == [0, 0, 0], r["stderr"]
    assert "locked" not in r["stderr"].lower() and "Traceback" not in r["stderr"]
    assert r["final"] == 4_000
    assert (r["added"], r["existing"]) == (4_000, r["overlap"])
    assert r["counts"] == sorted(r["counts"]) and r["counts"][-1] == 4_000


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "s.db") as store:
        yield store


def test_disk_full_rolls_back_the_whole_batch(sqlite_store: Store, worker: ModuleType) -> None:
    store = sqlite_store
    store.add_articles([worker.synthetic_article(i) for i in range(20)])
    # Simulated full disk: cap the file at its current size plus a few pages
    # (PRAGMA max_page_count is per connection, hence the store's own one).
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages + 3}")
    batch = [worker.synthetic_article(i, paragraphs=20, words=80) for i in range(20, 120)]
    with pytest.raises(StoreError, match="full") as info:
        store.add_articles(batch)
    assert store.target in str(info.value)
    assert store.count_articles() == 20
    assert all(store.get_article(a.id) is None for a in batch)
    assert store._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _mount_tiny_tmpfs(where: Path, size: str) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True)
    return done.returncode == 0


def test_really_full_filesystem_rolls_back(tmp_path: Path, worker: ModuleType) -> None:
    """A 512 KiB tmpfs filled by the store itself (needs root; skipped otherwise)."""
    mnt = tmp_path / "tiny"
    if not _mount_tiny_tmpfs(mnt, "512k"):
        pytest.skip("cannot mount a tiny tmpfs here (needs root and mount)")
    try:
        with open_store(mnt / "s.db") as store:
            added = 0
            with pytest.raises(StoreError, match="full"):
                for first in range(0, 5_000, 50):
                    chunk = [worker.synthetic_article(i) for i in range(first, first + 50)]
                    added += store.add_articles(chunk).added
            assert added > 0
        with sqlite3.connect(mnt / "s.db") as raw:
            assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            count = raw.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        assert count == added
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def _hold_write_lock(path: Path, seconds: float, held: threading.Event) -> None:
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    held.set()
    time.sleep(seconds)
    other.execute("COMMIT")
    other.close()


def test_held_lock_is_waited_out_not_reported(tmp_path: Path, worker: ModuleType) -> None:
    config = Config().with_overrides({"store": {"busy_timeout_ms": 10}})
    path = tmp_path / "s.db"
    with open_store(path, config) as store:
        held = threading.Event()
        holder = threading.Thread(target=_hold_write_lock, args=(path, 0.5, held))
        holder.start()
        held.wait()
        started = time.monotonic()
        assert store.add_articles([worker.synthetic_article(1)]).added == 1
        assert time.monotonic() - started >= 0.4  # it waited for the other writer
        holder.join()


def test_lock_held_too_long_is_a_clear_error(tmp_path: Path, worker: ModuleType) -> None:
    config = Config().with_overrides(
        {"store": {"busy_timeout_ms": 10, "lock_retry_seconds": 0.3}}
    )
    path = tmp_path / "s.db"
    with open_store(path, config) as store:
        held = threading.Event()
        holder = threading.Thread(target=_hold_write_lock, args=(path, 1.0, held))
        holder.start()
        held.wait()
        with pytest.raises(StoreError, match=r"still busy after 0\.3 s") as info:
            store.add_articles([worker.synthetic_article(1)])
        assert str(path) in str(info.value)
        holder.join()
        assert store.count_articles() == 0
