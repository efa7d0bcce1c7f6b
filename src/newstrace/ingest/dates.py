"""Dates as texts write them: ISO lines, "May 15", "15 May 2023", era calendars.

Calendars that are a plain year offset from the Gregorian one (Juche, Minguo,
Japanese eras, Buddhist Era) are one table row each (:data:`ERAS`); the Hijri
calendar is converted by ``convertdate``.  Free-form dates go through
``dateparser`` with a fixed ``RELATIVE_BASE`` and ``REQUIRE_PARTS`` so that a
missing part is never filled in with today's date.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

MIN_YEAR = 1800
MAX_YEAR = 9999


@dataclass(frozen=True)
class DateHit:
    """A date found in text: ISO value (None if unusable), the raw string, offsets, how."""

    iso: str | None
    raw: str
    start: int
    end: int
    how: str
    year: int | None = None
    problem: str | None = None


#: Year-offset calendars: (name for ``how``, era-name regex, Gregorian year of era year 0).
ERAS: list[tuple[str, str, int]] = [
    ("juche", r"Juche|주체", 1911),
    ("minguo", r"Minguo|ROC(?:\s+year)?|民國|民国", 1911),
    ("reiwa", r"Reiwa|令和", 2018),
    ("heisei", r"Heisei|平成", 1988),
    ("showa", r"Sh[oō]wa|昭和", 1925),
    ("buddhist", r"B\.\s?E\.|Buddhist\s+Era|พ\.ศ\.", -543),
]

_NUM_TAIL = (
    r"\s*(?P<y>\d{1,4})(?:\s*(?:年|[./-])\s*(?P<m>\d{1,2})"
    r"(?:\s*(?:月|[./-])\s*(?P<d>\d{1,2})\s*(?:日|\.)?)?)?"
)
_ERA_RES = [
    (name, re.compile(r"(?<![\w])(?:" + era + r")" + _NUM_TAIL, re.I), offset)
    for name, era, offset in ERAS
]

HIJRI_MONTHS = [
    "muharram", "safar", "rabi al-awwal", "rabi al-thani", "jumada al-awwal",
    "jumada al-thani", "rajab", "shaban", "ramadan", "shawwal", "dhu al-qadah",
    "dhu al-hijjah",
]
_HIJRI_RE = re.compile(
    r"\b(?P<d>\d{1,2})\s+(?P<mon>[A-Za-z'‘’ -]{4,16}?)\s+(?P<y>\d{3,4})\s*(?:AH|A\.H\.|H)\b"
)

#: Month names and abbreviations (English, French, Spanish, German, Italian,
#: Portuguese), by month number; datelines in these languages share one shape.
_MONTH_NAMES = [
    "january jan janvier enero januar jänner gennaio janeiro",
    "february feb février fevrier febrero februar febbraio fevereiro",
    "march mar mars marzo märz marz março",
    "april apr avril abril aprile",
    "may mai mayo maggio maio",
    "june jun juin junio juni giugno junho",
    "july jul juillet julio juli luglio julho",
    "august aug août aout agosto",
    "september sep sept septembre septiembre setiembre settembre setembro",
    "october oct octobre octubre oktober ottobre outubro",
    "november nov novembre noviembre novembro",
    "december dec décembre decembre diciembre dezember dicembre dezembro",
]
MONTHS = {name: i for i, names in enumerate(_MONTH_NAMES, 1) for name in names.split()}
_MON = (
    "(?i:"
    + "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
    + r")\b\.?"
)
_ORD = r"(?:st|nd|rd|th|er|\.)?"  # "15th", "1er", German "3."
_DE = r"(?:\s+de)?"  # Spanish/Portuguese "15 de mayo de 2023"
#: "May 15" / "15 May" / "15 de mayo" / "3. März" with no year (a dateline's date).
MONTH_DAY = rf"(?:{_MON}\s+\d{{1,2}}{_ORD}|\d{{1,2}}{_ORD}{_DE}\s+{_MON})"
MONTH_DAY_RE = re.compile(
    rf"\b(?:(?P<mon1>{_MON})\s+(?P<d1>\d{{1,2}}){_ORD}"
    rf"|(?P<d2>\d{{1,2}}){_ORD}{_DE}\s+(?P<mon2>{_MON}))(?!\w)"
)
ISO_RE = re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)")
FULL_DATE_RE = re.compile(
    rf"\b(?:{_MON}\s+\d{{1,2}}{_ORD},?\s+\d{{2,5}}"
    rf"|\d{{1,2}}{_ORD}{_DE}\s+{_MON},?{_DE}\s+\d{{2,5}})\b"
)


def check_year(year: int) -> str | None:
    """Why a year cannot be a publication year, or None if it can."""
    if year < 100:
        return f"two-digit year {year}"
    if year < MIN_YEAR or year > MAX_YEAR:
        return f"implausible year {year}"
    return None


def make_iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_number(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


def month_day(text: str) -> tuple[int, int] | None:
    """Month and day from "May 15", "15 May", "Sept. 2nd"; None if not such a string."""
    m = MONTH_DAY_RE.search(text)
    if not m:
        return None
    mon = _month_number(m.group("mon1") or m.group("mon2"))
    day = int(m.group("d1") or m.group("d2"))
    if mon is None or not 1 <= day <= 31:
        return None
    return mon, day


def era_dates(text: str) -> list[DateHit]:
    """Dates written in a year-offset calendar ("Juche112.5.15.", "令和5年5月15日")."""
    hits: list[DateHit] = []
    for name, rx, offset in _ERA_RES:
        for m in rx.finditer(text):
            year = int(m.group("y")) + offset
            problem = check_year(year)
            iso = None
            if m.group("m") and m.group("d") and not problem:
                iso = make_iso(year, int(m.group("m")), int(m.group("d")))
            hits.append(DateHit(iso, m.group(0), m.start(), m.end(), f"calendar:{name}",
                                None if problem else year, problem))
    return hits


def hijri_dates(text: str) -> list[DateHit]:
    """Hijri dates ("25 Shawwal 1444 AH"), converted with convertdate."""
    from convertdate import islamic

    hits: list[DateHit] = []
    for m in _HIJRI_RE.finditer(text):
        name = re.sub(r"[^a-z]+", " ", m.group("mon").lower()).strip()
        months = [i for i, mon in enumerate(HIJRI_MONTHS, 1)
                  if re.sub(r"[^a-z]+", " ", mon) == name]
        if not months:
            continue
        y, mo, d = islamic.to_gregorian(int(m.group("y")), months[0], int(m.group("d")))
        iso = make_iso(y, mo, d)
        hits.append(DateHit(iso, m.group(0), m.start(), m.end(), "calendar:hijri", y))
    return hits


@functools.lru_cache(maxsize=1)
def _dateparser_settings() -> dict[str, object]:
    return {
        "REQUIRE_PARTS": ["day", "month", "year"],
        "RELATIVE_BASE": dt.datetime(2000, 1, 1),
        "PREFER_DATES_FROM": "current_period",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }


def parse_date(text: str) -> tuple[str | None, str | None]:
    """A complete date string to ISO; returns ``(iso, problem)``.

    Only strings with an explicit four-digit year are accepted: "May 15" alone,
    "15/05/23" or a year outside 1800..9999 give ``(None, reason)`` rather than
    a guess.
    """
    text = text.strip()
    m = ISO_RE.search(text)
    if m:
        year = int(m.group("y"))
        problem = check_year(year)
        if problem:
            return None, problem
        iso = make_iso(year, int(m.group("m")), int(m.group("d")))
        return (iso, None) if iso else (None, f"invalid date {m.group(0)!r}")
    fast = _english_date(text)
    if fast is not None:
        return fast
    years = [int(y) for y in re.findall(r"(?<!\d)(\d{1,5})(?!\d)", text) if int(y) > 31]
    if not years:
        return None, f"no year in {text!r}"
    problem = check_year(years[-1])
    if problem:
        return None, problem
    import dateparser

    parsed = dateparser.parse(text, settings=_dateparser_settings())
    if parsed is None:
        return None, f"unparsed date {text!r}"
    return parsed.date().isoformat(), None


_ENGLISH_RE = re.compile(
    rf"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    rf"(?:(?P<mon1>{_MON})\s+(?P<d1>\d{{1,2}}){_ORD},?"
    rf"|(?P<d2>\d{{1,2}}){_ORD}{_DE}\s+(?P<mon2>{_MON}),?{_DE})\s+(?P<y>\d{{1,5}})\.?",
    re.I,
)


def _english_date(text: str) -> tuple[str | None, str | None] | None:
    """"May 15, 2023" / "15 May 2023" without dateparser (the common case, and fast)."""
    m = _ENGLISH_RE.fullmatch(text.strip())
    if not m:
        return None
    year = int(m.group("y"))
    problem = check_year(year) if len(m.group("y")) != 2 else f"two-digit year {year}"
    if problem:
        return None, problem
    mon = _month_number(m.group("mon1") or m.group("mon2"))
    iso = make_iso(year, mon, int(m.group("d1") or m.group("d2"))) if mon else None
    return (iso, None) if iso else (None, f"invalid date {text!r}")


def full_dates(text: str) -> list[DateHit]:
    """Complete English or ISO dates in ``text`` ("May 15, 2023", "2023-05-15")."""
    hits: list[DateHit] = []
    for rx in (ISO_RE, FULL_DATE_RE):
        for m in rx.finditer(text):
            iso, problem = parse_date(m.group(0))
            year = int(iso[:4]) if iso else None
            hits.append(DateHit(iso, m.group(0), m.start(), m.end(), "text", year, problem))
    return hits
