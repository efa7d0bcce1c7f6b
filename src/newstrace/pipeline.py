"""The data flow, one plain function per stage.

``ingest -> store -> events/threads -> (per article) entity mentions + quotes
-> entities across articles -> (per event) provenance -> fidelity -> compare``.
:func:`analyse` runs the stages over a list of articles; an executor
(``executors/``) decides how the per-event work is scheduled, but the
functions it schedules are the same everywhere (:func:`analyse_event`, each
event shipped with only what it reads: :class:`EventTask`).
The per-article work (:func:`analyse_articles`: the spaCy parse, the dominant
cost) runs in chunks on the executor too, each article's result saved; it
also keeps what entity resolution needs of the parse (``EntityCues``), so
the driver never parses, and the parse itself, packed (``nlp.pack``), which
travels in the article's :class:`EventTask` so the per-event stage restores
it instead of parsing again: one parse per article, wherever the work runs.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib
import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from newstrace import __version__, nlp
from newstrace.config import Config
from newstrace.executors.local import Executor, LocalExecutor
from newstrace.model import (
    Analysis,
    Article,
    Entity,
    EntityCues,
    Event,
    Finding,
    Ledger,
    Mention,
    Provenance,
    Quote,
    QuoteCheck,
    Skip,
    Thread,
    from_dict,
    to_dict,
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
    ledgers: list[Ledger] = field(default_factory=list)


@dataclass
class ArticleResult:
    """What the per-article stages produce for one article (its parse is not kept:
    ``cues`` holds what entity resolution needs of it)."""

    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    cues: EntityCues | None = None


#: Most articles per task of the per-article stage (one batched spaCy parse each).
ARTICLE_CHUNK = 64
#: Fewest articles per task worth its overhead (pickling, a spaCy batch of 16).
ARTICLE_CHUNK_MIN = 16
#: Tasks per worker of the per-article stage, when there are enough articles.
CHUNKS_PER_WORKER = 4


#: Output key -> module whose ``ALGORITHM`` names the versioned algorithm a run used.
_ALGORITHM_MODULES = {
    "ingest": "newstrace.ingest",
    "neardup": "newstrace.group.neardup",
    "event_candidates": "newstrace.group.candidates",
    "events": "newstrace.group.events",
    "threads": "newstrace.group.threads",
    "entities": "newstrace.entities.resolve",
    "quotes": "newstrace.quotes.extract",
    "provenance_candidates": "newstrace.provenance.candidates",
    "align": "newstrace.provenance.align",
    "paraphrase": "newstrace.provenance.paraphrase",
    "attribution": "newstrace.provenance.attribution",
    "direction": "newstrace.provenance.direction",
    "provenance": "newstrace.provenance.graph",
    "fidelity": "newstrace.quotes.fidelity",
    "compare": "newstrace.compare",
}


def algorithms() -> dict[str, str]:
    """The versioned name of every algorithm a run uses (written into each output)."""
    return {key: str(importlib.import_module(mod).ALGORITHM)
            for key, mod in _ALGORITHM_MODULES.items()}


def analyse_articles(articles: list[Article],
                     config: Config) -> list[tuple[ArticleResult, bytes]]:
    """Entity mentions, quotes and entity cues of a chunk of articles, each with its
    packed parse (``nlp.pack``); a pure function, one batched parse.

    Each article's result depends on that article and the options alone, so
    chunks run anywhere (a process pool, Spark workers) and are saved per
    article for a rerun to reuse.  The packed parse is what the per-event
    stage restores instead of parsing the article again; once packed, the
    chunk's parses leave this process's cache (nothing here reads them again).
    """
    from newstrace.entities.cues import extract_cues
    from newstrace.entities.mentions import extract_mentions
    from newstrace.quotes.extract import extract_many

    mentions = extract_mentions(articles, config)
    quotes = extract_many(articles, config)
    cues = extract_cues(articles, mentions, config)
    docs = nlp.parse(articles)  # the parses the extractors made (cached), not new ones
    out = [(ArticleResult(mentions.get(a.id, []), quotes.get(a.id, []), cues.get(a.id)),
            nlp.pack(docs[a.id])) for a in articles]
    nlp.forget(docs)
    return out


def analyse_event(
    event: Event,
    articles_by_id: dict[str, Article],
    quotes: dict[str, list[Quote]],
    entities: list[Entity],
    config: Config,
) -> EventResult:
    """Provenance, quote fidelity and comparison for one event (a pure function)."""
    from newstrace.compare import compare_event, ledger
    from newstrace.provenance.graph import trace_event
    from newstrace.quotes.fidelity import check_event

    prov = trace_event(event, articles_by_id, config)
    checks = check_event(event, prov, quotes, articles_by_id, config)
    findings = compare_event(event, prov, quotes, checks, entities, articles_by_id, config)
    ledgers = list(ledger.build(findings, prov, articles_by_id).values())
    return EventResult(prov, checks, findings, ledgers)


@dataclass
class EventTask:
    """One event and only what its stages read: its articles, their quotes, the
    entities mentioned in them (whole, with every form) and the articles' packed
    parses.  A task carries no more than its event needs, so shipping it to a
    worker costs the event's size, not the collection's."""

    event: Event
    articles: dict[str, Article]
    quotes: dict[str, list[Quote]]
    entities: list[Entity]
    #: article id -> its parse as the per-article stage packed it (``nlp.pack``)
    parses: dict[str, bytes] = field(default_factory=dict)


def run_event_task(task: EventTask, config: Config) -> EventResult:
    """:func:`analyse_event` over one :class:`EventTask` (what executors schedule).

    The articles' stored parses are restored (``nlp.restored``) rather than
    parsed again; an article without one is parsed.
    """
    with nlp.restored(task.parses):
        return analyse_event(task.event, task.articles, task.quotes, task.entities, config)


def _event_tasks(by_id: dict[str, Article], quotes: dict[str, list[Quote]],
                 entities: list[Entity]) -> Callable[[Event], EventTask]:
    """``event -> EventTask``; entities keep their collection order."""
    of_article: dict[str, set[int]] = defaultdict(set)
    for k, ent in enumerate(entities):
        for m in ent.mentions:
            of_article[m.span.article_id].add(k)

    def task(event: Event) -> EventTask:
        ids = [a for a in event.article_ids if a in by_id]
        ents = sorted(set().union(*(of_article.get(a, set()) for a in ids)))
        return EventTask(event, {a: by_id[a] for a in ids},
                         {a: quotes[a] for a in ids if a in quotes}, [entities[k] for k in ents])

    return task


def analyse(
    articles: Sequence[Article],
    config: Config | None = None,
    *,
    skipped: Sequence[Skip] = (),
    executor: Executor | None = None,
    store: StageStore | None = None,
    progress: Progress = _no_progress,
    previous_events: Sequence[Event] | None = None,
) -> Analysis:
    """Run every analysis stage over ``articles`` and return one :class:`Analysis`.

    With a ``store``, each article's and each event's results are saved as
    they are computed and reused on a rerun over the same articles with the
    same algorithms and options, so an interrupted large run resumes where it
    stopped.  With ``previous_events`` (the events of an earlier analysis),
    articles are added to them incrementally (``group.events.assign``: old
    events keep their ids and are never split or merged) instead of the whole
    collection being clustered again.
    """
    from newstrace.entities.resolve import resolve
    from newstrace.group.threads import link
    from newstrace.quotes.speakers import link_speakers

    config = config or Config()
    executor = executor or LocalExecutor()
    arts = list(articles)
    progress("events", 0, 4)
    by_id = {a.id: a for a in arts}
    events = _events(arts, by_id, previous_events, config)
    threads = link(events, arts, config)
    parses = _Parses(store)
    per_article = _run_articles(arts, executor, store, parses, config, progress)
    progress("entities", 2, 4)
    # Resolution reads the cues the per-article stage kept: no parse on the driver.
    cues = {a.id: per_article[a.id].cues or EntityCues(a.id) for a in arts}
    entities = resolve({a.id: per_article[a.id].mentions for a in arts}, arts, config, cues)
    quotes = {a.id: per_article[a.id].quotes for a in arts}
    link_speakers(quotes, entities)
    results = _run_events(events, _event_tasks(by_id, quotes, entities), executor, store,
                          parses, _corpus_key(arts), config, progress)
    _name_after_origins(events, results, by_id)
    _label_by_entities(events, threads, entities)
    algs = algorithms()
    return Analysis(
        articles=arts,
        events=events,
        threads=threads,
        provenance=[r.provenance for r in results],
        quotes=[q for a in arts for q in quotes.get(a.id, [])],
        quote_checks=[c for r in results for c in r.checks],
        entities=entities,
        findings=[f for r in results for f in r.findings],
        ledgers=[led for r in results for led in r.ledgers],
        skipped=list(skipped),
        algorithms={**algs, "newstrace": __version__},
        config_fingerprint=config.fingerprint(),
    )


def _events(articles: list[Article], by_id: dict[str, Article],
            previous: Sequence[Event] | None, config: Config) -> list[Event]:
    """Cluster the articles, or add them to the ``previous`` events (their articles still here)."""
    from newstrace.group.events import assign, cluster

    kept = [dataclasses.replace(ev, article_ids=[a for a in ev.article_ids if a in by_id])
            for ev in previous or ()]
    kept = [ev for ev in kept if ev.article_ids]
    if not kept:
        return cluster(articles, config)
    return assign(articles, kept, by_id, config)


def _name_after_origins(events: list[Event], results: list[EventResult],
                        articles_by_id: dict[str, Article]) -> None:
    """Once the origin is known, an event is named by the origin's own title, if it has one."""
    for event, result in zip(events, results, strict=True):
        titles = [articles_by_id[o].title for o in result.provenance.origins
                  if articles_by_id[o].title]
        if len(titles) == 1 and titles[0]:
            event.label = titles[0]


