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
