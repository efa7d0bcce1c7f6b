"""Reader and scorer for PolNeAR (brat standoff attribution relations).

``load(split_dir)`` returns the articles (body = the .txt, so gold offsets are
body offsets) and their gold attributions; ``score(gold, predicted)`` gives
content-span F1 by token overlap and by exact token set, source accuracy on
matched contents, and recall on pure direct quotes.

Relations typed ``Attribution-no-source`` (7% of train: "it was reported
that ...", agentless passives, unattributed scare quotes) are the
annotators' statement that the text names no source: the right answer is no
speaker.  ``source_acc`` counts such a match correct iff the predicted
speaker is None; ``source_acc_strict`` is the older figure that counted every
matched no-source gold as an error whatever was predicted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from newstrace.model import Article, Quote

_WORD = re.compile(r"\w+")
_OPEN = "\"“«„‘'"
_CLOSE = "\"”»“’'"


@dataclass
class Gold:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)
    direct: bool = False  # the whole content is inside quotation marks
    no_source: bool = False  # typed Attribution-no-source: the text names no source


def _ranges(spec: str) -> list[tuple[int, int]]:
    out = []
    for part in spec.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


def _parse_ann(path: Path, text: str) -> list[Gold]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    rels: list[tuple[str, dict[str, str]]] = []
    for line in path.read_text("utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            kind, _, spec = cols[1].partition(" ")
            spans[cols[0]] = (kind, _ranges(spec))
        elif line.startswith("E") and len(cols) >= 2 and cols[1].strip():
            kind, *args = cols[1].split()
            rels.append((kind.split(":", 1)[0], dict(p.split(":", 1) for p in args)))
    out = []
    for kind, rel in rels:
        content = [r for k, v in rel.items() if k.startswith("Content")
                   for r in spans.get(v, ("", []))[1]]
        if not content:
            continue
        source = [r for k, v in rel.items() if k.startswith("Source")
                  for r in spans.get(v, ("", []))[1]]
        cue = [r for k, v in rel.items() if k.startswith("Cue") for r in spans.get(v, ("", []))[1]]
        joined = " ".join(text[a:b].strip() for a, b in sorted(content))
        direct = (len(joined) > 2 and joined[0] in _OPEN
                  and joined.rstrip(".,")[-1:] in _CLOSE
                  and not any(c in joined[1:-1].replace("’", "") for c in "\"“”"))
        out.append(Gold(sorted(content), source, cue, direct,
                        no_source=kind == "Attribution-no-source"))
    return out


def load(split_dir: Path) -> list[tuple[Article, list[Gold]]]:
    """Articles of one split with the gold of their first annotator (file order)."""
    out = []
    anns = sorted((split_dir / "attributions").glob("*.ann"))
    seen: set[str] = set()
    for ann in anns:
        name = ann.stem.rsplit("_", 1)[0]
        if name in seen:
            continue
        seen.add(name)
        text = (split_dir / "text" / f"{name}.txt").read_text("utf-8")
        out.append((Article(id=name, source=str(ann), body=text), _parse_ann(ann, text)))
    return out


def tokens(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """Positions of word tokens (start offsets) inside the spans; punctuation ignored."""
    out: set[int] = set()
    for a, b in spans:
        out.update(a + m.start() for m in _WORD.finditer(text[a:b]))
    return out


def _jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    gold: int = 0
    pred: int = 0
    overlap_tp: int = 0
    exact_tp: int = 0
    source_ok: int = 0
    source_ok_strict: int = 0  # no-source golds counted as errors (the older figure)
    no_source_matched: int = 0  # matched golds typed Attribution-no-source
    no_source_given: int = 0  # ... to which we gave a speaker all the same
    direct_gold: int = 0
    direct_overlap: int = 0
    direct_exact: int = 0

    def figures(self) -> dict[str, float]:
        def f1(tp: int) -> float:
            return _f1(tp / self.pred if self.pred else 0.0, tp / self.gold if self.gold else 0.0)

        return {
            "overlap_f1": f1(self.overlap_tp), "exact_f1": f1(self.exact_tp),
            "overlap_p": self.overlap_tp / max(1, self.pred),
            "overlap_r": self.overlap_tp / max(1, self.gold),
            "source_acc": self.source_ok / max(1, self.overlap_tp),
            "source_acc_strict": self.source_ok_strict / max(1, self.overlap_tp),
            "direct_overlap_r": self.direct_overlap / max(1, self.direct_gold),
            "direct_exact_r": self.direct_exact / max(1, self.direct_gold),
        }


def score_article(text: str, gold: list[Gold], pred: list[Quote], acc: Scores) -> None:
    """Greedy one-to-one matching by token Jaccard (>= 0.5), best pairs first."""
    g_tok = [tokens(text, g.content) for g in gold]
    p_tok = [tokens(text, [(s.start, s.end) for s in q.content]) for q in pred]
    pairs = sorted(((_jaccard(gt, pt), i, j) for i, gt in enumerate(g_tok)
                    for j, pt in enumerate(p_tok) if gt & pt), reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    acc.gold += len(gold)
    acc.pred += len(pred)
    acc.direct_gold += sum(g.direct for g in gold)
    for jac, i, j in pairs:
        if jac < 0.5 or i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        acc.overlap_tp += 1
        exact = g_tok[i] == p_tok[j]
        acc.exact_tp += exact
        if gold[i].direct:
            acc.direct_overlap += 1
            acc.direct_exact += exact
        sp = pred[j].speaker
        hit = sp is not None and bool(tokens(text, [(sp.start, sp.end)])
                                      & tokens(text, gold[i].source))
        acc.source_ok_strict += hit
        if gold[i].no_source:
            acc.no_source_matched += 1
            acc.no_source_given += sp is not None
            acc.source_ok += sp is None
        else:
            acc.source_ok += hit
