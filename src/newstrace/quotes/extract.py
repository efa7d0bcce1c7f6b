"""Quotations and reported speech, with cue, speaker and content spans.

Two passes over one spaCy parse per article:

1. quotation marks (``marks.find_quotes``) give direct quotes
   (``quotes.direct``): the cue verb is searched right after the closing mark
   (``"...," she said``) or right before the opening one (``He said: "..."``),
   and a quote re-opened after the cue (``"A," she said, "B."``) joins the
   same Quote;
2. the dependency parse gives reported speech: a reporting verb with a
   clausal complement (``X said (that) ...``) or ``according to X, ...``.
   A reported clause holding quoted words is a *mixed* quote.

Unattributed full-sentence quotes that follow a direct quote continue its
speaker (the usual news convention for long quotations).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newstrace.config import Config
from newstrace.ingest.meta import KICKERS
from newstrace.model import Article, Quote, Span
from newstrace.quotes import learned
from newstrace.quotes.direct import Cand as _Cand
from newstrace.quotes.direct import direct_quotes as _direct
from newstrace.quotes.direct import is_cue as _is_cue
from newstrace.quotes.direct import words as _words
from newstrace.quotes.lexicon import (
    WEAK_VERBS,
    object_forms,
    speech_forms,
    xcomp_forms,
)
from newstrace.quotes.marks import find_quotes
from newstrace.quotes.merge import merge as _merge
from newstrace.quotes.merge import outermost as _outermost
from newstrace.quotes.objects import EXPECTED as _EXPECTED
from newstrace.quotes.objects import NO_STATEMENT_OBJECT as _NO_STATEMENT_OBJECT
from newstrace.quotes.objects import STANCE_NOUNS as _STANCE_NOUNS
from newstrace.quotes.objects import expected as _expected
from newstrace.quotes.objects import finding as _finding
from newstrace.quotes.objects import nominal as _nominal
from newstrace.quotes.objects import object_span as _object_span
from newstrace.quotes.spans import appended_end as _appended_end
from newstrace.quotes.spans import as_aside as _as_aside
from newstrace.quotes.spans import drop_trailing_conjunction as _drop_trailing_conjunction
from newstrace.quotes.spans import in_sentence_speaker as _in_sentence_speaker
from newstrace.quotes.spans import left_noun as _left_noun
from newstrace.quotes.spans import paragraph as _paragraph
from newstrace.quotes.spans import speaker_span as _speaker_span
from newstrace.quotes.spans import subtract as _subtract
from newstrace.quotes.spans import subtree_span as _subtree_span
from newstrace.quotes.spans import tok_span as _tok_span
from newstrace.quotes.spans import trim as _trim
from newstrace.quotes.speakers import (
    holderless_cue,
    non_referential,
    resolve_speaker,
    subject_of,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

ALGORITHM = "quotes.v8"


def _complement(verb: Token) -> Token | None:
    para = _paragraph(verb.doc.text, verb.idx)
    ccomps = [c for c in verb.children if c.dep_ == "ccomp" and not _across_semicolon(c, verb)]
    same = [c for c in ccomps if para[0] <= c.idx < para[1]]
    if same or ccomps:
        return (same or ccomps)[0]
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    if verb.lower_ in xcomp_forms() and not passive:
        for child in verb.children:
            if child.dep_ == "xcomp":
                return child
    return _that_clause(verb) if _is_cue(verb) else None


def _across_semicolon(clause: Token, verb: Token) -> bool:
    """A clause before the cue and a semicolon between: an independent clause, not what is said.

    "He proposes X; she backs Y": a trailing attribution follows its
    statement after a comma ("X, she said"), never after a semicolon.
    """
    if clause.i > verb.i:
        return False
    end = clause.right_edge.i
    return any(t.text == ";" for t in verb.doc[end:verb.i])


def _that_clause(verb: Token) -> Token | None:
    """A 'that' clause the parser hung on a phrase after the cue.

    "X says in a statement that Y" is often parsed with Y as a clause of
    "statement"; Y is still what X says.
    """
    for tok in verb.rights:
        if tok.dep_ not in ("prep", "dobj", "npadvmod"):
            continue
        for mark in tok.subtree:
            head = mark.head
            if mark.dep_ == "mark" and mark.lower_ == "that" and head.tag_.startswith("VB") \
                    and head.dep_ in ("acl", "advcl") and head.head.dep_ in ("pobj", "dobj"):
                return head
    return None


def _has_clause(verb: Token) -> bool:
    """The verb governs a complement clause ("the poll showed [Trump leading]")."""
    return any(c.dep_ == "ccomp" for c in verb.children)


def _clause_span(comp: Token, text: str) -> tuple[int, int]:
    """The complement clause, cut before a coordinated clause that is its own attribution.

    "they were worried, and four in ten said X" is two statements by two sources.
    """
    end_tok = comp.right_edge
    for child in comp.children:
        if child.dep_ != "conj" or child.i < comp.i \
                or any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
            # "says X and that he can Y": one complement, in two parts.
            continue
        if any(_is_cue(t) and subject_of(t) is not None for t in child.subtree):
            stop = min(t.i for t in child.subtree)
            prev = [t for t in comp.subtree if t.i < stop and t.dep_ not in ("cc", "punct")]
            if prev:
                end_tok = prev[-1]
            break
    end_tok = _appended_end(comp, end_tok)
    start, end = _trim(text, comp.left_edge.idx, end_tok.idx + len(end_tok.text))
    return _drop_trailing_conjunction(text, start, end)


_TRAILING = ("advcl",)


def _extend_right(verb: Token, comp: Token, span: tuple[int, int],
                  text: str) -> tuple[int, int]:
    """Take in a clause the parser hung on the cue after its complement ("say X, just as Y")."""
    if comp.i < verb.i:
        return span
    tail = [c for c in verb.rights if c.i > comp.i and c.dep_ in _TRAILING
            and not any(_is_cue(t) for t in c.subtree)]
    if not tail:
        return span
    last = tail[-1].right_edge
    return _trim(text, span[0], max(span[1], last.idx + len(last.text)))


def _reported(doc: Doc, text: str, objects: bool) -> list[_Cand]:
    """Reported speech: reporting verb + clause, and 'according to X'."""
    out: list[_Cand] = []
    for tok in doc:
        if tok.lower_ == "according":
            cand = _according(tok, text)
        elif tok.lower_ in _EXPECTED and (cand := _expected(tok, text)) is not None:
            pass
        elif tok.lower_ in _STANCE_NOUNS and tok.pos_ == "NOUN":
            cand = _nominal(tok, text)
        elif _as_aside(tok) and not _is_cue(tok):
            pieces = [c for c in _around(tok, text) if c[1] - c[0] >= 3]
            cand = _Cand(pieces, "indirect", _speaker_span(tok, text), _tok_span(tok)) \
                if pieces else None
        else:
            cand = _verb_statement(doc, tok, text, objects)
        if cand is not None:
            out.append(cand)
    return out


def _verb_statement(doc: Doc, tok: Token, text: str, objects: bool) -> _Cand | None:
    """What a reporting, stance or intention verb attributes: its clause, object or infinitive."""
    stance = objects and tok.tag_.startswith("VB") and tok.lower_ in object_forms()
    # "declined to comment", "plans to run": an intention, only with its infinitive.
    intent = tok.tag_.startswith("VB") and tok.lower_ in xcomp_forms()
    if not (_is_cue(tok) or stance or intent):
        return None
    if tok.lower_ in WEAK_VERBS and not (_has_clause(tok) or _finding(tok)):
        return None
    comp = _complement(tok)
    if comp is None and not (_is_cue(tok) or stance):
        return None
    weak = False
    if _as_aside(tok):
        spans = _around(tok, text)
    elif comp is not None:
        spans = [_extend_right(tok, comp, _clause_span(comp, text), text)]
    elif tok.dep_ == "parataxis" and tok.head.i != tok.i:
        spans = _around(tok, text)
    elif tok.dep_ == "acl":
        # "a poll released on Tuesday", "a PAC supporting Lee": a participle
        # describing a noun, not a statement.
        return None
    elif stance or not (any(c.dep_ == "ccomp" for c in tok.children)
                        or tok.lower_ in _NO_STATEMENT_OBJECT):
        # "denied the claims", "reported a loss": the object is what is said
        # (but "told the crowd, "...."": the quotation is).
        spans = _object_span(tok, text)
        weak = not stance
    else:
        return None
    para = _paragraph(text, tok.idx)
    spans = [_trim(text, max(a, para[0]), min(b, para[1])) for a, b in spans]
    spans = [c for c in spans if c[1] - c[0] >= 3 and not _only_date(doc, c)]
    if not spans:
        return None
    return _Cand(spans, "indirect", _speaker_span(tok, text), _tok_span(tok), weak=weak)


def _only_date(doc: Doc, span: tuple[int, int]) -> bool:
    """The span is just a date or time ("a poll released [on Tuesday]"): no statement."""
    toks = [t for t in doc.char_span(*span, alignment_mode="expand") or [] if not t.is_punct]
    return bool(toks) and all(t.ent_type_ in ("DATE", "TIME") or t.pos_ == "ADP" for t in toks)


@dataclass
class Learned:
    """A candidate for the learned detector: a verb outside the lexicon with a complement."""

    verb: Token
    structure: str
    content: tuple[int, int]
    speaker: tuple[int, int] | None
    features: dict[str, float]


def learned_candidates(doc: Doc, text: str) -> list[Learned]:
    """Every verb outside the lexicon with a clause, object or 'about' phrase (for the model)."""
    out: list[Learned] = []
    known = speech_forms() | object_forms() | xcomp_forms()
    for tok in doc:
        if not tok.tag_.startswith("VB") or tok.lower_ in known or tok.dep_ in ("aux", "auxpass"):
            continue
        for structure, head in learned.structures(tok):
            span = _clause_span(head, text) if structure == "ccomp" else _subtree_span(head, text)
            if span[1] - span[0] < 3:
                continue
            subj = subject_of(tok) or _left_noun(tok)
            feats = learned.features(tok, structure, subj, _words(text[span[0]:span[1]]),
                                     text[span[0]:span[1]])
            out.append(Learned(tok, structure, span, _speaker_span(tok, text), feats))
    return out


def _learned(doc: Doc, text: str, threshold: float) -> list[_Cand]:
    """Reported speech found by the learned detector (verbs beyond the lexicon)."""
    weights = learned.weights()
    if not weights:
        return []
    return [_Cand([c.content], "indirect", c.speaker, _tok_span(c.verb), learned=True)
            for c in learned_candidates(doc, text)
            if learned.score(c.features, weights) >= threshold]


def _around(cue: Token, text: str) -> list[tuple[int, int]]:
    """Content around a parenthetical cue: ``A, she said, B`` gives [A, B]."""
    head = cue.head
    right = head.right_edge
    inner_end = cue.right_edge.idx + len(cue.right_edge.text)
    before = _trim(text, head.left_edge.idx, cue.left_edge.idx)
    after = _trim(text, inner_end, right.idx + len(right.text))
    if text[after[0]:after[1]].endswith("."):
        after = _trim(text, after[0], after[1] - 1)
    return [before, after] if after[1] > after[0] else [before]


_HEADLINE = re.compile(r"^([A-Z][\w.’'&-]*(?:\s+[A-Za-z][\w.’'&-]*){0,3}):[ \t]+(\S.*)$",
                       re.MULTILINE)


def _headlines(doc: Doc, text: str, max_words: int = 25) -> list[_Cand]:
    """Headline attribution, ``Speaker: What they said`` on a line of its own.

    The speaker must be named ("Revealed: ...", "Breaking: ..." are labels).
    """
    out = []
    for m in _HEADLINE.finditer(text):
        said = m.group(2).rstrip()
        if _words(said) > max_words or re.search(r"[.!?]\s+[A-Z]", said):
            continue
        who = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if who is None or not _named(who.text) \
                or not any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in who):
            continue
        start = m.start(2)
        out.append(_Cand([_trim(text, start, start + len(said))], "direct",
                         (m.start(1), m.end(1)), (m.end(1), m.end(1) + 1)))
    return out


def _named(label: str) -> bool:
    """A headline label that can be a speaker: not "Q", "BOOM", "Breaking", "Twitter"...

    A single letter (an interview's Q/A), a single upper-case word or a
    kicker (``ingest.meta.KICKERS``) labels a line; it does not speak.
    """
    words = label.split()
    if len(label) < 2 or (len(words) == 1 and label.isupper()):
        return False
    return label.lower() not in KICKERS


def _according(tok: Token, text: str) -> _Cand | None:
    """``according to X, CONTENT`` (or ``CONTENT, according to X``)."""
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    if to is None or pobj is None:
        return None
    sent = tok.sent
    speaker = _subtree_span(pobj, text)
    lo, hi = tok.left_edge.idx, pobj.right_edge.idx + len(pobj.right_edge.text)
    before = _trim(text, sent.start_char, lo)
    after = _trim(text, hi, sent.end_char)
    content = after if after[1] - after[0] >= before[1] - before[0] else before
    if text[content[0]:content[1]].endswith("."):
        content = _trim(text, content[0], content[1] - 1)
    if content[1] - content[0] < 3:
        return None
    cue = (tok.idx, to.idx + len(to.text))
    return _Cand([content], "indirect", speaker, cue)


def _according_sources(doc: Doc, text: str, cands: list[_Cand], according: list[_Cand]) -> None:
    """``Lee said X, according to the report``: the report is the source (in place).

    PolNeAR credits the outermost source; "according to" in the sentence of
    a cue reports who relayed the statement, so it takes the speaker role.
    """
    for acc in according:
        span = doc.char_span(acc.cue[0], acc.cue[1], alignment_mode="expand") if acc.cue else None
        if span is None or acc.cue is None or any(
                c.kind == "direct" and a <= acc.cue[0] < b for c in cands for a, b in c.content):
            continue  # "according to" inside quoted words is the speaker's own
        sent, para = span[0].sent, _paragraph(text, acc.cue[0])
        lo, hi = max(sent.start_char, para[0]), min(sent.end_char, para[1])
        for cand in cands:
            if cand is not acc and cand.cue is not None and lo <= cand.cue[0] < hi:
                cand.speaker = acc.speaker


def _is_title_case(line: str) -> bool:
    """A headline in Title Case ("Senator Says Deal Is Dead"): most words capitalised."""
    words = [w for w in line.split() if w[:1].isalpha()]
    if not 3 <= len(words) <= 30 or line.isupper():
        return False
    return sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _title_case_lines(text: str, reported: list[_Cand], objects: bool) -> list[_Cand]:
    """Reported speech of Title Case lines, read from a lower-cased parse of the line.

    The tagger reads every capitalised word of a headline as a proper noun and
    misses its verb ("Governor Backs Plan"); lower-casing the line (same
    length, so the same offsets) gives the parser ordinary English.  Clauses
    found on the original parse of such a line are replaced.
    """
    from newstrace.nlp import load_nlp

    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        lowered = line[:1] + line[1:].lower()
        if not _is_title_case(line) or len(lowered) != len(line):
            continue
        found = _reported(load_nlp()(lowered), line, objects)
        if not found:
            continue
        reported = [c for c in reported if c.cue is None or not start <= c.cue[0] < pos]
        for c in found:
            c.content = [(a + start, b + start) for a, b in c.content]
            c.speaker = (c.speaker[0] + start, c.speaker[1] + start) if c.speaker else None
            c.cue = (c.cue[0] + start, c.cue[1] + start) if c.cue else None
            reported.append(c)
    return reported


def _inherit_speakers(doc: Doc, text: str, cands: list[_Cand],
                      max_paras: int) -> list[_Cand]:
    """An unattributed quotation takes the speaker of the attributed statement just before.

    News introduces a speaker in reported speech and goes on in her own words
    ("Lee said the plan was late. “We lost a year.”"); only a quotation with no
    cue of its own, at most ``max_paras`` line breaks after, inherits.  A
    quotation opening inside a sentence belongs to that sentence's subject.
    """
    last: _Cand | None = None
    for cand in cands:
        if cand.kind == "direct" and cand.speaker is None and cand.cue is None:
            cand.speaker = _in_sentence_speaker(doc, text, cand.content[0])
        if cand.kind == "direct" and cand.speaker is None and cand.cue is None \
                and last is not None and last.speaker is not None:
            gap = text[last.content[-1][1]:cand.content[0][0]]
            if gap.count("\n") <= max_paras:
                cand.speaker = last.speaker
        if cand.speaker is not None:
            last = cand
    return cands


def _options(config: Config) -> dict[str, int]:
    sec = config.section("quotes")
    return {"min_words": sec.int("min_direct_words"), "window": sec.int("cue_window"),
            "continuation": sec.int("continuation_paragraphs"),
            "objects": int(sec.bool("stance_objects")),
            "learned": round(100 * sec.float("learned_threshold"))}


def extract(article: Article, config: Config, doc: Doc | None = None) -> list[Quote]:
    """Every quotation and reported statement of ``article``, speakers resolved in-article."""
    if doc is None:
        from newstrace.nlp import parse

        doc = parse([article])[article.id]
    text = article.body
    marks = find_quotes(text)
    opts = _options(config)
    direct = _direct(doc, text, marks, opts)
    reported = _reported(doc, text, bool(opts["objects"]))
    if opts["learned"] < 100:
        reported += _learned(doc, text, opts["learned"] / 100)
    reported = _headlines(doc, text) + _title_case_lines(text, reported, bool(opts["objects"]))
    according = [c for c in reported if c.cue and text[c.cue[0]:c.cue[1]].lower()
                 .startswith("according") and c.speaker]
    cands = _outermost(_merge(text, direct, reported, marks))
    cands = _inherit_speakers(doc, text, cands, opts["continuation"])
    _according_sources(doc, text, cands, according)
    quotes: list[Quote] = []
    previous: list[tuple[int, str]] = []
    for n, c in enumerate(cands):
        if c.kind != "direct":
            c.content = _subtract(text, c.content, [r for r in (c.speaker, c.cue) if r])
        spans = [Span(article.id, s, e) for s, e in c.content if e > s]
        if not spans:
            continue
        q = Quote(id=f"{article.id}:q{n}", article_id=article.id, content=spans,
                  kind=c.kind,  # type: ignore[arg-type]
                  speaker=Span(article.id, *c.speaker) if c.speaker else None,
                  cue=Span(article.id, *c.cue) if c.cue else None)
        if c.speaker is not None and (non_referential(doc, *c.speaker) or (
                c.cue is not None and holderless_cue(doc, c.cue, c.content[0]))):
            q.speaker = None
        if q.speaker is not None and c.speaker is not None:
            q.speaker_name = resolve_speaker(doc, c.speaker[0], c.speaker[1], previous)
            if q.speaker_name:
                previous.append((c.speaker[0], q.speaker_name))
        quotes.append(q)
    return quotes


def extract_many(articles: Iterable[Article], config: Config) -> dict[str, list[Quote]]:
    """:func:`extract` over many articles with one batched parse."""
    from newstrace.nlp import parse

    arts = list(articles)
    docs = parse(arts)
    return {a.id: extract(a, config, docs[a.id]) for a in arts}
