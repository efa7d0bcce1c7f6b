"""People across articles: names clustered by spelling, appositive roles, pronouns."""

from __future__ import annotations

from newstrace.compare.lexicon import load
from newstrace.compare.persons import find_people
from newstrace.model import Article, content_id
from newstrace.nlp import parse


def _people(*bodies: str):  # type: ignore[no-untyped-def]
    # ids from content: the shared parse cache is keyed by article id
    arts = [Article(id=content_id(b), source=f"p{i}.txt", body=b) for i, b in enumerate(bodies)]
    return find_people(arts, parse(arts), [], load().roles), [a.id for a in arts]


def test_role_affiliation_and_pronoun() -> None:
    people, (aid,) = _people("Maria Lopez, a lawyer at the City Bar Association, spoke on "
                             "Friday. She said the court would rule soon.")
    maria = next(p for p in people if "Maria Lopez" in p.display)
    roles = maria.of(aid, "role")
    assert [r.value for r in roles] == ["lawyer"]
    assert roles[0].affiliation == "the City Bar Association"
    assert [r.value for r in maria.of(aid, "pronoun")] == ["female"]


def test_ambiguous_pronoun_is_not_resolved() -> None:
    people, _ = _people("Maria Lopez met Juan Ortiz in the capital on Friday. "
                        "He said the talks went well.")
    assert not [r for p in people for r in p.refs if r.kind == "pronoun"]


def test_spelling_variants_are_one_person() -> None:
    people, _ = _people("Officials said Mohammed Al-Rashid arrived on Monday.",
                        "Officials said Muhammad Al Rashid arrived on Monday.")
    keys = {p.key for p in people if any("Rashid" in r.text for r in p.refs)}
    assert len(keys) == 1


def test_she_for_another_referent_is_not_his() -> None:
    people, _ = _people("Carl Brandt was convicted of stabbing his wife in 1999 while she "
                        "visited him in prison. She survived the attack.")
    assert not [r for p in people for r in p.refs if r.kind == "pronoun"]


def test_name_forms_that_are_not_spelling_differences() -> None:
    from newstrace.compare.discrepancies import _same_or_short

    assert _same_or_short("Carl Brandt Jr.", "Carl Brandt Jr")
    assert _same_or_short("Mike Lowell's", "Mike Lowell")
    assert _same_or_short("Carl Brandt", "Carl Brandt Jr.")
    assert not _same_or_short("Kim Min-ji", "Kim Min Ji")
    assert not _same_or_short("Jerry Ortiz", "Jeremy Ortiz")
