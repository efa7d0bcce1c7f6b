"""Direct and reported candidates into one attribution per word.

:func:`merge` drops a reported clause that only restates a direct quote (the
quotation is the statement), cuts a clause before a quotation introduced by a
cue of its own, and marks a clause holding quoted words as *mixed*;
:func:`outermost` keeps, of nested reported statements, the outer one (the
attribution the article itself makes).
"""

from __future__ import annotations

from newstrace.quotes.direct import Cand as _Cand
from newstrace.quotes.direct import words as _words
from newstrace.quotes.marks import Marked
from newstrace.quotes.spans import drop_trailing_conjunction as _drop_trailing_conjunction
from newstrace.quotes.spans import overlap as _overlap
from newstrace.quotes.spans import trim as _trim


def _before_introduced(text: str, rep: _Cand, clash: list[_Cand]) -> tuple[int, int] | None:
    """A reported clause cut before a quotation introduced by a cue of its own.

    ``... the need for a wall, adding, "I have an idea."``: "adding"
    attributes the quotation (introduced after a comma or colon); the clause
    of the earlier cue ends before it.  So does a clause running into a
    quotation set off by a colon or a dash and attributed after it (``the
    need for drive: "Change the world," she said``).
    """
    span = rep.content[0]
    own = [d for d in clash if d.cue is not None and d.cue != rep.cue
           and span[0] < d.content[0][0]]
    cuts = [_introduced_at(text, d) for d in own]
    first = min((c for c in cuts if c is not None), default=None)
    if first is None:
        return None
    return _drop_trailing_conjunction(text, *_trim(text, span[0], max(span[0], first)))


def _introduced_at(text: str, d: _Cand) -> int | None:
    """Where the words introducing direct quote ``d`` begin, if it has its own introduction."""
    assert d.cue is not None
    opening = d.content[0][0]
    if d.cue[1] <= opening:
        # 'adding, "..."' or 'he told Fox: "..."'; a colon cue (``X: "..."``) is its own marker.
        if text[d.cue[0]:d.cue[1]] == ":" or any(
                p in text[d.cue[1]:opening] for p in ",:"):
            return min(d.speaker[0] if d.speaker else d.cue[0], d.cue[0])
        return None
    if d.cue[0] >= d.content[-1][1] and _set_off(text, opening):
        return len(text[:opening].rstrip(_EDGE_MARKS)) - 1
    return None


def _set_off(text: str, opening: int) -> bool:
    """Is the quotation opening at ``opening`` set off by a colon or a dash?"""
    return text[:opening].rstrip(_EDGE_MARKS).endswith((":", "—", "–", " -"))


def _owned_cue(text: str, rep: _Cand, clash: list[_Cand]) -> bool:
    """The reported clause's cue attributes a direct quote after it (``"...," she said``).

    The parser may read a whole preceding sentence as that verb's clause
    (``Lee declared a need: "A," she said``); the quotation is the statement.
    """
    return rep.cue is not None and any(
        d.cue == rep.cue and d.cue[0] >= d.content[-1][1] and rep.content[0][0] < d.content[0][0]
        and _set_off(text, d.content[0][0])
        for d in clash)


def _leaks(rep: _Cand, clash: list[_Cand]) -> bool:
    """A reported clause whose cue is quoted words and whose clause runs out of the quotation.

    ``''He says what we all think,'' Lee said``: the parser read "says"
    (inside the marks) as governing the words after them; the quotation and
    its own cue stand, the crossing clause is a misparse.
    """
    if rep.cue is None:
        return False
    for d in clash:
        inner = [c for c in d.content if c[0] <= rep.cue[0] < c[1]]
        if inner and any(a < inner[0][0] or b > inner[0][1] for a, b in rep.content):
            return True
    return False


def _precedence(rep: _Cand) -> tuple[bool, bool]:
    """Order in which reported clauses claim their words (earlier wins overlaps).

    A trailing attribution ("They want to X, Lee said") covers the whole
    sentence before it, clauses with their own verbs included, so it goes
    first; weak readings (an object taken as a statement) go last.
    """
    trailing = rep.cue is not None and rep.cue[0] >= rep.content[-1][1]
    return rep.weak, not trailing


def _introduces(text: str, rep: _Cand, direct: _Cand) -> bool:
    """The reported clause's cue introduces the quotation after a comma or colon.

    ``told Mic in an interview, "..."``: the quotation is the statement (a
    direct quote); ``said that "..."`` keeps its clause (a mixed quote).
    """
    if rep.cue is None or direct.cue != rep.cue or direct.cue[1] > direct.content[0][0]:
        return False
    gap = text[direct.cue[1]:direct.content[0][0]].rstrip(_EDGE_MARKS)
    return gap.rstrip().endswith((",", ":"))


_EDGE_MARKS = " \"'“‘«„"


def merge(text: str, direct: list[_Cand], reported: list[_Cand],
           marks: list[Marked]) -> list[_Cand]:
    """Drop reported clauses that are a direct quote; mark the mixed ones."""
    out = list(direct)
    for rep in sorted(reported, key=_precedence):
        span = rep.content[0]
        clash = [d for d in direct if any(_overlap(span, c) for c in d.content)]
        if clash and (rep.learned or rep.weak or any(_introduces(text, rep, d) for d in clash)
                      or _owned_cue(text, rep, clash) or _leaks(rep, clash)):
            continue
        if clash and (cut := _before_introduced(text, rep, clash)) is not None:
            if cut[1] - cut[0] < 3:
                continue
            span = rep.content[0] = cut
            clash = [d for d in direct if any(_overlap(span, c) for c in d.content)]
        if clash:
            for d in clash:
                cue_inside = rep.cue is not None and any(
                    _overlap(rep.cue, c) for c in d.content)
                if d.speaker is None and rep.speaker is not None and not cue_inside:
                    d.speaker, d.cue = rep.speaker, rep.cue
            inside = sum(_overlap(span, c) for d in clash for c in d.content)
            if _words(text[span[0]:span[1]]) - _words(" ".join(
                    text[c[0]:c[1]] for d in clash for c in d.content)) <= 0 or inside == 0:
                continue
            rep.kind = "mixed"
            out = [d for d in out if d not in clash]
        elif any(m.start >= span[0] and m.end <= span[1] for m in marks):
            rep.kind = "mixed"
        if any(_overlap(span, c) > 0.5 * (span[1] - span[0]) for o in out for c in o.content):
            continue
        out.append(rep)
    return sorted(out, key=lambda c: c.content[0])


def outermost(cands: list[_Cand]) -> list[_Cand]:
    """Reported statements without those whose cue lies in another's reported clause.

    "Lee told reporters that someone had changed the sign": each word belongs
    to one attribution (as PolNeAR annotates), and the outer one (Lee's) is
    what the article asserts; a cue inside it is part of what Lee said.
    """
    outer = [c for c in cands if c.kind != "direct" and c.cue is not None and not c.weak]
    return [c for c in cands if c.kind == "direct" or c.cue is None or not any(
        o is not c and o.cue is not None and not o.content[0][0] <= o.cue[0] < o.content[-1][1]
        and any(a <= c.cue[0] < b for a, b in o.content)
        and all(any(a <= x and y <= b for a, b in o.content) for x, y in c.content)
        for o in outer)]
