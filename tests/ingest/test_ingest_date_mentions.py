"""Dates in the body ("on Monday", "last month", "May 14") resolved against the publication date."""

from __future__ import annotations

import json

from newstrace.ingest import read_paths, read_text
from newstrace.model import Article, from_dict, to_dict

STORY = (
    "The minister resigned on Monday after a week of protests, officials said. Talks with "
    "the unions will resume on Friday. Prices rose sharply last month, and yesterday the "
    "central bank held an emergency meeting. The deal, signed June 29, 2022, was suspended "
    "on May 14. Unions had warned last week that the Good Friday agreement was at risk."
)


def _article(config, tmp_path, published: str | None, text: str = STORY) -> Article:
    rec = {"text": text, "title": "Minister resigns"}
    if published:
        rec["date"] = published
    path = tmp_path / "story.jsonl"
    path.write_text(json.dumps(rec) + "\n", "utf-8")
    (art,) = read_paths([path], config).articles
    return art


def _resolved(art: Article) -> dict[str, tuple[str | None, str]]:
    for m in art.date_mentions:
        assert art.text(m.span) == m.text  # every mention is evidence in the body
    return {m.text: (m.value, m.how) for m in art.date_mentions}


def test_relative_and_absolute_dates_resolve_against_the_publication_date(config, tmp_path
                                                                          ) -> None:
    art = _article(config, tmp_path, "2024-06-05")  # a Wednesday
    assert _resolved(art) == {
        "Monday": ("2024-06-03", "weekday-past+published"),
        "Friday": ("2024-06-07", "weekday-next+published"),  # "will resume on Friday"
        "last month": ("2024-05", "relative+published"),
        "yesterday": ("2024-06-04", "relative+published"),
        "June 29, 2022": ("2022-06-29", "date"),
        "May 14": ("2024-05-14", "month-day+published"),
        "last week": ("2024-W22", "relative+published"),
    }  # and "Good Friday" is a name, not a date
    assert [m.span.start for m in art.date_mentions] == sorted(
        m.span.start for m in art.date_mentions)


def test_without_a_publication_date_only_full_dates_have_values(config, tmp_path) -> None:
    art = _article(config, tmp_path, None)
    got = _resolved(art)
    assert got["June 29, 2022"] == ("2022-06-29", "date")
    assert got["Monday"] == (None, "weekday-past") and got["last month"] == (None, "relative")
    assert got["May 14"] == (None, "month-day")


def test_a_date_without_year_takes_the_nearest_year(config) -> None:
    text = ("ROME -- The court ruled on December 28 that the strike was legal, and the "
            "unions said on Jan. 2 they would return to work. Talks are set for Monday.")
    art = read_text(text, "memo.txt", config)
    art2 = read_text("2024-01-03\n\n" + text, "memo2.txt", config)
    assert art.published is None and art2.published == "2024-01-03"  # a Wednesday
    got = _resolved(art2)
    assert got["December 28"] == ("2023-12-28", "month-day+published")
    assert got["Jan. 2"] == ("2024-01-02", "month-day+published")
    assert got["Monday"] == ("2024-01-08", "weekday-next+published")  # "set for Monday"


def test_last_and_next_weekday_and_counted_ago(config) -> None:
    text = ("2023-05-15\n\nThe vote held last Monday was annulled, and a new one comes next "
            "Monday. The first complaint was filed three weeks ago, a second 10 days ago; "
            "the law itself dates from March 2021. Protests went on last weekend.")
    art = read_text(text, "memo.txt", config)
    assert art.published == "2023-05-15"  # a Monday
    assert _resolved(art) == {
        "last Monday": ("2023-05-08", "weekday-past+published"),
        "next Monday": ("2023-05-22", "weekday-next+published"),
        "three weeks ago": ("2023-W17", "relative+published"),
        "10 days ago": ("2023-05-05", "relative+published"),
        "March 2021": ("2021-03", "month-year"),
        "last weekend": ("2023-W19", "relative+published"),  # May 13-14
    }


def test_date_mentions_survive_the_json_round_trip(config) -> None:
    art = read_text("2024-06-05\n\n" + STORY, "memo.txt", config)
    assert art.date_mentions
    assert from_dict(Article, to_dict(art)) == art


