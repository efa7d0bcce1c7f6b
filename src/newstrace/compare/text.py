"""Small text helpers shared by the compare modules: quotations, datelines, embeddings.

Quotation pairing is written by hand because no library here exposes
quote-mark spans with offsets; the rules are the typographic ones (straight
double quotes pair in order, curly quotes open/close, a single curly quote
closes only when not followed by a letter, so apostrophes are not quotes).
"""

from __future__ import annotations

import functools
import pathlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

_QUOTE_RES = (
    re.compile(r'"([^"\n]+)"'),
    re.compile(r"“([^”\n]+)”"),
    re.compile(r"‘([^’\n]+)’(?![A-Za-z])"),
    re.compile(r"(?<![A-Za-z])'([^'\n]+)'(?![A-Za-z])"),
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")

# "PLACE, May 15 (Agency) --" or "PLACE, May 15. /Agency/." at the start of a body.
_DATELINE = re.compile(
    r"^\W*[A-Z][A-Za-z .'-]{1,40},\s+[A-Z][a-z]{2,9}\.?\s+\d{1,2}\b[^\n]{0,40}?(--|—|–|/\.|\)\s*-)",
    re.MULTILINE,
)


@dataclass(frozen=True)
class Quoted:
    """A stretch in quotation marks: ``start``/``end`` cover the inner text."""

    start: int
    end: int
    text: str

    @property
    def words(self) -> int:
        return len(_WORD.findall(self.text))


def quoted_segments(text: str) -> list[Quoted]:
    """All quotation-marked stretches of ``text`` (inner offsets), outermost first."""
    found: list[Quoted] = []
    for rx in _QUOTE_RES:
        for m in rx.finditer(text):
            found.append(Quoted(m.start(1), m.end(1), m.group(1)))
    found.sort(key=lambda q: (q.start, -q.end))
    return found


def is_scare_quote(q: Quoted, max_words: int) -> bool:
    """A short quoted word or phrase (not a quoted sentence): the outlet keeps its distance."""
    stripped = q.text.strip()
    if q.words <= min(3, max_words):
        return q.words > 0
    return q.words <= max_words and not stripped.endswith((".", "?", "!", ","))


def inside_quotes(pos: int, segments: list[Quoted]) -> Quoted | None:
    """The innermost quoted segment containing offset ``pos``."""
    best: Quoted | None = None
    for q in segments:
        if q.start <= pos < q.end and (best is None or q.end - q.start < best.end - best.start):
            best = q
    return best


def dateline_end(body: str) -> int:
    """Offset where a leading news dateline ends (0 if the body has none)."""
    m = _DATELINE.search(body[:400])
    return m.end() if m else 0


def words(text: str) -> list[str]:
    """Lower-case word tokens (letters, inner apostrophes and hyphens)."""
    return [w.lower().strip("'’-") for w in _WORD.findall(text)]


@functools.lru_cache(maxsize=1)
def _wordllama():  # type: ignore[no-untyped-def]
    import wordllama
    from wordllama import WordLlama

    return WordLlama.load(cache_dir=pathlib.Path(wordllama.__file__).parent,
                          disable_download=True)


def embed(texts: list[str]) -> NDArray[np.float32]:
    """Unit-normalised wordllama sentence embeddings (offline), one row per text."""
    if not texts:
        return np.zeros((0, 1), dtype=np.float32)
    vecs = np.asarray(_wordllama().embed(texts, norm=True), dtype=np.float32)
    return vecs
