"""Gate: the compare stage's sentence matching and attribution-verb lexicon on dev data.

1. MRPC (news sentence pairs): the claim score (max of wordllama cosine and
   rapidfuzz token-sort ratio, as in ``compare/claims.py``) must keep true
   paraphrases above ``unrelated_threshold`` (else a rewrite would be called an
   addition) and put sentences of different stories below ``carry_threshold``
   (else an addition would be taken for carried).  The thresholds were set by
   hand on the seed story, not fitted on MRPC.
2. PolNeAR dev (attribution annotations): share of single-word verb cues the
   attribution-verb lexicon (``data/lexicon_verbs.toml``) recognises, and the
   loaded-verb share per publisher.

Run: ``.venv/bin/python -m pytest eval/test_compare_gate.py -q -s``.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz

from newstrace.compare.lexicon import load
from newstrace.compare.text import embed
from newstrace.config import Config

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mrpc import load_mrpc

SAMPLE = 1500


def _mrpc(shared: Path) -> list[tuple[int, str, str]]:
    return [(label, a, b) for label, a, b, _, _ in load_mrpc(shared)[:SAMPLE]]


def _pair_scores(left: list[str], right: list[str]) -> np.ndarray:
    a, b = embed(left), embed(right)
    sem = np.clip((a * b).sum(axis=1), 0.0, 1.0)
    lex = np.array([fuzz.token_sort_ratio(x, y) / 100.0 for x, y in zip(left, right,
                                                                           strict=True)])
    return np.maximum(sem, lex)


def test_claim_matching_on_mrpc(shared_dir: Path) -> None:
    cfg = Config().section("compare")
    carry, unrelated = cfg.float("carry_threshold"), cfg.float("unrelated_threshold")
    rows = _mrpc(shared_dir)
    y = np.array([r[0] for r in rows])
    s1, s2 = [r[1] for r in rows], [r[2] for r in rows]
    same = _pair_scores(s1, s2)
    shifted = s2[97:] + s2[:97]  # a sentence of another story
    other = _pair_scores(s1, shifted)
    para_kept = float((same[y == 1] >= unrelated).mean())
    para_carried = float((same[y == 1] >= carry).mean())
    other_added = float((other < unrelated).mean())
    other_not_carried = float((other < carry).mean())
    pred = same >= carry
    tp = float((pred & (y == 1)).sum())
    f1 = 2 * tp / max(1.0, 2 * tp + float((pred & (y == 0)).sum())
                      + float((~pred & (y == 1)).sum()))
    print(f"\nMRPC first {len(rows)} pairs: paraphrases >= unrelated {para_kept:.3f}, "
          f">= carry {para_carried:.3f}; other-story pairs < unrelated {other_added:.3f}, "
          f"< carry {other_not_carried:.3f}; paraphrase F1 at carry {f1:.3f}")
    assert para_kept >= PARA_KEPT_FLOOR
    assert other_not_carried >= OTHER_NOT_CARRIED_FLOOR
    assert other_added >= OTHER_ADDED_FLOOR


def _cues(shared: Path) -> list[tuple[str, str]]:
    """(publisher, cue word) for single-word cues in PolNeAR dev."""
    base = shared / "data" / "polnear" / "dev" / "attributions"
    out = []
    for ann in sorted(base.glob("*.ann")):
        publisher = ann.name.split("_", 1)[0]
        for line in ann.read_text("utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) == 3 and parts[1].startswith("Cue "):
                text = parts[2].strip()
                if re.fullmatch(r"[A-Za-z]+", text):
                    out.append((publisher, text.lower()))
    return out


def test_attribution_verbs_on_polnear(shared_dir: Path) -> None:
    lex = load()
    cues = _cues(shared_dir)
    assert cues
    known = [lex.verb_stance(w) for _, w in cues]
    coverage = sum(k is not None for k in known) / len(cues)
    per_pub: dict[str, Counter[str]] = {}
    for (pub, _), k in zip(cues, known, strict=True):
        if k is not None:
            per_pub.setdefault(pub, Counter())[k[1]] += 1
    shares = {p: c["loaded"] / max(1, sum(c.values())) for p, c in sorted(per_pub.items())}
    missed = Counter(w for (_, w), k in zip(cues, known, strict=True) if k is None)
    print(f"\nPolNeAR dev: {len(cues)} single-word cues, lexicon coverage {coverage:.3f}; "
          "loaded share per publisher: "
          + ", ".join(f"{p} {s:.2f}" for p, s in shares.items())
          + f"; most frequent missed: {missed.most_common(12)}")
    assert coverage >= CUE_COVERAGE_FLOOR


# pinned floors, a little below the figures measured on 2026-11-23:
# paraphrases >= unrelated 0.994, other-story < carry 0.999, < unrelated 0.999
# (paraphrase F1 at carry 0.789, printed only); PolNeAR cue coverage 0.816.
PARA_KEPT_FLOOR = 0.98
OTHER_NOT_CARRIED_FLOOR = 0.99
OTHER_ADDED_FLOOR = 0.98
CUE_COVERAGE_FLOOR = 0.78

