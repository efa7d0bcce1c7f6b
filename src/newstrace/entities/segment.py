"""Re-cutting run-together mentions into the names the collection knows.

Statistical NER trained on running text misreads title-case lines (headlines,
sub-heads): "Lindsay Lohan Checks Into Rehab" or "Obama Reverses Bush" come
out as one PERSON.  Such a mention is nearly always unique in the collection,
while its parts ("Lindsay Lohan", "Obama", "Bush") are names the collection
uses again and again.  A unique mention is cut into the established names it
contains when whatever is left over is not itself part of a name: lower-case
words, punctuation, the words of a title-case line, or a descriptor before a
full name ("Comedian Ellen DeGeneres").  Written by hand because the evidence
is collection-wide frequency, which no tagger sees.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from newstrace.entities.names import TITLES as _TITLE_WORDS
from newstrace.entities.names import plain
from newstrace.model import Mention, Span

_WORD = re.compile(r"\S+")
_TITLE_CASE_SHARE = 0.8  # share of a line's words capitalised for it to be a headline
# Words headline styles leave in lower case ("Obama Moves to Overturn Bush Rules").
_MINOR = frozenset({"a", "an", "the", "and", "or", "but", "nor", "of", "on", "in", "to", "for",
                    "at", "by", "with", "from", "as", "that", "into", "over", "up", "vs"})


def _words(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _WORD.finditer(text)]


def title_case_line(body: str, pos: int) -> bool:
    """Whether the line around ``pos`` is written in title case or capitals (a headline)."""
    start = body.rfind("\n", 0, pos) + 1
    end = body.find("\n", pos)
    words = [w for w in _WORD.findall(body[start: end if end >= 0 else len(body)])
             if w[:1].isalpha() and w not in _MINOR]
    if len(words) < 3:
        return False
    caps = sum(w[:1].isupper() for w in words)
    return caps >= _TITLE_CASE_SHARE * len(words)


def _greedy(words: list[str], known: set[str]) -> tuple[list[tuple[int, int]], list[int]]:
    """Longest known runs left to right (never the whole mention) and the words left over."""
    segs: list[tuple[int, int]] = []
    left: list[int] = []
    i, n = 0, len(words)
    while i < n:
        for j in range(n - (i == 0), i, -1):
            if plain(" ".join(words[i:j])) in known:
                segs.append((i, j))
                i = j
                break
        else:
            left.append(i)
            i += 1
    return segs, left


def _described_person(segs: list[tuple[int, int]], words: list[str],
                       labels: dict[str, str]) -> bool:
    """A nationality before a person's full name ('American Hasim Rahman'): two names
    the collection knows, the first a NORP word, the second a PERSON of two words or more."""
    if len(segs) != 2 or segs[0][1] - segs[0][0] != 1 or segs[1][1] - segs[1][0] < 2:
        return False
    first, rest = (plain(" ".join(words[i:j])) for i, j in segs)
    return labels.get(first) == "NORP" and labels.get(rest) == "PERSON"


def _cut(m: Mention, body: str, known: set[str], labels: dict[str, str],
         common: set[str] | None) -> list[Mention] | None:
    """The established names inside ``m``, or None when the left-over words may be a name.

    ``common`` is None for a mention unique in the collection; otherwise the
    mention recurs (the same headline in several copies) and each left-over
    capitalised word must be a common word, one the collection also writes in
    lower case ("Checks", "Into", "Rehab"), so 'Kim Jong Un' never loses
    'Jong Un'.
    """
    offs = _words(m.text)
    words = [m.text[a:b] for a, b in offs]
    segs, left = _greedy(words, known)
    if not segs or not (left or _described_person(segs, words, labels)):
        return None
    headline = title_case_line(body, m.span.start)
    first = segs[0][0]
    multiword_first = segs[0][1] - segs[0][0] > 1
    for k in left:
        w = words[k].strip("'\"`()[],:;")
        if not any(c.isalnum() for c in w) or w[:1].islower():
            continue
        if common is not None:
            if w.lower() in common:
                continue
            return None
        if headline or (k < first and multiword_first):
            continue  # a headline's words, or a descriptor before a full name
        return None
    out = []
    for i, j in segs:
        start, end = m.span.start + offs[i][0], m.span.start + offs[j - 1][1]
        text = body[start:end].rstrip(",:;")
        end = start + len(text)
        out.append(Mention(Span(m.span.article_id, start, end), text,
                           labels.get(plain(text), m.label)))
    return out


def resegment(mentions: dict[str, list[Mention]], bodies: dict[str, str],
              extra_known: Iterable[str] = ()) -> None:
    """Cut unique run-together mentions into established names (lists changed in place).

    A form is established when two or more mentions in the collection have it
    (case, periods and a leading article aside) or it is in ``extra_known``
    (alias names).
    """
    counts = Counter(plain(m.text) for ms in mentions.values() for m in ms)
    label_votes: dict[str, Counter[str]] = {}
    for ms in mentions.values():
        for m in ms:
            label_votes.setdefault(plain(m.text), Counter())[m.label] += 1
    labels = {k: v.most_common(1)[0][0] for k, v in label_votes.items()}
    known = {k for k, c in counts.items() if c > 1} | {plain(x) for x in extra_known}
    common = _lower_words(bodies.values())
    above: dict[int, set[str]] = {1: known}
    for aid, ms in mentions.items():
        body = bodies.get(aid)
        if body is None:
            continue
        new: list[Mention] = []
        for m in ms:
            parts = None
            n = counts[plain(m.text)]
            if len(_words(m.text)) > 1:
                if n not in above:
                    above[n] = _above(known, counts, n)
                parts = _cut(m, body, above[n], labels, None if n == 1 else common)
            new.extend(parts or [m])
        ms[:] = new


def _above(known: set[str], counts: Counter[str], n: int) -> set[str]:
    """Established names more frequent than a recurring mention (its parts must be)."""
    return {k for k in known if counts[k] > n}


def lower_words(bodies: Iterable[str]) -> set[str]:
    """Words the collection writes in lower case: common words, not names."""
    return {w for body in bodies for w in re.findall(r"\b[a-z][a-z'-]+\b", body)}


_lower_words = lower_words


def _known_forms(mentions: dict[str, list[Mention]], common: set[str]) -> dict[str, str]:
    """Names worth looking for again: ``{form as written: label}``.

    A form used twice or more, or a person's full name, whose single word is
    not a common word the collection writes in lower case ("People", "Police").
    """
    counts: Counter[str] = Counter()
    votes: dict[str, Counter[str]] = {}
    for ms in mentions.values():
        for m in ms:
            counts[m.text] += 1
            votes.setdefault(m.text, Counter())[m.label] += 1
    out: dict[str, str] = {}
    for form, n in counts.items():
        label = votes[form].most_common(1)[0][0]
        words = form.split()
        if len(form) < 3 or not form[:1].isupper():
            continue
        if len(words) == 1 and form.lower() in common and not form.isupper():
            continue
        if n > 1 or (label == "PERSON" and len(words) > 1):
            out[form] = label
    return out


def free_name_end(body: str, end: int) -> bool:
    """A name ending at ``end`` is not followed by a further capitalised word."""
    after = _WORD.match(body, end + 1) if body[end:end + 1] == " " else None
    return not (after and after.group()[:1].isupper())


def _free(body: str, start: int, end: int) -> bool:
    """Not part of a longer capitalised name (a title word or a line start before is fine)."""
    if not free_name_end(body, end):
        return False
    line = body.rfind("\n", 0, start) + 1
    before = body[line:start].rstrip()
    if not before or before[-1:] in ".!?\"'“‘:(" or before.endswith(("'s", "’s")):
        return True
    prev = before.split()[-1]
    # A title word or a short all-capitals prefix ('President X', 'INS X') is not
    # part of the name the tagger knows.
    return not prev[:1].isupper() or plain(prev) in _TITLE_WORDS \
        or (prev.isalpha() and prev.isupper() and len(prev) <= 4)


def add_known_names(mentions: dict[str, list[Mention]], bodies: dict[str, str]) -> None:
    """Mentions of names the collection already knows, where the tagger missed them.

    A small NER model misses many later occurrences of a name it found
    elsewhere ("Teixeira" tagged in one sentence, not in the next).  Each
    known form is looked for, case-sensitively and as whole words, where no
    mention is or where the tagger cut it short (a mention inside it); the new
    mention takes the label the form has most often.
    """
    common = _lower_words(bodies.values())
    known = _known_forms(mentions, common)
    if not known:
        return
    pattern = re.compile(r"(?<![\w'’-])(?:" + "|".join(
        re.escape(f) for f in sorted(known, key=len, reverse=True)) + r")(?![\w-])")
    for aid, ms in mentions.items():
        body = bodies.get(aid)
        if body is None:
            continue
        added, cut = [], set()
        for hit in pattern.finditer(body):
            if not _free(body, hit.start(), hit.end()):
                continue
            inside = [k for k, m in enumerate(ms)
                      if m.span.start < hit.end() and hit.start() < m.span.end]
            # A mention the tagger cut short of a known longer name ('Hawaiian' of
            # 'Hawaiian Gardens') gives way to it.
            if inside and not all(hit.start() <= ms[k].span.start and ms[k].span.end < hit.end()
                                  and " " in hit.group() for k in inside):
                continue
            cut.update(inside)
            added.append(Mention(Span(aid, hit.start(), hit.end()), hit.group(),
                                 known[hit.group()]))
        if added:
            kept = [m for k, m in enumerate(ms) if k not in cut]
            ms[:] = sorted([*kept, *added], key=lambda m: m.span.start)
