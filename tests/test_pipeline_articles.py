"""The per-article stage is scheduled on the executor and the driver never parses."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import pytest

import newstrace.nlp
from newstrace.config import Config
from newstrace.model import Article, Entity, Event, Mention, Quote, Span
from newstrace.pipeline import ARTICLE_CHUNK, _article_chunks, _event_tasks, analyse

T = TypeVar("T")
R = TypeVar("R")


def _articles(n: int) -> list[Article]:
    return [Article(id=f"x{i}", source=f"x{i}", body=f"Body {i}.") for i in range(n)]


@pytest.mark.parametrize(("n", "workers"), [(262, 2), (262, 1), (5, 2), (64, 1), (1000, 3)])
def test_article_chunks_keep_every_worker_busy(n: int, workers: int) -> None:
    arts = _articles(n)
    chunks = _article_chunks(arts, workers)
    assert [a for c in chunks for a in c] == arts, "every article once, in order"
    assert all(len(c) <= ARTICLE_CHUNK for c in chunks)
    assert len(chunks) % workers == 0 or n < workers
    assert max(map(len, chunks)) - min(map(len, chunks)) <= max(1, n // len(chunks) // 2)
    assert _article_chunks([], workers) == []


class _Guarded:
    """Runs tasks in this process, allowing the parse only inside a task."""

    workers = 2

    def __init__(self) -> None:
        self.inside = False
        self.tasks: list[str] = []

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> list[R]:
        out = []
        for item in items:
            self.tasks.append(getattr(getattr(fn, "func", fn), "__name__", "?"))
            self.inside = True
            try:
                out.append(fn(item))
            finally:
                self.inside = False
        return out


def test_driver_never_parses(seed_articles: dict[str, Article], config: Config,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Parsing happens only in executor tasks (any worker, any machine); resolution
    on the driver reads what the per-article tasks kept."""
    executor = _Guarded()
    real = newstrace.nlp.parse

    def guarded(*args: Any, **kwargs: Any) -> Any:
        assert executor.inside, "parsed on the driver, outside an executor task"
        return real(*args, **kwargs)

    newstrace.nlp.clear_cache()
    monkeypatch.setattr(newstrace.nlp, "parse", guarded)
    analysis = analyse(list(seed_articles.values()), config, executor=executor)
    assert "analyse_articles" in executor.tasks and "run_event_task" in executor.tasks
    assert analysis.entities and analysis.quotes
    assert any(e.roles for e in analysis.entities), "roles came from the per-article tasks"


def test_an_event_task_carries_only_what_its_event_reads() -> None:
    """Shipping an event to a worker costs the event's size, not the collection's."""
    arts = {a.id: a for a in _articles(4)}

    def ent(name: str, *aids: str) -> Entity:
        return Entity(name, name, "PERSON", [name],
                      [Mention(Span(a, 0, 4), name, "PERSON") for a in aids])

    both, only_far, only_near = ent("e1", "x0", "x3"), ent("e2", "x3"), ent("e3", "x1")
    quotes = {a: [Quote(f"{a}:q0", a, [Span(a, 0, 4)], "direct")] for a in arts}
    task = _event_tasks(arts, quotes, [both, only_far, only_near])(
        Event("ev1", ["x0", "x1", "gone"]))
    assert set(task.articles) == {"x0", "x1"} and set(task.quotes) == {"x0", "x1"}
    assert [e.id for e in task.entities] == ["e1", "e3"], "collection order, nothing else"
    assert len(task.entities[0].mentions) == 2, "an entity travels whole (its other forms)"
