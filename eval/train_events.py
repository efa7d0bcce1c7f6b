"""Study: a calibrated pair score for events (logistic regression), trained on odd ECB+ topics.

Not used by ``newstrace.group.events`` (see its module docstring): this script
reproduces the measurement that kept it out.  It builds, for every collection
the gate scores (each half of ECB+ topics 1-35 whole and cut into the
sub-collections of :func:`ecbplus.subcollections`), the signals of every pair
of articles the events stage would compare:

* ``words`` / ``names`` — the two TF-IDF cosines (background-blended IDF);
* ``own`` — the combined cosine under the collection's own IDF;
* ``snn_inf``, ``snn_inf2`` — the shared-neighbour overlap times how much a
  neighbourhood says in a collection of this size (and its square);
* ``inf``, ``inf2`` — that informativeness alone (the prior moves with size);
* ``years`` — Jaccard overlap of the years named; ``years_apart`` — both name
  years, none in common; ``weekdays`` / ``weekdays_apart`` — the same for
  weekday names.

A logistic regression is fitted on the odd topics' pairs (each collection
weighing the same), then every collection of both halves is clustered by
average linkage over the predicted probabilities at ``--cut`` (no size rule),
and the bundled seed example is clustered the same way.

Run: .venv/bin/python eval/train_events.py [--cut 0.5]    (about 5 minutes)

Measured 2026-11-23 (cut 0.5; odd = fitted on, even = held out; same-topic
pair AUC, mean B-cubed F1, mean merged share): one topic 0.969/0.936/0.031 and
0.968/0.937/0.027; few documents 0.927/0.917/0.219 and 0.958/0.931/0.187;
one-event handfuls F1 0.951 and 0.963; 2 topics 0.972/0.950/0.021 and
0.973/0.935/0.071; full half 0.980/0.987/0.010 and 0.980/0.962/0.073.  The
seed example comes out as one event: the later statement's pairs score
0.71-0.92, above the loose rewrite's (0.67-0.75).  events.v4 on the same
collections: one topic 0.930 / 0.913, few documents 0.903 (merged 0.148) /
0.931 (0.082), one-event handfuls 0.892 / 0.902, full half 0.978 / 0.970.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ecbplus import GoldDoc, read_corpus, score, subcollections
from newstrace.config import Config
from newstrace.group.candidates import build_graph
from newstrace.group.features import build
from newstrace.group.linkage import average_linkage
from newstrace.model import Article

ROOT = Path(__file__).resolve().parents[1]
SIGNALS = (
    "words", "names", "own", "snn_inf", "snn_inf2", "inf", "inf2",
    "years", "years_apart", "weekdays", "weekdays_apart",
)
KINDS = ("one topic", "few docs", "one event", "2 topics", "5 topics", "full")
_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def _overlap(a: set[str], b: set[str]) -> tuple[float, float]:
    """(Jaccard, 1 if both non-empty and disjoint)."""
    union = a | b
    jac = len(a & b) / len(union) if union else 0.0
    return jac, float(bool(a) and bool(b) and not a & b)


def pair_signals(
    articles: list[Article], config: Config
) -> tuple[list[tuple[int, int]], np.ndarray]:
    """Every pair ``(i, j)``, ``i < j``, of a collection and its signal row (``SIGNALS``)."""
    feats = build(articles, config)
    own = build(articles, config.with_overrides({"events": {"collection_share": 1.0}}))
    graph = build_graph(feats.combined, config)
    inf = graph.informative
    days = [set(_WEEKDAY.findall(t)) for t in feats.texts]
    pairs = sorted(graph.cosine)
    rows = []
    for i, j in pairs:
        snn = graph.snn.get((i, j), 0.0)
        years, years_apart = _overlap(feats.years[i], feats.years[j])
        week, week_apart = _overlap(days[i], days[j])
        rows.append((
            float(feats.words[i].multiply(feats.words[j]).sum()),
            float(feats.names[i].multiply(feats.names[j]).sum()),
            float(own.combined[i].multiply(own.combined[j]).sum()),
            snn * inf, snn * inf * inf, inf, inf * inf,
            years, years_apart, week, week_apart,
        ))
    return pairs, np.array(rows, dtype=np.float64).reshape(-1, len(SIGNALS))


def collections(corpus: list[GoldDoc], odd: bool) -> dict[str, list[list[GoldDoc]]]:
    """The gate's collections of one half of the topics, plus the half whole."""
    docs = [d for d in corpus if d.topic % 2 == (1 if odd else 0)]
    subs = subcollections(docs)
    subs["full"] = [docs]
    return {k: subs[k] for k in KINDS}


