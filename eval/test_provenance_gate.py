"""Gate: derivation graph quality on the synthetic benchmark of eval/derivations.py.

Real PolNeAR article bodies, derived by reprints, edited excerpts, light and heavy
rewrites in chains up to three deep, plus quote-only pairs and 25 % distractors.
Run: ``.venv/bin/python -m pytest eval/test_provenance_gate.py -q -s``
(or ``.venv/bin/python eval/derivations.py 40`` for the figures alone).
"""

from __future__ import annotations

import sys
from pathlib import Path

from newstrace.config import Config
from newstrace.provenance.graph import trace

sys.path.insert(0, str(Path(__file__).resolve().parent))
import derivations

# Measured 2026-11-23 with 40 families (seed 7, 203 docs, 138 gold edges), after the
# benchmark was made more honest (one house style per outlet, true times behind bare
# dates, no stray quotation marks in filler; the code before that round scores
# 0.900 / 0.829 / 0.754 / 0.832 on it):
# round 2: pair 0.950, directed-ancestor 0.904, direct-parent 0.870, passage-character 0.893
# (mean over seeds 7-11: 0.931 / 0.899 / 0.846 / 0.886).
# Round 3 (same day; edited passages cut to the copied text and at paragraph breaks,
# typography in the parent choice, direction-less pairs ordered by the chains around
# them): pair 0.948, directed-ancestor 0.931, direct-parent 0.881, passage-character
# 0.931 (mean over seeds 7-11: 0.937 / 0.912 / 0.861 / 0.922).
# Round 4 (2026-11-23): the benchmark made more faithful to the description
# (distractors a quarter of all documents and on the families' topics, at realistic
# times; name variants: honorifics, middle initials, hyphenated names, "per cent";
# credits in four forms, sometimes naming the chain's origin; edits keep quotation
# marks; quotations kept whole by rewrites, in two-apostrophe style too; quote-only
# pairs of one or two sentences in varied frames).  Seed 7 (256 docs, 142 gold edges):
#   round-3 code: pair 0.914, directed-ancestor 0.878, direct-parent 0.816, passage 0.904
#   round-4 code: pair 0.928, directed-ancestor 0.905, direct-parent 0.816, passage 0.900
# mean over seeds 7-11 (used for error analysis): 0.926/0.896/0.837/0.893 -> 0.938/0.911/
# 0.856/0.905; seeds 21-25 (not looked at while changing code): 0.925/0.895/0.835/0.907 ->
# 0.932/0.902/0.853/0.919.
# Round 5 (2026-11-23): passage characters scored apart from direction, as the issue
# scores them (passim has no direction); the old directed figure is kept as
# passage_char_f1_directed.  Parent choice by shared innovations, a second ordering
# round, same-day times, typography; passages take in the words kept between edits.
# Seed 7: pair 0.942, ancestor 0.942, parent 0.871, passage 0.943 (directed 0.943).
# Seeds 7-11 mean 0.952 / 0.945 / 0.902 / 0.961; seeds 21-25 (held-out-like, scored in
# test_derivation_benchmark_held_out_seeds) 0.947 / 0.934 / 0.886 / 0.960.
# Round 6 (2026-11-23, provenance.v5 / align.v4): a copy whose text cannot tell a source
# from that source's unchanged reprint names both as parents (each edge says either may
# be its parent) instead of guessing the later one; evidence between candidate sources
# only from exact runs of 4+ words; a lead or tail (credit, dateline) a later candidate
# added and the target lacks counts for the earlier one; a short sentence moved into an
# edited passage's gap is matched.  Scorer: a house-style hyphen join ("Jeanluc") is
# copied text (passage figures move by 0.0002-0.0005).  Round-5 code -> round-6 code,
# both on that scorer:
#   seed 7: 0.942/0.942/0.871/0.943 -> 0.946/0.946/0.890/0.972
#   seeds 7-11 (tuning): 0.952/0.945/0.902/0.961 -> 0.953/0.946/0.909/0.977
#   seeds 12-20 (fresh this round, used to reject looser ties that did well on 7-11
#   only): 0.954/0.946/0.915/0.973 -> 0.955/0.947/0.923/0.985
#   seeds 21-25 (held-out-like): 0.947/0.934/0.886/0.960 -> 0.948/0.935/0.891/0.970
# Round 7 (2026-11-23): no change kept, so provenance.v5's figures and floors stand.
# Pair errors on seeds 7-11: 75 sibling pairs reported as derived (45 as direct edges),
# 42 gold pairs missed (23 with no edge at all: heavy rewrites, mostly of heavy rewrites,
# that copied 25-250 characters), 9 reversed.  44 of the 45 direct sibling edges hang a copy
# from an unchanged reprint of its true parent.  The gold parent handed to the parent
# choice (an oracle, seeds 7-11): for every choice pair 0.982; only where the target's
# text cannot tell a source from its reprint (the ties) 0.965; every choice except those
# between a source and its reprint 0.955; gold directions instead 0.957.  The ties split
# 24 sibling / 19 chain on 7-11, and nothing separates them: in a tie the reprint differs
# from its source nowhere the target shows, and the benchmark's copies follow their
# source by 1-30 h uniformly, so dates barely lean either way.  The gap to 0.98 is mostly
# the choice between a source and its reprint (the ties about half of it).
# Measured and rejected (seeds 7-11, pair/ancestor/parent/passage, against
# 0.9526/0.9456/0.9090/0.9773): a tie resolved to the upstream source 0.9529/0.9457/
# 0.9084/0.9616 (passage below its goal); to the later one 0.9526/0.9456/0.9051/0.9628;
# min_derived_chars 60: 0.9543/0.9474/0.9098/0.9773 (the benchmark's unrelated texts
# share no wording by construction, so it cannot show what 60 characters of a stock
# phrase would make derived in real news); 90: no change; equal-length pairs with no
# evidence ordered by a hash of the ids rather than by the ids (which follow the
# benchmark's naming, c1 before c2): 0.9530/0.9459/0.9076/0.9768.
FLOORS = {"pair_f1": 0.945, "ancestor_f1": 0.945, "parent_f1": 0.885, "passage_char_f1": 0.968}
HELD_OUT_SEEDS = (21, 22, 23, 24, 25)
HELD_OUT_FLOORS = {"pair_f1": 0.945, "ancestor_f1": 0.933, "parent_f1": 0.888,
                   "passage_char_f1": 0.968}


