"""Cross-document resolution on small invented articles."""

from __future__ import annotations

from pathlib import Path

from newstrace.config import Config
from newstrace.entities.mentions import extract_mentions
from newstrace.entities.resolve import resolve
from newstrace.model import Article, Entity


def _entities(bodies: list[str], config: Config) -> tuple[list[Article], list[Entity]]:
    arts = [Article(id=f"r{i}-{abs(hash(b))}", source="t", body=b) for i, b in enumerate(bodies)]
    return arts, resolve(extract_mentions(arts, config), arts, config)


def _holding(ents: list[Entity], form: str) -> Entity:
    for e in ents:
        if form in e.forms:
            return e
    raise AssertionError(f"{form!r} not in {[e.forms for e in ents]}")


def test_person_spellings_and_surname_join(config: Config) -> None:
    arts, ents = _entities([
        "Park Jeong-hoon, a spokesman for the Unification Ministry, said on Friday that "
        "talks would resume. Park added that no date was set.",
        "Unification Ministry spokesman Park Jung Hoon told reporters the talks were off.",
    ], config)
    park = _holding(ents, "Park Jeong-hoon")
    assert park.label == "PERSON"
    assert {"Park Jung Hoon", "Park"} <= set(park.forms)
    assert {m.span.article_id for m in park.mentions} == {a.id for a in arts}
    assert any("spokesman" in r for r in park.roles)
    assert all(m.entity_id == park.id for m in park.mentions)


def test_same_surname_different_people_stay_apart(config: Config) -> None:
    _, ents = _entities([
        "Lee Sang-min, the interior minister, visited the flood zone on Monday.",
        "Lee Jae-won, a professor at the national university, criticised the response.",
    ], config)
    assert _holding(ents, "Lee Sang-min").id != _holding(ents, "Lee Jae-won").id


def test_acronym_defined_in_one_article_joins_another(config: Config) -> None:
    _, ents = _entities([
        "The International Criminal Court (ICC) opened an inquiry into the attacks.",
        "Prosecutors at the ICC said on Tuesday they had new evidence.",
    ], config)
    icc = _holding(ents, "ICC")
    assert "International Criminal Court" in icc.forms
    assert icc.name == "International Criminal Court"


def test_capital_and_adjective_join_the_country(config: Config) -> None:
    _, ents = _entities([
        "France said it would send aid. Paris has pledged ten million euros.",
        "French officials confirmed the shipment on Sunday.",
    ], config)
    france = _holding(ents, "France")
    assert {"Paris", "French"} <= set(france.forms)
    assert france.label == "GPE"


def test_capital_written_as_a_place_is_the_city(config: Config) -> None:
    arts, ents = _entities([
        "Robbers raided a jewellery store in central Paris on Tuesday. Paris police said "
        "the thieves fled on foot.",
        "France condemned the raid. The robbery at a Paris boutique was the third this year.",
        "A supermarket in Wellington, Somerset, was evacuated after a fire.",
        "New Zealand sent aid to the flood zone.",
    ], config)
    paris, france = _holding(ents, "Paris"), _holding(ents, "France")
    assert paris.id != france.id
    assert {m.span.article_id for m in paris.mentions} == {arts[0].id, arts[1].id}
    assert _holding(ents, "Wellington").id != _holding(ents, "New Zealand").id


def test_capitalised_person_noun_in_a_headline_is_no_name(config: Config) -> None:
    _, ents = _entities([
        "Deputy's Alleged Killer Held\nA 27-year-old man, Omar Haddad, was held. "
        "Haddad denied that he was the killer.",
        "British Climber Killed In Fall\nRobert Buckley, a climber from Leeds, died.",
        "Minnie Driver attended the premiere. Driver wore red. Reporters asked Driver "
        "about the driver of her car.",
    ], config)
    forms = {f for e in ents for f in e.forms}
    assert not {"Killer", "Climber"} & forms
    assert "Driver" in _holding(ents, "Minnie Driver").forms


def test_clinic_named_after_a_person_written_as_a_place(config: Config) -> None:
    _, ents = _entities([
        "The singer checked into the Betty Ford Center in California on Monday.",
        "She was treated at Betty Ford for six weeks, her lawyer said.",
        "Betty Ford, the former first lady, founded the clinic in 1982.",
    ], config)
    clinic = _holding(ents, "Betty Ford Center")
    assert clinic.label in ("ORG", "FAC")
    at_clinic = [e for e in ents for m in e.mentions
                 if m.text == "Betty Ford" and m.span.article_id.startswith("r1-")]
    assert at_clinic and all(e.id == clinic.id for e in at_clinic)
    lady = [e for e in ents for m in e.mentions
            if m.text == "Betty Ford" and m.span.article_id.startswith("r2-")]
    assert lady and all(e.id != clinic.id for e in lady)


