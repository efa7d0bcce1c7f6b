"""compare on the bundled seed story, with the real upstream stages.

The event is 000..003 (003 is the origin the other three rewrite).  The
expected answers were read off the five texts by hand.
"""

from __future__ import annotations

import pytest

from newstrace.config import Config
from newstrace.model import Article, Event, Finding


@pytest.fixture(scope="module")
def seed_findings(seed_articles: dict[str, Article]) -> tuple[list[Finding], dict[str, Article]]:
    from newstrace.compare import compare_event
    from newstrace.entities.mentions import extract_mentions
    from newstrace.entities.resolve import resolve
    from newstrace.provenance.graph import trace_event
    from newstrace.quotes.extract import extract
    from newstrace.quotes.fidelity import check_event

    config = Config()
    ids = {k: seed_articles[k].id for k in ("000", "001", "002", "003")}
    arts = {a.id: a for a in seed_articles.values()}
    event = Event("e0", list(ids.values()))
    prov = trace_event(event, arts, config)
    assert prov.origins == [ids["003"]], "the comparison is against the statement itself"
    quotes = {aid: extract(arts[aid], config) for aid in event.article_ids}
    checks = check_event(event, prov, quotes, arts, config)
    mentions = extract_mentions([arts[a] for a in event.article_ids], config)
    entities = resolve(mentions, [arts[a] for a in event.article_ids], config)
    findings = compare_event(event, prov, quotes, checks, entities, arts, config)
    by_key = {k: seed_articles[k] for k in ids}
    return findings, by_key


def _of(findings: list[Finding], kind: str, subtype: str, art: Article) -> list[Finding]:
    return [f for f in findings if f.kind == kind and f.subtype == subtype
            and f.article_id == art.id]


def test_name_variants(seed_findings: tuple[list[Finding], dict[str, Article]]) -> None:
    findings, s = seed_findings
    for key, form in (("000", "Kim Sol-hwa"), ("001", "Kim Seol-hwa"), ("002", "Kim Sol-hwa")):
        names = _of(findings, "discrepancy", "name", s[key])
        assert any(f.details["form"] == form and f.severity == "variant" for f in names), key


def test_role_affiliation_gender(seed_findings: tuple[list[Finding], dict[str, Article]]) -> None:
    findings, s = seed_findings
    rt_roles = _of(findings, "discrepancy", "role", s["001"])
    assert any(f.details["role"] == "official" for f in rt_roles)
    aff = _of(findings, "discrepancy", "affiliation", s["001"])
    assert aff and aff[0].severity == "contradiction" and "Japan Research Center" in \
        aff[0].statement
    assert any(f.details["role"] == "official" for f in _of(findings, "discrepancy", "role",
                                                              s["000"]))
    assert any(f.details["role"] == "expert" for f in _of(findings, "discrepancy", "role",
                                                            s["002"]))
    assert [f.details["gender"] for f in _of(findings, "discrepancy", "gender", s["001"])] == \
        ["male"]
    assert [f.details["gender"] for f in _of(findings, "discrepancy", "gender", s["002"])] == \
        ["female"]


def test_attribution_and_date(seed_findings: tuple[list[Finding], dict[str, Article]]) -> None:
    findings, s = seed_findings
    attr = _of(findings, "discrepancy", "attribution", s["000"])
    assert attr and "What should not be overlooked" in attr[0].statement
    for key in ("000", "001"):
        dates = _of(findings, "discrepancy", "date", s[key])
        assert any(f.details["origin_date"] == "2023-05-14" and f.details["date"] == "2023-05-15"
                   for f in dates), key


def test_additions(seed_findings: tuple[list[Finding], dict[str, Article]]) -> None:
    findings, s = seed_findings
    rt = [f for f in findings if f.kind == "addition" and f.article_id == s["001"].id]
    text = " ".join(s["001"].text(sp) for f in rt for sp in f.evidence)
    for phrase in ("Nikkei Asia", "Cooperative Security Division", "April 4", "Kishida"):
        assert phrase in text, phrase
    # what RT carries from the statement is not called an addition
    assert "open secret" not in text and "dangerous implementation phase" not in text
    assert any("Nikkei" in (f.details.get("source") or "") for f in rt)
    yonhap = [f for f in findings if f.kind == "addition" and f.article_id == s["000"].id]
    if s["000"].captions:
        assert any(f.subtype == "caption" for f in yonhap)


def test_omissions(seed_findings: tuple[list[Finding], dict[str, Article]]) -> None:
    findings, s = seed_findings
    for key in ("000", "001", "002"):
        om = [s["003"].text(f.evidence[0]) for f in findings
              if f.kind == "omission" and f.article_id == s[key].id]
        assert any(t.startswith("Matsuno") for t in om), key
        assert any(t.startswith("Japan is clearly mistaken") for t in om), key
        assert any("Greater East Asia" in t for t in om), key


def test_ledger(seed_findings: tuple[list[Finding], dict[str, Article]]) -> None:
    from newstrace.compare import ledger
    from newstrace.model import Derivation, Provenance

    findings, s = seed_findings
    arts = {a.id: a for a in s.values()}
    prov = Provenance("e0", [s["003"].id], [Derivation(s["003"].id, s[k].id, "derived", 0.9)
                                             for k in ("000", "001", "002")])
    books = ledger.build(findings, prov, arts)
    rt = books[s["001"].id].counts()
    assert rt["added"] >= 3 and rt["omitted"] >= 3 and rt["changed"] >= 3
    assert books[s["001"].id].chars()["added"] > 0


def test_framing(seed_findings: tuple[list[Finding], dict[str, Article]]) -> None:
    findings, s = seed_findings
    verbs = _of(findings, "framing", "attribution-verb", s["001"])
    assert verbs and {"claim", "argue"} <= set(verbs[0].details["verbs"])
    # "slammed" is in the body, or in the title when ingest takes the first line as one
    title_words = {w for f in _of(findings, "framing", "headline", s["001"])
                   for w in f.details["words"]}
    assert "slam" in verbs[0].details["verbs"] or "slammed" in title_words
    kept = {f.details["phrase"] for f in _of(findings, "framing", "distance", s["000"])
            if not f.details["origin_quoted"]}
    assert {"collusion", "unprecedented", "sinister", "inveigling", "second ruin"} <= kept
    labels = [f for f in findings if f.kind == "framing" and f.subtype == "label"
              and f.details["actor"] == "North Korea"]
    used = {lab for f in labels for lab in f.details["labels"]}
    assert {"North Korea", "the North"} <= used and ("DPRK" in used or "the DPRK" in used)
