"""A hand-made but realistic Analysis that exercises every field of the data model.

An invented story (not the seeds): a ministry announces a dam closure; one
agency publishes it first, a newspaper rewrites the agency, a radio station
rewrites the newspaper, and a later article reports the closure itself.
Every span is computed from the text, so the fixture cannot drift from it.
"""

from __future__ import annotations

from newstrace.model import (
    Analysis,
    Article,
    Attribution,
    Derivation,
    Entity,
    Event,
    Evidence,
    Finding,
    Mention,
    Passage,
    Provenance,
    Quote,
    QuoteCheck,
    Skip,
    Span,
    Thread,
    content_id,
)

ORIGIN_BODY = (
    "LISBON, March 4 (MPA) -- The Ministry of Water Resources said on Monday that the "
    "Alto Dam will close for repairs on April 1.\n\n"
    "Minister Ana Ferreira told reporters: "
    '"The dam is safe, but the spillway needs urgent work."\n\n'
    "About 12,000 residents downstream will be moved during the works, the ministry said.\n\n"
    "Ferreira added that the repairs would cost 40 million euros."
)
HERALD_BODY = (
    "The Alto Dam will shut for repairs on April 1, the Ministry of Water Resources said "
    "on Monday, according to MPA.\n\n"
    '"The dam is safe, but the spillway needs urgent work," Minister Ana Ferreira said.\n\n'
    "About 15,000 residents downstream will be moved during the works.\n\n"
    'Critics called the plan a "cover-up" of years of neglect.'
)
RADIO_BODY = (
    'The water minister, Anna Ferreira, said the dam is "perfectly safe" but that the '
    "spillway needed work, the Coastal Herald reported.\n\n"
    "The Alto Dam will shut for repairs on April 1.\n\n"
    "About 15,000 residents will be moved."
)
LATER_BODY = (
    "Repairs began on Tuesday at the Alto Dam, a day after it closed.\n\n"
    "Ferreira visited the site and said the work was on schedule."
)


def sp(article: Article, text: str, nth: int = 0) -> Span:
    """The span of the ``nth`` occurrence of ``text`` in the article body."""
    start = -1
    for _ in range(nth + 1):
        start = article.body.index(text, start + 1)
    return Span(article.id, start, start + len(text))


def _article(body: str, outlet: str, title: str, date: str, place: str | None) -> Article:
    header = f"{title}\nBy Staff Reporter\n{date}\n"
    raw = header + body + "\nShare this article"
    art = Article(
        id=content_id(body, title),
        source=f"inbox/{outlet.lower().replace(' ', '_')}.html",
        body=body,
        raw=raw,
        outlet=outlet,
        outlet_evidence=Evidence(raw=outlet, how="registry:domain"),
        url=f"https://{outlet.lower().replace(' ', '')}.example/dam",
        title=title,
        title_evidence=Evidence(raw=title, how="first-line", start=0, end=len(title)),
        author="Staff Reporter",
        author_evidence=Evidence(
            raw="By Staff Reporter", how="byline", start=len(title) + 1, end=len(title) + 18
        ),
        published=date,
        published_evidence=Evidence(raw=date, how="header-date", start=len(title) + 19,
                                    end=len(title) + 19 + len(date)),
        language="en",
        captions=["A view of the dam. (Photo)"],
        furniture=["Share this article"],
        encoding="utf-8",
    )
    if place:
        art.dateline_place = place
        off = len(header)
        art.dateline_evidence = Evidence(raw=place.upper(), how="dateline", start=off,
                                         end=off + len(place))
    start = 0
    for para in body.split("\n\n"):
        pos = body.index(para, start)
        art.paragraphs.append(Span(art.id, pos, pos + len(para)))
        start = pos + len(para)
    return art


