"""The data flow, one plain function per stage.

``ingest -> store -> events/threads -> entities -> quotes -> (per event)
provenance -> fidelity -> compare``.  :func:`analyse` runs the stages over a
list of articles; an executor (``executors/``) decides how the per-event work
is scheduled, but the functions it schedules are the same everywhere.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newstrace import __version__
from newstrace.config import Config
from newstrace.executors.local import Executor, LocalExecutor
from newstrace.model import (
    Analysis,
    Article,
    Entity,
    Event,
    Finding,
    Provenance,
    Quote,
    QuoteCheck,
    Skip,
)

#: ``progress(stage, done, total)`` — called as work advances (the CLI draws a bar).
Progress = Callable[[str, int, int], None]


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


@dataclass
class EventResult:
    """What the per-event stages produce for one event."""

    provenance: Provenance
    checks: list[QuoteCheck] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def algorithms() -> dict[str, str]:
    """The versioned name of every algorithm a run uses (written into each output)."""
    from newstrace.compare import ALGORITHM as compare_alg
    from newstrace.entities.resolve import ALGORITHM as entities_alg
    from newstrace.group.events import ALGORITHM as events_alg
    from newstrace.group.threads import ALGORITHM as threads_alg
    from newstrace.provenance.align import ALGORITHM as align_alg
    from newstrace.provenance.graph import ALGORITHM as prov_alg
    from newstrace.quotes.extract import ALGORITHM as quotes_alg
    from newstrace.quotes.fidelity import ALGORITHM as fidelity_alg

    return {
        "events": events_alg,
        "threads": threads_alg,
        "entities": entities_alg,
        "quotes": quotes_alg,
        "align": align_alg,
        "provenance": prov_alg,
        "fidelity": fidelity_alg,
        "compare": compare_alg,
    }


def analyse_event(
    event: Event,
    articles_by_id: dict[str, Article],
    quotes: dict[str, list[Quote]],
    entities: list[Entity],
    config: Config,
) -> EventResult:
    """Provenance, quote fidelity and comparison for one event (a pure function)."""
    from newstrace.compare import compare_event
    from newstrace.provenance.graph import trace_event
    from newstrace.quotes.fidelity import check_event

    prov = trace_event(event, articles_by_id, config)
    checks = check_event(event, prov, quotes, articles_by_id, config)
    findings = compare_event(event, prov, quotes, checks, entities, articles_by_id, config)
    return EventResult(prov, checks, findings)


def analyse(
    articles: Sequence[Article],
    config: Config | None = None,
    *,
    skipped: Sequence[Skip] = (),
    executor: Executor | None = None,
    progress: Progress = _no_progress,
) -> Analysis:
    """Run every analysis stage over ``articles`` and return one :class:`Analysis`."""
    from newstrace.entities.mentions import extract_mentions
    from newstrace.entities.resolve import resolve
    from newstrace.group.events import cluster
    from newstrace.group.threads import link
    from newstrace.quotes.extract import extract_many
    from newstrace.quotes.speakers import link_speakers

    config = config or Config()
    executor = executor or LocalExecutor()
    arts = list(articles)
    by_id = {a.id: a for a in arts}
    steps = 5
    progress("events", 0, steps)
    events = cluster(arts, config)
    threads = link(events, arts, config)
    progress("entities", 1, steps)
    entities = resolve(extract_mentions(arts, config), arts, config)
    progress("quotes", 2, steps)
    quotes = extract_many(arts, config)
    link_speakers(quotes, entities)
    progress("provenance", 3, steps)
    per_event = functools.partial(
        analyse_event, articles_by_id=by_id, quotes=quotes, entities=entities, config=config
    )
    results = executor.map(per_event, events)
    progress("report", 4, steps)
    analysis = Analysis(
        articles=arts,
        events=events,
        threads=threads,
        provenance=[r.provenance for r in results],
        quotes=[q for a in arts for q in quotes.get(a.id, [])],
        quote_checks=[c for r in results for c in r.checks],
        entities=entities,
        findings=[f for r in results for f in r.findings],
        skipped=list(skipped),
        algorithms={**algorithms(), "newstrace": __version__, "config": config.fingerprint()},
    )
    progress("done", steps, steps)
    return analysis


def trace(
    paths: Sequence[str | Path],
    config: Config | None = None,
    *,
    progress: Progress = _no_progress,
) -> Analysis:
    """Ingest ``paths`` and analyse them: the library form of ``newstrace trace``."""
    from newstrace.ingest import read_paths

    config = config or Config()
    result = read_paths(list(paths), config)
    return analyse(result.articles, config, skipped=result.skipped, progress=progress)
