"""Binary stage outputs (an article's packed parse): bytes back as saved, reused only
with the same algorithm and options, replaced on a rerun, on both backends."""

from __future__ import annotations

import os

from newstrace.store import Store


def test_blobs_come_back_byte_for_byte(store: Store) -> None:
    data = {"a": bytes(range(256)) * 40, "b": b"\x00\xff zlib?", "c": os.urandom(70_000)}
    assert store.save_blobs("parse", data.items(), "parser.v1", "") == 3
    assert store.load_blobs("parse", ["c", "a", "missing", "b"], "parser.v1", "") == data
    assert store.blob_keys("parse", "parser.v1", "") == {"a", "b", "c"}
    assert store.save_blobs("parse", [], "parser.v1", "") == 0


def test_blobs_are_reused_only_with_the_same_algorithm_and_options(store: Store) -> None:
    store.save_blobs("parse", [("a", b"one"), ("b", b"two")], "parser.v1", "fp")
    assert store.load_blobs("parse", ["a", "b"], "parser.v2", "fp") == {}
    assert store.load_blobs("parse", ["a", "b"], "parser.v1", "other") == {}
    assert store.load_blobs("other", ["a"], "parser.v1", "fp") == {}
    assert store.blob_keys("parse", "parser.v2", "fp") == set()
    store.save_blobs("parse", [("a", b"ONE")], "parser.v2", "fp")  # a rerun replaces it
    assert store.load_blobs("parse", ["a", "b"], "parser.v2", "fp") == {"a": b"ONE"}
    assert store.load_blobs("parse", ["a", "b"], "parser.v1", "fp") == {"b": b"two"}


def test_many_keys_are_read_in_chunks(store: Store) -> None:
    items = [(f"k{i:04d}", i.to_bytes(2, "big")) for i in range(1200)]
    store.save_blobs("parse", items, "parser.v1", "")
    keys = [k for k, _ in items]
    assert store.load_blobs("parse", keys, "parser.v1", "") == dict(items)
