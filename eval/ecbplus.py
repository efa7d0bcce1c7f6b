"""Read the ECB+ corpus (CAT XML) as newstrace articles with their gold event.

Each ``<topic>/<topic>_<n>ecb[plus].xml`` file is one document; its tokens are
joined back into plain text (one line per sentence).  In ``ecbplus`` files
sentence 0 is the source URL and is dropped, so no method can read the answer
from the address.  The gold event of a document is ``(topic, "ecb" | "ecbplus")``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from newstrace.model import Article

_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]}]|'s\b|n't\b|'re\b|'ll\b|'ve\b|'d\b|'m\b)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")
_QUOTES = re.compile(r"``|''")


@dataclass(frozen=True)
class GoldDoc:
    article: Article
    topic: int
    kind: str  # "ecb" or "ecbplus"

    @property
    def event(self) -> tuple[int, str]:
        return (self.topic, self.kind)


def detokenize(tokens: list[str]) -> str:
    """Join tokens with spaces, then remove the spaces English puts no space at."""
    text = _QUOTES.sub('"', " ".join(tokens))
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    return _NO_SPACE_AFTER.sub(r"\1", text)


def read_document(path: Path) -> GoldDoc:
    """One CAT XML file as an :class:`Article` (id = file stem) with its gold event."""
    root = ET.parse(path).getroot()
    sentences: dict[int, list[str]] = {}
    for tok in root.iter("token"):
        sentences.setdefault(int(tok.get("sentence", "0")), []).append(tok.text or "")
    kind = "ecbplus" if path.stem.endswith("ecbplus") else "ecb"
    if kind == "ecbplus":
        sentences.pop(0, None)
    body = "\n".join(detokenize(sentences[k]) for k in sorted(sentences))
    topic = int(path.stem.split("_", 1)[0])
    article = Article(id=path.stem, source=str(path), body=body, raw=body, language="en")
    return GoldDoc(article=article, topic=topic, kind=kind)


def read_corpus(root: Path, topics: range = range(1, 36)) -> list[GoldDoc]:
    """All documents of the given topics, in a stable order (topic, file name)."""
    docs: list[GoldDoc] = []
    for topic in topics:
        folder = root / str(topic)
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.xml")):
            docs.append(read_document(path))
    return docs


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    ari: float
    merged_share: float  # same-topic, different-event pairs put into one cluster
    clusters: int


def score(docs: list[GoldDoc], predicted: dict[str, str]) -> Scores:
    """B-cubed P/R/F1, ARI and the merged share of a clustering ``{article id: cluster}``."""
    from sklearn.metrics import adjusted_rand_score

    gold = {d.article.id: d.event for d in docs}
    ids = [d.article.id for d in docs]
    by_pred: dict[str, set[str]] = {}
    by_gold: dict[tuple[int, str], set[str]] = {}
    for i in ids:
        by_pred.setdefault(predicted[i], set()).add(i)
        by_gold.setdefault(gold[i], set()).add(i)
    prec = rec = 0.0
    for i in ids:
        inter = len(by_pred[predicted[i]] & by_gold[gold[i]])
        prec += inter / len(by_pred[predicted[i]])
        rec += inter / len(by_gold[gold[i]])
    prec, rec = prec / len(ids), rec / len(ids)
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    ari = float(adjusted_rand_score([str(gold[i]) for i in ids], [predicted[i] for i in ids]))
    cross = merged = 0
    for topic in {d.topic for d in docs}:
        ecb = [i for i in by_gold.get((topic, "ecb"), ())]
        plus = [i for i in by_gold.get((topic, "ecbplus"), ())]
        for a in ecb:
            for b in plus:
                cross += 1
                merged += predicted[a] == predicted[b]
    return Scores(prec, rec, f1, ari, merged / cross if cross else 0.0, len(by_pred))


def subcollections(docs: list[GoldDoc], seed: int = 11) -> dict[str, list[list[GoldDoc]]]:
    """Smaller collections drawn from ``docs``, by kind (fixed seed: reproducible).

    * ``one topic`` — each topic alone: two happenings of one kind, ~20 documents;
    * ``few docs`` — per topic, up to four draws of 1-4 documents of one event and
      1-2 of the other (the size of a user's handful of reports);
    * ``2 topics``, ``5 topics``, ``10 topics`` — random sets of whole topics;
    * ``one event`` — per event, two draws of 2-6 of its documents: a handful of
      reports of one happening, which must not be split (the kinds above all
      hold two events of a kind, and would reward splitting alone).
    """
    import random

    rng = random.Random(seed)
    by_topic: dict[int, list[GoldDoc]] = {}
    for d in docs:
        by_topic.setdefault(d.topic, []).append(d)
    out: dict[str, list[list[GoldDoc]]] = {"one topic": list(by_topic.values())}
    few: list[list[GoldDoc]] = []
    for topic in sorted(by_topic):
        ecb = [d for d in by_topic[topic] if d.kind == "ecb"]
        plus = [d for d in by_topic[topic] if d.kind == "ecbplus"]
        for _ in range(4):
            k1, k2 = rng.randint(1, 4), rng.randint(1, 2)
            if len(ecb) >= k1 and len(plus) >= k2:
                a, b = rng.sample(ecb, k1), rng.sample(plus, k2)
                few.append(b + a if rng.random() < 0.5 else a + b)
    out["few docs"] = few
    for k in (2, 5, 10):
        out[f"{k} topics"] = [
            [d for t in rng.sample(sorted(by_topic), k) for d in by_topic[t]]
            for _ in range(12 if k < 10 else 6)
        ]
    own = random.Random(seed + 1)  # its own draws: the kinds above stay as they were
    out["one event"] = [
        own.sample(event, own.randint(2, min(6, len(event))))
        for topic in sorted(by_topic)
        for kind in ("ecb", "ecbplus")
        if len(event := [d for d in by_topic[topic] if d.kind == kind]) >= 2
        for _ in range(2)
    ]
    return out
