"""Character spans of attribution parts: trimming, paragraphs and the speaker phrase.

The speaker of a cue is its grammatical subject, kept inside the cue's
paragraph (the shared parse does not break sentences at line breaks, so a
headline or dateline can be parsed as the subject of the next line's verb)
and outside the quotation it attributes, with fallbacks for subjects the
parser loses.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from newstrace.ingest.meta import dateline
from newstrace.ingest.outlets import Registry, load_registry
from newstrace.quotes.lexicon import PRONOUNS, object_forms, speech_forms
from newstrace.quotes.speakers import subject_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

ALGORITHM = "quotes.spans.v1"

_COPULAS = frozenset({"is", "was", "are", "were", "be", "been", "being", "am", "'s", "’s"})

EDGE = " \t\n,;:—–-\"'“”‘’«»„"


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past spaces, commas and quote marks at both edges."""
    while start < end and text[start] in EDGE:
        start += 1
    while end > start and text[end - 1] in EDGE:
        end -= 1
    return start, end


def drop_trailing_conjunction(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without a dangling "and", "but" or "or" at its end."""
    for word in (" and", " but", " or"):
        if text[start:end].endswith(word):
            return trim(text, start, end - len(word))
    return start, end


def tok_span(tok: Token) -> tuple[int, int]:
    return tok.idx, tok.idx + len(tok.text)


def subtree_span(tok: Token, text: str) -> tuple[int, int]:
    left, right = tok.left_edge, tok.right_edge
    return trim(text, left.idx, right.idx + len(right.text))


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def paragraph(text: str, pos: int) -> tuple[int, int]:
    """Bounds of the line (paragraph) holding ``pos``, after a dateline opening it.

    The shared parse does not break sentences at paragraph breaks, so a
    headline or dateline line can be parsed as the subject or clause of the
    next paragraph's verb; attribution parts are kept in the cue's paragraph.
    """
    end = text.find("\n", pos)
    start = text.rfind("\n", 0, pos) + 1
    after = start + dateline_length(text[start:start + 160])
    return after if after <= pos else start, len(text) if end < 0 else end


@functools.lru_cache(maxsize=4096)
def dateline_length(line: str) -> int:
    """Length of a dateline opening ``line`` ("SEOUL, May 15 (Agency) -- "), else 0.

    A dateline is never a speaker nor part of what is said; ingest's own
    dateline rules (``ingest.meta.dateline``) tell one from a sentence.
    """
    found = dateline(line, _known_outlet)
    if found is None or not (line[found.end:found.end + 1].isupper()
                             or line[found.end:found.end + 1] in "\"“'‘"):
        # "NATO — the alliance said ...": a sentence, not a dateline.
        return 0
    return found.end


@functools.lru_cache(maxsize=1)
def _registry() -> Registry:
    return load_registry()


def _known_outlet(name: str) -> bool:
    """A credit in a dateline ("SEOUL, May 15. /Agency/.") names a registered outlet."""
    return _registry().lookup(name) is not None


def left_noun(verb: Token) -> Token | None:
    """The noun phrase right before a cue the parser left without a subject.

    A misparse ("Majorities of X going to the polls say ...", with "say" as an
    unlabelled dependent) still reads, left of the verb, as the speaker.
    """
    j = verb.i - 1
    while j >= verb.sent.start and verb.doc[j].dep_ in ("aux", "advmod", "neg", "auxpass"):
        j -= 1
    if j < verb.sent.start:
        return None
    tok = verb.doc[j]
    if tok.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    while tok.head.i != tok.i and tok.head.i < verb.i and verb not in tok.head.subtree \
            and tok.dep_ in ("compound", "pobj", "prep", "amod"):
        tok = tok.head
    return None if verb in tok.subtree else tok


def appos_before(verb: Token) -> Token | None:
    """A subject the parser hung as an apposition on an opening phrase.

    "In a statement to the paper, her adviser, Jane Roe, said: ..." is parsed
    with "adviser" in apposition to "paper" and no subject for "said"; the
    apposition that ends right before the cue (a comma between) is its subject;
    an age ("Ramos, 58, told") stands for the name it follows.
    """
    if verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None  # a participle's speaker is inherited, not an apposition before it
    j = verb.i - 1
    while j >= verb.sent.start and (verb.doc[j].is_punct or verb.doc[j].dep_ in ("aux", "advmod")):
        j -= 1
    if j < verb.sent.start:
        return None
    tok, found = verb.doc[j], None
    while True:
        if tok.dep_ == "appos":
            found = tok  # the outermost apposition ending at j
        head = tok.head
        if head.i == tok.i or head.i >= verb.i or head.right_edge.i != j:
            break
        tok = head
    if found is not None and found.tag_ == "CD" and found.head.pos_ in ("PROPN", "NOUN"):
        found = found.head  # "Ramos, 58, told AFP": an age in apposition to the speaker
    return found if found is not None and verb not in found.subtree else None


def speaker_span(verb: Token, text: str,
                  avoid: tuple[int, int] | None = None) -> tuple[int, int] | None:
    """The subject phrase, without a dateline glued before it ("CITY, May 5 -- X").

    The speaker stays in the cue's paragraph and outside ``avoid`` (the
    quotation it attributes: a misparse can take a word of the quote as the
    subject of the cue after it).
    """
    if (asking := _question_head(verb)) is not None:
        return None if asking.pos_ == "ADJ" else speaker_span(asking, text, avoid)
    if passive(verb):
        return _agent_span(verb, text)
    para = paragraph(text, verb.idx)
    for subj in (_reporting_subject(verb), left_noun(verb), appos_before(verb),
                 _dated_subject(verb), _participle_holder(verb)):
        if subj is None:
            continue
        start, end = subtree_span(subj, text)
        cut = max((t.idx + len(t.text) for t in subj.subtree if t.i < subj.i
                   and (t.text in ("--", "—", "–") or "\n" in t.text)), default=start)
        span = trim(text, max(start, cut, para[0]), min(end, para[1]))
        if span[1] <= span[0] or not para[0] <= subj.idx < para[1]:
            continue
        if avoid is not None and overlap(span, avoid):
            if avoid[0] <= subj.idx < avoid[1]:
                continue
            # The parser hung the quotation on the subject: keep the subject's side.
            span = trim(text, span[0], avoid[0]) if subj.idx < avoid[0] \
                else trim(text, max(span[0], avoid[1]), span[1])
            if span[1] <= span[0]:
                continue
        if span[0] <= verb.idx < span[1]:
            span = _without_clause(subj, verb, text, span)
        return span
    if avoid is not None:
        return _noun_between(verb, text, avoid)
    return _noun_run_before(verb, text, para)


_QUESTION_MARKS = frozenset({"whether", "if"})
_ASKED = frozenset({"asked", "pressed", "urged", "challenged"})
_UNCERTAIN = frozenset({"clear", "unclear", "known", "unknown", "certain", "uncertain"})


def _question_head(verb: Token) -> Token | None:
    """The verb asking (or the adjective doubting) the indirect question ``verb`` is in.

    "Asked whether he would run, Lee ...", "it is not clear whether Lee knew
    X": a cue inside an indirect question asserts nothing of its subject's;
    the question is the asker's ("Kim asked Lee if he planned X": Kim's), or
    nobody's when no one is named asking ("Asked whether", "it is unclear").
    An "if" clause before its verb is a condition ("If Lee spoke, ..."); so
    is a request: "Lee was asked to name X" names no one asking.
    """
    head = verb.head
    if verb.dep_ == "xcomp" and verb.tag_ == "VB" and head.lower_ in _ASKED and passive(head):
        return head  # "Lee was asked to name X": the request is the (unnamed) asker's
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ in _QUESTION_MARKS),
                None)
    if mark is None or head.i == verb.i or verb.dep_ not in ("ccomp", "advcl") \
            or (mark.lower_ == "if" and verb.i < head.i):
        return None
    doubt = next((c for c in head.children if c.dep_ == "acomp" and c.lower_ in _UNCERTAIN), None)
    if doubt is not None and head.lower_ in _COPULAS | {"remains", "remained"}:
        return doubt  # "it is not clear whether ...": nobody asks
    return head if head.lower_ in speech_forms() else None


def _reporting_subject(verb: Token) -> Token | None:
    """The cue's subject, or the holder's when a pronoun repeats it.

    "Lee said she believes X": the believing is reported by Lee, whom
    PolNeAR credits as the (outermost) source; "she" only repeats her.  So
    for a stance adjective: "Democrats are hopeful they can win X", "Lee made
    clear that she wants to see X" (the clause is the Democrats', Lee's).  An
    outer pronoun is the holder too ("he made clear he will X"); an
    expletive "it" ("it is not clear whether he can X") is not.
    """
    subj = subject_of(verb)
    if subj is None or subj.lower_ not in PRONOUNS:
        return subj
    holder = _clause_holder(verb)
    outer = next((c for c in holder.children if c.dep_ == "nsubj"), None) if holder else None
    if outer is None or outer.lower_ in _RELATIVE_WORDS | {"that", "it"}:
        return subj
    return outer


def _clause_holder(verb: Token) -> Token | None:
    """The reporting verb or stance predicate whose clause holds ``verb``, if any."""
    clause = verb
    while clause.dep_ == "xcomp" and clause.head.i != clause.i:
        clause = clause.head  # "she wants to see X": the clause is "wants"'s
    if clause.dep_ not in ("ccomp", "csubj") or clause.head.i == clause.i:
        return None
    head = clause.head
    if head.pos_ == "ADJ" and head.dep_ in ("acomp", "oprd", "ccomp"):
        return head.head  # "are hopeful [they ...]", "made clear [that they ...]"
    if any(c.pos_ == "ADJ" and c.dep_ in ("acomp", "oprd") and c.i < clause.i
           for c in head.children):
        return head  # "made clear on Tuesday [that he ...]": the clause hung on the verb
    return head if head.lower_ in speech_forms() else None


def _dated_subject(verb: Token) -> Token | None:
    """``Friday, Texas, leading a group, asked ...``: a subject parsed as a date's apposition."""
    if subject_of(verb) is not None:
        return None
    for c in verb.lefts:
        if c.dep_ == "npadvmod" and c.ent_type_ in ("DATE", "TIME"):
            appos = next((g for g in c.children if g.dep_ == "appos"
                          and g.ent_type_ not in ("DATE", "TIME")), None)
            if appos is not None:
                return appos
    return None


