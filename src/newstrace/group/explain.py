"""Why two articles are (or are not) in one event: every signal, value and threshold.

``explain(a, b, all_articles, config)`` reruns the event features over the
collection (rarity depends on the collection) and reports, for the pair:
the word and name cosines, the shared-neighbour overlap, the years both
name, the date gap, the near-duplicate Jaccard, the resulting edge weight against the clustering
threshold, the terms that contribute most to their similarity, and whether
the full clustering put them in one event.  Plain JSON-able dict, so the CLI
(``newstrace explain A B``) can print it or dump it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from newstrace.config import Config
from newstrace.group import events, neardup
from newstrace.group.candidates import Graph, build_graph
from newstrace.group.features import Features, build
from newstrace.model import Article
from newstrace.provenance.candidates import shingle_keys

ALGORITHM = "explain.v1"


def _shared_terms(feats: Features, i: int, j: int, top: int = 8) -> dict[str, list[str]]:
    """Terms with the largest product of weights in both articles, per view."""
    out: dict[str, list[str]] = {}
    for view, mat, vocab in (
        ("words", feats.words, feats.word_vocab),
        ("names", feats.names, feats.name_vocab),
    ):
        prod = mat[i].multiply(mat[j]).tocoo()
        order = np.argsort(-prod.data)[:top]
        out[view] = [vocab[prod.col[k]] for k in order]
    return out


def _signal(name: str, value: float, **extra: Any) -> dict[str, Any]:
    return {"signal": name, "value": round(float(value), 4), **extra}


def explain(a: Article, b: Article, all_articles: list[Article], config: Config) -> dict[str, Any]:
    """The grouping evidence for the pair ``a``, ``b`` within ``all_articles``.

    The edge weight is read from :func:`newstrace.group.events.edge_weights`,
    the very function the clustering uses, so the explanation cannot drift
    from the decision; a pair that blocking never proposed has weight 0.
    """
    articles = list(all_articles)
    for art in (a, b):
        if all(x.id != art.id for x in articles):
            articles.append(art)
    feats = build(articles, config)
    row = {x.id: k for k, x in enumerate(articles)}
    i, j = sorted((row[a.id], row[b.id]))
    graph = build_graph(feats.combined, config)
    edges = events.edge_weights(feats, graph, neardup.find(articles, config), config)
    weight = edges.get((i, j), 0.0)
    threshold = events.cut(graph, config)
    found = events.cluster(articles, config)
    of = {aid: ev.id for ev in found for aid in ev.article_ids}
    signals = _signals(feats, graph, (i, j), (a, b), config)
    signals.append(_signal("edge_weight", weight, threshold=threshold,
                           passes=weight >= threshold, candidate=(i, j) in edges))
    same = of[a.id] == of[b.id]
    return {
        "a": a.id,
        "b": b.id,
        "same_event": same,
        "event_a": of[a.id],
        "event_b": of[b.id],
        "signals": signals,
        "shared_terms": _shared_terms(feats, i, j),
        "algorithm": events.ALGORITHM,
        "verdict": _verdict(same, weight, threshold),
    }


def _signals(feats: Features, graph: Graph, rows: tuple[int, int],
             pair: tuple[Article, Article], config: Config) -> list[dict[str, Any]]:
    """Each ingredient of the pair's edge weight, with its weight or threshold."""
    sec = config.section("events")
    i, j = rows
    alpha = sec.float("snn_weight") * graph.informative
    da, db = feats.dates[i], feats.dates[j]
    gap = abs((da - db).days) if da and db else None
    size = sec.int("dup_shingle")
    sa, sb = (neardup.shingles(art.body, size) for art in pair)
    cosine = {view: float(mat[i].multiply(mat[j]).sum())
              for view, mat in (("words", feats.words), ("names", feats.names),
                                ("combined", feats.combined))}
    return [
        _signal("words_cosine", cosine["words"], weight=1 - sec.float("name_weight")),
        _signal("names_cosine", cosine["names"], weight=sec.float("name_weight")),
        _signal("combined_cosine", cosine["combined"], weight=1 - alpha),
        _signal("shared_neighbours", graph.snn.get((i, j), 0.0), weight=alpha,
                neighbours=len(graph.neighbours[i])),
        _signal("shared_years", events.year_overlap(feats.years[i], feats.years[j]),
                weight=sec.float("year_weight"), years=sorted(feats.years[i] & feats.years[j])),
        _signal("date_gap_days", gap if gap is not None else -1, known=gap is not None,
                threshold=sec.int("max_gap_days"),
                damped=events.date_conflict(da, db, sec.int("max_gap_days")),
                factor=sec.float("date_gap_factor")),
        _signal("near_duplicate_jaccard", len(sa & sb) / len(sa | sb) if sa | sb else 0.0,
                threshold=sec.float("dup_threshold")),
        _signal("shared_passage_ngrams", _shared_passage(feats, i, j, config),
                threshold=sec.int("verbatim_min"), floor=sec.float("verbatim_weight")),
    ]


def _shared_passage(feats: Features, i: int, j: int, config: Config) -> int:
    """How many word n-grams (``[events] verbatim_words``) the two texts share."""
    size = config.section("events").int("verbatim_words")
    ka, kb = (shingle_keys(feats.texts[k], size) for k in (i, j))
    return len(np.intersect1d(ka, kb))


def _verdict(same: bool, weight: float, threshold: float) -> str:
    side = "at or above" if weight >= threshold else "below"
    where = "the same event" if same else "different events"
    note = (
        "" if same == (weight >= threshold)
        else " (average linkage weighs every pair of the two groups, not this pair alone)"
    )
    return f"Edge weight {weight:.3f} is {side} the threshold {threshold:.3f}; in {where}{note}."
