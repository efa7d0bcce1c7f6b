"""Publication dates as texts write them, and dates the tool must refuse to guess."""

from __future__ import annotations

import io
import sys

import pytest

from newstrace.ingest import read_paths, read_text
from newstrace.ingest.dates import era_dates, hijri_dates, parse_date

BODY = ("Officials met on Tuesday to discuss the harbour project and agreed to continue "
        "talks next month, a spokesperson said.\n\nNo timetable was announced.")


@pytest.mark.parametrize(
    ("stamp", "iso", "how"),
    [
        ("(Juche112.5.15.)", "2023-05-15", "calendar:juche"),
        ("民國112年5月15日", "2023-05-15", "calendar:minguo"),
        ("令和5年5月15日", "2023-05-15", "calendar:reiwa"),
        ("Reiwa 5.5.15", "2023-05-15", "calendar:reiwa"),
        ("Heisei 30.1.2", "2018-01-02", "calendar:heisei"),
        ("B.E. 2566/05/15", "2023-05-15", "calendar:buddhist"),
        ("24 Shawwal 1444 AH", "2023-05-15", "calendar:hijri"),  # tabular calendar
        ("15 May 2023", "2023-05-15", "date-line"),
        ("May 15, 2023", "2023-05-15", "date-line"),
        ("2023-05-15", "2023-05-15", "date-line"),
    ],
)
def test_date_stamp_line_gives_publication_date(config, stamp, iso, how) -> None:
    art = read_text(BODY + "\n\n" + stamp, "s.txt", config)
    assert art.published == iso
    ev = art.published_evidence
    assert ev is not None and ev.how == how
    assert ev.start is not None and ev.end is not None
    assert ev.raw in art.raw[ev.start : ev.end]
    assert stamp not in art.body


def test_dateline_takes_year_from_calendar_stamp(config) -> None:
    text = "PYONGYANG, March 2 (KCNA) -- " + BODY + "\n\n(Juche113.3.2.)"
    art = read_text(text, "k.txt", config)
    assert art.published == "2024-03-02"
    assert art.published_evidence is not None
    assert art.published_evidence.raw == "March 2"
    assert art.published_evidence.how == "dateline+calendar:juche"


def test_dates_inside_story_sentences_are_not_publication_dates(config) -> None:
    text = BODY + "\n\nThe harbour was first opened on June 29, 2022, and expanded in 2019."
    assert read_text(text, "x.txt", config).published is None


@pytest.mark.parametrize("bad", ["May 15, 12023", "May 15, 1066", "15/05/23", "May 15"])
def test_absurd_two_digit_or_missing_years_give_no_date(bad) -> None:
    iso, problem = parse_date(bad)
    assert iso is None and problem


def test_absurd_year_in_date_line_is_noted_not_used(config) -> None:
    art = read_text(" date 12023-05-15\n\n" + BODY + "\n\nMay 15, 1066", "y.txt", config)
    assert art.published is None
    assert any("1066" in n for n in art.notes) and any("12023" in n for n in art.notes)
    assert "12023" not in art.body and "1066" not in art.body


def test_era_and_hijri_helpers_report_offsets() -> None:
    text = "Issued on 令和5年5月15日 and 24 Shawwal 1444 AH."
    (era,) = era_dates(text)
    assert text[era.start : era.end] == era.raw and era.iso == "2023-05-15"
    (hij,) = hijri_dates(text)
    assert text[hij.start : hij.end] == hij.raw and hij.iso == "2023-05-15"


def test_stdin_is_read_with_dash(config, monkeypatch) -> None:
    data = ("LIMA, Jan 5 (EFE) -- " + BODY).encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    result = read_paths(["-"], config)
    (art,) = result.articles
    assert art.source == "-" and art.outlet == "EFE" and art.dateline_place == "Lima"


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Published: Monday, May 15, 2023 10:30 KST", "2023-05-15"),
        ("Posted on 15 May 2023, 09:12 GMT", "2023-05-15"),
        ("Updated: May 16, 2023 08:00 UTC", None),  # an update, not the publication
    ],
)
def test_labelled_date_lines(config, line, iso) -> None:
    art = read_text(f"Harbour Talks Resume\n\n{line}\n\n{BODY}", "l.txt", config)
    assert art.published == iso
    assert line not in art.body and art.title == "Harbour Talks Resume"


def test_leading_updated_line_is_not_the_publication_date(config) -> None:
    art = read_text("Last updated 2024-02-03 09:00\n\n" + BODY, "u.txt", config)
    assert art.published is None and "2024-02-03" not in art.body
    assert any("update" in n for n in art.notes)