def _label_by_entities(events: list[Event], threads: list[Thread], entities: list[Entity],
                       top: int = 5) -> None:
    """Key entities of events and thread labels from the resolved entities.

    Clustering runs before entity resolution, so it names events by runs of
    capitalised words; once entities are resolved, "DPRK" and "North Korea"
    count as one name and a fragment of a longer name does not.  Entities are
    ranked by how many member articles mention them, then by mentions; each
    is shown in its most frequent form among those members.
    """
    of_article: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for ent in entities:
        for m in ent.mentions:
            of_article[m.span.article_id][(ent.id, m.text)] += 1

    def names(article_ids: list[str], limit: int) -> list[str]:
        arts: Counter[str] = Counter()
        mentions: Counter[str] = Counter()
        forms: dict[str, Counter[str]] = defaultdict(Counter)
        for aid in article_ids:
            arts.update({eid for eid, _ in of_article.get(aid, {})})
            for (eid, text), n in of_article.get(aid, {}).items():
                mentions[eid] += n
                forms[eid][text] += n
        need = 2 if len(article_ids) > 1 else 1
        ranked = sorted((e for e in arts if arts[e] >= need),
                        key=lambda e: (-arts[e], -mentions[e], e))[:limit]
        return [max(forms[e].items(), key=lambda kv: (kv[1], len(kv[0])))[0] for e in ranked]

    by_id = {e.id: e for e in events}
    for event in events:
        event.key_entities = names(event.article_ids, top) or event.key_entities
    for thread in threads:
        members = [a for eid in thread.event_ids if eid in by_id for a in by_id[eid].article_ids]
        if len(thread.event_ids) > 1 and (label := names(members, top - 1)):
            thread.label = " · ".join(label)


