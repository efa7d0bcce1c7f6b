"""compare on small hand-written texts: each finding kind with its evidence spans."""

from __future__ import annotations

import pytest

from newstrace.compare import compare_event
from newstrace.compare import ledger as ledger_mod
from newstrace.compare.dates import number_value, resolve_date
from newstrace.compare.lexicon import inflect, load
from newstrace.compare.text import is_scare_quote, quoted_segments
from newstrace.config import Config
from newstrace.model import Article, Derivation, Event, Finding, Passage, Provenance, Span

# article ids unique to this file: the shared parse cache is keyed by id
OR, A, B = "cmpunit-o", "cmpunit-a", "cmpunit-b"

ORIGIN = (
    "VALDORIA, March 3 (VNA) -- Anna Petrova, analyst of the Centre for Maritime Studies "
    "of the Valdorian Defence Ministry, published the following commentary on March 2:\n\n"
    "The reckless naval build-up of Ostland threatens the whole region.\n\n"
    "What must be remembered is that the fleet of Ostland has grown by forty ships in two "
    "years and now patrols the northern straits.\n\n"
    "Ostland is clearly wrong.\n\n"
    "The navy of Ostland now has 120 vessels in service in the northern straits.\n\n"
    "The defence talks between the two navies were held in Madrid last week.\n\n"
    "Minister Grell said that the harbour treaty of 1987 must be honoured by every side.\n"
)
DERIVED_A = (
    "Valdoria on Monday slammed Ostland's navy, saying its \"reckless\" build-up threatens "
    "the region.\n\n"
    "Anna Petrova, an official with the Defence Ministry's Naval Research Office, said the "
    "build-up is dangerous.\n\n"
    "\"What must be remembered is that the fleet of Ostland has grown by forty ships in two "
    "years and now patrols the northern straits,\" he claimed.\n\n"
    "According to the Harbour Gazette newspaper, Ostland also plans to open a base in "
    "Korvin Bay next spring with Admiral Tomas Reyk in command.\n"
)
DERIVED_B = (
    "VALDORIA, March 3. Anna Petrova, an analyst at the Centre for Maritime Studies of the "
    "Valdorian Defence Ministry, said the reckless naval build-up of Ostland threatens the "
    "region.\n\n"
    "\"What must be remembered is that the fleet of Ostland has grown by forty ships in two "
    "years and now patrols the northern straits,\" the agency said.\n\n"
    "The navy of Ostland now has 150 vessels in service in the northern straits.\n\n"
    "The defence talks between the two navies were held in Lisbon last week.\n\n"
    "The expert said she expects more patrols.\n\n"
    "Officials described what they called a naval build-up as routine.\n"
)


def _articles() -> dict[str, Article]:
    arts = {
        OR: Article(id=OR, source="o.txt", body=ORIGIN, outlet="Valdoria News Agency",
                     published="2025-03-03"),
        A: Article(id=A, source="a.txt", body=DERIVED_A, outlet="Outlet A",
                     published="2025-03-03", title="Valdoria slams Ostland navy",
                     captions=["A warship in the northern straits."]),
        B: Article(id=B, source="b.txt", body=DERIVED_B, outlet="Outlet B",
                     published="2025-03-03"),
    }
    return arts


def _verbatim(src: Article, tgt: Article, sentence: str) -> Passage:
    s = src.body.index(sentence)
    t = tgt.body.index(sentence)
    return Passage(Span(src.id, s, s + len(sentence)), Span(tgt.id, t, t + len(sentence)),
                   "verbatim", 1.0)


@pytest.fixture(scope="module")
def findings() -> list[Finding]:
    arts = _articles()
    shared = "What must be remembered is that the fleet of Ostland has grown"
    prov = Provenance("e", [OR], [
        Derivation(OR, A, "derived", 0.9, [_verbatim(arts[OR], arts[A], shared)]),
        Derivation(OR, B, "derived", 0.9, [_verbatim(arts[OR], arts[B], shared)]),
    ])
    event = Event("e", [OR, A, B])
    return compare_event(event, prov, {}, [], [], arts, Config())


