"""Safe HTML for article text: highlights, context snippets, word diffs.

Article text is hostile input, so every character of it passes through
``markupsafe.escape``; only the tags built here are trusted.  Overlapping
highlights (a quote inside an aligned passage, a name inside a quote) are
rendered by cutting the text at every highlight boundary and giving each
piece the classes of all highlights covering it — flat, never mis-nested.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from markupsafe import Markup, escape
from rapidfuzz.distance import Levenshtein


@dataclass(frozen=True)
class Mark:
    """A highlight: ``[start, end)`` in the text, CSS class, hover title, optional anchor id."""

    start: int
    end: int
    cls: str
    title: str = ""
    anchor: str = ""


def highlight(text: str, marks: list[Mark], offset: int = 0) -> Markup:
    """``text`` escaped, with each mark's range wrapped in ``<span class=...>``.

    ``offset`` is the position of ``text`` in the body the marks refer to
    (for snippets cut out of a longer body).  A sweep over the sorted cut
    points keeps the set of active marks, so long articles with many marks
    stay linear-ish rather than cuts x marks.
    """
    end_all = offset + len(text)
    usable = sorted((m for m in marks if m.end > offset and m.start < end_all and m.end > m.start),
                    key=lambda m: m.start)
    cuts = sorted({offset, end_all} | {max(offset, min(end_all, p))
                                       for m in usable for p in (m.start, m.end)})
    out: list[str] = []
    anchored: set[str] = set()
    active: list[Mark] = []
    nxt = 0
    for lo, hi in itertools.pairwise(cuts):
        while nxt < len(usable) and usable[nxt].start <= lo:
            active.append(usable[nxt])
            nxt += 1
        active = [m for m in active if m.end > lo]
        piece = escape(text[lo - offset : hi - offset])
        out.append(_wrap(piece, active, anchored) if active else str(piece))
    return Markup("".join(out))


def _wrap(piece: str, active: list[Mark], anchored: set[str]) -> str:
    classes = " ".join(sorted({m.cls for m in active}))
    titles = " | ".join(dict.fromkeys(m.title for m in active if m.title))
    anchor = next((m.anchor for m in active if m.anchor and m.anchor not in anchored), "")
    attrs = f' class="hl {escape(classes)}"'
    if titles:
        attrs += f' title="{escape(titles)}"'
    if anchor:
        anchored.add(anchor)
        attrs += f' id="{escape(anchor)}"'
    return f"<span{attrs}>{piece}</span>"


def snippet(body: str, start: int, end: int, marks: list[Mark], width: int = 140) -> Markup:
    """The span ``[start, end)`` in about ``width`` characters of context, highlighted.

    The window is widened to whole words and cut at paragraph breaks so the
    context stays within the paragraph the evidence sits in.
    """
    lo = max(0, start - width)
    hi = min(len(body), end + width)
    para_lo = body.rfind("\n\n", lo, start)
    lo = para_lo + 2 if para_lo >= 0 else _word_start(body, lo)
    para_hi = body.find("\n\n", end, hi)
    hi = para_hi if para_hi >= 0 else _word_end(body, hi)
    html = highlight(body[lo:hi], marks, offset=lo)
    prefix = Markup("… ") if lo > 0 and para_lo < 0 else Markup("")
    suffix = Markup(" …") if hi < len(body) and para_hi < 0 else Markup("")
    return prefix + html + suffix


def _word_start(text: str, pos: int) -> int:
    while 0 < pos < len(text) and not text[pos - 1].isspace():
        pos += 1
    return pos


def _word_end(text: str, pos: int) -> int:
    while 0 < pos < len(text) and not text[pos].isspace():
        pos -= 1
    return pos


_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


_STRAIGHT = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def _diff_key(token: str) -> str:
    return token.casefold().translate(_STRAIGHT)


def word_diff(source: str, target: str) -> tuple[Markup, Markup]:
    """Both texts escaped, with words only in the source / only in the target marked.

    A word-level edit script (rapidfuzz's bit-parallel Levenshtein over word
    tokens; difflib is quadratic and took seconds on article-long passages),
    so an edit shows as whole words struck out and inserted, the way an
    editor reads it.  Tokens are compared case-folded and with curly quotes
    made straight (a sentence-initial capital or a house quote style is not an
    edit); the original text is printed.
    """
    a, b = _TOKEN.findall(source), _TOKEN.findall(target)
    ops = Levenshtein.opcodes([_diff_key(t) for t in a], [_diff_key(t) for t in b])
    left: list[str] = []
    right: list[str] = []
    for op in ops:
        old = escape("".join(a[op.src_start : op.src_end]))
        new = escape("".join(b[op.dest_start : op.dest_end]))
        if op.tag == "equal":
            left.append(str(old))
            right.append(str(new))
            continue
        if old:
            left.append(f'<del class="chg">{old}</del>')
        if new:
            right.append(f'<ins class="chg">{new}</ins>')
    return Markup("".join(left)), Markup("".join(right))


# Elements that never take a closing tag (HTML void elements, plus the SVG
# shapes the graph picture writes as ``<path .../>``).
_VOID = frozenset({"meta", "br", "hr", "img", "input", "link", "path", "rect", "wbr", "col",
                   "source", "circle", "line"})


def unbalanced_tags(page: str) -> list[str]:
    """Tags closed out of order or left open in ``page`` (empty when well nested).

    A template bug that mis-nests tags breaks the layout of the one-file
    report silently; browsers repair it differently.  The report tests and
    the report gate check every page with this.
    """
    from html.parser import HTMLParser

    problems: list[str] = []
    stack: list[str] = []

    class Checker(HTMLParser):
        def handle_starttag(self, tag: str, attrs: object) -> None:
            if tag not in _VOID:
                stack.append(tag)

        def handle_startendtag(self, tag: str, attrs: object) -> None:
            return None

        def handle_endtag(self, tag: str) -> None:
            if tag in _VOID:
                return
            if not stack or stack[-1] != tag:
                problems.append(f"</{tag}> closes {stack[-1:] or 'nothing'}")
                if tag in stack:
                    del stack[len(stack) - 1 - stack[::-1].index(tag):]
                return
            stack.pop()

    Checker().feed(page)
    return problems + [f"<{t}> left open" for t in stack]
