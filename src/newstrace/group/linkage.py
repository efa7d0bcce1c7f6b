"""Average-linkage agglomerative clustering over a sparse similarity graph.

scikit-learn's and SciPy's agglomerative clustering need the full ``n x n``
distance matrix (or a feature matrix they rescore densely); this version
works on the candidate edges only (absent pairs count as similarity 0), so
it scales with the number of edges.  Written by hand for that reason.

Two clusters merge while the mean similarity over *all* their cross pairs is
at least ``threshold``: a merge needs broad support, not one close pair, which
is what stops the chaining single linkage suffers from.
"""

from __future__ import annotations

import heapq

ALGORITHM = "average-linkage.v1"


def average_linkage(
    n: int,
    edges: dict[tuple[int, int], float],
    threshold: float,
    fixed: list[list[int]] | None = None,
) -> list[list[int]]:
    """Clusters of ``range(n)`` (each sorted, listed by smallest member).

    ``fixed`` groups start as clusters and never merge with one another (new
    items may still join them): incremental assignment to existing events.
    """
    size = [1] * n
    alive = [True] * n
    adj: list[dict[int, float]] = [{} for _ in range(n)]
    for (i, j), w in edges.items():
        if i != j and w > 0:
            adj[i][j] = adj[i].get(j, 0.0) + w
            adj[j][i] = adj[j].get(i, 0.0) + w
    members: list[list[int]] = [[i] for i in range(n)]
    locked = [False] * n
    for group in fixed or []:
        root = group[0]
        locked[root] = True
        for other in group[1:]:
            if other not in adj[root]:
                adj[root][other] = adj[other][root] = 0.0
            _merge(root, other, adj, size, alive, members)
    heap = [
        (-s / (size[a] * size[b]), a, b)
        for a in range(n) if alive[a]
        for b, s in adj[a].items()
        if a < b and s / (size[a] * size[b]) >= threshold
    ]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if not (alive[a] and alive[b]) or b not in adj[a] or (locked[a] and locked[b]):
            continue
        current = adj[a][b] / (size[a] * size[b])
        if abs(current + neg) > 1e-9:  # stale entry; the current one is queued too
            continue
        if len(adj[a]) < len(adj[b]):
            a, b = b, a  # fold the smaller neighbourhood into the larger
        _merge(a, b, adj, size, alive, members)
        locked[a] = locked[a] or locked[b]
        for x, s in adj[a].items():
            avg = s / (size[a] * size[x])
            if avg >= threshold:
                heapq.heappush(heap, (-avg, min(a, x), max(a, x)))
    out = [sorted(members[i]) for i in range(n) if alive[i]]
    return sorted(out, key=lambda m: m[0])


def _merge(
    a: int,
    b: int,
    adj: list[dict[int, float]],
    size: list[int],
    alive: list[bool],
    members: list[list[int]],
) -> None:
    """Fold cluster ``b`` into ``a``: summed edge weights, sizes, members."""
    del adj[a][b]
    del adj[b][a]
    for x, s in adj[b].items():
        adj[a][x] = adj[a].get(x, 0.0) + s
        del adj[x][b]
        adj[x][a] = adj[a][x]
    adj[b] = {}
    size[a] += size[b]
    alive[b] = False
    members[a].extend(members[b])
    members[b] = []
