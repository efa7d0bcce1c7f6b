"""Direct quotations: quotation marks with their cue, speaker and continuations.

A quotation is attributed by a reporting verb right after its closing mark
(``"...," she said``), right before its opening one (``He said: "..."``) or
by a colon introduction; a quotation re-opened after the cue (``"A," she
said, "B."``) and unattributed quotations continuing a speaker's words join
the same attribution.  Used by :mod:`newstrace.quotes.extract`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newstrace.quotes.lexicon import speech_forms
from newstrace.quotes.marks import Marked
from newstrace.quotes.spans import EDGE as _EDGE
from newstrace.quotes.spans import paragraph as _paragraph
from newstrace.quotes.spans import speaker_span as _speaker_span
from newstrace.quotes.spans import tok_span as _tok_span
from newstrace.quotes.spans import trim as _trim
from newstrace.quotes.speakers import subject_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

ALGORITHM = "quotes.direct.v1"


@dataclass
class Cand:
    content: list[tuple[int, int]]
    kind: str
    speaker: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None
    marks: list[Marked] = field(default_factory=list)
    learned: bool = False  # found by the learned detector, never displaces a direct quote
    weak: bool = False  # an object read as a statement, never displaces a direct quote


def is_cue(tok: Token) -> bool:
    return tok.tag_.startswith("VB") and tok.lower_ in speech_forms()


def words(text: str) -> int:
    return sum(1 for w in text.split() if any(c.isalnum() for c in w))


def _is_full(text: str, m: Marked, min_words: int) -> bool:
    """A quotation that is a statement, not a quoted phrase or title."""
    inner = text[m.start:m.end].strip()
    if not inner:
        return False
    n = words(inner)
    ends = inner[-1] in ".,!?…:;" or m.unclosed
    return (n >= min_words and (ends or inner[0].isupper())) or (n >= 2 * min_words)


def _cue_after(doc: Doc, m: Marked, window: int) -> Token | None:
    """A reporting verb just after the closing mark (``"...," the official said``)."""
    tok = doc.char_span(m.end, m.end + 1, alignment_mode="expand")
    if tok is None:
        return None
    i = tok.end
    for j in range(i, min(i + window, len(doc))):
        t = doc[j]
        if t.text in ".!?" or t.text in "“«„" or (t.is_sent_start and j > i) or "\n" in t.text:
            return None
        if is_cue(t):
            return None if _own_clause(doc, m, t) or _subordinate(t) else t
        if t.tag_ == "VB" and j == i and not any(c.dep_ == "nsubj" for c in t.children):
            continue  # '"...," screenwriter Ann Lee wrote': a noun mistagged as a verb
        if t.pos_ == "VERB":
            return t if _unlisted_cue(doc, m, i, t) else None
        if t.dep_ == "nsubj" and is_cue(t.head) and t.head.i > t.i:
            # A long subject ("Ann Lee, a nurse from Ohio who ..., said").
            return None if _own_clause(doc, m, t.head) else t.head
    return None


_SUBORDINATORS = frozenset({"when", "if", "after", "before", "as", "once", "unless", "while",
                            "since", "because", "until"})


def _subordinate(verb: Token) -> bool:
    """``"We'll see," when asked whether ...``: a subjectless participle clause, not the cue."""
    return verb.tag_ in ("VBN", "VBG") and any(
        c.dep_ in ("advmod", "mark") and c.lower_ in _SUBORDINATORS and c.i < verb.i
        for c in verb.children) and not any(c.dep_.startswith("nsubj") for c in verb.children)


def _own_clause(doc: Doc, m: Marked, verb: Token) -> bool:
    """A quotation closed on a full stop, then a new sentence whose cue reports a clause of its own.

    ``"It's not true." He said the plan would fail.``: "said" attributes the
    plan, not the quotation before it.
    """
    inner = doc.text[m.start:m.end].rstrip()
    # A question's cue may go on after a comma ('"Why?" Lee asked, repeating
    # a charge that X'): the clause is hung on a participle, misparsed.
    after = doc[verb.i + 1].text if verb.i + 1 < len(doc) else ""
    return inner[-1:] in ".!?" and not (inner[-1:] == "?" and after == ",") and any(
        c.dep_ == "ccomp" and c.i > verb.i for c in verb.children)


def _unlisted_cue(doc: Doc, m: Marked, first: int, verb: Token) -> bool:
    """``"...," Lee shot back``: a verb outside the lexicon in the attribution slot.

    A quotation closed on a comma (or ? ! or a dash) and followed by just a
    subject and its finite verb is attributed by that verb, whatever it is.
    """
    inner = doc.text[m.start:m.end].rstrip()
    if inner[-1:] not in ",?!—–-" or verb.tag_ not in ("VBD", "VBZ"):
        return False
    if verb.i == first and any(c.dep_ == "nsubj" and c.i > verb.i for c in verb.children):
        return True  # inverted: '"...," scoffed Ann Lee'
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    between = range(subj.right_edge.i + 1, verb.i) if subj is not None else range(0)
    return subj is not None and subj.left_edge.i >= first \
        and all(doc[k].dep_ in ("advmod", "aux", "neg") for k in between)


def _short_said(doc: Doc, text: str, m: Marked, window: int) -> bool:
    """A short exclamation or answer with its own cue: ``"Never!" she shouted.``

    Ending punctuation inside the marks and a reporting verb right after (or
    right before: ``the crowd chanted "Four more years!"``) tell a short
    utterance from a quoted term or title, which have neither.
    """
    inner = text[m.start:m.end].strip()
    return (bool(inner) and inner[-1] in ",!?." and words(inner) >= 1
            and (_cue_after(doc, m, window) is not None or _cue_before(doc, m, 2) is not None))


def _uttered(text: str, m: Marked) -> bool:
    """A short quotation that is an utterance, not a quoted term: ``chants of "Lock her up!"``.

    An exclamation or question opening with a capital, or a capitalised
    phrase introduced by a colon (``had one message: "Dump Trump."``).
    """
    inner = text[m.start:m.end].strip()
    if not inner or not inner[0].isupper() or words(inner) == 0:
        return False
    return inner.rstrip("\"'”’")[-1:] in "!?" or text[:m.start - 1].rstrip().endswith(":")


def _colon_intro(doc: Doc, text: str, m: Marked) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """``Speaker: "..."`` or ``She told the crowd: "..."``: (speaker, colon) spans."""
    colon = text.rfind(":", max(0, m.start - 4), m.start)
    if colon < 0:
        return None
    span = doc.char_span(colon, colon + 1, alignment_mode="expand")
    if span is None:
        return None
    sent = span[0].sent
    para = _paragraph(text, colon)
    before = [t for t in sent if t.i < span[0].i and t.idx >= para[0]]
    if (credit := _dash_name(before)) is not None:
        return credit, (colon, colon + 1)
    if before and not any(is_cue(t) for t in before) \
            and (named := _named_before(doc, before[-1])) is not None:
        return named, (colon, colon + 1)
    verbs = [t for t in before if is_cue(t)] or [t for t in before if t.pos_ == "VERB"]
    if sent.root in before and not any(is_cue(t) for t in before):
        verbs.append(sent.root)
    for verb in reversed(verbs):
        speaker = _speaker_span(verb, text, (m.start, m.end))
        if speaker is not None and text[speaker[0]:speaker[1]].lower() not in _WH:
            # "apologized for what happened:": the relative's "what" speaks for no one.
            return speaker, (colon, colon + 1)
    if 0 < len(before) <= 4 and all(t.pos_ == "PROPN" for t in before):
        return (before[0].idx, colon), (colon, colon + 1)
    return None


_DASHES = ("-", "--", "–", "—")


def _dash_name(before: list[Token]) -> tuple[int, int] | None:
    """``... - Ann Lee: "..."``: a name set off by a dash before the colon is the speaker.

    A digest's credit line; whatever the words before the dash report, the
    quotation is the named writer's.
    """
    k = len(before)
    while k > 0 and before[k - 1].pos_ == "PROPN":
        k -= 1
    if not 0 < k < len(before) <= k + 4 or before[k - 1].text not in _DASHES:
        return None
    return before[k].idx, before[-1].idx + len(before[-1].text)


_WH = frozenset({"what", "which", "that", "who", "whom", "whatever"})


def _named_before(doc: Doc, last: Token) -> tuple[int, int] | None:
    """``... surprise pollster Ann Lee: "..."``, ``From the report: "..."``.

    With no reporting verb before the colon, a person or organisation named
    right before it (or the object of "from") introduces the quotation.
    """
    ent = next((e for e in doc.ents if e.end - 1 == last.i
                and e.label_ in ("PERSON", "ORG")), None)
    if ent is not None:
        return ent.start_char, ent.end_char
    head = last
    while head.dep_ in ("compound", "amod", "det", "poss") and head.head.i > head.i:
        head = head.head
    if head.dep_ == "pobj" and head.head.lower_ == "from" and head.right_edge.i == last.i:
        return head.left_edge.idx, last.idx + len(last.text)
    return None


def _cue_before(doc: Doc, m: Marked, window: int) -> Token | None:
    """A reporting verb just before the opening mark (``She said: "..."``)."""
    first = doc.char_span(m.start, m.start + 1, alignment_mode="expand")
    if first is None:
        return None
    i = first.start - 1
    for j in range(i - 1, max(-1, i - 1 - window), -1):
        t = doc[j]
        if t.text in ".!?\n" or t.is_space or (t.is_sent_end and j < i - 1) \
                or t.text in ("-", "--", "–", "—"):
            return None  # a dash sets off a credit: "... - Ann Lee: "...""
        if is_cue(t):
            return t
        if t.pos_ == "VERB":
            return t if _unlisted_before(doc, t, i) else None
    return None


def _unlisted_before(doc: Doc, verb: Token, mark: int) -> bool:
    """``Lee shot back, "..."``: a verb outside the lexicon introducing a quotation.

    The mirror of :func:`_unlisted_cue`: a finite verb with its subject
    before it, followed only by a particle or adverb and a comma or colon
    right before the opening mark, introduces what follows.
    """
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or doc[mark - 1].text not in (",", ":") \
            or not any(c.dep_ == "nsubj" and c.i < verb.i for c in verb.children):
        return False
    if verb.dep_ in ("relcl", "pcomp", "acl", "csubj") or any(
            c.dep_ in ("advmod", "mark") and c.lower_ in _SUBORDINATORS - {"as"}
            for c in verb.children):
        return False  # 'apologized for what happened: "..."', 'when the story broke, "..."'
    # "As Lee put it, "...""; a particle or adverb ("shot back", "said simply").
    return all(doc[k].dep_ in ("prt", "advmod") or (doc[k].lower_ == "it" and doc[k].dep_ == "dobj")
               for k in range(verb.i + 1, mark - 1))


_DASH_LINE = re.compile(r"[ \t]*\n\s*[-—–―][ \t]*([A-Z][^\n,.;(]{1,60})")


def _dash_credit(text: str, m: Marked) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """``"..."`` then a line ``- Ann Lee, Dover.``: the credit line names the speaker.

    A quotation closing its paragraph and followed by a line that opens with
    a dash and a capitalised name is credited to that name (the epigraph and
    "quotable" convention); (speaker, dash) spans.
    """
    after = m.end + 1
    while after < len(text) and text[after] in "\"'”’».,":
        after += 1
    found = _DASH_LINE.match(text, after)
    if found is None or len(found.group(1).split()) > 6:
        return None
    start = found.start(1)
    end = start + len(found.group(1).rstrip())
    dash = found.start() + next(k for k, ch in enumerate(found.group(0)) if ch in "-—–―")
    return (start, end), (dash, dash + 1)


def _leads_into(text: str, m: Marked, cue: Token) -> bool:
    """The quotation ends a sentence and the cue after it opens a new one, subject first.

    ``"A." He added, "B."`` attributes B (an ordinary ``He added, "B."``),
    unlike the split quotation ``"A," he added, "B."``.
    """
    subj = subject_of(cue)
    return (text[m.start:m.end].rstrip()[-1:] in ".!?" and subj is not None
            and subj.i < cue.i and subj.idx > m.end)


#: Opening quotation marks, ``''`` (two apostrophes, as some papers print them) included.
_OPENINGS = "\"'“‘«„"


def direct_quotes(doc: Doc, text: str, marks: list[Marked], opts: dict[str, int]) -> list[Cand]:
    """Direct quotes from quotation marks, split quotes joined, continuations attributed."""
    out: list[Cand] = []
    outer = [m for m in marks if not m.nested and (_is_full(text, m, opts["min_words"])
                                                   or _short_said(doc, text, m, opts["window"])
                                                   or _uttered(text, m))]
    used: set[int] = set()
    for k, m in enumerate(outer):
        if k in used:
            continue
        cue = _cue_after(doc, m, opts["window"])
        cand = Cand([_trim(text, m.start, m.end)], "direct", marks=[m])
        nxt = outer[k + 1] if k + 1 < len(outer) else None
        if cue is not None:
            speaker = _speaker_span(cue, text, cand.content[0])
            clause_end = max(cue.idx + len(cue.text), speaker[1] if speaker else 0)
            joined = nxt is not None and 0 <= nxt.start - clause_end <= 4 and \
                text[clause_end:nxt.start].rstrip(_OPENINGS).strip() in (",", "")
            if joined and _leads_into(text, m, cue):
                # '"A." He added, "B."': a new sentence whose cue introduces B.
                cue = None
            else:
                cand.cue, cand.speaker = _tok_span(cue), speaker
                if joined and nxt is not None:
                    cand.content.append(_trim(text, nxt.start, nxt.end))
                    cand.marks.append(nxt)
                    used.add(k + 1)
        if cue is None:
            cue = _cue_before(doc, m, opts["window"])
            if cue is not None:
                cand.cue = _tok_span(cue)
                cand.speaker = _speaker_span(cue, text, cand.content[0])
            elif (intro := _colon_intro(doc, text, m)) is not None:
                cand.speaker, cand.cue = intro
            elif (credit := _dash_credit(text, m)) is not None:
                cand.speaker, cand.cue = credit
        out.append(cand)
    return _continue_speakers(text, out, opts["continuation"])


def _continue_speakers(text: str, cands: list[Cand], max_paras: int) -> list[Cand]:
    """Join an unattributed quotation to the attributed quote just before it.

    News style quotes a speaker at length: ``"A," she said. "B."`` or a next
    paragraph that opens with more of her words.  They are one Quote with
    several content spans (as PolNeAR annotates them).
    """
    out: list[Cand] = []
    for cur in cands:
        prev = out[-1] if out else None
        if prev is not None and cur.cue is None and prev.speaker is not None:
            gap = text[prev.content[-1][1]:cur.content[0][0]]
            attribution_end = max(prev.speaker[1], prev.cue[1] if prev.cue else 0)
            only_attribution = prev.content[-1][1] <= attribution_end <= cur.content[0][0] \
                and words(text[attribution_end:cur.content[0][0]]) == 0
            # Across a paragraph break only a quotation with nothing between
            # (the speaker's next paragraph) continues; after an attribution
            # closing the paragraph, a new quotation is a new statement.
            limit = 4 if "\n" not in gap else 0
            if (gap.count("\n") <= max_paras and (words(gap) <= limit or only_attribution)) \
                    or _attribution_between(text, prev, cur):
                prev.content.extend(cur.content)
                prev.marks.extend(cur.marks)
                continue
        out.append(cur)
    return out


def _attribution_between(text: str, prev: Cand, cur: Cand) -> bool:
    """``"A," Lee told reporters in May, after the vote. "B."``: one paragraph, the cue between.

    The attribution sentence sits between two quotations of one paragraph and
    nothing else is quoted there, so both quotations are one speaker's words.
    """
    gap_start, gap_end = prev.content[-1][1], cur.content[0][0]
    gap = text[gap_start:gap_end]
    inner = gap.strip(_EDGE)
    if prev.cue is None or not gap_start <= prev.cue[0] < gap_end:
        return False
    # B opens the sentence after the attribution's: not '..., that "B"' inside
    # a new sentence, nor after further sentences of the reporter's own.
    after_cue = text[prev.cue[1]:gap_end].strip(" \t\"'“”‘’")
    return ("\n" not in gap and not any(ch in inner for ch in "\"“”«»") and words(gap) <= 40
            and after_cue[-1:] in ".!?" and not _SENTENCE_BREAK.search(after_cue[:-1]))


_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z]")
