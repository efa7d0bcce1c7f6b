"""End to end on the bundled example: what a careful analyst reads in the five seeds.

Expected answers (our own reading of examples/):
- 000 (Yonhap), 001 (RT), 002 (TASS), 003 (KCNA) report one event: KCNA's
  statement; 004 (Firstpost) reports a later statement, the same thread.
- The origin is KCNA's own text (003).  Yonhap and RT derive from it; TASS
  shares wording that Yonhap introduced and KCNA lacks, so Yonhap -> TASS.
- Kim Sol-hwa / Kim Sol Hwa / Kim Seol-hwa are one person.
- RT says "he", TASS says "she": a gender discrepancy.  RT calls Kim an
  official of a "Japan Research Center": a role/affiliation discrepancy.
- RT adds a Nikkei Asia report the origin does not contain.
"""

from __future__ import annotations

import pytest

from newstrace.model import Analysis, Article, Span
from newstrace.pipeline import analyse


@pytest.fixture(scope="module")
def analysis(seed_articles: dict[str, Article], config) -> Analysis:  # type: ignore[no-untyped-def]
    return analyse(list(seed_articles.values()), config)


@pytest.fixture(scope="module")
def ids(seed_articles: dict[str, Article]) -> dict[str, str]:
    return {k: a.id for k, a in seed_articles.items()}


def _event_of(analysis: Analysis, article_id: str) -> str:
    (event,) = [e for e in analysis.events if article_id in e.article_ids]
    return event.id


def test_one_event_and_a_later_one_in_the_same_thread(analysis: Analysis, ids) -> None:  # type: ignore[no-untyped-def]
    main = _event_of(analysis, ids["003"])
    assert {_event_of(analysis, ids[k]) for k in ("000", "001", "002")} == {main}
    later = _event_of(analysis, ids["004"])
    assert later != main
    (thread,) = [t for t in analysis.threads if main in t.event_ids]
    assert later in thread.event_ids
    # labelled by resolved names every event mentions, not by fragments of longer names
    names = thread.label.split(" · ")
    assert {"Japan", "NATO"} <= set(names), thread.label
    assert "North Korea" in names or "DPRK" in names, thread.label
    assert "Japan Studies" not in analysis.events[0].key_entities


def test_origin_and_chain(analysis: Analysis, ids) -> None:  # type: ignore[no-untyped-def]
    main = _event_of(analysis, ids["003"])
    (prov,) = [p for p in analysis.provenance if p.event_id == main]
    assert prov.origins == [ids["003"]]
    derived = {(e.source, e.target) for e in prov.edges if e.kind == "derived"}
    assert (ids["003"], ids["000"]) in derived
    assert (ids["003"], ids["001"]) in derived
    assert (ids["000"], ids["002"]) in derived
    assert not any(t == ids["003"] for _, t in derived), "nothing feeds the origin"
    (event,) = [e for e in analysis.events if e.id == main]
    assert event.label == "Japan's Military Collusion with NATO under Fire", "named by its origin"


def test_every_edge_has_checkable_evidence(analysis: Analysis) -> None:
    by_id = {a.id: a for a in analysis.articles}
    for prov in analysis.provenance:
        for edge in prov.edges:
            assert edge.passages or edge.attributions, edge
            for p in edge.passages:
                _check_span(by_id, p.source)
                _check_span(by_id, p.target)
                assert p.source.article_id == edge.source
                assert p.target.article_id == edge.target


def _check_span(by_id: dict[str, Article], span: Span) -> None:
    body = by_id[span.article_id].body
    assert 0 <= span.start < span.end <= len(body)


def test_one_person_under_three_spellings(analysis: Analysis) -> None:
    forms = ("Kim Sol-hwa", "Kim Sol Hwa", "Kim Seol-hwa")
    holders = [e for e in analysis.entities if any(f in e.forms for f in forms)]
    assert len(holders) == 1
    assert set(forms) <= set(holders[0].forms)


def test_gender_and_role_discrepancies(analysis: Analysis, ids) -> None:  # type: ignore[no-untyped-def]
    disc = [f for f in analysis.findings if f.kind == "discrepancy"]
    gender = [f for f in disc if f.subtype == "gender"]
    assert gender, "RT's 'he' vs TASS's 'she'"
    touched = {s.article_id for f in gender for s in f.evidence}
    assert {ids["001"], ids["002"]} <= touched
    roles = [f for f in disc if f.subtype in ("role", "affiliation")]
    assert any(ids["001"] in {s.article_id for s in f.evidence} for f in roles)


def test_rt_adds_a_third_source(analysis: Analysis, ids) -> None:  # type: ignore[no-untyped-def]
    rt = analysis.article(ids["001"])
    added = [f for f in analysis.findings if f.kind == "addition" and f.article_id == ids["001"]]
    texts = " ".join(rt.text(s) for f in added for s in f.evidence)
    assert "Nikkei Asia" in texts


def test_every_finding_points_at_text(analysis: Analysis) -> None:
    by_id = {a.id: a for a in analysis.articles}
    assert analysis.findings
    for finding in analysis.findings:
        assert finding.evidence, finding
        for span in finding.evidence:
            _check_span(by_id, span)


def test_a_rerun_resumes_from_saved_event_results(seed_articles: dict[str, Article], config,
                                                   tmp_path, analysis: Analysis) -> None:  # type: ignore[no-untyped-def]
    from newstrace.model import to_dict
    from newstrace.store import open_store

    calls: list[str] = []

    def counting(stage: str, done: int, total: int) -> None:
        calls.append(stage)

    with open_store(tmp_path / "r.db") as store:
        first = analyse(list(seed_articles.values()), config, store=store)
        saved = store.load_stages("event", _event_algorithm(first), config.fingerprint())
        assert len(saved) == len(first.events)
        per_article = store.load_stages("article", _article_algorithm(first), config.fingerprint())
        assert set(per_article) == {a.id for a in seed_articles.values()}
        again = analyse(list(seed_articles.values()), config, store=store, progress=counting)
    assert "provenance" not in calls, "every event came from the store"
    assert "quotes" not in calls, "every article's quotes and mentions came from the store"
    assert to_dict(again.provenance) == to_dict(first.provenance) == to_dict(analysis.provenance)
    assert to_dict(again.findings) == to_dict(first.findings)
    assert to_dict(again.quotes) == to_dict(first.quotes) == to_dict(analysis.quotes)
    assert to_dict(again.entities) == to_dict(first.entities)


def _event_algorithm(analysis: Analysis) -> str:
    return "+".join(analysis.algorithms[k] for k in ("provenance", "fidelity", "compare"))


def _article_algorithm(analysis: Analysis) -> str:
    return "+".join(analysis.algorithms[k] for k in ("entities", "quotes"))


def test_per_outlet_ledger(analysis: Analysis, ids) -> None:  # type: ignore[no-untyped-def]
    ledgers = {led.article_id: led for led in analysis.ledgers}
    assert {ids["000"], ids["001"], ids["002"]} <= set(ledgers)
    assert ids["003"] not in ledgers, "the origin has no ledger of its own"
    assert ledgers[ids["000"]].copied, "Yonhap copies KCNA's text"
    rt = analysis.article(ids["001"])
    assert "Nikkei Asia" in " ".join(rt.text(s) for s in ledgers[ids["001"]].added)
    omitted = ledgers[ids["002"]].omitted
    assert omitted and all(s.article_id == ids["003"] for s in omitted), "omitted = origin spans"
    assert ledgers[ids["000"]].chars()["copied"] > 200
