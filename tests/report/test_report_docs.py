"""docs/data-format.md documents every object and field of the data model.

Keeps the documentation honest: adding a field to model.py without
documenting it fails here (the idea of datasette's documentation tests).
"""

from __future__ import annotations

import dataclasses
import inspect
import re
from pathlib import Path

import pytest

from newstrace import model

DOC = Path(__file__).resolve().parents[2] / "docs" / "data-format.md"


def _sections(text: str) -> dict[str, str]:
    """Markdown sections keyed by the backticked name in their ``###`` heading."""
    parts = re.split(r"^### ", text, flags=re.M)
    out = {}
    for part in parts[1:]:
        head, _, body = part.partition("\n")
        m = re.search(r"`(\w+)`", head)
        if m:
            out[m.group(1)] = body
    return out


MODEL_CLASSES = [
    cls for _, cls in inspect.getmembers(model, inspect.isclass)
    if dataclasses.is_dataclass(cls) and cls.__module__ == model.__name__
]


def test_model_has_the_expected_classes() -> None:
    names = {c.__name__ for c in MODEL_CLASSES}
    assert {"Analysis", "Article", "Span", "Derivation", "Finding"} <= names


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda c: c.__name__)
def test_every_field_is_documented(cls: type) -> None:
    sections = _sections(DOC.read_text(encoding="utf-8"))
    assert cls.__name__ in sections, f"no '### `{cls.__name__}`' section in {DOC.name}"
    body = sections[cls.__name__]
    missing = [f.name for f in dataclasses.fields(cls) if f"`{f.name}`" not in body]
    assert not missing, f"{cls.__name__} fields not documented: {missing}"


def test_version_header_and_policy_are_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert model.FORMAT_VERSION in text
    for key in ("generated_by", "config_fingerprint", "algorithms", "`text`"):
        assert key in text
    assert re.search(r"^## Compatibility", text, flags=re.M)


def test_every_table_column_is_documented() -> None:
    from newstrace.report.tables import COLUMNS

    text = DOC.read_text(encoding="utf-8")
    for name, columns in COLUMNS.items():
        m = re.search(rf"^#### Table `{name}`\n(.*?)(?=^#|\Z)", text, flags=re.M | re.S)
        assert m, f"no '#### Table `{name}`' section in {DOC.name}"
        missing = [c for c in columns if f"`{c}`" not in m.group(1)]
        assert not missing, f"table {name}: columns not documented: {missing}"
