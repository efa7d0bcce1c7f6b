"""Mention repair before resolution: run-together headlines and names the tagger missed."""

from __future__ import annotations

from newstrace.entities.segment import add_known_names, resegment, title_case_line
from newstrace.model import Mention, Span


def _m(aid: str, body: str, text: str, label: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = body.index(text, start + 1)
    return Mention(Span(aid, start, start + len(text)), text, label)


def test_known_names_found_where_the_tagger_missed_them() -> None:
    a = ("Mark Teixeira left the Red Sox. Teixeira said the deal was fair. Teixeira smiled. "
         "People reported it first. People said so again.")
    b = "The Red Sox lost Teixeira. Fans of the Red Sox were angry. People wrote that too."
    c = "Some people were not surprised."
    mentions = {"a": [_m("a", a, "Mark Teixeira", "PERSON"), _m("a", a, "Red Sox", "ORG"),
                      _m("a", a, "Teixeira", "PERSON", 1), _m("a", a, "Teixeira", "PERSON", 2),
                      _m("a", a, "People", "ORG"), _m("a", a, "People", "ORG", 1)],
                "b": [_m("b", b, "Red Sox", "ORG")], "c": []}
    add_known_names(mentions, {"a": a, "b": b, "c": c})
    found_b = [(m.text, m.label) for m in mentions["b"]]
    assert ("Teixeira", "PERSON") in found_b
    assert found_b.count(("Red Sox", "ORG")) == 2
    # "People" is a common word in this collection (written in lower case): never added.
    assert ("People", "ORG") not in found_b
    assert [m.span.start for m in mentions["b"]] == sorted(m.span.start for m in mentions["b"])


def test_name_cut_short_by_the_tagger_gives_way_to_the_known_name() -> None:
    a = "A deputy was shot in Hawaiian Gardens. Hawaiian Gardens police sealed the street."
    b = "Neighbours outside a Hawaiian Gardens apartment heard shots."
    mentions = {"a": [_m("a", a, "Hawaiian Gardens", "GPE"),
                      _m("a", a, "Hawaiian Gardens", "GPE", 1)],
                "b": [_m("b", b, "Hawaiian", "NORP")]}
    add_known_names(mentions, {"a": a, "b": b})
    assert [(m.text, m.label) for m in mentions["b"]] == [("Hawaiian Gardens", "GPE")]


def test_title_case_lines() -> None:
    body = "Senator Moves to Overturn Budget Rules\nThe senator moved to overturn the rules."
    assert title_case_line(body, 3)
    assert not title_case_line(body, body.index("senator"))


def test_unique_run_together_mention_is_cut() -> None:
    a = "Obama Reverses Bush On Species\nObama said Bush was wrong."
    b = "Obama and Bush met."
    mentions = {"a": [_m("a", a, "Obama Reverses Bush", "PERSON"), _m("a", a, "Obama", "PERSON", 1),
                      _m("a", a, "Bush", "PERSON", 1)],
                "b": [_m("b", b, "Obama", "PERSON"), _m("b", b, "Bush", "PERSON")]}
    resegment(mentions, {"a": a, "b": b})
    assert [m.text for m in mentions["a"]][:2] == ["Obama", "Bush"]
    assert mentions["a"][1].span.start == a.index("Bush")


def test_nationality_before_a_known_full_name_is_cut_off() -> None:
    """'Ukrainian Olek Marchuk' is the nationality and the person, both known names;
    two known person words ('Olek', 'Marchuk') never cut a full name apart."""
    a = "Ukrainian Olek Marchuk won. Olek Marchuk smiled. Ukrainian fans cheered. Olek waved."
    b = "Olek Marchuk, the Ukrainian champion, spoke. Marchuk left. Marchuk slept."
    mentions = {"a": [_m("a", a, "Ukrainian Olek Marchuk", "PERSON"),
                      _m("a", a, "Olek Marchuk", "PERSON", 1), _m("a", a, "Ukrainian", "NORP", 1),
                      _m("a", a, "Olek", "PERSON", 2)],
                "b": [_m("b", b, "Olek Marchuk", "PERSON"), _m("b", b, "Ukrainian", "NORP"),
                      _m("b", b, "Marchuk", "PERSON", 1), _m("b", b, "Marchuk", "PERSON", 2)]}
    resegment(mentions, {"a": a, "b": b})
    assert [(m.text, m.label) for m in mentions["a"]][:2] == [("Ukrainian", "NORP"),
                                                             ("Olek Marchuk", "PERSON")]
    assert ("Olek Marchuk", "PERSON") in [(m.text, m.label) for m in mentions["b"]]
