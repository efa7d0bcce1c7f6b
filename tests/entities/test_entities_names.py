"""Name folding, acronyms and aliases: general rules, checked on invented names."""

from __future__ import annotations

from newstrace.entities.names import (
    clean_surface,
    initials,
    name_keys,
    paren_acronyms,
    plain,
    similar_names,
)
from newstrace.entities.resolve import load_aliases


def test_romanisation_variants_share_a_key() -> None:
    assert name_keys("Park Jeong-hoon") & name_keys("Park Jung Hoon")
    assert name_keys("Choe Son-hui") & name_keys("Choe Son Hui")
    assert name_keys("Mohammed Khalil") & name_keys("Mohamed Kalil")


def test_word_order_does_not_matter() -> None:
    assert name_keys("Lee Min-ji") & name_keys("Min-ji Lee")


def test_different_people_with_one_surname_stay_apart() -> None:
    assert not similar_names("Kim Yong-chol", "Kim Jong-su", 90)
    assert not similar_names("Park Ji-won", "Park Min-soo", 90)


def test_close_spellings_with_shared_family_name_match() -> None:
    assert similar_names("Dmitry Peskov", "Dmitri Peskov", 90)
    assert not similar_names("Dmitry Peskov", "Dmitry Medvedev", 90)


def test_acronyms() -> None:
    assert initials("World Food Programme") == "WFP"
    assert initials("Organization of the Petroleum Exporting Countries") == "OPEC"
    text = "officials of the International Criminal Court (ICC) and the local police (LP)."
    assert paren_acronyms(text) == [("International Criminal Court", "ICC")]


def test_surface_cleaning() -> None:
    assert plain("the U.S.") == "us"
    assert clean_surface("the Kingdom's Interior Ministry") == "Interior Ministry"
    assert clean_surface("the Senate's") == "Senate"


def test_aliases_map_capitals_and_adjectives_to_countries() -> None:
    aliases = load_aliases()
    assert aliases[plain("Paris")] == ("France", "GPE")
    assert aliases[plain("French")] == ("France", "GPE")
    assert aliases[plain("U.S.")] == ("United States", "GPE")


def test_org_like_names_and_trimmed_run_ons() -> None:
    from newstrace.entities.names import org_like, trim_name

    assert org_like("Betty Ford Centre") and org_like("Marfin Egnatia Bank")
    assert not org_like("Betty Ford") and not org_like("Center")
    assert trim_name("Ross doesn") == "Ross"
    assert trim_name("Catching Fire - -") == "Catching Fire"
    assert trim_name("Bank of America") == "Bank of America"
    assert trim_name("al-Qaeda") == "al-Qaeda"
