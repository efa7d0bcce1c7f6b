"""Per-outlet ledger: how much of each derived article was copied, reworded, added,
omitted or changed, with the spans behind each count."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newstrace.model import Span

if TYPE_CHECKING:
    from newstrace.model import Article, Finding, Provenance


@dataclass
class Ledger:
    """What one article did with its sources (spans in its own body, omitted: origin's)."""

    article_id: str
    copied: list[Span] = field(default_factory=list)
    reworded: list[Span] = field(default_factory=list)
    added: list[Span] = field(default_factory=list)
    omitted: list[Span] = field(default_factory=list)
    changed: list[Span] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {k: len(getattr(self, k))
                for k in ("copied", "reworded", "added", "omitted", "changed")}

    def chars(self) -> dict[str, int]:
        """Characters covered by each category (overlaps merged)."""
        return {k: _covered(getattr(self, k))
                for k in ("copied", "reworded", "added", "omitted", "changed")}


def _covered(spans: list[Span]) -> int:
    total, end = 0, -1
    for s in sorted(spans, key=lambda s: (s.article_id, s.start)):
        if s.start >= end:
            total += len(s)
            end = s.end
        elif s.end > end:
            total += s.end - end
            end = s.end
    return total


def build(findings: list[Finding], provenance: Provenance,
          articles_by_id: dict[str, Article]) -> dict[str, Ledger]:
    """One :class:`Ledger` per derived article of the provenance graph."""
    ledgers: dict[str, Ledger] = {}

    def get(aid: str) -> Ledger:
        return ledgers.setdefault(aid, Ledger(aid))

    for edge in provenance.edges:
        if edge.target not in articles_by_id:
            continue
        led = get(edge.target)
        for p in edge.passages:
            (led.copied if p.kind in ("verbatim", "edited") else led.reworded).append(p.target)
    for f in findings:
        if f.article_id is None or f.article_id not in articles_by_id:
            continue
        led = get(f.article_id)
        own = [s for s in f.evidence if s.article_id == f.article_id]
        if f.kind == "addition":
            led.added.extend(own)
        elif f.kind == "omission":
            led.omitted.extend(s for s in f.evidence if s.article_id != f.article_id)
        elif f.kind == "discrepancy":
            led.changed.extend(own)
    return ledgers