class StageStore(Protocol):
    """What :func:`analyse` needs of a store to resume (``newstrace.store.Store`` has it)."""

    def save_stage(self, stage: str, key: str, payload: Any, algorithm: str,
                   config_fingerprint: str) -> None: ...

    def load_stages(self, stage: str, algorithm: str,
                    config_fingerprint: str) -> dict[str, Any]: ...

    def save_blobs(self, stage: str, items: Iterable[tuple[str, bytes]], algorithm: str,
                   config_fingerprint: str) -> int: ...

    def load_blobs(self, stage: str, keys: Sequence[str], algorithm: str,
                   config_fingerprint: str) -> dict[str, bytes]: ...

    def blob_keys(self, stage: str, algorithm: str, config_fingerprint: str) -> set[str]: ...


class _Parses:
    """Where the packed parses wait between the per-article and per-event stages.

    With a store they are saved there (stage ``parse``, keyed by the parser's
    version alone: no option changes a parse) and read back an event batch at
    a time, so the driver never holds a large collection's parses at once and
    a rerun reuses them; without one they stay in memory.
    """

    STAGE = "parse"

    def __init__(self, store: StageStore | None) -> None:
        self.store = store
        self.version = nlp.parser_version()
        self.memory: dict[str, bytes] = {}

    def saved(self) -> set[str]:
        """Articles whose parse a rerun can reuse."""
        if self.store is None:
            return set(self.memory)
        return self.store.blob_keys(self.STAGE, self.version, "")

    def put(self, items: list[tuple[str, bytes]]) -> None:
        if self.store is None:
            self.memory.update(items)
        else:
            self.store.save_blobs(self.STAGE, items, self.version, "")

    def get(self, article_ids: Sequence[str]) -> dict[str, bytes]:
        if self.store is None:
            return {a: self.memory[a] for a in article_ids if a in self.memory}
        return self.store.load_blobs(self.STAGE, article_ids, self.version, "")


