"""Plain text to a cleaned :class:`Article`: furniture, captions, metadata, paragraphs.

The raw text is cut into lines; lines that are site furniture, credits, link
stamps or photo captions are set aside; the rest are grouped into paragraphs
(re-joining paragraphs split mid-sentence by page breaks).  Every metadata
value keeps an :class:`Evidence` with offsets into the raw text, which is
stored as ``Article.raw``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from newstrace.config import Config
from newstrace.ingest import meta
from newstrace.ingest.datementions import find_date_mentions
from newstrace.ingest.dates import DateHit, era_dates, full_dates, hijri_dates, month_day
from newstrace.ingest.outlets import Registry, load_registry
from newstrace.model import Article, Evidence, Span, content_id

TERMINAL = tuple('.!?:;"\'”’»)]…')
_MD_HEADING = re.compile(r"#{1,6}\s+(?P<t>.+?)\s*#*$")
_CORRECTION = re.compile(
    r"(?:corrections?|clarifications?|editor'?s note|updated?|amended)\b", re.I)
#: A sentence opening with an adverbial clause ("By the end of May, ...") and in
#: the past tense reads as a lede sentence, not as a headline.
_OPENING_CLAUSE = re.compile(
    r"(?:By|In|On|At|After|Before|When|While|As|During|Since|Until|Although|Though|If|"
    r"With|Despite|Amid|Over|Under|Once|Now|Last|This|Earlier|Later)\b[^,]{0,60},")
#: What may surround a date on a stamp line besides the date itself: a label,
#: a weekday, a time of day and a zone ("Published: Mon, May 15, 2023 10:30 KST").
_DATE_NOISE = re.compile(
    r"^\s*(?:(?:first\s+|last\s+)?(?:published|posted|dated?|released|issued|updated|"
    r"modified)(?:\s+on)?\s*[:\-–—]?\s*)"
    r"|\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?,?"
    r"|\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*(?:[A-Z]{2,4}|GMT|UTC)"
    r"(?:[+-]\d{1,2}(?::?\d{2})?)?)?",
    re.I,
)
#: Words no paragraph ends with: a paragraph ending in one was cut by a page break
#: even when the next starts with a capital ("talks with" / "Japanese officials").
_FUNCTION_WORDS = frozenset([
    "the", "a", "an", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or",
    "but", "that", "as", "into", "than", "its", "their", "his", "her", "our", "your", "whose",
    "which", "who",
])
#: "Jane Roe contributed to this report." closing agency copy.
_CONTRIBUTORS = re.compile(
    r"^.{0,150}\bcontributed (?:to )?(?:this|the) (?:report|story|article)\.?$", re.I)
#: Editors' sign-off slugs closing agency copy ("burs-abc/def", "jm/kl").
_SLUGS = re.compile(r"(?:[a-z]{2,5}(?:-[a-z]{2,5})?/)+[a-z]{2,5}")
#: Abbreviations whose period does not end a sentence ("Rep. Jane Roe to run").
_ABBREVIATIONS = frozenset([
    "mr", "mrs", "ms", "dr", "rep", "sen", "gov", "gen", "lt", "col", "sgt", "st", "jr", "sr",
    "prof", "rev", "pres", "vs", "no", "mt", "ft", "capt", "cmdr", "adm", "supt", "insp",
])
#: A caption with its label, as web pages copied to text keep it ("Image caption, ...").
_CAPTION_LABEL = re.compile(
    r"(?:image|photo|picture|video)?\s*caption\s*[,:]\s*(?P<c>\S.*)$", re.I)
#: Headlines are written in the present tense; past auxiliaries mark a lede sentence.
_PAST_AUX = re.compile(r"\b(?:had|was|were|would|did|could|got)\b", re.I)
_EMPHASIS = re.compile(r"^[*_]{1,3}(?P<t>.+?)[*_]{1,3}$")


@dataclass
class Piece:
    """A stretch ``raw[start:end]`` of one line; ``gap`` if blank lines precede it."""

    start: int
    end: int
    gap: bool = False


@dataclass
class Found:
    """Metadata gathered while cleaning, each value with its evidence."""

    values: dict[str, tuple[str, Evidence]] = field(default_factory=dict)
    stamps: list[DateHit] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def put(self, key: str, value: str, raw: str, how: str, start: int, end: int) -> None:
        """Keep the first value found for ``key`` (callers try sources best first)."""
        if key not in self.values:
            self.values[key] = (value, Evidence(raw, how, start, end))
        elif self.values[key][0] != value:
            self.notes.append(f"{key}: also {value!r} ({how})")


def split_lines(raw: str) -> list[Piece]:
    """Non-blank lines as stripped pieces, marking those after blank lines."""
    pieces: list[Piece] = []
    pos = 0
    gap = False
    for line in raw.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped)
            pieces.append(Piece(start, start + len(stripped), gap))
            gap = False
        else:
            gap = True
        pos += len(line) + 1
    return pieces


class Cleaner:
    """One document's cleaning run (kept as an object to share raw text and options)."""

    def __init__(self, raw: str, config: Config, registry: Registry | None = None) -> None:
        sec = config.section("ingest")
        self.raw = raw
        self.registry = registry or load_registry(sec.str("outlet_registry"))
        self.furniture_lines = {_norm(x) for x in sec.list("furniture_lines")}
        self.furniture_prefixes = tuple(x.lower() for x in sec.list("furniture_prefixes"))
        self.end_markers = sorted(sec.list("end_markers"), key=len, reverse=True)
        self.found = Found()
        self.after_correction = False  # a correction/update note was seen above

    def _known(self, name: str) -> bool:
        return self.registry.lookup(name) is not None

    def text(self, p: Piece) -> str:
        return self.raw[p.start : p.end]

    # ----------------------------------------------------------------- lines
    def run(self) -> list[list[Piece]]:
        """Returns the body's paragraphs (each a list of pieces of raw)."""
        lines = self._header(split_lines(self.raw))
        kept = [p for p in (self._line(p) for p in lines) if p is not None]
        kept = self._title(kept)
        paragraphs = self._group(kept)
        paragraphs = [p for p in paragraphs if not self._caption(p)]
        paragraphs = self._unrepeated(paragraphs)
        skip = self._dateline(paragraphs)
        self._issuer(paragraphs, skip)
        return paragraphs

    def _unrepeated(self, paragraphs: list[list[Piece]]) -> list[list[Piece]]:
        """A paragraph repeated word for word (a scraper or CMS glitch) is kept once;
        the repeat is noted, not silently dropped."""
        seen: set[str] = set()
        kept = []
        for para in paragraphs:
            key = " ".join(" ".join(self.text(p) for p in para).casefold().split())
            if len(key) >= 40 and key in seen:
                self.found.notes.append(f"repeated paragraph removed: {key[:60]!r}")
                continue
            seen.add(key)
            kept.append(para)
        return kept

    def _header(self, lines: list[Piece]) -> list[Piece]:
        """Leading date line, Markdown heading and byline."""
        if lines:
            hit, skip = meta.date_prefix(self.text(lines[0]))
            if hit:
                first = lines[0]
                self.found.stamps.append(_shift(hit, first.start))
                self.found.furniture.append(self.raw[first.start : first.start + skip].strip())
                first.start += skip
                if first.start >= first.end:
                    lines = lines[1:]
        if lines:
            m = _MD_HEADING.fullmatch(self.text(lines[0]))
            if m:
                title = _unemphasize(m.group("t"))
                start = lines[0].start + self.text(lines[0]).index(title)
                self.found.put("title", title, title, "markdown-heading", start, start + len(title))
                lines = lines[1:]
        for i, p in enumerate(lines[:4]):
            by = meta.byline(self.text(p))
            if by:
                self.found.put("author", by.value, by.raw, "byline",
                               p.start + by.start, p.start + by.end)
                self.found.furniture.append(self.text(p))
                return lines[:i] + lines[i + 1 :]
        return lines

    def _line(self, p: Piece) -> Piece | None:
        """Drop furniture, credits, link stamps and date-only lines; cut end markers."""
        line = self.text(p)
        low = _norm(line)
        if _CORRECTION.match(line):
            self.after_correction = True
        labelled = _CAPTION_LABEL.match(line)
        if labelled:
            self.found.captions.append(labelled.group("c"))
            return None
        if low in self.furniture_lines or line.lower().startswith(self.furniture_prefixes):
            self.found.furniture.append(line)
            return None
        for marker in self.end_markers:
            if not line.endswith(marker):
                continue
            if len(line) == len(marker) or line[-len(marker) - 1] == " ":
                self.found.furniture.append(marker)
                p = Piece(p.start, p.end - len(marker), p.gap)
                while p.end > p.start and self.raw[p.end - 1].isspace():
                    p.end -= 1
                return p if p.end > p.start else None
        if _CONTRIBUTORS.search(line) or _SLUGS.fullmatch(line):
            self.found.furniture.append(line)
            return None
        if self._credit(p) or self._links(p) or self._date_only(p):
            self.found.furniture.append(line)
            return None
        return p

    def _credit(self, p: Piece) -> bool:
        hit = meta.credit(self.text(p))
        if not hit:
            return False
        how, f = hit
        if how != "reporting":
            f = self._registered_part(f)
        start, end = p.start + f.start, p.start + f.end
        if how == "reporting":
            self.found.put("author", f.value, f.raw, "credit-line", start, end)
        elif how == "source" and not (self._known(f.value) or meta.news_like(f.value)):
            self.found.notes.append(f"source line names {f.value!r}, not a known outlet")
        else:
            self.found.put(f"outlet:{how}", self.registry.canonical(f.value), f.raw, how,
                           start, end)
        return True

    def _registered_part(self, f: meta.Found) -> meta.Found:
        """"Al Jazeera and news agencies" -> the registered part, "Al Jazeera"."""
        if self._known(f.value):
            return f
        for m in re.finditer(r"[^,;/&]+?(?=\s+and\s+|\s*[,;/&]|$)", f.value):
            part = m.group(0).strip()
            if part and self._known(part):
                start = f.start + m.start() + m.group(0).index(part)
                return meta.Found(part, part, start, start + len(part))
        return f

    def _links(self, p: Piece) -> bool:
        line = self.text(p)
        urls = meta.link_line(line)
        if not urls:
            return False
        for u in urls:
            url = u.value if "//" in u.value else "http://" + u.value
            self.found.put("url", url, u.raw, "link-line", p.start + u.start, p.start + u.end)
            outlet = self.registry.by_domain(u.value)
            if outlet:
                self.found.put("outlet:url", outlet.name, u.raw, "url",
                               p.start + u.start, p.start + u.end)
        self._stamps(line, p.start)
        return True

    def _date_only(self, p: Piece) -> bool:
        """A short line that is nothing but a date (a stamp, not story text)."""
        line = self.text(p)
        if len(line) > 60:
            return False
        hits = full_dates(line) + era_dates(line) + hijri_dates(line)
        covered = sum(h.end - h.start for h in hits)
        if not hits or covered < 0.6 * len(_DATE_NOISE.sub("", line).strip(" ()[]|,.-")):
            return False
        if self.after_correction:
            for h in hits:
                self.found.stamps.append(DateHit(
                    None, h.raw, p.start + h.start, p.start + h.end, "correction-date",
                    h.year, "date of a correction or update, not of publication"))
        else:
            self._stamps(line, p.start)
        return True

    def _stamps(self, line: str, offset: int) -> None:
        """Dates in a line that is a stamp (date-only, link or credit line)."""
        for h in era_dates(line) + hijri_dates(line) + full_dates(line):
            how = "date-line" if h.how == "text" else h.how
            self.found.stamps.append(_shift(h, offset, how))

    # ----------------------------------------------------------- paragraphs
    def _group(self, kept: list[Piece]) -> list[list[Piece]]:
        """Lines to paragraphs; a line continues the previous paragraph when that one
        stops mid-sentence and this one starts in lower case (a page break), or when
        no blank line separates them and the previous line is a long wrapped line."""
        paras: list[list[Piece]] = []
        for p in kept:
            if paras and self._continues(paras[-1][-1], p):
                paras[-1].append(p)
            else:
                paras.append([p])
        return paras

    def _continues(self, prev: Piece, p: Piece) -> bool:
        before = self.text(prev)
        after = self.text(p)
        if before.endswith(TERMINAL) or not after:
            return False
        if after[0].islower() or before.rsplit(None, 1)[-1] in _FUNCTION_WORDS:
            return True
        return not p.gap and len(before) >= 60 and before[-1].isalnum() and before[-1].islower()

    def _caption(self, para: list[Piece]) -> bool:
        text = self._para_text(para)
        credit = meta.closing_credit(text)
        known = credit is not None and self.registry.lookup(credit) is not None
        if meta.is_caption(text, known):
            self.found.captions.append(text)
            return True
        return False

    def _para_text(self, para: list[Piece]) -> str:
        return " ".join(self.text(p) for p in para)

    def _title(self, lines: list[Piece]) -> list[Piece]:
        """A short first line that stands apart from the body as a headline.

        Accepted when it has no closing punctuation (or a lone final period,
        which headline copies often gain) and something sets it apart from the
        text below: a dateline opening the next line, headline capitalisation,
        or a next line much longer than itself.
        """
        if "title" in self.found.values or len(lines) < 2:
            return lines
        line, nxt = self.text(lines[0]), self.text(lines[1])
        if self._two_line_title(lines):
            return lines[2:]
        words = line.split()
        if not 2 <= len(words) <= 30 or len(line) > 250 or meta.dateline(line, self._known):
            return lines
        if nxt[0].islower() or line.endswith((",", ";", ":")) or words[-1] in _FUNCTION_WORDS:
            return lines
        alpha = [w for w in words if w[0].isalpha()]
        headline_case = sum(w[0].isupper() for w in alpha) >= 0.6 * len(alpha)
        before_dateline = meta.dateline(nxt, self._known) is not None
        if _ends_with_period(line):
            sentence_inside = any(m.group(1).lower() not in _ABBREVIATIONS
                                  for m in re.finditer(r"(\w*[a-z]{2})[.!?]\s+[A-Z]", line))
            # the body below (skipping one short deck or section line) is longer
            below = max(len(self.text(q)) for q in lines[1:3])
            longer = below > 1.5 * len(line) and len(words) <= 16 and lines[1].gap \
                and not (_OPENING_CLAUSE.match(line) and _PAST_AUX.search(line))
            if (sentence_inside and not headline_case) or not (
                    before_dateline or headline_case or longer):
                return lines
        elif not (lines[1].gap or headline_case or before_dateline or len(nxt) > 1.5 * len(line)):
            return lines
        title = _unemphasize(_strip_period(line))
        start = lines[0].start + line.index(title[:20])
        self.found.put("title", title, line[line.index(title[:20]) :][: len(title)], "first-line",
                       start, start + len(title))
        return lines[1:]

    def _two_line_title(self, lines: list[Piece]) -> bool:
        """A headline and its deck joined by ";" over two lines, set apart by a blank line."""
        if len(lines) < 3 or lines[1].gap or not lines[2].gap:
            return False
        line, nxt = self.text(lines[0]), self.text(lines[1])
        if not line.endswith(";") or len(line.split()) > 25 or len(nxt.split()) > 25:
            return False
        if nxt.endswith((",", ";", ":")) or meta.dateline(nxt, self._known):
            return False
        title = f"{line} {_strip_period(nxt)}"
        raw = self.raw[lines[0].start : lines[1].end]
        self.found.put("title", title, raw, "first-lines", lines[0].start, lines[1].end)
        return True

    def _dateline(self, paras: list[list[Piece]]) -> int:
        """Dateline of the first paragraph; returns where its text after the dateline starts."""
        if not paras:
            return 0
        first = paras[0][0]
        d = meta.dateline(self.text(first), self._known)
        if not d:
            return 0
        o = first.start
        if d.place:
            self.found.put("place", d.place.value, d.place.raw, "dateline",
                           o + d.place.start, o + d.place.end)
        if d.agency:
            self.found.put("outlet:dateline", self.registry.canonical(d.agency.value),
                           d.agency.raw, "dateline", o + d.agency.start, o + d.agency.end)
        if d.date:
            self.found.put("dateline-date", d.date.value, d.date.raw, "dateline",
                           o + d.date.start, o + d.date.end)
        return d.end

    def _issuer(self, paras: list[list[Piece]], skip: int) -> None:
        """"X issued the following statement" in the opening paragraphs -> author."""
        for i, para in enumerate(paras[:3]):
            p = para[0]
            start = p.start + (skip if i == 0 else 0)
            f = meta.issuer(self.raw[start : min(p.end, start + 2000)])
            if f:
                self.found.put("author", f.value, f.raw, "issuer", start + f.start,
                               start + f.end)
                return