def test_nickname_inside_a_full_name_joins_both_forms(config: Config) -> None:
    _, ents = _entities([
        'Deputy Luis Gerardo "Jerry" Ortiz was shot on Friday.',
        "Jerry Ortiz had served for 16 years.",
        "Luis Gerardo Ortiz will be buried on Monday.",
        "Maria Ortiz, a neighbour, said she heard shots.",
    ], config)
    jerry = _holding(ents, "Jerry Ortiz")
    assert {'Luis Gerardo "Jerry" Ortiz', "Luis Gerardo Ortiz"} <= set(jerry.forms)
    assert _holding(ents, "Maria Ortiz").id != jerry.id


def test_nationality_word_naming_a_person_joins_that_person(config: Config) -> None:
    _, ents = _entities([
        "Klitschko beat American challenger Tony Thompson in Bern on Saturday.",
        "Wladimir Klitschko knocked down Tony Thompson twice, and the 40-year-old American "
        "never recovered. American fans booed.",
        "The United States sent a delegation to the talks.",
    ], config)
    thompson = _holding(ents, "Tony Thompson")
    assert "American" in thompson.forms
    us = _holding(ents, "United States")
    assert thompson.id != us.id


def test_abbreviated_mount_is_the_same_place(config: Config) -> None:
    _, ents = _entities([
        "Two climbers died on Mount Cook on Tuesday, police said.",
        "Rescuers reached the climbers' bodies high on Mt Cook after a storm.",
    ], config)
    assert _holding(ents, "Mt Cook").id == _holding(ents, "Mount Cook").id


def test_role_noun_with_adjectives_refers_to_the_named_person(config: Config) -> None:
    _, ents = _entities([
        "Jane Moreau, an actress from Lyon, checked into a clinic on Monday. "
        "The troubled 26-year-old actress left on Friday.",
    ], config)
    jane = _holding(ents, "Jane Moreau")
    assert any(m.label == "NOM" and m.text == "actress" for m in jane.mentions)


def test_user_alias_file_is_used(config: Config, tmp_path: Path) -> None:
    alias = tmp_path / "aliases.toml"
    alias.write_text('[ORG]\n"Acme Holdings" = ["Acme", "Acme Group"]\n', "utf-8")
    cfg = config.with_overrides({"entities": {"aliases_file": str(alias)}})
    _, ents = _entities(["Acme Group bought the plant.", "Acme Holdings denied the report."],
                        cfg)
    assert _holding(ents, "Acme Group").id == _holding(ents, "Acme Holdings").id


def test_middle_name_joins_when_only_one_middle_is_known(config: Config) -> None:
    _, ents = _entities([
        "Defence lawyer Mark Jay Heller said the hearing would go ahead.",
        "Mark Heller told reporters his client was in good spirits.",
    ], config)
    assert _holding(ents, "Mark Heller").id == _holding(ents, "Mark Jay Heller").id


def test_two_different_middle_names_keep_the_bare_form_apart(config: Config) -> None:
    _, ents = _entities([
        "George H. W. Bush, the former president, attended the ceremony.",
        "George W. Bush spoke at the dinner in Dallas.",
        "George Bush was not mentioned by name in the statement.",
    ], config)
    older, younger = _holding(ents, "George H. W. Bush"), _holding(ents, "George W. Bush")
    assert older.id != younger.id
    assert _holding(ents, "George Bush").id not in {older.id, younger.id}


def test_name_ending_a_longer_name_joins_it(config: Config) -> None:
    _, ents = _entities([
        "Academy president Cheryl Boone Isaacs announced the host on Friday. "
        "Boone Isaacs said the choice was easy.",
    ], config)
    assert _holding(ents, "Boone Isaacs").id == _holding(ents, "Cheryl Boone Isaacs").id


def test_headline_run_together_mention_is_cut_into_known_names(config: Config) -> None:
    _, ents = _entities([
        "Senator Reverses Course On Budget As Maria Alvarez Quits\n"
        "Maria Alvarez resigned from the committee on Monday.",
        "Maria Alvarez, a senator since 2010, said she would not run again.",
    ], config)
    alvarez = _holding(ents, "Maria Alvarez")
    assert len({m.span.article_id for m in alvarez.mentions}) == 2
    assert not any("Quits" in f for e in ents for f in e.forms)


def test_recurring_headline_is_cut_only_at_common_words(config: Config) -> None:
    head = "Maria Alvarez Quits Senate Race\n"
    _, ents = _entities([
        head + "Maria Alvarez resigned on Monday, and she quits the race with regret.",
        head + "Maria Alvarez said she quits after ten years.",
        "Maria Alvarez, a senator since 2010, will not run again. Alvarez thanked voters.",
    ], config)
    alvarez = _holding(ents, "Maria Alvarez")
    assert len({m.span.article_id for m in alvarez.mentions}) == 3
    assert not any("Quits" in f for e in ents for f in e.forms)


