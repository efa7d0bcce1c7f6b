"""Versioned JSON output (``newstrace.v1``).

The document is ``model.to_dict(analysis)`` plus a ``generated_by`` block
(package version, the algorithms of every stage, the config fingerprint),
and every :class:`Span` additionally carries ``text``: the characters it
covers, so a reader can check claims without recomputing offsets.  Extra
keys are ignored by ``model.from_dict``, so the file loads back unchanged.
The layout is documented in ``docs/data-format.md``.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from newstrace import __version__
from newstrace.model import FORMAT_VERSION, Analysis, Span, from_dict
from newstrace.report.view import config_fingerprint, stage_algorithms

ALGORITHM = "jsonout.v1"


def to_json(analysis: Analysis) -> dict[str, Any]:
    """The analysis as a JSON-able dict in the ``newstrace.v1`` layout."""
    bodies = {a.id: a.body for a in analysis.articles}
    doc: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "generated_by": {
            "newstrace": __version__,
            "algorithms": stage_algorithms(analysis),
            "config_fingerprint": config_fingerprint(analysis),
        },
    }
    body = encode(analysis, bodies)
    body.pop("format", None)  # always the version this writer produces
    doc.update(body)
    return doc


def encode(obj: Any, bodies: dict[str, str]) -> Any:
    """Like ``model.to_dict``, but each Span also gets the ``text`` it covers."""
    if isinstance(obj, Span):
        body = bodies.get(obj.article_id)
        text = body[obj.start : obj.end] if body is not None else None
        return {"article_id": obj.article_id, "start": obj.start, "end": obj.end, "text": text}
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: encode(getattr(obj, f.name), bodies) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [encode(v, bodies) for v in obj]
    if isinstance(obj, dict):
        return {str(k): encode(v, bodies) for k, v in obj.items()}
    return obj


def spans_in(node: Any) -> list[dict[str, Any]]:
    """Every span object (``article_id``, ``start``, ``end``, ``text``) in a loaded document,
    so a reader can check each claim against the text it quotes."""
    if isinstance(node, dict):
        own = [node] if {"article_id", "start", "end", "text"} <= set(node) else []
        return own + [s for v in node.values() for s in spans_in(v)]
    if isinstance(node, list):
        return [s for v in node for s in spans_in(v)]
    return []


def dumps(analysis: Analysis) -> str:
    """The JSON document as text (UTF-8 friendly, stable key order of the model)."""
    return json.dumps(to_json(analysis), ensure_ascii=False, indent=1)


def write(analysis: Analysis, path: str | Path) -> Path:
    """Write the JSON document atomically: temp file beside ``path``, fsync, rename."""
    return atomic_write_text(Path(path), dumps(analysis) + "\n")


def atomic_write_text(path: Path, text: str) -> Path:
    """Readers never see a half-written file: the rename is the only visible step."""
    return atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk, rename it over."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual mode
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def load(path: str | Path) -> Analysis:
    """Read a ``newstrace.v1`` file back into an :class:`Analysis`."""
    data = json.loads(Path(path).read_text("utf-8"))
    return from_json(data)


def from_json(data: dict[str, Any]) -> Analysis:
    """Inverse of :func:`to_json`; refuses documents of another major format."""
    fmt = data.get("format", "")
    if not str(fmt).startswith("newstrace.v1"):
        raise ValueError(f"unsupported format {fmt!r} (this reader knows newstrace.v1)")
    return from_dict(Analysis, data)