def _ends_with_period(line: str) -> bool:
    return re.search(r"\.[\"'”’»)]*$", line) is not None and not line.endswith("...")


def _strip_period(line: str) -> str:
    """Drop a headline's final period, also inside a closing quote ("Heads.’" -> "Heads’")."""
    return re.sub(r"\.([\"'”’»)]*)$", r"\1", line) if _ends_with_period(line) else line


def _norm(line: str) -> str:
    return " ".join(line.lower().strip(" :|»›>•*#_").split())


def _unemphasize(text: str) -> str:
    m = _EMPHASIS.fullmatch(text.strip())
    return m.group("t").strip() if m else text.strip()


def _shift(hit: DateHit, offset: int, how: str | None = None) -> DateHit:
    return DateHit(hit.iso, hit.raw, hit.start + offset, hit.end + offset, how or hit.how,
                   hit.year, hit.problem)


# ------------------------------------------------------------------- assembly

Fields = dict[str, tuple[str, Evidence]]


def read_text(
    text: str,
    source: str,
    config: Config,
    *,
    fields: Fields | None = None,
    encoding: str | None = None,
    replaced: int = 0,
) -> Article:
    """One plain-text document to an Article.

    ``fields`` are values a container already gave (JSON keys, HTML meta:
    "title", "published", "url", "outlet", "author", "place"); they win over
    what the running text says, which is then only noted.
    """
    raw = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    raw, bounded = bound_text(raw, config.section("ingest").int("max_text_chars"))
    cleaner = Cleaner(raw, config)
    paragraphs = cleaner.run()
    found = cleaner.found
    found.notes[:0] = bounded
    values: Fields = dict(fields or {})
    for key, how_keys in _SOURCES.items():
        for k in how_keys:
            if k in found.values and key not in values:
                values[key] = found.values[k]
    _note_other_outlets(values, found)
    if "published" not in values:
        date = _resolve_date(found)
        if date:
            values["published"] = date
    texts = [" ".join(cleaner.text(p) for p in para) for para in paragraphs]
    body = "\n\n".join(texts)
    title = values["title"][0] if "title" in values else None
    art_id = content_id(body, title)
    spans, pos = [], 0
    for t in texts:
        spans.append(Span(art_id, pos, pos + len(t)))
        pos += len(t) + 2
    art = Article(
        id=art_id, source=source, body=body, raw=raw, paragraphs=spans,
        captions=found.captions, furniture=found.furniture,
        encoding=encoding, replaced_chars=replaced, notes=found.notes,
        language=_language(body), **_meta_kwargs(values),
    )
    art.date_mentions = find_date_mentions(body, art_id, art.published)
    return art


