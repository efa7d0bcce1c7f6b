"""Unit behaviour of the grouping pieces on small hand-made inputs."""

from __future__ import annotations

import itertools
from datetime import date

import numpy as np
import pytest
import scipy.sparse as sp

from newstrace.config import Config
from newstrace.group import events, neardup, threads
from newstrace.group.candidates import build_graph, candidate_pairs
from newstrace.group.features import article_date, build, name_tokens, weigh
from newstrace.group.linkage import average_linkage
from newstrace.model import Article, Event

FLOOD = (
    "Heavy rain flooded the river town of Marlow on Tuesday, and the Harbour Trust "
    "evacuated 340 homes. Mayor Ellen Brandt said pumps from Dunmore arrived overnight. "
)
FIRE = (
    "A warehouse fire in Kestrel Bay destroyed 12 delivery vans on Friday. Fire chief "
    "Omar Villanueva said the blaze started in a battery store owned by Polder Logistics. "
)


def _art(aid: str, body: str, published: str | None = None, title: str | None = None) -> Article:
    return Article(id=aid, source=f"{aid}.txt", body=body, published=published, title=title)


def test_average_linkage_does_not_chain() -> None:
    # a-b and b-c are close, a-c unrelated: single linkage would chain all three.
    edges = {(0, 1): 0.9, (1, 2): 0.8}
    assert average_linkage(3, edges, 0.5) == [[0, 1], [2]]
    assert average_linkage(3, edges, 0.4) == [[0, 1, 2]]


def test_average_linkage_keeps_fixed_groups_apart() -> None:
    edges = {
        (0, 1): 0.9,
        (2, 3): 0.9,
        (1, 2): 0.9,
        (0, 3): 0.9,
        (0, 2): 0.9,
        (1, 3): 0.9,
        (3, 4): 0.8,
    }
    assert average_linkage(5, edges, 0.5) == [[0, 1, 2, 3], [4]]
    fixed = average_linkage(5, edges, 0.3, fixed=[[0, 1], [2, 3]])
    assert sorted(fixed) == [[0, 1], [2, 3, 4]]


def test_name_tokens_skip_sentence_starts_and_keep_numbers() -> None:
    toks = name_tokens("Rain hit Marlow. Then 340 homes in Dunmore were empty.")
    assert "marlow" in toks and "dunmore" in toks and "340" in toks
    assert "rain" not in toks and "then" not in toks


def test_article_date_prefers_published_then_text() -> None:
    assert article_date(_art("a", "May 2, 2013 text", published="2020-01-05")) == date(2020, 1, 5)
    assert article_date(_art("b", "Posted 14 June 2013\nText")) == date(2013, 6, 14)
    assert article_date(_art("c", "No date here.")) is None


def test_weigh_with_zero_offset_ignores_terms_every_article_has() -> None:
    tf = sp.csr_matrix(np.array([[1.0, 1.0, 0.0], [1.0, 0.0, 1.0]], dtype=np.float32))
    out = weigh(tf, 0.0).toarray()
    assert out[0, 0] == 0.0 and out[0, 1] > 0.0


def test_neardup_finds_reprints_not_rewrites(config: Config) -> None:
    copy = FLOOD + FLOOD.replace("Tuesday", "Tuesday night")
    arts = [
        _art("x", FLOOD + FLOOD),
        _art("y", copy),
        _art("z", FIRE + FIRE),
        _art("w", FLOOD + FLOOD),
    ]
    groups = neardup.find(arts, config)
    assert groups == [["x", "y", "w"]] or groups == [["x", "w"]]
    assert all("z" not in g for g in groups)
    assert [a for a in groups[0] if a in ("x", "w")] == ["x", "w"]


def _variants(base: str, n: int, tag: str) -> list[Article]:
    fillers = [
        "Officials gave more details later.",
        "Witnesses described the scene.",
        "Residents were told to stay away.",
        "An inquiry will follow.",
        "Photos were shared online.",
    ]
    return [_art(f"{tag}{i}", f"{base} {fillers[i % len(fillers)]} Update {i}.") for i in range(n)]


def test_cluster_separates_two_happenings_and_marks_copies(config: Config) -> None:
    arts = (
        _variants(FLOOD, 4, "f")
        + _variants(FIRE, 4, "r")
        + [_art("f-copy", _variants(FLOOD, 1, "f")[0].body)]
    )
    found = events.cluster(arts, config)
    groups = sorted(sorted(e.article_ids) for e in found)
    assert groups == [["f-copy", "f0", "f1", "f2", "f3"], ["r0", "r1", "r2", "r3"]]
    flood = next(e for e in found if "f0" in e.article_ids)
    assert flood.duplicates == {"f0": ["f-copy"]}
    assert any("Marlow" in k or "Ellen Brandt" in k for k in flood.key_entities)


