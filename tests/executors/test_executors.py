"""Executors schedule the same stage functions: every executor gives the same analysis."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from newstrace.config import Config
from newstrace.executors.local import LocalExecutor
from newstrace.model import Article, to_dict
from newstrace.pipeline import analyse


def _square(x: int) -> int:
    return x * x


def _pid(_: int) -> int:
    return os.getpid()


def test_local_pool_keeps_order() -> None:
    with LocalExecutor(workers=2) as pool:
        assert pool.map(_square, range(10)) == [x * x for x in range(10)]
    with pytest.raises(ValueError):
        LocalExecutor(workers=0)


def test_local_pool_is_kept_across_rounds() -> None:
    """Workers stay warm between rounds of a run (models load once per worker)."""
    with LocalExecutor(workers=2) as pool:
        first = set(pool.map(_pid, range(8)))
        second = set(pool.map(_pid, range(8)))
        assert os.getpid() not in first
        assert len(first | second) <= 2  # the same two workers both times
    assert pool._pool is None  # closed at the end of the block


_warmed: list[int] = []


def _warm() -> None:
    _warmed.append(os.getpid())


def _warmed_in(_: int) -> list[int]:
    return list(_warmed)


def test_workers_inherit_what_prepare_loaded() -> None:
    """A model loaded by ``prepare`` before the pool forks is not loaded again per worker."""
    import multiprocessing

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("workers are not forked here")
    _warmed.clear()
    with LocalExecutor(workers=2) as pool:
        pool.prepare(_warm)
        assert _warmed == [os.getpid()], "warmed once, here"
        assert pool.map(_warmed_in, range(4)) == [[os.getpid()]] * 4, "inherited by each worker"
        pool.prepare(_warm)  # the pool runs: too late to share, so nothing is done
        assert _warmed == [os.getpid()]
    _warmed.clear()
    LocalExecutor(workers=1).prepare(_warm)
    assert _warmed == [os.getpid()]
    _warmed.clear()


def _comparable(analysis):  # type: ignore[no-untyped-def]
    data = to_dict(analysis)
    return {k: data[k] for k in ("events", "provenance", "quotes", "quote_checks", "entities",
                                 "findings")}


def test_spark_gives_the_local_result(seed_articles: dict[str, Article], config: Config) -> None:
    pytest.importorskip("pyspark", reason="the Spark extra is not installed")
    from newstrace.executors.spark import SparkExecutor

    articles = list(seed_articles.values())
    local = analyse(articles, config)
    with SparkExecutor("local[2]") as spark:
        assert spark.map(abs, [-3, 1, -2]) == [3, 1, 2]
        assert spark.workers == 2  # local[2]: rounds of the pipeline are sized by it
        distributed = analyse(articles, config, executor=spark)
    assert _comparable(distributed) == _comparable(local)


def _slow_square(x: int) -> int:
    import time

    time.sleep(1.0 if x == 0 else 0.0)  # the first task is the slowest
    return x * x


def test_local_pool_streams_results_as_tasks_finish() -> None:
    """A free worker takes the next item at once (no round waits for its slowest task),
    and items are drawn a window at a time."""
    drawn: list[int] = []

    def items() -> Iterator[int]:
        for x in range(12):
            drawn.append(x)
            yield x

    with LocalExecutor(workers=2) as pool:
        stream = pool.as_completed(_slow_square, items(), window=3)
        first = next(stream)
        assert len(drawn) <= 4, "no more than the window (and one more) drawn so far"
        pairs = [first, *stream]
    assert sorted(pairs) == [(x, x * x) for x in range(12)]
    assert pairs[0] != (0, 0), "a quick task finished before the slow first one"
    assert list(LocalExecutor(1).as_completed(_square, [3, 1])) == [(3, 9), (1, 1)]