def build_analysis() -> Analysis:
    """The fixture analysis (a function too, so other test packages can build it)."""
    origin = _article(ORIGIN_BODY, "Meridian Press Agency", "Alto Dam to close for repairs",
                      "2024-03-04", "Lisbon")
    herald = _article(HERALD_BODY, "Coastal Herald", "Dam will shut in April", "2024-03-04", None)
    radio = _article(RADIO_BODY, "Northwind Radio", "Minister: dam perfectly safe",
                     "2024-03-05", None)
    later = _article(LATER_BODY, "Evening Ledger", "Repairs start at Alto Dam", "2024-04-02", None)
    radio.replaced_chars = 2
    radio.notes.append("2 undecodable bytes replaced")
    arts = [origin, herald, radio, later]

    e1 = Event(id="ev-dam-closure", article_ids=[origin.id, herald.id, radio.id],
               label="Alto Dam to close for repairs", key_entities=["ent-ferreira", "ent-dam"],
               dates=["2024-03-04", "2024-03-05"], duplicates={herald.id: ["copy-of-herald"]})
    e2 = Event(id="ev-repairs-start", article_ids=[later.id], label="Repairs begin at Alto Dam",
               key_entities=["ent-dam"], dates=["2024-04-02"])
    thread = Thread(id="th-alto-dam", event_ids=[e1.id, e2.id], label="Alto Dam repairs",
                    timeline=[("2024-03-04", e1.id), ("2024-04-02", e2.id)])

    quotes, checks = _quotes(origin, herald, radio)
    return Analysis(
        articles=arts,
        events=[e1, e2],
        threads=[thread],
        provenance=[_provenance(e1, origin, herald, radio),
                    Provenance(event_id=e2.id, origins=[later.id])],
        quotes=quotes,
        quote_checks=checks,
        entities=_entities(origin, herald, radio, later),
        findings=_findings(e1, origin, herald, radio),
        skipped=[Skip("inbox/scan.pdf", "unsupported file type"),
                 Skip("inbox/feed.jsonl", "invalid JSON", "line 7")],
        algorithms={"ingest": "ingest.v1", "events": "events.v1", "provenance": "provenance.v1",
                    "quotes": "quotes.v1", "fidelity": "fidelity.v1", "compare": "compare.v1"},
        config_fingerprint="0123456789ab",
    )


def _provenance(ev: Event, origin: Article, herald: Article, radio: Article) -> Provenance:
    first = Derivation(
        source=origin.id, target=herald.id, kind="derived", confidence=0.91,
        passages=[
            Passage(sp(origin, "The dam is safe, but the spillway needs urgent work."),
                    sp(herald, "The dam is safe, but the spillway needs urgent work,"),
                    "verbatim", 0.98),
            Passage(sp(origin, "the Alto Dam will close for repairs on April 1."),
                    sp(herald, "The Alto Dam will shut for repairs on April 1,"), "edited", 0.83),
            Passage(sp(origin, "About 12,000 residents downstream will be moved during the works"),
                    sp(herald, "About 15,000 residents downstream will be moved during the works"),
                    "edited", 0.9),
        ],
        attributions=[Attribution(sp(herald, "according to MPA"), "MPA")],
        reasons=["same publication day, source has the earlier dateline",
                 "target contains 3 of the source's 4 paragraphs"],
    )
    second = Derivation(
        source=herald.id, target=radio.id, kind="derived", confidence=0.74,
        passages=[
            Passage(sp(herald, "The Alto Dam will shut for repairs on April 1"),
                    sp(radio, "The Alto Dam will shut for repairs on April 1"), "verbatim", 1.0),
            Passage(sp(herald, "The dam is safe, but the spillway needs urgent work"),
                    sp(radio, 'the dam is "perfectly safe" but that the spillway needed work'),
                    "paraphrase", 0.61),
        ],
        attributions=[Attribution(sp(radio, "the Coastal Herald reported"), "Coastal Herald")],
        reasons=["published a day later", "shares the herald's 15,000 figure, not the origin's"],
    )
    common = Derivation(source=origin.id, target=radio.id, kind="common-source", confidence=0.35,
                        reasons=["only passages also found in the herald"])
    return Provenance(event_id=ev.id, origins=[origin.id], edges=[first, second, common])


