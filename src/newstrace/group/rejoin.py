"""Second pass after average linkage: rejoin clusters that are one event split in two.

Average linkage compares the mean edge between two clusters with one fixed
cut.  A loose event (long reports and short briefs, varied vocabulary) has
weak edges *inside* as well as across its parts, so on a small collection it
ends up split into several clusters (ECB+, one topic alone: precision ~1.0,
recall much lower).  This pass measures the cross edges of two clusters
against how tight each is on its own:

    score(A, B) = mean cross edge / sqrt(cohesion(A) * cohesion(B))

where ``cohesion`` is the mean edge over all ordered member pairs of a
cluster, self-pairs counting 1.  It is the cosine of the two clusters'
centroids when edges are cosines, and equals the plain edge for two single
articles, so singletons are judged exactly as before.

Topic words shared by two happenings of one kind lift this score as well, so
the low bar ``rejoin_threshold`` applies only when both clusters share a
year that at least ``rejoin_year_share`` of each one's members mention; when
either cluster has no such year, the higher bar ``rejoin_unsure`` applies;
two clusters whose such years are disjoint never rejoin (two happenings of
one kind are usually years apart; reports of one happening name its year).

Measured 2026-11-23 on ECB+ (``eval/test_events_gate.py``): one topic alone
mean B-cubed F1 0.879 -> 0.908 (p10 0.730 -> 0.763), few documents 0.932 ->
0.934 (p10 0.769 -> 0.797), two topics 0.946 -> 0.956 (min 0.847 -> 0.902),
merged share unchanged (0.030, 0.060, 0.000); 5 and 10 topics and the full
772-document run unchanged (F1 0.956, merged 0.031).
Reading each cluster's year as its single most-mentioned year (no share
rule), the full run merged 0.044 and five topics 0.053.  Written by hand: no library offers a
cluster-merge pass with this veto, and it only touches the cluster graph.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter

from newstrace.config import Config

ALGORITHM = "rejoin.v1"

_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


def article_years(text: str) -> set[str]:
    """The four-digit years (1950-2099) a text mentions."""
    return set(_YEAR.findall(text))


class _State:
    """Clusters with summed cross edges, summed inside edges and year counts."""

    def __init__(
        self,
        groups: list[list[int]],
        edges: dict[tuple[int, int], float],
        years: list[set[str]],
    ) -> None:
        self.members = [list(g) for g in groups]
        gid = {r: k for k, g in enumerate(groups) for r in g}
        self.inside = [float(len(g)) for g in groups]  # self-pairs count 1
        self.cross: list[dict[int, float]] = [{} for _ in groups]
        for (i, j), w in edges.items():
            a, b = gid[i], gid[j]
            if a == b:
                self.inside[a] += 2.0 * w
            elif w > 0:
                self.cross[a][b] = self.cross[a].get(b, 0.0) + w
                self.cross[b][a] = self.cross[a][b]
        self.years = [Counter(y for r in g for y in years[r]) for g in groups]
        self.version = [0] * len(groups)

    def score(self, a: int, b: int) -> float:
        na, nb = len(self.members[a]), len(self.members[b])
        coh = math.sqrt(self.inside[a] / na**2 * self.inside[b] / nb**2)
        return self.cross[a][b] / (na * nb) / max(coh, 1e-12)

    def years_held(self, a: int, share: float) -> set[str]:
        """The years at least ``share`` of the cluster's members mention."""
        need = share * len(self.members[a])
        return {y for y, c in self.years[a].items() if c >= need}

    def merge(self, a: int, b: int) -> None:
        """Fold cluster ``b`` into ``a``."""
        self.inside[a] += self.inside[b] + 2.0 * self.cross[a].pop(b)
        del self.cross[b][a]
        for x, s in self.cross[b].items():
            self.cross[a][x] = self.cross[a].get(x, 0.0) + s
            del self.cross[x][b]
            self.cross[x][a] = self.cross[a][x]
        self.cross[b] = {}
        self.members[a].extend(self.members[b])
        self.members[b] = []
        self.years[a].update(self.years[b])
        self.version[a] += 1
        self.version[b] += 1


def rejoin(
    groups: list[list[int]],
    edges: dict[tuple[int, int], float],
    years: list[set[str]],
    config: Config,
    locked: set[int] | None = None,
) -> list[list[int]]:
    """Merge clusters of one event split by average linkage (module docstring).

    ``groups`` are clusters of row indices, ``edges`` the article graph,
    ``years`` the years each row mentions.  Groups whose index is in
    ``locked`` never merge with one another (existing events in incremental
    assignment).  Best-scoring pairs merge first.
    """
    sec = config.section("events")
    low, high = sec.float("rejoin_threshold"), sec.float("rejoin_unsure")
    share = sec.float("rejoin_year_share")
    state = _State(groups, edges, years)
    held = [k in (locked or set()) for k in range(len(groups))]
    heap: list[tuple[float, int, int, int, int]] = []

    def push(a: int, b: int) -> None:
        s = state.score(a, b)
        if s >= low:
            a, b = min(a, b), max(a, b)
            heapq.heappush(heap, (-s, a, b, state.version[a], state.version[b]))

    for a in range(len(groups)):
        for b in state.cross[a]:
            if a < b:
                push(a, b)
    while heap:
        neg, a, b, va, vb = heapq.heappop(heap)
        if va != state.version[a] or vb != state.version[b] or (held[a] and held[b]):
            continue
        ya, yb = state.years_held(a, share), state.years_held(b, share)
        if ya and yb and not ya & yb:
            continue  # the two clusters are about different years
        if not (ya and yb) and -neg < high:
            continue
        state.merge(a, b)
        held[a] = held[a] or held[b]
        for x in state.cross[a]:
            push(a, x)
    out = [sorted(m) for m in state.members if m]
    return sorted(out, key=lambda m: m[0])