def test_derivation_benchmark(shared_dir: Path, config: Config) -> None:
    docs, gold = derivations.build(40, seed=7, shared=shared_dir)
    prov = trace("bench", derivations.articles(docs), config)
    got = derivations.score(prov, docs, gold)
    print("\n" + "  ".join(f"{k}={v:.3f}" for k, v in got.items()))
    for key, floor in FLOORS.items():
        assert got[key] >= floor, f"{key} {got[key]:.3f} < {floor}"


def test_derivation_benchmark_held_out_seeds(shared_dir: Path, config: Config) -> None:
    """Mean over five benchmark seeds never looked at while changing the code."""
    runs = []
    for seed in HELD_OUT_SEEDS:
        docs, gold = derivations.build(40, seed=seed, shared=shared_dir)
        prov = trace("bench", derivations.articles(docs), config)
        runs.append(derivations.score(prov, docs, gold))
    mean = {k: sum(r[k] for r in runs) / len(runs) for k in HELD_OUT_FLOORS}
    print("\nheld-out seeds " + "  ".join(f"{k}={v:.3f}" for k, v in mean.items()))
    for key, floor in HELD_OUT_FLOORS.items():
        assert mean[key] >= floor, f"{key} {mean[key]:.3f} < {floor}"


def test_quote_only_pairs_are_not_derived(shared_dir: Path, config: Config) -> None:
    docs, _ = derivations.build(16, seed=11, shared=shared_dir)
    quoters = {d.id for d in docs if d.id.startswith("q")}
    assert quoters
    prov = trace("quotes", derivations.articles(docs), config)
    between = [e for e in prov.edges if e.source in quoters and e.target in quoters]
    assert len(between) == len(quoters) // 2  # each pair is seen sharing the quote ...
    assert all(e.kind == "common-source" for e in between)  # ... and not as copying
