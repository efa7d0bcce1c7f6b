"""Executors schedule the same stage functions: every executor gives the same analysis."""

from __future__ import annotations

import pytest

from newstrace.config import Config
from newstrace.executors.local import LocalExecutor
from newstrace.model import Article, to_dict
from newstrace.pipeline import analyse


def _square(x: int) -> int:
    return x * x


def test_local_pool_keeps_order() -> None:
    assert LocalExecutor(workers=2).map(_square, range(10)) == [x * x for x in range(10)]
    with pytest.raises(ValueError):
        LocalExecutor(workers=0)


def _comparable(analysis):  # type: ignore[no-untyped-def]
    data = to_dict(analysis)
    return {k: data[k] for k in ("events", "provenance", "quote_checks", "findings")}


def test_spark_gives_the_local_result(seed_articles: dict[str, Article], config: Config) -> None:
    pytest.importorskip("pyspark", reason="the Spark extra is not installed")
    from newstrace.executors.spark import SparkExecutor

    articles = list(seed_articles.values())
    local = analyse(articles, config)
    with SparkExecutor("local[2]") as spark:
        assert spark.map(abs, [-3, 1, -2]) == [3, 1, 2]
        distributed = analyse(articles, config, executor=spark)
    assert _comparable(distributed) == _comparable(local)