def test_seed_statement_dates_resolve(seed_articles) -> None:
    wire = seed_articles["000"]
    got = _resolved(wire)
    assert wire.published == "2023-05-15"
    assert got["Monday"] == ("2023-05-15", "weekday-past+published")  # published that Monday


def test_past_plans_and_same_day_future(config) -> None:
    text = ("2016-07-25\n\nShe had been scheduled to speak in Ohio on Friday, aides said. "
            "He is scheduled to address the convention Monday night, and will travel to "
            "Iowa next Monday.")
    art = read_text(text, "memo.txt", config)  # published on a Monday
    assert _resolved(art) == {
        "Friday": ("2016-07-22", "weekday-past+published"),  # a plan that is past
        "Monday": ("2016-07-25", "weekday-next+published"),  # tonight
        "next Monday": ("2016-08-01", "weekday-next+published"),
    }


def test_months_without_a_day_years_after_a_preposition_and_named_days(config) -> None:
    text = ("2024-03-20\n\nA woman was struck by a car in Queens Friday, police said. Prices "
            "have risen since October and fell last May; the plant opened in 1998 and will "
            "close in June. The Good Friday holiday and the 2005 votes were not counted. "
            "Voters will decide in December.")
    art = read_text(text, "memo.txt", config)  # published on a Wednesday
    assert _resolved(art) == {
        "Friday": ("2024-03-15", "weekday-past+published"),  # after a place name
        "October": ("2023-10", "month+published"),
        "May": ("2023-05", "month+published"),
        "1998": ("1998", "year"),
        "June": ("2024-06", "month+published"),
        "December": ("2024-12", "month+published"),  # nearer is December 2023, but "will"
    }  # "Good Friday" is a name; "2005 votes" a count


def test_month_names_of_other_languages_are_read_in_lower_case(config) -> None:
    fr = read_text("2023-05-20\n\nLe Parlement a voté le 15 mai une loi adoptée en "
                   "commission le 3 mars 2021.", "fr.txt", config)
    es = read_text("2022-07-01\n\nEl acuerdo, firmado el 29 de junio de 2022, entró en "
                   "vigor el 1 de julio.", "es.txt", config)
    assert _resolved(fr) == {"15 mai": ("2023-05-15", "month-day+published"),
                             "3 mars 2021": ("2021-03-03", "date")}
    assert _resolved(es) == {"29 de junio de 2022": ("2022-06-29", "date"),
                             "1 de julio": ("2022-07-01", "month-day+published")}
    en = read_text("2023-05-20\n\nThey may 15 times a year set 5 goals and march 3 miles "
                   "out 4 days.", "en.txt", config)
    assert en.date_mentions == []


def test_relative_dates_in_other_languages(config) -> None:
    fr = read_text("2023-05-17\n\nLe ministre a démissionné lundi dernier. Hier, les syndicats "
                   "ont manifesté; une grève est prévue vendredi prochain, et la semaine "
                   "dernière les prix ont augmenté.", "fr.txt", config)  # a Wednesday
    assert _resolved(fr) == {
        "lundi dernier": ("2023-05-15", "weekday-past+published"),
        "Hier": ("2023-05-16", "relative+published"),
        "vendredi prochain": ("2023-05-19", "weekday-next+published"),
        "la semaine dernière": ("2023-W19", "relative+published"),
    }
    de = read_text("2023-05-17\n\nDer Bundestag hat am Montag abgestimmt. Am Morgen "
                   "protestierten Gewerkschaften; morgen folgt die Abstimmung im Bundesrat, "
                   "letzten Monat stiegen die Preise.", "de.txt", config)
    assert _resolved(de) == {
        "Montag": ("2023-05-15", "weekday-past+published"),
        "morgen": ("2023-05-18", "relative+published"),  # "Am Morgen" is the morning
        "letzten Monat": ("2023-04", "relative+published"),
    }
    es = read_text("2023-05-17\n\nEl presidente viajó a Santo Domingo el domingo y por la "
                   "mañana se reunió con el ministro; ayer volvió.", "es.txt", config)
    assert _resolved(es) == {
        "domingo": ("2023-05-14", "weekday-past+published"),
        "ayer": ("2023-05-16", "relative+published"),
    }
