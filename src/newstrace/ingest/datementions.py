"""Dates a story's body mentions, resolved against its publication date.

News copy dates events relative to the day it is written: "on Monday",
"yesterday", "last week", "May 14" (no year).  Two outlets rewriting one
story a day apart shift these words ("on Monday" becomes "last week"), so
comparing the raw words says little; comparing what they resolve to says
whether the outlets agree on when something happened.  Each mention keeps its
span into ``Article.body`` as evidence.

The rules are the conventions of English news style (AP, Reuters): a bare
weekday means the most recent such day on or before publication unless the
clause speaks of the future ("will", "next", "scheduled"), in which case it
is the next such day; "last week"/"last month" are the calendar week/month
before the one of publication.  A date without a year takes the year that
puts it closest to the publication date.  dateparser's relative parsing does
not give spans and resolves bare weekdays only one way, so the few phrases
are matched here.  French, German, Spanish, Italian and Portuguese weekdays
and phrases come from :mod:`newstrace.ingest.datewords`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator

from newstrace.ingest import datewords
from newstrace.ingest.dates import (
    _MON,
    FULL_DATE_RE,
    ISO_RE,
    MONTH_DAY_RE,
    MONTHS,
    era_dates,
    hijri_dates,
    make_iso,
    month_day,
    parse_date,
)
from newstrace.model import DateMention, Span, iso_date

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_DAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_COUNT = r"(?:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten)"

#: Weekdays, with the word that fixes their direction when there is one.
_WEEKDAY_RE = re.compile(rf"\b(?:(?P<dir>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming)\s+)?"
                         rf"(?P<day>{_DAY})\b(?P<poss>['’]s)?")
#: Phrases relative to the day of writing: (regex, unit, offset in units).
_PHRASES: list[tuple[re.Pattern[str], str, int]] = [
    (re.compile(p, re.I), unit, off) for p, unit, off in [
        (r"\bthe\s+day\s+before\s+yesterday\b", "day", -2),
        (r"\byesterday\b", "day", -1),
        (r"\blast\s+night\b", "day", -1),
        (r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening))\b", "day", 0),
        (r"\btomorrow\b", "day", 1),
        (r"\blast\s+week\b", "week", -1),
        (r"\b(?:this|earlier\s+this|later\s+this)\s+week\b", "week", 0),
        (r"\bnext\s+week\b", "week", 1),
        # a weekend closes its ISO week, so the weekend is told by the week it ends
        (r"\blast\s+weekend\b", "week", -1),
        (r"\bthis\s+(?:past\s+)?weekend\b", "week", 0),
        (r"\bnext\s+weekend\b", "week", 1),
        (r"\blast\s+month\b", "month", -1),
        (r"\b(?:this|earlier\s+this|later\s+this)\s+month\b", "month", 0),
        (r"\bnext\s+month\b", "month", 1),
        (r"\blast\s+year\b", "year", -1),
        (r"\b(?:this|earlier\s+this|later\s+this)\s+year\b", "year", 0),
        (r"\bnext\s+year\b", "year", 1),
        *datewords.PHRASES,
    ]
]
_AGO_RE = re.compile(rf"\b(?P<n>{_COUNT})\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.I)
_WORD = re.compile(r"[^\W\d_]{3,}")
#: The words of each phrase (and of "... ago"): a phrase can only occur in a text holding
#: one of them, so the costly case-insensitive search runs only for those phrases.
#: (Words every alternative has besides these are enough; these are in most texts.)
_COMMON = frozenset(["the", "this", "last", "next", "earlier", "later", "before", "day", "que",
                     "esta", "por"])
_KEYS = [frozenset(w.lower() for w in _WORD.findall(re.sub(r"\\.", " ", rx.pattern))) - _COMMON
         for rx, _, _ in _PHRASES] + [frozenset(["ago"])]
_OTHER_DAY_WORDS = frozenset(w.lower() for names in datewords.WEEKDAY_NAMES.values()
                             for n in names for w in _WORD.findall(n))


_DIGITS = re.compile(r"\d+")
_REACH = 40  # characters around a number searched for the rest of a date
_MONTH_YEAR_RE = re.compile(rf"\b(?P<mon>{_MON})\s+(?P<y>\d{{4}})\b")
#: Words in a clause that put a bare weekday in the future.
_FUTURE = re.compile(r"(?:\b(?:will|shall|next|upcoming|scheduled|slated|due\s+(?:to|on)|"
                     r"(?:set|planned)\s+(?:to|for)|expected\s+(?:to|on)|plans?\s+to|"
                     r"going\s+to|is\s+to|are\s+to)|'ll)\b", re.I)
#: A past auxiliary right before the future marker: the plan itself is in the past.
_PAST_PLAN = re.compile(r"\b(?:was|were|had(?:\s+been)?|would\s+have\s+been)\s+$", re.I)
#: Words that make a weekday the name of a feast or occasion, not a date ("Good Friday").
#: A list rather than "any capitalised word before it": news writes "police in Queens
#: Friday" and "the company said Wednesday", where the word before is a name too.
_NAMED_DAYS = frozenset(["good", "black", "super", "ash", "cyber", "easter", "palm", "holy",
                         "bloody", "patch", "maundy", "giving", "shrove", "whit", "low",
                         "great", "clean", "green", "spy", "blue", "red"])
_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"]
_MONTH_WORDS = frozenset(n.lower() for n in _MONTH_NAMES)
_ENGLISH_MONTHS = frozenset([*(n.lower() for n in _MONTH_NAMES), *(n[:3].lower()
                             for n in _MONTH_NAMES), "sept"])
#: A month named without a day ("in October", "last May"); the word before it is required,
#: as a bare "May", "June" or "April" is as often a verb or a first name.
_MONTH_ALONE_RE = re.compile(
    r"\b(?:(?P<dir>[Ll]ast|[Nn]ext|[Tt]his)|(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Ff]rom|[Dd]uring|"
    r"[Tt]hrough|[Bb]efore|[Aa]fter|[Ee]arly|[Ll]ate|[Mm]id-?))\s*(?:-\s*)?"
    rf"(?P<mon>{'|'.join(_MONTH_NAMES)})\b(?!\s*\.?\s*\d)")
#: A year after a preposition ("in 2005", "since 1998"): a bare four-digit number may be a
#: count ("2005 votes"), a year introduced so is a date ("rose to 2005" is a count too).
_YEAR_RE = re.compile(r"\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Ff]rom|[Dd]uring|"
                      r"[Tt]hrough|[Bb]efore|[Aa]fter|[Ee]arly|[Ll]ate|[Mm]id-?)\s*(?:-\s*)?"
                      r"(?P<y>1[89]\d\d|2[01]\d\d)\b(?![-/.,:]?\d|s\b|'s\b)")


def find_date_mentions(body: str, article_id: str, published: str | None
                       ) -> list[DateMention]:
    """Every date mention of ``body`` in text order, resolved against ``published``."""
    pub = iso_date(published)
    taken = bytearray(len(body))  # 1 where an accepted mention lies (linear, unlike pairs)
    out: list[DateMention] = []
    for start, end, value, how in _candidates(body, pub):
        if 1 in taken[start:end]:
            continue
        taken[start:end] = b"\x01" * (end - start)
        out.append(DateMention(Span(article_id, start, end), body[start:end], value, how))
    return sorted(out, key=lambda m: m.span.start)


def _candidates(body: str, pub: dt.date | None
                ) -> Iterator[tuple[int, int, str | None, str]]:
    """(start, end, value, how), most specific kinds first (overlaps keep the first)."""
    for off, text in _digit_windows(body):
        for start, end, value, how in _absolute(text, pub):
            yield off + start, off + end, value, how
    # Each costly case-insensitive search runs only when a word it needs is in the text.
    words = set(_WORD.findall(body.lower()))
    yield from _relative(body, pub, words)
    yield from _weekdays(body, pub)
    if words & _OTHER_DAY_WORDS:
        yield from _other_weekdays(body, pub)
    if words & _MONTH_WORDS:
        yield from _months(body, pub)


def _digit_windows(body: str) -> list[tuple[int, str]]:
    """Stretches of ``body`` around its numbers, widened to whole words, with offsets.

    Every absolute date has a number in it, and the month-name patterns are
    costly to try at every position of a long text, so they run only here.
    """
    spans: list[list[int]] = []
    for m in _DIGITS.finditer(body):
        start, end = max(0, m.start() - _REACH), m.end() + _REACH
        if spans and start <= spans[-1][1]:
            spans[-1][1] = end
        else:
            spans.append([start, end])
    out = []
    for start, end in spans:
        start = max(body.rfind(c, 0, start) for c in " \n") + 1 if start else 0
        ends = [i for i in (body.find(c, end) for c in " \n") if i >= 0]
        end = min(ends) if ends else len(body)
        out.append((start, body[start:end]))
    return out


def _absolute(text: str, pub: dt.date | None) -> Iterator[tuple[int, int, str | None, str]]:
    """Dates written out in ``text``: calendar dates, full dates, month-year, month-day."""
    for hit in era_dates(text) + hijri_dates(text):
        if hit.iso:
            yield hit.start, hit.end, hit.iso, hit.how
    for rx in (ISO_RE, FULL_DATE_RE):
        for m in rx.finditer(text):
            iso, _ = parse_date(m.group(0))
            if iso and (rx is ISO_RE or _capitalised_month(m.group(0))):
                yield m.start(), m.end(), iso, "date"
    for m in _MONTH_YEAR_RE.finditer(text):
        mon = MONTHS.get(m.group("mon").lower().rstrip("."))
        if mon and _capitalised_month(m.group(0)) and 1800 <= int(m.group("y")) <= 2200:
            yield m.start(), m.end(), f"{m.group('y')}-{mon:02d}", "month-year"
    for m in _YEAR_RE.finditer(text):
        yield m.start("y"), m.end("y"), m.group("y"), "year"
    for m in MONTH_DAY_RE.finditer(text):
        if _capitalised_month(m.group(0)):
            yield m.start(), m.end() - _sentence_period(m), *_month_day(m.group(0), pub)


def _sentence_period(m: re.Match[str]) -> int:
    """1 when the match's final period ends the sentence ("May 15.", "1 de julio."), not an
    abbreviation ("15 Jan.") or a German ordinal ("15. Mai" keeps its own)."""
    if not m.group(0).endswith("."):
        return 0
    if m.group("d1") is not None:
        return 1
    word = m.group("mon2").rstrip(".").lower()
    return int(len(word) > 3 and word != "sept")


def _capitalised_month(text: str) -> bool:
    """English month names in running text are capitalised ("may" is a verb, "march" a
    noun, "out" and "set" abbreviate Portuguese and Italian months); French, Spanish,
    Italian and Portuguese write full month names in lower case ("15 mai", "3 de junio")."""
    for w in re.findall(r"[^\W\d_]+", text):
        low = w.lower()
        if low in MONTHS and (w[0].isupper() or (low not in _ENGLISH_MONTHS and len(low) > 3)
                              or low == "mai"):
            return True
    return False


def _month_day(text: str, pub: dt.date | None) -> tuple[str | None, str]:
    md = month_day(text)
    if md is None or pub is None:
        return None, "month-day"
    options = [make_iso(y, *md) for y in (pub.year - 1, pub.year, pub.year + 1)]
    dates = [dt.date.fromisoformat(iso) for iso in options if iso]
    if not dates:
        return None, "month-day"
    best = min(dates, key=lambda d: abs((d - pub).days))
    return best.isoformat(), "month-day+published"


@functools.lru_cache(maxsize=256)
def _relative_re(active: tuple[int, ...]) -> re.Pattern[str]:
    """One regex for the phrases numbered ``active`` (the last number: "... ago")."""
    patterns = [*(rx.pattern for rx, _, _ in _PHRASES), _AGO_RE.pattern]
    return re.compile("|".join(patterns[i] for i in active), re.I)


def _relative(body: str, pub: dt.date | None, words: set[str]
              ) -> Iterator[tuple[int, int, str | None, str]]:
    """Relative phrases, found in one pass and told apart after."""
    active = tuple(i for i, keys in enumerate(_KEYS) if keys & words)
    if not active:
        return
    for m in _relative_re(active).finditer(body):
        ago = _AGO_RE.fullmatch(m.group(0))
        if ago:
            word = ago.group("n").lower()
            n = int(word) if word.isdigit() else _NUMBERS[word]
            yield m.start(), m.end(), *_shift(pub, ago.group("unit").lower(), -n)
            continue
        unit, off = next((u, o) for rx, u, o in _PHRASES if rx.fullmatch(m.group(0)))
        yield m.start(), m.end(), *_shift(pub, unit, off)


def _shift(pub: dt.date | None, unit: str, off: int) -> tuple[str | None, str]:
    """The day, ISO week, month or year ``off`` units from the publication date."""
    if pub is None:
        return None, "relative"
    if unit == "day":
        day = _plus(pub, off)
        return (day.isoformat() if day else None), "relative+published"
    if unit == "week":
        day = _plus(pub, 7 * off)
        if day is None:
            return None, "relative+published"
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}", "relative+published"
    if unit == "month":
        index = pub.year * 12 + pub.month - 1 + off
        return _month_value(index), "relative+published"
    return (str(pub.year + off) if 1 <= pub.year + off <= 9999 else None), "relative+published"


def _month_value(index: int) -> str | None:
    """"YYYY-MM" for a month counted from year 0; None outside years 1..9999."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}" if 12 <= index < 120000 else None


