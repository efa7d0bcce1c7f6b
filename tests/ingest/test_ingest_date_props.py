"""Date mentions for any text and any publication date: no crash, spans are the text."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.ingest.datementions import find_date_mentions

PIECES = st.sampled_from([
    "on Monday", "last Sunday", "next Friday", "will meet Tuesday", "yesterday", "tomorrow",
    "last week", "next month", "this year", "999 days ago", "a year ago", "May 15", "15 mai",
    "Feb. 29", "June 29, 2022", "in December", "last May", "next January", "in 2005",
    "2023-05-15", "Juche112.5.15.", "lundi prochain", "hier", "morgen", "letzten Monat",
    "el domingo", " ", ", ", ". ", "\n", "word", "Good Friday", "Santo Domingo", "3.",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES, max_size=20).map(" ".join) | st.text(max_size=200),
       st.one_of(st.none(), st.dates(dt.date(1800, 1, 1), dt.date(9999, 12, 31)).map(str),
                 st.sampled_from(["9999-12-31", "1800-01-01", "2024-02-29T10:00:00+09:00",
                                  "garbage"])))
def test_mentions_are_spans_of_the_body_with_iso_values(body: str, published: str | None
                                                        ) -> None:
    mentions = find_date_mentions(body, "a1", published)
    ends = 0
    for m in mentions:
        assert m.span.article_id == "a1" and body[m.span.start : m.span.end] == m.text
        assert m.span.start >= ends  # in text order, never overlapping
        ends = m.span.end
        if m.value is not None:
            assert m.value[:4].isdigit() and (len(m.value) == 4 or m.value[4] == "-")
