"""Background rarity and shared passages: what keeps small collections stable."""

from __future__ import annotations

import numpy as np

from newstrace.config import Config
from newstrace.group import background, events
from newstrace.group.features import background_idf, build
from newstrace.model import Article

STATEMENT = (
    '"The council will not accept any plan that moves the harbour wall without a vote of '
    'the residents of every ward, and it will say so to the ministry in writing this week," '
    "the statement read."
)


def _art(aid: str, body: str) -> Article:
    return Article(id=aid, source=f"{aid}.txt", body=body)


def test_background_table_round_trips(tmp_path) -> None:  # type: ignore[no-untyped-def]
    texts = ["Rain hit Marlow again.", "Then Marlow and Dunmore met.", "Rain fell."]
    bg = background.count(texts, min_df=2)
    assert bg.n == 3
    assert bg.df["words"]["rain"] == 2 and "fell" not in bg.df["words"]
    assert bg.df["names"]["marlow"] == 2
    path = tmp_path / "bg.tsv.gz"
    background.dump(bg, path)
    import gzip

    with gzip.open(path, "rt", encoding="utf-8") as fh:
        assert background.parse(fh) == bg


def test_shipped_table_knows_common_words_are_common() -> None:
    bg = background.load()
    assert bg.n >= 500  # built from a real news corpus
    idf = background_idf(["said", "government", "zzqxv"], "words", 1.0)
    assert idf is not None
    assert idf[0] < idf[1] < idf[2]  # unseen terms are the rarest


def test_two_articles_weigh_words_by_news_at_large(config: Config) -> None:
    """In two articles, collection IDF cannot tell a stock word from a rare one; the blend can."""
    arts = [
        _art("a", "Officials said the pumps failed near Marlow."),
        _art("b", "Officials said the levee failed near Dunmore."),
    ]
    plain = config.with_overrides({"events": {"background_docs": 0.0}})
    with_bg, without = build(arts, config), build(arts, plain)
    col = {t: k for k, t in enumerate(with_bg.word_vocab)}
    ratio_bg = with_bg.words[0, col["pumps"]] / with_bg.words[0, col["said"]]
    ratio_plain = without.words[0, col["pumps"]] / without.words[0, col["said"]]
    assert ratio_bg > ratio_plain


def test_shared_statement_makes_one_event(config: Config) -> None:
    """With the passage signal on, two reports framing one statement differently are one event."""
    config = config.with_overrides({"events": {"verbatim_min": 10}})
    a = _art("a", "Harbour dispute deepens in the north.\n" + STATEMENT + " Fishermen worried.")
    b = _art("b", STATEMENT + "\nAnalysts expect a long legal fight over coastal funding.")
    feats = build([a, b], config)
    assert events.verbatim_pairs(feats, config) == [(0, 1)]
    assert len(events.cluster([a, b], config)) == 1
    off = config.with_overrides({"events": {"verbatim_min": 0}})
    assert events.verbatim_pairs(build([a, b], off), off) == []


def test_small_extra_raises_the_cut_for_small_collections(config: Config) -> None:
    """Off by default (0: one cut for every size); when set, a handful needs more to merge."""
    from newstrace.group.candidates import build_graph

    config = config.with_overrides({"events": {"small_extra": 0.15}})
    x = np.eye(3, dtype=np.float32)
    import scipy.sparse as sp

    small = build_graph(sp.csr_matrix(x), config)
    large = build_graph(sp.csr_matrix(np.eye(300, dtype=np.float32)), config)
    base = config.section("events").float("threshold")
    assert events.cut(small, config) > events.cut(large, config) >= base