def _weekdays(body: str, pub: dt.date | None) -> Iterator[tuple[int, int, str | None, str]]:
    for m in _WEEKDAY_RE.finditer(body):
        if not m.group("dir") and _in_name(body, m.start()):
            continue
        direction = (m.group("dir") or "").lower()
        if direction in ("next", "coming") or (
                direction != "last" and _future(_before(body, m.start()))):
            how = "weekday-next"
        else:
            how = "weekday-past"
        end = m.end("day")
        if pub is None:
            yield m.start(), end, None, how
            continue
        target = WEEKDAYS.index(m.group("day").lower())
        if how == "weekday-next":  # a bare "Monday" in a Monday's story is that day
            gap = (target - pub.weekday()) % 7 or (7 if direction else 0)
        else:  # "last Monday" is before the day of writing; a bare "Monday" may be that day
            gap = -((pub.weekday() - target) % 7 or (7 if direction == "last" else 0))
        day = _plus(pub, gap)
        yield m.start(), end, day.isoformat() if day else None, how + "+published"


def _other_weekdays(body: str, pub: dt.date | None
                    ) -> Iterator[tuple[int, int, str | None, str]]:
    """Weekdays in the languages of :mod:`datewords`; bare ones count as past."""
    for m in datewords.WEEKDAY_RE.finditer(body):
        day = m.group("day")
        if day[0].isupper() and day not in datewords.WEEKDAY_NAMES["de"] \
                and body[: m.start("day")].rstrip()[-1:] not in ("", ".", "!", "?", "\n", ":"):
            continue  # capitalised inside a sentence: a name ("Santo Domingo")
        word = (m.group("pre") or m.group("post") or "").split()[:1]
        direction = "" if not word else "last" if word[0] in datewords.LAST else "next"
        how = "weekday-next" if direction == "next" else "weekday-past"
        if pub is None:
            yield m.start(), m.end(), None, how
            continue
        target = datewords.weekday_index(day)
        if direction == "next":
            gap = (target - pub.weekday()) % 7 or 7
        else:
            gap = -((pub.weekday() - target) % 7 or (7 if direction == "last" else 0))
        day = _plus(pub, gap)
        yield m.start(), m.end(), day.isoformat() if day else None, how + "+published"


