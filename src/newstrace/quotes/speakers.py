"""Speakers: the subject of a cue, and who a pronoun, role or surname stands for.

Within one article a speaker is often named once in full ("Ann Lee, a
researcher at ...") and then as "Lee", "she" or "the researcher".  These
rules follow the usual news-writing conventions (full name first, then short
references) rather than a trained coreference model, which the small spaCy
pipeline does not include.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from newstrace.quotes.lexicon import (
    NAMING_PARTICIPLES,
    PRONOUNS,
    RAISING_VERBS,
    ROLE_NOUNS,
    control_forms,
    speech_forms,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from newstrace.model import Entity, Quote

_NAMED = ("PERSON", "ORG", "NORP", "GPE")
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
_DETERMINERS = ("the ", "The ")


_RELATIVE = frozenset({"who", "that", "which", "whom"})
_POSSESSIVES = {"its": "it", "his": "he", "their": "they", "her": "her", "our": "we", "my": "i"}


def subject_child(verb: Token, deps: tuple[str, ...]) -> Token | None:
    """The child of ``verb`` with one of the subject relations ``deps``.

    With two (a misparse: a dateline's "Washington (AFP) -" read as a second
    subject of the lead's verb), the one nearest before the verb.
    """
    subjects = [c for c in verb.children if c.dep_ in deps]
    before = [c for c in subjects if c.i < verb.i]
    return before[-1] if before else (subjects[0] if subjects else None)


def subject_of(verb: Token) -> Token | None:
    """The grammatical subject of a cue verb.

    Inherited through 'adding', 'and said' (the governing verb's subject); for
    a relative or participial clause ('the senator who said', 'the man
    saying') it is the noun the clause modifies.
    """
    subj = subject_child(verb, ("nsubj", "nsubjpass", "csubj"))
    if subj is not None and subj.lower_ not in _RELATIVE:
        return subj
    if (verb.dep_ == "acl" or (verb.dep_ == "relcl" and _infinitive(verb))) \
            and (owner := _object_owner(verb)) is not None:
        return owner
    if verb.dep_ == "acl" and verb.tag_ == "VB" and (
            poss := next((c for c in verb.head.children if c.dep_ == "poss"), None)) is not None:
        return poss  # "its intention to justify X", "Lee's plan to cut X": the owner's
    if verb.dep_ in ("relcl", "acl") and verb.head.i != verb.i:
        return verb.head
    if subj is not None:
        return subj
    return _inherited_subject(verb)


def _object_owner(verb: Token) -> Token | None:
    """``Lee issued a statement saying X``, ``has a rare chance to show X``: Lee speaks.

    A participle or infinitive hung on a common noun that is the object of
    another verb (directly or through prepositions) is said by that verb's
    subject, not by the noun ("a statement", "more time", "pains").
    """
    noun = verb.head
    if verb.tag_ not in ("VBG", "VB") or noun.pos_ not in ("NOUN", "PROPN") \
            or noun.ent_type_ not in ("", "DATE", "TIME") \
            or (noun.pos_ == "PROPN" and not noun.ent_type_):
        return None
    tok, recipient = noun, False
    while tok.dep_ in ("pobj", "prep", "dative") and tok.head.i != tok.i:
        recipient = recipient or tok.dep_ == "dative"
        tok = tok.head
    if tok.tag_.startswith("VB") and tok is not noun and (_infinitive(verb) or recipient):
        # "tweeted on Friday to say X", "took to social media to complain", "sent an
        # email to supporters stating X" (the participle misread as the recipients')
        owner = tok
    elif tok.dep_ in ("dobj", "npadvmod") and tok.head.tag_.startswith("VB"):
        owner = tok.head
    else:
        return None
    subj = subject_child(owner, ("nsubj",))
    return subj if subj is not None and subj.lower_ not in _RELATIVE else None


def _infinitive(verb: Token) -> bool:
    """``to`` + base form: a purpose or complement infinitive, never a relative clause."""
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


_CHAIN = ("advcl", "conj", "xcomp", "parataxis", "pcomp", "prep", "dep", "acomp", "attr", "dobj",
          "pobj")


def _inherited_subject(verb: Token) -> Token | None:
    """Subject of the verb governing a participle or infinitive ('began by saying').

    "quoted the minister as saying" credits the object, not the subject; so
    do "left many voters wondering" and causatives ("led Lee to say",
    "prompted critics to ask").
    """
    if (conjunct := _matching_conjunct(verb)) is not None:
        return subject_of(conjunct)
    tok, via_as = verb, False
    if verb.dep_ in ("ccomp", "xcomp", "oprd") and (
            verb.tag_ == "VBG" or verb.head.lower_ in control_forms()):
        obj = _object_before(verb)
        if obj is not None:
            return obj
    for _ in range(5):
        if tok.dep_ in ("relcl", "acl") and tok.head.i != tok.i and tok is not verb:
            # "Lee, who endorsed X and said ...", "Lee, ..., tweeted on Friday to say"
            # (a finite verb misread as a participle on its subject): the noun.
            return tok.head
        if tok.dep_ not in _CHAIN or tok.head.i == tok.i:
            return _first_clause_subject(tok) if tok is not verb else None
        via_as = via_as or (tok.dep_ == "prep" and tok.lower_ == "as")
        tok = tok.head
        if via_as:
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj
        subj = subject_child(tok, ("nsubj", "nsubjpass"))
        if subj is not None and subj.lower_ not in _RELATIVE:
            return _outer_speaker(tok, subj, verb)
    return None


_TENSES = {"VBZ": "present", "VBP": "present"}


def _matching_conjunct(verb: Token) -> Token | None:
    """The verb a subjectless conjunct is coordinated with, past a misattached head.

    "Lee backpedaled on a claim that Russia would recover, and blamed X":
    the parser often hangs the second verb on the last verb before it (in
    the clause of the first); coordinated verbs share their form, so the
    nearest governing verb of the same form (past, present, participle) is
    the first conjunct, whose subject "blamed" shares.
    """
    head = verb.head
    if verb.dep_ != "conj" or head.i == verb.i or not head.tag_.startswith("VB") \
            or _form(head) == _form(verb):
        return None
    for anc in head.ancestors:
        if anc.tag_.startswith("VB") and _form(anc) == _form(verb):
            return anc
    return None


def _form(verb: Token) -> str:
    return _TENSES.get(verb.tag_, verb.tag_)


def _first_clause_subject(verb: Token) -> Token | None:
    """``Lee summed up X, denounced Y and said Z``: the series' subject, misparsed.

    The parser often makes the first verb of such a series a clause of the
    second, leaving the second (and the verbs joined to it) without a subject.
    """
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return None
    first = next((c for c in verb.lefts if c.dep_ == "ccomp"), None)
    if first is None or not any(t.text == "," for t in verb.doc[first.right_edge.i:verb.i]):
        return None
    subj = next((c for c in first.children if c.dep_ == "nsubj"), None)
    return subj if subj is not None and subj.lower_ not in _RELATIVE else None


def _outer_speaker(clause: Token, subj: Token, verb: Token) -> Token:
    """``Lee said he plans X, insisting Y``: the participle is Lee's, not "he"'s.

    The parser often hangs a trailing participle on the reported clause; the
    speaker of the governing cue is the source of a reporting participle
    ("..., denouncing", "..., saying"), of a cue whose clause subject is a
    pronoun (which usually repeats that speaker) and of a reporting verb the
    parser coordinated into the clause ("Lee said Kim was wrong and urged X").
    """
    head = clause.head
    coordinated = verb.dep_ == "conj" and verb.lower_ in speech_forms()
    if (subj.lower_ in PRONOUNS or verb.tag_ == "VBG" or coordinated) and clause.dep_ == "ccomp" \
            and head.lower_ in speech_forms() and not _quoted_after(clause, head):
        outer = subject_child(head, ("nsubj",))
        if outer is not None and outer.lower_ not in _RELATIVE:
            return outer
    return subj


def _quoted_after(clause: Token, head: Token) -> bool:
    """``head`` follows ``clause`` inside an opened quotation: a misparse, not a trailing cue.

    ``Lee attacked Kim, saying he is "weak, you know that"``: the parser may
    hang the sentence on the quoted "know"; an odd count of double marks
    between the two means the head is quoted words.
    """
    if head.i < clause.i:
        return False
    between = clause.doc.text[clause.idx:head.idx]
    return sum(between.count(m) for m in '"“”') % 2 == 1


def _object_before(verb: Token) -> Token | None:
    """``left many voters wondering``, ``heard Lee saying``: the object is who speaks."""
    head = verb.head
    obj = next((c for c in head.children if c.dep_ == "dobj" and head.i < c.i < verb.i), None)
    if obj is None or any(t.text == "," for t in verb.doc[obj.right_edge.i + 1:verb.i]):
        return None
    return obj


_DEMONSTRATIVES = frozenset({"this", "that", "these", "those", "there", "all", "such"})


def non_referential(doc: Doc, start: int, end: int) -> bool:
    """The phrase at ``[start, end)`` cannot be anyone who speaks.

    A bare demonstrative ("this", "All this", "that") stands for a fact, not a
    speaker, and "it" in "It is known that ..." is an expletive: the subject of
    a passive or copular cue, or of a raising verb ("It appears that ...").
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    words = [t.lower_ for t in span if not t.is_punct]
    if words and all(w in _DEMONSTRATIVES for w in words):
        return True
    if words == ["it"]:
        tok = span.root
        verb = tok.head
        # "It appears that ...", "it seems inevitable that ...": a raising verb's "it" is empty.
        return tok.dep_ in ("expl", "nsubjpass") or verb.lower_ in RAISING_VERBS or any(
            c.dep_ in ("auxpass", "acomp") for c in verb.children)
    return False


def holderless_cue(doc: Doc, cue: tuple[int, int], content: tuple[int, int]) -> bool:
    """The cue reports no one's words or thoughts, whatever its subject.

    "The plan seems to fail" is the writer's impression: "the plan" holds
    no view (in "Lee seemed to mock X" the cue is "mock", and the mocking is
    Lee's).  "A group called "X"" names the group (the name right after the
    participle; "a lawmaker called Lee "a fraud"" is the lawmaker's).  A
    quotation such a cue marks has no speaker in the text.
    """
    span = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    if span is None or len(span) != 1:
        return False
    tok = span[0]
    if tok.lower_ in RAISING_VERBS:
        return any(c.dep_ == "xcomp" for c in tok.children)
    if tok.lower_ not in NAMING_PARTICIPLES or tok.dep_ != "acl" \
            or tok.tag_ not in ("VBN", "VBD") or content[0] < cue[1]:
        return False
    between = doc.text[cue[1]:content[0]].strip(" \t\n\"'“”‘’«»„").lower()
    return between in ("", "the", "a", "an")


def _full_name(doc: Doc, name: Span) -> str:
    """Expand a surname-only person mention to the article's first fuller mention.

    Only when that fuller name is the only one of its surname so far.
    """
    text = _strip(name.text)
    if name.label_ != "PERSON" or len(text.split()) > 1:
        return text
    low = text.lower()
    fuller: list[str] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON" or ent.start_char >= name.start_char:
            continue
        parts = [p.lower() for p in _strip(ent.text).replace("-", " ").split()]
        full = _strip(ent.text)
        if len(parts) > 1 and low in parts and full not in fuller:
            fuller.append(full)
    # Two people of one surname named before ("Bill Lee", "Ann Lee"): "Lee"
    # (or "Mrs. Lee") could be either, so the name stays as written.
    return fuller[0] if len({f.split()[0].lower() for f in fuller}) == 1 else text


def _strip(text: str) -> str:
    for det in _DETERMINERS:
        if text.startswith(det):
            text = text[len(det):]
    for suffix in ("’s", "'s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return _drop_relative(text).strip(" ,")


def _drop_relative(text: str) -> str:
    """``the senator, who`` without its relative pronoun (kept in the speaker span only)."""
    head, _, last = text.rstrip(" ,").rpartition(" ")
    return head.rstrip(" ,") if head and last.lower() in _RELATIVE | {"whose"} else text


def _ents_in(doc: Doc, start: int, end: int) -> list[Span]:
    return [e for e in doc.ents if e.start_char >= start and e.end_char <= end
            and e.label_ in _NAMED]


def _role_target(doc: Doc, noun: str, before: int) -> str | None:
    """The person an earlier apposition or title ties to ``noun`` (else an ORG named so)."""
    person: str | None = None
    org: str | None = None
    for ent in doc.ents:
        if ent.start_char >= before:
            continue
        if ent.label_ == "ORG" and noun in ent.text.lower().split():
            org = _strip(ent.text)
        elif ent.label_ == "PERSON":
            words = {t.lower_ for t in _apposition_tokens(ent)}
            if noun in words or noun.rstrip("s") in words:
                person = _full_name(doc, ent)
    return person or org


def _apposition_tokens(ent: Span) -> Iterable[Token]:
    """Tokens of appositions and titles attached to a named mention."""
    root = ent.root
    for child in root.children:
        if child.dep_ == "appos":
            yield from child.subtree
    if root.dep_ == "appos":
        head = root.head
        while head.dep_ in ("pobj", "prep") and head.head.i < head.i:
            head = head.head
        yield from (t for t in head.subtree if t.i < ent.start)
    for tok in root.lefts:
        if tok.i < ent.start and tok.dep_ in ("compound", "amod", "nmod"):
            yield from tok.subtree


def resolve_speaker(doc: Doc, start: int, end: int,
                    previous: list[tuple[int, str]]) -> str | None:
    """Display name for the speaker text at ``[start, end)``.

    The name whose words include the phrase's head wins ("Ann Lee, a nurse at
    City Hospital" is Ann Lee); a pronoun or a definite role noun ("the
    researcher") is resolved to an earlier person; "the agency's statement"
    is the agency's.  ``previous`` lists (offset, name) of speakers already
    resolved earlier in the article.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    head = span.root
    ents = _ents_in(doc, start, end)
    own = [e for e in ents if e.start <= head.i < e.end]
    own += [e for e in ents if e.label_ == "PERSON" and e.root.dep_ == "appos"]
    if own:
        return _full_name(doc, own[0])
    word = _POSSESSIVES.get(head.lower_, head.lower_)
    if word in PRONOUNS:
        return _antecedent(doc, start, previous, person=word in _PERSON_PRONOUNS)
    if word in ROLE_NOUNS and head.tag_ != "NNS" and any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children):
        # "the official" is someone named before; "the two officials" are not one person.
        return _role_target(doc, word, start) or _last(previous, start) \
            or _drop_relative(span.text)
    owner = [e for e in ents if e.root.head.i == head.i and e.root.dep_ == "poss"]
    people = [e for e in ents if e.label_ == "PERSON"]
    if owner or people:
        return _full_name(doc, (owner or people)[0])
    return _strip(span.text)


def _last(previous: list[tuple[int, str]], before: int) -> str | None:
    earlier = [name for pos, name in previous if pos < before]
    return earlier[-1] if earlier else None


def _antecedent(doc: Doc, before: int, previous: list[tuple[int, str]],
                person: bool) -> str | None:
    """Nearest preceding person (or group, for 'they') mention."""
    labels = ("PERSON",) if person else ("PERSON", "ORG", "NORP", "GPE")
    cands = [e for e in doc.ents if e.end_char <= before and e.label_ in labels]
    last_named = _full_name(doc, cands[-1]) if cands else None
    last_speaker = _last(previous, before)
    if last_speaker and (last_named is None or last_named in last_speaker
                         or last_speaker in last_named):
        return last_speaker
    return last_named or last_speaker


def link_speakers(quotes: Mapping[str, list[Quote]] | Iterable[Quote],
                  entities: Iterable[Entity]) -> None:
    """Set ``Quote.speaker_entity`` from cross-document entities (in place).

    ``quotes`` is ``{article id: [Quote]}`` (as ``extract_many`` returns) or a
    flat iterable.  A quote's speaker is linked to the entity one of whose
    surface forms is the resolved name, else to the entity with a mention
    inside the speaker span.
    """
    flat: Iterable[Quote] = (
        [q for qs in quotes.values() for q in qs] if isinstance(quotes, Mapping) else quotes)
    by_span: dict[tuple[str, int], str] = {}
    by_form: dict[str, str] = {}
    for ent in entities:
        for m in ent.mentions:
            by_span[(m.span.article_id, m.span.start)] = ent.id
        for form in ent.forms:
            by_form.setdefault(form.lower(), ent.id)
    for q in flat:
        if q.speaker_name and q.speaker_name.lower() in by_form:
            q.speaker_entity = by_form[q.speaker_name.lower()]
            continue
        if q.speaker is not None:
            for pos in range(q.speaker.start, q.speaker.end):
                if (q.article_id, pos) in by_span:
                    q.speaker_entity = by_span[(q.article_id, pos)]
                    break
