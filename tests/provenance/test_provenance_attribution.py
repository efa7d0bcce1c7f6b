"""Attribution phrases: outlets and organisations credited, people not."""

from __future__ import annotations

from newstrace.model import Article
from newstrace.provenance.attribution import credits, find, name_forms


def credited(text: str) -> list[str]:
    return [a.credited for a in find(Article("x", "x", text))]


def test_common_credit_forms() -> None:
    assert credited("The plan was announced, according to the Daily Planet newspaper.") == [
        "Daily Planet"]
    assert credited("LIMA, June 2 (Andina) -- The president said ...") == ["Andina"]
    dateline = Article("x", "x", "Text.\n\nNEW YORK, May 5 (Reuters) - Stocks fell.")
    (attr,) = find(dateline)  # the whole dateline is the credit formula
    assert dateline.text(attr.span) == "NEW YORK, May 5 (Reuters) -"
    assert credited("MOSCOW, June 2. /Interfax/. Officials said ...") == ["Interfax"]
    assert credited("The remarks were carried by the official Xyz News Agency (XNA).") == [
        "Xyz News Agency (XNA)"]
    assert credited("Citing the Ministry of Health, the report said 40 died.") == [
        "Ministry of Health"]


def test_people_are_not_credited_outlets() -> None:
    assert credited("Kim said the plan would fail. Mary Jones reported seeing smoke.") == []


def test_spans_point_at_the_phrase() -> None:
    art = Article("x", "x", "Prices rose, the NBS said on Monday.")
    (attr,) = find(art)
    assert "NBS said" in art.text(attr.span)


def test_names_match_outlets_by_acronym_and_domain() -> None:
    assert credits("Korean Central News Agency", "KCNA")
    assert credits("the Kyiv Independent", "kyivindependent.com")
    assert not credits("Daily Planet", "dailybugle.com")
    assert "example" in name_forms("https://www.example.co.uk/news")
    assert credits("Example Times (ET)", "ET")


def test_one_word_outlets_count_when_known() -> None:
    text = "The deal is off, according to Zorbanews. Petrov said it was final."
    art = Article("x", "x", text)
    assert [a.credited for a in find(art)] == []  # an unknown single word could be a person
    assert [a.credited for a in find(art, ["Zorbanews"])] == ["Zorbanews"]
    # the registry knows wire agencies by their one-word names
    assert credited("Prices rose, Reuters reported on Monday.") == ["Reuters"]
    assert credits("AP", "Associated Press")


def test_initials_do_not_match_other_initials_or_registered_names() -> None:
    assert not credits("Example Times", "Eastern Tribune")  # both only initials "ET"
    assert not credits("AP", "Ashford Post")  # the registry knows AP as another outlet
    assert not credits("Associated Press", "Ashford Post")
    assert credits("AP", "Associated Press (AP)")
