"""The Spark executor: the same stage functions, scheduled on a Spark cluster.

There is no second codebase for scale: :class:`SparkExecutor` only ships the
library's own (picklable) stage functions to Spark workers, in the style of
passim's pure alignment kernels wrapped by Spark.  The per-event stages
(provenance, quote fidelity, comparison) are independent per event, so they
map over events; global steps (event clustering) stay on the driver.

pyspark is an optional extra: ``pip install 'newstrace[spark]'`` (it needs a
Java 17+ runtime).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class SparkUnavailable(RuntimeError):
    """pyspark (or Java) is not installed."""


class SparkExecutor:
    """Maps a stage function over items as Spark tasks; results come back in order."""

    def __init__(self, master: str = "local[2]", app_name: str = "newstrace",
                 session: Any | None = None) -> None:
        if session is None:
            try:
                from pyspark.sql import SparkSession
            except ImportError as exc:
                raise SparkUnavailable(
                    "the Spark executor needs pyspark: pip install 'newstrace[spark]'") from exc
            # Local workers run this interpreter, so they import the same newstrace
            # (a cluster sets PYSPARK_PYTHON itself).
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
            session = (SparkSession.builder.master(master).appName(app_name)
                       .config("spark.ui.enabled", "false").getOrCreate())
        self.session = session

    @property
    def workers(self) -> int:
        """Tasks Spark runs at once (the pipeline sizes its rounds by it)."""
        return int(self.session.sparkContext.defaultParallelism)

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> list[R]:
        batch = list(items)
        if not batch:
            return []
        context = self.session.sparkContext
        slices = max(1, min(len(batch), context.defaultParallelism))
        return list(context.parallelize(batch, numSlices=slices).map(fn).collect())

    def close(self) -> None:
        self.session.stop()

    def __enter__(self) -> SparkExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
