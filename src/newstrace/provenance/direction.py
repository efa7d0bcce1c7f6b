"""Direction of copying between two articles that share text.

Each signal adds a signed weight to a score (positive: ``a`` is the source of
``b``) and a readable reason.  Signals, from strongest:

* attribution: ``b`` credits ``a``'s outlet by name ("citing X", "(X) --");
* publication dates/times: the earlier article is the source;
* quotation marks: ``b`` puts in quotation marks text that ``a`` states
  in its own voice (an agency quoting the statement it reports);
* fidelity to a common ancestor: where a third article shares the same text,
  the one whose wording is letter-for-letter closer to it is the earlier
  link in the chain (edits accumulate along a chain of copies);
* typography: where the two print the same words with different marks, the
  one with curly quotes, dashes or accents where the other has plain ASCII is
  the source (copies lose typography through plain-text wires and feeds; a
  content system may also curl a wire's straight quotes, so this weighs
  least but containment);
* containment: the derived text is mostly made of shared text.

The weights are a hand-set evidence scale, not fitted: each signal is
documented so a reader can check its reason against the article text.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from newstrace.model import Article, Attribution
from newstrace.provenance.align import RawPassage
from newstrace.provenance.attribution import credits
from newstrace.provenance.text import covered_chars, intersect_chars, overlap, subtract

ALGORITHM = "direction.v4"

W_CREDIT = 4.0
W_DATE = 2.5
W_QUOTES = 2.0
W_FIDELITY = 2.0
W_TYPOGRAPHY = 1.0
# Least difference in closeness to a third article (share of the shared text) that
# counts as fidelity evidence.
FIDELITY_MIN = 0.02
# Fewest typographic marks one side alone has, and how many times the other side's,
# for typography to count (a stray mark of one copy is no evidence).
TYPO_MIN_MARKS = 2
TYPO_RATIO = 3
# Least lean, from an even chance, of the same-day time evidence (see _same_day).
SAME_DAY_MIN_LEAN = 0.1
W_CONTAINMENT = 0.5
# Share of shared text above which, on both sides, containment gives no direction.
BOTH_SHARED = 0.8


@dataclass
class Link:
    """Two articles sharing text: passages with ``a``-side spans in ``a``."""

    a: str
    b: str
    passages: list[RawPassage]

    def spans(self, side: str, paraphrase: bool = False) -> list[tuple[int, int]]:
        out = []
        for p in self.passages:
            if p.kind == "paraphrase" and not paraphrase:
                continue
            out.append((p.a_start, p.a_end) if side == "a" else (p.b_start, p.b_end))
        return out

    def runs(self, side: str) -> list[tuple[int, int]]:
        """Exactly matching word runs (edits inside passages excluded)."""
        out: list[tuple[int, int]] = []
        for p in self.passages:
            out.extend((r[0], r[1]) if side == "a" else (r[2], r[3]) for r in p.runs)
        return out

    def literal(self, side: str) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        for p in self.passages:
            out.extend(p.literal_a if side == "a" else p.literal_b)
        return out

    def side_of(self, article_id: str) -> str:
        return "a" if article_id == self.a else "b"


@dataclass
class Context:
    """What the direction decision may look at besides the pair itself."""

    articles: dict[str, Article]
    attributions: dict[str, list[Attribution]]
    quoted: dict[str, list[tuple[int, int]]]
    links: dict[tuple[str, str], Link] = field(default_factory=dict)
    # articles a first ordering placed upstream of each article (see graph._ordered)
    upstream: dict[str, set[str]] = field(default_factory=dict)
    _adjacent: dict[str, set[str]] = field(default_factory=dict)
    own_signals: dict[tuple[str, str], list[tuple[float, str]]] = field(default_factory=dict)

    def content(self, link: Link, article_id: str) -> list[tuple[int, int]]:
        """Exactly shared runs in ``article_id``, minus its attribution phrases
        (formulaic credits like "carried by X" are not copied content)."""
        holes = [(x.span.start, x.span.end) for x in self.attributions.get(article_id, [])]
        return subtract(link.runs(link.side_of(article_id)), holes)

    def add(self, link: Link) -> None:
        self.links[(link.a, link.b)] = link
        self._adjacent.setdefault(link.a, set()).add(link.b)
        self._adjacent.setdefault(link.b, set()).add(link.a)

    def neighbours(self, article_id: str) -> set[str]:
        """Articles sharing text with ``article_id``."""
        return self._adjacent.get(article_id, set())

    def link(self, x: str, y: str) -> Link | None:
        return self.links.get((x, y)) or self.links.get((y, x))


@dataclass
class Decision:
    source: str
    target: str
    confidence: float
    score: float
    reasons: list[str]
    attributions: list[Attribution]


def decide(link: Link, ctx: Context) -> Decision:
    """Which of the pair is the source; confidence from the summed evidence."""
    score = 0.0
    reasons: list[tuple[float, str]] = []
    # the signals of the pair alone are kept: a second decision (graph._ordered)
    # only knows more about third articles, which fidelity alone reads
    own = ctx.own_signals.get((link.a, link.b))
    if own is None:
        own = [signal(link, ctx) for signal in (_credit, _dates, _quotes, _typography,
                                                 _containment)]
        ctx.own_signals[(link.a, link.b)] = own
    for value, why in (*own[:3], _fidelity(link, ctx), *own[3:]):
        score += value
        if why:
            reasons.append((value, why))
    if score == 0.0:  # no evidence at all: the longer text is taken as the source
        la, lb = len(ctx.articles[link.a].body), len(ctx.articles[link.b].body)
        score = 1e-3 if la >= lb else -1e-3
    src, tgt = (link.a, link.b) if score > 0 else (link.b, link.a)
    sign = 1.0 if score > 0 else -1.0
    texts = [_orient(why, src == link.a) for value, why in reasons if value * sign > 0]
    against = [_orient(why, src == link.a) for value, why in reasons if value * sign < 0]
    texts += [f"against: {why}" for why in against]
    attrs = [x for x in ctx.attributions.get(tgt, []) if credits(x.credited,
                                                                 ctx.articles[src].outlet)]
    confidence = 0.5 + 0.5 * math.tanh(abs(score) / 3.0)
    return Decision(src, tgt, round(confidence, 3), score, texts, attrs)


def _orient(why: str, a_is_source: bool) -> str:
    """Reasons are written with {A}/{B}; name them source/target once decided."""
    first, second = ("source", "target") if a_is_source else ("target", "source")
    return why.replace("{A}", first).replace("{B}", second)


def _credit(link: Link, ctx: Context) -> tuple[float, str]:
    arts = ctx.articles
    da, db = arts[link.a].published, arts[link.b].published
    # an article cannot cite one published after it: the credit names another
    # article of that outlet (an outlet may publish several in one story); with
    # several of them sharing text with the reader, the credit may name any
    b_credits_a = _credit_names(link.b, link.a, bool(da and db and _earlier(db, da)), ctx)
    a_credits_b = _credit_names(link.a, link.b, bool(da and db and _earlier(da, db)), ctx)
    if b_credits_a and not a_credits_b:
        return W_CREDIT, "{B} credits " + repr(b_credits_a[0])
    if a_credits_b and not b_credits_a:
        return -W_CREDIT, "{A} credits " + repr(a_credits_b[0])
    return 0.0, ""


def _credit_names(reader: str, cited: str, reader_first: bool, ctx: Context) -> list[str]:
    """Credits in ``reader`` naming ``cited``'s outlet, none when that cannot be
    meant: ``reader`` published first, or the outlet is ambiguous."""
    if reader_first or _ambiguous(reader, cited, ctx):
        return []
    return _credited_names(reader, ctx.articles[cited].outlet, ctx)


def _ambiguous(reader: str, cited: str, ctx: Context) -> bool:
    """Does ``reader`` share text with another article of ``cited``'s outlet?  Then a
    credit to that outlet may name either one (an outlet may publish several
    articles in one story)."""
    outlet = ctx.articles[cited].outlet
    return bool(outlet) and any(x != cited and credits(outlet, ctx.articles[x].outlet)
                                for x in ctx.neighbours(reader))


def _credited_names(reader: str, outlet: str | None, ctx: Context) -> list[str]:
    """Names in ``reader``'s attributions that refer to ``outlet`` (not to itself)."""
    own = ctx.articles[reader].outlet
    if not outlet or (own and credits(outlet, own)):
        return []
    return [x.credited for x in ctx.attributions.get(reader, []) if credits(x.credited, outlet)]


