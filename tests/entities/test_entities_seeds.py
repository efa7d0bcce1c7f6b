"""The user's example: one entity per person, agency and country across the five outlets."""

from __future__ import annotations

import pytest

from newstrace.config import Config
from newstrace.entities.mentions import extract_mentions
from newstrace.entities.resolve import resolve
from newstrace.model import Article, Entity
from newstrace.quotes.extract import extract_many
from newstrace.quotes.speakers import link_speakers


@pytest.fixture(scope="module")
def entities(seed_articles: dict[str, Article], config: Config) -> list[Entity]:
    arts = list(seed_articles.values())
    return resolve(extract_mentions(arts, config), arts, config)


def _holding(ents: list[Entity], form: str) -> Entity:
    found = [e for e in ents if form in e.forms]
    assert len(found) == 1, f"{form!r}: {[e.forms for e in found]}"
    return found[0]


def _articles(ent: Entity, seeds: dict[str, Article]) -> set[str]:
    keys = {a.id: k for k, a in seeds.items()}
    return {keys[m.span.article_id] for m in ent.mentions}


def test_researcher_is_one_person_under_four_spellings(
        entities: list[Entity], seed_articles: dict[str, Article]) -> None:
    kim = _holding(entities, "Kim Sol-hwa")
    assert kim.label == "PERSON"
    assert {"Kim Sol Hwa", "Kim Seol-hwa", "Kim"} <= set(kim.forms)
    assert {"000", "001", "002", "003"} <= _articles(kim, seed_articles)
    assert any("researcher" in r for r in kim.roles)
    assert any("official with the Foreign Ministry" in r for r in kim.roles)


def test_news_agency_and_its_acronym(entities: list[Entity]) -> None:
    agency = _holding(entities, "KCNA")
    assert "Korean Central News Agency" in agency.forms
    assert agency.name == "Korean Central News Agency"


def test_countries_under_names_capitals_and_abbreviations(entities: list[Entity]) -> None:
    north = _holding(entities, "North Korea")
    assert {"DPRK", "Pyongyang", "North"} <= set(north.forms)
    us = _holding(entities, "United States")
    assert {"U.S.", "US", "Washington"} <= set(us.forms)
    japan = _holding(entities, "Japan")
    assert {"Tokyo", "Japanese"} <= set(japan.forms)
    assert len({north.id, us.id, japan.id}) == 3


def test_nato_long_form_and_acronym(entities: list[Entity]) -> None:
    nato = _holding(entities, "NATO")
    assert "North Atlantic Treaty Organization" in nato.forms


def test_minister_by_surname_and_full_name(
        entities: list[Entity], seed_articles: dict[str, Article]) -> None:
    # 003 says "Japanese Foreign Minister Hayashi", 001 the full name with the same title.
    minister = _holding(entities, "Yoshimasa Hayashi")
    assert "Hayashi" in minister.forms
    assert {"001", "003"} <= _articles(minister, seed_articles)


def test_quote_speakers_link_to_entities(
        entities: list[Entity], seed_articles: dict[str, Article], config: Config) -> None:
    quotes = extract_many(seed_articles.values(), config)
    link_speakers(quotes, entities)
    kim = _holding(entities, "Kim Sol-hwa")
    rt = quotes[seed_articles["001"].id]
    he = [q for q in rt if q.speaker_name == "Kim Seol-hwa"]
    assert he and all(q.speaker_entity == kim.id for q in he)
    agency = _holding(entities, "KCNA")
    yonhap = quotes[seed_articles["000"].id]
    assert any(q.speaker_entity == agency.id for q in yonhap)


def test_every_linked_speaker_is_a_person_organisation_or_country(
        entities: list[Entity], seed_articles: dict[str, Article], config: Config) -> None:
    quotes = extract_many(seed_articles.values(), config)
    link_speakers(quotes, entities)
    by_id = {e.id: e for e in entities}
    linked = [by_id[q.speaker_entity] for qs in quotes.values() for q in qs if q.speaker_entity]
    assert len(linked) >= 40
    assert {e.label for e in linked} <= {"PERSON", "ORG", "GPE", "NORP"}
    # 003 names the chief cabinet secretary by surname only, after an apposition the
    # tagger missed: the role makes him a person, not a place.
    matsuno = [q for q in quotes[seed_articles["003"].id] if q.speaker_name == "Matsuno"]
    assert matsuno and by_id[matsuno[0].speaker_entity].label == "PERSON"


def test_researcher_spellings_and_role_noun_are_one_entity(
        entities: list[Entity], seed_articles: dict[str, Article]) -> None:
    kim = _holding(entities, "Kim Sol-hwa")
    assert [e for e in entities if "Kim Seol-hwa" in e.forms] == [kim]
    assert [e for e in entities if "Kim Sol Hwa" in e.forms] == [kim]
    agency = _holding(entities, "KCNA")
    assert any(m.label == "NOM" and m.text.lower() == "agency" for m in agency.mentions)