def _corpus_key(articles: Sequence[Article]) -> str:
    """Per-event results depend on the whole collection (entities are cross-document)."""
    digest = hashlib.sha256("\n".join(sorted(a.id for a in articles)).encode())
    return digest.hexdigest()[:16]


def _run_articles(
    articles: list[Article],
    executor: Executor,
    store: StageStore | None,
    parses: _Parses,
    config: Config,
    progress: Progress,
) -> dict[str, ArticleResult]:
    """The per-article stage in chunks (:func:`_article_chunks`), each article's result
    and packed parse saved (an article is reused only when both are)."""
    algs = algorithms()
    algorithm = "+".join(algs[k] for k in ("entities", "quotes"))
    fingerprint = config.fingerprint()
    done: dict[str, ArticleResult] = {}
    if store is not None:
        saved = store.load_stages("article", algorithm, fingerprint)
        parsed = parses.saved()
        done = {a.id: from_dict(ArticleResult, saved[a.id]) for a in articles
                if a.id in saved and a.id in parsed}
    todo = list({a.id: a for a in articles if a.id not in done}.values())
    if todo and hasattr(executor, "prepare"):
        executor.prepare(_warm)
    workers = max(1, int(getattr(executor, "workers", 1)))
    per_chunk = functools.partial(analyse_articles, config=config)
    if todo:
        progress("quotes", len(done), len(articles))
    for chunk, results in _scheduled(executor, per_chunk, _article_chunks(todo, workers),
                                     2 * workers):
        # the parses first: an article counts as done once its result is saved too
        parses.put([(art.id, packed) for art, (_, packed) in zip(chunk, results, strict=True)])
        for art, (result, _) in zip(chunk, results, strict=True):
            done[art.id] = result
            if store is not None:
                store.save_stage("article", art.id, to_dict(result), algorithm, fingerprint)
        progress("quotes", len(done), len(articles))
    return done


