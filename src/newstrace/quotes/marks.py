"""Find quotation-mark pairs of every style in a text.

Hand-written scanner: no library pairs typographic, straight, guillemet and
low-9 quotes together with the apostrophe ambiguity of single quotes, and the
news convention that a quote running over several paragraphs re-opens each
paragraph without closing the previous one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DOUBLE_OPEN = "“„«"
_DOUBLE_CLOSE = "”»"
_SINGLE_OPEN = "‘‹"
_SINGLE_CLOSE = "’›"
_OPENERS_BEFORE = " \t\n([{—–-/“„«‘‹\"'"


_DOUBLED = re.compile("''")


@dataclass(frozen=True)
class Marked:
    """Text between a pair of quotation marks; ``start``/``end`` exclude the marks."""

    start: int
    end: int
    double: bool
    nested: bool = False  # inside another quotation
    unclosed: bool = False  # closed by a paragraph end (multi-paragraph quote)


def _role_double(text: str, i: int, pending: int | None) -> str:
    """'open' or 'close' for the double mark at ``i``."""
    ch = text[i]
    if ch in "„«":
        return "open"
    if ch == "»":
        return "close"
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if ch == "“":
        # In German style „…“ the upper mark closes; so does a mistyped “ that
        # ends a pending quotation at a word's end ('... now.“ She left').
        if pending is not None and (text[pending] == "„" or (
                not prev.isspace() and (nxt.isspace() or nxt in ",.;:)"))):
            return "close"
        return "open"
    if ch == "”":
        return "close"
    if pending is not None and prev.isspace() and (nxt.isspace() or nxt in ",.;:)"):
        # A stray space before the closing mark ('a year. " (Note ...').
        return "close"
    if pending is not None and prev in "'’" and (nxt.isspace() or nxt in ",.;:)"):
        # A nested single quote closing with the double one ('... citizens,'" said').
        return "close"
    if prev in _OPENERS_BEFORE or (prev == ":" and nxt.isalnum()):
        # 'Lee (R-Ohio):"We ...': a colon glued to the opening mark.
        return "open"
    return "close"


def _single_role(text: str, i: int) -> str | None:
    """'open', 'close' or None (an apostrophe) for a single mark."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if text[i] in "‘‹" or (text[i] == "'" and prev in _OPENERS_BEFORE):
        return "open" if (nxt.isalnum() or nxt in "“\"") and prev in _OPENERS_BEFORE else None
    if text[i] in "’›'" and not nxt.isalnum() and not prev.isspace():
        return "close"
    return None


def _paragraph_end(text: str, start: int) -> int:
    pos = text.find("\n", start)
    return len(text) if pos < 0 else pos


def find_doubles(text: str) -> list[Marked]:
    """Pairs of double quotation marks (any style), multi-paragraph quotes included."""
    out: list[Marked] = []
    pending: int | None = None
    for i, ch in enumerate(text):
        if ch not in _DOUBLE_OPEN + _DOUBLE_CLOSE + '"':
            continue
        role = _role_double(text, i, pending)
        if pending is not None and "\n" in text[pending:i]:
            if role == "open":
                # Run-on quote: the paragraph ends the previous quote.
                end = _paragraph_end(text, pending)
                out.append(Marked(pending + 1, end, True, unclosed=True))
                pending = i
                continue
            if text.count("\n\n", pending, i) > 2:
                pending = None
        if role == "open":
            pending = i
        elif pending is not None:
            out.append(Marked(pending + 1, i, True))
            pending = None
    return out


def find_singles(text: str, lo: int = 0, hi: int | None = None,
                 nested: bool = False) -> list[Marked]:
    """Pairs of single quotation marks in ``text[lo:hi]``, one paragraph at most."""
    hi = len(text) if hi is None else hi
    out: list[Marked] = []
    pending: int | None = None
    for i in range(lo, hi):
        ch = text[i]
        if ch == "\n":
            pending = None
            continue
        if ch not in _SINGLE_OPEN + _SINGLE_CLOSE + "'":
            continue
        role = _single_role(text, i)
        if role == "open" and pending is None:
            pending = i
        elif role == "close" and pending is not None and i - pending > 1:
            out.append(Marked(pending + 1, i, False, nested=nested))
            pending = None
    return out


def _doubled_apostrophes(text: str) -> str:
    """The text with each ``''`` written as ``"`` plus a space (same length, same offsets).

    Some wire and newspaper archives type a double quotation mark as two
    apostrophes (``''Yes,'' she said``); this reads them as one double mark.
    """
    if "''" not in text:
        return text
    # An opening pair keeps the mark next to the word it opens on: ' "Yes' / 'Yes" '.
    return _DOUBLED.sub(lambda m: ' "' if m.start() == 0 or text[m.start() - 1] in
                        _OPENERS_BEFORE else '" ', text)


def find_quotes(text: str) -> list[Marked]:
    """All quotation spans: double pairs, single pairs inside them (nested) or outside."""
    text = _doubled_apostrophes(text)
    doubles = find_doubles(text)
    out = list(doubles)
    cursor = 0
    for d in doubles:
        out.extend(find_singles(text, cursor, max(cursor, d.start - 1)))
        out.extend(find_singles(text, d.start, d.end, nested=True))
        cursor = d.end + 1
    out.extend(find_singles(text, cursor))
    return sorted(out, key=lambda m: (m.start, -m.end))