def _participle_holder(verb: Token) -> Token | None:
    """``Lee shared the news, writing "..."``: the subject of the clause a participle follows.

    A fallback for a participle after a comma whose parse lost its governing
    clause (hung on a verb inside the quotation, or read as a subject): the
    subject of the nearest finite verb before the comma speaks.
    """
    doc = verb.doc
    if verb.tag_ != "VBG" or verb.i == 0 or doc[verb.i - 1].text != "," \
            or any(c.dep_.startswith("nsubj") for c in verb.children):
        return None
    para = paragraph(doc.text, verb.idx)
    for tok in reversed(doc[verb.sent.start:verb.i - 1]):
        if tok.idx < para[0]:
            break
        head = tok.head
        if tok.dep_ == "nsubj" and tok.i < head.i < verb.i and head.tag_ in ("VBD", "VBZ", "VBP") \
                and tok.lower_ not in _RELATIVE_WORDS | {"that"}:
            return tok
    return None


_WHEN = frozenset({"when", "if", "once", "after", "while", "until", "unless"})


def passive(verb: Token) -> bool:
    """A passive cue ("Lee was asked whether ...", "Asked about it, Lee said ...").

    Its subject is who was asked, criticised or described, not who spoke;
    "Lee was quoted as saying" is the exception (the subject said it), and
    only reporting and stance verbs count ("Lee was convinced that ..." is
    Lee's conviction), unless a "by" agent names who acted ("Lee was berated
    by his father for X").
    """
    if any(c.dep_ == "agent" for c in verb.children) \
            and any(c.dep_ == "auxpass" for c in verb.children):
        return True
    if verb.lower_ not in speech_forms() | object_forms() or any(
            c.dep_ == "prep" and c.lower_ == "as" and any(g.tag_ == "VBG" for g in c.children)
            for c in verb.children):
        return False
    if any(c.dep_ == "auxpass" and c.lower_ not in ("'s", "’s") for c in verb.children):
        return True
    return _bare_participle(verb)