def bound_text(raw: str, cap: int) -> tuple[str, list[str]]:
    """``raw`` without NUL characters and cut to at most ``cap`` characters, with notes.

    The cut falls on the last line break (else space) in the final tenth before
    the cap, so no word is split; a story is never this long, so what is cut is
    a dump, a log or a runaway page, and the note says how much was kept.
    """
    notes = []
    nuls = raw.count("\x00")
    if nuls:
        raw = raw.replace("\x00", "")
        notes.append(f"removed {nuls} NUL character(s) from the text")
    if len(raw) > cap:
        floor = cap - cap // 10
        end = raw.rfind("\n", floor, cap)
        if end < 0:
            end = max(raw.rfind(" ", floor, cap), 0) or cap
        kept = raw[:end].rstrip()
        notes.append(f"text cut to its first {len(kept)} of {len(raw)} characters "
                     f"(max_text_chars = {cap})")
        raw = kept
    return raw, notes


#: Article field <- keys of Found.values, best source first.
_SOURCES = {
    "title": ["title"],
    "author": ["author"],
    "place": ["place"],
    "url": ["url"],
    "outlet": ["outlet:dateline", "outlet:credit", "outlet:source", "outlet:url",
               "outlet:copyright"],
}


def _note_other_outlets(values: Fields, found: Found) -> None:
    """Name every other outlet the text credits (a wire dateline under a site's credit)."""
    if "outlet" not in values:
        return
    chosen = values["outlet"][0]
    for k in _SOURCES["outlet"]:
        if k in found.values and found.values[k][0] != chosen:
            other, ev = found.values[k]
            found.notes.append(f"also credits {other!r} ({ev.how} {ev.raw!r})")


