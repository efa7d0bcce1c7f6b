"""Metadata that running text carries in conventional shapes.

Each detector looks at one line or paragraph of the raw text and returns what
it found with offsets *relative to the string it was given*; the caller adds
the line's offset so that every :class:`~newstrace.model.Evidence` points into
``Article.raw``.  The shapes are the ones wire copy and web pages use
everywhere (datelines, credit lines, bylines, "X issued the following
statement"), never phrases of particular stories.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from newstrace.ingest.dates import _MON, MONTH_DAY, DateHit, check_year, make_iso

# Hand-written regexes: these line shapes are conventions of news copy that no
# library parses (trafilatura works on HTML structure, not on dateline text).

_WORD = r"[A-ZÀ-Þ][\w'’.\-]*"
DATELINE_RE = re.compile(
    rf"(?P<place>{_WORD}(?:[ \-]{_WORD}){{0,3}})"
    rf"(?:,\s*(?P<region>(?!{_MON}\s+\d){_WORD}(?:\s{_WORD})?))?"
    rf"(?:,?\s+(?P<date>{MONTH_DAY}(?:,?\s+\d{{4}})?))?"
    r"\.?\s*(?=[(/:\-—–])"  # a credit or a dash must follow (forces backtracking)
    r"(?:\((?P<agency>[^()\n]{2,40}?)\)|/(?P<agency2>[^/\n]{2,30}?)/\.?)?"
    r"\s*(?P<sep>--|—|–|-|:)?\s*"
)
DATE_FIRST_RE = re.compile(
    rf"(?P<date>{MONTH_DAY}(?:,?\s+\d{{4}})?)"
    r"\.?\s*(?:\((?P<agency>[^()\n]{2,40}?)\)|/(?P<agency2>[^/\n]{2,30}?)/\.?)"
    r"\s*(?P<sep>--|—|–|-|:)?\s*"
)
AGENCY_FIRST_RE = re.compile(
    r"(?P<date>)\((?P<agency>[^()\n]{2,40}?)\)(?P<agency2>)\s*(?P<sep>--|—|–|-)\s*"
)
DATE_PREFIX_RE = re.compile(
    r"\s*(?:date|dated|published|posted|updated|last updated)\s*:?\s*"
    r"(?P<date>(?P<y>\d{1,6})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)\s*",
    re.I,
)
CREDIT_RE = re.compile(
    r"(?:(?P<src>sources?|data|graphic|chart)|courtesy|credit|via|distributed by|content by|"
    r"(?:this (?:article|story) )?(?:was )?(?:first |originally )?"
    r"(?:published|appeared) (?:by|on|in|at))\s*[:\-–—]\s*(?P<name>.{2,80}?)\s*\.?\s*$",
    re.I,
)
COPYRIGHT_RE = re.compile(
    r"(?:\(c\)|©|copyright)(?:\s*©)?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?"
    r"(?P<name>[^.,;]{2,60}?)\s*(?:[.,;].*)?$",
    re.I,
)
REPORTING_RE = re.compile(
    r"\(?\s*(?:reporting|writing|reported|written) by\s+(?P<name>[^;()]{2,80}?)"
    r"\s*(?:[;,]\s*(?:additional reporting|editing|edited|writing)\b.*)?\)?\s*\.?$",
    re.I,
)
BYLINE_RE = re.compile(
    r"(?:By|BY|by)\s+(?P<name>[A-ZÀ-Þ][\w'’.\-]*(?:\s+(?:[A-ZÀ-Þ][\w'’.\-]*|de|van|von|bin|al-?\w*)){1,4})"
    r"(?:\s*(?:,|\||and\b|-|–|—).*)?$"
)
ISSUER_RE = re.compile(
    r"(?P<who>[A-ZÀ-Þ][^.:;\"“”]{1,200}?)\s+(?:has\s+|have\s+|on\s+\w+\s+)?"
    r"(?:issued|released|published|made public|sent|carried|gave)\s+"
    r"(?:the\s+following|this)\s+(?:[\w\-]+\s+){0,3}?"
    r"(?:statement|article|commentary|press release|press statement|communiqu[eé]|"
    r"message|letter|editorial|interview|report|answer|remarks?|notice|announcement)\b"
)
_LINK = r"(?:\[[^\]\n]{1,200}\]\((?P<u1>[^)\s]+)\)|<?(?P<u2>(?:https?://|www\.)[^\s>)\]]+)>?)"
LINK_LINE_RE = re.compile(rf"(?:{_LINK}[\s|,]*)+(?:\([^()\n]{{1,40}}\))?\s*\.?")
_LINK_ONE = re.compile(_LINK)
NAME_RE = re.compile(r"[A-ZÀ-Þ][\w'’.\-]*(?:\s+[A-ZÀ-Þ][\w'’.\-]*){1,4}")
CAPTION_START_RE = re.compile(
    r"(?:in\s+)?(?:(?:this|the|a|an|these)\s+)?(?:(?:undated|handout|file|combination|"
    r"aerial|satellite)\s+)*(?:photos?|photograph|picture|image|pic|screenshot|screen grab|"
    r"video grab)\b[\s,](?:.{0,200}\b(?:shows?|taken|provided|released|pictured|dated)\b)",
    re.I,
)
CAPTION_CUE_RE = re.compile(
    r"\bfile photo\b|\(photo\b|\bphoto\s*:|\bphoto by\b|\bphotos?\s*/|\bpictured\b|"
    r"\bAP Photo\b|\bGetty Images\b|\bimage:",
    re.I,
)
_CAPTION_WORDS = ("photo", "pictur", "image", "getty", "screen", "video grab", "pic ")
CREDIT_END_RE = re.compile(r"\((?P<credit>[A-Z][\w .&'/-]{1,40})\)\s*$")


@dataclass(frozen=True)
class Found:
    """A string found in a line: value (normalised), raw text, offsets in that line."""

    value: str
    raw: str
    start: int
    end: int


@dataclass(frozen=True)
class Dateline:
    place: Found | None
    date: Found | None
    agency: Found | None
    end: int  # where the body text after the dateline starts (relative)


def date_prefix(line: str) -> tuple[DateHit | None, int]:
    """A leading ``date YYYY-MM-DD`` (or "Published: ...") and where the rest starts."""
    m = DATE_PREFIX_RE.match(line)
    if not m:
        return None, 0
    raw = m.group("date")
    problem = check_year(int(m.group("y"))) if len(m.group("y")) != 2 else "two-digit year"
    iso = None if problem else make_iso(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    if iso is None and not problem:
        problem = f"invalid date {raw!r}"
    if "updated" in line[: m.start("date")].lower():
        iso, problem = None, "date of an update, not of publication"
    hit = DateHit(iso, raw, m.start("date"), m.end("date"), "date-line",
                  int(iso[:4]) if iso else None, problem)
    return hit, m.end()


#: Labels set before a dash at the top of a story that are not places ("EXCLUSIVE -").
KICKERS = frozenset([
    "exclusive", "breaking", "update", "updated", "analysis", "opinion", "editorial", "watch",
    "video", "live", "photos", "commentary", "interview", "correction", "factbox",
    "explainer", "review", "advisory", "urgent", "flash", "alert", "bulletin",
])
#: Party-and-state labels of legislators, "(R-Ky.)", "(D-N.Y.)", look like agency credits.
_PARTY_LABEL = re.compile(r"^[A-Z]{1,3}-[A-Z]")


def _agency_like(raw: str, known: Callable[[str], bool] | None, dash: bool) -> bool:
    """Whether a parenthesised credit after a place can be a news agency."""
    raw = raw.strip()
    if known is not None and known(raw):
        return True
    if _PARTY_LABEL.match(raw) or len(raw.split()) > 4:
        return False
    return dash


def dateline(text: str, known_agency: Callable[[str], bool] | None = None) -> Dateline | None:
    """A dateline at the start of a paragraph: "PLACE, Month Day (Agency) --" and kin.

    Accepted only with an agency credit (a registered outlet per ``known_agency``,
    or any short credit followed by a dash), or with a date and a dash, or with
    an upper-case place and a dash, so ordinary sentences ("Sen. Jane Roe
    (R-Ky.) said") do not qualify.  A dateline that lost its place
    ("Dec 29 (Agency) -", "(Agency) —") needs the agency credit.
    """
    m = DATELINE_RE.match(text)
    if m and m.end() < len(text):
        found = _accept(m, known_agency)
        if found:
            return found
    for rx in (DATE_FIRST_RE, AGENCY_FIRST_RE):
        m = rx.match(text)
        if m and m.end() < len(text) and (m.group("agency") or m.group("agency2")):
            return _accept(m, known_agency)
    return None


def _accept(m: re.Match[str], known_agency: Callable[[str], bool] | None) -> Dateline | None:
    agency_group = "agency" if m.group("agency") else "agency2" if m.group("agency2") else ""
    dash = (m.group("sep") or "") in ("--", "—", "–", "-")
    place_raw = m.groupdict().get("place") or ""
    if len(place_raw.split()) > 4 or place_raw.lower() in KICKERS:
        return None
    if agency_group and not _agency_like(m.group(agency_group), known_agency, dash):
        return None
    ok = bool(agency_group) or (dash and (m.group("date") or place_raw.isupper()))
    if not ok:
        return None
    place = None
    if place_raw:
        place = Found(_place_name(place_raw), place_raw, m.start("place"), m.end("place"))
    date = None
    if m.group("date"):
        date = Found(m.group("date"), m.group("date"), m.start("date"), m.end("date"))
    agency = None
    if agency_group:
        raw = m.group(agency_group).strip()
        start = m.start(agency_group) + m.group(agency_group).index(raw)
        agency = Found(raw, raw, start, start + len(raw))
    return Dateline(place, date, agency, m.end())


def _place_name(raw: str) -> str:
    """"NEW YORK" -> "New York", "MOSCOW." -> "Moscow"; mixed case is kept as written."""
    if raw.endswith(".") and raw.count(".") == 1 and len(raw) > 4:
        raw = raw[:-1]
    return raw.title() if raw.isupper() else raw


def credit(line: str) -> tuple[str, Found] | None:
    """A credit line: ("credit"|"source"|"copyright"|"reporting", name found).

    "source" marks "Source: X" lines, which also credit data behind a chart or
    table; the caller trusts them only for outlets it can recognise.
    """
    for how, rx in (("credit", CREDIT_RE), ("reporting", REPORTING_RE),
                    ("copyright", COPYRIGHT_RE)):
        m = rx.fullmatch(line)
        if not m:
            continue
        name = m.group("name").strip().strip(".")
        if how == "reporting":  # "Jane Doe in Geneva" -> "Jane Doe"
            name = re.split(r"\s+in\s+(?=[A-Z])", name)[0]
        if not name or len(name.split()) > 8:
            continue
        if how == "copyright" and name.lower().startswith(("all rights", "rights")):
            continue
        if how == "credit" and m.group("src"):
            how = "source"
        start = m.start("name") + m.group("name").index(name)
        return how, Found(name, name, start, start + len(name))
    return None


NEWS_WORDS = re.compile(
    r"\b(?:news|times|post|press|agency|tv|radio|journal|herald|daily|tribune|gazette|"
    r"media|network|broadcasting|telegraph|chronicle|observer|express|wire|today)\b|"
    r"\.(?:com|net|org|co|kp|ru|cn|in)\b",
    re.I,
)


def news_like(name: str) -> bool:
    """Whether an unregistered name reads as a news outlet ("Daily Planet News")."""
    return NEWS_WORDS.search(name) is not None


def byline(line: str) -> Found | None:
    """"By Jane Doe" / "By JANE DOE, Reuters" on its own line."""
    if len(line.split()) > 10:
        return None
    m = BYLINE_RE.fullmatch(line)
    if not m:
        return None
    name = m.group("name")
    value = name.title() if name.isupper() else name
    return Found(value, name, m.start("name"), m.end("name"))


def issuer(text: str) -> Found | None:
    """The named issuer of "X, <role>, issued the following statement ..."."""
    m = ISSUER_RE.search(text)
    if not m:
        return None
    who = m.group("who")
    head = who.split(",", 1)[0].strip()
    nm = NAME_RE.fullmatch(head)
    if not nm:
        return None
    start = m.start("who") + who.index(head)
    return Found(head, head, start, start + len(head))


def link_line(line: str) -> list[Found]:
    """URLs of a line made only of links (optionally with a parenthesised stamp)."""
    if not LINK_LINE_RE.fullmatch(line):
        return []
    out = []
    for m in _LINK_ONE.finditer(line):
        group = "u1" if m.group("u1") else "u2"
        out.append(Found(m.group(group), m.group(group), m.start(group), m.end(group)))
    return out


def is_caption(text: str, known_outlet: bool) -> bool:
    """A paragraph that reads as a photo caption rather than story text.

    ``known_outlet``: whether a parenthesised credit closing the paragraph
    names a registered outlet ("... (Agency)").
    """
    if len(text) > 800:
        return False
    low = text.lower()
    if any(w in low for w in _CAPTION_WORDS) and (
            CAPTION_START_RE.match(text) or CAPTION_CUE_RE.search(text)):
        return True
    return known_outlet


def closing_credit(text: str) -> str | None:
    m = CREDIT_END_RE.search(text)
    return m.group("credit") if m else None