def tables(colls: dict[str, list[list[GoldDoc]]], config: Config) -> dict[str, list[tuple]]:
    """Per kind, per collection: (docs, pairs, signals, same-event labels)."""
    out: dict[str, list[tuple]] = {}
    for kind, samples in colls.items():
        out[kind] = []
        for docs in samples:
            pairs, x = pair_signals([d.article for d in docs], config)
            y = np.array([docs[i].event == docs[j].event for i, j in pairs], dtype=int)
            out[kind].append((docs, pairs, x, y))
    return out


def fit(train: dict[str, list[tuple]]) -> LogisticRegression:
    """Logistic regression over all pairs, each collection weighing the same in total."""
    xs, ys, ws = [], [], []
    for rows in train.values():
        for _, _, x, y in rows:
            if len(y):
                xs.append(x)
                ys.append(y)
                ws.append(np.full(len(y), 1.0 / len(y)))
    x, y, w = np.vstack(xs), np.concatenate(ys), np.concatenate(ws)
    return LogisticRegression(C=10.0, max_iter=3000).fit(x, y, sample_weight=w * len(w) / w.sum())


def report(model: LogisticRegression, half: str, data: dict[str, list[tuple]], cut: float) -> None:
    """Pair AUC (same-topic pairs) and clustering figures per kind."""
    for kind, rows in data.items():
        f1: list[float] = []
        merged: list[float] = []
        probs: list[float] = []
        labels: list[int] = []
        for docs, pairs, x, y in rows:
            p = model.predict_proba(x)[:, 1] if len(y) else np.zeros(0)
            same_topic = [docs[i].topic == docs[j].topic for i, j in pairs]
            probs.extend(p[same_topic])
            labels.extend(y[same_topic])
            edges = {pair: float(q) for pair, q in zip(pairs, p, strict=True)}
            groups = average_linkage(len(docs), edges, cut)
            s = score(docs, {docs[r].article.id: str(k) for k, g in enumerate(groups) for r in g})
            f1.append(s.f1)
            merged.append(s.merged_share)
        auc = roc_auc_score(labels, probs) if 0 < np.mean(labels) < 1 else float("nan")
        print(f"{half:4} {kind:9} n={len(rows):3} pair AUC={auc:.3f} F1 mean={np.mean(f1):.3f} "
              f"min={np.min(f1):.3f} merged mean={np.mean(merged):.3f}", flush=True)


def seeds(model: LogisticRegression, config: Config, cut: float) -> None:
    """The bundled seed example clustered with the pair score."""
    from newstrace.ingest import read_paths

    arts = sorted(read_paths([ROOT / "examples"], config).articles, key=lambda a: a.source)
    pairs, x = pair_signals(arts, config)
    p = model.predict_proba(x)[:, 1]
    print("seeds", {f"{i}-{j}": round(float(q), 2) for (i, j), q in zip(pairs, p, strict=True)})
    edges = dict(zip(pairs, map(float, p), strict=True))
    print("seed events", average_linkage(len(arts), edges, cut))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cut", type=float, default=0.5)
    args = parser.parse_args()
    config = Config()
    corpus = read_corpus(ROOT.parent / "shared" / "data" / "ecbplus")
    odd = tables(collections(corpus, odd=True), config)
    model = fit(odd)
    print(dict(zip(SIGNALS, np.round(model.coef_[0], 2), strict=True)),
          "intercept", round(float(model.intercept_[0]), 2))
    report(model, "odd", odd, args.cut)
    report(model, "even", tables(collections(corpus, odd=False), config), args.cut)
    seeds(model, config, args.cut)


if __name__ == "__main__":
    main()
