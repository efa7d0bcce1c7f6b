"""Threads: events linked into longer stories.

Two events belong to one story when they are about the same actors and
topic, even if they happened weeks apart (a statement, then a later
statement answering a new move).  Each event is represented by the centroid
of its articles' combined word + name vectors (:mod:`.features`); events are
linked by average linkage over centroid cosines at ``[threads] threshold``,
a looser cut than the one that makes events.  Events further apart in time
than ``[threads] max_gap_days`` are not linked.

Every event belongs to exactly one thread; a lone event is its own thread.
"""

from __future__ import annotations

import hashlib
from datetime import date

import numpy as np
import scipy.sparse as sp
from sklearn.preprocessing import normalize

from newstrace.config import Config
from newstrace.group.events import key_entities
from newstrace.group.features import build
from newstrace.group.linkage import average_linkage
from newstrace.model import Article, Event, Thread

ALGORITHM = "threads.v1"


def centroids(events: list[Event], articles: list[Article], config: Config) -> sp.csr_matrix:
    """One L2-normalised row per event: the mean of its members' vectors."""
    feats = build(articles, config)
    index = {aid: i for i, aid in enumerate(feats.ids)}
    rows, cols = [], []
    for e, ev in enumerate(events):
        for aid in ev.article_ids:
            if aid in index:
                rows.append(e)
                cols.append(index[aid])
    member = sp.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, cols)),
        shape=(len(events), len(feats.ids)),
    )
    return normalize(member @ feats.combined).tocsr()


def _span(ev: Event) -> tuple[date, date] | None:
    if not ev.dates:
        return None
    return date.fromisoformat(ev.dates[0][:10]), date.fromisoformat(ev.dates[-1][:10])


def _too_far(a: Event, b: Event, max_gap_days: int) -> bool:
    sa, sb = _span(a), _span(b)
    if sa is None or sb is None:
        return False
    gap = max((sb[0] - sa[1]).days, (sa[0] - sb[1]).days, 0)
    return gap > max_gap_days


def link(events: list[Event], articles: list[Article], config: Config) -> list[Thread]:
    """Threads over ``events`` (ordered by their first dated event, then id)."""
    if not events:
        return []
    sec = config.section("threads")
    cent = centroids(events, articles, config)
    upper = sp.triu(cent @ cent.T, k=1).tocoo()
    edges = {
        (int(i), int(j)): float(s)
        for i, j, s in zip(upper.row, upper.col, upper.data, strict=True)
        if s > 0 and not _too_far(events[i], events[j], sec.int("max_gap_days"))
    }
    groups = average_linkage(len(events), edges, sec.float("threshold"))
    by_id = {a.id: a for a in articles}
    threads = [_thread([events[i] for i in g], by_id) for g in groups]
    return sorted(threads, key=lambda t: (t.timeline[0][0] or "9999", t.id))


def _thread(members: list[Event], by_id: dict[str, Article]) -> Thread:
    timeline = sorted(((ev.dates[0] if ev.dates else ""), ev.id) for ev in members)
    # Undated events go after the dated ones, in id order ("" sorts first).
    timeline = [t for t in timeline if t[0]] + [t for t in timeline if not t[0]]
    ids = [ev_id for _, ev_id in timeline]
    blob = "\n".join(sorted(ids)).encode("utf-8")
    return Thread(
        id="T" + hashlib.sha1(blob).hexdigest()[:10],
        event_ids=ids,
        label=_label(members, by_id),
        timeline=timeline,
    )


def _label(members: list[Event], by_id: dict[str, Article]) -> str:
    """The names the thread's articles mention most; a lone event keeps its label."""
    if len(members) == 1:
        return members[0].label
    arts = [by_id[a] for ev in members for a in ev.article_ids if a in by_id]
    names = key_entities(arts, top=4)
    return " · ".join(names) if names else members[0].label
