"""Attribution phrases: where an article credits another outlet or organisation.

Patterns cover the ways news copy names its source ("according to X",
"citing X", "carried by X", "released by X", "X said", "X reported",
datelines "SEOUL, May 15 (X) --" and "/X/."), where X is a capitalised name,
an acronym, or "the state-run ... Agency (ACRONYM)".  A name counts only when
it looks like an organisation: an acronym, or a name whose words include a
generic organisation head noun ("Agency", "News", "Times", "Ministry" ...).
This keeps "Smith said" out without a list of outlets: the list of head nouns is
about English news vocabulary, not about any story.  A one-word name without
such a noun counts when the outlet registry (``data/outlets.toml``) knows it or
it is the name of another outlet in the same event.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection

from newstrace.ingest.outlets import Registry, load_registry
from newstrace.model import Article, Attribution, Span

ALGORITHM = "attribution.v3"

_HEADS = (
    "agency|agencies|news|newswire|wire|press|times|post|journal|herald|tribune|gazette|"
    "telegraph|guardian|observer|chronicle|daily|weekly|review|magazine|media|network|"
    "broadcasting|broadcaster|broadcast|radio|television|tv|channel|service|services|"
    "bureau|ministry|office|department|council|committee|commission|institute|center|"
    "centre|organization|organisation|association|union|foundation|group|company|corp|"
    "corporation|inc|ltd|university|bank|fund|website|newspaper|outlet|publication|"
    "report|reports|online|today|express|mail|star|sun|independent|insider|monitor|"
    "examiner|dispatch|bulletin|courier|standard|nation|world|global|international|"
    "associated"
)
_HEAD_RE = re.compile(rf"\b(?:{_HEADS})\b", re.IGNORECASE)
_ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
# Capitalised words joined by "of", "for", "and", "&", "the", hyphens; may end in "(ACR)".
_WORD = r"(?:(?:[A-Z]\.){2,}|[A-Z][\w'’&-]*)"
_NAME = rf"{_WORD}(?:[ \t]+(?:(?:of|for|and|&|the|de|du|la)[ \t]+)?{_WORD})*" \
        r"(?:[ \t]+\([A-Z][A-Za-z0-9&]{1,9}\))?"
_PRE = r"(?:the\s+)?(?:(?:[A-Z][\w'’-]*['’]s|state-run|state-owned|official|semi-official|" \
       r"government-run|government|public|private|independent|local|national|news)\s+)*"
_TAIL = r"(?:[ \t]+(?:news[ \t]+)?(?:agency|website|newspaper|daily|outlet|broadcaster|channel))?"

_PATTERNS = [
    re.compile(rf"\b[Aa]ccording\s+to\s+{_PRE}(?P<name>{_NAME}){_TAIL}"),
    re.compile(rf"\b[Cc]iting\s+{_PRE}(?P<name>{_NAME}){_TAIL}"),
    _PUBLISHED := re.compile(
        r"\b(?:carried|released|published|issued|reported|distributed|run|aired|"
        rf"broadcast|quoted|cited)\s+by\s+{_PRE}(?P<name>{_NAME}){_TAIL}"),
    re.compile(rf"\b(?:told|in\s+(?:an?\s+)?(?:interview|statement)\s+(?:with|to))\s+{_PRE}"
               rf"(?P<name>{_NAME}){_TAIL}"),
    re.compile(rf"(?:^|(?<=[\s\"“(]))(?:[Tt]he\s+)?(?P<name>{_NAME}){_TAIL}\s+"
               r"(?:said|says|reported|reports|quoted|cited|wrote|stated|announced|"
               r"added|noted|claimed|carried)\b"),
    # Datelines: "LIMA, May 15 (Andina) --", "OSLO, May 15 (NTB) --", "/Interfax/."
    _DATELINE := re.compile(r"\((?P<name>[A-Z][\w.&' -]{1,40})\)[ \t]*(?:-{1,2}|—|–)"),
    _SLASHED := re.compile(r"(?:^|\s)/(?P<name>[A-Z][\w.&' -]{1,30})/\.?"),
]


def find(article: Article, outlets: Collection[str] = ()) -> list[Attribution]:
    """Attribution phrases of ``article`` in text order (one per credited mention).

    ``outlets``: names known to be outlets besides the registry (e.g. the other
    articles' outlets in the event), so a one-word name such as "according to
    Examplenews" counts when it names one of them.  For many articles pass
    one frozenset of names: its folded forms are computed once.
    """
    return [Attribution(Span(article.id, s, e), name)
            for s, e, name in find_in_text(article.body, outlets)]


@functools.lru_cache(maxsize=16)
def _outlet_forms(names: frozenset[str]) -> frozenset[str]:
    """Folded full names of outlets, the form :func:`find` compares names in."""
    return frozenset(_fold(o) for o in names if o)


def find_in_text(text: str, outlets: Collection[str] = ()) -> list[tuple[int, int, str]]:
    """``(start, end, credited name)`` of each attribution phrase in ``text``."""
    known = _outlet_forms(outlets if isinstance(outlets, frozenset) else frozenset(outlets))
    found: dict[tuple[int, int], tuple[int, int, str]] = {}
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            name = _clean(m.group("name"))
            # datelines and "carried/released by X" name a publisher by their form
            dateline = pattern in (_DATELINE, _SLASHED, _PUBLISHED)
            if not name or not (dateline or looks_like_organisation(m.group())
                                or _is_known_outlet(name, known)):
                continue
            key = (m.start("name"), m.start("name") + len(name))
            start = _dateline_start(text, m.start()) if pattern is _DATELINE else m.start()
            if key not in found or (m.end() - start) > found[key][1] - found[key][0]:
                found[key] = (start, m.end(), name)
    out = sorted(found.values())
    # drop a phrase nested inside a longer one with the same credited name
    return [x for x in out if not any(
        y is not x and y[0] <= x[0] and x[1] <= y[1] and y[2] == x[2] for y in out)]


# The place and date a dateline puts before its "(Agency) --" at the start of a line.
_DATELINE_LEAD = re.compile(r"[A-Z][A-Z'. -]{1,40}(?:,[^\n()]{1,30})?[ \t]+")


def _dateline_start(text: str, at: int) -> int:
    """Where the dateline whose credit opens at ``at`` starts: at the capitalised
    place and date before it on its line ("LIMA, May 15 (Andina) --"), if any.
    The whole dateline is the credit formula, not text copied from anyone."""
    line = text.rfind("\n", 0, at) + 1
    return line if _DATELINE_LEAD.fullmatch(text, line, at) else at


@functools.lru_cache(maxsize=1)
def _registry() -> Registry:
    return load_registry()


def _is_known_outlet(name: str, known: Collection[str]) -> bool:
    """A name the outlet registry knows, or the full name of one of ``known``."""
    return _registry().lookup(name) is not None or _fold(name) in known


def _clean(name: str) -> str:
    name = name.strip(" .,;:-—–")
    name = re.sub(r"^(?:The|the)\s+", "", name)
    return name


def looks_like_organisation(name: str) -> bool:
    """An acronym, or a multi-character name with an organisation head noun."""
    words = name.replace("(", " ").replace(")", " ").split()
    if any(_ACRONYM_RE.match(w.replace(".", "")) for w in words):
        return True
    return bool(_HEAD_RE.search(name))


@functools.lru_cache(maxsize=8192)
def name_forms(name: str) -> frozenset[str]:
    """Comparable forms of an outlet or credited name: folded name, acronyms, domain stem.

    "Andean News Agency (ANA)" -> {"andeannewsagency", "ana"};
    "www.example.co.uk" -> {"example"}.
    """
    forms: set[str] = set()
    text = name.strip()
    host = re.match(r"^(?:https?://)?(?:www\.)?([a-z0-9-]+)\.[a-z.]{2,}(?:/.*)?$", text.lower())
    if host:
        forms.add(host.group(1).replace("-", ""))
    for inner in re.findall(r"\(([^)]+)\)", text):
        forms.add(_fold(inner))
    outer = re.sub(r"\([^)]*\)", " ", text)
    outer = re.sub(r"^(?:the)\s+", "", outer.strip(), flags=re.IGNORECASE)
    if outer.strip():
        forms.add(_fold(outer))
        caps = [w for w in re.split(r"[\s-]+", outer) if w[:1].isupper()]
        if len(caps) >= 2:
            forms.add("".join(w[0] for w in caps).lower())
    return frozenset(f for f in forms if len(f) >= 2)


def _fold(s: str) -> str:
    return re.sub(r"[\W_]+", "", s.casefold())


@functools.lru_cache(maxsize=65536)
def credits(attr_name: str, outlet: str | None) -> bool:
    """Does a credited name refer to ``outlet``?

    Names the outlet registry knows are compared as registry entries ("AP" is
    the Associated Press and no other outlet).  Otherwise on
    :func:`name_forms`, where initials made from a long name match a written
    acronym ("Example Times" ~ "ET") but not initials made from another long
    name ("Example Times" !~ "Eastern Tribune").
    """
    if not outlet:
        return False
    reg = _registry()
    hit_a, hit_o = reg.lookup(attr_name), reg.lookup(outlet)
    if hit_a is not None and hit_a is hit_o:
        return True
    if hit_a is not None and hit_o is not None:
        return False
    fa, fo = name_forms(attr_name), name_forms(outlet)
    ia, io = _initials(attr_name), _initials(outlet)
    if hit_a is not None or hit_o is not None:
        # a registered name stands for its own outlet, not for any name with its initials
        return bool((fa - ia) & (fo - io))
    return bool((fa - ia) & fo or fa & (fo - io))


def _initials(name: str) -> frozenset[str]:
    """The forms of :func:`name_forms` made from the initials of a long name only."""
    outer = re.sub(r"\([^)]*\)", " ", name.strip())
    outer = re.sub(r"^(?:the)\s+", "", outer.strip(), flags=re.IGNORECASE)
    caps = [w for w in re.split(r"[\s-]+", outer) if w[:1].isupper()]
    if len(caps) < 2:
        return frozenset()
    initials = "".join(w[0] for w in caps).lower()
    written = {_fold(outer)} | {_fold(x) for x in re.findall(r"\(([^)]+)\)", name)}
    return frozenset({initials}) - written