def test_dates_far_apart_weaken_the_edge(config: Config) -> None:
    a, b = _variants(FLOOD, 2, "f")
    same = [_art("a", a.body, "2021-03-02"), _art("b", b.body, "2021-03-03")]
    apart = [_art("a", a.body, "2021-03-02"), _art("b", b.body, "2023-03-03")]
    strict = config.with_overrides({"events": {"date_gap_factor": 0.0}})
    assert len(events.cluster(same, strict)) == 1
    assert len(events.cluster(apart, strict)) == 2


def test_blocking_keeps_the_true_partners(config: Config) -> None:
    arts = _variants(FLOOD, 3, "f") + _variants(FIRE, 3, "r")
    feats = build(arts, config)
    a, b = candidate_pairs(feats.combined, config)
    pairs = set(zip(a.tolist(), b.tolist(), strict=True))
    assert {(0, 1), (0, 2), (1, 2), (3, 4), (3, 5), (4, 5)} <= pairs
    graph = build_graph(feats.combined, config.with_overrides({"events": {"exact_below": 0}}))
    assert graph.cosine[(0, 1)] > graph.cosine.get((0, 3), 0.0)


def test_threads_respect_the_time_gap(config: Config) -> None:
    arts = [_art("a", FLOOD, "2021-03-02"), _art("b", FLOOD + " Later.", "2021-03-20")]
    evs = [
        Event(id="E1", article_ids=["a"], dates=["2021-03-02"]),
        Event(id="E2", article_ids=["b"], dates=["2021-03-20"]),
    ]
    linked = threads.link(evs, arts, config)
    assert len(linked) == 1 and linked[0].timeline == [("2021-03-02", "E1"), ("2021-03-20", "E2")]
    short = config.with_overrides({"threads": {"max_gap_days": 7}})
    assert len(threads.link(evs, arts, short)) == 2


def test_edge_cases_empty_single_and_wordless(config: Config) -> None:
    assert events.cluster([], config) == []
    assert threads.link([], [], config) == []
    one = events.cluster([_art("a", "Rain fell.")], config)
    assert [e.article_ids for e in one] == [["a"]]
    wordless = [_art("a", "the a of"), _art("b", "and the")]
    found = events.cluster(wordless, config)
    assert sorted(e.article_ids for e in found) == [["a"], ["b"]]
    assert len(threads.link(found, wordless, config)) == 2


def test_blocked_path_agrees_with_exact_path(config: Config) -> None:
    arts = _variants(FLOOD, 4, "f") + _variants(FIRE, 4, "r")
    exact = events.cluster(arts, config)
    blocked = events.cluster(arts, config.with_overrides({"events": {"exact_below": 0}}))
    assert sorted(e.id for e in exact) == sorted(e.id for e in blocked)


def test_years_named_or_dated_raise_the_edge(config: Config) -> None:
    from newstrace.group.features import article_years

    assert article_years("The 2019 floods, and a 1930 map", date(2021, 5, 1)) == {"2019", "2021"}
    a, b, c = _variants(FLOOD, 3, "f")
    arts = [
        _art("a", a.body + " It was the worst flood since 2011."),
        _art("b", b.body, "2011-07-02"),  # its date's year counts as named
        _art("c", c.body + " The last flood was in 1998."),
    ]
    feats = build(arts, config)
    graph = build_graph(feats.combined, config)
    on = config.with_overrides({"events": {"year_weight": 0.1}})
    off = config.with_overrides({"events": {"year_weight": 0.0}})
    with_years = events.edge_weights(feats, graph, [], on)
    without = events.edge_weights(feats, graph, [], off)
    assert with_years[(0, 1)] == pytest.approx(without[(0, 1)] + 0.1)  # both: {2011}
    assert with_years[(0, 2)] == pytest.approx(without[(0, 2)])  # 2011 vs 1998
    assert with_years[(1, 2)] == pytest.approx(without[(1, 2)])
    from newstrace.group import explain

    why = explain.explain(arts[0], arts[1], arts, on)
    years = next(s for s in why["signals"] if s["signal"] == "shared_years")
    assert years["value"] == 1.0 and years["years"] == ["2011"]
    edge = next(s for s in why["signals"] if s["signal"] == "edge_weight")
    assert edge["value"] == pytest.approx(with_years[(0, 1)], abs=1e-3)



def test_explain_reports_the_weight_the_clustering_used(config: Config) -> None:
    """Every pair's explained edge weight is the one the clustering used."""
    from newstrace.group import explain

    arts = [*_variants(FLOOD, 3, "f"),
            _art("u", "Chess club elects treasurer. The members voted on Tuesday evening "
                      "to keep annual dues unchanged and to buy new clocks for juniors.")]
    feats = build(arts, config)
    edges = events.edge_weights(feats, build_graph(feats.combined, config),
                                neardup.find(arts, config), config)
    for i, j in itertools.combinations(range(len(arts)), 2):
        why = explain.explain(arts[i], arts[j], arts, config)
        edge = next(s for s in why["signals"] if s["signal"] == "edge_weight")
        assert edge["candidate"] == ((i, j) in edges)
        assert edge["value"] == pytest.approx(edges.get((i, j), 0.0), abs=1e-4)