def _find(findings: list[Finding], kind: str, subtype: str, article: str) -> list[Finding]:
    return [f for f in findings if f.kind == kind and f.subtype == subtype
            and f.article_id == article]


def _check_evidence(f: Finding, arts: dict[str, Article]) -> None:
    for span in f.evidence:
        assert 0 <= span.start < span.end <= len(arts[span.article_id].body)


def test_every_finding_has_valid_evidence(findings: list[Finding]) -> None:
    arts = _articles()
    assert findings
    for f in findings:
        assert f.event_id == "e" and f.article_id in arts and f.statement
        assert f.evidence, f
        _check_evidence(f, arts)


def test_role_and_affiliation_differ(findings: list[Finding]) -> None:
    arts = _articles()
    roles = _find(findings, "discrepancy", "role", A)
    assert roles and roles[0].severity == "contradiction"
    assert {arts[s.article_id].text(s) for s in roles[0].evidence} >= {"official", "analyst"}
    aff = _find(findings, "discrepancy", "affiliation", A)
    assert aff and aff[0].severity == "contradiction"
    assert "Naval Research Office" in aff[0].statement
    # outlet B keeps the same body: no affiliation contradiction there
    assert not [f for f in _find(findings, "discrepancy", "affiliation", B)
                if f.severity == "contradiction"]
    assert any(f.details["role"] == "expert" for f in _find(findings, "discrepancy", "role", B))


def test_gender_and_attribution(findings: list[Finding]) -> None:
    arts = _articles()
    gender = _find(findings, "discrepancy", "gender", A)
    assert gender and {arts[s.article_id].text(s) for s in gender[0].evidence} == {"he", "she"}
    attr = _find(findings, "discrepancy", "attribution", B)
    assert attr and "the agency" in attr[0].statement
    assert {s.article_id for s in attr[0].evidence} >= {A, B}


def test_statement_date(findings: list[Finding]) -> None:
    dates = _find(findings, "discrepancy", "date", A)
    assert dates and dates[0].details["date"] == "2025-03-03"
    assert dates[0].details["origin_date"] == "2025-03-02"


def test_number_changed(findings: list[Finding]) -> None:
    arts = _articles()
    nums = _find(findings, "discrepancy", "number", B)
    assert nums and nums[0].details["value"] == "150.0"
    assert nums[0].details["origin_value"] == "120.0"
    assert {arts[s.article_id].text(s) for s in nums[0].evidence} == {"150", "120"}
    assert not _find(findings, "discrepancy", "number", A)


def test_place_changed(findings: list[Finding]) -> None:
    arts = _articles()
    places = _find(findings, "discrepancy", "place", B)
    assert places and {arts[s.article_id].text(s) for s in places[0].evidence} == \
        {"Lisbon", "Madrid"}


def test_addition_names_other_source_and_caption(findings: list[Finding]) -> None:
    adds = [f for f in findings if f.kind == "addition" and f.article_id == A]
    other = [f for f in adds if f.subtype == "other-source"]
    assert other and "Harbour Gazette" in (other[0].details["source"] or "")
    assert any(f.subtype == "caption" for f in adds)
    b_added = [f.statement for f in findings if f.kind == "addition" and f.article_id == B]
    assert not [t for t in b_added if "reckless" in t or "fleet" in t]


def test_omission_ranked(findings: list[Finding]) -> None:
    arts = _articles()
    om = [f for f in findings if f.kind == "omission" and f.article_id == B]
    texts = [arts[OR].text(f.evidence[0]) for f in om]
    assert any("harbour treaty" in t for t in texts)
    assert any(t.startswith("Ostland is clearly wrong") for t in texts)
    assert [f.details["rank"] for f in om] == list(range(1, len(om) + 1))


def test_framing(findings: list[Finding]) -> None:
    verbs = _find(findings, "framing", "attribution-verb", A)
    assert verbs and {"slam", "claim"} <= set(verbs[0].details["verbs"])
    dist = _find(findings, "framing", "distance", A)
    assert [f.details["phrase"] for f in dist] == ["reckless"]
    assert dist[0].details["origin_quoted"] is False
    marked = _find(findings, "framing", "distance", B)
    assert [(f.details["phrase"], f.details["marker"]) for f in marked] == \
        [("naval build-up", "what they called")]
    adopted = _find(findings, "framing", "adopted", B)
    assert adopted and "reckless" in adopted[0].details["words"]
    assert _find(findings, "framing", "headline", A)