def _bare_participle(verb: Token) -> bool:
    """``Asked whether X, Lee said``, ``Lee said, asked about X``: a past participle alone.

    Lee was asked; nobody named asked.  The tagger often reads such a
    participle as a past tense (VBD) when it opens a paragraph, follows
    "when" or a comma; a past tense with no subject of its own is one.
    """
    if verb.dep_ not in ("advcl", "xcomp") or any(
            c.dep_ in ("nsubj", "nsubjpass", "aux") for c in verb.children):
        return False
    if verb.tag_ == "VBN":
        return verb.dep_ == "advcl"
    if verb.tag_ != "VBD":
        return False
    if verb.dep_ == "xcomp":
        return verb.i > 0 and verb.doc[verb.i - 1].text == ","
    return (verb.i == verb.sent.start and verb.i < verb.head.i) or any(
        c.dep_ in ("advmod", "mark") and c.lower_ in _WHEN and c.i < verb.i
        for c in verb.children)


def _agent_span(verb: Token, text: str) -> tuple[int, int] | None:
    """The "by" phrase of a passive cue ("was asked by a reporter"), else nobody."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    return subtree_span(pobj, text) if pobj is not None else None


def _without_clause(subj: Token, verb: Token, text: str,
                    span: tuple[int, int]) -> tuple[int, int]:
    """The speaker phrase without the clause of its own cue.

    "the senator, who said ..." (a relative or participial cue modifying its
    speaker) is spoken by "the senator, who", not by the whole clause; the
    relative pronoun stays, as PolNeAR marks it as the source.
    """
    branch = next((c for c in subj.children if verb in c.subtree), None)
    if branch is None:
        return span
    first = branch.left_edge
    end = first.idx + len(first.text) if first.lower_ in _RELATIVE_WORDS | {"that"} \
        else first.idx
    cut = trim(text, span[0], min(span[1], end))
    return cut if cut[1] > cut[0] else span


def _noun_run_before(verb: Token, text: str, para: tuple[int, int]) -> tuple[int, int] | None:
    """The name or noun phrase just before the cue, inside its paragraph.

    Used when the parser took the subject from the line before (a headline
    without a full stop, glued into the same sentence).
    """
    doc, j = verb.doc, verb.i - 1
    while j >= 0 and doc[j].dep_ in ("aux", "auxpass", "advmod", "neg") and doc[j].idx >= para[0]:
        j -= 1
    end = j
    while j >= 0 and doc[j].idx >= para[0] and (doc[j].pos_ in ("PROPN", "NOUN", "DET", "ADJ")
                                                 or doc[j].tag_ == "POS"):
        j -= 1
    if end < 0 or j == end or doc[end].pos_ not in ("PROPN", "NOUN"):
        return None
    return trim(text, doc[j + 1].idx, doc[end].idx + len(doc[end].text))


def _noun_between(verb: Token, text: str, avoid: tuple[int, int]) -> tuple[int, int] | None:
    """``"...," Lee, 58, told AFP``: the first name or noun between the quotation and the cue.

    A fallback for a cue right after a quotation whose subject the parser
    lost (often to a word inside the quotation).
    """
    para = paragraph(text, verb.idx)
    after_verb = verb.idx + len(verb.text)
    if avoid[1] <= verb.idx:
        # Between quotation and cue, else right after the cue ("..., said Lee").
        ranges = [(avoid[1], verb.idx), (after_verb, min(verb.sent.end_char, para[1]))]
    else:
        ranges = [(after_verb, min(avoid[0], para[1]))]
    for lo, hi in ranges:
        for tok in verb.doc.char_span(lo, hi, alignment_mode="contract") or []:
            if tok.pos_ in ("PROPN", "NOUN", "PRON"):
                end = tok
                while end.i + 1 < len(tok.doc) and tok.doc[end.i + 1].pos_ == "PROPN" \
                        and tok.doc[end.i + 1].idx < hi:
                    end = tok.doc[end.i + 1]
                return trim(text, tok.idx, end.idx + len(end.text))
    return None


def in_sentence_speaker(doc: Doc, text: str,
                        content: tuple[int, int]) -> tuple[int, int] | None:
    """Subject of the sentence a quotation opens inside, when no cue introduces it.

    ``Lee warned that the plan was "a disaster"`` or ``The ad targets a
    "rigged economy"``: words of the same sentence precede the opening mark,
    so the quoted words belong to that sentence's subject, not to whoever
    spoke in an earlier paragraph.  The main verb's subject is taken (the
    outermost verb: "Lee worried that the net was becoming "a hammock"" is
    Lee's).  None when the quotation opens its sentence.
    """
    first = doc.char_span(content[0], content[1], alignment_mode="expand")
    if first is None or not len(first):
        return None
    sent = first[0].sent
    para = paragraph(text, content[0])
    lead = text[max(sent.start_char, para[0]):content[0]]
    if sum(1 for w in lead.split() if any(c.isalnum() for c in w)) < 2:
        return None
    aside = next((t for t in sent if as_aside(t) and t.right_edge.idx < content[0]
                  and t.idx >= para[0]), None)
    if aside is not None and (subj := subject_of(aside)) is not None:
        return subtree_span(subj, text)
    root = sent.root
    if not root.tag_.startswith("VB") or content[0] <= root.idx < content[1] \
            or root.lower_ in _COPULAS:
        # "X is not the "Y"": a copula states what something is; nobody speaks.
        return None
    subj = subject_of(root)
    if subj is None or subj.idx >= content[0] or subj.idx < para[0]:
        return None
    span = subtree_span(subj, text)
    span = trim(text, max(span[0], para[0]), min(span[1], content[0]))
    return span if span[1] > span[0] else None


_PUT = frozenset({"put", "puts", "putting"})


def as_aside(verb: Token) -> bool:
    """``As Lee put it, ...``, ``..., as Lee noted, ...``: the clause is Lee's.

    A reporting verb (or "put it") in an adverbial clause opened by "as",
    with a subject of its own, attributes the sentence it is hung on.
    """
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ == "as"), None)
    if verb.dep_ != "advcl" or mark is None or mark.i != verb.left_edge.i:
        return False  # not "even as Lee claimed"
    doc = verb.doc
    before = doc[mark.i - 1].text if mark.i > verb.sent.start else ","
    after = doc[verb.right_edge.i + 1].text if verb.right_edge.i + 1 < len(doc) else ""
    if before != "," or after != "," or any(
            c.dep_ in ("ccomp", "auxpass") or c.dep_ == "nsubjpass" for c in verb.children):
        return False  # an aside between commas, active, saying nothing of its own
    if not any(c.dep_ == "nsubj" for c in verb.children):
        return False
    return verb.lower_ in speech_forms() or (
        verb.lower_ in _PUT and any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children))


_CONTRAST = frozenset({"while", "whereas", "although", "though"})
_RELATIVE_WORDS = frozenset({"where", "who", "which", "whose"})


def _appended(tok: Token) -> bool:
    """``tok``, right after a comma, opens a clause the reporter adds to a statement.

    ", believing ...", ", while her rival ...", ", where he trailed ...":
    a participle, a contrast or a non-restrictive relative clause.
    """
    if tok.tag_ == "VBG" and tok.dep_ in ("advcl", "xcomp", "conj", "acl"):
        return True
    if tok.dep_ == "mark" and tok.lower_ in _CONTRAST:
        return True
    return tok.lower_ in _RELATIVE_WORDS and tok.head.dep_ == "relcl"


def appended_end(comp: Token, end_tok: Token) -> Token:
    """The last token of a complement before a trailing clause appended after a comma.

    PolNeAR (like a reader) takes "X announced it would seek a recount" as
    the statement, not the reporter's ", where he trailed by ..." after it.
    Only a clause running to the end of the complement is cut.
    """
    doc = comp.doc
    for tok in comp.subtree:
        if tok.i <= comp.i or tok.i + 1 > end_tok.i or tok.text != ",":
            continue
        nxt = doc[tok.i + 1]
        clause = nxt.head if nxt.dep_ in ("mark", "nsubj") or nxt.lower_ in _RELATIVE_WORDS \
            else nxt
        if _appended(nxt) and clause.right_edge.i >= end_tok.i - 1 and tok.i - 1 > comp.left_edge.i:
            return doc[tok.i - 1]
    return end_tok


def subtract(text: str, content: list[tuple[int, int]],
             holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Content spans without the speaker and cue inside them.

    "the plan, which critics say is late": what is said is "which | is late";
    the speaker and cue of a relative clause are not part of the content.
    """
    out = list(content)
    for lo, hi in holes:
        nxt: list[tuple[int, int]] = []
        for a, b in out:
            if hi <= a or lo >= b:
                nxt.append((a, b))
                continue
            nxt.extend(p for p in (trim(text, a, lo), trim(text, hi, b)) if p[1] > p[0])
        out = nxt
    return out
