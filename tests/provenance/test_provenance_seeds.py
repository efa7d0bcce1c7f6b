"""The user's seed story: KCNA's statement (003) is the origin; Yonhap (000), RT (001)
and TASS (002) rewrite it; TASS also copies Yonhap's own wording."""

from __future__ import annotations

import pytest

from newstrace.config import Config
from newstrace.model import Article, Derivation, Event, Provenance
from newstrace.provenance.graph import trace_event

EVENT = ("000", "001", "002", "003")


@pytest.fixture(scope="module")
def prov(seed_articles: dict[str, Article], config: Config) -> Provenance:
    event = Event("seed", [seed_articles[k].id for k in EVENT])
    return trace_event(event, {a.id: a for a in seed_articles.values()}, config)


@pytest.fixture(scope="module")
def key(seed_articles: dict[str, Article]) -> dict[str, str]:
    return {a.id: k for k, a in seed_articles.items()}


def derived(prov: Provenance, key: dict[str, str]) -> dict[tuple[str, str], Derivation]:
    return {(key[e.source], key[e.target]): e for e in prov.edges if e.kind == "derived"}


def test_origin_is_the_agency_statement(prov: Provenance, key: dict[str, str]) -> None:
    assert [key[o] for o in prov.origins] == ["003"]


def test_expected_derivation_edges(prov: Provenance, key: dict[str, str]) -> None:
    edges = derived(prov, key)
    assert {("003", "000"), ("003", "001"), ("003", "002"), ("000", "002")} <= set(edges)
    assert not any(t == "003" for _, t in edges)
    assert ("002", "000") not in edges
    assert ("000", "001") not in edges  # RT rewrote the statement, not Yonhap's report


def test_yonhap_carries_the_sentence_nearly_verbatim(
    prov: Provenance, key: dict[str, str], seed_articles: dict[str, Article]
) -> None:
    edge = derived(prov, key)[("003", "000")]
    src, tgt = seed_articles["003"], seed_articles["000"]
    hits = [p for p in edge.passages
            if "What should not be overlooked" in tgt.text(p.target)
            and "lurks behind the worrisome Japan-NATO cohesion" in tgt.text(p.target)]
    assert hits, "the 'What should not be overlooked ...' sentence is not aligned"
    p = hits[0]
    assert p.kind in ("verbatim", "edited") and p.score >= 0.9
    assert "What should not be overlooked" in src.text(p.source)
    assert any(p.kind == "edited" for p in edge.passages)
    assert any("KCNA" in a.credited or "Korean Central" in a.credited for a in edge.attributions)


def test_tass_shares_yonhap_wording_absent_from_kcna(
    prov: Provenance, key: dict[str, str], seed_articles: dict[str, Article]
) -> None:
    edge = derived(prov, key)[("000", "002")]
    tass = seed_articles["002"]
    shared = " ".join(tass.text(p.target) for p in edge.passages)
    assert "sinister\" intention to lay huge siege to China and Russia" in shared
    assert "Institute for Japan Studies of the North's Foreign Ministry" in shared
    assert any("not found in" in r for r in edge.reasons)


def test_rt_rewords_kcna_without_long_verbatim_run(
    prov: Provenance, key: dict[str, str]
) -> None:
    edge = derived(prov, key)[("003", "001")]
    assert any(p.kind == "paraphrase" for p in edge.passages)
    assert not any(p.kind == "verbatim" and len(p.target) > 100 for p in edge.passages)
    assert any("Korean Central News Agency" in a.credited for a in edge.attributions)
    assert any("credits" in r for r in edge.reasons)


def test_every_claim_points_into_the_bodies(
    prov: Provenance, seed_articles: dict[str, Article]
) -> None:
    by_id = {a.id: a for a in seed_articles.values()}
    assert prov.edges
    for edge in prov.edges:
        assert 0.0 <= edge.confidence <= 1.0 and edge.reasons
        for p in edge.passages:
            assert p.source.article_id == edge.source and p.target.article_id == edge.target
            assert 0 < p.source.end <= len(by_id[edge.source].body)
            assert 0 < p.target.end <= len(by_id[edge.target].body)
        for a in edge.attributions:
            assert a.span.article_id == edge.target
            assert a.credited in by_id[edge.target].text(a.span)


def test_later_event_is_not_needed(seed_articles: dict[str, Article], config: Config) -> None:
    """Tracing only the two agency reports still finds that TASS follows Yonhap."""
    ids = [seed_articles["000"].id, seed_articles["002"].id]
    prov = trace_event(Event("pair", ids), {a.id: a for a in seed_articles.values()}, config)
    assert len([e for e in prov.edges if e.kind in ("derived", "common-source")]) == 1
