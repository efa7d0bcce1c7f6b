"""Role nouns refer back by the head of a role, not by its last word."""

from __future__ import annotations

from newstrace.config import Config
from newstrace.entities.mentions import extract_mentions
from newstrace.entities.names import role_head
from newstrace.entities.resolve import resolve
from newstrace.model import Article


def test_role_head_is_the_noun_before_its_preposition() -> None:
    assert role_head("a senior researcher at the Harbour Institute") == "researcher"
    assert role_head("chief cabinet secretary") == "secretary"
    assert role_head("the 33-year-old actress's rep") == "rep"
    assert role_head("of the agency") == ""


def test_the_researcher_is_the_researcher_not_the_institute(config: Config) -> None:
    art = Article(id="r1", source="r1", body=(
        "Odile Marchetti, a senior researcher at the Harbour Institute, said the tide "
        "gauges failed.\n\nThe researcher said repairs would take a year."))
    ents = resolve(extract_mentions([art], config), [art], config)
    person = next(e for e in ents if e.name == "Odile Marchetti")
    noms = [art.body[m.span.start:m.span.end] for m in person.mentions if m.label == "NOM"]
    assert noms == ["researcher"]