def _quotes(
    origin: Article, herald: Article, radio: Article
) -> tuple[list[Quote], list[QuoteCheck]]:
    q_origin = Quote("q-origin-1", origin.id,
                     [sp(origin, "The dam is safe, but the spillway needs urgent work.")], "direct",
                     speaker=sp(origin, "Minister Ana Ferreira"), cue=sp(origin, "told reporters"),
                     speaker_entity="ent-ferreira", speaker_name="Ana Ferreira")
    q_cost = Quote("q-origin-2", origin.id,
                   [sp(origin, "the repairs would cost 40 million euros")], "indirect",
                   speaker=sp(origin, "Ferreira", 1), cue=sp(origin, "added"),
                   speaker_entity="ent-ferreira", speaker_name="Ana Ferreira")
    q_herald = Quote("q-herald-1", herald.id,
                     [sp(herald, "The dam is safe, but the spillway needs urgent work,")], "direct",
                     speaker=sp(herald, "Minister Ana Ferreira"), cue=sp(herald, "said", 1),
                     speaker_entity="ent-ferreira", speaker_name="Ana Ferreira")
    q_critics = Quote("q-herald-2", herald.id, [sp(herald, "cover-up")], "mixed",
                      speaker=sp(herald, "Critics"), cue=sp(herald, "called"))
    q_radio = Quote("q-radio-1", radio.id,
                    [sp(radio, "the dam is"), sp(radio, "perfectly safe"),
                     sp(radio, "but that the spillway needed work")], "mixed",
                    speaker=sp(radio, "Anna Ferreira"), cue=sp(radio, "said", 0),
                    speaker_entity="ent-ferreira", speaker_name="Ana Ferreira")
    checks = [
        QuoteCheck("q-herald-1", origin.id, "verbatim", 0.99,
                   origin_span=sp(origin, "The dam is safe, but the spillway needs urgent work.")),
        QuoteCheck("q-herald-2", origin.id, "absent", 0.0, quoted_but_absent=True),
        QuoteCheck("q-radio-1", origin.id, "paraphrase", 0.58,
                   origin_span=sp(origin, "The dam is safe, but the spillway needs urgent work."),
                   quoted_but_absent=True),
    ]
    return [q_origin, q_cost, q_herald, q_critics, q_radio], checks


def _entities(origin: Article, herald: Article, radio: Article, later: Article) -> list[Entity]:
    def mention(art: Article, text: str, label: str, ent: str, nth: int = 0) -> Mention:
        return Mention(sp(art, text, nth), text, label, ent)

    ferreira = Entity("ent-ferreira", "Ana Ferreira", "PERSON",
                      forms=["Ana Ferreira", "Anna Ferreira", "Ferreira"],
                      mentions=[mention(origin, "Ana Ferreira", "PERSON", "ent-ferreira"),
                                mention(herald, "Ana Ferreira", "PERSON", "ent-ferreira"),
                                mention(radio, "Anna Ferreira", "PERSON", "ent-ferreira"),
                                mention(later, "Ferreira", "PERSON", "ent-ferreira")],
                      roles=["Minister", "water minister"])
    dam = Entity("ent-dam", "Alto Dam", "FAC", forms=["Alto Dam"],
                 mentions=[mention(a, "Alto Dam", "FAC", "ent-dam")
                           for a in (origin, herald, radio, later)])
    ministry = Entity("ent-ministry", "Ministry of Water Resources", "ORG",
                      forms=["Ministry of Water Resources", "the ministry"],
                      mentions=[mention(origin, "Ministry of Water Resources", "ORG",
                                        "ent-ministry"),
                                mention(herald, "Ministry of Water Resources", "ORG",
                                        "ent-ministry")])
    return [ferreira, dam, ministry]


def _findings(ev: Event, origin: Article, herald: Article, radio: Article) -> list[Finding]:
    return [
        Finding("discrepancy",
                "Coastal Herald says 15,000 residents will be moved; the origin says 12,000",
                [sp(herald, "15,000"), sp(origin, "12,000")], ev.id, herald.id, "number",
                "contradiction", {"origin_value": "12,000", "value": "15,000"}),
        Finding("discrepancy", "Northwind Radio spells the minister 'Anna Ferreira'",
                [sp(radio, "Anna Ferreira"), sp(origin, "Ana Ferreira")], ev.id, radio.id, "name",
                "variant", {"entity": "ent-ferreira"}),
        Finding("addition", "Coastal Herald adds critics calling the plan a cover-up",
                [sp(herald, 'Critics called the plan a "cover-up" of years of neglect.')],
                ev.id, herald.id),
        Finding("omission", "Coastal Herald leaves out the cost of the repairs",
                [sp(origin, "Ferreira added that the repairs would cost 40 million euros.")],
                ev.id, herald.id),
        Finding("framing", "Northwind Radio puts 'perfectly safe' in quotation marks (distancing)",
                [sp(radio, '"perfectly safe"')], ev.id, radio.id, "scare-quotes", "",
                {"stance": "distances"}),
    ]
