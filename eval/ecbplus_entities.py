"""ECB+ cross-document entity chains, read for scoring entity resolution.

Each document becomes an Article whose body is its tokens joined (one line per
sentence; the URL sentence 0 of ``ecbplus`` files dropped), keeping every
token's character offsets.  Gold mentions are the HUMAN_PART*, NON_HUMAN_PART*
and LOC* markables that a CROSS_DOC_COREF relation links to an instance; the
instance id is the gold entity.

Scoring: B-cubed over the gold mentions that a predicted mention overlaps
(predicted cluster = entity id), plus the share of gold mentions covered.
ECB+ marks pronouns and common nouns too, which a NER-based resolver does not
propose, so coverage is reported separately from clustering quality.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from newstrace.model import Article, Entity

_NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", "%", ")", "'s", "n't", "'re", "'ll", "'ve", "'d"}
_KINDS = ("HUMAN_PART", "NON_HUMAN_PART", "LOC")


@dataclass(frozen=True)
class GoldMention:
    article_id: str
    start: int
    end: int
    instance: str


def _read(path: Path) -> tuple[Article, list[GoldMention]]:
    root = ET.parse(path).getroot()
    plus = path.stem.endswith("ecbplus")
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    pos, sent = 0, None
    for tok in root.iter("token"):
        if plus and tok.get("sentence") == "0":
            continue
        text = tok.text or ""
        sep = "" if not parts else "\n" if tok.get("sentence") != sent else \
            "" if text in _NO_SPACE_BEFORE else " "
        sent = tok.get("sentence")
        parts.append(sep)
        pos += len(sep)
        offsets[tok.get("t_id", "")] = (pos, pos + len(text))
        parts.append(text)
        pos += len(text)
    art = Article(id=path.stem, source=str(path), body="".join(parts))
    return art, _gold(root, offsets, art.id)


def _gold(root: ET.Element, offsets: dict[str, tuple[int, int]],
          article_id: str) -> list[GoldMention]:
    spans: dict[str, tuple[int, int]] = {}
    markables = root.find("Markables")
    for mark in markables if markables is not None else []:
        if not mark.tag.startswith(_KINDS):
            continue
        toks = [offsets[a.get("t_id", "")] for a in mark.findall("token_anchor")
                if a.get("t_id") in offsets]
        if toks:
            spans[mark.get("m_id", "")] = (min(t[0] for t in toks), max(t[1] for t in toks))
    out = []
    for rel in root.iter("CROSS_DOC_COREF"):
        inst = rel.get("note", "")
        for src in rel.findall("source"):
            m_id = src.get("m_id", "")
            if m_id in spans:
                out.append(GoldMention(article_id, *spans[m_id], inst))
    return out


def load(ecb_dir: Path, topics: list[int]) -> tuple[list[Article], list[GoldMention]]:
    arts, gold = [], []
    for topic in topics:
        for path in sorted((ecb_dir / str(topic)).glob("*.xml")):
            art, g = _read(path)
            arts.append(art)
            gold.extend(g)
    return arts, gold


def bcubed(gold: list[GoldMention], entities: list[Entity]) -> dict[str, float]:
    """B-cubed P/R/F1 over gold mentions matched by a predicted mention, and coverage."""
    return _figures(gold, match(gold, _predicted(entities)))


def _predicted(entities: list[Entity]) -> dict[str, list[tuple[int, int, str]]]:
    pred: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for ent in entities:
        for m in ent.mentions:
            pred[m.span.article_id].append((m.span.start, m.span.end, ent.id))
    return pred


def _figures(gold: list[GoldMention], assigned: list[tuple[str, str]]) -> dict[str, float]:
    return _b3(assigned) | {"coverage": len(assigned) / max(1, len(gold)),
                            "matched": float(len(assigned))}


def match(gold: list[GoldMention],
          pred: dict[str, list[tuple[int, int, str]]]) -> list[tuple[str, str]]:
    """(gold instance, predicted entity) for each gold mention a predicted mention overlaps.

    The predicted mention sharing the most characters wins (then the earliest),
    so "Huntsville, Texas" is scored by "Huntsville", not by whichever entity
    happened to be listed first.
    """
    out: list[tuple[str, str]] = []
    for g in gold:
        hits = [(min(t, g.end) - max(s, g.start), -s, e)
                for s, t, e in pred[g.article_id] if s < g.end and g.start < t]
        if hits:
            out.append((g.instance, max(hits)[2]))
    return out


def _b3(pairs: list[tuple[str, str]]) -> dict[str, float]:
    by_gold: dict[str, list[int]] = defaultdict(list)
    by_pred: dict[str, list[int]] = defaultdict(list)
    for i, (g, p) in enumerate(pairs):
        by_gold[g].append(i)
        by_pred[p].append(i)
    precision = recall = 0.0
    for g, p in pairs:
        gs, ps = set(by_gold[g]), set(by_pred[p])
        inter = len(gs & ps)
        precision += inter / len(ps)
        recall += inter / len(gs)
    n = max(1, len(pairs))
    p, r = precision / n, recall / n
    return {"b3_p": p, "b3_r": r, "b3_f1": 2 * p * r / (p + r) if p + r else 0.0}


def _covered(gold: list[GoldMention], pred: dict[str, list[tuple[int, int, str]]]) -> list[bool]:
    return [any(s < g.end and g.start < t for s, t, _ in pred[g.article_id]) for g in gold]


def pooled(per_topic: dict[int, list[tuple[str, str]]]) -> dict[str, float]:
    """B-cubed over the matched mentions of several topics (each resolved on its own)."""
    pairs = [(f"{t}:{g}", f"{t}:{p}") for t, ps in per_topic.items() for g, p in ps]
    return _b3(pairs)


def string_baseline(gold: list[GoldMention], entities: list[Entity]) -> dict[str, float]:
    """Same matched mentions, clustered by exact lower-cased surface form (for comparison)."""
    return _figures(gold, _string_pairs(gold, entities))


def _string_pairs(gold: list[GoldMention], entities: list[Entity]) -> list[tuple[str, str]]:
    renamed = [Entity(id="s:" + m.text.lower(), name=m.text, label=m.label, mentions=[m])
               for e in entities for m in e.mentions]
    return match(gold, _predicted(renamed))


@dataclass
class TopicScores:
    """Per-topic and pooled B-cubed of the resolver and of the exact-string baseline."""

    per_topic: dict[int, dict[str, float]]
    ours: dict[int, list[tuple[str, str]]]
    baseline: dict[int, list[tuple[str, str]]]
    gold: int
    unmatched: dict[int, list[str]] = field(default_factory=dict)

    def pooled(self, baseline: bool = False) -> dict[str, float]:
        return pooled(self.baseline if baseline else self.ours)

    def pooled_all(self) -> dict[str, float]:
        """B-cubed over every gold mention, each one no predicted mention covers a singleton."""
        pairs = dict(self.ours)
        for t, insts in self.unmatched.items():
            pairs[t] = [*pairs.get(t, []), *((g, f"unmatched:{k}") for k, g in enumerate(insts))]
        return pooled(pairs)

    def spread(self) -> dict[str, float]:
        f1s = [f["b3_f1"] for f in self.per_topic.values()]
        return {"min": min(f1s), "mean": sum(f1s) / len(f1s)}


def evaluate(ecb_dir: Path, topics: list[int],
             resolver: Callable[[list[Article]], list[Entity]]) -> TopicScores:
    """Resolve each topic's documents as one collection and score them."""
    out = TopicScores({}, {}, {}, 0)
    for topic in topics:
        if not (ecb_dir / str(topic)).is_dir():
            continue  # topics 15 and 17 do not exist
        arts, gold = load(ecb_dir, [topic])
        ents = resolver(arts)
        out.ours[topic] = match(gold, _predicted(ents))
        covered = _covered(gold, _predicted(ents))
        out.unmatched[topic] = [g.instance for g, c in zip(gold, covered, strict=True) if not c]
        out.baseline[topic] = _string_pairs(gold, ents)
        out.per_topic[topic] = _figures(gold, out.ours[topic])
        out.gold += len(gold)
    return out