def _scheduled(executor: Executor, fn: Callable[[Any], Any], items: Iterable[Any],
               size: int) -> Iterable[tuple[Any, Any]]:
    """``(item, fn(item))`` as the executor finishes them.

    Streamed by an executor that can (``LocalExecutor.as_completed``: a free
    worker takes the next item at once); otherwise in rounds of ``size`` items
    (``executor.map``, as on Spark).  Either way ``items`` is read lazily, so
    a long task list is built a window or a round at a time.
    """
    stream = getattr(executor, "as_completed", None)
    if stream is not None:
        yield from stream(fn, items)
        return
    todo = iter(items)
    while batch := list(itertools.islice(todo, size)):
        yield from zip(batch, executor.map(fn, batch), strict=True)


def _warm() -> None:
    """Import the stage modules and load the spaCy pipeline (see ``LocalExecutor.prepare``:
    forked workers then share them instead of loading them once each)."""
    for module in ("newstrace.entities.cues", "newstrace.entities.mentions",
                   "newstrace.quotes.extract", "newstrace.provenance.graph",
                   "newstrace.quotes.fidelity", "newstrace.compare"):
        importlib.import_module(module)
    nlp.load_nlp()


def _article_chunks(todo: list[Article], workers: int) -> list[list[Article]]:
    """Chunks of at most :data:`ARTICLE_CHUNK` articles, as many as a multiple of
    ``workers`` and of even size, so no worker waits idle on the last round; and,
    if there are enough articles for chunks of :data:`ARTICLE_CHUNK_MIN`, at least
    :data:`CHUNKS_PER_WORKER` per worker, so the chunk one worker finishes last is
    short (chunks take unequal times: articles differ in length)."""
    if not todo:
        return []
    count = max(-(-len(todo) // ARTICLE_CHUNK),
                min(CHUNKS_PER_WORKER * workers, len(todo) // ARTICLE_CHUNK_MIN))
    count = -(-count // workers) * workers
    size = -(-len(todo) // count)
    return [todo[i:i + size] for i in range(0, len(todo), size)]


def _run_events(
    events: list[Event],
    task_of: Callable[[Event], EventTask],
    executor: Executor,
    store: StageStore | None,
    parses: _Parses,
    corpus: str,
    config: Config,
    progress: Progress,
) -> list[EventResult]:
    """Per-event stages in chunks, saving each chunk so a rerun skips finished events."""
    algs = algorithms()
    algorithm = "+".join(algs[k] for k in ("provenance", "fidelity", "compare"))
    fingerprint = config.fingerprint()
    keys = {ev.id: f"{corpus}:{ev.id}" for ev in events}
    done: dict[str, EventResult] = {}
    if store is not None:
        saved = store.load_stages("event", algorithm, fingerprint)
        done = {ev.id: from_dict(EventResult, saved[keys[ev.id]])
                for ev in events if keys[ev.id] in saved}
    todo = [ev for ev in events if ev.id not in done]
    per_task = functools.partial(run_event_task, config=config)
    chunk = max(8, 4 * getattr(executor, "workers", 1))

    def tasks() -> Iterable[EventTask]:
        """The tasks, their articles' parses read a chunk of events at a time."""
        for start in range(0, len(todo), chunk):
            batch = [task_of(ev) for ev in todo[start : start + chunk]]
            packed = parses.get([a for t in batch for a in t.articles])
            for t in batch:
                t.parses = {a: packed[a] for a in t.articles if a in packed}
            yield from batch

    if todo:
        progress("provenance", len(done), len(events))
    for task, result in _scheduled(executor, per_task, tasks(), chunk):
        done[task.event.id] = result
        if store is not None:
            store.save_stage("event", keys[task.event.id], to_dict(result), algorithm,
                             fingerprint)
        progress("provenance", len(done), len(events))
    progress("done", len(events), len(events))
    return [done[ev.id] for ev in events]


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