def _meta_kwargs(values: Fields) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, attr, ev in (
        ("title", "title", "title_evidence"),
        ("author", "author", "author_evidence"),
        ("published", "published", "published_evidence"),
        ("place", "dateline_place", "dateline_evidence"),
        ("outlet", "outlet", "outlet_evidence"),
    ):
        if key in values:
            out[attr], out[ev] = values[key]
    if "url" in values:
        out["url"] = values["url"][0]
    return out


def _resolve_date(found: Found) -> tuple[str, Evidence] | None:
    """Publication date: a date line, else the dateline (year from a stamp), else a stamp.

    Dates inside story sentences are never taken: they are about events, not
    about when the text was published.
    """
    stamps = found.stamps
    for s in stamps:
        if s.how == "date-line" and s.iso:
            return s.iso, Evidence(s.raw, s.how, s.start, s.end)
    for s in stamps:
        if s.problem:
            found.notes.append(f"date {s.raw!r} not used: {s.problem}")
    if "dateline-date" in found.values:
        got = _dateline_date(found, found.values["dateline-date"][1])
        if got:
            return got
    for s in stamps:
        if s.iso:
            return s.iso, Evidence(s.raw, s.how, s.start, s.end)
    return None


def _dateline_date(found: Found, ev: Evidence) -> tuple[str, Evidence] | None:
    from newstrace.ingest.dates import make_iso, parse_date

    if re.search(r"\d{4}", ev.raw):
        iso, problem = parse_date(ev.raw)
        if iso:
            return iso, ev
        found.notes.append(f"dateline date {ev.raw!r} not used: {problem}")
        return None
    md = month_day(ev.raw)
    if md is None:
        return None
    for s in found.stamps:
        if s.iso and (int(s.iso[5:7]), int(s.iso[8:10])) == md:
            found.notes.append(f"dateline year from {s.how} {s.raw!r}")
            return s.iso, Evidence(ev.raw, f"dateline+{s.how}", ev.start, ev.end)
    for s in found.stamps:
        if s.year and not s.iso:
            iso = make_iso(s.year, *md)
            if iso:
                found.notes.append(f"dateline year from {s.how} {s.raw!r}")
                return iso, Evidence(ev.raw, f"dateline+{s.how}", ev.start, ev.end)
    found.notes.append(f"dateline date {ev.raw!r} has no year; published left unknown")
    return None


def _language(body: str) -> str | None:
    if not body.strip():
        return None
    import py3langid

    # a paragraph suffices; py3langid's cost grows with the length it reads
    lang, _ = py3langid.classify(body[:600])
    return str(lang)
