"""Dates and numbers as comparable values.

Weekday names ("said Monday") are resolved by news convention: the most
recent such day on or before the article's own date, which dateparser does
not do (it prefers the previous week); other expressions go to dateparser
with the article's date as the relative base.  Only expressions that fix a
day are compared, so "last month" and "recent years" are never a mismatch.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen", "twenty"]
_NUMBER_WORDS = {w: i for i, w in enumerate(_SMALL)}
_SCALE = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000}
_NUM = re.compile(r"\d[\d,]*(?:\.\d+)?")


@functools.lru_cache(maxsize=4096)
def resolve_date(text: str, base: dt.date | None) -> dt.date | None:
    """The calendar day an expression names, or None when it does not fix one."""
    low = text.lower()
    for i, name in enumerate(_WEEKDAYS):
        if re.search(rf"\b{name}\b", low):
            if base is None:
                return None
            return base - dt.timedelta(days=(base.weekday() - i) % 7)
    if low.strip() in ("today", "this morning", "tonight", "this evening") and base:
        return base
    if low.strip() == "yesterday" and base:
        return base - dt.timedelta(days=1)
    if not any(m in low for m in _MONTHS) or not re.search(r"\d", low):
        return None
    import dateparser

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past",
                                   "REQUIRE_PARTS": ["day", "month"]}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(base, dt.time(12))
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def number_value(text: str) -> float | None:
    """Numeric value of a number expression ("1,200", "five", "3.5 million"), else None."""
    low = text.lower().replace("-", " ")
    value: float | None = None
    m = _NUM.search(low)
    if m:
        value = float(m.group(0).replace(",", ""))
    else:
        for word in low.split():
            if word in _NUMBER_WORDS:
                value = float(_NUMBER_WORDS[word])
                break
    if value is None:
        return None
    for word, mult in _SCALE.items():
        if re.search(rf"\b{word}\b", low):
            value *= mult
    return value
