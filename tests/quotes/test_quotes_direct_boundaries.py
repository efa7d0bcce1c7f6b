"""Where a direct quotation ends and the reporter's own words begin (issue #6)."""

from __future__ import annotations

from quote_text import quotes_of as _quotes

from newstrace.config import Config
from newstrace.model import Article, Quote


def _holding(art: Article, qs: list[Quote], words: str) -> Quote:
    found = [q for q in qs if any(words in art.text(s) for s in q.content)]
    assert found, f"no quote holds {words!r}: {[art.text(q.content[0]) for q in qs]}"
    return found[0]


def test_quotation_after_a_colon_with_a_trailing_cue_stands_alone(config: Config) -> None:
    body = ("At the ceremony, the mayor praised the volunteers for their long hours: "
            "“You kept this city running when nobody else would,” she said.")
    art, qs = _quotes(body, config)
    q = _holding(art, qs, "You kept this city running")
    assert [art.text(s) for s in q.content] == ["You kept this city running when nobody else would"]
    assert q.speaker is not None and art.text(q.speaker) == "she"


def test_quotation_set_off_by_dashes_keeps_its_own_cue(config: Config) -> None:
    body = ("The senator compared the bill to earlier failures - \"This one will collapse "
            "even faster,\" the senator said on Friday - and urged colleagues to vote no.")
    art, qs = _quotes(body, config)
    q = _holding(art, qs, "This one will collapse")
    assert [art.text(s) for s in q.content] == ["This one will collapse even faster"]


def test_a_new_sentence_reporting_a_clause_does_not_attribute_the_quotation(
        config: Config) -> None:
    body = ("The minister answered the critics directly. \"That figure is simply wrong.\" "
            "He said the budget would grow by four percent next year.")
    art, qs = _quotes(body, config)
    said = [q for q in qs if q.cue is not None and art.text(q.cue) == "said"]
    assert said and all("would grow" in art.text(q.content[0]) for q in said)
    assert all("simply wrong" not in art.text(s) for q in said for s in q.content)


def test_when_asked_after_a_quotation_is_not_its_cue(config: Config) -> None:
    body = ("The governor had previously said, “We’ll see,” when asked whether she "
            "would run for a third term.")
    art, qs = _quotes(body, config)
    q = _holding(art, qs, "We’ll see")
    assert [art.text(s) for s in q.content] == ["We’ll see"]
    assert q.cue is not None and art.text(q.cue) == "said"


def test_split_quotation_in_double_apostrophes_is_one_quote(config: Config) -> None:
    # Some papers print quotation marks as two apostrophes: ''A,'' he said, ''B.''
    body = ("The mayor conceded the point. ''That, unfortunately,'' he said, ''is part of "
            "the reality of running a city this size.''")
    art, qs = _quotes(body, config)
    q = _holding(art, qs, "is part of the reality")
    assert [art.text(s) for s in q.content] == [
        "That, unfortunately", "is part of the reality of running a city this size."]
    assert q.speaker is not None and art.text(q.speaker) == "he"


def test_a_name_set_off_by_a_dash_before_the_colon_speaks(config: Config) -> None:
    # A digest's credit: the verb before the dash ("predict") is not the cue.
    body = ("But polls did predict the council race - Ann Lee: “While the vote provided an "
            "upset on one side, most pollsters fared much better with the other.”")
    art, qs = _quotes(body, config)
    q = _holding(art, qs, "most pollsters fared")
    assert q.speaker is not None and art.text(q.speaker) == "Ann Lee"
