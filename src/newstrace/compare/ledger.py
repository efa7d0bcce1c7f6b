"""Per-outlet ledger: how much of each derived article was copied, reworded, added,
omitted or changed, with the spans behind each count."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newstrace.model import Ledger

__all__ = ["Ledger", "build"]

if TYPE_CHECKING:
    from newstrace.model import Article, Finding, Provenance


def build(findings: list[Finding], provenance: Provenance,
          articles_by_id: dict[str, Article]) -> dict[str, Ledger]:
    """One :class:`Ledger` per derived article of the provenance graph."""
    ledgers: dict[str, Ledger] = {}

    def get(aid: str) -> Ledger:
        return ledgers.setdefault(aid, Ledger(aid, provenance.event_id))

    for edge in provenance.edges:
        if edge.target not in articles_by_id:
            continue
        led = get(edge.target)
        for p in edge.passages:
            (led.copied if p.kind in ("verbatim", "edited") else led.reworded).append(p.target)
    for f in findings:
        if (f.article_id is None or f.article_id not in articles_by_id
                or f.kind == "framing" or f.article_id in provenance.origins):
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
