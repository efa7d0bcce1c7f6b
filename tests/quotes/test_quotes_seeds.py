"""The user's example: quotes, speakers and fidelity on the five seed articles.

003 (the state agency's own statement) is the origin; 000, 001, 002 rewrite it.
"""

from __future__ import annotations

import pytest

from newstrace.config import Config
from newstrace.model import Article, Event, Provenance, Quote, QuoteCheck
from newstrace.quotes.extract import extract_many
from newstrace.quotes.fidelity import check_event

KEY_SENTENCE = "What should not be overlooked is the fact that the black-hearted design"


@pytest.fixture(scope="module")
def quotes(seed_articles: dict[str, Article], config: Config) -> dict[str, list[Quote]]:
    by_key = extract_many(seed_articles.values(), config)
    return {k: by_key[a.id] for k, a in seed_articles.items()}


@pytest.fixture(scope="module")
def checks(seed_articles: dict[str, Article], quotes: dict[str, list[Quote]],
           config: Config) -> dict[str, QuoteCheck]:
    ids = {k: a.id for k, a in seed_articles.items()}
    event = Event("ev", [ids[k] for k in ("000", "001", "002", "003")])
    prov = Provenance("ev", [ids["003"]])
    by_id = {a.id: a for a in seed_articles.values()}
    per_id = {seed_articles[k].id: v for k, v in quotes.items()}
    return {c.quote_id: c for c in check_event(event, prov, per_id, by_id, config)}


def _find(art: Article, qs: list[Quote], start: str) -> Quote:
    for q in qs:
        if art.text(q.content[0]).startswith(start):
            return q
    raise AssertionError(f"no quote starting {start!r} in {[art.text(q.content[0]) for q in qs]}")


def test_agency_quote_in_yonhap_is_direct_and_verbatim(
        seed_articles: dict[str, Article], quotes: dict[str, list[Quote]],
        checks: dict[str, QuoteCheck]) -> None:
    art = seed_articles["000"]
    q = _find(art, quotes["000"], KEY_SENTENCE)
    assert q.kind == "direct"
    assert q.speaker is not None and art.text(q.speaker) == "the KCNA"
    assert q.cue is not None and art.text(q.cue) == "said"
    assert art.text(q.content[0]).endswith("Japan-NATO cohesion")
    check = checks[q.id]
    # 'Asian-version NATO' (single quotes) vs "Asian-version NATO" in the origin.
    assert check.label == "verbatim"
    assert not check.quoted_but_absent
    origin = seed_articles["003"]
    assert check.origin_span is not None
    assert origin.text(check.origin_span).startswith(KEY_SENTENCE)


def test_tass_attributes_the_same_sentence_to_the_researcher(
        seed_articles: dict[str, Article], quotes: dict[str, list[Quote]],
        checks: dict[str, QuoteCheck]) -> None:
    art = seed_articles["002"]
    q = _find(art, quotes["002"], KEY_SENTENCE)
    assert q.kind == "direct"
    assert q.speaker is not None and art.text(q.speaker) == "she"
    assert q.cue is not None and art.text(q.cue) == "stressed"
    assert q.speaker_name == "Kim Sol-hwa"
    assert checks[q.id].label == "verbatim"  # "the US" vs "the U.S." is spelling


def test_rt_open_secret_quote_is_a_paraphrase_with_words_the_origin_never_said(
        seed_articles: dict[str, Article], quotes: dict[str, list[Quote]],
        checks: dict[str, QuoteCheck]) -> None:
    art = seed_articles["001"]
    q = _find(art, quotes["001"], "It is an open secret that the United States")
    assert q.kind == "direct"
    assert q.speaker is not None and art.text(q.speaker) == "he"
    assert q.speaker_name == "Kim Seol-hwa"
    check = checks[q.id]
    assert check.label == "paraphrase"
    assert check.quoted_but_absent
    assert check.origin_span is not None
    assert "It is an open secret that the U.S." in seed_articles["003"].text(check.origin_span)


def test_yonhap_reported_speech_by_role_and_surname(
        seed_articles: dict[str, Article], quotes: dict[str, list[Quote]]) -> None:
    art = seed_articles["000"]
    q = _find(art, quotes["000"], "it is an \"open secret\"")
    assert art.text(q.speaker) == "The researcher" if q.speaker else False
    assert q.kind == "mixed"
    assert q.speaker_name == "Kim Sol-hwa"
    sinister = _find(art, quotes["000"], "the U.S. has a \"sinister\" intention")
    assert sinister.speaker_name == "Kim Sol-hwa"


def test_tass_according_to_the_expert(
        seed_articles: dict[str, Article], quotes: dict[str, list[Quote]]) -> None:
    art = seed_articles["002"]
    q = _find(art, quotes["002"], "the Japanese authorities have long sought")
    assert q.cue is not None and art.text(q.cue) == "According to"
    assert q.speaker is not None and art.text(q.speaker) == "the expert"
    assert q.speaker_name == "Kim Sol-hwa"


def test_origin_quotes_are_not_checked(
        seed_articles: dict[str, Article], quotes: dict[str, list[Quote]],
        checks: dict[str, QuoteCheck]) -> None:
    origin_ids = {q.id for q in quotes["003"]}
    assert origin_ids and not origin_ids & set(checks)
    derived = {q.id for k in ("000", "001", "002") for q in quotes[k]}
    assert set(checks) == derived


def test_rt_role_speakers_resolve_to_the_named_official(
        seed_articles: dict[str, Article], quotes: dict[str, list[Quote]]) -> None:
    art = seed_articles["001"]
    q = _find(art, quotes["001"], "All facts clearly show")
    assert q.speaker is not None and art.text(q.speaker) == "the Foreign Ministry official"
    assert q.cue is not None and art.text(q.cue) == "continued"
    assert q.speaker_name == "Kim Seol-hwa"
    named = _find(art, quotes["001"], "Washington is gradually pushing NATO")
    assert named.kind == "indirect"
    assert named.speaker_name == "Kim Seol-hwa"