def test_clinic_tagged_as_person_joins_its_other_spelling(config: Config) -> None:
    _, ents = _entities([
        "She entered the Betty Ford Center on Monday, her spokesman said.",
        "The actress is at the Betty Ford Centre in Rancho Mirage.",
    ], config)
    clinic = _holding(ents, "Betty Ford Center")
    assert "Betty Ford Centre" in clinic.forms
    assert clinic.label != "PERSON"


def test_short_organisation_name_joins_its_long_form(config: Config) -> None:
    _, ents = _entities([
        "The Indian Navy said its ship had stopped three boats. The Navy gave no names.",
        "A Navy spokesman confirmed the operation near the coast.",
    ], config)
    navy = _holding(ents, "Indian Navy")
    assert "Navy" in navy.forms
    assert len({m.span.article_id for m in navy.mentions}) == 2


def test_short_name_with_two_long_forms_stays_apart_elsewhere(config: Config) -> None:
    _, ents = _entities([
        "The Ohio State Police closed the road on Friday.",
        "The Texas State Police made two arrests on Sunday.",
        "Officers of the State Police declined to comment.",
    ], config)
    ohio, texas = _holding(ents, "Ohio State Police"), _holding(ents, "Texas State Police")
    assert ohio.id != texas.id
    assert _holding(ents, "State Police").id not in {ohio.id, texas.id}


def test_name_described_by_a_person_role_is_a_person(config: Config) -> None:
    _, ents = _entities([
        "Tokyo and Seoul held talks on trade.\n\n"
        "Nakatani, chief cabinet secretary, said the talks would continue.",
    ], config)
    assert _holding(ents, "Nakatani").label == "PERSON"


def test_alias_inside_a_hyphenated_word_is_not_a_mention(config: Config) -> None:
    _, ents = _entities(["Leaders met to discuss Asia-Pacific security on Monday."], config)
    assert not any(f == "Asia" for e in ents for f in e.forms)


def test_role_noun_joins_the_entity_with_that_role(config: Config) -> None:
    arts, ents = _entities([
        "The Northern Fisheries Agency said on Monday that catches fell. "
        "The agency blamed warm water.",
    ], config)
    agency = _holding(ents, "Northern Fisheries Agency")
    refs = [m for m in agency.mentions if m.label == "NOM"]
    assert [arts[0].body[m.span.start:m.span.end] for m in refs] == ["agency"]
    assert "agency" not in agency.forms


def test_pronouns_link_only_when_asked_and_unambiguous(config: Config) -> None:
    body = ("Maria Alvarez resigned on Monday. She said the decision was hers alone. "
            "Alvarez met John Reed later, and he said she would be missed.")
    _, ents = _entities([body], config)
    assert not any(m.label == "PRON" for e in ents for m in e.mentions)
    _, ents = _entities([body], config.with_overrides({"entities": {"pronouns": True}}))
    alvarez = _holding(ents, "Maria Alvarez")
    prons = [m.span.start for m in alvarez.mentions if m.label == "PRON"]
    assert prons == [body.index("She")]  # "he"/"she" after two people named: ambiguous


def test_organisation_names_with_a_middle_word_or_plural_apart(config: Config) -> None:
    _, ents = _entities([
        "Depositors queued outside Marfin Investment Bank on Tuesday.",
        "Staff of Marfin Bank were evacuated, a spokesman said.",
        "The Central Elections Commission published the results.",
        "Observers praised the Central Election Commission for its work.",
    ], config)
    assert _holding(ents, "Marfin Bank").id == _holding(ents, "Marfin Investment Bank").id
    assert (_holding(ents, "Central Elections Commission").id
            == _holding(ents, "Central Election Commission").id)


def test_acronym_of_one_name_spelt_two_ways_joins_it(config: Config) -> None:
    """Long forms that differ only by a plural are one name: the acronym is not ambiguous."""
    _, ents = _entities([
        "The Northern Waterway Safety Commission issued a warning on Monday.",
        "Officials of the Northern Waterways Safety Commission met in the capital.",
        "The NWSC said the reservoirs were full.",
    ], config)
    forms = set(_holding(ents, "NWSC").forms)
    assert {"Northern Waterway Safety Commission", "Northern Waterways Safety Commission"} <= forms


def test_acronym_keeps_a_capital_the(config: Config) -> None:
    """'TMG' is 'The Morning Gazette': its writers keep 'The' in the initials."""
    _, ents = _entities([
        "A report in The Morning Gazette said the bridge would close on Friday.",
        "Editors at The Morning Gazette confirmed the story.",
        "TMG first reported the closure, and TMG later updated it.",
    ], config)
    assert "TMG" in _holding(ents, "Morning Gazette").forms
