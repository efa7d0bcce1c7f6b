"""Quotation-mark pairing across styles."""

from __future__ import annotations

from newstrace.quotes.marks import find_quotes


def _texts(text: str) -> list[str]:
    return [text[m.start:m.end] for m in find_quotes(text)]


def test_typographic_straight_guillemets_and_low9() -> None:
    text = 'He said "one two," then “three four”. «cinq six» and „sieben acht“ end.'
    assert _texts(text) == ["one two,", "three four", "cinq six", "sieben acht"]


def test_nested_single_quotes_inside_double() -> None:
    text = "“They call it ‘the plan’ now,” she said."
    marks = find_quotes(text)
    assert [text[m.start:m.end] for m in marks] == ["They call it ‘the plan’ now,", "the plan"]
    assert [m.nested for m in marks] == [False, True]


def test_apostrophes_are_not_quotes() -> None:
    text = "The group’s leaders don’t agree, and the voters' mood is sour in the '90s."
    assert _texts(text) == []


def test_single_quotes_used_as_quotes() -> None:
    text = "the so-called ‘Quad’ bloc and the 'axis' label"
    assert _texts(text) == ["Quad", "axis"]


def test_quote_running_over_paragraphs_reopens() -> None:
    text = '"First paragraph of a long quote.\n\n"Second paragraph ends it," he said.'
    marks = find_quotes(text)
    assert [text[m.start:m.end] for m in marks] == [
        "First paragraph of a long quote.", "Second paragraph ends it,"]
    assert marks[0].unclosed and not marks[1].unclosed


def test_two_apostrophes_are_one_double_mark() -> None:
    text = "''The key was timing,'' Mr. Hale said, ''and luck.''"
    assert [t.strip() for t in _texts(text)] == ["The key was timing,", "and luck."]


def test_mistyped_closing_marks_still_close() -> None:
    text = 'He said "the limit is set by law. " (Note: it is.) Later: “we are done.“ She left.'
    assert [t.strip() for t in _texts(text)] == ["the limit is set by law.", "we are done."]


def test_colon_glued_to_an_opening_straight_mark() -> None:
    text = 'Rep. Ann Lee (D-Ohio):"Who wrote that memo?"\n\nThe minister:"I did."'
    assert _texts(text) == ["Who wrote that memo?", "I did."]


def test_straight_double_closing_right_after_a_nested_single() -> None:
    text = "\"My aunt always said, 'You belong here,'\" the student said. \"So I stayed.\""
    doubles = [text[m.start:m.end] for m in find_quotes(text) if m.double]
    assert doubles == ["My aunt always said, 'You belong here,'", "So I stayed."]
