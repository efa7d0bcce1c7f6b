"""Exact and near-exact copies (wire reprints, re-crawls) by MinHash LSH.

Each body becomes a set of word shingles; datasketch's MinHash LSH finds the
pairs whose estimated Jaccard similarity passes ``[events] dup_threshold``,
and every candidate is confirmed with the MinHash estimate of its Jaccard
similarity (LSH buckets let false positives through; keeping the signatures
rather than the shingle sets keeps memory at ~1 KB per article).  Copies are
grouped transitively.
"""

from __future__ import annotations

import re

import networkx as nx
from datasketch import MinHash, MinHashLSH

from newstrace.config import Config
from newstrace.model import Article

ALGORITHM = "neardup.v1"

_WORD = re.compile(r"\w+")


def shingles(text: str, size: int) -> set[str]:
    """Lower-cased word ``size``-grams (the whole text if it is shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def find(articles: list[Article], config: Config) -> list[list[str]]:
    """Groups (size >= 2) of article ids whose bodies are (near) copies.

    Each group is in input order, so its first id is the earliest-read copy;
    groups are listed by their first member's position.
    """
    sec = config.section("events")
    threshold = sec.float("dup_threshold")
    size = sec.int("dup_shingle")
    perm = sec.int("dup_permutations")
    lsh = MinHashLSH(threshold=threshold, num_perm=perm)
    sigs: dict[str, MinHash] = {}
    graph = nx.Graph()
    for art in articles:
        sh = shingles(art.body, size)
        if not sh or art.id in sigs:
            continue
        mh = MinHash(num_perm=perm)
        mh.update_batch([s.encode("utf-8") for s in sh])
        for other in lsh.query(mh):
            if mh.jaccard(sigs[other]) >= threshold:
                graph.add_edge(other, art.id)
        lsh.insert(art.id, mh)
        sigs[art.id] = mh
    order = {a.id: i for i, a in enumerate(articles)}
    groups = [sorted(c, key=order.__getitem__) for c in nx.connected_components(graph)]
    return sorted(groups, key=lambda g: order[g[0]])