def test_ledger_counts(findings: list[Finding]) -> None:
    arts = _articles()
    prov = Provenance("e", [OR], [Derivation(OR, A, "derived", 0.9,
                                              [_verbatim(arts[OR], arts[A], "What must")])])
    led = ledger_mod.build(findings, prov, arts)
    assert led[A].counts()["copied"] == 1
    assert led[A].counts()["added"] >= 1 and led[A].counts()["changed"] >= 3
    assert led[B].counts()["omitted"] >= 2


def test_no_origin_no_findings() -> None:
    arts = _articles()
    assert compare_event(Event("e", [A, B]), Provenance("e", []), {}, [], [], arts,
                         Config()) == []


def test_entity_spelling_variant() -> None:
    from newstrace.model import Entity, Mention

    arts = _articles()
    o_at = arts[OR].body.index("Centre for Maritime Studies")
    b_at = arts[B].body.index("Centre for Maritime Studies")
    # as if outlet B had misspelt the centre's name
    arts[B] = Article(id=B + "-typo", source="b.txt", outlet="Outlet B", published="2025-03-03",
                      body=arts[B].body.replace("Maritime", "Maritme"))
    typo = "Centre for Maritme Studies"
    ent = Entity("org1", "Centre for Maritime Studies", "ORG",
                 ["Centre for Maritime Studies", typo],
                 [Mention(Span(OR, o_at, o_at + 27), "Centre for Maritime Studies", "ORG"),
                  Mention(Span(B + "-typo", b_at, b_at + len(typo)), typo, "ORG")])
    by_id = {a.id: a for a in arts.values()}
    prov = Provenance("e", [OR], [Derivation(OR, B + "-typo", "derived", 0.9)])
    found = compare_event(Event("e", [OR, B + "-typo"]), prov, {}, [], [ent], by_id, Config())
    names = [f for f in found if f.subtype == "name" and f.details.get("entity") == "org1"]
    assert names and names[0].severity == "variant" and names[0].details["form"] == typo


def test_roles_differ_between_outlets_when_origin_gives_none() -> None:
    origin = Article(id="cmpunit-r0", source="r0.txt", outlet="Wire",
                     body="Tomas Berg said the port would reopen on Friday after repairs.")
    one = Article(id="cmpunit-r1", source="r1.txt", outlet="Paper One",
                  body="Tomas Berg, a spokesman for the port authority, said the port would "
                       "reopen on Friday after repairs.")
    two = Article(id="cmpunit-r2", source="r2.txt", outlet="Paper Two",
                  body="Tomas Berg, an engineer at the shipyard, said the port would reopen "
                       "on Friday after repairs.")
    arts = {a.id: a for a in (origin, one, two)}
    prov = Provenance("r", [origin.id], [Derivation(origin.id, a, "derived", 0.9)
                                         for a in (one.id, two.id)])
    found = compare_event(Event("r", list(arts)), prov, {}, [], [], arts, Config())
    roles = {f.article_id: f.details["role"] for f in found if f.subtype == "role"}
    assert roles == {one.id: "spokesman", two.id: "engineer"}


def test_helpers() -> None:
    import datetime as dt

    assert resolve_date("Monday", dt.date(2025, 3, 5)) == dt.date(2025, 3, 3)
    assert resolve_date("last month", dt.date(2025, 3, 5)) is None
    assert number_value("3.5 million") == 3_500_000 and number_value("twelve") == 12
    assert {"slammed", "slams", "slamming"} <= inflect("slam")
    assert load().verb_stance("claimed") == ("claim", "loaded")
    assert load().verb_stance("said") == ("say", "neutral")
    segs = quoted_segments('He called it "a sham" and said “we will win this war today.”')
    assert [is_scare_quote(q, 4) for q in segs] == [True, False]
