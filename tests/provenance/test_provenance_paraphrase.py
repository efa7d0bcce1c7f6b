"""Sentence paraphrase matcher: the light path, the config switch, and the MiniLM path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from newstrace.config import Config, ConfigError
from newstrace.provenance import crossenc, paraphrase

REWORDED = (
    "The central bank raised its benchmark interest rate by half a point on Tuesday.",
    "On Tuesday the central bank lifted its key interest rate by 0.5 percentage points.",
)
UNRELATED = (
    "The central bank raised its benchmark interest rate by half a point on Tuesday.",
    "Heavy snow closed the mountain pass and stranded hundreds of drivers overnight.",
)
OTHER_FACT = (
    "The company said it would cut 3,000 jobs in Europe by the end of next year.",
    "The company said it would add 300 jobs in Asia by the end of this year.",
)

needs_minilm = pytest.mark.skipif(
    not crossenc.available() or not crossenc.adapter_path().exists(),
    reason="needs the [minilm] extra and the shipped adapter")
needs_torch = pytest.mark.skipif(not crossenc.available(), reason="needs the [minilm] extra")


def test_light_matcher_ranks_a_rewording_above_an_unrelated_sentence() -> None:
    probs = paraphrase.score_pairs([REWORDED[0], UNRELATED[0]], [REWORDED[1], UNRELATED[1]],
                                   model="wordllama")
    assert probs[0] > 0.5 > probs[1]


def test_score_matrix_agrees_with_score_pairs() -> None:
    left = [REWORDED[0], OTHER_FACT[0]]
    right = [REWORDED[1], OTHER_FACT[1], UNRELATED[1]]
    matrix = paraphrase.score_matrix(left, right, model="wordllama")
    assert matrix.shape == (2, 3)
    pairs = paraphrase.score_pairs(left, right[:2], model="wordllama")
    assert np.allclose(np.diag(matrix[:, :2]), pairs, atol=1e-5)
    assert matrix[0].argmax() == 0


def test_embedding_cache_overflow_keeps_every_text_of_the_call(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A call whose new texts overflow the cache must still return a row for texts
    cached before it (the cache is cleared mid-call; a 100k-document run hit this)."""
    monkeypatch.setattr(paraphrase, "_CACHE", {})
    monkeypatch.setattr(paraphrase, "_CACHE_MAX", 3)
    first = paraphrase.embed(["The ministry issued a statement.", "Talks resumed on Monday."])
    both = paraphrase.embed(["The ministry issued a statement.", "Rain fell in the north.",
                             "Prices rose again.", "Talks resumed on Monday."])
    assert both.shape[0] == 4
    assert np.allclose(both[0], first[0]) and np.allclose(both[3], first[1])


def test_default_model_is_the_light_one_and_names_are_checked() -> None:
    assert paraphrase.model_name() == "wordllama"
    bad = Config().with_overrides({"provenance": {"paraphrase_model": "bert"}})
    with pytest.raises(ConfigError):
        paraphrase.model_name(bad)


@needs_minilm
def test_minilm_separates_a_rewording_from_an_unrelated_sentence() -> None:
    probs = paraphrase.score_pairs([REWORDED[0]], [REWORDED[1]], model="minilm")
    assert probs[0] > 0.5
    # the cross-encoder on its own, without the light matcher's screen
    assert crossenc.pair_logits([UNRELATED[0]], [UNRELATED[1]])[0] < 0.0
    config = Config().with_overrides({"provenance": {"paraphrase_model": "minilm"}})
    assert paraphrase.model_name(config) == "minilm"


@needs_minilm
def test_minilm_matrix_leaves_pairs_the_light_matcher_rules_out() -> None:
    left, right = [UNRELATED[0]], [UNRELATED[1], REWORDED[1]]
    light = paraphrase.score_matrix(left, right, model="wordllama")
    heavy = paraphrase.score_matrix(left, right, model="minilm")
    assert light[0, 0] < paraphrase.RESCORE_FLOOR
    assert heavy[0, 0] == pytest.approx(light[0, 0])
    assert heavy[0, 1] > 0.5


def _random_adapter(path: Path, seed: int, ffn: bool = False,
                    scale: float = 0.05) -> tuple[Any, Any]:
    """A MiniLM with random (non-zero) adapter weights, saved at ``path``."""
    import torch

    tokenizer, model = crossenc.build(rank=2, alpha=4.0, ffn=ffn)
    torch.manual_seed(seed)
    with torch.no_grad():
        for p in model.parameters():
            if p.requires_grad:
                p.normal_(0.0, scale)
    model.eval()
    crossenc.save_adapter(model, path, {"rank": 2, "alpha": 4.0, "ffn": float(ffn)})
    return tokenizer, model


@needs_torch
@pytest.mark.parametrize("ffn", [False, True])
def test_adapter_round_trips_through_its_file(tmp_path: Path, ffn: bool) -> None:
    path = tmp_path / "adapter.npz"
    tokenizer, model = _random_adapter(path, 0, ffn)
    tok2, loaded = crossenc.load(str(path))  # adapters folded into the base weights
    before = crossenc.logits(tokenizer, model, [REWORDED[0]], [REWORDED[1]])
    after = crossenc.logits(tok2, loaded, [REWORDED[0]], [REWORDED[1]])
    assert after == pytest.approx(before, abs=2e-2)
    assert path.stat().st_size < 1_000_000


@needs_torch
def test_an_ensemble_reads_the_pair_in_both_orders_across_its_adapters(tmp_path: Path) -> None:
    paths = [str(tmp_path / "a.npz"), str(tmp_path / "b.npz")]
    for seed, path in enumerate(paths):
        _random_adapter(Path(path), seed, scale=0.1)
    first, second = crossenc.load(paths[0]), crossenc.load(paths[1])
    a, b = [REWORDED[0], UNRELATED[0]], [REWORDED[1], UNRELATED[1]]
    expected = (crossenc.logits(*first, a, b) + crossenc.logits(*second, b, a)) / 2
    other = (crossenc.logits(*first, b, a) + crossenc.logits(*second, a, b)) / 2
    every_order = (expected + other) / 2
    assert not np.allclose(expected, every_order, atol=1e-3)  # the orders do differ
    assert crossenc.pair_logits(a, b, paths) == pytest.approx(expected, abs=1e-5)
    one = crossenc.pair_logits(a, b, paths[0])
    assert one == pytest.approx((crossenc.logits(*first, a, b) + crossenc.logits(*first, b, a)) / 2,
                                abs=1e-5)