def _dates(link: Link, ctx: Context) -> tuple[float, str]:
    da, db = ctx.articles[link.a].published, ctx.articles[link.b].published
    if not da or not db:
        return 0.0, ""
    if _earlier(da, db):
        return W_DATE, f"{{B}} published {db} after {{A}} ({da})"
    if _earlier(db, da):
        return -W_DATE, f"{{A}} published {da} after {{B}} ({db})"
    return _same_day(da, db)


def _same_day(da: str, db: str) -> tuple[float, str]:
    """One time and a bare date of the same day: how likely is the dated-only one
    later?  With its hour unknown, as likely at any hour of the day: the share of
    the day left after the known time (a story timed 05:00 is most likely the
    earlier of the two, one timed 20:00 the later).  Weighted by how far that
    share is from even."""
    ta, tb = _instant(da), _instant(db)
    if (ta is None) == (tb is None) or da[:10] != db[:10]:
        return 0.0, ""
    known = ta if ta is not None else tb
    assert known is not None
    left = 1.0 - (known.hour * 60 + known.minute) / (24 * 60)  # P(the undated one is later)
    lean = 2 * left - 1 if ta is not None else 1 - 2 * left  # > 0: a is the source
    if abs(lean) < SAME_DAY_MIN_LEAN:
        return 0.0, ""
    timed = "{A}" if ta is not None else "{B}"
    when = "early" if left > 0.5 else "late"
    why = f"{timed} published {when} on the day ({known:%H:%M}) the other gives only as a date"
    return W_DATE * lean, why