def _future(clause: str) -> bool:
    """The clause speaks of the future ("will resume on", "is scheduled to ... on"), not
    of a plan that is past ("had been scheduled to", "was set to")."""
    hits = list(_FUTURE.finditer(clause))
    return bool(hits) and not _PAST_PLAN.search(clause[: hits[-1].start()])


def _months(body: str, pub: dt.date | None) -> Iterator[tuple[int, int, str | None, str]]:
    """Months named without a day: "last May" is the May before the month of writing,
    "next May" the one after, "will ... in May" the next May (or this one), and a plain
    "in May" the May nearest to the month of writing."""
    for m in _MONTH_ALONE_RE.finditer(body):
        start, end = m.span("mon")
        if pub is None:
            yield start, end, None, "month"
            continue
        mon = _MONTH_NAMES.index(m.group("mon")) + 1
        here = pub.year * 12 + pub.month - 1
        options = [y * 12 + mon - 1 for y in (pub.year - 1, pub.year, pub.year + 1)]
        direction = (m.group("dir") or "").lower()
        if direction == "last":
            index = max(i for i in options if i < here)
        elif direction == "next":
            index = min(i for i in options if i > here)
        elif _future(_before(body, m.start())):  # "will vote in November": this or a later one
            index = min(i for i in options if i >= here)
        else:  # nearest; a tie goes to the past, which news more often reports
            index = min(options, key=lambda i: (abs(i - here), i > here))
        yield start, end, _month_value(index), "month+published"


def _in_name(body: str, start: int) -> bool:
    """The weekday is part of a feast's or occasion's name ("Good Friday")."""
    m = re.search(r"([^\W\d_]+) $", body[max(0, start - 30) : start])
    return bool(m and m.group(1)[0].isupper() and m.group(1).lower() in _NAMED_DAYS)


def _before(body: str, start: int) -> str:
    """The clause leading up to a mention ("talks will resume on" | "he said on"): the
    verb governing the date stands before it, and a later clause has its own tense."""
    left = max(body.rfind(c, max(0, start - 300), start) for c in ".;!?\n,")
    return body[max(left + 1, start - 300) : start]


def _plus(day: dt.date, days: int) -> dt.date | None:
    """``day`` moved by ``days``; None past the calendar's ends (year 1 or 9999)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None
