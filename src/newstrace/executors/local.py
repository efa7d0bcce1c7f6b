"""The local executor: runs a stage function over items in this process or a pool.

An executor only schedules; the functions it runs are the library's stage
functions, so a Spark executor can schedule the very same ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from typing import Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Executor(Protocol):
    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> list[R]: ...


class LocalExecutor:
    """In-process by default; ``workers > 1`` uses a process pool (``fn`` must pickle)."""

    def __init__(self, workers: int = 1) -> None:
        if workers < 1:
            raise ValueError("workers must be >= 1")
        self.workers = workers

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> list[R]:
        batch = list(items)
        if self.workers == 1 or len(batch) < 2:
            return [fn(item) for item in batch]
        with ProcessPoolExecutor(max_workers=self.workers) as pool:
            return list(pool.map(fn, batch))
