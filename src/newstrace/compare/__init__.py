"""Discrepancies, additions, omissions and framing per outlet.

:func:`compare_event` compares every derived article of an event with the
origin it descends from in the provenance graph and returns
:class:`~newstrace.model.Finding` objects, each backed by character spans.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newstrace.compare import additions as _add
from newstrace.compare import attribution as _attr
from newstrace.compare import discrepancies as _disc
from newstrace.compare import framing as _frame
from newstrace.compare.context import build

if TYPE_CHECKING:
    from newstrace.config import Config
    from newstrace.model import Article, Entity, Event, Finding, Provenance, Quote, QuoteCheck

ALGORITHM = "compare.v1"

__all__ = ["ALGORITHM", "compare_event"]


def compare_event(event: Event, provenance: Provenance, quotes: dict[str, list[Quote]],
                  checks: list[QuoteCheck], entities: list[Entity],
                  articles_by_id: dict[str, Article], config: Config) -> list[Finding]:
    """All findings for one event: discrepancies, additions, omissions, framing.

    Articles without a path to an origin in ``provenance`` are only covered by
    the event-wide checks (gender, labels); an event with no origin yields none.
    """
    cfg = config.section("compare")
    ctx = build(event, provenance, quotes, checks, entities, articles_by_id, cfg)
    if not ctx.origin_of:
        return []
    steps = [_disc.names, _disc.entity_spellings, _disc.roles, _disc.genders, _disc.dates,
             _disc.numbers, _disc.places, _attr.attributions, _add.additions, _add.omissions,
             _frame.verbs, _frame.distance, _frame.adopted, _frame.labels, _frame.headline]
    findings: list[Finding] = []
    for step in steps:
        findings.extend(step(ctx))
    return findings
