"""Train the learned reported-speech detector and write ``data/quote_weights.json``.

Run from the repository root, beside ``../shared``::

    .venv/bin/python -m newstrace.quotes.train [--skip N]

Candidates are :func:`newstrace.quotes.extract.learned_candidates` on the
PolNeAR *train* split (never dev, which is the gate); a candidate is positive
when its content matches a gold attribution's content (token Jaccard >= 0.5,
the gate's own matching).  ``--skip N`` leaves the first N train articles out
(to measure on them).  Logistic regression (scikit-learn, L-BFGS, no
randomness) is deterministic; weights under ``--min-weight`` are dropped to keep the file small.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
OUT = Path(__file__).resolve().parents[1] / "data" / "quote_weights.json"


def _examples(skip: int) -> tuple[list[dict[str, float]], list[int]]:
    sys.path.insert(0, str(ROOT / "eval"))
    import polnear
    from newstrace.nlp import parse
    from newstrace.quotes.extract import learned_candidates

    data = polnear.load(ROOT.parent / "shared" / "data" / "polnear" / "train")[skip:]
    feats: list[dict[str, float]] = []
    labels: list[int] = []
    for start in range(0, len(data), 50):
        chunk = data[start:start + 50]
        docs = parse([a for a, _ in chunk])
        for art, gold in chunk:
            g_tok = [polnear.tokens(art.body, g.content) for g in gold]
            for cand in learned_candidates(docs[art.id], art.body):
                c_tok = polnear.tokens(art.body, [cand.content])
                hit = any(polnear._jaccard(g, c_tok) >= 0.5 for g in g_tok)
                feats.append(cand.features)
                labels.append(int(hit))
        from newstrace.nlp import clear_cache

        clear_cache()
    return feats, labels


def main() -> None:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    ap = argparse.ArgumentParser()
    ap.add_argument("--skip", type=int, default=0)
    ap.add_argument("--C", type=float, default=0.1)
    ap.add_argument("--min-weight", type=float, default=0.05)
    ap.add_argument("--cache", help="JSON file to keep the candidates in between runs")
    args = ap.parse_args()
    cache = Path(args.cache) if args.cache else None
    if cache is not None and cache.exists():
        feats, labels = json.loads(cache.read_text("utf-8"))
    else:
        feats, labels = _examples(args.skip)
        if cache is not None:
            cache.write_text(json.dumps([feats, labels]), "utf-8")
    vec = DictVectorizer()
    x = vec.fit_transform(feats)
    model = LogisticRegression(C=args.C, solver="lbfgs", max_iter=2000)
    model.fit(x, labels)
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 3) for n, w in zip(names, model.coef_[0], strict=True)
               if abs(w) >= args.min_weight}
    weights["bias"] = round(weights.get("bias", 0.0) + float(model.intercept_[0]), 3)
    about = (f"Built by python -m newstrace.quotes.train --skip {args.skip} --C {args.C} "
             f"--min-weight {args.min_weight} from {len(labels)} candidates "
             f"({sum(labels)} positive) of PolNeAR train.")
    doc = {"about": about, "weights": dict(sorted(weights.items()))}
    OUT.write_text(json.dumps(doc, indent=0, ensure_ascii=False) + "\n", "utf-8")
    print(f"{len(labels)} candidates, {sum(labels)} positive, {len(weights)} weights -> {OUT}")


if __name__ == "__main__":
    main()