def _quotes(link: Link, ctx: Context) -> tuple[float, str]:
    """Passages quoted on one side and in the other's own voice: the quoting side
    reports the other.  Only clear-cut passages count (>= 80 % quoted against
    <= 20 %), so a quotation merely re-cut by reordering is no evidence."""
    qa = qb = 0
    quoted_a, quoted_b = ctx.quoted.get(link.a, []), ctx.quoted.get(link.b, [])
    for p in link.passages:
        if p.kind == "paraphrase":
            continue
        fa = overlap(p.a_start, p.a_end, quoted_a) / max(1, p.a_end - p.a_start)
        fb = overlap(p.b_start, p.b_end, quoted_b) / max(1, p.b_end - p.b_start)
        if fb >= 0.8 and fa <= 0.2:
            qb += p.b_end - p.b_start
        elif fa >= 0.8 and fb <= 0.2:
            qa += p.a_end - p.a_start
    total = max(1, covered_chars(link.spans("b")) + covered_chars(link.spans("a")))
    diff = (qb - qa) / total * 2
    if abs(diff) < 0.05:
        return 0.0, ""
    value = W_QUOTES * max(-1.0, min(1.0, diff * 3))
    if diff > 0:
        return value, f"{{B}} puts {qb - qa} chars of shared text in quotation marks"
    return value, f"{{A}} puts {qa - qb} chars of shared text in quotation marks"


def _fidelity(link: Link, ctx: Context) -> tuple[float, str]:
    """Closer letter-for-letter wording to a third article sharing the text."""
    best = 0.0
    why = ""
    for other in sorted(ctx.neighbours(link.a) & ctx.neighbours(link.b)):
        la, lb = ctx.link(other, link.a), ctx.link(other, link.b)
        may_a, may_b = _may_be_source(other, link, ctx)
        if la is None or lb is None or not (may_a or may_b):
            continue
        fa = closeness(link.spans("a"), la.literal(la.side_of(link.a)))
        fb = closeness(link.spans("b"), lb.literal(lb.side_of(link.b)))
        diff = fa - fb
        if not (may_a if diff > 0 else may_b):
            continue
        if abs(diff) > abs(best) and abs(diff) >= FIDELITY_MIN:
            best = diff
            label = ctx.articles[other].label
            closer = "{A}" if diff > 0 else "{B}"
            why = f"{closer}'s wording is closer to {label} on the text all three share"
    return W_FIDELITY * max(-1.0, min(1.0, best * 10)), why


def _may_be_source(other: str, link: Link, ctx: Context) -> tuple[bool, bool]:
    """May ``a`` (first) and ``b`` (second) be taken as the source for being closer
    to ``other``?

    Both when ``other`` is a common ancestor of the pair: dated before both, or
    placed upstream of both by a first ordering (``ctx.upstream``).  When only one side
    credits ``other``, ``other`` is that side's ancestor but may descend from
    the other side (a chain X -> other -> credit-giver): the credit-giver being
    closer to its own source says nothing, while the other side being closer
    still places it upstream of the credit-giver.
    """
    if _older_than_both(other, link, ctx):
        return True, True
    if other in ctx.upstream.get(link.a, ()) and other in ctx.upstream.get(link.b, ()):
        return True, True
    outlet = ctx.articles[other].outlet
    by_a, by_b = bool(_credited_names(link.a, outlet, ctx)), bool(
        _credited_names(link.b, outlet, ctx))
    if by_a and by_b:
        return True, True
    return by_b, by_a


