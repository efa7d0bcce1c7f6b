"""The local executor: runs a stage function over items in this process or a pool.

An executor only schedules; the functions it runs are the library's stage
functions, so a Spark executor can schedule the very same ones.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Executor(Protocol):
    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> list[R]: ...


class LocalExecutor:
    """In-process by default; ``workers > 1`` uses a process pool (``fn`` must pickle).

    The pool is started on first use and kept until :meth:`close` (or the end
    of a ``with`` block): its workers load spaCy and the embeddings once and
    keep them warm across the many rounds of a run, instead of paying the
    load again for every round.
    """

    def __init__(self, workers: int = 1) -> None:
        if workers < 1:
            raise ValueError("workers must be >= 1")
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> list[R]:
        batch = list(items)
        if self.workers == 1 or len(batch) < 2:
            return [fn(item) for item in batch]
        return list(self._started().map(fn, batch))

    def as_completed(self, fn: Callable[[T], R], items: Iterable[T],
                     window: int = 0) -> Iterator[tuple[T, R]]:
        """``(item, fn(item))`` pairs as tasks finish, in any order.

        Items are drawn from ``items`` lazily, at most ``window`` (default twice
        the workers) in flight, so a lazily built task list is held a window at
        a time; a worker is handed the next item as soon as it is free, instead
        of waiting at the end of a round for the slowest task of the round.
        """
        if self.workers == 1:
            yield from ((item, fn(item)) for item in items)
            return
        pool = self._started()
        todo = iter(items)
        pending: dict[Future[R], T] = {}
        while True:
            for item in todo:
                pending[pool.submit(fn, item)] = item
                if len(pending) >= (window or 2 * self.workers):
                    break
            if not pending:
                return
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                yield pending.pop(future), future.result()

    def _started(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.workers)
        return self._pool

    def prepare(self, warm: Callable[[], object]) -> None:
        """Run ``warm`` (loading models, importing stage modules) in this process
        before the pool starts.

        Pool workers are forked from this process, so they inherit what ``warm``
        loaded (copy-on-write) instead of each paying for it again; in process
        (one worker) it is loaded once either way.  Nothing is done when the pool
        already runs or starts its workers afresh (``spawn``, as on macOS).
        """
        if self.workers == 1 or (self._pool is None
                                 and multiprocessing.get_start_method() == "fork"):
            warm()

    def close(self) -> None:
        """Stop the pool's workers (a later :meth:`map` starts a new pool)."""
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def __enter__(self) -> LocalExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
