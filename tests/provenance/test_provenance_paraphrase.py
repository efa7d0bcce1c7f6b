"""Sentence paraphrase matcher: the light path, the config switch, and the MiniLM path."""

from __future__ import annotations

from pathlib import Path

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


@needs_torch
def test_adapter_round_trips_through_its_file(tmp_path: Path) -> None:
    import torch

    tokenizer, model = crossenc.build(rank=2, alpha=4.0)
    torch.manual_seed(0)
    with torch.no_grad():
        for p in model.parameters():
            if p.requires_grad:
                p.normal_(0.0, 0.05)
    model.eval()
    path = tmp_path / "adapter.npz"
    crossenc.save_adapter(model, path, {"rank": 2, "alpha": 4.0})
    tok2, loaded = crossenc.load(str(path))
    before = crossenc.logits(tokenizer, model, [REWORDED[0]], [REWORDED[1]])
    after = crossenc.logits(tok2, loaded, [REWORDED[0]], [REWORDED[1]])
    assert after == pytest.approx(before, abs=2e-2)
    assert path.stat().st_size < 1_000_000