def _older_than_both(other: str, link: Link, ctx: Context) -> bool:
    """Is ``other`` dated before both articles of the pair?"""
    do = ctx.articles[other].published
    known = [d for d in (ctx.articles[link.a].published, ctx.articles[link.b].published) if d]
    # older than both, so both dates must be known: older than one of them only
    # fits an intermediate between them just as well
    return bool(do and len(known) == 2 and all(_earlier(do, d) for d in known))


def _earlier(x: str, y: str) -> bool:
    """Is date(time) ``x`` strictly before ``y``?

    Compared as instants when both have a time and both or neither carry a UTC
    offset ("2016-03-05T10:00+09:00" is before "2016-03-05T02:00Z"); else on
    their calendar dates, as printed.
    """
    tx, ty = _instant(x), _instant(y)
    if tx is not None and ty is not None and (tx.tzinfo is None) == (ty.tzinfo is None):
        return tx < ty
    return x[:10] < y[:10]


def _instant(text: str) -> dt.datetime | None:
    """The datetime of an ISO 8601 date-and-time string, None for a bare date or junk."""
    if "T" not in text:
        return None
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def closeness(shared: list[tuple[int, int]], literal: list[tuple[int, int]]) -> float:
    """Share of a side's pair-shared text that is letter-for-letter in the third article."""
    total = covered_chars(shared)
    return intersect_chars(shared, literal) / total if total else 0.0


def _typography(link: Link, ctx: Context) -> tuple[float, str]:
    """The side printing typographic marks (curly quotes, dashes, accented letters)
    where the other prints the same words in plain ASCII is the source: a copy
    loses such marks far more often than it restores them.  Clear-cut cases
    only (:data:`TYPO_MIN_MARKS`, :data:`TYPO_RATIO`)."""
    ma, mb = typographic_marks(link, ctx.articles[link.a].body, ctx.articles[link.b].body)
    if ma >= TYPO_MIN_MARKS and ma >= TYPO_RATIO * mb:
        return W_TYPOGRAPHY, f"{{A}} prints {ma} typographic marks where {{B}} has plain ASCII"
    if mb >= TYPO_MIN_MARKS and mb >= TYPO_RATIO * ma:
        return -W_TYPOGRAPHY, f"{{B}} prints {mb} typographic marks where {{A}} has plain ASCII"
    return 0.0, ""


def typographic_marks(link: Link, body_a: str, body_b: str) -> tuple[int, int]:
    """Non-ASCII characters (curly quotes, dashes, accents) that only ``a``, and only
    ``b``, prints in and around the exactly matched runs of words, counted run by
    run where the two differ (a run with its neighbouring character either side,
    so a quotation mark before its first word counts)."""
    if body_a.isascii() and body_b.isascii():
        return 0, 0
    only_a = only_b = 0
    for p in link.passages:
        if p.kind == "paraphrase" or body_a[p.a_start:p.a_end] == body_b[p.b_start:p.b_end]:
            continue
        for a0, a1, b0, b1 in p.runs:
            piece_a = body_a[max(0, a0 - 1):a1 + 1]
            piece_b = body_b[max(0, b0 - 1):b1 + 1]
            if piece_a == piece_b or (piece_a.isascii() and piece_b.isascii()):
                continue
            na = len(piece_a) - len(piece_a.encode("ascii", "ignore"))
            nb = len(piece_b) - len(piece_b.encode("ascii", "ignore"))
            only_a += max(0, na - nb)
            only_b += max(0, nb - na)
    return only_a, only_b


def _containment(link: Link, ctx: Context) -> tuple[float, str]:
    """The article made mostly of shared text is the copy (an excerpt of the other).

    No evidence when both are mostly shared text (each at least
    :data:`BOTH_SHARED`): a copy that keeps nearly all of its source differs
    from it by what it trimmed and by what it added (a credit, a background
    paragraph), and either may be the larger, so the shares say nothing.
    """
    ca = covered_chars(link.spans("a", True)) / max(1, len(ctx.articles[link.a].body))
    cb = covered_chars(link.spans("b", True)) / max(1, len(ctx.articles[link.b].body))
    diff = cb - ca
    if abs(diff) < 0.05 or min(ca, cb) >= BOTH_SHARED:
        return 0.0, ""
    why = f"{{B}} is {cb:.0%} shared text, {{A}} {ca:.0%}"
    if diff < 0:
        why = f"{{A}} is {ca:.0%} shared text, {{B}} {cb:.0%}"
    return W_CONTAINMENT * max(-1.0, min(1.0, diff * 2)), why
